"""Rows of a spreadsheet (CSV or one sheet of a workbook) as entries: a header row whose names
are matched with their synonyms, then one item per row; the table export's columns included, so
what `table` and the XLSX export write comes back in."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import yaml
from defense_timeline.errors import DateError
from defense_timeline.timeline.calendars import Calendar, calendar_from
from defense_timeline.timeline.dates import parse_date
from defense_timeline.timeline.imports.cells import (
    date_text,
    end_field,
    header_key,
    match_headers,
    text_of,
)
from defense_timeline.timeline.imports.entries import Entry, ImportOptions, SourceBook
from defense_timeline.timeline.imports.found import Found
from defense_timeline.timeline.messages import quoted, quoted_date
from defense_timeline.vocabulary import LINK_KINDS

HEADER_SEARCH = 10  # the header is one of the first rows that are not empty
MAX_ROWS = 200_000
_LIST = re.compile(r"\s*[;\n]\s*")
_TAGS = re.compile(r"\s*[;,\n]\s*")
_QUANTITY = re.compile(r"^(-?[0-9]+(?:\.[0-9]+)?)\s+(\S.*)$")
TIMELINEJS_HEADER = frozenset(("year", "month", "day", "headline"))

Rows = Iterable[tuple[int, list]]  # (row number as the user counts it, cell values)
CellName = Callable[[int, int], str]  # (row number, column index) -> "Plans!C4" or "C4"


@dataclass(slots=True)
class Header:
    """The header row: its number, its cells, and the column of each field it names."""

    number: int
    cells: list
    columns: dict[str, int]

    @property
    def timelinejs(self) -> bool:
        """True for the TimelineJS Google-Sheets template (Year, Month, Day, Headline, ...)."""
        return TIMELINEJS_HEADER <= {header_key(c) for c in self.cells}


def find_header(rows: Iterator[tuple[int, list]], found: Found, where: str | None) -> Header | None:
    """The first of the first non-empty rows that names a title and a date column (or is the
    TimelineJS template's header); None, with the problem recorded, when there is none."""
    for _ in range(HEADER_SEARCH):
        number, cells = next(((n, c) for n, c in rows if any(text_of(v) for v in c)), (0, []))
        if not number:
            break
        header = Header(number, cells, match_headers(cells))
        dated = {"start", "start_text", "date"} & set(header.columns)
        if header.timelinejs or ("title" in header.columns and dated):
            return header
    found.error(
        where,
        "no header row: expected a row naming a title column (title, headline, name or event) "
        "and a date column (start, start date, from, begin or date)",
    )
    return None


def sheet_entries(
    rows: Iterator[tuple[int, list]],
    header: Header,
    cell: CellName,
    options: ImportOptions,
    book: SourceBook,
    found: Found,
) -> list[Entry]:
    """One entry per row below the header that is not empty."""
    entries = []
    for count, (number, cells) in enumerate(rows, 1):
        if count > MAX_ROWS:
            found.error(cell(number, 0), f"more than {MAX_ROWS:,} rows; split the sheet")
            break
        if any(text_of(v) for v in cells):
            entries.append(_entry(number, cells, header.columns, cell, options, book, found))
    return entries


def _entry(number, cells, cols, cell, options, book, found) -> Entry:
    """An entry from one row; a cell that cannot be read is a located problem."""

    def value(field: str) -> object:
        col = cols.get(field)
        return cells[col] if col is not None and col < len(cells) else None

    places = {f: cell(number, c) for f, c in cols.items()}
    entry = Entry(cell(number, cols.get("title", 0)), places)
    for field in ("id", "title", "kind", "lane", "lane_label", "status", "notes", "quote"):
        setattr(entry, field, text_of(value(field)))
    calendar = _calendar(entry, text_of(value("calendar")), options.calendar, found)
    _dates(entry, value, calendar, found)
    entry.tags = [t for t in _TAGS.split(text_of(value("tags"))) if t]
    entry.quantities = _quantities(entry, text_of(value("quantities")), found)
    entry.links = _links(entry, text_of(value("links")), text_of(value("depends_on")), found)
    _cite(entry, text_of(value("source")), text_of(value("url")), book)
    _source_dates(entry, value("source_date"), book, found, options.calendar)
    return entry


def _calendar(entry: Entry, text: str, default: Calendar | None, found: Found):
    """The row's own calendar (a calendar column), else the timeline's."""
    if not text:
        return default
    try:
        calendar = calendar_from(text)
    except DateError as exc:
        found.error(entry.places["calendar"], str(exc))
        entry.bad = True
        return default
    entry.calendar = text
    return calendar


def _dates(entry: Entry, value, calendar: Calendar | None, found: Found) -> None:
    """start (start_text, else start, else date), end (end_text, else end) and reported."""
    start = next((f for f in ("start_text", "start", "date") if text_of(value(f))), None)
    end = next((f for f in ("end_text", "end") if text_of(value(f))), None)
    try:
        if start is not None:
            entry.places["start"] = entry.places[start]
            entry.start = date_text(value(start), calendar)
    except DateError as exc:
        found.error(entry.places[start], str(exc))
        entry.bad = True
    try:
        if end is not None:
            entry.places["end"] = entry.places[end]
            name, text = end_field(value(end), calendar)
            setattr(entry, name, text)
    except DateError as exc:
        found.error(entry.places[end], str(exc))
        entry.bad = True
    for field in ("done", "reported"):
        try:
            if text_of(value(field)):
                setattr(entry, field, date_text(value(field), calendar))
        except DateError as exc:
            found.error(entry.places[field], str(exc))
            entry.bad = True


def _quantities(entry: Entry, text: str, found: Found) -> list[dict]:
    """ "17 Osprey tilt-rotor aircraft; 3 destroyers" as the format's quantities."""
    quantities = []
    for part in (p for p in _LIST.split(text) if p):
        match = _QUANTITY.match(part)
        if match is None:
            message = (
                f"{quoted_date(part)} is not a quantity (expected a count and what: 17 aircraft)"
            )
            found.error(entry.places["quantities"], message)
            entry.bad = True
            continue
        count = float(match[1])
        quantities.append({"count": int(count) if count.is_integer() else count, "what": match[2]})
    return quantities


def _links(entry: Entry, links: str, depends_on: str, found: Found) -> list[tuple[str, str]]:
    """(kind, target) of a links cell ("informs:ndpg-next"; as `table` writes them) and of a
    depends-on cell (ids)."""
    found_links = [("depends_on", target) for target in _LIST.split(depends_on) if target]
    for part in (p for p in _LIST.split(links) if p):
        kind, _, target = part.partition(":")
        if kind.strip() not in LINK_KINDS or not target.strip():
            kinds = ", ".join(LINK_KINDS)
            message = (
                f"{quoted_date(part)} is not a link (expected kind:id, the kind one of {kinds})"
            )
            found.error(entry.places["links"], message)
            entry.bad = True
            continue
        found_links.append((kind.strip(), target.strip()))
    return list(dict.fromkeys(found_links))


def _cite(entry: Entry, sources: str, urls: str, book: SourceBook) -> None:
    """Source ids for the source and url cells: a source per distinct link or name."""
    names = [s for s in _LIST.split(sources) if s]
    links = [u for u in _LIST.split(urls) if u]
    place = entry.places.get("url") or entry.places.get("source") or entry.place
    if links:
        title = names[0] if len(names) == 1 and len(links) == 1 else ""
        entry.sources = [book.cite(link, place, title) for link in links]
        names = [] if title else names
    entry.sources += [book.cite(name, entry.places["source"]) for name in names]


def _source_dates(entry: Entry, raw: object, book: SourceBook, found: Found, cal) -> None:
    """The row's source date cell: one date for every source the row cites, or one date per
    source ("2017-02-19; 2017-02-18"), in order. A source keeps the first date it is given."""
    if not text_of(raw):
        return
    place = entry.places["source_date"]
    texts = [raw] if not isinstance(raw, str) else [t for t in _LIST.split(text_of(raw)) if t]
    if not entry.sources:
        found.error(place, "a source date but no source or link in this row: left out", "warning")
        return
    if len(texts) not in (1, len(entry.sources)):
        message = f"{len(texts)} source dates for {len(entry.sources)} sources"
        found.error(place, f"{message}: give one date, or one per source in order")
        entry.bad = True
        return
    try:
        dates = [date_text(t, cal) for t in texts]
    except DateError as exc:
        found.error(place, str(exc))
        entry.bad = True
        return
    if len(dates) == 1:
        dates *= len(entry.sources)
    for source_id, text in zip(entry.sources, dates, strict=True):
        kept = book.date(source_id, text, place)
        if kept is not None:
            message = (
                f"source {quoted(source_id)} is dated {kept[0]} at {kept[1]}: "
                f"{quoted_date(text)} here is left out"
            )
            found.error(place, message, "warning")


def timeline_fields(rows: Iterator[tuple[int, list]], cell: CellName, found: Found) -> dict:
    """What the XLSX export's Timeline sheet (field, value) says of the file: title,
    description, as_of (a date) and calendar (a preset name or {start: "MM-DD", named_by})."""
    out: dict = {}
    for number, cells in rows:
        name, raw = (header_key(cells[0]) if cells else ""), (cells[1:2] or [None])[0]
        text = text_of(raw)
        if name in ("title", "description") and text:
            out[name] = text
        elif name in ("as of", "calendar") and text:
            try:
                out[name] = _timeline_value(name, raw, text)
            except DateError as exc:
                found.error(cell(number, 1), str(exc))
    return out


def _timeline_value(name: str, raw: object, text: str):
    """The day of an as_of cell, or the calendar a calendar cell names."""
    if name == "as of":
        return parse_date(date_text(raw, None)).last
    if text.startswith("{"):  # the export writes a custom calendar as a YAML flow mapping
        try:
            spec = yaml.safe_load(text)
        except yaml.YAMLError:
            spec = text
        return calendar_from(spec)
    return calendar_from(text)


def define_sources(
    rows: Iterator[tuple[int, list]], cell: CellName, book: SourceBook, found: Found, cal
) -> None:
    """The sources of a Sources sheet (id, title, publisher, date, url, kind), as exported."""
    header = next(((n, c) for n, c in rows if any(text_of(v) for v in c)), None)
    if header is None:
        return
    names = [header_key(c) for c in header[1]]
    for number, cells in rows:
        fields = {}
        for col, name in enumerate(names):
            raw = cells[col] if col < len(cells) else None
            if name in ("id", "title", "publisher", "url", "kind") and text_of(raw):
                fields[name] = text_of(raw)
            elif name == "date" and text_of(raw):
                try:
                    fields["date"] = date_text(raw, cal)
                except DateError as exc:
                    found.error(cell(number, col), str(exc))
        if fields:
            book.define(fields, cell(number, 0))
