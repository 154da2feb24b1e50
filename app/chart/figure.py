"""build_figure: THE only place a chart is made; the dashboard and every export call it.

A swimlane Gantt as of a view date: lanes as shaded bands, items packed into rows, imprecise
dates drawn over their window, the plan as ghost outlines, links as arrows, the future veiled.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
from defense_timeline.chart import lod
from defense_timeline.chart.layout import lay_out
from defense_timeline.chart.legend import color_groups, legend_entries
from defense_timeline.chart.links import ARROW_DEFAULTS, day_iso, link_annotations
from defense_timeline.chart.parts import (
    bar_shapes,
    ghost_outlines,
    group_rows,
    hover_trace,
    ink_for,
    label_trace,
)
from defense_timeline.chart.place import ItemBox, Placement, place
from defense_timeline.chart.points import point_trace
from defense_timeline.chart.rows import Geometry
from defense_timeline.chart.text import esc, hover_cards
from defense_timeline.gc_pause import gc_paused
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.options import ViewOptions
from defense_timeline.view.sources import for_view
from defense_timeline.vocabulary import LINK_KINDS

MAX_ARROWS = 150  # more than this are drawn only when asked for all (view.all_links)
FEW_ARROWS = 40  # more than this: hidden until their item is hovered or selected


@dataclass(frozen=True)
class Chart:
    """A figure and the placement it was drawn from, which says where each item is."""

    figure: go.Figure
    placement: Placement

    def item_box(self, item_id: str) -> ItemBox | None:
        """Where the figure draws the item (None when it does not)."""
        return self.placement.item_box(item_id)


def build_figure(
    timeline: Timeline,
    view: ViewOptions = ViewOptions(),  # noqa: B008
    fit_width: int | None = None,
) -> go.Figure:
    """The chart of timeline as the view asks: as of a date, against a plan, filtered, coloured.

    Labels and titles are laid out for view.width; an autosized chart (no view.width) for
    fit_width, the width of the container it will fill (default: layout.DEFAULT_WIDTH).
    """
    return build_chart(timeline, view, fit_width).figure


def build_chart(
    timeline: Timeline,
    view: ViewOptions = ViewOptions(),  # noqa: B008
    fit_width: int | None = None,
) -> Chart:
    """build_figure's figure with the placement of its items (for outlining one of them)."""
    timeline, view = for_view(timeline, view)
    with gc_paused():
        placement = place(timeline, view, fit_width)
        return Chart(_draw(timeline, view, placement, fit_width), placement)


def _draw(
    timeline: Timeline, view: ViewOptions, placement: Placement, fit_width: int | None
) -> go.Figure:
    """The figure of placed items: their marks, legends and arrows, then the layout around."""
    df, geo = placement.df, placement.geo
    keys, order, names, colors = color_groups(timeline, df, view.color_by)
    names = {key: esc(name) for key, name in names.items()}
    if placement.large:
        (traces, marks), links = _draw_large(df, geo, view, keys, order, colors), []
    else:
        hover = hover_cards(df, timeline.sources)
        traces, marks = _draw_small(df, geo, view, keys, order, colors, hover)
        links = link_annotations(df, geo, day_iso) if view.show_links else []
    if len(links) > MAX_ARROWS and not view.all_links:  # a tangle: filter the view, or ask
        links = []
    arrows = [arrow for _, arrow, _ in links]
    hidden = len(arrows) > FEW_ARROWS and not view.all_links
    for arrow in arrows if len(arrows) > FEW_ARROWS else ():
        arrow["opacity"] = 0.45
        arrow["visible"] = not hidden
    drawn = {kind for kind, _, _ in links}
    kinds = [kind for kind in LINK_KINDS if kind in drawn]
    traces += legend_entries(df, keys, order, names, colors, view, kinds)
    layout = lay_out(
        traces, timeline, view, placement.as_of, geo, marks, arrows, len(df), fit_width
    )
    if placement.large:  # lane labels lie in the margin plotly.js widens for them: measuring
        # each against the page's edge on every draw and drag step cost 0.2 s at 100,000 items
        layout["yaxis"]["ticklabeloverflow"] = "allow"
    if hidden:  # which arrows each item shows when hovered or selected (see reveal_links)
        first = next(i for i, note in enumerate(layout["annotations"]) if note is arrows[0])
        layout["meta"] = {"links": _arrows_of(links, first)}
    # Every trace and the layout are built here from known-good values (the tests validate a
    # copy): skipping plotly's per-property validation and copies saves most of a large build.
    figure = go.Figure(dict(data=traces, layout=layout), _validate=False)
    if arrows:
        figure.layout.template.layout.annotationdefaults = ARROW_DEFAULTS
    return figure


def _arrows_of(links: list, first: int) -> dict[str, list[int]]:
    """Item id -> the positions in layout.annotations of the arrows from or to it."""
    found: dict[str, list[int]] = {}
    for n, (_, _, ends) in enumerate(links):
        for item_id in dict.fromkeys(ends):
            found.setdefault(item_id, []).append(first + n)
    return found


def reveal_links(figure: dict, item_id: str | None) -> dict:
    """A figure dict (from build_figure) with the arrows of item_id shown, others hidden as
    drawn: for the dashboard's selected item when the chart draws arrows on demand."""
    links = ((figure.get("layout") or {}).get("meta") or {}).get("links") or {}
    notes = figure["layout"].get("annotations") or []
    shown = set(links.get(item_id, ())) if item_id else set()
    for n in {i for ids in links.values() for i in ids}:
        notes[n]["visible"] = n in shown
    return figure


def _draw_small(df, geo: Geometry, view: ViewOptions, keys, order, colors, hover):
    """Up to LARGE_ITEMS items: path shapes of bars, windows, fades and the plan's outlines; per
    colour group a trace of its point marks, one of labels and one of its spans' hover bars."""
    ids = df["id"].to_numpy(dtype=object)
    ink = ink_for(geo)
    groups = group_rows(keys, order)
    traces, shapes = [], []
    for key, rows in groups if view.show_baseline else ():
        shapes += ghost_outlines(df, geo, rows, key, ink)
    for key, rows in groups:
        shapes += bar_shapes(df, geo, rows, colors[key], key, ink)
    for key, rows in groups:
        color = colors[key]
        traces += point_trace(df, geo, rows, color, key, ink, ids, hover, view.show_baseline)
    for key, rows in groups:
        traces += label_trace(df, geo, rows, key, colors[key])
    for key, rows in groups:
        traces += hover_trace(df, geo, rows, key, ids, hover, view.show_baseline)
    return traces, shapes


def _draw_large(df, geo: Geometry, view: ViewOptions, keys, order, colors):
    """More items: path shapes for every mark and one hover trace (see chart.lod)."""
    ink = ink_for(geo)
    groups = group_rows(keys, order)
    shapes = []
    for key, rows in groups if view.show_baseline else ():
        shapes += ghost_outlines(df, geo, rows, key, ink, lod.GHOST_MARGIN_PX, lod.GHOST_WIDTH)
    for key, rows in groups:
        shapes += lod.bar_shapes(df, geo, rows, colors[key], key, ink.bar_px)
    for key, rows in groups:
        shapes += lod.glyph_shapes(df, geo, rows, colors[key], key, ink.marker_px)
    return lod.hover_trace(df, geo, df["id"].to_numpy(dtype=object)), shapes
