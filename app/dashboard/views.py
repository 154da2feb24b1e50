"""What the page shows for a view: filtered frame, figure, title block text and the highlight.

The figure always comes from chart.figure.build_chart; the dashboard only adds an outline shape
around the selected item, where the chart says the item is drawn, and shows the selected item's
arrows when the chart draws arrows on demand (above chart.figure.FEW_ARROWS). A new view redraws
with the figure's own x range, unless the user has zoomed the same chart: then it comes as a
patch that keeps the zoom (see dashboard.zoom).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import pandas as pd
from defense_timeline.chart.figure import build_chart, reveal_links
from defense_timeline.chart.place import ItemBox, Placement
from defense_timeline.dashboard.lru import Lru
from defense_timeline.dashboard.served import Loaded
from defense_timeline.dashboard.table import table_rows
from defense_timeline.output.fitted import FIT_WIDTHS
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.filters import filter_frame
from defense_timeline.view.frame import timeline_frame
from defense_timeline.view.options import ViewOptions
from defense_timeline.view.sources import for_view, source_words

HIGHLIGHT_NAME = "selected-item"
HIGHLIGHT_LINE = {"color": "#111111", "width": 2.5}


# Measured with tracemalloc (tests/test_dashboard_memory.py): a drawn chart holds ~250-500 KB and
# ~1-3 KB per drawn item (fewer per item in large charts, which draw an overview).
CHART_BYTES = 600_000
CHART_BYTES_PER_ITEM = 3_000
CHART_CACHE_BYTES = 48_000_000


@dataclass(frozen=True, slots=True)
class Drawn:
    """A chart as the page is sent it, made once: its figure as plain dicts (arrays already
    encoded; converting a Figure for each answer was most of an ordinary request's time) and
    the placement that says where each item is drawn."""

    plain: dict
    placement: Placement

    def item_box(self, item_id: str) -> ItemBox | None:
        """Where the chart draws the item (None when it does not)."""
        return self.placement.item_box(item_id)


def drawn_weight(drawn: Drawn) -> int:
    """An upper estimate of a drawn chart's memory, for the cache's byte budget."""
    return CHART_BYTES + CHART_BYTES_PER_ITEM * len(drawn.placement.df)


# Keyed by the file's stamp (an upload's: the hash of its text), so a save never serves a stale
# chart; drawn charts are shared by every request: never mutated.
CHARTS = Lru(CHART_CACHE_BYTES, drawn_weight)


def filtered(loaded: Loaded, view: ViewOptions) -> tuple[pd.DataFrame, int]:
    """The items the view shows and how many were known on its date before filtering."""
    timeline, view = for_view(loaded.timeline, view)
    df = timeline_frame(timeline, view.as_of, view.baseline)
    return filter_frame(df, view.filters), len(df)


TABLE_NOTE = "The items table below lists every item with its dates and status."
# Measured with tracemalloc (tests/test_dashboard_memory.py): a table row holds ~0.6-1.1 KB.
ROW_BYTES = 1_200


def table_weight(answer: tuple) -> int:
    """An upper estimate of a table answer's memory (its rows), for the cache's byte budget."""
    return 10_000 + ROW_BYTES * len(answer[0])


TABLES = Lru(16_000_000, table_weight)


def table_answer(loaded: Loaded, view: ViewOptions) -> tuple[list[dict], str, str]:
    """Table rows, the item count and the chart's text alternative of a view, made once per
    file version (shared: never mutate)."""
    from defense_timeline.output.alttext import summary_sentence

    def make() -> tuple[list[dict], str, str]:
        timeline, shown = for_view(loaded.timeline, view)  # a source's view: its items only
        df, known = filtered(loaded, shown)
        count = count_text(len(df), known, len(timeline.items), view_day(timeline, shown))
        summary = f"{summary_sentence(timeline, shown, df)} {TABLE_NOTE}" if len(df) else ""
        return table_rows(df), count, summary

    return TABLES.get((loaded.key, loaded.stamp, view), make)


def fit_width(measured: object) -> int | None:
    """The width a chart is laid out for: the widest of FIT_WIDTHS that fits the width the
    browser measured (the narrowest if none does); None for no measure (a default width)."""
    if isinstance(measured, bool) or not isinstance(measured, int | float) or measured <= 0:
        return None
    fitting = [w for w in FIT_WIDTHS if w <= measured]
    return fitting[-1] if fitting else FIT_WIDTHS[0]


def drawn(loaded: Loaded, view: ViewOptions, fit: int | None = None) -> Drawn:
    """The chart of a view without its title block, which the page shows (shared: never mutate)."""
    view = replace(view, show_title=False)

    def make() -> Drawn:
        made = build_chart(loaded.timeline, view, fit)
        plain = _lists(made.figure.to_plotly_json())
        if made.placement.large:  # its shapes drawn on a canvas (assets/path_layer.js)
            plain["layout"]["meta"] = {**(plain["layout"].get("meta") or {}), "pathLayer": True}
        return Drawn(plain, made.placement)

    return CHARTS.get((loaded.key, loaded.stamp, view, fit), make)


def _lists(value):
    """value with the arrays to_plotly_json leaves (text, ids, colours) made lists, as the JSON
    encoder would make them for every answer."""
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_lists(v) for v in value]
    if isinstance(value, np.ndarray):
        return value.tolist()
    return value


def plain_figure(loaded: Loaded, view: ViewOptions, fit: int | None = None) -> dict:
    """The figure of a view as plain dicts, as the page is sent it (shared: never mutate)."""
    return drawn(loaded, view, fit).plain


def own_layout(plain: dict, *names: str) -> dict:
    """A figure whose layout dict, and the named layout entries, can be changed without changing
    plain (the shared one): copies of those, the rest shared."""
    layout = dict(plain["layout"])
    for name in names:
        if isinstance(layout.get(name), dict):
            layout[name] = dict(layout[name])
        elif isinstance(layout.get(name), list):
            layout[name] = [dict(e) if isinstance(e, dict) else e for e in layout[name]]
    return {**plain, "layout": layout}


def figure_with_highlight(
    loaded: Loaded, view: ViewOptions, item_id: str | None, fit: int | None = None
) -> dict:
    """The chart of a view (plain dicts) with an outline around the selected item, if it is
    drawn; the shared plain figure itself when there is none."""
    made = drawn(loaded, view, fit)
    box = made.item_box(item_id) if item_id else None
    if box is None:
        return made.plain
    out = reveal_links(own_layout(made.plain, "annotations"), item_id)
    out["layout"]["shapes"] = [*out["layout"].get("shapes", []), highlight_shape(box)]
    return out


def arrows_shown(
    loaded: Loaded, view: ViewOptions, item_id: str | None, fit: int | None = None
) -> dict[int, bool]:
    """Whether each arrow drawn on demand (by its place in layout.annotations) shows for the
    selected item: its own arrows only (empty when the chart draws every arrow)."""
    meta = plain_figure(loaded, view, fit)["layout"].get("meta") or {}
    links = (meta.get("links") if isinstance(meta, dict) else None) or {}
    shown = set(links.get(item_id, ())) if item_id else set()
    return {n: n in shown for n in sorted({i for ids in links.values() for i in ids})}


def highlighted_shapes(
    loaded: Loaded, view: ViewOptions, item_id: str | None, fit: int | None = None
) -> list[dict]:
    """The chart's shapes with the outline around the selected item instead of any other."""
    made = drawn(loaded, view, fit)
    shapes = made.plain["layout"].get("shapes") or []
    shapes = [s for s in shapes if s.get("name") != HIGHLIGHT_NAME]
    box = made.item_box(item_id) if item_id else None
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
