"""Traces of charts up to a few thousand items, built as whole arrays, a handful per chart.

Bars are thick line segments separated by gaps (one trace per colour), never one shape or trace
per bar; each bar has hover points along its length, since plotly hovers on points. Every item
trace carries the item id as customdata[0] so a click identifies the item. Larger charts are
drawn by figure_lod.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from app import palette
from app.figure_rows import Geometry, epoch_ms
from app.figure_text import DAY_MS, esc

HOVER = "%{hovertext}<extra></extra>"
HOVER_STEP_PX = 36.0  # a hover point this often along a bar: plotly hovers within 20 px of one
MAX_STEPS = 40


@dataclass(frozen=True)
class Ink:
    """Bar thickness and marker size in pixels, from the row height."""

    bar_px: float
    marker_px: float


def ink_for(geo: Geometry) -> Ink:
    """Thickness from the row height, within readable limits."""
    return Ink(max(1.0, min(14.0, geo.row_px * 0.55)), max(4.0, min(13.0, geo.row_px * 0.6)))


def segments(x0, x1, y, step: float, max_steps: int):
    """Gap-separated polylines from x0 to x1 at height y, with hover points every `step`.

    Returns x, y and, for every point, the index of the segment it belongs to.
    """
    n = len(x0)
    if n == 0:
        return np.zeros(0), np.zeros(0), np.zeros(0, dtype=np.int64)
    steps = np.clip(np.ceil((x1 - x0) / step), 1, max_steps).astype(np.int64)
    owner = np.repeat(np.arange(n), steps + 2)
    first = np.concatenate([[0], np.cumsum(steps + 2)[:-1]])
    pos = np.arange(len(owner)) - first[owner]
    x = x0[owner] + (x1 - x0)[owner] * pos / steps[owner]
    x[pos == steps[owner] + 1] = np.nan
    return x, y[owner], owner


def _item_trace(ink: Ink, x, y, owner, ids, hover, **style) -> go.Scatter:
    """A trace whose every point hovers as its item and carries its id."""
    return go.Scatter(
        x=x,
        y=y,
        customdata=[[ids[i]] for i in owner.tolist()],
        hovertext=[hover[i] for i in owner.tolist()],
        hovertemplate=HOVER,
        showlegend=False,
        **style,
    )


def bar_traces(df, geo: Geometry, rows: np.ndarray, color: str, key: str, ink: Ink, ids, hover):
    """Solid bars over the certain span and faded windows over imprecise dates, for some rows."""
    period = rows[(df["kind"].to_numpy()[rows] == "period")]
    x0, x1 = geo.x0[period], geo.x1[period]
    certain0, certain1 = geo.c0[period], geo.c1[period]
    solid = certain1 > certain0
    step = HOVER_STEP_PX * geo.ms_per_px
    traces = []
    x, y, owner = segments(certain0[solid], certain1[solid], geo.y[period][solid], step, MAX_STEPS)
    if len(x):
        line = dict(color=color, width=ink.bar_px)
        traces.append(_item_trace(ink, x, y, period[solid][owner], ids, hover, mode="lines", line=line,
                                  name="bars", legendgroup=key))
    w0 = np.concatenate([x0, np.maximum(certain1, x0)])
    w1 = np.concatenate([np.minimum(certain0, x1), x1])
    wy = np.concatenate([geo.y[period]] * 2)
    wrow = np.concatenate([period] * 2)
    keep = w1 > w0
    points = rows[(df["kind"].to_numpy()[rows] != "period") & _imprecise(df, rows)]
    w0 = np.concatenate([w0[keep], geo.x0[points]])
    w1 = np.concatenate([w1[keep], geo.x1[points]])
    wy, wrow = np.concatenate([wy[keep], geo.y[points]]), np.concatenate([wrow[keep], points])
    x, y, owner = segments(w0, w1, wy, step, MAX_STEPS)
    if len(x):
        line = dict(color=color, width=ink.bar_px)
        traces.insert(0, _item_trace(ink, x, y, wrow[owner], ids, hover, mode="lines", line=line,
                                     opacity=0.3, name="date windows", legendgroup=key))
    return traces


def _imprecise(df, rows):
    """Point rows whose date covers more than a day or is marked ~ or ?."""
    return df["start_fuzzy"].to_numpy()[rows]


def point_trace(df, geo: Geometry, rows: np.ndarray, color: str, key: str, ink: Ink, ids, hover):
    """Markers for events, deadlines and milestones at the middle of their date's interval."""
    kinds = df["kind"].to_numpy()
    pts = rows[kinds[rows] != "period"]
    if not len(pts):
        return []
    states = df["deadline_state"].to_numpy()[pts]
    symbols = [
        palette.DEADLINE_SYMBOLS[s] if k == "deadline" else palette.KIND_SYMBOLS[k]
        for k, s in zip(kinds[pts].tolist(), states.tolist(), strict=True)
    ]
    hollow = states == "open"
    marker = dict(
        symbol=symbols,
        size=ink.marker_px,
        color=color,
        line=dict(width=np.where(hollow, 2.0, 1.0), color=np.where(hollow, color, "white")),
        opacity=np.where(df["uncertain"].to_numpy()[pts], 0.75, 1.0),
    )
    trace = _item_trace(ink, geo.mid[pts], geo.y[pts], pts, ids, hover, mode="markers",
                        marker=marker, name="markers", legendgroup=key)
    return [trace]


