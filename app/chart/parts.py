"""Marks of charts up to a few thousand items, built as whole arrays, a handful per chart.

Bars, date windows and the plan's outlines are path shapes of many strokes (one per colour and
mark), never one shape or trace per bar: a browser draws a path shape in a fraction of the time
of the same segments as a line trace (a 1,000-item chart in Chromium, plotly.js warm: 91
against 139 ms). Point marks are one marker trace per colour group (chart.points). Plotly
hovers on points and bars, not on shapes, so an invisible bar trace per colour group lies over
every span. Those bars and the point markers are the hover targets, and only they carry item
ids (item_customdata), so a click identifies the item. Each item's full hover card is sent
once, in its target trace's meta, and each target's template names its card ("%{meta[3]}"); a
brief card (text.Cards) is customdata columns after the id under one template per trace.
Larger charts are drawn by chart.lod.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from defense_timeline import vocabulary
from defense_timeline.chart.rows import Geometry, end_ms, epoch_ms, fade_span
from defense_timeline.chart.text import Cards, esc

HOVER_ROWS = 0.8  # hover bars' thickness in rows: a span is hovered near its bar too
FADE_OPACITY = (0.26, 0.19, 0.13, 0.08, 0.04)  # an open end's steps towards the axis edge
GHOST_MARGIN_PX = 2.5  # the plan's outline frames the bar it is compared with, clear of labels
GHOST_NAME = "planned (baseline)"


@dataclass(frozen=True)
class Ink:
    """Bar thickness and marker size in pixels."""

    bar_px: float
    marker_px: float


def ink_for(geo: Geometry) -> Ink:
    """Thickness and marker size from the row height."""
    return Ink(max(1.0, min(14.0, geo.row_px * 0.55)), max(4.0, min(13.0, geo.row_px * 0.6)))


FLOAT32_MS = 1e14  # |epoch ms| below this (years 1800 BC to 5100): float32 is within minutes


def compact(*xs: np.ndarray) -> type:
    """float32 for x values (epoch ms) that it holds within minutes, else float64: near the
    ends of the calendar it is hours off, and past year 9999 plotly.js drops a mark."""
    finite = [np.abs(x[np.isfinite(x)]) for x in map(np.asarray, xs)]
    return np.float32 if all(not len(f) or f.max() < FLOAT32_MS for f in finite) else np.float64


def _line_trace(x, y, **style) -> dict:
    """Drawn lines or markers, which leave hovering and clicks to hover_trace."""
    # float32: x within two minutes (a day is tens of thousands of them), y within a millionth
    # of a row of where they were computed, the same pixels, for half the bytes
    x, y = np.asarray(x, dtype=compact(x)), np.asarray(y, dtype=np.float32)
    return dict(type="scatter", x=x, y=y, hoverinfo="skip", showlegend=False, **style)


def fade_start(df, geo: Geometry) -> np.ndarray:
    """Where each row's open end starts to fade out towards the axis edge (NaN: a dated end)."""
    start = np.maximum(np.maximum(geo.c0, geo.c1), geo.x1 - fade_span(geo.hi - geo.lo))
    return np.where(df["open_ended"].to_numpy(), start, np.nan)


def windows(df, geo: Geometry, rows: np.ndarray):
    """Faded spans among rows: the windows of periods' imprecise dates, the unknown future of
    open ends up to their fade, and the intervals of points dated to a month, half, year...
    Returns x0, x1, y and the row of each window."""
    kinds = df["kind"].to_numpy()[rows]
    period = rows[kinds == "period"]
    x0, x1, c0, c1 = geo.x0[period], geo.x1[period], geo.c0[period], geo.c1[period]
    tail_end = np.fmin(x1, fade_start(df, geo)[period])
    points = rows[(kinds != "period") & df["start_fuzzy"].to_numpy()[rows]]
    w0 = np.concatenate([x0, np.maximum(c1, x0), geo.x0[points]])
    w1 = np.concatenate([np.minimum(c0, x1), tail_end, geo.x1[points]])
    wy = np.concatenate([geo.y[period], geo.y[period], geo.y[points]])
    owner = np.concatenate([period, period, points])
    keep = w1 > w0
    return w0[keep], w1[keep], wy[keep], owner[keep]


def span_shapes(spans, windows, color: str, key: str, bar_px: float) -> list:
    """Faded date windows, then solid bars, each (x0, x1, y) drawn as one path shape hidden with
    its colour group from the legend."""
    line = dict(color=color, width=bar_px)
    (w0, w1, wy), (c0, c1, cy) = windows, spans
    shapes = []
    if len(w0):
        path = strokes(w0, w1, wy)
        shapes.append(path_shape(path, key, line=line, opacity=0.3, name="date windows"))
    if len(c0):
        shapes.append(path_shape(strokes(c0, c1, cy), key, line=line, name="bars"))
    return shapes


