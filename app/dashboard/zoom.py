"""The user's x zoom: kept through redraws, carried by the link and by every download.

dcc.Graph copies a zoomed x axis into its figure prop, so a whole new figure always resets the
zoom. A new view of the chart already drawn is therefore sent as a Patch that replaces the traces
and every layout key except the x axis's range, which stays the one the browser shows. Another
timeline gets the whole figure (and so its own range).

The zoom is also two controls, the days the axis starts and ends on (the view options x_from and
x_to, whole days that contain the range on screen): a relayout in the browser writes them, so the
link, the address bar and the downloads carry the zoom; a link with a zoom opens zoomed, and a
whole figure sent for the same timeline (a saved file) keeps it. Picking another timeline, or
autoscaling, clears it.
"""

from __future__ import annotations

from dash import Dash, Input, Output, Patch, dcc
from defense_timeline.dashboard import ids
from defense_timeline.dashboard.served import Loaded
from defense_timeline.dashboard.state import iso_day
from defense_timeline.dashboard.widgets import Control
from defense_timeline.view.filters import zoom_range
from defense_timeline.view.options import ViewOptions

CONTROLS = {"x_from": Control(ids.ZOOM_FROM, "data"), "x_to": Control(ids.ZOOM_TO, "data")}

KEPT_X = ("range", "autorange")  # the x axis keys the browser owns while the chart is kept


def chart_key(loaded: Loaded) -> str:
    """Which chart is drawn: the timeline and its file stamp (a new one resets the zoom)."""
    return f"{loaded.key}|{loaded.stamp}"


# Marks the chart store "user" when a relayout sets the x range (zoom, pan, reset axes) and
# "auto" when it autoscales x; other relayouts (a resize, a y zoom) leave it as it is.
ZOOM_FLAG_JS = """function (relayout, drawn) {
    const none = window.dash_clientside.no_update;
    if (!relayout || !drawn) { return none; }
    if (relayout["xaxis.autorange"]) { return Object.assign({}, drawn, {zoom: "auto"}); }
    const set = Object.keys(relayout).some((name) => name.startsWith("xaxis.range"));
    return set ? Object.assign({}, drawn, {zoom: "user"}) : none;
}"""


def time_axes(layout: dict) -> list[str]:
    """The layout's time axes: xaxis, and the copy at the top of a tall chart (xaxis2)."""
    return [name for name in layout if name.startswith("xaxis")]


def drawn_keys(figure: dict) -> dict:
    """What the chart store remembers of a figure sent: its layout and time axes' keys; the
    user's zoom flag is set on it by relayouts in the browser."""
    layout = figure["layout"]
    axes = {name: sorted(layout[name]) for name in time_axes(layout)}
    return {"layout": sorted(layout), "xaxis": axes.get("xaxis", []), "axes": axes, "zoom": "auto"}


def keeping_zoom(figure: dict, sent: dict | None) -> Patch:
    """A patch that redraws figure but keeps the browser's x range on every time axis (a tall
    chart's top axis too); sent: keys drawn before."""
    layout = figure["layout"]
    patch = Patch()
    patch["data"] = figure["data"]
    sent = sent or {}
    for name in sent.get("layout", []):
        if name not in layout:
            del patch["layout"][name]
    axes = {**(sent.get("axes") or {}), "xaxis": sent.get("xaxis", [])}
    for name, value in layout.items():
        if not name.startswith("xaxis"):
            patch["layout"][name] = value
            continue
        for key in axes.get(name, []):
            if key not in value and key not in KEPT_X:
                del patch["layout"][name][key]
        for key, item in value.items():
            if key not in KEPT_X:
                patch["layout"][name][key] = item
    return patch


def zoom_stores(view: ViewOptions) -> list[dcc.Store]:
    """The zoom's two controls, holding the link's zoom (ISO days, or None)."""
    return [
        dcc.Store(id=ids.ZOOM_FROM, data=view.x_from.isoformat() if view.x_from else None),
        dcc.Store(id=ids.ZOOM_TO, data=view.x_to.isoformat() if view.x_to else None),
    ]


def zoomed(figure: dict, x_from: object, x_to: object) -> bool:
    """Set a whole figure's x range (a dict, changed in place) to a zoom of whole days; whether
    there was a zoom to set."""
    days = zoom_range(ViewOptions(x_from=iso_day(x_from), x_to=iso_day(x_to)))
    if days is None:
        return False
    for axis in time_axes(figure["layout"]) or ["xaxis"]:
        figure["layout"].setdefault(axis, {}).update(range=days, autorange=False)
    return True


# The days a relayout's x range covers (the day it starts on, the day it ends in), or none when
# it autoscales x; other relayouts (a resize, a y zoom) change nothing.
ZOOM_RANGE_JS = r"""function (relayout) {
    const none = window.dash_clientside.no_update;
    if (!relayout) { return [none, none]; }
    if (relayout["xaxis.autorange"]) { return [null, null]; }
    const range = relayout["xaxis.range"] ||
        [relayout["xaxis.range[0]"], relayout["xaxis.range[1]"]];
    const day = (v) => {
        if (v === undefined || v === null) { return null; }
        const text = typeof v === "number" ? new Date(v).toISOString() : String(v);
        const m = /^(-?\d{4,})-(\d\d)-(\d\d)/.exec(text);
        return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
    };
    const [lo, hi] = [day(range[0]), day(range[1])];
    return lo && hi ? [lo, hi] : [none, none];
}"""


def register(app: Dash, served: object = None) -> None:
    """Relayouts write the zoom's controls; another timeline clears them."""
    app.clientside_callback(
        ZOOM_RANGE_JS,
        Output(ids.ZOOM_FROM, "data", allow_duplicate=True),
        Output(ids.ZOOM_TO, "data", allow_duplicate=True),
        Input(ids.GRAPH, "relayoutData"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        "function (key) { return [null, null]; }",
        Output(ids.ZOOM_FROM, "data", allow_duplicate=True),
        Output(ids.ZOOM_TO, "data", allow_duplicate=True),
        Input(ids.TIMELINE, "value"),
        prevent_initial_call=True,
    )
