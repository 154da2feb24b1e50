"""What the page shows for a view: filtered frame, figure, title block text and the highlight.

The figure always comes from app.figure.build_figure; the dashboard only adds an outline shape
around the selected item. A new view redraws with the figure's own x range, unless the user has
zoomed the same chart: then it comes as a patch that keeps the zoom (see app.dashboard.zoom).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from defense_timeline.chart.figure import build_figure
from defense_timeline.dashboard.served import Loaded
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.filters import filter_frame
from defense_timeline.view.frame import timeline_frame
from defense_timeline.view.options import ViewOptions

HIGHLIGHT_NAME = "selected-item"
HIGHLIGHT_LINE = {"color": "#111111", "width": 2.5}


class Lru:
    """A small thread-safe least-recently-used cache of immutable results."""

    def __init__(self, size: int):
        self._items: OrderedDict[tuple, Any] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: tuple, make: Callable[[], Any]) -> Any:
        """The cached value for key, made (outside the lock) when missing."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value


# Keyed by the file's stamp, so a save never serves a stale result; values are never mutated.
FRAMES = Lru(24)
FIGURES = Lru(8)


def filtered(loaded: Loaded, view: ViewOptions) -> tuple[pd.DataFrame, int]:
    """The items the view shows and how many were known on its date before filtering."""
    key = (loaded.key, loaded.stamp, view.as_of, view.baseline)
    df = FRAMES.get(key, lambda: timeline_frame(loaded.timeline, view.as_of, view.baseline))
    return filter_frame(df, view.filters), len(df)


def figure(loaded: Loaded, view: ViewOptions) -> go.Figure:
    """The chart of a view without its title block, which the page shows (shared: never mutate)."""
    view = replace(view, show_title=False)
    return FIGURES.get(
        (loaded.key, loaded.stamp, view), lambda: build_figure(loaded.timeline, view)
    )


def figure_with_highlight(loaded: Loaded, view: ViewOptions, item_id: str | None):
    """The chart of a view with an outline around the selected item, if it is drawn."""
    fig = figure(loaded, view)
    box = item_box(fig, item_id, frame_row(loaded, view, item_id)) if item_id else None
    if box is None:
        return fig
    out = fig.to_dict()
    out["layout"]["shapes"] = [*out["layout"].get("shapes", []), highlight_shape(box)]
    return out


GHOST_TRACES = ("planned (baseline)", "labels")
DAY_MS = 86_400_000.0


def _iso(ms: float) -> str:
    return str(np.datetime64(int(ms), "ms"))


def _ms(value) -> float:
    return float(pd.Timestamp(value).value // 1_000_000)


def frame_row(loaded: Loaded, view: ViewOptions, item_id: str) -> dict | None:
    """The item's row of the view's (unfiltered) frame, if it is known on the view date."""
    key = (loaded.key, loaded.stamp, view.as_of, view.baseline)
    df = FRAMES.get(key, lambda: timeline_frame(loaded.timeline, view.as_of, view.baseline))
    hits = np.flatnonzero((df["id"] == item_id).to_numpy())
    return df.iloc[hits[0]][["kind", "start", "end"]].to_dict() if len(hits) else None


def _drawn_at(fig: go.Figure, item_id: str) -> tuple[float, float] | None:
    """(x, y) of a point the chart draws for the item (its marker first), ghosts aside."""
    found = None
    for trace in fig.data:
        custom = trace.customdata
        if custom is None or trace.name in GHOST_TRACES or trace.x is None or trace.y is None:
            continue
        for i, row in enumerate(custom):
            if row is not None and len(row) and row[0] == item_id:
                x = trace.x[i]
                if x is None or (isinstance(x, float) and np.isnan(x)):
                    continue
                found = (float(x), float(trace.y[i]))
                if "markers" in (trace.mode or ""):
                    return found
                break
    return found


def item_box(fig: go.Figure, item_id: str, row: dict | None) -> dict | None:
    """Where the chart draws an item: a period's whole span, or a point item's marker."""
    at = _drawn_at(fig, item_id)
    if at is None or row is None:
        return None
    x, y = at
    if row["kind"] != "period":
        return {"x0": x, "x1": x, "y": y}
    end = row["end"]
    x1 = _ms(end) + DAY_MS if not pd.isna(end) else _ms(fig.layout.xaxis.range[1])
    return {"x0": _ms(row["start"]), "x1": x1, "y": y}


def highlight_shape(box: dict) -> dict:
    """An outline around the selected item: its bar, or a square around its marker."""
    shape = {
        "type": "rect",
        "name": HIGHLIGHT_NAME,
        "xref": "x",
        "yref": "y",
        "y0": box["y"] - 0.42,
        "y1": box["y"] + 0.42,
        "line": HIGHLIGHT_LINE,
        "fillcolor": "rgba(0,0,0,0)",
        "layer": "above",
    }
    if box["x1"] - box["x0"] < 1:
        shape.update(xsizemode="pixel", xanchor=_iso(box["x0"]), x0=-11, x1=11)
    else:
        shape.update(x0=_iso(box["x0"]), x1=_iso(box["x1"]))
    return shape


def view_day(timeline: Timeline, view: ViewOptions) -> date:
    """The day the view shows."""
    return view.as_of or timeline.as_of


def meta_text(timeline: Timeline, view: ViewOptions) -> list[str]:
    """Short facts under the title: view date, baseline, file date, counts."""
    base = (
        "as first planned" if view.baseline is None else f"as stated on {view.baseline.isoformat()}"
    )
    return [
        f"Viewed as of {view_day(timeline, view).isoformat()}",
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
