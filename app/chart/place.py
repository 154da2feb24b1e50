"""Where a view puts every item: the rows drawn, their lanes, their geometry, and one item's box.

build_figure draws from a Placement, and the dashboard outlines a selected item from the same
one, so an outline always sits where its item is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import pandas as pd
from defense_timeline.chart.layout import DEFAULT_WIDTH, lane_labels_px
from defense_timeline.chart.rows import Geometry, layout_rows
from defense_timeline.timeline.model import Lane, Timeline
from defense_timeline.view.filters import filter_frame
from defense_timeline.view.frame import drawing_frame, ordered_lanes
from defense_timeline.view.options import Filters, ViewOptions

LARGE_ITEMS = 2000  # above this: path shapes (chart.lod), no labels or arrows, brief hover


@dataclass(frozen=True)
class ItemBox:
    """Where the chart draws one item, in axis units: x in epoch ms (x0 == x1: a marker), and
    the centre of its row."""

    x0: float
    x1: float
    y: float


@dataclass(frozen=True)
class Placement:
    """The rows a view draws (a filtered drawing frame), their lanes, and where each goes."""

    df: pd.DataFrame
    lanes: tuple[Lane, ...]
    geo: Geometry
    as_of: date

    @property
    def large(self) -> bool:
        """Whether the chart is drawn as an overview (chart.lod)."""
        return len(self.df) > LARGE_ITEMS

    def item_box(self, item_id: str) -> ItemBox | None:
        """Where the item is drawn: a period's whole span (an open end runs to the axis end), a
        point item's marker; None when the view does not draw it."""
        hits = np.flatnonzero((self.df["id"] == item_id).to_numpy())
        if not len(hits):
            return None
        i, geo = int(hits[0]), self.geo
        y = float(geo.y[i])
        if self.df["kind"].iat[i] != "period":
            return ItemBox(float(geo.mid[i]), float(geo.mid[i]), y)
        x1 = geo.hi if self.df["open_ended"].iat[i] else float(geo.x1[i])
        return ItemBox(float(geo.x0[i]), x1, y)


def place(timeline: Timeline, view: ViewOptions, fit_width: int | None = None) -> Placement:
    """The items the view draws and where: its frame filtered, its lanes, their rows, laid out
    for the view's width, else fit_width (an autosized chart's expected width)."""
    as_of = view.as_of or timeline.as_of
    df = filter_frame(drawing_frame(timeline, as_of, view.baseline), view.filters)
    lanes = _drawn_lanes(timeline, df, view.filters)
    df = df[df["lane"].isin([lane.id for lane in lanes]).to_numpy()].reset_index(drop=True)
    df, lanes = _collapsed(df, lanes, view.collapsed)
    geo = layout_rows(
        df,
        lanes,
        as_of=as_of,
        plot_px=_plot_px(view.width or fit_width or DEFAULT_WIDTH, lanes),
        one_per_row=view.layout == "rows",
        ghosts=view.show_baseline,
        labels=len(df) <= LARGE_ITEMS,
        height=view.height,
        window=(view.filters.window_start, view.filters.window_end),
    )
    return Placement(df, lanes, geo, as_of)


def item_box(timeline: Timeline, view: ViewOptions, item_id: str) -> ItemBox | None:
    """Where the chart of this view draws the item (None when it does not)."""
    return place(timeline, view).item_box(item_id)


def _plot_px(width: int, lanes: tuple[Lane, ...]) -> float:
    """About how wide the plot of a chart this wide is: less the lane labels and the margins."""
    return max(80.0, width - lane_labels_px([lane.label for lane in lanes], width) - 34)


def _drawn_lanes(timeline: Timeline, df: pd.DataFrame, filters: Filters) -> tuple[Lane, ...]:
    """Lanes to draw: the filtered ones; empty lanes only while no filter narrows the view."""
    lanes = ordered_lanes(timeline)
    if filters.lanes:
        lanes = tuple(lane for lane in lanes if lane.id in filters.lanes)
    if filters != Filters(lanes=filters.lanes):
        present = set(df["lane"].astype(str))
        lanes = tuple(lane for lane in lanes if lane.id in present)
    return lanes


def _collapsed(
    df: pd.DataFrame, lanes: tuple[Lane, ...], collapsed: tuple[str, ...]
) -> tuple[pd.DataFrame, tuple[Lane, ...]]:
    """The rows without the collapsed lanes' items, and the lanes with each collapsed one
    labelled with how many items it hides (its band is then one empty row)."""
    folded = [lane.id for lane in lanes if lane.id in collapsed]
    if not folded:
        return df, lanes
    counts = df["lane"].astype(str).value_counts()
    lanes = tuple(
        replace(lane, label=f"{lane.label} ({_items(int(counts.get(lane.id, 0)))}, collapsed)")
        if lane.id in folded
        else lane
        for lane in lanes
    )
    kept = ~df["lane"].isin(folded).to_numpy()
    return df[kept].reset_index(drop=True), lanes


def _items(n: int) -> str:
    return f"{n} item" if n == 1 else f"{n} items"
