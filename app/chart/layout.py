"""The chart around the marks: axes, lane bands, view-date line, future veil, title and legends."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from defense_timeline import vocabulary
from defense_timeline.chart.legend import legend_rows, trace_names
from defense_timeline.chart.rows import CHROME_PX, Geometry, day_ms
from defense_timeline.chart.text import esc
from defense_timeline.timeline.dates import Calendar, fiscal_year_of
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.options import Filters, ViewOptions

_COLOR_TITLES = {"lane": "Lanes", "kind": "Kinds", "status": "Status"}
DEFAULT_WIDTH = 1400  # assumed for autosized charts when estimating text widths
LEGEND_ROW_PX = 24
TITLE_PX = 58  # the title block's height above the colour legend
MIN_PLOT_PX = 120  # a height asked for never squeezes the plot below this


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
) -> dict:
    """The layout: axes, lane bands, view-date line, future veil, title, legends and size."""
    width = view.width or DEFAULT_WIDTH
    top_rows = legend_rows(trace_names(traces, None), width)
    bottom_rows = legend_rows(trace_names(traces, "legend2"), width)
    title_px = TITLE_PX if view.show_title else 0
    margin = dict(
        l=10, r=20, t=title_px + 30 + LEGEND_ROW_PX * top_rows, b=46 + LEGEND_ROW_PX * bottom_rows
    )
    extra = LEGEND_ROW_PX * (top_rows + bottom_rows - 2)
    height = view.height or int(geo.total * geo.row_px + CHROME_PX - TITLE_PX + title_px + extra)
    height = max(height, margin["t"] + margin["b"] + MIN_PLOT_PX)  # room for the plot itself
    layout = dict(
        height=height,
        width=view.width,
        autosize=view.width is None,
        margin=margin,
        **_style(),
        legend=_legend(view, height, title_px),
        legend2=_marks_legend(),
        xaxis=_x_axis(timeline, view, geo),
        yaxis=_y_axis(geo),
        shapes=_bands(geo) + marks + _view_marks(view, as_of, geo),
        annotations=_view_labels(view, as_of, geo) + arrows + _empty_note(n_items, as_of, view),
    )
    if view.show_title:
        layout["title"] = _title_block(timeline, view, as_of)
    return layout


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
        dragmode="zoom",
        showlegend=True,
    )


def _marks_legend() -> dict:
    """The legend of marks under the plot: explains, does not toggle."""
    return dict(
        orientation="h",
        x=0,
        xanchor="left",
        y=0,
        yanchor="bottom",
        yref="container",
        font=dict(size=11, color=vocabulary.MUTED),
        itemclick=False,
        itemdoubleclick=False,
        title=dict(text="<b>Marks</b>", side="left"),
    )


def _title_block(timeline: Timeline, view: ViewOptions, as_of: date) -> dict:
    """The title at the top left, above the colour legend."""
    return dict(
        text=_title(timeline, view, as_of),
        x=0.01,
        xanchor="left",
        y=1,
        yanchor="top",
        yref="container",
        pad=dict(t=14),
        font=dict(size=18, color=vocabulary.TEXT),
    )


def _legend(view: ViewOptions, height: int, title_px: int) -> dict:
    """The colour legend, under the title when there is one (clicking an entry hides a group)."""
    return dict(
        orientation="h",
        x=0,
        xanchor="left",
        y=1 - (title_px + 6) / height,
        yanchor="top",
        yref="container",
        font=dict(size=12),
        itemsizing="constant",
        groupclick="togglegroup",
        title=dict(text=f"<b>{_COLOR_TITLES[view.color_by]}</b>", side="left"),
    )


def _title(timeline: Timeline, view: ViewOptions, as_of: date) -> str:
    """Escaped title, then what the chart shows: view date and the plan it is compared with."""
    plan = f" · against plan of {view.baseline:%Y-%m-%d}" if view.baseline else ""
    about = esc(_shorten(timeline.description, 140)) if timeline.description else ""
    sub = f"as of {as_of:%Y-%m-%d}{plan}" + (f" — {about}" if about else "")
    return f"<b>{esc(timeline.title)}</b><br><span style='font-size:13px;color:#555'>{sub}</span>"


def _shorten(text: str, n: int) -> str:
    """Text cut to n characters at most, marked with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def x_range(view: ViewOptions, geo: Geometry) -> list[str]:
    """The time axis's range: the view's zoom (x_from to the end of x_to) where set, else the
    items' span (also for a zoom that ends before it starts, from a hand-made link)."""
    start, stop = view.x_from, view.x_to
    if start and stop and start > stop:
        start = stop = None
    lo = start.isoformat() if start else iso(geo.lo)
    hi = (stop + timedelta(days=1)).isoformat() if stop and stop < date.max else iso(geo.hi)
    return [lo, hi]


