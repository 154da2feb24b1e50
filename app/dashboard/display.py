"""Display: colour by, calendar or fiscal axis (in which calendar), packed lanes or one row per
item, the overlays (baseline ghosts, dependency arrows) and which lanes are collapsed. The
panel reads them; the lanes offered for collapsing follow the timeline."""

from __future__ import annotations

from collections.abc import Callable

from dash import Dash, Input, Output, State, callback_context, dcc, html
from defense_timeline.dashboard import ids
from defense_timeline.dashboard.served import ServedFiles, resolve
from defense_timeline.dashboard.widgets import Control, field, radio, section
from defense_timeline.timeline.dates import PRESETS
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.describe import calendar_title
from defense_timeline.view.options import COLOR_TITLES, ViewOptions, option

AXES = (
    ("calendar", "Calendar years"),
    ("fiscal", "Fiscal years of the timeline (several: each lane its own)"),
    *((name, calendar_title([cal])) for name, cal in PRESETS.items()),
)
LAYOUTS = (("packed", "Packed lanes"), ("rows", "One per item"))
OVERLAYS = ("show_baseline", "show_links")  # one checkbox each, its value the option's link key


def _ticked(name: str) -> Callable[[list | None], bool]:
    """Reads an overlay's checkbox: on when ticked."""
    key = option(name).key
    return lambda ticked: key in (ticked or ())


CONTROLS = {
    "color_by": Control(ids.COLOR_BY),
    "fiscal_axis": Control(ids.AXIS),
    "layout": Control(ids.LAYOUT),
    **{name: Control(ids.OVERLAYS, read=_ticked(name)) for name in OVERLAYS},
    "collapsed": Control(ids.COLLAPSE),
}


def _overlays(view: ViewOptions) -> dcc.Checklist:
    overlays = [option(name) for name in OVERLAYS]
    return dcc.Checklist(
        id=ids.OVERLAYS,
        value=[o.key for o in overlays if getattr(view, o.name)],
        className="checklist",
        options=[{"label": o.label, "value": o.key} for o in overlays],
    )


def lane_choices(timeline: Timeline | None) -> list[dict]:
    """The lanes a timeline offers for collapsing, as checklist options."""
    offered = option("collapsed").offered
    if timeline is None or offered is None:
        return []
    return [{"label": label, "value": value} for value, label in offered(timeline)]


def _collapse(view: ViewOptions, timeline: Timeline | None) -> dcc.Checklist:
    return dcc.Checklist(
        id=ids.COLLAPSE,
        value=list(view.collapsed),
        className="checklist",
        options=lane_choices(timeline),
    )


def display_section(view: ViewOptions, timeline: Timeline | None = None) -> html.Section:
    """Colour-by, calendar or fiscal axis, packed or one row per item, overlays."""
    axis = dcc.Dropdown(
        id=ids.AXIS,
        options=[{"label": label, "value": value} for value, label in AXES],
        value=view.fiscal_axis,
        clearable=False,
        searchable=False,
    )
    return section(
        "Display",
        field(
            option("color_by").label,
            radio(ids.COLOR_BY, tuple(COLOR_TITLES.items()), view.color_by),
        ),
        field(option("fiscal_axis").label, axis, ids.AXIS),
        field(option("layout").label, radio(ids.LAYOUT, LAYOUTS, view.layout)),
        field("Overlays", _overlays(view)),
        field(option("collapsed").label, _collapse(view, timeline)),
    )


def register(app: Dash, served: ServedFiles) -> None:
    """The lanes offered for collapsing follow the timeline (a timeline just picked: none is)."""

    @app.callback(
        Output(ids.COLLAPSE, "options"),
        Output(ids.COLLAPSE, "value", allow_duplicate=True),
        Input(ids.TIMELINE, "value"),
        Input(ids.STAMP, "data"),
        State(ids.COLLAPSE, "value"),
        State(ids.UPLOADS, "data"),
        prevent_initial_call=True,
    )
    def _lanes(key, stamp, value, uploads):
        loaded = resolve(served, key, uploads)
        choices = lane_choices(loaded.timeline if loaded else None)
        picked = any(t["prop_id"].startswith(ids.TIMELINE) for t in callback_context.triggered)
        offered = {c["value"] for c in choices}
        return choices, [] if picked else [v for v in value or () if v in offered]
