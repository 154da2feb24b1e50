"""What the page shows for a view: filtered frame, figure, title block text and the highlight.

The figure always comes from app.figure.build_figure; the dashboard only adds an outline shape
around the selected item and keeps the user's zoom across updates (uirevision).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date

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
    """The chart of a view, keeping the user's zoom while the same timeline and axes stay."""
    fig = build_figure(loaded.timeline, view)
    f = view.filters
    fig.update_layout(uirevision=f"{loaded.key}|{view.fiscal_axis}|{view.layout}|"
                                 f"{f.window_start}|{f.window_end}")
    return fig


def item_box(fig: go.Figure | dict, item_id: str) -> dict | None:
    """Where the chart draws an item: {x0, x1, y, xaxis, yaxis} from its bar or marker."""
    data = fig["data"] if isinstance(fig, dict) else fig.to_plotly_json()["data"]
    for trace in data:
        custom = trace.get("customdata")
        if custom is None or trace.get("visible") is False:
            continue
        for i, row in enumerate(custom):
            first = row[0] if isinstance(row, list | tuple) else row
            if first == item_id:
                box = _box_of(trace, i)
                if box is not None:
                    return box
    return None


def _at(values, i: int):
    if values is None or isinstance(values, str | int | float):
        return values
    return values[i] if i < len(values) else None


def _box_of(trace: dict, i: int) -> dict | None:
    """The extent of point i of a bar (base + x) or scatter marker trace."""
    y = _at(trace.get("y"), i)
    if y is None:
        return None
    axes = {"xaxis": trace.get("xaxis", "x"), "yaxis": trace.get("yaxis", "y")}
    if trace.get("type") == "bar" and trace.get("orientation") == "h":
        x0 = _at(trace.get("base"), i)
        width = _at(trace.get("x"), i)
        if x0 is None or width is None:
            return None
        start = pd.Timestamp(x0)
        end = start + pd.to_timedelta(float(width), unit="ms")
        return {"x0": start.isoformat(), "x1": end.isoformat(), "y": y, **axes}
    x = _at(trace.get("x"), i)
    if x is None:
        return None
    return {"x0": str(x), "x1": str(x), "y": y, **axes}


def highlight_shape(box: dict) -> dict:
    """An outline around the selected item (a rectangle, or a ring around a marker)."""
    x0, x1 = box["x0"], box["x1"]
    y = box["y"]
    shape = {"type": "rect", "name": HIGHLIGHT_NAME, "xref": box["xaxis"], "yref": box["yaxis"],
             "line": HIGHLIGHT_LINE, "fillcolor": "rgba(0,0,0,0)", "layer": "above"}
    if isinstance(y, int | float):
        shape.update(y0=y - 0.45, y1=y + 0.45)
    else:
        shape.update(y0=y, y1=y, ysizemode="scaled")
    if x0 == x1:
        shape.update(xsizemode="pixel", xanchor=x0, x0=-9, x1=9)
    else:
        shape.update(x0=x0, x1=x1)
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
    base = ("as first planned" if view.baseline is None
            else f"as stated on {view.baseline.isoformat()}")
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
