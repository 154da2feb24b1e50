"""What the page shows for a view: filtered frame, figure, title block text and the highlight.

The figure always comes from chart.figure.build_chart; the dashboard only adds an outline shape
around the selected item, where the chart says the item is drawn, and shows the selected item's
arrows when the chart draws arrows on demand (above chart.figure.FEW_ARROWS). A new view redraws
with the figure's own x range, unless the user has zoomed the same chart: then it comes as a
patch that keeps the zoom (see dashboard.zoom).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from defense_timeline.chart.figure import Chart, build_chart, reveal_links
from defense_timeline.chart.place import ItemBox
from defense_timeline.dashboard.lru import Lru
from defense_timeline.dashboard.served import Loaded
from defense_timeline.output.fitted import FIT_WIDTHS
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.filters import filter_frame
from defense_timeline.view.frame import timeline_frame
from defense_timeline.view.options import ViewOptions
from defense_timeline.view.sources import for_view, source_words

HIGHLIGHT_NAME = "selected-item"
HIGHLIGHT_LINE = {"color": "#111111", "width": 2.5}


# Measured with tracemalloc (tests/test_dashboard_memory.py): a chart holds at most ~2.7 KB per
# drawn item (fewer per item in large charts, which draw an overview).
CHART_BYTES_PER_ITEM = 3_000
CHART_CACHE_BYTES = 48_000_000


def chart_weight(drawn: Chart) -> int:
    """An upper estimate of a chart's memory, for the cache's byte budget."""
    return 50_000 + CHART_BYTES_PER_ITEM * len(drawn.placement.df)


# Keyed by the file's stamp, so a save never serves a stale chart; charts are never mutated.
CHARTS = Lru(CHART_CACHE_BYTES, chart_weight)


def filtered(loaded: Loaded, view: ViewOptions) -> tuple[pd.DataFrame, int]:
    """The items the view shows and how many were known on its date before filtering."""
    timeline, view = for_view(loaded.timeline, view)
    df = timeline_frame(timeline, view.as_of, view.baseline)
    return filter_frame(df, view.filters), len(df)


def fit_width(measured: object) -> int | None:
    """The width a chart is laid out for: the widest of FIT_WIDTHS that fits the width the
    browser measured (the narrowest if none does); None for no measure (a default width)."""
    if isinstance(measured, bool) or not isinstance(measured, int | float) or measured <= 0:
        return None
    fitting = [w for w in FIT_WIDTHS if w <= measured]
    return fitting[-1] if fitting else FIT_WIDTHS[0]


def chart(loaded: Loaded, view: ViewOptions, fit: int | None = None) -> Chart:
    """The chart of a view without its title block, which the page shows (shared: never mutate)."""
    view = replace(view, show_title=False)
    return CHARTS.get(
        (loaded.key, loaded.stamp, view, fit), lambda: build_chart(loaded.timeline, view, fit)
    )


def figure(loaded: Loaded, view: ViewOptions, fit: int | None = None) -> go.Figure:
    """The figure of chart(loaded, view)."""
    return chart(loaded, view, fit).figure


def figure_with_highlight(
    loaded: Loaded, view: ViewOptions, item_id: str | None, fit: int | None = None
):
    """The chart of a view with an outline around the selected item, if it is drawn."""
    drawn = chart(loaded, view, fit)
    box = drawn.item_box(item_id) if item_id else None
    if box is None:
        return drawn.figure
    out = reveal_links(drawn.figure.to_dict(), item_id)  # a copy: the cached chart stays as is
    out["layout"]["shapes"] = [*out["layout"].get("shapes", []), highlight_shape(box)]
    return out


def arrows_shown(
    loaded: Loaded, view: ViewOptions, item_id: str | None, fit: int | None = None
) -> dict[int, bool]:
    """Whether each arrow drawn on demand (by its place in layout.annotations) shows for the
    selected item: its own arrows only (empty when the chart draws every arrow)."""
    meta = chart(loaded, view, fit).figure.layout.meta or {}
    links = (meta.get("links") if isinstance(meta, dict) else None) or {}
    shown = set(links.get(item_id, ())) if item_id else set()
    return {n: n in shown for n in sorted({i for ids in links.values() for i in ids})}


def highlighted_shapes(
    loaded: Loaded, view: ViewOptions, item_id: str | None, fit: int | None = None
) -> list[dict]:
    """The chart's shapes with the outline around the selected item instead of any other."""
    drawn = chart(loaded, view, fit)
    shapes = [s.to_plotly_json() for s in drawn.figure.layout.shapes if s.name != HIGHLIGHT_NAME]
    box = drawn.item_box(item_id) if item_id else None
    if box is not None:
        shapes.append(highlight_shape(box))
    return shapes


def _iso(ms: float) -> str:
    return str(np.datetime64(int(ms), "ms"))


def highlight_shape(box: ItemBox) -> dict:
    """An outline around the selected item: its bar, or a square around its marker."""
    shape = {
        "type": "rect",
        "name": HIGHLIGHT_NAME,
        "xref": "x",
        "yref": "y",
        "y0": box.y - 0.42,
        "y1": box.y + 0.42,
        "line": HIGHLIGHT_LINE,
        "fillcolor": "rgba(0,0,0,0)",
        "layer": "above",
    }
    if box.x1 - box.x0 < 1:
        shape.update(xsizemode="pixel", xanchor=_iso(box.x0), x0=-11, x1=11)
    else:
        shape.update(x0=_iso(box.x0), x1=_iso(box.x1))
    return shape


def view_day(timeline: Timeline, view: ViewOptions) -> date:
    """The day the view shows (a source's date in its view)."""
    timeline, view = for_view(timeline, view)
    return view.as_of or timeline.as_of


def meta_text(timeline: Timeline, view: ViewOptions) -> list[str]:
    """Short facts under the title: view date, baseline, file date, counts."""
    base = (
        "as first planned" if view.baseline is None else f"as stated on {view.baseline.isoformat()}"
    )
    stated = [source_words(timeline, view.source)] if view.source in timeline.sources else []
    return [
        f"Viewed as of {view_day(timeline, view).isoformat()}",
        *stated,
        f"Baseline: {base}",
        f"File date {timeline.as_of.isoformat()}",
        f"{len(timeline.items)} items, {len(timeline.sources)} sources",
    ]


def count_text(shown: int, known: int, total: int, day: date) -> str:
    """How many items the filters let through, of those known on the view date."""
    text = f"Showing {shown} of {known} items known on {day.isoformat()}"
    if known < total:
        text += f" ({total - known} reported later)"
    return text
