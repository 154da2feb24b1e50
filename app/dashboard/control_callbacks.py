"""Controls -> view: time travel (slider, picker, latest, play), baseline, filters, URL sync."""

from __future__ import annotations

from datetime import date

from dash import Dash, Input, Output, State, ctx, no_update
from defense_timeline.dashboard import ids
from defense_timeline.dashboard.controls import (
    FIRST_PLANNED,
    baseline_options,
    kind_options,
    lane_options,
    slider_index,
    slider_marks,
    status_options,
    tag_options,
)
from defense_timeline.dashboard.served import ServedFiles, resolve, statement_days
from defense_timeline.dashboard.state import PageState, to_query, without_item
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.options import Filters, ViewOptions

PLAY, PAUSE = "▶ Play", "❚❚ Pause"


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def collect_state(
    key,
    as_of,
    baseline,
    lanes,
    kinds,
    statuses,
    tags,
    search,
    start,
    end,
    color,
    axis,
    layout,
    overlays,
    selected,
) -> PageState:
    """The page state the controls describe."""
    filters = Filters(
        lanes=tuple(lanes or ()),
        kinds=tuple(kinds or ()),
        statuses=tuple(statuses or ()),
        tags=tuple(tags or ()),
        window_start=_day(start),
        window_end=_day(end),
        search=(search or "").strip(),
    )
    view = ViewOptions(
        as_of=_day(as_of),
        baseline=None if baseline in (None, FIRST_PLANNED) else _day(baseline),
        filters=filters,
        color_by=color or "lane",
        fiscal_axis=axis == "fiscal",
        layout=layout or "packed",
        show_baseline="ghosts" in (overlays or ()),
        show_links="links" in (overlays or ()),
    )
    return PageState(timeline=key, view=view, item=selected or None)


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


def _timeline(served: ServedFiles, key: str | None, uploads: dict | None) -> Timeline | None:
    loaded = resolve(served, key, uploads)
    return loaded.timeline if loaded else None


def _register_refresh(app: Dash, served: ServedFiles) -> None:
    """Options follow the timeline (and its live edits); a new timeline resets the filters."""

    @app.callback(
        Output(ids.LANES, "options"),
        Output(ids.KINDS, "options"),
        Output(ids.STATUSES, "options"),
        Output(ids.TAGS, "options"),
        Output(ids.AS_OF_SLIDER, "max"),
        Output(ids.AS_OF_SLIDER, "marks"),
        Output(ids.BASELINE, "options"),
        Output(ids.BASELINE_FILE, "children"),
        Output(ids.LANES, "value", allow_duplicate=True),
        Output(ids.KINDS, "value", allow_duplicate=True),
        Output(ids.STATUSES, "value", allow_duplicate=True),
        Output(ids.TAGS, "value", allow_duplicate=True),
        Output(ids.SEARCH, "value", allow_duplicate=True),
        Output(ids.WINDOW, "start_date", allow_duplicate=True),
        Output(ids.WINDOW, "end_date", allow_duplicate=True),
        Output(ids.AS_OF, "date", allow_duplicate=True),
        Output(ids.BASELINE, "value", allow_duplicate=True),
        Output(ids.SELECTED, "data", allow_duplicate=True),
        Output(ids.STAMP, "data", allow_duplicate=True),
        Input(ids.TIMELINE, "value"),
        Input(ids.STAMP, "data"),
        State(ids.UPLOADS, "data"),
        State(ids.BASELINE, "value"),
        prevent_initial_call=True,
    )
    def _refresh(key, _stamp, uploads, baseline):
        loaded = resolve(served, key, uploads)
        timeline = loaded.timeline if loaded else None
        days = statement_days(timeline)
        chosen = _day(baseline) if ctx.triggered_id == ids.STAMP else None
        options = (
            lane_options(timeline),
            kind_options(timeline),
            status_options(timeline),
            tag_options(timeline),
            max(len(days) - 1, 1),
            slider_marks(days),
            baseline_options(days, chosen),
            f"Plan of {timeline.as_of.isoformat()}" if timeline else "Plan of file date",
        )
        if ctx.triggered_id == ids.STAMP or timeline is None:
            return (*options, *([no_update] * 11))
        reset = (
            [],
            [],
            [],
            [],
            "",
            None,
            None,
            timeline.as_of.isoformat(),
            FIRST_PLANNED,
            None,
            loaded.stamp,
        )
        return (*options, *reset)


