"""Large charts (thousands of items): everything drawn as a few SVG paths, no per-item elements.

Measured in headless Chromium at 50,000 items: plotly's WebGL traces spend about two seconds
compiling shaders before drawing anything, SVG markers and bars cost one element per item, but a
layout shape of type "path" draws any number of bars as one element. So bars, date windows and
ghost outlines are path shapes (one per colour), point markers are stacks of vertical strokes
(stroke width is in pixels, so they keep their shape whatever the horizontal zoom), and a single
marker-less trace carries brief hover cards and item ids. Re-checked 2026-12-01 at 50,000 items
(same run, load average 5): the same marks as SVG line traces drew in 12.2 s against 3.1 s as
path shapes, and panned in 8.6 s against 10.0 s.

Panning such a chart in plotly.js is slow: profiled at 100,000 items, 9 of 14 s of a 12-step
drag went to plotly.js redrawing every shape on the x axis on each mouse move (parsing and
converting 7 MB of path strings each time). So the interactive HTML page and the dashboard
(assets/path_layer.js) take these shapes out of what plotly.js draws and stroke them on a
canvas: moved by a transform while dragging, redrawn once when the drag ends. The figure is the
same everywhere; images and exports draw its shapes as plotly.js does.
"""

from __future__ import annotations

import numpy as np
from defense_timeline import vocabulary
from defense_timeline.chart.parts import (
    fade_shapes,
    fade_start,
    item_customdata,
    path_shape,
    span_shapes,
)
from defense_timeline.chart.rows import Geometry
from defense_timeline.chart.text import brief_fields
from defense_timeline.vocabulary import DEADLINE_MARKS, POINT_MARKS, Mark, point_marks

HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}<extra></extra>"
TINY_PX = 1.5
GHOST_MARGIN_PX, GHOST_WIDTH = 1.5, 1.0  # thin rows: the plan's outlines closer and thinner

# Glyphs by the shape of a vocabulary Mark, as (stroke width, top, bottom) in units of the
# marker size, centred on the item: a rounded square, a diamond and a downward triangle, coarse
# enough to draw fast.
GLYPHS = {
    "circle": ((1.0, -0.3, 0.3), (0.6, -0.5, 0.5)),
    "diamond": ((1.0, -0.12, 0.12), (0.6, -0.32, 0.32), (0.25, -0.5, 0.5)),
    "triangle-down": ((1.0, -0.5, -0.2), (0.6, -0.2, 0.1), (0.25, 0.1, 0.45)),
}
DOTS = dict.fromkeys(GLYPHS, ((1.0, -0.5, 0.5),))  # markers too small to tell shapes apart


def bar_shapes(df, geo: Geometry, rows: np.ndarray, color: str, key: str, bar_px: float) -> list:
    """Solid certain spans and faded date windows of the periods among rows.

    Windows narrower than TINY_PX at the chart's scale join their solid bar: this is an overview.
    """
    period = rows[df["kind"].to_numpy()[rows] == "period"]
    y = geo.y[period]
    x0, x1, c0, c1 = geo.x0[period], geo.x1[period], geo.c0[period], geo.c1[period]
    solid = c1 > c0
    tiny = TINY_PX * geo.ms_per_px
    c0 = np.where(solid & (c0 - x0 < tiny), x0, c0)
    c1 = np.where(solid & (x1 - c1 < tiny), x1, c1)
    pts = rows[(df["kind"].to_numpy()[rows] != "period") & df["start_fuzzy"].to_numpy()[rows]]
    w0 = np.concatenate([x0, np.maximum(c1, x0), geo.x0[pts]])
    tail_end = np.fmin(x1, fade_start(df, geo)[period])
    w1 = np.concatenate([np.minimum(c0, x1), tail_end, geo.x1[pts]])
    wy = np.concatenate([y, y, geo.y[pts]])
    keep = w1 - w0 >= np.where(np.arange(len(w0)) < 2 * len(period), 1.0, tiny)
    spans = c0[solid], c1[solid], y[solid]
    shapes = span_shapes(spans, (w0[keep], w1[keep], wy[keep]), color, key, bar_px)
    return shapes + fade_shapes(df, geo, rows, color, key, bar_px)


def glyph_shapes(df, geo: Geometry, rows: np.ndarray, color: str, key: str, size: float) -> list:
    """Point markers among rows as stacked vertical strokes: one path per ink and stroke width,
    each point in the glyph of its vocabulary Mark's shape."""
    kinds = df["kind"].to_numpy()
    pts = rows[kinds[rows] != "period"]
    marks = point_marks(kinds[pts].tolist(), df["deadline_state"].to_numpy()[pts].tolist())
    inks = _inks(color)
    name_of = np.array([inks[m][0] for m in marks], dtype=object)
    shape_of = np.array([m.shape for m in marks], dtype=object)
    if not set(shape_of.tolist()) <= set(GLYPHS):
        raise KeyError(f"no large-chart glyph for {set(shape_of.tolist()) - set(GLYPHS)}")
    glyphs = GLYPHS if size >= 6 else DOTS
    shapes = []
    for name, ink, opacity in dict.fromkeys(inks.values()):
        by_width: dict[float, list[str]] = {}
        for shape, glyph in glyphs.items():
            sel = pts[(shape_of == shape) & (name_of == name)]
            x, y = geo.mid[sel].tolist(), geo.y[sel]
            for width, top, bottom in glyph if len(sel) else ():
                ya = (y + top * size / geo.row_px).tolist()
                yb = (y + bottom * size / geo.row_px).tolist()
                by_width.setdefault(width, []).extend(
                    f"M{a:.0f},{b:.3f}V{c:.3f}" for a, b, c in zip(x, ya, yb, strict=True)
                )
        shapes += [
            path_shape(
                "".join(parts),
                key,
                fillcolor="rgba(0,0,0,0)",
                line=dict(color=ink, width=width * size),
                opacity=opacity,
                name=name,
            )
            for width, parts in by_width.items()
        ]
    return shapes


def _inks(color: str) -> dict[Mark, tuple[str, str, float]]:
    """Name, ink and opacity of every Mark's glyph: the group colour unless the Mark has its own
    ink, or a cross (a glyph of strokes has no room for one: it takes the cross's ink)."""
    marks = [(f"{k}s", m) for k, m in POINT_MARKS.items()]
    marks += [(f"{s} deadlines", m) for s, m in DEADLINE_MARKS.items()]
    inks = {}
    for name, mark in marks:
        ink = vocabulary.MISSED_MARK if mark.cross else mark.ink or color
        plain = not mark.cross and mark.ink is None and mark.overview_opacity == 1
        inks[mark] = ("markers" if plain else name, ink, mark.overview_opacity)
    return inks


def hover_trace(df, geo: Geometry, ids: np.ndarray) -> list:
    """One marker-less trace: a brief hover card and the item id at the middle of every item."""
    if not len(df):
        return []
    custom = item_customdata(ids, brief_fields(df))
    return [
        dict(
            type="scatter",
            x=geo.mid.astype(np.float32),  # within minutes of the middle: the same pixel
            y=geo.y.astype(np.float32),
            mode="none",
            customdata=custom,
            hovertemplate=HOVER,
            showlegend=False,
            name="items",
            hoveron="points",
        )
    ]
