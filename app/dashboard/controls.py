"""The left control panel: timeline picker and upload, time travel, baseline, filters, display."""

from __future__ import annotations

from datetime import date

from dash import dcc, html
from defense_timeline.dashboard import ids
from defense_timeline.dashboard.served import UPLOAD_LIMIT
from defense_timeline.dashboard.state import PageState
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.options import ViewOptions
from defense_timeline.vocabulary import KINDS, STATUSES

FIRST_PLANNED = "first"  # baseline dropdown value for "as each item was first planned"
MAX_MARKS = 5


def lane_options(timeline: Timeline | None) -> list[dict]:
    """One option per lane, in lane order."""
    return [{"label": lane.label, "value": lane.id} for lane in timeline.lanes] if timeline else []


def tag_options(timeline: Timeline | None) -> list[dict]:
    """Every tag used by an item, sorted."""
    tags = sorted({t for it in timeline.items for t in it.tags}) if timeline else []
    return [{"label": t, "value": t} for t in tags]


def _present(timeline: Timeline | None, attr: str, allowed: tuple[str, ...]) -> list[dict]:
    """Options for the values of a field that some item takes, in the canonical order."""
    if timeline is None:
        return []
    if attr == "kind":
        used = {it.kind for it in timeline.items}
    else:
        used = {s.status for it in timeline.items for s in it.states}
    return [{"label": v, "value": v} for v in allowed if v in used]


def kind_options(timeline: Timeline | None) -> list[dict]:
    """The kinds present in the timeline."""
    return _present(timeline, "kind", KINDS)


def status_options(timeline: Timeline | None) -> list[dict]:
    """The statuses any statement of the timeline uses."""
    return _present(timeline, "status", STATUSES)


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


def _field(label: str, control, for_id: str | None = None, hint: str = "") -> html.Div:
    """A labelled control; the label names the control for screen readers."""
    children = [html.Label(label, htmlFor=for_id, className="field-label")]
    if hint:
        children.append(html.Span(hint, className="field-hint"))
    return html.Div([*children, control], className="field")


def _section(title: str, *children, class_name: str = "") -> html.Section:
    return html.Section(
        [html.H2(title, className="panel-title"), *children],
        className=f"panel-section {class_name}".strip(),
    )


def timeline_section(options: list[dict], key: str | None) -> html.Section:
    """Pick a served timeline or open one's own YAML file."""
    picker = dcc.Dropdown(
        id=ids.TIMELINE,
        options=options,
        value=key,
        clearable=False,
        searchable=False,
        className="timeline-picker",
    )
    upload = dcc.Upload(
        id=ids.UPLOAD,
        children=html.Div(
            ["Drop a YAML file here or ", html.Button("browse", className="link-button")]
        ),
        accept=".yaml,.yml,text/yaml,application/x-yaml",
        multiple=False,
        className="upload",
        className_active="upload upload-active",
    )
    return _section(
        "Timeline",
        _field("Timeline file", picker, ids.TIMELINE),
        _field(
            "Open your own file",
            html.Div(upload, **{"data-upload-limit": str(UPLOAD_LIMIT)}),
            hint=f"YAML, up to {UPLOAD_LIMIT / 1e6:g} MB; kept in this browser tab only",
        ),
        html.Div(id=ids.UPLOAD_ERRORS, className="upload-errors", role="status"),
    )


def time_section(timeline: Timeline | None, view: ViewOptions) -> html.Section:
    """View date (slider over statement days, picker, latest, play) and the baseline."""
    days = list(timeline.statement_dates()) if timeline else []
    as_of = view.as_of or (timeline.as_of if timeline else date.today())
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
    buttons = html.Div(
        [
            html.Button(
                "▶ Play",
                id=ids.PLAY,
                className="btn btn-small",
                n_clicks=0,
                title="Step through every statement date",
            ),
            html.Button(
                "Latest",
                id=ids.LATEST,
                className="btn btn-small",
                n_clicks=0,
                title="Everything known today",
            ),
            html.Button(
                "File date",
                id=ids.FILE_DATE,
                className="btn btn-small",
                n_clicks=0,
                title="The date the file describes the world as of",
            ),
        ],
        className="button-row",
    )
    picker = dcc.DatePickerSingle(
        id=ids.AS_OF,
        date=as_of.isoformat(),
        display_format="YYYY-MM-DD",
        clearable=False,
        className="date-input",
    )
    baseline_value = view.baseline.isoformat() if view.baseline else FIRST_PLANNED
    baseline = dcc.Dropdown(
        id=ids.BASELINE,
        options=baseline_options(days, view.baseline),
        value=baseline_value,
        clearable=False,
        searchable=False,
    )
    plan_button = html.Button(
        f"Plan of {timeline.as_of.isoformat()}" if timeline else "Plan of file date",
        id=ids.BASELINE_FILE,
        className="btn btn-small",
        n_clicks=0,
        title="Compare against the plan as stated on the file's date",
    )
    return _section(
        "Time travel",
        _field("View date", picker, ids.AS_OF, hint="what was known on this day"),
        html.Div(slider, className="slider-wrap", **{"aria-label": "Statement dates"}),
        buttons,
        _field("Baseline (ghost outlines)", baseline, ids.BASELINE),
        html.Div(plan_button, className="button-row"),
        dcc.Interval(id=ids.PLAY_TIMER, interval=900, disabled=True),
    )