def _register_time(app: Dash, served: ServedFiles) -> None:
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
        State(ids.PLAY_TIMER, "disabled"),
        prevent_initial_call=True,
    )
    def _as_of(slider, picked, _latest, _file, _tick, key, uploads, paused):
        timeline = _timeline(served, key, uploads)
        if timeline is None:
            return no_update, no_update, no_update, no_update
        days = statement_days(timeline)
        index, day, playing = step_as_of(days, _day(picked), ctx.triggered_id, slider, timeline)
        if ctx.triggered_id == ids.PLAY_TIMER and not playing:
            return index, day.isoformat(), True, PLAY
        return index, day.isoformat(), no_update, no_update

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
        timeline = _timeline(served, key, uploads)
        days = statement_days(timeline)
        if not days:
            return no_update, no_update, no_update
        current = _day(picked)
        rewind = current is None or current >= days[-1]
        return False, PAUSE, days[0].isoformat() if rewind else no_update

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


def _register_filters(app: Dash) -> None:
    """One click clears every filter."""

    @app.callback(
        Output(ids.LANES, "value", allow_duplicate=True),
        Output(ids.KINDS, "value", allow_duplicate=True),
        Output(ids.STATUSES, "value", allow_duplicate=True),
        Output(ids.TAGS, "value", allow_duplicate=True),
        Output(ids.SEARCH, "value", allow_duplicate=True),
        Output(ids.WINDOW, "start_date", allow_duplicate=True),
        Output(ids.WINDOW, "end_date", allow_duplicate=True),
        Input(ids.RESET, "n_clicks"),
        prevent_initial_call=True,
    )
    def _reset(_n):
        return [], [], [], [], "", None, None


CONTROL_INPUTS = (
    (ids.TIMELINE, "value"),
    (ids.AS_OF, "date"),
    (ids.BASELINE, "value"),
    (ids.LANES, "value"),
    (ids.KINDS, "value"),
    (ids.STATUSES, "value"),
    (ids.TAGS, "value"),
    (ids.SEARCH, "value"),
    (ids.WINDOW, "start_date"),
    (ids.WINDOW, "end_date"),
    (ids.COLOR_BY, "value"),
    (ids.AXIS, "value"),
    (ids.LAYOUT, "value"),
    (ids.OVERLAYS, "value"),
    (ids.SELECTED, "data"),
)


def share_link(href: str | None, query: str) -> str:
    """The full link to a view: this page's address with the view's query."""
    base = (href or "").split("?", 1)[0].split("#", 1)[0]
    return base + query


def _register_collect(app: Dash) -> None:
    """Controls -> the view query (chart and table follow it) and the address bar."""

    @app.callback(
        Output(ids.VIEW, "data"),
        Output(ids.URL, "search"),
        Output(ids.SHARE, "value"),
        *[Input(cid, prop) for cid, prop in CONTROL_INPUTS],
        State(ids.VIEW, "data"),
        State(ids.URL, "href"),
    )
    def _collect(*values):
        *controls, previous, href = values
        query = to_query(collect_state(*controls))
        view_query = without_item(query)
        return (no_update if view_query == previous else view_query, query, share_link(href, query))


def register(app: Dash, served: ServedFiles) -> None:
    """Attach the control callbacks to an app."""
    _register_refresh(app, served)
    _register_time(app, served)
    _register_filters(app)
    _register_collect(app)
