"""The view as a spreadsheet: the `table` command's rows as CSV, or an .xlsx workbook with a sheet
"Items" (one row an item as of the view date: dates resolved in start/end and as written in
start_text/end_text) and a sheet "Sources" (id, title, publisher, date, url, kind).

`defense-timeline import` reads this shape back, so YAML -> xlsx -> YAML keeps every item and
interval. A third sheet "Timeline" holds the file's title, description, as_of and calendar
and the view (field, value). File text is never a formula: xlsx text cells are typed as
strings, and CSV cells that a spreadsheet would run get a leading "'" (view.tables.inert).
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pandas as pd
from defense_timeline.errors import ExportError
from defense_timeline.output.rows import view_day, view_frame, xml_safe
from defense_timeline.timeline.calendars import PRESETS, Calendar
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.describe import describe_filters
from defense_timeline.view.frame import FRAME_COLUMNS
from defense_timeline.view.options import ViewOptions
from defense_timeline.view.tables import csv_text, records, to_csv

ITEMS_SHEET = "Items"
SOURCES_SHEET = "Sources"
TIMELINE_SHEET = "Timeline"  # what the file says of itself, and the view: field, value
SOURCE_COLUMNS = ("id", "title", "publisher", "date", "url", "kind")
DATE_COLUMNS = ("start", "end", "reported", "planned_start", "planned_end")
MAX_CELL = 32_767  # the most characters Excel shows in a cell
DAY_FORMAT = "yyyy-mm-dd"
HEADER_FILL = "E8EEF4"


def items_frame(timeline: Timeline, view: ViewOptions) -> pd.DataFrame:
    """The view's items with the columns of `defense-timeline table`."""
    return view_frame(timeline, view)[list(FRAME_COLUMNS)]


def csv_bytes(timeline: Timeline, view: ViewOptions) -> bytes:
    """The view's items as the `table` command's CSV."""
    return to_csv(items_frame(timeline, view)).encode("utf-8")


def xlsx_bytes(timeline: Timeline, view: ViewOptions) -> bytes:
    """The workbook: sheet Items, then sheet Sources (every cell checked before any is written)."""
    from openpyxl import Workbook

    items = items_frame(timeline, view)
    sources = [
        [s.id, s.title, s.publisher, s.date.text if s.date else "", s.url, s.kind]
        for s in timeline.sources.values()
    ]
    sheets = [
        (ITEMS_SHEET, list(items.columns), [list(r.values()) for r in records(items)]),
        (SOURCES_SHEET, list(SOURCE_COLUMNS), sources),
        (TIMELINE_SHEET, ["field", "value"], timeline_rows(timeline, view)),
    ]
    typed = [(name, header, _typed(name, header, rows)) for name, header, rows in sheets]
    book = Workbook(write_only=True)
    for name, header, rows in typed:
        _write_sheet(book, name, header, rows)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def calendar_text(calendar: Calendar | None) -> str:
    """A calendar as a timeline file writes it: a preset name, or a YAML flow mapping."""
    if calendar is None:
        return ""
    if calendar.name in PRESETS:
        return calendar.name
    start = f"{calendar.start_month:02d}-{calendar.start_day:02d}"
    return f'{{start: "{start}", named_by: {calendar.named_by}}}'


def timeline_rows(timeline: Timeline, view: ViewOptions) -> list[list[Any]]:
    """The Timeline sheet: the file's title, description, as_of and calendar, and the view."""
    return [
        ["title", timeline.title],
        ["description", timeline.description],
        ["as_of", timeline.as_of.isoformat()],
        ["calendar", calendar_text(timeline.calendar)],
        ["view_date", view_day(timeline, view).isoformat()],
        ["filters", describe_filters(view.filters)],
    ]


def _typed(name: str, header: list[str], rows: list[list[Any]]) -> list[list[Any]]:
    """Each value as what its cell holds: a real date, a number, a boolean, text or None."""
    from openpyxl.utils import get_column_letter

    out = []
    for r, row in enumerate(rows, start=2):
        cells = []
        for c, (column, value) in enumerate(zip(header, row, strict=True), start=1):
            if value is None or value == "" or isinstance(value, bool | int | float):
                cells.append(value if value != "" else None)
                continue
            if column in DATE_COLUMNS and isinstance(value, str):
                day = date.fromisoformat(value)
                if day.year >= 1900:  # Excel counts days from 1900; earlier days stay ISO text
                    cells.append(day)
                    continue
            text = xml_safe(csv_text(value))
            if len(text) > MAX_CELL:
                raise ExportError(
                    f"{name}!{get_column_letter(c)}{r}: {column} has {len(text):,} characters; "
                    f"an Excel cell holds {MAX_CELL:,}"
                )
            cells.append(text)
        out.append(cells)
    return out


def _write_sheet(book: Any, name: str, header: list[str], rows: list[list[Any]]) -> None:
    """One sheet: a bold frozen header with a filter, then a row per record; text typed as
    text, so that no cell is ever a formula."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(name)
    widths = [min(max(len(h) + 2, 10), 60) for h in header]
    if "title" in header:
        widths[header.index("title")] = 60
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}1"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    head = []
    for title in header:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font, cell.fill = bold, fill
        head.append(cell)
    sheet.append(head)
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])


def _cell(sheet: Any, value: Any) -> Any:
    """A typed value as a cell: dates shown as YYYY-MM-DD, text never a formula."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DAY_FORMAT
        return cell
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # never a formula, whatever the text starts with
        return cell
    return value
