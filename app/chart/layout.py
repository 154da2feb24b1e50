"""The chart around the marks: axes, lane bands, view-date line, future veil, title and legends."""

from __future__ import annotations

from datetime import date

import numpy as np
import plotly.io as pio
from defense_timeline import vocabulary
from defense_timeline.chart.fiscal import fiscal_axis, lane_shading
from defense_timeline.chart.legend import grid_rows, legend_rows, trace_names
from defense_timeline.chart.rows import CHROME_PX, Geometry, day_ms
from defense_timeline.chart.text import esc, text_px, wrap_px
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.describe import describe_filters
from defense_timeline.view.filters import zoom_range
from defense_timeline.view.options import COLOR_TITLES, Filters, ViewOptions
from defense_timeline.view.sources import source_words

DEFAULT_WIDTH = 1400  # assumed for autosized charts when estimating text widths
LEGEND_ROW_PX = 29  # a row of the colour legend as plotly.js draws it (font 12)
MARKS_ROW_PX = 19  # a row of the marks legend (font 11)
TITLE_PX = 58  # the title block's height above the colour legend (one title, one subtitle line)
TITLE_LINE_PX, SUB_LINE_PX = 24, 18
TITLE_MID_PX = 30
MODEBAR_PX = (190, 34)  # the modebar's corner (width, height): the title and legends avoid it
SUB_LINES = 4  # a long subtitle wraps onto this many lines at most
MIN_PLOT_PX = 120  # a height asked for never squeezes the plot below this
TALL_PX = 800  # a plot taller than this has its time axis at the top too
TOP_AXIS_PX = 24
AXIS_TITLE_PX = 24  # an x axis title under the tick labels
# Modebar buttons that do nothing useful on a timeline (selection, spikes); the rest stay.
MODEBAR_REMOVE = ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"]


def iso(ms: float) -> str:
    """An epoch-millisecond position as the date string plotly expects on a date axis."""
    return str(np.datetime64(int(ms), "ms"))


def lay_out(
    traces: list,
    timeline: Timeline,
    view: ViewOptions,
    as_of: date,
    geo: Geometry,
    marks: list[dict],
    arrows: list[dict],
    n_items: int,
    fit_width: int | None = None,
) -> dict:
    """The layout: axes, lane bands, view-date line, future veil, title, legends and size."""
    width = view.width or fit_width or DEFAULT_WIDTH
    top_rows = legend_rows(trace_names(traces, None), width)
    title = _title_lines(timeline, view, as_of, width) if view.show_title else None
    title_px = TITLE_PX + _title_extra(title) if title else 0
    legend_top = max(title_px, MODEBAR_PX[1])
    tall = geo.total * geo.row_px > TALL_PX
    top_axis = TOP_AXIS_PX if tall else 0
    x_axis = _x_axis(timeline, view, geo)
    # Margins plotly's automargin need not widen (that draws a chart twice); the plot keeps
    # its room as the margins grow; the time axis keeps automargin for an odd legend.
    left = 10 + round(lane_labels_px([lane.label for lane, _, _ in geo.lane_bands], width))
    bottom_rows = grid_rows(trace_names(traces, "legend2"), width - left - 20)
    margin = dict(
        l=left,
        r=20,
        t=legend_top + 25 + top_axis + LEGEND_ROW_PX * top_rows,
        b=48 + MARKS_ROW_PX * bottom_rows + (AXIS_TITLE_PX if "title" in x_axis else 0),
    )
    extra = LEGEND_ROW_PX * (top_rows - 1) + margin["b"] - 70 + legend_top - TITLE_PX + top_axis
    height = view.height or int(geo.total * geo.row_px + CHROME_PX + extra)
    height = max(height, margin["t"] + margin["b"] + MIN_PLOT_PX)  # room for the plot itself
    layout = dict(
        height=height,
        width=view.width,
        autosize=view.width is None,
        margin=margin,
        **_style(),
        template=template(),
        legend=_legend(view, height, legend_top),
        legend2=_marks_legend(),
        xaxis=x_axis,
        yaxis=_y_axis(geo, width),
        shapes=_bands(geo)
        + lane_shading(timeline, view.fiscal_axis, geo)
        + marks
        + _view_marks(view, as_of, geo),
        annotations=_view_labels(view, as_of, geo, top_axis)
        + arrows
        + _empty_note(n_items, as_of, view),
    )
    if tall:
        layout["xaxis2"] = _top_axis(layout["xaxis"], traces, geo)
    if title:
        layout["title"] = _title_block(title, height)
    return layout


def _top_axis(axis: dict, traces: list, geo: Geometry) -> dict:
    """The time axis again at the top, moving with it (plotly draws it for an empty trace on
    it, which this adds to traces)."""
    top = dict(axis, matches="x", overlaying="x", side="top", showgrid=False, mirror=False)
    # automargin kept: its labels move clear of a colour legend taller than estimated
    top.pop("title", None)
    # its own ticks, equal to the bottom axis's ("sync", the default, drifts on dates)
    top["tickmode"] = "array" if "tickvals" in top else "auto"
    empty = dict(type="scatter", x=[iso(geo.lo), iso(geo.hi)], y=[None, None], mode="none")
    traces.append(dict(empty, xaxis="x2", showlegend=False, hoverinfo="skip"))
    return top