def filter_section(timeline: Timeline | None, view: ViewOptions) -> html.Section:
    """Lane, kind, status and tag pickers, text search and a date window."""
    f = view.filters

    def multi(cid: str, options: list[dict], value: tuple[str, ...], placeholder: str):
        return dcc.Dropdown(
            id=cid,
            options=options,
            value=list(value),
            multi=True,
            placeholder=placeholder,
            searchable=True,
        )

    window = dcc.DatePickerRange(
        id=ids.WINDOW,
        start_date=f.window_start.isoformat() if f.window_start else None,
        end_date=f.window_end.isoformat() if f.window_end else None,
        display_format="YYYY-MM-DD",
        clearable=True,
        start_date_placeholder_text="from",
        end_date_placeholder_text="to",
        start_date_id=f"{ids.WINDOW}-start",
        end_date_id=f"{ids.WINDOW}-end",
        className="date-input",
    )
    search = dcc.Input(
        id=ids.SEARCH,
        type="search",
        value=f.search,
        debounce=0.3,
        placeholder="Titles, notes, ids, tags",
    )
    return _section(
        "Filters",
        _field("Search", search, ids.SEARCH),
        _field("Lanes", multi(ids.LANES, lane_options(timeline), f.lanes, "All lanes"), ids.LANES),
        _field("Kinds", multi(ids.KINDS, kind_options(timeline), f.kinds, "All kinds"), ids.KINDS),
        _field(
            "Status",
            multi(ids.STATUSES, status_options(timeline), f.statuses, "All statuses"),
            ids.STATUSES,
        ),
        _field("Tags", multi(ids.TAGS, tag_options(timeline), f.tags, "All tags"), ids.TAGS),
        _field("Date window", window, f"{ids.WINDOW}-start"),
        html.Div(
            html.Button(
                "Clear filters", id=ids.RESET, className="btn btn-small btn-quiet", n_clicks=0
            ),
            className="button-row",
        ),
    )


def _radio(cid: str, options: list[tuple[str, str]], value: str) -> dcc.RadioItems:
    return dcc.RadioItems(
        id=cid,
        options=[{"label": lbl, "value": v} for v, lbl in options],
        value=value,
        inline=True,
        className="segmented",
        labelClassName="segmented-option",
    )


def display_section(view: ViewOptions) -> html.Section:
    """Colour-by, calendar or fiscal axis, packed or one row per item, overlays."""
    overlays = [v for v, on in (("ghosts", view.show_baseline), ("links", view.show_links)) if on]
    return _section(
        "Display",
        _field(
            "Colour by",
            _radio(
                ids.COLOR_BY,
                [("lane", "Lane"), ("kind", "Kind"), ("status", "Status")],
                view.color_by,
            ),
        ),
        _field(
            "Axis",
            _radio(
                ids.AXIS,
                [("calendar", "Calendar"), ("fiscal", "Fiscal years")],
                "fiscal" if view.fiscal_axis else "calendar",
            ),
        ),
        _field(
            "Rows",
            _radio(ids.LAYOUT, [("packed", "Packed lanes"), ("rows", "One per item")], view.layout),
        ),
        dcc.Checklist(
            id=ids.OVERLAYS,
            value=overlays,
            className="checklist",
            options=[
                {"label": "Baseline ghost outlines", "value": "ghosts"},
                {"label": "Dependency arrows", "value": "links"},
            ],
        ),
    )


def control_panel(
    timeline: Timeline | None, state: PageState, options: list[dict], key: str | None
) -> html.Aside:
    """The whole left panel for a page state."""
    return html.Aside(
        [
            timeline_section(options, key),
            time_section(timeline, state.view),
            filter_section(timeline, state.view),
            display_section(state.view),
        ],
        className="control-panel",
        **{"aria-label": "View controls"},
    )
