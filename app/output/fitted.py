"""An HTML chart that fits its container: the figure laid out for several widths, and a small
script that draws the one for the widest that fits, again whenever the container is resized.

Labels, titles and lane names are laid out in Python (chart.rows) for a width; a chart drawn
wider than it was laid out for keeps every label clear (each takes fewer days of the axis), so
the script picks the widest layout no wider than the container. A large chart's path shapes
are drawn by the page's path layer (assets/path_layer.js), not by plotly.js.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

from defense_timeline.paths import assets_dir
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.options import ViewOptions

# An autosized chart is laid out for each of these widths (CSS pixels).
FIT_WIDTHS = (480, 640, 760, 900, 1000, 1200, 1400, 1600, 1900)
FEW_FIT_WIDTHS = (480, 760, 1200, 1600)  # for charts of many items, whose JSON is large
MANY_ITEMS = 300
PLOTLY_CONFIG = {"responsive": True, "displaylogo": False, "scrollZoom": False}
DEFAULT_HEIGHT = 900
# V8's explicit compile hint (Chromium 136 and later; a comment elsewhere): compile every
# function of plotly.js as the script loads, not each on its first call. Measured in headless
# Chromium on a 1,000-item page, medians of 15 loads: plotly.js ready 80 ms sooner and the chart
# drawn 34 ms faster after it, 1,180 against 1,287 ms in all.
COMPILE_HINT = "//# allFunctionsCalledOnLoad\n"

FIT_SCRIPT = """<script>
(function () {
  var gd = document.getElementById(%(id)s);
  var sent = JSON.parse(document.getElementById(%(id)s + "-fits").textContent);
  var fits = sent.fits;  // each a width, its layout and its traces' places in sent.traces
  var config = %(config)s, drawn = -1, pinned = null, hooked = null, layer = null;
  if (sent.paths) layer = pathLayer(gd, sent.template);  // a large chart (assets/path_layer.js)
  function showLinks(id) {  // arrows drawn on demand: the hovered or clicked item's only
    var links = (gd.layout.meta || {}).links, update = {};
    if (!links) return;
    var mine = links[id] || [];
    Object.keys(links).forEach(function (key) {
      links[key].forEach(function (i) {
        update["annotations[" + i + "].visible"] = mine.indexOf(i) >= 0;
      });
    });
    Plotly.relayout(gd, update);
  }
  function itemOf(event) {
    var point = event && event.points && event.points[0];
    var id = point ? point.customdata : null;  // chart.parts.item_customdata's convention
    return Array.isArray(id) ? id[0] : id || null;
  }
  function hook() {
    window.shapeLayers.hook(gd);  // hidden shapes stay undrawn (assets/shape_layers.js)
    if (hooked === gd._ev) return;  // a new plot (Plotly.newPlot) drops every handler
    hooked = gd._ev;
    gd.on("plotly_hover", function (e) { showLinks(itemOf(e)); });
    gd.on("plotly_unhover", function () { showLinks(pinned); });
    gd.on("plotly_click", function (e) { pinned = itemOf(e); showLinks(pinned); });
  }
  function fit() {
    var width = gd.getBoundingClientRect().width, k = 0;
    for (var i = 0; i < fits.length; i++) if (fits[i].width <= width) k = i;
    if (k === drawn || !window.Plotly) return;
    drawn = k;
    var fig = {
      data: fits[k].data.map(function (i) { return sent.traces[i]; }),
      layout: Object.assign({template: sent.template}, fits[k].layout)
    };
    if (fits.length > 1) fig = JSON.parse(JSON.stringify(fig));  // plotly.js writes into it
    if (layer) layer.take(fig.layout);
    gd.style.height = gd.parentElement.style.height = fig.layout.height + "px";
    gd.dataset.fitWidth = fits[k].width;
    pinned = null;
    var drawing = Plotly.react(gd, fig.data, fig.layout, layer ? layer.config(config) : config);
    drawing.then(hook).then(layer && layer.hook);
  }
  fit();
  window.addEventListener("load", fit);  // plotly.js loaded by a later script
  if (window.ResizeObserver) new ResizeObserver(fit).observe(gd);
})();
</script>"""


def fit_widths(timeline: Timeline, view: ViewOptions) -> tuple[int, ...]:
    """The widths to lay a chart out for: the view's own, else FIT_WIDTHS (fewer when many
    items; one for an overview of thousands, which has no labels to lay out)."""
    from defense_timeline.chart.layout import DEFAULT_WIDTH
    from defense_timeline.chart.place import LARGE_ITEMS

    if view.width:
        return (view.width,)
    if len(timeline.items) > LARGE_ITEMS:
        return (DEFAULT_WIDTH,)
    return FEW_FIT_WIDTHS if len(timeline.items) > MANY_ITEMS else FIT_WIDTHS


def fitted_charts(timeline: Timeline, view: ViewOptions) -> list[tuple[int, Any]]:
    """(width, Chart) laid out for each of fit_widths, narrowest first; the rows they draw are
    the same at every width (only where labels go differs)."""
    from defense_timeline.chart.figure import build_chart

    return [(w, build_chart(timeline, view, w)) for w in fit_widths(timeline, view)]


def script_json(value: Any) -> str:
    """JSON safe inside a <script> element: no "<" can end it or open a comment."""
    return (
        value.replace("<", "\\u003c") if isinstance(value, str) else script_json(json.dumps(value))
    )


def fitted_chart(charts: list[tuple[int, Any]], div_id: str, plotly_js: str | None) -> str:
    """The chart's <div>, its layouts as JSON and the script that draws the fitting one;
    plotly_js is the plotly.js to carry inline, if any."""
    figures = [(w, chart.figure) for w, chart in charts]
    paths = any(chart.placement.large for _, chart in charts)
    div = chart_div(div_id, plotly_js)
    sent = fits_json(figures, paths)
    data = f'<script type="application/json" id="{div_id}-fits">{sent}</script>'
    script = FIT_SCRIPT % {"id": json.dumps(div_id), "config": json.dumps(PLOTLY_CONFIG)}
    helpers = [page_script("shape_layers.js"), *([page_script("path_layer.js")] if paths else [])]
    inline = "".join(f"<script data-manual>\n{js}</script>\n" for js in helpers)
    return f"{div}\n{data}\n{inline}{script}"


def trace_types(charts: list[tuple[int, Any]]) -> set[str]:
    """The plotly trace types the charts draw (which plotly.js bundle can draw them)."""
    return {trace.type for _, chart in charts for trace in chart.figure.data}


@cache
def page_script(name: str) -> str:
    """One of the dashboard's scripts (assets/), which a page carries inline: shape_layers.js
    keeps hidden shapes undrawn, path_layer.js draws a large chart's shapes on a canvas."""
    return (assets_dir() / name).read_text(encoding="utf-8")