def _title_lines(timeline: Timeline, view: ViewOptions, as_of: date, width: int):
    """The title's lines and the subtitle's, wrapped clear of the modebar's corner."""
    room = width - MODEBAR_PX[0] - 20
    plan = f" · against plan of {view.baseline:%Y-%m-%d}" if view.baseline else ""
    if view.source in timeline.sources:
        plan = f" · {source_words(timeline, view.source)}{plan}"
    shown = describe_filters(view.filters)
    about = " ".join(timeline.description.split()) if timeline.description else ""
    sub = f"as of {as_of:%Y-%m-%d}{plan}" + (f" · {shown}" if shown else "")
    sub += f" — {about}" if about else ""
    heads = wrap_px(timeline.title, room, 18, 2, bold=True)
    return heads, wrap_px(sub, width - 40, 13, SUB_LINES)  # under the modebar: all the width


def _title_extra(title) -> int:
    """Height the title block takes beyond one title and one subtitle line."""
    heads, subs = title
    return TITLE_LINE_PX * (len(heads) - 1) + SUB_LINE_PX * (max(len(subs), 1) - 1)


def _style() -> dict:
    """Colours, fonts, hover cards and interaction of a chart (fresh dicts: a figure owns them)."""
    return dict(
        paper_bgcolor="white",
        plot_bgcolor="white",
        font=dict(family=vocabulary.FONT, size=12, color=vocabulary.TEXT),
        hoverlabel=dict(
            bgcolor="white",
            bordercolor="#999999",
            align="left",
            font=dict(size=12, color=vocabulary.TEXT, family=vocabulary.FONT),
        ),
        hovermode="closest",
        barmode="overlay",  # the hover bars of colour groups sharing a row stay where they are
        dragmode="zoom",
        showlegend=True,
        modebar=dict(remove=list(MODEBAR_REMOVE)),
    )


# What of plotly's default template a chart of scatter and bar traces never reads (besides
# per-trace-type defaults: every trace states its own style): a few kilobytes of nothing.
UNUSED_TEMPLATE = ("polar", "ternary", "scene", "geo", "coloraxis", "colorscale")


def template() -> dict:
    """plotly's default template without the parts this chart never reads (a fresh dict)."""
    full = pio.templates[pio.templates.default].to_plotly_json()
    layout = {k: v for k, v in full.get("layout", {}).items() if k not in UNUSED_TEMPLATE}
    return dict(layout=layout)


def _marks_legend() -> dict:
    """The legend of marks under the plot: explains, does not toggle."""
    return dict(
        orientation="h",
        x=0.01,
        xref="container",
        xanchor="left",
        y=0,
        yanchor="bottom",
        yref="container",
        font=dict(size=11, color=vocabulary.MUTED),
        itemclick=False,
        itemdoubleclick=False,
        title=dict(text="<b>Marks</b>", side="left"),
    )


def _title_block(title, height: int) -> dict:
    """The title at the top left, above the colour legend, clear of the top edge (plotly
    anchors a title of several lines by its first line: its middle goes TITLE_MID_PX down)."""
    heads, subs = title
    sub = "<br>".join(esc(line) for line in subs)
    head = "<br>".join(f"<b>{esc(line)}</b>" for line in heads)
    return dict(
        text=f"{head}<br><span style='font-size:13px;color:#555'>{sub}</span>",
        x=0.01,
        xanchor="left",
        y=1 - TITLE_MID_PX / height,
        yanchor="middle",
        yref="container",
        font=dict(size=18, color=vocabulary.TEXT),
    )


def _legend(view: ViewOptions, height: int, top_px: int) -> dict:
    """The colour legend, under the title and the modebar (clicking an entry hides a group)."""
    return dict(
        orientation="h",
        x=0.01,
        xref="container",
        xanchor="left",
        y=1 - (top_px + 10) / height,
        yanchor="top",
        yref="container",
        font=dict(size=12),
        itemsizing="constant",
        groupclick="togglegroup",
        title=dict(text=f"<b>{COLOR_TITLES[view.color_by]}</b>", side="left"),
    )


def _x_axis(timeline: Timeline, view: ViewOptions, geo: Geometry) -> dict:
    """A date axis over the data; fiscal-year ticks (FY2019) and a title naming their calendar
    when asked (chart.fiscal)."""
    axis = dict(
        type="date",
        range=zoom_range(view) or [iso(geo.lo), iso(geo.hi)],
        autorange=False,
        showgrid=True,
        gridcolor=vocabulary.GRID,
        zeroline=False,
        showline=True,
        linecolor="#BBBBBB",
        ticks="outside",
        tickcolor="#BBBBBB",
        mirror=True,
        hoverformat="%Y-%m-%d",
        automargin=True,
    )
    axis.update(fiscal_axis(timeline, view.fiscal_axis, geo))
    return axis