def bar_shapes(df, geo: Geometry, rows: np.ndarray, color: str, key: str, ink: Ink) -> list:
    """Faded date windows, solid bars over the certain spans and fading open ends of some rows."""
    w0, w1, wy, _ = windows(df, geo, rows)
    period = rows[df["kind"].to_numpy()[rows] == "period"]
    period = period[geo.c1[period] > geo.c0[period]]
    spans = geo.c0[period], geo.c1[period], geo.y[period]
    shapes = span_shapes(spans, (w0, w1, wy), color, key, ink.bar_px)
    return shapes + fade_shapes(df, geo, rows, color, key, ink.bar_px)


def fade_steps(df, geo: Geometry, rows: np.ndarray):
    """The open ends among rows cut into len(FADE_OPACITY) steps that fade out towards the axis
    edge: for each step, its x0, x1, y and rows."""
    open_rows = rows[df["open_ended"].to_numpy()[rows]]
    start, end = fade_start(df, geo)[open_rows], geo.x1[open_rows]
    keep = end > start
    open_rows, start, end = open_rows[keep], start[keep], end[keep]
    n = len(FADE_OPACITY)
    for i in range(n):
        a, b = start + (end - start) * i / n, start + (end - start) * (i + 1) / n
        yield a, b, geo.y[open_rows], open_rows


def rects(x0, x1, top, bottom) -> str:
    """One SVG path of many rectangles, coordinates in axis units (x: epoch ms)."""
    return "".join(
        f"M{a:.0f},{t:.3f}H{b:.0f}V{u:.3f}H{a:.0f}Z"
        for a, b, t, u in zip(x0.tolist(), x1.tolist(), top.tolist(), bottom.tolist(), strict=True)
    )


def strokes(x0, x1, y) -> str:
    """One SVG path of many horizontal strokes (bars drawn by stroke width), in axis units."""
    return "".join(
        f"M{a:.0f},{c:.3f}H{b:.0f}"
        for a, b, c in zip(x0.tolist(), x1.tolist(), y.tolist(), strict=True)
    )


def path_shape(path: str, key: str | None, **style) -> dict:
    """A path shape in data coordinates, hidden with its colour group from the legend."""
    shape = dict(type="path", xref="x", yref="y", path=path, layer="between", **style)
    if key is not None:
        shape["legendgroup"] = key
    return shape


def fade_shapes(df, geo: Geometry, rows: np.ndarray, color: str, key: str, bar_px: float) -> list:
    """Open ends fading out at the axis edge: a path shape per step, each fainter than the last
    (plotly has no gradient along a line), hidden with its colour group from the legend. Shapes,
    not traces: a trace each would make five per colour group, and each trace costs a browser
    more to draw than a path."""
    line = dict(color=color, width=bar_px)
    return [
        path_shape(strokes(a, b, y), key, line=line, opacity=opacity, name="open end")
        for opacity, (a, b, y, _) in zip(FADE_OPACITY, fade_steps(df, geo, rows), strict=True)
        if len(a)
    ]


def item_customdata(ids: np.ndarray, extra: tuple = ()) -> np.ndarray:
    """THE id convention: a trace a click can select carries one customdata entry per point,
    that point's item id (with extra columns, a row whose first element is the id); traces
    only drawn (hoverinfo "skip": plotly sends no click for them) carry no ids."""
    if not extra:
        return np.asarray(ids, dtype=object)
    custom = np.empty((len(ids), 1 + len(extra)), dtype=object)
    custom[:, 0] = ids
    for n, column in enumerate(extra, 1):
        custom[:, n] = column
    return custom


def item_of(custom: object) -> object:
    """The item id in a clicked point's customdata (item_customdata's convention)."""
    return custom[0] if isinstance(custom, list | tuple) and custom else custom


def hover_trace(df, geo: Geometry, rows: np.ndarray, key: str, ids, hover, ghosts: bool):
    """A colour group's invisible hover targets of its spans: a bar over every period's span
    (and planned span when drawn), hovered anywhere along it. Each bar names its item's card,
    which the trace carries once in meta; hidden with its group. Point marks are their own
    hover targets (chart.points)."""
    x0, x1, owner = _hover_spans(df, geo, rows, ghosts, merge=hover.whole is None)
    if not len(owner):
        return []
    xtype = compact(x0, x1)  # float32: within minutes, the same pixel, half the bytes
    trace = dict(
        type="bar",
        orientation="h",
        base=x0.astype(xtype),
        x=(x1 - x0).astype(xtype),
        width=HOVER_ROWS,
        marker=dict(color="rgba(0,0,0,0)", line=dict(width=0)),
        y=geo.y[owner].astype(np.float32),
        hoverlabel=dict(namelength=0),  # no trace name beside the card
        showlegend=False,
        name="hover",
        legendgroup=key,
        **hover_cards_of(ids, owner, hover, True),
    )
    return [trace]