def fits_json(figures: list[tuple[int, Any]], paths: bool = False) -> str:
    """The figures laid out for several widths as one JSON text safe in a <script>: every
    distinct trace once (the same at every width unless lane labels wrap differently, which
    moves the rows) and the plotly template once; each width names its traces by place.
    paths: the page draws the shapes on the x axis itself (assets/path_layer.js)."""
    encode, traces = _encoder(), {}
    fits, template = [], "null"
    for width, fig in figures:
        sent = fig.to_dict()
        for trace in sent["data"]:
            trace.pop("uid", None)  # as to_json does
        template = encode(sent["layout"].pop("template", None))
        places = ",".join(str(traces.setdefault(encode(t), len(traces))) for t in sent["data"])
        fits.append(f'{{"width":{width},"data":[{places}],"layout":{encode(sent["layout"])}}}')
    flag = ',"paths":true' if paths else ""
    text = f'{{"template":{template},"traces":[{",".join(traces)}],"fits":[{",".join(fits)}]'
    text += f"{flag}}}"
    return script_json(text)


def _encoder() -> Callable[[Any], str]:
    """plotly's JSON encoding (to_json's: typed arrays, NaN and infinities as null), compact.

    plotly decodes and encodes again any text in which "NaN" or "Infinity" appears, which a
    large chart's base64 arrays almost always hold by chance; a text encoded with no NaN or
    infinity is already what that gives, so only a value that holds one takes plotly's way.
    """
    from plotly.utils import PlotlyJSONEncoder

    plotly = PlotlyJSONEncoder(separators=(",", ":"))
    strict = PlotlyJSONEncoder(separators=(",", ":"), allow_nan=False)

    def encode(value: Any) -> str:
        try:
            return json.JSONEncoder.encode(strict, value)
        except ValueError:  # a NaN or an infinity: null, as plotly writes it
            return plotly.encode(value)

    return encode


def chart_div(div_id: str, plotly_js: str | None) -> str:
    """The <div> the fitting chart is drawn in, after plotly.js itself when given (no CDN).
    Nothing is drawn in it before FIT_SCRIPT draws the chart: an empty plot drawn first (as
    plotly.io.to_html draws one) cost about 150 ms of the first draw at 50,000 items."""
    js = f"<script>{COMPILE_HINT}{plotly_js}</script>\n" if plotly_js else ""
    inner = f'<div id="{div_id}" class="plotly-graph-div" style="height:100%; width:100%;"></div>'
    return f'<div style="height:{DEFAULT_HEIGHT}px; width:100%;">\n{js}{inner}\n</div>'
