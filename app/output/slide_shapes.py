"""Drawing on a PowerPoint slide in the chart's own units: a Canvas maps the chart's placement
(x in epoch ms, y in rows) onto the slide, and the mark functions add native, editable shapes
(bars, date windows, point marks in their vocabulary Mark, the plan's ghosts, labels) named
after their items.

The slide is a 1280 x 720 px canvas (1 px = 9525 EMU: 13.333 x 7.5 in, 16:9), so the chart's
pixel sizes (label font, marker size) carry over.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from defense_timeline import vocabulary
from defense_timeline.chart.parts import planned_spans, revised_rows, windows
from defense_timeline.chart.place import Placement
from defense_timeline.output.rows import xml_safe
from defense_timeline.vocabulary import point_mark
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

EMU_PX = 9525
WIDTH_PX, HEIGHT_PX = 1280, 720
LABEL_FONT_PX = 11
SYMBOLS = {
    "circle": MSO_SHAPE.OVAL,
    "diamond": MSO_SHAPE.DIAMOND,
    "triangle-down": MSO_SHAPE.FLOWCHART_MERGE,  # a triangle pointing down
}


def px(value: float) -> Emu:
    """Canvas pixels as EMU."""
    return Emu(int(round(value * EMU_PX)))


def rgb(color: str) -> RGBColor:
    """A #rrggbb colour (anything else: the text colour)."""
    color = color if _is_hex(color) else vocabulary.TEXT
    return RGBColor.from_string(color.lstrip("#").upper())


def _is_hex(color: str) -> bool:
    """Whether the colour is #rrggbb."""
    return (
        len(color) == 7
        and color.startswith("#")
        and all(c in "0123456789abcdefABCDEF" for c in color[1:])
    )


def fit(text: str, width_px: float, font_px: float) -> str:
    """Text on one line, shortened with "…" to about what fits in width_px."""
    line = " ".join(text.split())
    most = max(8, int(width_px / (font_px * 0.6)))
    return line if len(line) <= most else line[: most - 1].rstrip() + "…"


def tint(color: str, keep: float) -> str:
    """The colour faded towards white (keep = 1: unchanged): a window drawn at the chart's
    opacity, as an opaque colour."""
    if not _is_hex(color):
        color = vocabulary.TEXT
    parts = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 - (255 - c) * keep):02X}" for c in parts)


@dataclass(frozen=True)
class Canvas:
    """Where the plot sits on the slide and the scale from chart units to canvas pixels."""

    slide: Any
    placement: Placement
    left: float  # px
    top: float
    width: float
    row_px: float

    def x(self, ms: float) -> float:
        """Canvas x of a chart x (epoch ms)."""
        geo = self.placement.geo
        return self.left + (ms - geo.lo) / (geo.hi - geo.lo) * self.width

    def y(self, rows: float) -> float:
        """Canvas y of a chart y (rows from the top)."""
        return self.top + rows * self.row_px

    @property
    def bottom(self) -> float:
        """Canvas y of the plot's bottom edge."""
        return self.y(self.placement.geo.total)


def box(
    slide: Any, kind: Any, x: float, y: float, w: float, h: float, fill: str | None, name: str
) -> Any:
    """A shape with a solid fill (None: none) and no outline."""
    shape = slide.shapes.add_shape(kind, px(x), px(y), px(max(w, 0.5)), px(max(h, 0.5)))
    if fill is None:
        shape.fill.background()
    else:
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(fill)
    shape.line.fill.background()
    plain(shape)
    shape.name = name
    return shape


def plain(shape: Any) -> None:
    """Drop the theme style a new shape gets (its shadow, its accent outline)."""
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


def text_box(
    slide: Any,
    x: float,
    y: float,
    w: float,
    h: float,
    text: str,
    *,
    size: float,
    color: str = vocabulary.TEXT,
    bold: bool = False,
    align: Any = PP_ALIGN.LEFT,
    name: str = "",
    wrap: bool = False,
) -> Any:
    """A text box of one paragraph, vertically centred, no margins, wrapped only if asked; a
    name of "title" fills the slide's title placeholder (what screen readers announce)."""
    if name == "title":
        shape = slide.shapes.title
        shape.left, shape.top, shape.width, shape.height = px(x), px(y), px(w), px(h)
    else:
        shape = slide.shapes.add_textbox(px(x), px(y), px(max(w, 1)), px(max(h, 1)))
    frame = shape.text_frame
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.word_wrap = wrap
    frame.auto_size = MSO_AUTO_SIZE.NONE  # a box that grew would move its text
    para = frame.paragraphs[0]
    para.alignment = align
    run = para.add_run()
    run.text = xml_safe(text)
    run.font.size = Pt(size * 0.75)
    run.font.bold = bold
    run.font.color.rgb = rgb(color)
    if name:
        shape.name = name
    return shape


