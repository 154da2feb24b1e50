"""Time travel: the view date (slider over statement days, picker, latest, file date, play), the
baseline the plans are compared with and the source view; their layout and their callbacks."""

from __future__ import annotations

from datetime import date
from typing import Any

from dash import Dash, Input, Output, State, ctx, dcc, html, no_update
from defense_timeline.dashboard import ids
from defense_timeline.dashboard.served import ServedFiles, resolve, statement_days
from defense_timeline.dashboard.state import iso_day
from defense_timeline.dashboard.widgets import Control, button, field, section
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.options import ViewOptions, option

FIRST_PLANNED = "first"  # baseline dropdown value for "as each item was first planned"
MAX_MARKS = 5
PLAY, PAUSE = "▶ Play", "❚❚ Pause"
# FIRST_PLANNED is no date, so it reads as no baseline date: as first planned.
CONTROLS = {
    "as_of": Control(ids.AS_OF, "date"),
    "baseline": Control(ids.BASELINE),
    "source": Control(ids.SOURCE),
}


def slider_marks(days: list[date]) -> dict:
    """Year labels at a year's first statement, at least a seventh of the track apart."""
    gap = max(1.0, (len(days) - 1) / MAX_MARKS)
    marks: dict[int, dict] = {}
    last = None
    for i, day in enumerate(days):
        new_year = i == 0 or day.year != days[i - 1].year
        if new_year and (last is None or i - last >= gap):
            marks[i] = {"label": str(day.year)}
            last = i
    return marks


def slider_index(days: list[date], day: date) -> int:
    """The index of the last statement day on or before day (0 when day precedes them all)."""
    index = 0
    for i, d in enumerate(days):
        if d <= day:
            index = i
    return index


def baseline_options(days: list[date], chosen: date | None) -> list[dict]:
    """'As first planned' then one 'as stated on' option per statement day."""
    options = [{"label": "As each item was first planned", "value": FIRST_PLANNED}]
    all_days = sorted(set(days) | ({chosen} if chosen else set()))
    options += [{"label": f"As stated on {d}", "value": d.isoformat()} for d in all_days]
    return options


def plan_label(timeline: Timeline | None) -> str:
    """The text of the button that compares against the plan of the file's date."""
    return f"Plan of {timeline.as_of.isoformat()}" if timeline else "Plan of file date"


def latest_day(days: list[date], today: date | None = None) -> date:
    """'Latest': today, or the last statement if the file has statements dated in the future."""
    today = today or date.today()
    return max([today, *days[-1:]])


def step_as_of(
    days: list[date], current: date | None, trigger, slider: int | None, timeline: Timeline
) -> tuple[int, date, bool]:
    """New (slider index, view date, keep playing) after one control moved."""
    current = current or timeline.as_of
    if trigger == ids.AS_OF_SLIDER and days and slider is not None:
        day = days[max(0, min(int(slider), len(days) - 1))]
    elif trigger == ids.LATEST:
        day = latest_day(days)
    elif trigger == ids.FILE_DATE:
        day = timeline.as_of
    elif trigger == ids.PLAY_TIMER:
        later = [d for d in days if d > current]
        if not later:
            return slider_index(days, current), current, False
        day = later[0]
        return slider_index(days, day), day, day < days[-1]
    else:
        day = current
    return slider_index(days, day), day, True


# ---------------------------------------------------------------- layout


def _slider(days: list[date], as_of: date) -> html.Div:
    slider = dcc.Slider(
        id=ids.AS_OF_SLIDER,
        min=0,
        max=max(len(days) - 1, 1),
        step=1,
        value=slider_index(days, as_of),
        marks=slider_marks(days),
        included=True,
        allow_direct_input=False,
        updatemode="mouseup",
        className="asof-slider",
    )
    # assets/a11y.js names the slider's thumb after data-slider-label and reads its value out
    # as the date in the view-date field (data-value-from)
    named = {"data-slider-label": "View date: statement dates", "data-value-from": ids.AS_OF}
    return html.Div(slider, className="slider-wrap", **named)


def _date_buttons() -> html.Div:
    return html.Div(
        [
            button(PLAY, ids.PLAY, "Step through every statement date"),
            button("Latest", ids.LATEST, "Everything known today"),
            button("File date", ids.FILE_DATE, "The date the file describes the world as of"),
        ],
        className="button-row",
    )


