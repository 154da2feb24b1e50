"""Knight Lab's TimelineJS as entries: its JSON (events, title slide, eras) and its Google-Sheets
template (Year, Month, Day, ..., Headline, Text, Media, Media Credit, Type, Group), HTML in its
text reduced to plain text. A date with only a year is that year."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from defense_timeline.errors import DateError
from defense_timeline.timeline.dates import parse_date
from defense_timeline.timeline.imports.build import TIMELINEJS_DATING, Sheet
from defense_timeline.timeline.imports.cells import checked_date, header_key, text_of
from defense_timeline.timeline.imports.entries import (
    Entry,
    ImportOptions,
    SourceBook,
    is_id,
    is_url,
)
from defense_timeline.timeline.imports.exported import (
    Exported,
    as_known,
    exported_slide,
    is_date,
    item_id,
)
from defense_timeline.timeline.imports.found import Found, fail
from defense_timeline.timeline.imports.plaintext import plain_text
from defense_timeline.timeline.imports.sheets import Header
from defense_timeline.timeline.messages import kind_of, quoted

ERAS_LANE = "Eras"
OPEN_ENDED = frozenset(("(open-ended)", "open-ended", "present", "ongoing", "now", "today"))
PARTS = ("year", "month", "day")
_RANGE = re.compile(r"\s+[–—-]\s+|\s*[–—]\s*")  # "2013 – 2018-H2?" as the exports write it
_WHOLE = re.compile(r"^[+-]?[0-9]{1,6}(\.0*)?$")
# A media credit that ends in the day or month of its source: "Kyodo, 2017-02-19",
# "The Japan Times (2017-02)". A year alone is not taken: a credit's year is often a copyright.
_CREDIT_DATE = re.compile(r"^(.*?)[\s,;(]*\b([0-9]{4}-[0-9]{2}(?:-[0-9]{2})?)\)?$")


@dataclass(slots=True)
class Slide:
    """One TimelineJS slide's fields, each with the place it was read from."""

    place: str
    places: dict[str, str] = field(default_factory=dict)  # "title", "start", ... -> place
    headline: str = ""
    text: str = ""
    group: str = ""
    display: str = ""
    start_display: str = ""  # a date object's own display_date
    end_display: str = ""
    media_url: str = ""
    media_credit: str = ""
    unique_id: str = ""


def read_json(text: str, name: str) -> object:
    """The JSON value of a file; a syntax error is located by line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise fail(name, f"not JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except (RecursionError, ValueError):
        raise fail(
            name, "not JSON this tool reads (nested too deeply, or a number too long)"
        ) from None


def part_values(raw: object, place: str, found: Found) -> dict | None:
    """A JSON date object's year, month and day (None when absent)."""
    if raw is None:
        return None
    if type(raw) is not dict:
        found.error(place, f'expected a date object such as {{"year": 2017}}, got {kind_of(raw)}')
        return None
    return {k: raw.get(k) for k in PARTS}


def tl_date(
    values: dict, places: dict[str, str], found: Found, options: ImportOptions
) -> str | None | bool:
    """The date expression of a TimelineJS year/month/day (None if none is given; a problem is
    recorded and False returned when one cannot be read)."""
    numbers: dict[str, int] = {}
    for part in PARTS:
        raw = values.get(part)
        shown = text_of(raw)
        if not shown:
            continue
        if isinstance(raw, bool) or not _WHOLE.match(shown):
            found.error(places[part], f"{quoted(shown)} is not a {part} (expected a whole number)")
            return False
        numbers[part] = int(float(shown))
    if not numbers:
        return None
    problem = _part_problem(numbers)
    if problem:
        found.error(places[problem[0]], problem[1])
        return False
    text = f"{numbers['year']:04d}"
    text += "".join(f"-{numbers[p]:02d}" for p in ("month", "day") if p in numbers)
    try:
        return checked_date(text, options.calendar)
    except DateError as exc:
        found.error(places["day"], str(exc))
        return False


def _part_problem(numbers: dict[str, int]) -> tuple[str, str] | None:
    """(part, message) for a year, month or day out of range or missing what it needs."""
    if "year" not in numbers:
        return next(iter(numbers)), "a date needs a year"
    if not 1 <= numbers["year"] <= 9999:
        return "year", f"{numbers['year']} is outside the years 1 to 9999 this tool draws"
    if "month" in numbers and not 1 <= numbers["month"] <= 12:
        return "month", f"{numbers['month']} is not a month (1 to 12)"
    if "day" in numbers and "month" not in numbers:
        return "day", "a day needs a month"
    return None


def slide_entry(slide: Slide, start, end, book: SourceBook, options: ImportOptions) -> Entry:
    """An entry from a slide and its dates. A display date that is a date expression covering
    the date object's day is the date as written (so "2018-H2?" keeps its precision); the
    same expression at both ends is one date; "2017 – present" is an open-ended period."""
    entry = Entry(slide.place, dict(slide.places))
    exported = exported_slide(slide.text, options.calendar) if slide.text else None
    entry.notes = exported.notes if exported else plain_text(slide.text)
    entry.title = plain_text(slide.headline) or _short(entry.notes)  # a slide may lack one
    entry.lane = plain_text(slide.group)
    given = item_id(slide.unique_id) if exported else slide.unique_id
    entry.id = given if is_id(given) else ""
    start = _covering(slide.start_display, start, options) or start
    end = _covering(slide.end_display, end, options) or end
    shown = _display(slide.display, start, end, options)
    if shown is None and slide.display:
        entry.notes = f"{entry.notes}\n\nDate as shown: {plain_text(slide.display)}".strip()
    entry.start, entry.end, open_ended = shown or (start, end, False)
    entry.kind = "period" if open_ended else ""
    if exported:
        entry.kind, entry.status = exported.kind, exported.status
        _cite_quoted(exported, slide.place, entry, book)
    if entry.end is not None and entry.end == entry.start:
        entry.end = None
    _cite(slide, entry, book)
    return entry


