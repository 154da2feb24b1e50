"""A CSV file as rows: UTF-8 (or UTF-16 with its byte-order mark, as Excel's "Unicode text"
saves), comma, semicolon or tab separated, cells named as a spreadsheet shows them (C4)."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator

from defense_timeline.timeline.imports.found import fail

_DELIMITERS = (",", ";", "\t")


def csv_text(data: bytes, name: str, what: str = "CSV") -> str:
    """The file's text; a byte that is not UTF-8, or a NUL, is located by line and column."""
    save_as = "CSV UTF-8 (in Excel: Save As, CSV UTF-8)" if what == "CSV" else "UTF-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise fail(
                name, f"the file starts as UTF-16 text but is not; save it as {save_as}"
            ) from None
    data = data.removeprefix(codecs.BOM_UTF8)
    nul = data.find(b"\x00")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        message = f"byte 0x{data[exc.start]:02x} is not UTF-8 text; save the file as {save_as}"
        raise fail(name, message, line, col) from None
    if nul >= 0:
        line, col = _line_col(data, nul)
        raise fail(name, f"NUL byte: a {what} file is text, not binary data", line, col)
    return text


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    col = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, col


def csv_rows(text: str, name: str) -> Iterator[tuple[int, list]]:
    """(row number, cells) of each record: a record is a row as a spreadsheet numbers it."""
    first_line = text.split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    number = 0
    try:  # csv's own limit on a cell (131,072 characters) bounds what one cell can hold
        for number, cells in enumerate(reader, 1):
            yield number, cells
    except csv.Error as exc:
        raise fail(
            name, f"row {number + 1} cannot be read as CSV: {exc}", reader.line_num
        ) from None


def cell_name(number: int, col: int) -> str:
    """A cell as a spreadsheet names it: column letters, row number (C4)."""
    from openpyxl.utils.cell import get_column_letter  # openpyxl only when a cell is named

    return f"{get_column_letter(col + 1)}{number}"
