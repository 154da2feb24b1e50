"""Cell values as the format's text: dates through the one date grammar (timeline/dates.py),
text with the export's formula guard undone, and header names matched to the format's fields."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from defense_timeline.errors import DateError
from defense_timeline.timeline.dates import (
    PRESETS,
    Calendar,
    parse_date,
    parse_duration,
)
from defense_timeline.timeline.messages import described, quoted_date

# The characters the CSV and spreadsheet exports put a "'" before (view/tables.py `inert`), so
# that no spreadsheet runs the cell as a formula; a test holds the two to the same set.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Column names (case, spaces, "_" and "-" ignored) and the field each one fills.
HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("id", "item id", "unique id", "key"),
    "title": ("title", "headline", "name", "event", "item", "what"),
    "start_text": ("start text",),
    "start": ("start", "start date", "from", "begin", "begins", "starts", "start year"),
    "end_text": ("end text",),
    "end": ("end", "end date", "to", "until", "finish", "ends", "end year"),
    "date": ("date", "when", "day"),
    "lane": ("lane", "group", "category", "track", "swimlane", "lane id"),
    "lane_label": ("lane label",),
    "kind": ("kind", "type"),
    "status": ("status", "stated status"),  # a "state" column is derived (the table's): not read
    "done": ("done", "met on", "reached on", "done on", "completed on"),
    "source": ("source", "sources", "source id", "source ids", "citation"),
    "source_date": (
        "source date",
        "source dates",
        "published",
        "publication date",
        "date published",
        "published on",
    ),
    "url": ("url", "link", "source url", "href", "web", "website"),
    "quote": ("quote", "quotation"),
    "notes": ("notes", "note", "description", "details", "comment", "comments", "text"),
    "tags": ("tags", "tag", "keywords", "labels"),
    "calendar": ("calendar",),
    "reported": ("reported", "reported on", "report date"),
    "quantities": ("quantities", "quantity"),
    "links": ("links",),
    "depends_on": ("depends on", "depends", "after", "predecessor", "predecessors"),
}
_SYNONYMS = {name: field for field, names in HEADERS.items() for name in names}
_SEPARATORS = re.compile(r"[\s_\-]+")
_PRESET_NAMES = ", ".join(list(PRESETS)[:-1]) + f" or {list(PRESETS)[-1]}"
_SPLIT_YEAR = re.compile(r"^(~?)([0-9]{4})[-/]([0-9]{2})([?~%]?)$")


def header_key(value: object) -> str:
    """A header cell as compared: lower case, runs of spaces, "_" and "-" as one space."""
    return _SEPARATORS.sub(" ", text_of(value).lower()).strip()


def match_headers(row: list) -> dict[str, int]:
    """The column of each field a header row names (the first column wins a field)."""
    columns: dict[str, int] = {}
    for col, cell in enumerate(row):
        field = _SYNONYMS.get(header_key(cell))
        if field is not None and field not in columns:
            columns[field] = col
    return columns


def vocabulary_word(
    text: str, words: tuple[str, ...], synonyms: dict[str, str]
) -> tuple[str, bool]:
    """(word, is a synonym) for a status or kind cell: the vocabulary's own word in any case or
    spacing ("Under_Study" is "under study"), or the word a synonym stands for ("Published" is
    "in force"); any other text comes back as written, lower case, for the loader to refuse with
    a did-you-mean."""
    key = " ".join(text.replace("_", " ").split()).lower()
    if key in words:
        return key, False
    if key in synonyms:
        return synonyms[key], True
    return key, False


def undefused(text: str) -> str:
    """Text with the one "'" the exports put before a formula-like cell removed."""
    if text[:1] == "'" and text[1:2] in FORMULA_START and text[1:2] != "":
        return text[1:]
    return text


def text_of(value: object) -> str:
    """A cell as text: never evaluated, a formula's literal text stays text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return undefused(value).strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def date_text(value: object, calendar: Calendar | None) -> str:
    """The date expression a cell holds: a spreadsheet date is its day, a whole number a year,
    text any form the date grammar knows; DateError says why not."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        if not 1 <= value <= 9999:
            raise DateError(f"{value} is not a year (years run from 0001 to 9999)")
        return f"{value:04d}"
    if not isinstance(value, str):
        raise DateError(f'expected a date such as 2017-02-03 or "2018-H2?", got {described(value)}')
    return checked_date(text_of(value), calendar)


def checked_date(text: str, calendar: Calendar | None) -> str:
    """text if the grammar reads it; "2024-25" becomes FY2024-25 where the calendar splits years."""
    try:
        parse_date(text, calendar)
        return text
    except DateError as exc:
        error = exc
    split = _SPLIT_YEAR.match(text)
    fiscal = text
    if split and int(split[3]) == (int(split[2]) + 1) % 100:
        fiscal = f"{split[1]}FY{split[2]}-{split[3]}{split[4]}"
        if calendar is not None and (calendar.start_month, calendar.start_day) != (1, 1):
            parse_date(fiscal, calendar)
            return fiscal
    if calendar is None and _is_fiscal(fiscal):
        raise DateError(
            f"{quoted_date(text)} is a fiscal year but no calendar is set "
            f"(give --calendar {_PRESET_NAMES}, or a calendar column)"
        )
    raise error


def _is_fiscal(text: str) -> bool:
    try:
        parse_date(text, PRESETS["JP"])
    except DateError:
        return False
    return True


def end_field(value: object, calendar: Calendar | None) -> tuple[str, str]:
    """("end", date text) or, for "5y", "~10y" and the like, ("duration", its text)."""
    try:
        return "end", date_text(value, calendar)
    except DateError:
        if isinstance(value, str):
            try:
                return "duration", parse_duration(text_of(value)).text
            except DateError:
                pass
        raise
