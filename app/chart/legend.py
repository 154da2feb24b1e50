"""The legends: colour groups (clicking one hides it), what each mark means, the links drawn."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
from defense_timeline import vocabulary as palette
from defense_timeline.view.options import ViewOptions


def legend_rows(names: list[str], width: int) -> int:
    """About how many rows a horizontal legend of these entries takes (at least one)."""
    entries = [len(re.sub(r"<[^>]+>|&\w+;", "x", n or "")) * 7 + 48 for n in names]
    rows, used = 1, 110.0  # the legend title
    for w in entries:
        if used + w > width - 30 and used > 110:
            rows, used = rows + 1, 110.0
        used += w
    return rows


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
            marker=dict(symbol="square", size=12, color=colors[k]),
        )
        for k in order
        if k in present
    ]
    arrows = [
        go.Scatter(
            x=[None],
            y=[None],
            name=f"→ {kind.replace('_', ' ')}",
            legend="legend2",
            mode="lines",
            line=dict(color=palette.LINK_COLORS[kind], width=1.5),
        )
        for kind in links
    ]
    return entries + _symbol_entries(df, view) + arrows


def _symbol_entries(df: pd.DataFrame, view: ViewOptions) -> list:
    """Legend2 explains what the marks mean; only marks that appear are listed."""
    kinds = set(df["kind"].astype(str))
    states = set(df["deadline_state"])
    grey = "#555555"
    spec = [
        ("period" in kinds, "Period", dict(mode="lines", line=dict(color=grey, width=8))),
        (
            bool(df["start_fuzzy"].any() or df["end_fuzzy"].any()),
            "Date window (imprecise, ~ or ?)",
            dict(mode="lines", line=dict(color=grey, width=8), opacity=0.3),
        ),
        ("event" in kinds, "Event", _marker("circle", grey)),
        ("milestone" in kinds, "Milestone", _marker("diamond", grey)),
        ("open" in states, "Deadline, open", _marker(palette.DEADLINE_SYMBOLS["open"], grey, 2)),
        ("met" in states, "Deadline, met", _marker(palette.DEADLINE_SYMBOLS["met"], grey)),
        ("missed" in states, "Deadline, missed", _marker("x-thin-open", palette.MISSED_MARK, 2.5)),
        (
            "overdue" in states,
            "Deadline, overdue (no outcome recorded)",
            _marker(palette.DEADLINE_SYMBOLS["overdue"], palette.MISSED_MARK, 2),
        ),
        (
            view.show_baseline and bool(df["revised"].any()),
            "Planned (baseline)",
            dict(mode="lines", line=dict(color=palette.GHOST, width=1.5, dash="dash")),
        ),
    ]
    return [
        go.Scatter(x=[None], y=[None], name=name, legend="legend2", hoverinfo="skip", **style)
        for shown, name, style in spec
        if shown
    ]


def _marker(symbol: str, color: str, line: float = 1.0) -> dict:
    """Style of a legend marker."""
    return dict(
        mode="markers",
        marker=dict(symbol=symbol, size=11, color=color, line=dict(width=line, color=color)),
    )


def trace_names(traces: list, legend: str | None) -> list[str]:
    """Names of the traces (dicts or graph objects) shown in one legend."""
    rows = (t if isinstance(t, dict) else t.to_plotly_json() for t in traces)
    return [
        t.get("name") or ""
        for t in rows
        if t.get("legend") == legend and (legend or t.get("showlegend") is not False)
    ]
