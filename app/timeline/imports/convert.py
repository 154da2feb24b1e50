"""One entry point for every input format: bytes in, a checked YAML timeline out."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from defense_timeline.errors import UsageError
from defense_timeline.timeline import loader
from defense_timeline.timeline.imports import csvfile, sheets
from defense_timeline.timeline.imports.build import Imported, Sheet, finish
from defense_timeline.timeline.imports.entries import ImportOptions, SourceBook
from defense_timeline.timeline.imports.found import Found
from defense_timeline.timeline.imports.timelinejs import template_entries
from defense_timeline.timeline.imports.tjsjson import json_entries

FORMATS = {"csv": (".csv", ".tsv", ".txt"), "xlsx": (".xlsx", ".xlsm"), "timelinejs": (".json",)}
SUFFIXES = tuple(s for suffixes in FORMATS.values() for s in suffixes)


def format_of(name: str) -> str | None:
    """The input format a file name's suffix says, or None."""
    suffix = os.path.splitext(name)[1].lower()
    return next((fmt for fmt, suffixes in FORMATS.items() if suffix in suffixes), None)


def import_file(
    path: str | os.PathLike,
    fmt: str | None = None,
    options: ImportOptions | None = None,
    *,
    max_bytes: int = loader.DEFAULT_MAX_BYTES,
) -> Imported:
    """Read a CSV, XLSX or TimelineJS file and return it as a checked timeline."""
    name = Path(path).name
    loader.check_limit(max_bytes)
    data = loader.read_bytes(path, name, max_bytes)  # the loader's bounded read: same limits
    return convert(data, name, fmt, options)


def convert(
    data: bytes, name: str, fmt: str | None = None, options: ImportOptions | None = None
) -> Imported:
    """The timeline in a file's bytes; fmt (csv, xlsx, timelinejs) defaults to the suffix's.
    InvalidTimeline lists every problem, each at its cell, row or JSON path."""
    by_name = format_of(name)
    if fmt is None or (fmt == "timelinejs" and by_name in ("csv", "xlsx")):
        fmt = by_name  # the TimelineJS template is a sheet, recognised by its header row
    if fmt not in FORMATS:
        raise UsageError(
            f"cannot tell the format of {name}: give --from csv, xlsx or timelinejs "
            f"(or name it {', '.join(SUFFIXES)})"
        )
    options = options or ImportOptions()
    if options.sheet is not None and fmt != "xlsx":
        raise UsageError("--sheet is for .xlsx workbooks")
    found, book = Found(name), SourceBook()
    if fmt == "timelinejs":
        entries, sheet = json_entries(csvfile.csv_text(data, name, "JSON"), options, book, found)
    elif fmt == "csv":
        rows = csvfile.csv_rows(csvfile.csv_text(data, name), name)
        entries, sheet = _table(rows, csvfile.cell_name, options, book, found)
    else:
        entries, sheet, options = _workbook(data, name, options, book, found)
    return finish(entries, book, found, options, sheet)


def _table(rows, cell, options: ImportOptions, book: SourceBook, found: Found):
    """Entries of a sheet's rows: the TimelineJS template, or any table with a header row."""
    rows = iter(rows)
    header = sheets.find_header(rows, found, None)
    if header is None:
        found.check()
    if header.timelinejs:
        return template_entries(rows, header, cell, options, book, found)
    return sheets.sheet_entries(rows, header, cell, options, book, found), Sheet()


def _workbook(data: bytes, name: str, options: ImportOptions, book: SourceBook, found: Found):
    """Entries of a workbook's chosen sheet, with the sources of its Sources sheet and what its
    Timeline sheet says of the file (both as the XLSX export writes them)."""
    from defense_timeline.timeline.imports import xlsxfile  # openpyxl: imported when needed

    xlsxfile.check_archive(data, name)
    with (
        xlsxfile.workbook(data, name, values=True) as values,
        xlsxfile.workbook(data, name, values=False) as texts,
    ):
        sheet = xlsxfile.pick_sheet(values, options.sheet, name)
        cell = xlsxfile.cell_namer(sheet)
        about: dict = {}
        extra = xlsxfile.sources_sheet(values, sheet, xlsxfile.TIMELINE_SHEET)
        if extra is not None:
            rows = xlsxfile.sheet_rows(values, texts, extra, name)
            about = sheets.timeline_fields(rows, xlsxfile.cell_namer(extra), found)
            if options.calendar is None and "calendar" in about:
                options = replace(options, calendar=about["calendar"])
        extra = xlsxfile.sources_sheet(values, sheet)
        if extra is not None:
            rows = xlsxfile.sheet_rows(values, texts, extra, name)
            sheets.define_sources(rows, xlsxfile.cell_namer(extra), book, found, options.calendar)
        rows = xlsxfile.sheet_rows(values, texts, sheet, name)
        header = sheets.find_header(rows, found, sheet)
        if header is None:
            found.check()
        if header.timelinejs:
            return (*template_entries(rows, header, cell, options, book, found), options)
        entries = sheets.sheet_entries(rows, header, cell, options, book, found)
        told = Sheet(about.get("title", ""), about.get("description", ""), as_of=about.get("as of"))
        return entries, told, options


__all__ = ["FORMATS", "SUFFIXES", "convert", "format_of", "import_file"]