def hover_cards_of(ids, owner: np.ndarray, hover: Cards, periods: bool) -> dict:
    """The ids and cards of hover targets owned by these rows: brief fields as customdata
    columns under one template, or whole cards once each in meta, named per target."""
    if hover.whole is None:
        fields, template = hover.columns(owner, periods)
        return dict(customdata=item_customdata(ids[owner], fields), hovertemplate=template)
    items, slot = np.unique(owner, return_inverse=True)
    names = np.array([f"%{{meta[{i}]}}" for i in range(len(items))], dtype=object)
    return dict(
        customdata=item_customdata(ids[owner]),
        meta=hover.whole[items].tolist(),
        hovertemplate=names[slot],
    )


def _hover_spans(df, geo: Geometry, rows: np.ndarray, ghosts: bool, merge: bool = False):
    """x0, x1 and row of the spans to hover among rows: periods, and their planned spans when
    drawn. merge: a period and its plan are one span over both (their row holds nothing else
    between)."""
    bars = rows[df["kind"].to_numpy()[rows] == "period"]
    x0, x1 = geo.x0[bars], geo.x1[bars]
    if not ghosts:
        return x0, x1, bars
    revised = revised_rows(df)[bars]
    p0, p1 = planned_spans(df, geo, bars)
    if merge:  # brief fields are sent per target: one target per period
        x0, x1 = np.where(revised, np.fmin(x0, p0), x0), np.where(revised, np.fmax(x1, p1), x1)
        return x0, x1, bars
    return (
        np.concatenate([x0, p0[revised]]),
        np.concatenate([x1, p1[revised]]),
        np.concatenate([bars, bars[revised]]),
    )


def planned_spans(df, geo: Geometry, rows: np.ndarray | None = None):
    """Planned start and end (x units) of these rows (default: every row), in their order; an
    open planned end runs to the axis end."""
    start, end = df["planned_start"], df["planned_end"]
    if rows is not None:  # per colour group: converting the whole column each time cost O(n)
        start, end = start.iloc[rows], end.iloc[rows]
    p0 = epoch_ms(start)
    p1 = end_ms(end)
    return p0, np.where(np.isnan(p1), geo.hi, p1)


def ghost_outlines(
    df, geo: Geometry, rows: np.ndarray, key: str, ink: Ink, margin_px=GHOST_MARGIN_PX, width=1.3
) -> list:
    """The plan of periods among rows where it differs from the state: a dashed frame around
    the planned span, margin_px clear of the bar, as one path shape hidden with its colour
    group."""
    rows = rows[revised_rows(df)[rows] & (df["kind"].to_numpy()[rows] == "period")]
    if not len(rows):
        return []
    p0, p1 = planned_spans(df, geo, rows)
    half = (ink.bar_px / 2 + margin_px) / max(geo.row_px, 1.0)
    y = geo.y[rows]
    line = dict(color=vocabulary.GHOST, width=width, dash="dash")
    path = rects(p0, p1, y - half, y + half)
    return [path_shape(path, key, fillcolor="rgba(0,0,0,0)", line=line, name=GHOST_NAME)]


def revised_rows(df) -> np.ndarray:
    """Whether each row's plan differs from its state and is dated."""
    return (df["revised"] & df["planned_start"].notna()).to_numpy()


def label_trace(df, geo: Geometry, rows: np.ndarray, key: str, color: str) -> list:
    """Item titles on their solid bars when they fit (contrasting ink), else beside them; each
    label carries its item's id."""
    if geo.labels is None or not len(rows):
        return []
    ink = np.where(geo.label_inside[rows], vocabulary.ink_on(color), vocabulary.TEXT)
    text = _line_trace(
        geo.label_x[rows],
        geo.y[rows],
        mode="text",
        text=np.array([esc(geo.labels[i]) for i in rows.tolist()], dtype=object),
        textposition=_sides(geo.label_left[rows]),
        textfont=dict(size=11, color=ink.astype(object)),
        name="labels",
        legendgroup=key,
    )
    return [text]


def _sides(left: np.ndarray):
    """Labels' text positions: one for all when they share it (most charts), else per label."""
    if left.all() or not left.any():
        return "middle left" if left.all() else "middle right"
    return np.where(left, "middle left", "middle right").astype(object)


def group_rows(keys: pd.Series, order: list[str]) -> list[tuple[str, np.ndarray]]:
    """Row positions per colour-group key, in the group order."""
    values = keys.astype(str).to_numpy()
    return [(k, np.flatnonzero(values == k)) for k in order if (values == k).any()]
