"""What every importer produces: items as read (Entry), where each field came from, the sources
they cite (SourceBook) and ids that are unique and safe for the format."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from defense_timeline.timeline.calendars import Calendar

_NOT_ID = re.compile(r"[^a-z0-9]+")
_ID = re.compile(r"^[A-Za-z0-9_.\-]+$")
ID_LENGTH = 48


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """What the user said about the input: title, calendar, sheet and the view date."""

    title: str | None = None
    calendar: Calendar | None = None
    sheet: str | None = None
    as_of: date | None = None


@dataclass(slots=True)
class Entry:
    """One item as read from a row or an event, and the place each of its fields came from."""

    place: str  # the row or the event as a whole: "Plans!A4", "C4", "events[3]"
    places: dict[str, str] = field(default_factory=dict)  # field name -> cell or JSON path
    id: str = ""
    title: str = ""
    kind: str = ""
    lane: str = ""
    lane_label: str = ""
    status: str = ""
    start: str | None = None
    end: str | None = None
    duration: str | None = None
    done: str | None = None
    reported: str | None = None
    calendar: str | None = None
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # source ids in the SourceBook
    quote: str = ""  # a quote column: the quote of the first source
    citations: list[tuple[str, str]] = field(default_factory=list)  # (source id, quote or "")
    quantities: list[dict] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (kind, target id)
    bad: bool = False  # a field could not be read: the problem is recorded, the item left out


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by "-", cut at a word near ID_LENGTH."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = _NOT_ID.sub("-", ascii_text.lower()).strip("-")
    if len(words) > ID_LENGTH:
        words = (
            words[:ID_LENGTH].rsplit("-", 1)[0] if "-" in words[:ID_LENGTH] else words[:ID_LENGTH]
        )
    return words


def is_id(text: str) -> bool:
    """True if text can be an id of the format as it is."""
    return bool(_ID.match(text))


class Ids:
    """Unique ids: given ones are reserved, made ones derived from a title with -2, -3 ..."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self._next: dict[str, int] = {}  # the next number to try per base: no quadratic search

    def reserve(self, given: str) -> None:
        """Keep an id given in the input from being made for another."""
        self.used.add(given)

    def make(self, text: str, fallback: str) -> str:
        """An unused id from text (its slug), else from fallback."""
        base = slug(text) or fallback
        candidate, n = base, self._next.get(base, 2)
        if candidate in self.used:
            candidate = f"{base}-{n}"
            while candidate in self.used:
                n += 1
                candidate = f"{base}-{n}"
            self._next[base] = n + 1
        self.used.add(candidate)
        return candidate


def is_url(text: str) -> bool:
    """An http(s) link with a host: the only kind of source URL the format takes."""
    try:
        parts = urlsplit(text) if " " not in text else None
    except ValueError:  # "http://[x": not a link
        return False
    return parts is not None and parts.scheme in ("http", "https") and bool(parts.netloc)


class SourceBook:
    """The sources items cite: one per distinct URL or name, or those a Sources sheet defines."""

    def __init__(self) -> None:
        self.sources: dict[str, dict] = {}
        self.places: dict[str, str] = {}
        self.date_places: dict[str, str] = {}  # where each source's date was read
        self._by_key: dict[str, str] = {}
        self._ids = Ids()

    def define(self, fields: dict, place: str) -> None:
        """A source from a Sources sheet, under its own id when it has a usable one."""
        given = fields.get("id", "")
        the_id = given if given and is_id(given) and given not in self.sources else ""
        the_id = the_id or self._ids.make(
            fields.get("title", ""), f"source-{len(self.sources) + 1}"
        )
        self._ids.reserve(the_id)
        self.sources[the_id] = {"id": the_id} | {k: v for k, v in fields.items() if k != "id"}
        self.places[the_id] = place
        if "date" in fields:
            self.date_places[the_id] = place
        self._by_key.setdefault(given or the_id, the_id)

    def date(self, source_id: str, text: str, place: str) -> tuple[str, str] | None:
        """Give a source its date (a source date column, a dated media credit). A source dated
        already keeps its date: a different one gives (that date, where it was read)."""
        fields = self.sources[source_id]
        if "date" not in fields:
            fields["date"] = text
            self.date_places[source_id] = place
            return None
        if fields["date"] == text:
            return None
        return fields["date"], self.date_places.get(source_id, self.places[source_id])

    def cite(self, text: str, place: str, title: str = "", publisher: str = "") -> str:
        """The id of the source text names: a defined id, else one source per distinct URL
        (titled by title, else the link) or per distinct name, with its publisher if given."""
        key = text.strip()
        if key in self._by_key:
            return self._by_key[key]
        if is_url(key):
            parts = urlsplit(key)
            shown = title or (parts.netloc + parts.path).rstrip("/")
            the_id = self._ids.make(title or parts.netloc.removeprefix("www."), "source")
            fields = {"id": the_id, "title": shown, "url": key}
        else:
            the_id = self._ids.make(key, "source")
            fields = {"id": the_id, "title": key}
        if publisher:
            fields["publisher"] = publisher
        self.sources[the_id] = fields
        self.places[the_id] = place
        self._by_key[key] = the_id
        return the_id
