"""A workbook's sheet as rows, read with openpyxl in read-only mode (streamed, never evaluated):
a cell holds its cached value, or a formula's literal text when no value was saved."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import openpyxl
from defense_timeline.timeline.imports.found import fail
from defense_timeline.timeline.messages import did_you_mean, quoted
from openpyxl.utils.cell import get_column_letter

MAX_UNPACKED = 200_000_000  # bytes a workbook may unpack to: a zip bomb is refused before reading
MAX_MEMBERS = 10_000
MAX_COLS = 100  # columns read from a row: a cell at XFD1 does not make every row 16,384 wide
SOURCES_SHEET = "sources"
TIMELINE_SHEET = "timeline"  # the XLSX export's title, description, as_of and calendar
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and Office's encrypted files


def check_archive(data: bytes, name: str) -> None:
    """Refuse what is not a zip archive, or one that unpacks to too much, before openpyxl."""
    if data.startswith(OLE_MAGIC):
        message = "an .xls or password-protected workbook; save it as .xlsx without a password"
        raise fail(name, message)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise fail(name, "not an .xlsx workbook (the file is not a zip archive)") from None
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED:
        raise fail(
            name,
            f"the workbook unpacks to {unpacked / 1e6:,.0f} MB, over the "
            f"{MAX_UNPACKED / 1e6:g} MB limit: is it an .xlsx saved by a spreadsheet?",
        )
    if len(members) > MAX_MEMBERS:
        raise fail(name, f"the workbook has {len(members):,} parts, over the {MAX_MEMBERS:,} limit")


@contextmanager
def workbook(data: bytes, name: str, values: bool) -> Iterator[Any]:
    """The workbook in read-only mode: cached values (values=True) or formulas as text."""
    try:
        book = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=values, keep_links=False
        )
    except Exception as exc:  # openpyxl raises many kinds for a damaged archive or XML
        raise fail(name, f"cannot be read as an .xlsx workbook ({_why(exc)})") from None
    try:
        yield book
    finally:
        book.close()


def _why(exc: Exception) -> str:
    text = str(exc).splitlines()[0][:120] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def pick_sheet(book, wanted: str | None, name: str) -> str:
    """The sheet to read: the one named (case-insensitively), else the first."""
    names = book.sheetnames
    if not names:
        raise fail(name, "the workbook has no sheets")
    if wanted is None:
        return names[0]
    for sheet in names:
        if sheet.casefold() == wanted.strip().casefold():
            return sheet
    listed = ", ".join(quoted(n) for n in names[:20])
    hint = did_you_mean(wanted, names)
    raise fail(name, f"no sheet {quoted(wanted)}{hint}; the sheets are {listed}")


def sources_sheet(book, chosen: str, wanted: str = SOURCES_SHEET) -> str | None:
    """A sheet named Sources (or `wanted`, such as Timeline) beside the chosen one (the XLSX
    export writes both)."""
    return next((s for s in book.sheetnames if s.casefold() == wanted and s != chosen), None)


def sheet_rows(values_book, text_book, sheet: str, name: str) -> Iterator[tuple[int, list]]:
    """(row number, cells) of a sheet; a formula cell with no saved value gives its text."""
    values_ws, text_ws = values_book[sheet], text_book[sheet]
    if not hasattr(values_ws, "iter_rows"):
        raise fail(f"{name}:{sheet}", "is a chart sheet, not a sheet of cells")
    pairs = zip(
        values_ws.iter_rows(max_col=MAX_COLS, values_only=True),
        text_ws.iter_rows(max_col=MAX_COLS, values_only=True),
        strict=False,
    )
    gap: tuple = ((), ())  # openpyxl yields one shared tuple for every missing row: seen once
    try:
        for number, (values, texts) in enumerate(pairs, 1):
            if values is gap[0] and texts is gap[1]:
                continue  # a far-away cell makes a million missing rows: each skipped at once
            if values.count(None) == len(values) and texts.count(None) == len(texts):
                gap = (values, texts)
                continue
            yield number, [v if v is not None else t for v, t in zip(values, texts, strict=False)]
    except Exception as exc:  # a damaged sheet's XML
        raise fail(f"{name}:{sheet}", f"cannot be read ({_why(exc)})") from None


def cell_namer(sheet: str) -> Callable[[int, int], str]:
    """Cells named as the spreadsheet's users write them: Plans!C4, 'My plans'!C4."""
    shown = sheet if sheet.replace("_", "").isalnum() else "'" + sheet.replace("'", "''") + "'"
    return lambda number, col: f"{shown}!{get_column_letter(col + 1)}{number}"