def _vline(x: str, color: str, width: float, dash: str, name: str) -> dict:
    """A vertical line across the whole plot at date x."""
    return dict(
        type="line",
        xref="x",
        yref="paper",
        x0=x,
        x1=x,
        y0=0,
        y1=1,
        line=dict(color=color, width=width, dash=dash),
        name=name,
    )


def lane_label_px(width: int) -> float:
    """How wide lane labels left of the plot may be: they wrap onto lines to fit."""
    return min(320.0, max(90.0, 0.2 * width))


def lane_lines(label: str, width: int) -> list[str]:
    """A lane label's lines (unescaped), wrapped to the room a chart this wide gives them."""
    return wrap_px(label, lane_label_px(width), 12, 3, bold=True) or [""]


def lane_labels_px(labels: list[str], width: int) -> float:
    """About how wide the drawn lane labels are, wrapped as lane_lines wraps them."""
    lines = [line for label in labels for line in lane_lines(label, width)]
    return 14 + max((text_px(line, 12, bold=True) for line in lines), default=0.0)


def _y_axis(geo: Geometry, width: int) -> dict:
    """Lane labels at the middle of their bands, top lane first."""
    mids = [(top + bottom) / 2 for _, top, bottom in geo.lane_bands]
    labels = [
        "<br>".join(f"<b>{esc(line)}</b>" for line in lane_lines(lane.label, width))
        for lane, _, _ in geo.lane_bands
    ]
    return dict(
        range=[max(geo.total, 1.0), 0],
        autorange=False,
        tickvals=mids,
        ticktext=labels,
        showgrid=False,
        zeroline=False,
        ticks="",
        automargin=False,
        tickfont=dict(size=12),
        fixedrange=False,
    )


def _bands(geo: Geometry) -> list[dict]:
    """Alternate shading and a rule between lanes."""
    shapes = []
    for i, (_, top, bottom) in enumerate(geo.lane_bands):
        if i % 2 == 0:
            shapes.append(
                dict(
                    type="rect",
                    xref="paper",
                    yref="y",
                    x0=0,
                    x1=1,
                    y0=top,
                    y1=bottom,
                    fillcolor=vocabulary.BAND,
                    line=dict(width=0),
                    layer="below",
                )
            )
        if i:
            shapes.append(
                dict(
                    type="line",
                    xref="paper",
                    yref="y",
                    x0=0,
                    x1=1,
                    y0=top,
                    y1=top,
                    line=dict(color="#D0D0D0", width=1),
                    layer="below",
                )
            )
    return shapes


def _view_marks(view: ViewOptions, as_of: date, geo: Geometry) -> list[dict]:
    """The view-date line, a veil over what lies after it, and the baseline date if set."""
    x = iso(geo.as_of_ms)
    marks = []
    if geo.as_of_ms < geo.hi:
        marks.append(
            dict(
                type="rect",
                xref="x",
                yref="paper",
                x0=x,
                x1=iso(geo.hi),
                y0=0,
                y1=1,
                fillcolor=vocabulary.FUTURE_VEIL,
                line=dict(width=0),
                layer="between",  # under the marks and their labels: text stays crisp
                name="after the view date",
            )
        )
    marks.append(_vline(x, vocabulary.VIEW_LINE, 1.6, "dot", "view date"))
    if view.baseline:
        marks.append(
            _vline(iso(day_ms(view.baseline)), vocabulary.GHOST, 1.2, "dash", "baseline date")
        )
    return marks


def _view_labels(view: ViewOptions, as_of: date, geo: Geometry, lift: int) -> list[dict]:
    """'as of 2017-02-19' (and 'plan of ...') written above their lines (lifted over a top axis)."""
    text = f"<b>as of {as_of:%Y-%m-%d}</b>"
    labels = [_top_label(geo.as_of_ms, text, vocabulary.VIEW_LINE, 12, lift)]
    if view.baseline:
        text = f"plan of {view.baseline:%Y-%m-%d}"
        labels.append(
            _top_label(day_ms(view.baseline), text, vocabulary.GHOST, 11, lift, "baseline date")
        )
    return labels


def _top_label(
    ms: float, text: str, color: str, size: int, lift: int, name: str = "view date"
) -> dict:
    """A label just above the plot at a date (epoch milliseconds)."""
    return dict(
        x=iso(ms),
        y=1,
        xref="x",
        yref="paper",
        yanchor="bottom",
        yshift=lift,
        text=text,
        showarrow=False,
        font=dict(color=color, size=size),
        bgcolor="white",
        name=name,
    )


def _empty_note(n_items: int, as_of: date, view: ViewOptions) -> list[dict]:
    """A plain message instead of an empty grid, saying why it is empty."""
    if n_items:
        return []
    why = " with these filters" if view.filters != Filters() else ""
    return [
        dict(
            x=0.5,
            y=0.5,
            xref="paper",
            yref="paper",
            showarrow=False,
            text=f"No items to show as of {as_of:%Y-%m-%d}{why}",
            font=dict(size=14, color=vocabulary.MUTED),
        )
    ]