def _view_date(as_of: date) -> html.Div:
    picker = dcc.DatePickerSingle(
        id=ids.AS_OF,
        date=as_of.isoformat(),
        display_format="YYYY-MM-DD",
        clearable=False,
        className="date-input",
    )
    return field(option("as_of").label, picker, ids.AS_OF, hint="what was known on this day")


def _baseline(timeline: Timeline | None, days: list[date], view: ViewOptions) -> list:
    dropdown = dcc.Dropdown(
        id=ids.BASELINE,
        options=baseline_options(days, view.baseline),
        value=view.baseline.isoformat() if view.baseline else FIRST_PLANNED,
        clearable=False,
        searchable=False,
    )
    plan = button(
        plan_label(timeline),
        ids.BASELINE_FILE,
        "Compare against the plan as stated on the file's date",
    )
    return [
        field(option("baseline").label, dropdown, ids.BASELINE),
        html.Div(plan, className="button-row"),
    ]


SOURCE_LABEL = 34  # characters of a source's date and title that fit the panel's dropdown


def source_options(timeline: Timeline | None) -> list[dict]:
    """The sources on offer for the source view, oldest first; a long label is cut to fit the
    panel and shown whole as the option's tooltip."""
    if timeline is None:
        return []
    return [
        {"label": _cut(label), "value": v, "title": label}
        for v, label in option("source").offered(timeline)
    ]


def _cut(text: str) -> str:
    return text if len(text) <= SOURCE_LABEL else text[: SOURCE_LABEL - 1].rstrip() + "…"


def _source(timeline: Timeline | None, view: ViewOptions) -> html.Div:
    dropdown = dcc.Dropdown(
        id=ids.SOURCE,
        options=source_options(timeline),
        value=view.source or None,
        clearable=True,
        placeholder="All sources, as of the view date",
    )
    hint = "only what it stated, as of its date"
    return field(option("source").label, dropdown, ids.SOURCE, hint=hint)


def time_section(timeline: Timeline | None, view: ViewOptions) -> html.Section:
    """View date (slider over statement days, picker, latest, play) and the baseline."""
    days = statement_days(timeline)
    as_of = view.as_of or (timeline.as_of if timeline else date.today())
    return section(
        "Time travel",
        _view_date(as_of),
        _slider(days, as_of),
        _date_buttons(),
        *_baseline(timeline, days, view),
        _source(timeline, view),
        dcc.Interval(id=ids.PLAY_TIMER, interval=900, disabled=True),
    )


# ---------------------------------------------------------------- callbacks


def refreshed(timeline: Timeline | None, picked: bool, baseline: str | None) -> dict[str, Any]:
    """The slider's track and the baseline choices of a timeline; a timeline just picked also
    starts at its file date, compared with the plans as first made."""
    days = statement_days(timeline)
    out = {
        "max": max(len(days) - 1, 1),
        "marks": slider_marks(days),
        "baselines": baseline_options(days, None if picked else iso_day(baseline)),
        "plan": plan_label(timeline),
        "sources": source_options(timeline),
        "as_of": no_update,
        "baseline": no_update,
        "source": no_update,
    }
    if picked and timeline is not None:
        out.update(as_of=timeline.as_of.isoformat(), baseline=FIRST_PLANNED, source=None)
    return out


def _timeline(served: ServedFiles, key: str | None, uploads: dict | None) -> Timeline | None:
    loaded = resolve(served, key, uploads)
    return loaded.timeline if loaded else None