def _x_axis(timeline: Timeline, view: ViewOptions, geo: Geometry) -> dict:
    """A date axis over the data; fiscal-year ticks (FY2019) when asked and a calendar is known."""
    axis = dict(
        type="date",
        range=x_range(view, geo),
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
    )
    calendar = timeline.calendar or next(
        (ln.calendar for ln in timeline.lanes if ln.calendar), None
    )
    if view.fiscal_axis and calendar is not None:
        starts = _fiscal_starts(geo, calendar)
        axis.update(
            tickvals=[s.isoformat() for s in starts],
            ticktext=[f"FY{fiscal_year_of(s, calendar)}" for s in starts],
        )
    return axis


def _fiscal_starts(geo: Geometry, calendar: Calendar) -> list[date]:
    """First days of the fiscal years across the axis, thinned to at most about 20 ticks."""
    first = max(_year(geo.lo) - 1, date.min.year)  # date() has no year 0 or 10000
    last = min(_year(geo.hi) + 1, date.max.year)
    starts = [date(y, calendar.start_month, calendar.start_day) for y in range(first, last + 1)]
    starts = [s for s in starts if geo.lo <= day_ms(s) <= geo.hi] or starts[1:2]
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 10**9) if len(starts) / s <= 20)
    return starts[::step]


def _year(ms: float) -> int:
    """Calendar year of an epoch-millisecond position (any year, unlike pd.Timestamp)."""
    return int(np.datetime64(int(ms), "ms").astype("datetime64[Y]").astype(np.int64)) + 1970


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


def _y_axis(geo: Geometry) -> dict:
    """Lane labels at the middle of their bands, top lane first."""
    mids = [(top + bottom) / 2 for _, top, bottom in geo.lane_bands]
    labels = [f"<b>{esc(lane.label)}</b>" for lane, _, _ in geo.lane_bands]
    return dict(
        range=[max(geo.total, 1.0), 0],
        autorange=False,
        tickvals=mids,
        ticktext=labels,
        showgrid=False,
        zeroline=False,
        ticks="",
        automargin=True,
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
                layer="above",
                name="after the view date",
            )
        )
    marks.append(_vline(x, vocabulary.VIEW_LINE, 1.6, "dot", "view date"))
    if view.baseline:
        marks.append(
            _vline(iso(day_ms(view.baseline)), vocabulary.GHOST, 1.2, "dash", "baseline date")
        )
    return marks


def _view_labels(view: ViewOptions, as_of: date, geo: Geometry) -> list[dict]:
    """'as of 2017-02-19' (and 'plan of ...') written above their lines."""
    labels = [
        _top_label(geo.as_of_ms, f"<b>as of {as_of:%Y-%m-%d}</b>", vocabulary.VIEW_LINE, 12),
    ]
    if view.baseline:
        text = f"plan of {view.baseline:%Y-%m-%d}"
        labels.append(
            _top_label(day_ms(view.baseline), text, vocabulary.GHOST, 11, "baseline date")
        )
    return labels


def _top_label(ms: float, text: str, color: str, size: int, name: str = "view date") -> dict:
    """A label just above the plot at a date (epoch milliseconds)."""
    return dict(
        x=iso(ms),
        y=1,
        xref="x",
        yref="paper",
        yanchor="bottom",
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
