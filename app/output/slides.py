"""The view as a native, editable PowerPoint deck (16:9): the chart drawn as shapes on one slide
(title, lane bands and labels, bars, date windows, marks, item labels, the view-date line, an
axis of years and a legend), then slides numbering the sources its items cite.

The items go where the chart puts them: the chart's own placement (chart.place) decides rows
and label positions, and the vocabulary decides marks and colours. Text from the file is set as
text runs, never as anything PowerPoint interprets.
"""

from __future__ import annotations

import dataclasses
import io
from datetime import date
from typing import Any

from defense_timeline import vocabulary
from defense_timeline.chart.legend import color_groups
from defense_timeline.chart.place import LARGE_ITEMS, Placement, place
from defense_timeline.errors import ExportError
from defense_timeline.output.rows import cited_sources, view_day, xml_safe
from defense_timeline.output.slide_shapes import (
    HEIGHT_PX,
    WIDTH_PX,
    Canvas,
    box,
    draw_items,
    fit,
    line,
    px,
    rgb,
    text_box,
    tint,
)
from defense_timeline.timeline.model import Source, Timeline
from defense_timeline.view.describe import describe_filters
from defense_timeline.view.options import ViewOptions
from defense_timeline.vocabulary import DEADLINE_MARKS, LINE_LABELS, POINT_MARKS
from pptx import Presentation
from pptx.enum.dml import MSO_LINE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.util import Pt

PLOT_TOP, PLOT_BOTTOM = 96.0, 600.0  # canvas px
LANE_GREY = "#F2F2F2"
SOURCES_PER_SLIDE = 14
TITLE_ONLY = 5  # the default template's "Title Only" layout: each slide has a real title


def pptx_bytes(timeline: Timeline, view: ViewOptions) -> bytes:
    """The deck of the view: the chart slide, then the sources."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = px(WIDTH_PX), px(HEIGHT_PX)
    placement = place(timeline, dataclasses.replace(view, width=WIDTH_PX, height=None))
    if placement.large:
        raise ExportError(
            f"a slide shows at most {LARGE_ITEMS:,} items and this view has "
            f"{len(placement.df):,}: filter the view (lanes, kinds, dates) to fewer"
        )
    chart_slide(deck, timeline, view, placement)
    sources_slides(deck, cited_sources(timeline, placement.df))
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def colors_of(
    timeline: Timeline, placement: Placement, color_by: str
) -> tuple[list[str], dict[str, str]]:
    """Each row's colour, and the legend's colour groups (name: colour) in order."""
    keys, order, names, table = color_groups(timeline, placement.df, color_by)
    keys = keys.astype(object).tolist()
    present = set(keys)
    return [table[k] for k in keys], {names[k]: table[k] for k in order if k in present}


def chart_slide(deck: Any, timeline: Timeline, view: ViewOptions, placement: Placement) -> None:
    """The chart as shapes on one slide."""
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    slide.shapes.turbo_add_enabled = True  # number new shapes without a search each: n, not n²
    geo = placement.geo
    plot_px = (geo.hi - geo.lo) / geo.ms_per_px  # the width the labels were placed for
    row_px = min(26.0, (PLOT_BOTTOM - PLOT_TOP) / geo.total)
    canvas = Canvas(slide, placement, WIDTH_PX - 24 - plot_px, PLOT_TOP, plot_px, row_px)
    _title(slide, timeline, view, len(placement.df))
    _lanes(canvas)
    _axis(canvas)
    colors, groups = colors_of(timeline, placement, view.color_by)
    draw_items(canvas, colors, view.show_baseline)
    _view_line(canvas, view_day(timeline, view))
    _legend(canvas, groups, view.show_baseline)


def _title(slide, timeline: Timeline, view: ViewOptions, n: int) -> None:
    """The timeline's title, and the view in words under it."""
    title = fit(timeline.title, WIDTH_PX - 48, 24)
    text_box(slide, 24, 14, WIDTH_PX - 48, 34, title, size=24, bold=True, name="title")
    words = f"As known on {view_day(timeline, view).isoformat()} · {n} item{'' if n == 1 else 's'}"
    shown = describe_filters(view.filters)
    if shown:
        words += f" · {shown}"
    words = fit(words, WIDTH_PX - 48, 14)
    text_box(
        slide, 24, 50, WIDTH_PX - 48, 22, words, size=14, color=vocabulary.MUTED, name="subtitle"
    )