def missed_trace(df, geo: Geometry, ink: Ink, ids) -> list:
    """A vermillion cross over every missed deadline."""
    pts = np.flatnonzero((df["deadline_state"] == "missed").to_numpy())
    if not len(pts):
        return []
    marker = dict(symbol="x-thin-open", size=ink.marker_px * 0.9, color=palette.MISSED_MARK,
                  line=dict(width=2.5, color=palette.MISSED_MARK))
    return [go.Scatter(x=geo.mid[pts], y=geo.y[pts], mode="markers", marker=marker,
                        customdata=[[ids[i]] for i in pts.tolist()], hoverinfo="skip",
                        showlegend=False, name="missed deadlines")]


def ghost_traces(df, geo: Geometry, ink: Ink, ids, hover) -> list:
    """The plan where it differs from the state: dashed outlines and hollow markers, offset down."""
    revised = df["revised"].to_numpy() & df["planned_start"].notna().to_numpy()
    kinds = df["kind"].to_numpy()
    p0 = epoch_ms(df["planned_start"])
    p1 = epoch_ms(df["planned_end"]) + DAY_MS
    p1 = np.where(np.isnan(p1), geo.hi, p1)
    off = 0.14
    half = ink.bar_px / 2 / max(geo.row_px, 1.0)
    traces = []
    bars = np.flatnonzero(revised & (kinds == "period"))
    if len(bars):
        xs = np.stack([p0[bars], p1[bars], p1[bars], p0[bars], p0[bars], np.full(len(bars), np.nan)], 1)
        top, bottom = geo.y[bars] + off - half, geo.y[bars] + off + half
        ys = np.stack([top, top, bottom, bottom, top, top], 1)
        owner = np.repeat(bars, 6)
        line = dict(color=palette.GHOST, width=1.3, dash="dash")
        traces.append(_item_trace(ink, xs.ravel(), ys.ravel(), owner, ids, hover, mode="lines",
                                  line=line, name="planned (baseline)"))
    pts = np.flatnonzero(revised & (kinds != "period"))
    if len(pts):
        symbols = [palette.KIND_SYMBOLS[k] + "-open" for k in kinds[pts].tolist()]
        marker = dict(symbol=symbols, size=ink.marker_px, color=palette.GHOST, line=dict(width=1.5))
        traces.append(_item_trace(ink, (p0[pts] + p1[pts]) / 2, geo.y[pts] + off, pts, ids, hover,
                                  mode="markers", marker=marker, opacity=0.8, name="planned (baseline)"))
    return traces


def label_trace(df, geo: Geometry, colors: np.ndarray) -> list:
    """Item titles inside their bars when they fit (contrasting ink), else just right of them."""
    if geo.labels is None or not len(df):
        return []
    inside = geo.label_inside
    ink = np.where(inside, np.where([palette.is_light(c) for c in colors], palette.TEXT, "white"), palette.TEXT)
    return [go.Scatter(
        x=geo.label_x, y=geo.y, mode="text", text=[esc(t) for t in geo.labels],
        textposition="middle right", textfont=dict(size=11, color=ink.tolist()),
        hoverinfo="skip", showlegend=False, name="labels",
    )]


def link_annotations(df, geo: Geometry, as_iso) -> list[dict]:
    """Arrows for depends_on (prerequisite -> dependent) and other links (holder -> target)."""
    where = {item_id: i for i, item_id in enumerate(df["id"].tolist())}
    lo = np.where(df["kind"].to_numpy() == "period", geo.x0, geo.mid)
    hi = np.where(df["kind"].to_numpy() == "period", geo.x1, geo.mid)
    titles = df["title"].tolist()
    arrows = []
    for i, links in enumerate(df["links"].tolist()):
        for kind, target in links:
            j = where.get(target)
            if j is None:
                continue
            tail, head = (j, i) if kind == "depends_on" else (i, j)
            tail_x = min(max(lo[head], lo[tail]), hi[tail])
            head_x = min(max(tail_x, lo[head]), hi[head])
            arrows.append(dict(
                x=as_iso(head_x), y=float(geo.y[head]), ax=as_iso(tail_x), ay=float(geo.y[tail]),
                xref="x", yref="y", axref="x", ayref="y", text="", showarrow=True,
                arrowhead=2, arrowsize=1.1, arrowwidth=1.3, arrowcolor=palette.LINK_COLORS[kind],
                standoff=6, startstandoff=4, opacity=0.85,
                hovertext=f"{esc(titles[tail])} → {esc(titles[head])} ({kind.replace('_', ' ')})",
            ))
    return arrows


def group_rows(keys: pd.Series, order: list[str]) -> list[tuple[str, np.ndarray]]:
    """Row positions per colour-group key, in the group order."""
    values = keys.astype(str).to_numpy()
    return [(k, np.flatnonzero(values == k)) for k in order if (values == k).any()]
