"""Point marks of charts up to a few thousand items: every marker of a colour group in one trace.

The plan's hollow markers (where a point moved), the points in their vocabulary Marks and the
crosses over missed deadlines are one trace per colour group, drawn in that order, each marker
styled by arrays. Each marker is its item's hover target and carries its id, and each item's
card is sent once in the trace (chart.parts' conventions). One trace per group rather than four:
on a 1,000-item page in Chromium, a trace cost about 1 ms of the first draw and a marker 0.03 ms.
"""

from __future__ import annotations

import numpy as np
from defense_timeline import vocabulary
from defense_timeline.chart.parts import (
    GHOST_MARGIN_PX,
    Ink,
    compact,
    hover_cards_of,
    planned_spans,
    revised_rows,
)
from defense_timeline.chart.rows import Geometry
from defense_timeline.chart.text import Cards
from defense_timeline.vocabulary import point_marks

STYLES = ("symbol", "size", "color", "line_width", "line_color", "opacity")


def point_trace(
    df,
    geo: Geometry,
    rows: np.ndarray,
    color: str,
    key: str,
    ink: Ink,
    ids,
    hover: Cards,
    ghosts: bool,
) -> list:
    """The point marks among rows in one trace: the plan's markers where it differs (when
    ghosts), the points, then crosses; hidden with their colour group from the legend."""
    kinds = df["kind"].to_numpy()
    pts = rows[kinds[rows] != "period"]
    if not len(pts):
        return []
    marks = point_marks(kinds[pts].tolist(), df["deadline_state"].to_numpy()[pts].tolist())
    parts = [_plan(df, geo, pts, marks, ink)] if ghosts else []
    parts += [_points(df, geo, pts, marks, color, ink), _crosses(geo, pts, marks, ink)]
    owner = np.concatenate([p["owner"] for p in parts])
    x = np.concatenate([p["x"] for p in parts])
    style = {k: _one_or_all(np.concatenate([p[k] for p in parts])) for k in STYLES}
    line = dict(width=style.pop("line_width"), color=style.pop("line_color"))
    return [
        dict(
            type="scatter",
            x=x.astype(compact(x)),  # float32: within minutes, the same pixel, half the bytes
            y=geo.y[owner].astype(np.float32),
            mode="markers",
            marker=dict(style, line=line),
            hoverlabel=dict(namelength=0),  # no trace name beside the card
            showlegend=False,
            name="markers",
            legendgroup=key,
            **hover_cards_of(ids, owner, hover, False),
        )
    ]


def _styled(owner, x, symbol, size, color, line_width, line_color, opacity) -> dict:
    """A part's markers: their rows, x and every style as an array of their number."""
    n = len(owner)
    values = (symbol, size, color, line_width, line_color, opacity)
    arrays = {
        k: np.broadcast_to(np.asarray(v, dtype=object), n)
        for k, v in zip(STYLES, values, strict=True)
    }
    return dict(arrays, owner=owner, x=np.asarray(x, dtype=float))


def _plan(df, geo: Geometry, pts: np.ndarray, marks: list, ink: Ink) -> dict:
    """The plan of revised points: a hollow marker a size larger than the point it is compared
    with, at the middle of the planned date."""
    moved = revised_rows(df)[pts]
    owner = pts[moved]
    p0, p1 = planned_spans(df, geo, owner)
    outline = [m.outline for m, is_moved in zip(marks, moved.tolist(), strict=True) if is_moved]
    size = ink.marker_px + 2 * GHOST_MARGIN_PX + 2
    ghost = vocabulary.GHOST
    return _styled(owner, (p0 + p1) / 2, outline, size, ghost, 1.5, ghost, 1.0)


def _points(df, geo: Geometry, pts: np.ndarray, marks: list, color: str, ink: Ink) -> dict:
    """Events, deadlines and milestones at the middle of their date's interval, each in its
    vocabulary Mark (an uncertain one faded)."""
    fill = np.array([m.ink or color for m in marks], dtype=object)
    hollow = np.array([m.hollow for m in marks], dtype=bool)
    return _styled(
        pts,
        geo.mid[pts],
        [m.symbol for m in marks],
        ink.marker_px,
        fill,
        [m.line_width for m in marks],
        np.where(hollow, fill, "white"),
        np.where(df["uncertain"].to_numpy()[pts], 0.75, 1.0),
    )


def _crosses(geo: Geometry, pts: np.ndarray, marks: list, ink: Ink) -> dict:
    """A cross over every point whose Mark has one (missed deadlines)."""
    owner = pts[np.array([m.cross for m in marks], dtype=bool)]
    missed = vocabulary.MISSED_MARK
    symbol, width = vocabulary.CROSS_SYMBOL, vocabulary.CROSS_WIDTH
    return _styled(owner, geo.mid[owner], symbol, ink.marker_px * 0.9, missed, width, missed, 1.0)


def _one_or_all(values: np.ndarray) -> object:
    """A per-marker style: one value when all markers share it, else all of them (numbers as
    float32: these sizes, widths and opacities to the same pixel, half the bytes)."""
    if len(values) and (values == values[0]).all():
        return values[0].item() if hasattr(values[0], "item") else values[0]
    if all(isinstance(v, int | float | np.number) for v in values.tolist()):
        return values.astype(np.float32)
    return values.astype(object)