def _lanes(canvas: Canvas) -> None:
    """A band per lane, every other one shaded, with its label left of the plot."""
    slide = canvas.slide
    for n, (lane, top, bottom) in enumerate(canvas.placement.geo.lane_bands):
        y0, y1 = canvas.y(top), canvas.y(bottom)
        fill = LANE_GREY if n % 2 == 0 else "#FFFFFF"
        box(slide, MSO_SHAPE.RECTANGLE, 16, y0, WIDTH_PX - 40, y1 - y0, fill, f"lane {lane.id}")
        size = min(12.0, max(7.0, (y1 - y0) * 0.7))
        text_box(
            slide,
            24,
            y0,
            canvas.left - 32,
            y1 - y0,
            lane.label,
            size=size,
            bold=True,
            name=f"lane label {lane.id}",
            wrap=True,
        )


def _ticks(lo: date, hi: date) -> list[date]:
    """Days to mark on the axis: first days of years, else (under two years) of months, else
    (under three months) every few days; about twelve or fewer."""
    years = hi.year - lo.year
    if years >= 2:
        step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000) if years / s <= 12)
        first = (lo.year // step + 1) * step
        return [date(y, 1, 1) for y in range(max(first, 1), hi.year + 1, step)]
    k0, k1 = lo.year * 12 + lo.month - 1, hi.year * 12 + hi.month - 1  # months since year 0
    if k1 - k0 >= 3:
        step = next(s for s in (1, 2, 3, 6) if (k1 - k0) / s <= 12)
        return [date(k // 12, k % 12 + 1, 1) for k in range(k0 + 1, k1 + 1) if k % step == 0]
    days = hi.toordinal() - lo.toordinal()
    step = next(s for s in (1, 2, 7, 14, 28) if days / s <= 12)
    return [date.fromordinal(d) for d in range(lo.toordinal() + 1, hi.toordinal() + 1, step)]


def _axis(canvas: Canvas) -> None:
    """Gridlines and dates along the bottom of the plot."""
    from defense_timeline.chart.rows import day_ms
    from defense_timeline.chart.text import DAY_MS

    geo = canvas.placement.geo
    epoch, last = date(1970, 1, 1).toordinal(), date.max.toordinal()
    lo, hi = (
        date.fromordinal(min(max(1, int(ms // DAY_MS) + epoch), last)) for ms in (geo.lo, geo.hi)
    )
    for day in _ticks(lo, hi):
        x = canvas.x(day_ms(day))
        line(canvas.slide, x, canvas.top, x, canvas.bottom, vocabulary.GRID, 0.75, f"grid {day}")
        label = day.isoformat() if day.day != 1 else f"{day.year}-{day.month:02d}"
        label = str(day.year) if day.month == 1 and day.day == 1 else label
        text_box(
            canvas.slide,
            min(max(x - 40, 0), WIDTH_PX - 80),
            canvas.bottom + 2,
            80,
            16,
            label,
            size=11,
            color=vocabulary.MUTED,
            align=PP_ALIGN.CENTER,
            name=f"tick {day}",
        )


def _view_line(canvas: Canvas, day: date) -> None:
    """The view date as a labelled vertical line."""
    x = canvas.x(canvas.placement.geo.as_of_ms)
    if not len(canvas.placement.df):
        text_box(canvas.slide, canvas.left, canvas.top, canvas.width, 40, "No items in this view",
                 size=14, color=vocabulary.MUTED, align=PP_ALIGN.CENTER, name="empty")  # fmt: skip
    line(
        canvas.slide,
        x,
        canvas.top - 6,
        x,
        canvas.bottom,
        vocabulary.VIEW_LINE,
        1.5,
        "view date",
        MSO_LINE.DASH,
    )
    text_box(
        canvas.slide,
        min(max(x - 100, 16), WIDTH_PX - 216),
        canvas.top - 22,
        200,
        16,
        f"As known on {day.isoformat()}",
        size=11,
        color=vocabulary.VIEW_LINE,
        bold=True,
        align=PP_ALIGN.CENTER,
        name="view date label",
    )


def _legend(canvas: Canvas, groups: dict[str, str], ghosts: bool) -> None:
    """Colour groups, then the marks that appear, along the bottom of the slide."""
    df = canvas.placement.df
    slide, x, y = canvas.slide, 24.0, min(canvas.bottom + 36, HEIGHT_PX - 70.0)
    kinds, states = set(df["kind"].astype(str)), set(df["deadline_state"])
    entries = [(name, ("swatch", color)) for name, color in groups.items()]
    if "period" in kinds:
        entries.append((LINE_LABELS["period"], ("bar", vocabulary.LEGEND_INK)))
    if bool(df["start_fuzzy"].any() or df["end_fuzzy"].any()):
        entries.append((LINE_LABELS["window"], ("bar", tint(vocabulary.LEGEND_INK, 0.3))))
    entries += [(m.label, ("mark", k, "")) for k, m in POINT_MARKS.items() if k in kinds]
    entries += [
        (m.label, ("mark", "deadline", s))
        for s, m in DEADLINE_MARKS.items()
        if s in states and "deadline" in kinds
    ]
    if ghosts and bool(df["revised"].any()):
        entries.append((LINE_LABELS["plan"], ("plan",)))
    for name, how in entries:
        width = 26 + len(name) * 6.4
        if x + width > WIDTH_PX - 24:
            x, y = 24.0, y + 20
        _legend_key(slide, x, y, how, name)
        text_box(
            slide,
            x + 18,
            y,
            width - 18,
            16,
            name,
            size=11,
            color=vocabulary.TEXT,
            name=f"legend {name}",
        )
        x += width + 10


def _legend_key(slide, x: float, y: float, how: tuple, name: str) -> None:
    """The little picture in front of a legend entry."""
    if how[0] == "swatch":
        box(slide, MSO_SHAPE.RECTANGLE, x, y + 3, 11, 11, how[1], f"legend key {name}")
    elif how[0] == "plan":
        key = box(slide, MSO_SHAPE.RECTANGLE, x, y + 3, 14, 10, None, f"legend key {name}")
        key.line.color.rgb = rgb(vocabulary.GHOST)
        key.line.width = px(1.3)
        key.line.dash_style = MSO_LINE.DASH
    elif how[0] == "bar":
        box(slide, MSO_SHAPE.RECTANGLE, x, y + 5, 14, 6, how[1], f"legend key {name}")
    else:
        mark = vocabulary.point_mark(how[1], how[2])
        from defense_timeline.output.slide_shapes import SYMBOLS

        ink = mark.ink or vocabulary.LEGEND_INK
        shape = box(
            slide,
            SYMBOLS[mark.shape],
            x,
            y + 2,
            12,
            12,
            None if mark.hollow else ink,
            f"legend key {name}",
        )
        shape.line.color.rgb = rgb(ink if mark.hollow else "#FFFFFF")
        if mark.cross:
            line(
                slide,
                x + 2,
                y + 4,
                x + 10,
                y + 12,
                vocabulary.MISSED_MARK,
                2,
                f"legend key {name} cross",
            )
            line(
                slide,
                x + 2,
                y + 12,
                x + 10,
                y + 4,
                vocabulary.MISSED_MARK,
                2,
                f"legend key {name} cross",
            )


def sources_slides(deck: Any, cited: list[Source]) -> None:
    """The sources the slide's items cite, numbered, SOURCES_PER_SLIDE a slide."""
    sources: list[Source | None] = list(cited) or [None]
    for first in range(0, len(sources), SOURCES_PER_SLIDE):
        slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
        part = sources[first : first + SOURCES_PER_SLIDE]
        more = f" ({first // SOURCES_PER_SLIDE + 1})" if len(sources) > SOURCES_PER_SLIDE else ""
        text_box(
            slide,
            24,
            14,
            WIDTH_PX - 48,
            34,
            f"Sources{more}",
            size=24,
            bold=True,
            name="title",
        )
        shape = slide.shapes.add_textbox(px(24), px(64), px(WIDTH_PX - 48), px(HEIGHT_PX - 88))
        shape.name = "sources"
        frame = shape.text_frame
        frame.word_wrap = True
        for n, source in enumerate(part, start=first + 1):
            para = frame.paragraphs[0] if n == first + 1 else frame.add_paragraph()
            para.space_after = Pt(4)
            run = para.add_run()
            run.text = xml_safe(_source_words(n, source))
            run.font.size = Pt(12)
            run.font.color.rgb = rgb(vocabulary.TEXT)


def _source_words(n: int, source) -> str:
    """One numbered source: title, publisher, date, kind, URL and id."""
    if source is None:
        return "The items shown cite no sources."
    bits = [source.title, source.publisher, source.date.text if source.date else "", source.kind]
    text = f"{n}. " + ", ".join(b for b in bits if b)
    if source.url:
        text += f" — {source.url}"
    return text + f" [{source.id}]"
