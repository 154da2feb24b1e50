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

# The forms every date error lists (timeline/dates.py), spelled out here so that a change of
# wording fails the exact-message tests.
FORMS = (
    "(expected YYYY (2017), YYYY-MM (2017-03), YYYY-MM-DD (2017-03-15), YYYY-Qn (2017-Q2), "
    "YYYY-Hn (2018-H2), FYnnnn (FY2019), FYyyyy-yy (FY2024-25), FYyyyy-yyyy (FY2024-2025), "
    'FIRST/LAST (2017-02-01/2017-02-18); any may end in "?" uncertain, "~" approximate or "%" '
    "both (2028~))"
)
