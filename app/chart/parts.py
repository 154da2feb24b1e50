"""Traces of charts up to a few thousand items, built as whole arrays, a handful per chart.

Bars are thick line segments separated by gaps (one trace per colour), never one shape or trace
per bar. Plotly hovers on points and bars, not along lines, so invisible hover traces per colour
group put a bar over every span and a point on every marker and planned marker: one hover target
per mark, and only they carry item ids (item_customdata), so a click identifies the item. Each
item's full hover card is sent once, in its hover trace's meta, and each target's template names
its card ("%{meta[3]}"); a brief card (text.Cards) is customdata columns after the id under one
template per trace. Larger charts are drawn by chart.lod.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from defense_timeline import vocabulary
from defense_timeline.chart.rows import Geometry, end_ms, epoch_ms, fade_span
from defense_timeline.chart.text import Cards, esc
from defense_timeline.vocabulary import point_mark, point_marks

HOVER_ROWS = 0.8  # hover bars' thickness in rows: a span is hovered near its bar too
FADE_OPACITY = (0.26, 0.19, 0.13, 0.08, 0.04)  # an open end's steps towards the axis edge
GHOST_MARGIN_PX = 2.5  # the plan's outline frames the bar it is compared with, clear of labels


@dataclass(frozen=True)
class Ink:
    """Bar thickness and marker size in pixels."""

    bar_px: float
    marker_px: float


def ink_for(geo: Geometry) -> Ink:
    """Thickness and marker size from the row height."""
    return Ink(max(1.0, min(14.0, geo.row_px * 0.55)), max(4.0, min(13.0, geo.row_px * 0.6)))


def segments(x0, x1, y):
    """Gap-separated lines from x0 to x1 at height y: x, y and, for every vertex, the index of
    the segment it belongs to."""
    n = len(x0)
    owner = np.repeat(np.arange(n), 3)
    x = np.column_stack([x0, x1, np.full(n, np.nan)]).ravel() if n else np.zeros(0)
    return x, y[owner] if n else np.zeros(0), owner


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


def bar_traces(df, geo: Geometry, rows: np.ndarray, color: str, key: str, ink: Ink) -> list:
    """Faded date windows, then solid bars over the certain spans, for some rows."""
    line = dict(color=color, width=ink.bar_px)
    traces = []
    w0, w1, wy, owner = windows(df, geo, rows)
    x, y, seg = segments(w0, w1, wy)
    if len(x):
        traces.append(
            _line_trace(
                x,
                y,
                mode="lines",
                line=line,
                opacity=0.3,
                name="date windows",
                legendgroup=key,
            )
        )
    period = rows[df["kind"].to_numpy()[rows] == "period"]
    period = period[geo.c1[period] > geo.c0[period]]
    x, y, seg = segments(geo.c0[period], geo.c1[period], geo.y[period])
    if len(x):
        traces.append(_line_trace(x, y, mode="lines", line=line, name="bars", legendgroup=key))
    return traces


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
    """A colour group's invisible hover targets: a bar over every period's span (and planned
    span when drawn), a marker-less point on every point (and planned point). Each target names
    its item's card, which the group's traces carry once in meta; hidden with its group."""
    spans, points = _hover_targets(df, geo, rows, ghosts, merge=hover.whole is None)
    traces = []
    for (x0, x1, owner), span in ((spans, True), (points, False)):
        if not len(owner):
            continue
        xtype = compact(x0, x1)  # float32: within minutes, the same pixel, half the bytes
        if span:  # hovered anywhere along the span, as plotly hovers bars
            shape = dict(
                type="bar",
                orientation="h",
                base=x0.astype(xtype),
                x=(x1 - x0).astype(xtype),
                width=HOVER_ROWS,
                marker=dict(color="rgba(0,0,0,0)", line=dict(width=0)),
            )
        else:
            shape = dict(
                type="scatter", x=((x0 + x1) / 2).astype(xtype), mode="none", hoveron="points"
            )
        trace = dict(
            shape,
            y=geo.y[owner].astype(np.float32),
            hoverlabel=dict(namelength=0),  # no trace name beside the card
            showlegend=False,
            name="hover",
            legendgroup=key,
            **_cards_of(ids, owner, hover, span),
        )
        traces.append(trace)
    return traces


def _cards_of(ids, owner: np.ndarray, hover: Cards, periods: bool) -> dict:
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


def _hover_targets(df, geo: Geometry, rows: np.ndarray, ghosts: bool, merge: bool = False):
    """(x0, x1, row) of the spans to hover among rows (periods, and their planned spans when
    drawn) and of the points (x0 == x1: points, and their planned points when drawn). merge:
    a period and its plan are one span over both (their row holds nothing else between)."""
    period = df["kind"].to_numpy()[rows] == "period"
    bars, pts = rows[period], rows[~period]
    x0, x1, mid = geo.x0[bars], geo.x1[bars], geo.mid[pts]
    if ghosts:
        revised = (df["revised"] & df["planned_start"].notna()).to_numpy()[rows]
        plan, planned_pts = rows[revised & period], rows[revised & ~period]
        p0, p1 = planned_spans(df, geo)
        if merge:  # brief fields are sent per target: one target per period
            x0 = np.where(revised[period], np.fmin(x0, p0[bars]), x0)
            x1 = np.where(revised[period], np.fmax(x1, p1[bars]), x1)
            plan = plan[:0]
        x0, x1 = np.concatenate([x0, p0[plan]]), np.concatenate([x1, p1[plan]])
        mid = np.concatenate([mid, (p0[planned_pts] + p1[planned_pts]) / 2])
        bars, pts = np.concatenate([bars, plan]), np.concatenate([pts, planned_pts])
    return (x0, x1, bars), (mid, mid, pts)


def planned_spans(df, geo: Geometry):
    """Planned start and end (x units) of every row; an open planned end runs to the axis end."""
    p0 = epoch_ms(df["planned_start"])
    p1 = end_ms(df["planned_end"])
    return p0, np.where(np.isnan(p1), geo.hi, p1)


def point_trace(df, geo: Geometry, rows: np.ndarray, color: str, key: str, ink: Ink) -> list:
    """Markers for events, deadlines and milestones at the middle of their date's interval,
    each in its vocabulary Mark."""
    kinds = df["kind"].to_numpy()
    pts = rows[kinds[rows] != "period"]
    if not len(pts):
        return []
    marks = point_marks(kinds[pts].tolist(), df["deadline_state"].to_numpy()[pts].tolist())
    fill = np.array([m.ink or color for m in marks], dtype=object)
    hollow = np.array([m.hollow for m in marks], dtype=bool)
    marker = dict(
        symbol=np.array([m.symbol for m in marks], dtype=object),
        size=ink.marker_px,
        color=fill,
        line=dict(
            width=_one_or_all([m.line_width for m in marks]),
            color=_one_or_all(np.where(hollow, fill, "white")),
        ),
        opacity=_one_or_all(np.where(df["uncertain"].to_numpy()[pts], 0.75, 1.0)),
    )
    trace = _line_trace(
        geo.mid[pts],
        geo.y[pts],
        mode="markers",
        marker=marker,
        name="markers",
        legendgroup=key,
    )
    return [trace]


def _one_or_all(values) -> object:
    """A per-marker style: one value when all markers share it, else all of them (numbers as
    float32: these widths and opacities to the same pixel, half the bytes)."""
    values = np.asarray(values)
    if len(values) and (values == values[0]).all():
        return values.tolist()[0]
    return values.astype(np.float32) if values.dtype.kind == "f" else values.astype(object)


def cross_trace(df, geo: Geometry, rows: np.ndarray, key: str, ink: Ink) -> list:
    """A cross over every point among rows whose Mark has one (missed deadlines)."""
    kinds = df["kind"].to_numpy()[rows]
    states = df["deadline_state"].to_numpy()[rows]
    crossed = [k != "period" and point_mark(k, s).cross for k, s in zip(kinds, states, strict=True)]
    pts = rows[np.array(crossed, dtype=bool)]
    if not len(pts):
        return []
    marker = dict(
        symbol=vocabulary.CROSS_SYMBOL,
        size=ink.marker_px * 0.9,
        color=vocabulary.MISSED_MARK,
        line=dict(width=vocabulary.CROSS_WIDTH, color=vocabulary.MISSED_MARK),
    )
    cross = _line_trace(
        geo.mid[pts],
        geo.y[pts],
        mode="markers",
        marker=marker,
        name="missed deadlines",
        legendgroup=key,
    )
    return [cross]


def ghost_traces(df, geo: Geometry, rows: np.ndarray, key: str, ink: Ink) -> list:
    """The plan where it differs from the state: a dashed frame around the planned span, and a
    hollow marker a size larger than the point it is compared with."""
    revised = (df["revised"] & df["planned_start"].notna()).to_numpy()[rows]
    kinds = df["kind"].to_numpy()
    p0, p1 = planned_spans(df, geo)
    y = geo.y
    half = (ink.bar_px / 2 + GHOST_MARGIN_PX) / max(geo.row_px, 1.0)
    style = dict(name="planned (baseline)", legendgroup=key)
    traces = []
    bars = rows[revised & (kinds[rows] == "period")]
    if len(bars):
        a, b, gap = p0[bars], p1[bars], np.full(len(bars), np.nan)
        top, bottom = y[bars] - half, y[bars] + half
        xs = np.stack([a, b, b, a, a, gap], 1).ravel()
        ys = np.stack([top, top, bottom, bottom, top, top], 1).ravel()
        line = dict(color=vocabulary.GHOST, width=1.3, dash="dash")
        traces.append(_line_trace(xs, ys, mode="lines", line=line, **style))
    pts = rows[revised & (kinds[rows] != "period")]
    if len(pts):
        marks = point_marks(kinds[pts].tolist(), df["deadline_state"].to_numpy()[pts].tolist())
        symbols = np.array([m.outline for m in marks], dtype=object)
        size = ink.marker_px + 2 * GHOST_MARGIN_PX + 2
        marker = dict(symbol=symbols, size=size, color=vocabulary.GHOST, line=dict(width=1.5))
        mid = (p0[pts] + p1[pts]) / 2
        traces.append(_line_trace(mid, y[pts], mode="markers", marker=marker, **style))
    return traces


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