def line(
    slide: Any,
    x0: float,
    y0: float,
    x1: float,
    y1: float,
    color: str,
    width: float,
    name: str,
    dash: Any = None,
) -> Any:
    """A straight line in canvas pixels."""
    conn = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, px(x0), px(y0), px(x1), px(y1))
    conn.line.color.rgb = rgb(color)
    conn.line.width = px(width)
    if dash is not None:
        conn.line.dash_style = dash
    plain(conn)
    conn.name = name
    return conn


def describe(shape: Any, text: str) -> None:
    """The shape's alternative text (read by screen readers and shown in PowerPoint's pane)."""
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", xml_safe(text))


def draw_items(canvas: Canvas, colors: list[str], ghosts: bool) -> None:
    """Every placed item: its plan where it moved (ghosts), its date windows, its bar or mark,
    and its label."""
    df, geo = canvas.placement.df, canvas.placement.geo
    bar_h = max(2.0, min(14.0, canvas.row_px * 0.55))
    ids = df["id"].tolist()
    if ghosts:
        _ghosts(canvas, bar_h, ids)
    alt = [f"{t} ({d})" for t, d in zip(df["title"], df["dates_text"], strict=True)]
    w0, w1, wy, owner = windows(df, geo, np.arange(len(df)))
    for a, b, yy, i in zip(w0, w1, wy, owner, strict=True):
        x0 = canvas.x(a)
        box(
            canvas.slide,
            MSO_SHAPE.RECTANGLE,
            x0,
            canvas.y(yy) - bar_h / 2,
            canvas.x(b) - x0,
            bar_h,
            tint(colors[i], 0.3),
            f"window {ids[i]}",
        )
    for i, kind in enumerate(df["kind"].tolist()):
        if kind == "period":
            shape = _bar(canvas, i, colors[i], bar_h, ids[i])
        else:
            shape = _mark(canvas, i, colors[i], kind, df["deadline_state"].iat[i], bar_h, ids[i])
        if shape is not None:
            describe(shape, alt[i])
    if geo.labels is not None:
        _labels(canvas, colors, ids)


def _ghosts(canvas: Canvas, bar_h: float, ids: list[str]) -> None:
    """The plan where an item differs from it: a dashed frame around the planned span of a
    period, a hollow mark a size larger at a point's planned day, as the chart draws them."""
    df, geo = canvas.placement.df, canvas.placement.geo
    p0, p1 = planned_spans(df, geo)
    revised = revised_rows(df)
    kinds, states = df["kind"].tolist(), df["deadline_state"].tolist()
    for i in np.flatnonzero(revised).tolist():
        y = canvas.y(geo.y[i])
        if kinds[i] == "period":
            shape = _frame(canvas, (p0[i], p1[i]), y, bar_h + 5, f"plan {ids[i]}")
        else:
            kind = SYMBOLS[point_mark(kinds[i], states[i]).shape]
            shape = _planned_day(canvas, kind, (p0[i] + p1[i]) / 2, y, f"plan {ids[i]}")
        if shape is None:  # the plan lies off the axis
            continue
        shape.line.color.rgb = rgb(vocabulary.GHOST)
        shape.line.width = px(1.3)
        shape.line.dash_style = MSO_LINE.DASH


def _planned_day(canvas: Canvas, kind: Any, ms: float, y: float, name: str) -> Any:
    """A hollow mark a size larger than the item's, at its planned day (None off the axis)."""
    if not canvas.placement.geo.lo <= ms <= canvas.placement.geo.hi:
        return None
    size = max(5.0, min(13.0, canvas.row_px * 0.6)) + 6
    x = canvas.x(ms)
    return box(canvas.slide, kind, x - size / 2, y - size / 2, size, size, None, name)


