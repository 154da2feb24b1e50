"""build_figure: THE only place a chart is made; the dashboard and every export call it.

A swimlane Gantt as of a view date: lanes as shaded bands, items packed into rows, imprecise
dates drawn over their window, the plan as ghost outlines, links as arrows, the future veiled.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from defense_timeline import vocabulary as palette
from defense_timeline.chart import lod
from defense_timeline.chart.layout import DEFAULT_WIDTH, iso, lay_out
from defense_timeline.chart.legend import legend_entries
from defense_timeline.chart.parts import (
    bar_traces,
    ghost_traces,
    group_rows,
    hover_trace,
    ink_for,
    label_trace,
    link_annotations,
    missed_trace,
    point_trace,
)
from defense_timeline.chart.rows import Geometry, layout_rows
from defense_timeline.chart.text import esc, hover_texts
from defense_timeline.gc_pause import gc_paused
from defense_timeline.timeline.model import Lane, Timeline
from defense_timeline.view.filters import filter_frame
from defense_timeline.view.frame import drawing_frame, ordered_lanes
from defense_timeline.view.options import Filters, ViewOptions
from defense_timeline.vocabulary import KINDS, STATUSES

MAX_ARROWS = 150
FEW_ARROWS = 40
LARGE_ITEMS = 2000  # above this: path shapes (figure_lod), no labels or arrows, brief hover


def build_figure(timeline: Timeline, view: ViewOptions = ViewOptions()) -> go.Figure:  # noqa: B008
    """The chart of timeline as the view asks: as of a date, against a plan, filtered, coloured."""
    with gc_paused():
        return _build(timeline, view)


def _build(timeline: Timeline, view: ViewOptions) -> go.Figure:
    """build_figure's work."""
    as_of = view.as_of or timeline.as_of
    df = filter_frame(drawing_frame(timeline, as_of, view.baseline), view.filters)
    lanes = _drawn_lanes(timeline, df, view.filters)
    df = df[df["lane"].isin([lane.id for lane in lanes]).to_numpy()].reset_index(drop=True)
    large = len(df) > LARGE_ITEMS
    geo = layout_rows(
        df,
        lanes,
        as_of=as_of,
        plot_px=(view.width or DEFAULT_WIDTH) - _lane_label_px(lanes) - 40,
        one_per_row=view.layout == "rows",
        ghosts=view.show_baseline,
        labels=not large,
        height=view.height,
    )
    keys, order, names, colors = _color_groups(timeline, df, view.color_by)
    if large:
        (traces, marks), arrows = _draw_large(df, geo, view, keys, order, colors), []
    else:
        hover = np.array(hover_texts(df, timeline.sources), dtype=object)
        traces, marks = _draw_small(df, geo, view, keys, order, colors, hover), []
        arrows = link_annotations(df, geo, iso) if view.show_links else []
    if len(arrows) > MAX_ARROWS:  # a tangle, not a picture: filter the view to see links
        arrows = []
    for arrow in arrows if len(arrows) > FEW_ARROWS else ():
        arrow["opacity"] = 0.45
    links = {a["arrowcolor"] for a in arrows}
    links = [kind for kind, color in palette.LINK_COLORS.items() if color in links]
    traces += legend_entries(df, keys, order, names, colors, view, links)
    layout = lay_out(traces, timeline, view, as_of, geo, marks, arrows, len(df))
    # Every trace and the layout are built here from known-good values (the tests validate a
    # copy): skipping plotly's per-property validation and copies saves most of a large build.
    return go.Figure(dict(data=traces, layout=layout), _validate=False)


def _draw_small(df, geo: Geometry, view: ViewOptions, keys, order, colors, hover) -> list:
    """Up to LARGE_ITEMS items: SVG traces per colour group, labels and hover along bars."""
    ids = df["id"].to_numpy(dtype=object)
    ink = ink_for(geo)
    groups = group_rows(keys, order)
    traces = []
    for key, rows in groups if view.show_baseline else ():
        traces += ghost_traces(df, geo, rows, key, ink, ids, hover)
    for key, rows in groups:
        traces += bar_traces(df, geo, rows, colors[key], key, ink, ids)
    for key, rows in groups:
        traces += point_trace(df, geo, rows, colors[key], key, ink, ids, hover)
        traces += missed_trace(df, geo, rows, key, ink, ids)
    for key, rows in groups:
        traces += label_trace(df, geo, rows, key, colors[key])
    return traces + hover_trace(df, geo, ink, ids, hover, view.show_baseline)


def _draw_large(df, geo: Geometry, view: ViewOptions, keys, order, colors):
    """More items: path shapes for every mark and one hover trace (see figure_lod)."""
    ink = ink_for(geo)
    shapes = lod.ghost_shape(df, geo, ink.bar_px) if view.show_baseline else []
    for key, rows in group_rows(keys, order):
        shapes += lod.bar_shapes(df, geo, rows, colors[key], key, ink.bar_px)
    for key, rows in group_rows(keys, order):
        shapes += lod.glyph_shapes(df, geo, rows, colors[key], key, ink.marker_px)
    return lod.hover_trace(df, geo, df["id"].to_numpy(dtype=object)), shapes


def _lane_label_px(lanes: tuple[Lane, ...]) -> float:
    """About how wide the lane labels left of the plot are (bold 12 px text)."""
    return min(320.0, 20 + 7.5 * max((len(lane.label) for lane in lanes), default=0))


def _drawn_lanes(timeline: Timeline, df: pd.DataFrame, filters: Filters) -> tuple[Lane, ...]:
    """Lanes to draw: the filtered ones; empty lanes only while no filter narrows the view."""
    lanes = ordered_lanes(timeline)
    if filters.lanes:
        lanes = tuple(lane for lane in lanes if lane.id in filters.lanes)
    if filters != Filters(lanes=filters.lanes):
        present = set(df["lane"].astype(str))
        lanes = tuple(lane for lane in lanes if lane.id in present)
    return lanes


def _color_groups(timeline: Timeline, df: pd.DataFrame, color_by: str):
    """Each row's colour-group key, the groups' order, display names and colours."""
    if color_by == "kind":
        names = {k: k.capitalize() for k in KINDS}
        return df["kind"], list(KINDS), names, dict(palette.KIND_COLORS)
    if color_by == "status":
        names = {s: s.capitalize() for s in STATUSES}
        return df["status"], list(STATUSES), names, dict(palette.STATUS_COLORS)
    lanes = ordered_lanes(timeline)
    names = {lane.id: esc(lane.label) for lane in lanes}
    return df["lane"], [lane.id for lane in lanes], names, palette.lane_colors(lanes)
