"""The legends: colour groups (clicking one hides it), what each mark means, the links drawn."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
from defense_timeline import vocabulary
from defense_timeline.chart.text import text_px
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.frame import ordered_lanes
from defense_timeline.view.options import ViewOptions
from defense_timeline.vocabulary import DEADLINE_MARKS, LINE_LABELS, LINK_WORDS, POINT_MARKS, Mark


def color_groups(timeline: Timeline, df: pd.DataFrame, color_by: str):
    """Each row's colour-group key, the groups' order, display names (plain text) and colours:
    the one grouping behind the chart's colours and legend and the slide's."""
    if color_by == "kind":
        names = {k: k.capitalize() for k in vocabulary.KINDS}
        return df["kind"], list(vocabulary.KINDS), names, dict(vocabulary.KIND_COLORS)
    if color_by == "status":
        names = {s: s.capitalize() for s in vocabulary.STATUSES} | {"": "No status stated"}
        keys = df["status"].astype(object).fillna("")
        colors = vocabulary.STATUS_COLORS | {"": vocabulary.MUTED}
        return keys, [*vocabulary.STATUSES, ""], names, colors
    if color_by == "state":
        names = {s: s.capitalize() for s in vocabulary.STATES}
        return df["state"], list(vocabulary.STATES), names, dict(vocabulary.STATE_COLORS)
    lanes = ordered_lanes(timeline)
    names = {lane.id: lane.label for lane in lanes}
    return df["lane"], [lane.id for lane in lanes], names, vocabulary.lane_colors(lanes)


def legend_rows(names: list[str], width: int) -> int:
    """About how many rows a horizontal legend of these entries takes (at least one)."""
    entries = [len(re.sub(r"<[^>]+>|&\w+;", "x", n or "")) * 7 + 48 for n in names]
    rows, used = 1, 110.0  # the legend title
    for w in entries:
        if used + w > width - 30 and used > 110:
            rows, used = rows + 1, 110.0
        used += w
    return rows


GRID_TITLE_PX, GRID_GAP_PX, GRID_SYMBOL_PX = 72, 3, 40  # the marks legend as plotly draws it


def grid_rows(names: list[str], room: float) -> int:
    """Rows of a horizontal legend (font 11) in room px: plotly puts entries that do not fit in
    one row in a grid, each as wide as the widest (at least one row)."""
    widths = [GRID_SYMBOL_PX + text_px(re.sub(r"<[^>]+>", "", n or ""), 11) for n in names]
    if not widths:
        return 1
    room -= GRID_TITLE_PX
    if sum(widths) + GRID_GAP_PX * (len(widths) - 1) <= room:
        return 1
    per_row = max(1, int((room + GRID_GAP_PX) // (max(widths) + GRID_GAP_PX)))
    return -(-len(widths) // per_row)


def legend_entries(df, keys, order, names, colors, view: ViewOptions, links: list[str]) -> list:
    """Legend-only traces: one per colour group (clicking hides the group), then the marks and
    the kinds of the links drawn."""
    present = set(keys.astype(str))
    entries = [
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=names[k],
            legendgroup=k,
            marker=dict(symbol=vocabulary.SWATCH, size=12, color=colors[k]),
        )
        for k in order
        if k in present
    ]
    arrows = [
        go.Scatter(
            x=[None],
            y=[None],
            name=f"→ {LINK_WORDS[kind]}",
            legend="legend2",
            mode="lines",
            line=dict(color=vocabulary.LINK_COLORS[kind], width=1.5),
        )
        for kind in links
    ]
    return entries + _symbol_entries(df, view) + arrows


def _symbol_entries(df: pd.DataFrame, view: ViewOptions) -> list:
    """Legend2 explains what the marks mean, in the vocabulary's words and symbols; only marks
    that appear are listed."""
    kinds = set(df["kind"].astype(str))
    states = set(df["deadline_state"])
    fuzzy = bool(df["start_fuzzy"].any() or df["end_fuzzy"].any())
    spec = [
        ("period" in kinds, LINE_LABELS["period"], _line()),
        (fuzzy, LINE_LABELS["window"], {**_line(), "opacity": 0.3}),
        *((kind in kinds, mark.label, _marker(mark)) for kind, mark in POINT_MARKS.items()),
        *((state in states, mark.label, _marker(mark)) for state, mark in DEADLINE_MARKS.items()),
        (
            view.show_baseline and bool(df["revised"].any()),
            LINE_LABELS["plan"],
            dict(mode="lines", line=dict(color=vocabulary.GHOST, width=1.5, dash="dash")),
        ),
    ]
    return [
        go.Scatter(x=[None], y=[None], name=name, legend="legend2", hoverinfo="skip", **style)
        for shown, name, style in spec
        if shown
    ]


def _line() -> dict:
    """Style of a legend bar."""
    return dict(mode="lines", line=dict(color=vocabulary.LEGEND_INK, width=8))


def _marker(mark: Mark) -> dict:
    """Style of a legend marker: the mark's symbol, or the cross that tells it apart."""
    if mark.cross:
        symbol, color, width = (
            vocabulary.CROSS_SYMBOL,
            vocabulary.MISSED_MARK,
            vocabulary.CROSS_WIDTH,
        )
    else:
        symbol, color, width = mark.symbol, mark.ink or vocabulary.LEGEND_INK, mark.line_width
    return dict(
        mode="markers",
        marker=dict(symbol=symbol, size=11, color=color, line=dict(width=width, color=color)),
    )


def trace_names(traces: list, legend: str | None) -> list[str]:
    """Names of the traces (dicts or graph objects) shown in one legend."""
    rows = (t if isinstance(t, dict) else t.to_plotly_json() for t in traces)
    return [
        t.get("name") or ""
        for t in rows
        if t.get("legend") == legend and (legend or t.get("showlegend") is not False)
    ]