def _frame(canvas: Canvas, span: tuple[float, float], y: float, h: float, name: str) -> Any:
    """A frame around a span, cut at the axis as the chart clips it: open on a side where the
    span runs past the axis (None when none of it is on the axis)."""
    lo, hi = canvas.placement.geo.lo, canvas.placement.geo.hi
    start, end = max(span[0], lo), min(span[1], hi)
    if end <= start:
        return None
    x0, x1, top, bottom = canvas.x(start), canvas.x(end), y - h / 2, y + h / 2
    if span[0] >= lo and span[1] <= hi:
        return box(canvas.slide, MSO_SHAPE.RECTANGLE, x0, top, x1 - x0, h, None, name)
    if span[0] < lo and span[1] > hi:  # open at both ends: two rules
        edges = [[(x0, top), (x1, top)], [(x0, bottom), (x1, bottom)]]
    elif span[0] < lo:
        edges = [[(x0, top), (x1, top), (x1, bottom), (x0, bottom)]]
    else:
        edges = [[(x1, top), (x0, top), (x0, bottom), (x1, bottom)]]
    pen = canvas.slide.shapes.build_freeform(px(edges[0][0][0]), px(edges[0][0][1]))
    for n, edge in enumerate(edges):
        if n:
            pen.move_to(px(edge[0][0]), px(edge[0][1]))
        pen.add_line_segments([(px(a), px(b)) for a, b in edge[1:]], close=False)
    shape = pen.convert_to_shape()
    shape.fill.background()
    plain(shape)
    shape.name = name
    return shape


def _bar(canvas: Canvas, i: int, color: str, bar_h: float, item_id: str) -> Any:
    """A period's solid bar over its certain span (a thin outline when nothing is certain)."""
    geo = canvas.placement.geo
    y = canvas.y(geo.y[i]) - bar_h / 2
    if geo.c1[i] > geo.c0[i]:
        x0 = canvas.x(geo.c0[i])
        return box(
            canvas.slide,
            MSO_SHAPE.RECTANGLE,
            x0,
            y,
            canvas.x(geo.c1[i]) - x0,
            bar_h,
            color,
            f"item {item_id}",
        )
    x0 = canvas.x(geo.x0[i])
    shape = box(
        canvas.slide,
        MSO_SHAPE.RECTANGLE,
        x0,
        y,
        canvas.x(geo.x1[i]) - x0,
        bar_h,
        None,
        f"item {item_id}",
    )
    shape.line.color.rgb = rgb(color)
    shape.line.width = px(1)
    return shape


def _mark(
    canvas: Canvas, i: int, color: str, kind: str, state: str, bar_h: float, item_id: str
) -> Any:
    """A point item's vocabulary Mark: its shape, hollow or filled, and a cross when missed."""
    geo = canvas.placement.geo
    mark = point_mark(kind, state)
    size = max(5.0, min(13.0, canvas.row_px * 0.6))
    cx, cy = canvas.x(geo.mid[i]), canvas.y(geo.y[i])
    ink = mark.ink or color
    shape = box(
        canvas.slide,
        SYMBOLS[mark.shape],
        cx - size / 2,
        cy - size / 2,
        size,
        size,
        None if mark.hollow else ink,
        f"item {item_id}",
    )
    if mark.hollow:
        shape.line.color.rgb = rgb(ink)
        shape.line.width = px(mark.line_width)
    else:
        shape.line.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        shape.line.width = px(1)
    if mark.cross:
        h = size * 0.45
        for sign in (1, -1):
            line(
                canvas.slide,
                cx - h,
                cy - sign * h,
                cx + h,
                cy + sign * h,
                vocabulary.MISSED_MARK,
                vocabulary.CROSS_WIDTH,
                f"cross {item_id}",
            )
    return shape


def _labels(canvas: Canvas, colors: list[str], ids: list[str]) -> None:
    """Each item's title where the chart puts it: on its solid bar (contrasting ink) or beside."""
    geo = canvas.placement.geo
    font = min(LABEL_FONT_PX, max(6.0, canvas.row_px * 0.62))
    for i, label in enumerate(geo.labels or []):
        text = " ".join(label.split())
        on_bar = bool(geo.label_inside[i])
        ink = (
            (vocabulary.TEXT if vocabulary.is_light(colors[i]) else "#FFFFFF")
            if on_bar
            else vocabulary.TEXT
        )
        x = canvas.x(geo.label_x[i])
        left = bool(geo.label_left[i])  # the chart put it left of its mark: it ends at x
        width = min((len(text) + 2) * font * 0.62, x if left else WIDTH_PX - x)
        text_box(
            canvas.slide,
            x - width if left else x,
            canvas.y(geo.y[i]) - canvas.row_px / 2,
            width,
            canvas.row_px,
            text,
            size=font,
            color=ink,
            align=PP_ALIGN.RIGHT if left else PP_ALIGN.LEFT,
            name=f"label {ids[i]}",
        )
