"""Redraws that keep the user's x zoom while the same timeline file is shown.

dcc.Graph copies a zoomed x axis into its figure prop, so a whole new figure always resets the
zoom. A new view of the chart already drawn is therefore sent as a Patch that replaces the traces
and every layout key except the x axis's range, which stays the one the browser shows. Another
timeline, or a saved file, gets the whole figure (and so its own range).
"""

from __future__ import annotations

from dash import Patch
from defense_timeline.dashboard.served import Loaded

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


def drawn_keys(figure: dict) -> dict:
    """What the chart store remembers of a figure sent: its layout and x axis keys; the user's
    zoom flag is set on it by relayouts in the browser."""
    layout = figure["layout"]
    return {"layout": sorted(layout), "xaxis": sorted(layout.get("xaxis", {})), "zoom": "auto"}


def keeping_zoom(figure: dict, sent: dict | None) -> Patch:
    """A patch that redraws figure but keeps the browser's x range; sent: keys drawn before."""
    layout = figure["layout"]
    xaxis = layout.get("xaxis", {})
    patch = Patch()
    patch["data"] = figure["data"]
    sent = sent or {}
    for name in sent.get("layout", []):
        if name not in layout:
            del patch["layout"][name]
    for name in sent.get("xaxis", []):
        if name not in xaxis and name not in KEPT_X:
            del patch["layout"]["xaxis"][name]
    for name, value in layout.items():
        if name != "xaxis":
            patch["layout"][name] = value
    for name, value in xaxis.items():
        if name not in KEPT_X:
            patch["layout"]["xaxis"][name] = value
    return patch
