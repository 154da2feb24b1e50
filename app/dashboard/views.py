"""What the page shows for a view: filtered frame, figure, title block text and the highlight.

The figure always comes from app.figure.build_figure; the dashboard only adds an outline shape
around the selected item. (No uirevision: plotly.js 4 then draws stale shapes after a filter.)
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from app.dashboard.served import Loaded
from app.figure import build_figure
from app.frame import filter_frame, timeline_frame
from app.model import Timeline
from app.options import ViewOptions

HIGHLIGHT_NAME = "selected-item"
HIGHLIGHT_LINE = {"color": "#111111", "width": 2.5}


class FrameCache:
    """Frames by (timeline key, file stamp, as_of, baseline): immutable once built."""

    def __init__(self, size: int = 24):
        self._items: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def frame(self, loaded: Loaded, view: ViewOptions) -> pd.DataFrame:
        """The unfiltered frame of a loaded timeline as of the view's dates."""
        key = (loaded.key, loaded.stamp, view.as_of, view.baseline)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        df = timeline_frame(loaded.timeline, as_of=view.as_of, baseline=view.baseline)
        with self._lock:
            self._items[key] = df
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return df


FRAMES = FrameCache()


def filtered(loaded: Loaded, view: ViewOptions) -> tuple[pd.DataFrame, int]:
    """The items the view shows and how many were known on its date before filtering."""
    df = FRAMES.frame(loaded, view)
    return filter_frame(df, view.filters), len(df)


def figure(loaded: Loaded, view: ViewOptions) -> go.Figure:
    """The chart of a view."""
    return build_figure(loaded.timeline, view)


GHOST_TRACES = ("planned (baseline)", "labels")


def _iso(ms: float) -> str:
    return str(np.datetime64(int(ms), "ms"))


def item_box(fig: go.Figure, item_id: str) -> dict | None:
    """Where the chart draws an item now: {x0, x1, y} from the points that carry its id."""
    xs: list[float] = []
    y = None
    for trace in fig.data:
        custom = trace.customdata
        if custom is None or trace.name in GHOST_TRACES or trace.x is None:
            continue
        for i, row in enumerate(custom):
            if row is not None and len(row) and row[0] == item_id:
                x = trace.x[i]
                if x is not None and not (isinstance(x, float) and np.isnan(x)):
                    xs.append(float(x))
                    y = float(trace.y[i])
    if y is None:
        return None
    return {"x0": min(xs), "x1": max(xs), "y": y}


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


def with_highlight(fig: go.Figure, item_id: str | None) -> go.Figure:
    """The figure with an outline around the selected item, if it is drawn."""
    if item_id:
        box = item_box(fig, item_id)
        if box is not None:
            fig.add_shape(**highlight_shape(box))
    return fig


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
