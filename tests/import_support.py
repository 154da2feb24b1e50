"""Helpers the import tests share: spreadsheets written for the tests and item intervals."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
from defense_timeline.timeline.model import Timeline


def spans(timeline: Timeline) -> dict[str, tuple]:
    """(kind, lane, first day, last day or None) of each item's base statement, by id."""
    out = {}
    for item in timeline.items:
        state = item.base
        last = state.end.last if state.end is not None else None
        out[item.id] = (item.kind, item.lane, state.start.first, last)
    return out


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    """A workbook with one sheet per entry, rows as given (real dates stay date cells)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


D = date