def _register_refresh(app: Dash, served: ServedFiles) -> None:
    """The controls follow the timeline and its live edits; a new timeline resets them.

    Two callbacks, one per trigger, not one with two inputs: Dash drops the answer of a callback
    still in flight when it is triggered again, and the new stamp that follows every pick would
    drop the pick's reset.
    """
    outputs = {
        "max": Output(ids.AS_OF_SLIDER, "max", allow_duplicate=True),
        "marks": Output(ids.AS_OF_SLIDER, "marks", allow_duplicate=True),
        "baselines": Output(ids.BASELINE, "options", allow_duplicate=True),
        "plan": Output(ids.BASELINE_FILE, "children", allow_duplicate=True),
        "sources": Output(ids.SOURCE, "options", allow_duplicate=True),
        "as_of": Output(ids.AS_OF, "date", allow_duplicate=True),
        "baseline": Output(ids.BASELINE, "value", allow_duplicate=True),
        "source": Output(ids.SOURCE, "value", allow_duplicate=True),
    }
    state = {"uploads": State(ids.UPLOADS, "data"), "baseline": State(ids.BASELINE, "value")}

    @app.callback(
        output=outputs,
        inputs={"key": Input(ids.TIMELINE, "value")},
        state=state,
        prevent_initial_call=True,
    )
    def _picked(key, uploads, baseline):
        return refreshed(_timeline(served, key, uploads), True, baseline)

    @app.callback(
        output=outputs,
        inputs={"stamp": Input(ids.STAMP, "data")},
        state={"key": State(ids.TIMELINE, "value"), **state},
        prevent_initial_call=True,
    )
    def _saved(stamp, key, uploads, baseline):
        return refreshed(_timeline(served, key, uploads), False, baseline)


def _register_as_of(app: Dash, served: ServedFiles) -> None:
    """Slider, date picker, latest / file-date buttons and the play timer stay in step."""

    @app.callback(
        Output(ids.AS_OF_SLIDER, "value"),
        Output(ids.AS_OF, "date"),
        Output(ids.PLAY_TIMER, "disabled"),
        Output(ids.PLAY, "children"),
        Input(ids.AS_OF_SLIDER, "value"),
        Input(ids.AS_OF, "date"),
        Input(ids.LATEST, "n_clicks"),
        Input(ids.FILE_DATE, "n_clicks"),
        Input(ids.PLAY_TIMER, "n_intervals"),
        State(ids.TIMELINE, "value"),
        State(ids.UPLOADS, "data"),
        prevent_initial_call=True,
    )
    def _as_of(slider, picked, _latest, _file, _tick, key, uploads):
        timeline = _timeline(served, key, uploads)
        if timeline is None:
            return no_update, no_update, no_update, no_update
        slider = slider if isinstance(slider, int) else None  # a hand-made request's garbage
        days = statement_days(timeline)
        index, day, playing = step_as_of(days, iso_day(picked), ctx.triggered_id, slider, timeline)
        if ctx.triggered_id == ids.PLAY_TIMER and not playing:
            return index, day.isoformat(), True, PLAY
        return index, day.isoformat(), no_update, no_update


def _register_play(app: Dash, served: ServedFiles) -> None:
    """Play steps through the statement dates (from the first, at the end); Pause stops."""

    @app.callback(
        Output(ids.PLAY_TIMER, "disabled", allow_duplicate=True),
        Output(ids.PLAY, "children", allow_duplicate=True),
        Output(ids.AS_OF, "date", allow_duplicate=True),
        Input(ids.PLAY, "n_clicks"),
        State(ids.PLAY_TIMER, "disabled"),
        State(ids.AS_OF, "date"),
        State(ids.TIMELINE, "value"),
        State(ids.UPLOADS, "data"),
        prevent_initial_call=True,
    )
    def _play(_n, paused, picked, key, uploads):
        if not paused:
            return True, PLAY, no_update
        days = statement_days(_timeline(served, key, uploads))
        if not days:
            return no_update, no_update, no_update
        current = iso_day(picked)
        rewind = current is None or current >= days[-1]
        return False, PAUSE, days[0].isoformat() if rewind else no_update


def _register_plan_of_file_date(app: Dash, served: ServedFiles) -> None:
    """One click compares with the plan as stated on the file's date."""

    @app.callback(
        Output(ids.BASELINE, "value", allow_duplicate=True),
        Input(ids.BASELINE_FILE, "n_clicks"),
        State(ids.TIMELINE, "value"),
        State(ids.UPLOADS, "data"),
        prevent_initial_call=True,
    )
    def _plan_of_file_date(_n, key, uploads):
        timeline = _timeline(served, key, uploads)
        return timeline.as_of.isoformat() if timeline else no_update


def register(app: Dash, served: ServedFiles) -> None:
    """Attach the time-travel callbacks to an app."""
    _register_refresh(app, served)
    _register_as_of(app, served)
    _register_play(app, served)
    _register_plan_of_file_date(app, served)