def _cite_quoted(exported: Exported, place: str, entry: Entry, book: SourceBook) -> None:
    """The sources the export's blockquotes cite, with their publisher, date and quote."""
    for cited in exported.cited:
        key = cited.url if is_url(cited.url) else cited.title
        source = book.cite(key, place, cited.title, cited.publisher)
        if cited.date:
            book.date(source, cited.date, place)
        entry.citations.append((source, cited.quote))
        entry.sources.append(source)


def _cite(slide: Slide, entry: Entry, book: SourceBook) -> None:
    """The slide's media link (titled by its credit), else its credit, as the entry's source;
    a credit ending in a day or month ("Kyodo, 2017-02-19") dates the source."""
    credit, dated = plain_text(slide.media_credit), None
    match = _CREDIT_DATE.match(credit)
    if match and is_date(match[2], None):
        credit, dated = match[1].strip(), match[2]
    cited = slide.media_url if slide.media_url.startswith(("http://", "https://")) else ""
    if not (cited or credit):
        return
    source = book.cite(cited or credit, slide.place, credit if cited else "")
    entry.sources = list(dict.fromkeys([*entry.sources, source]))
    if dated is not None:
        book.date(source, dated, slide.places.get("credit", slide.place))


def _short(text: str, most: int = 80) -> str:
    """The first line of a text, cut at a word to at most `most` characters."""
    line = text.split("\n", 1)[0]
    if len(line) <= most:
        return line
    return line[:most].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _covering(display: str, given: str | None, options: ImportOptions) -> str | None:
    """The display text as a date expression, if it is one and covers the given date's day."""
    if not display or not given:
        return None
    try:
        spec = parse_date(checked_date(plain_text(display), options.calendar), options.calendar)
        day = parse_date(given, options.calendar).first
    except DateError:
        return None
    return spec.text if spec.first <= day <= spec.last else None


def _display(display: str, start, end, options: ImportOptions):
    """(start, end, open-ended) as the slide's display date writes them, else None."""
    if not display or not start:
        return None
    parts = [p for p in _RANGE.split(plain_text(display).strip()) if p]
    if len(parts) == 2 and end is None and parts[1].casefold() in OPEN_ENDED:
        first = _covering(parts[0], start, options)
        return (first, None, True) if first else None
    if len(parts) == 1:  # one expression: a date, or the window of months it stands for
        texts = [_covering(parts[0], d, options) for d in (start, end) if d]
        return (texts[0], texts[-1] if end else None, False) if all(texts) else None
    if len(parts) == 2 and end:
        texts = [_covering(p, d, options) for p, d in zip(parts, (start, end), strict=True)]
        return (texts[0], texts[1], False) if all(texts) else None
    return None


def title_of(slide: Slide) -> Sheet:
    """The title slide as the timeline's title and description."""
    description, day = as_known(plain_text(slide.text))
    return Sheet(plain_text(slide.headline), description, TIMELINEJS_DATING, day)


def template_entries(
    rows: Iterable[tuple[int, list]],
    header: Header,
    cell: Callable[[int, int], str],
    options: ImportOptions,
    book: SourceBook,
    found: Found,
) -> tuple[list[Entry], Sheet]:
    """(entries, title) of the TimelineJS Google-Sheets template's rows."""
    columns = {header_key(c): i for i, c in enumerate(header.cells) if header_key(c)}
    entries: list[Entry] = []
    sheet = Sheet(dating=TIMELINEJS_DATING)
    for number, cells in rows:
        if not any(text_of(v) for v in cells):
            continue
        values = {k: cells[i] if i < len(cells) else None for k, i in columns.items()}
        places = {k: cell(number, i) for k, i in columns.items()}
        slide = _row_slide(values, places, cell(number, columns["headline"]))
        kind = header_key(values.get("type"))
        if kind == "title":
            sheet = title_of(slide)
            continue
        start = tl_date(values, places, found, options)
        ends = {p: values.get(f"end {p}") for p in PARTS}
        end_places = {p: places.get(f"end {p}", slide.place) for p in PARTS}
        end = tl_date(ends, end_places, found, options)
        if start is None:
            found.error(places["year"], "a slide needs a Year (or Type: title)")
        entry = slide_entry(slide, start or None, end or None, book, options)
        entry.bad = start in (None, False) or end is False
        if kind == "era":
            entry.lane, entry.kind = ERAS_LANE, "period"
        entries.append(entry)
    return entries, sheet


def _row_slide(values: dict[str, object], places: dict[str, str], place: str) -> Slide:
    """A template row's slide fields (header names as compared)."""
    where = {
        "title": place,
        "start": places["year"],
        "end": places.get("end year", place),
        "lane": places.get("group", place),
        "source": places.get("media", place),
        "credit": places.get("media credit", place),
    }
    return Slide(
        place,
        where,
        headline=text_of(values.get("headline")),
        text=text_of(values.get("text")),
        group=text_of(values.get("group")),
        display=text_of(values.get("display date")),
        media_url=text_of(values.get("media")),
        media_credit=text_of(values.get("media credit")),
    )
