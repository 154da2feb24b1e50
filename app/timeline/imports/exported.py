"""What this tool's own TimelineJS export writes into a slide, read back: the first paragraph
"Period · in force" (kind and status), one blockquote per cited source ("“quote” — <a
href=URL>title</a> (publisher, date)"), the item's id in unique_id "item-ID", and the title
slide's "As known on DATE". Only a slide whose text starts with that kind line is read so: any
other TimelineJS text stays text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from defense_timeline.errors import DateError
from defense_timeline.timeline.calendars import Calendar
from defense_timeline.timeline.dates import parse_date
from defense_timeline.timeline.imports.plaintext import split_quotes
from defense_timeline.vocabulary import KINDS, STATUSES

# "Period · in force"; "Event ·" when the item states no status.
KIND_LINE = re.compile(rf"^({'|'.join(KINDS)}) ·(?: ({'|'.join(STATUSES)}))?$", re.IGNORECASE)
_AS_KNOWN = re.compile(r"(?:^|\n)As known on ([0-9]{4}-[0-9]{2}-[0-9]{2})$")
_QUOTED = re.compile(r"^“(.*)” —\s*(.*)$", re.DOTALL)
ID_PREFIX = "item-"


@dataclass(frozen=True, slots=True)
class Cited:
    """A source as a slide's blockquote cites it."""

    title: str
    url: str = ""
    publisher: str = ""
    date: str = ""
    quote: str = ""


@dataclass(slots=True)
class Exported:
    """A slide written by the export: its item's kind, status, notes and cited sources."""

    kind: str
    status: str
    notes: str
    cited: list[Cited] = field(default_factory=list)


def exported_slide(html: str, calendar: Calendar | None) -> Exported | None:
    """The export's fields of a slide's text, or None when the text does not start with the
    export's kind line."""
    text, quotes = split_quotes(html)
    first, _, rest = text.partition("\n")
    stated = KIND_LINE.match(first.strip())
    if stated is None:
        return None
    cited = [c for c in (_cited(q, calendar) for q in quotes) if c is not None]
    return Exported(stated[1].lower(), (stated[2] or "").lower(), rest.strip(), cited)


def item_id(unique_id: str) -> str:
    """The item's id in the export's unique_id "item-ID"."""
    return unique_id.removeprefix(ID_PREFIX)


def as_known(description: str) -> tuple[str, date | None]:
    """The title slide's text without its last line "As known on DATE", and that day."""
    match = _AS_KNOWN.search(description)
    if match is None:
        return description, None
    try:
        day = date.fromisoformat(match[1])
    except ValueError:
        return description, None
    return description[: match.start()].strip(), day


def _cited(quote: dict[str, str], calendar: Calendar | None) -> Cited | None:
    """A blockquote as the export writes a citation: quote, linked or plain title, and
    "(publisher, date)"."""
    said, before = "", quote["before"]
    match = _QUOTED.match(before)
    if match:
        said, before = match[1], match[2]
    if quote["link"]:
        title, more = quote["link"], quote["after"]
    else:
        title, more = _split_parens(before)
    more = more.strip()
    if more.startswith("(") and more.endswith(")"):
        more = more[1:-1]
    publisher, _, last = more.rpartition(", ")
    if not is_date(last, calendar):
        publisher, last = more, ""
    if not title:
        return None
    return Cited(title, quote["href"], publisher.strip(), last, said)


def _split_parens(text: str) -> tuple[str, str]:
    """ "Title (publisher, date)" as ("Title", "(publisher, date)"): the last balanced group."""
    text = text.strip()
    if not text.endswith(")"):
        return text, ""
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[i], 0)
        if depth == 0:
            return text[:i].strip(), text[i:]
    return text, ""


def is_date(text: str, calendar: Calendar | None) -> bool:
    """True if text is a date expression as written (no rewriting)."""
    if not text:
        return False
    try:
        parse_date(text, calendar)
    except DateError:
        return False
    return True
