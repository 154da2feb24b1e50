"""Display: colour by, calendar or fiscal axis (in which calendar), packed lanes or one row per
item, and the overlays (baseline ghosts, dependency arrows). No callbacks of their own: the
panel reads them."""

from __future__ import annotations

from collections.abc import Callable

from dash import dcc, html
from defense_timeline.dashboard import ids
from defense_timeline.dashboard.widgets import Control, field, radio, section
from defense_timeline.timeline.dates import PRESETS
from defense_timeline.view.describe import calendar_title
from defense_timeline.view.options import ViewOptions, option

COLOR_BY = (("lane", "Lane"), ("kind", "Kind"), ("status", "Status"), ("state", "State"))
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
}


def _overlays(view: ViewOptions) -> dcc.Checklist:
    overlays = [option(name) for name in OVERLAYS]
    return dcc.Checklist(
        id=ids.OVERLAYS,
        value=[o.key for o in overlays if getattr(view, o.name)],
        className="checklist",
        options=[{"label": o.label, "value": o.key} for o in overlays],
    )


def display_section(view: ViewOptions) -> html.Section:
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
        field(option("color_by").label, radio(ids.COLOR_BY, COLOR_BY, view.color_by)),
        field(option("fiscal_axis").label, axis, ids.AXIS),
        field(option("layout").label, radio(ids.LAYOUT, LAYOUTS, view.layout)),
        field("Overlays", _overlays(view)),
    )
