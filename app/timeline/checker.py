"""Value checks by type for the validator: each returns the converted value or None and records
an Issue (a path into the data, not yet a line) for anything wrong.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from defense_timeline.errors import DateError
from defense_timeline.timeline.dates import (
    Calendar,
    DateSpec,
    Duration,
    calendar_from,
    parse_date,
    parse_duration,
)
from defense_timeline.timeline.fields import (
    CALENDAR,
    COLOR_PATTERN,
    ID_CHARS,
    ID_PATTERN,
    MONTH_DAY_PATTERN,
    QUANTITY,
    SOURCE_REF,
    Field,
    required,
)
from defense_timeline.timeline.messages import did_you_mean, kind_of, quoted
from defense_timeline.timeline.model import Quantity, SourceRef
from defense_timeline.timeline.words import check_word

_ABSENT = object()
MAX_ISSUES = 1000  # a hostile file may have millions; the first thousand say enough
_ID = re.compile(ID_PATTERN)
_COLOR = re.compile(COLOR_PATTERN)
_MONTH_DAY = re.compile(MONTH_DAY_PATTERN)


@dataclass(slots=True)
class Issue:
    """A problem at a path into the data, e.g. ("items", 3, "end"); the loader finds its line.

    A message may hold "{first}": the loader replaces it with the line of the `related` path.
    """

    path: tuple | None  # None: the file as a whole
    message: str
    severity: str = "error"
    at_key: bool = False
    related: tuple | None = None


class Checker:
    """Collects issues while converting values; caches dates, which files repeat a lot."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self.errors = 0
        self.dropped = self.dropped_errors = 0
        self.source_ids: frozenset[str] = frozenset()
        self._dates: dict[tuple, object] = {}
        self._calendars: list[Calendar] = []  # keeps ids in the date cache valid
        self._hint_budget = 20_000  # did-you-mean comparisons: bounded for files of many typos

    def error(self, path: tuple, message: str, *, at_key: bool = False, related=None) -> None:
        """Record an error at path."""
        self.errors += 1
        self._add(Issue(path, message, "error", at_key, related))

    def warn(self, path: tuple, message: str) -> None:
        """Record a warning at path."""
        self._add(Issue(path, message, "warning"))

    def _add(self, issue: Issue) -> None:
        if len(self.issues) < MAX_ISSUES:
            self.issues.append(issue)
        else:
            self.dropped += 1
            self.dropped_errors += issue.severity == "error"

    def finish(self) -> list[Issue]:
        """The issues, and one more saying how many were left out, if any."""
        if not self.dropped:
            return self.issues
        severity = "error" if self.dropped_errors else "warning"
        more = f"{self.dropped:,} more problems (only the first {MAX_ISSUES:,} are listed)"
        return [*self.issues, Issue(None, more, severity)]

    def hint(self, word: object, choices) -> str:
        """A did-you-mean against many choices (ids), while the comparison budget lasts."""
        if len(choices) > self._hint_budget:
            return ""
        self._hint_budget -= len(choices)
        return did_you_mean(word, choices)

    def wrong_type(self, path: tuple, expected: str, value: object) -> None:
        """Record 'expected X, got Y', with a hint when a scalar should have been quoted."""
        got = kind_of(value)
        hint = ""
        if expected == "text" and value is not None and got in ("a number", "true/false"):
            hint = " (put it in quotes to keep it as text)"
        self.error(path, f"expected {expected}, got {got}{hint}")

    def mapping(self, value: object, table: dict[str, Field], allowed, path: tuple, what: str):
        """The value if it is a mapping; unknown and missing keys are recorded."""
        if type(value) is not dict:
            self.wrong_type(path, what, value)
            return None
        if not value.keys() <= allowed:
            for key in value:
                if key not in allowed:
                    hint = self.hint(key, table) or f" (expected one of: {', '.join(table)})"
                    self.error(path + (key,), f"unknown field {quoted(key)}{hint}", at_key=True)
        if not value.keys() >= _required_set(table):
            for name in required(table):
                if name not in value:
                    self.error(path, f'missing required field "{name}"')
        return value

    def get(self, raw: dict, name: str, path: tuple, field: Field, cal=None):
        """The checked, converted value of raw[name]; None if absent or wrong."""
        value = raw.get(name, _ABSENT)
        if value is _ABSENT:
            return None
        return _CHECKS[field.type](self, value, path, name, field, cal)

    def date(self, value: object, cal: Calendar | None, path: tuple) -> DateSpec | None:
        """A date expression resolved in a calendar, cached by (text, calendar)."""
        kind = type(value)
        if kind is not str and kind is not int:
            self.error(path, f"expected a date such as 2017-02-03, got {kind_of(value)}")
            return None
        hit = self._parse(value, cal)
        if hit.__class__ is DateSpec:
            return hit
        self.error(path, str(hit))
        return None

    def parsed(self, value: object, cal: Calendar | None) -> DateSpec | None:
        """The date a value names, or None where date() would record an error (this records
        nothing)."""
        if value.__class__ is not str and value.__class__ is not int:
            return None
        hit = self._parse(value, cal)
        return hit if hit.__class__ is DateSpec else None

    def _parse(self, value: str | int, cal: Calendar | None) -> DateSpec | DateError:
        """parse_date's answer, each (text, calendar) parsed once."""
        key = (value, id(cal))
        hit = self._dates.get(key)
        if hit is None:
            try:
                hit = parse_date(value, cal)
            except DateError as exc:
                hit = exc
            self._dates[key] = hit
        return hit

    def calendar(self, value: object, path: tuple) -> Calendar | None:
        """A preset name or a {start, named_by} mapping."""
        where = path
        if type(value) is dict:
            spec = self.mapping(value, CALENDAR, _CALENDAR_KEYS, path, "a calendar mapping")
            if not spec.keys() >= _CALENDAR_KEYS:
                return None
            errors = self.errors
            self.get(spec, "start", path, CALENDAR["start"])
            self.get(spec, "named_by", path, CALENDAR["named_by"])
            if self.errors != errors:
                return None
            value, where = {key: spec[key] for key in CALENDAR}, path + ("start",)
        elif type(value) is not str:
            self.wrong_type(path, "a calendar (JP, UK, US, AU or {start, named_by})", value)
            return None
        try:
            cal = calendar_from(value)
        except DateError as exc:
            self.error(where, str(exc))
            return None
        self._calendars.append(cal)
        return cal

    def day(self, value: object, path: tuple) -> date | None:
        """An exact day YYYY-MM-DD."""
        spec = self.date(value, None, path)
        if spec is None:
            return None
        if spec.precision != "day" or spec.uncertain or spec.approximate:
            self.error(path, f"expected an exact day YYYY-MM-DD, got {quoted(spec.text)}")
            return None
        return spec.first

    def source_refs(self, value: object, path: tuple) -> tuple[SourceRef, ...] | None:
        """Citations: source ids or {id, quote}; each must name a known source."""
        if type(value) is not list:
            self.wrong_type(path, "a list of source ids", value)
            return None
        refs = []
        for i, entry in enumerate(value):
            if type(entry) is str:
                ref = SourceRef(entry)
            elif type(entry) is dict and _misnamed_id(entry):
                (key, sid), where = next(iter(entry.items())), path + (i,)
                hint = f"did you mean {quoted('id')}? write {quoted(f'- id: {sid}')} or just "
                hint += quoted(f"- {sid}")
                self.error(where + (key,), f"unknown field {quoted(key)} ({hint})", at_key=True)
                continue
            elif type(entry) is dict:
                spec = self.mapping(entry, SOURCE_REF, _REF_KEYS, path + (i,), "a source id")
                sid = self.get(spec, "id", path + (i,), SOURCE_REF["id"])
                quote = self.get(spec, "quote", path + (i,), SOURCE_REF["quote"])
                if sid is None:
                    continue
                ref = SourceRef(sid, quote or "")
            else:
                self.wrong_type(path + (i,), "a source id", entry)
                continue
            if ref.id not in self.source_ids:
                where = path + (i, "id") if type(entry) is dict else path + (i,)
                hint = self.hint(ref.id, self.source_ids)
                self.error(where, f"unknown source {quoted(ref.id)}{hint}")
            refs.append(ref)
        return tuple(refs)


def _misnamed_id(entry: dict) -> bool:
    """A citation written with one wrong key, such as "- source: x" for "- id: x"."""
    if len(entry) != 1:
        return False
    key, value = next(iter(entry.items()))
    return key not in SOURCE_REF and type(value) is str


_REQUIRED_SETS: dict[int, frozenset] = {}


def _required_set(table: dict[str, Field]) -> frozenset:
    found = _REQUIRED_SETS.get(id(table))
    if found is None:
        found = _REQUIRED_SETS[id(table)] = frozenset(required(table))
    return found


_CALENDAR_KEYS = frozenset(CALENDAR)
_REF_KEYS = frozenset(SOURCE_REF)
_QUANTITY_KEYS = frozenset(QUANTITY)


def _text(ck: Checker, value, path, name, field, cal):
    if type(value) is str:
        if field.required and not value.strip():
            ck.error(path + (name,), "must not be empty")
            return None
        return value
    ck.wrong_type(path + (name,), "text", value)
    return None


def _id(ck: Checker, value, path, name, field, cal):
    if type(value) is not str:
        ck.wrong_type(path + (name,), "an id (text)", value)
    elif not _ID.fullmatch(value):
        ck.error(path + (name,), f"an id may only hold {ID_CHARS}, got {quoted(value)}")
    else:
        return value
    return None


def _date(ck: Checker, value, path, name, field, cal):
    return ck.date(value, cal, path + (name,))


def _day(ck: Checker, value, path, name, field, cal):
    return ck.day(value, path + (name,))


def _duration(ck: Checker, value, path, name, field, cal) -> Duration | None:
    try:
        return parse_duration(value)
    except DateError as exc:
        ck.error(path + (name,), str(exc))
        return None


def _calendar(ck: Checker, value, path, name, field, cal):
    return ck.calendar(value, path + (name,))


def _matching(pattern: re.Pattern, expected: str):
    """A checker of text that must match pattern; the message says what was expected."""

    def check(ck: Checker, value, path, name, field, cal):
        if type(value) is str and pattern.fullmatch(value):
            return value
        shown = quoted(value) if type(value) is str else kind_of(value)
        ck.error(path + (name,), f"expected {expected}, got {shown}")
        return None

    return check


_color = _matching(_COLOR, "a colour #rrggbb")
_month_day = _matching(_MONTH_DAY, 'a month and day "MM-DD"')


def _url(ck: Checker, value, path, name, field, cal):
    if type(value) is not str:
        ck.wrong_type(path + (name,), "a web address", value)
    elif not value.lower().startswith(("http://", "https://")):
        ck.error(path + (name,), "url must start with http:// or https://")
    else:
        return value
    return None


def _integer(ck: Checker, value, path, name, field, cal):
    if type(value) is int:
        return value
    ck.wrong_type(path + (name,), "a whole number", value)
    return None


def _number(ck: Checker, value, path, name, field, cal):
    if (type(value) is int or type(value) is float) and math.isfinite(value):
        return value
    ck.wrong_type(path + (name,), "a number", value)
    return None


def _text_list(ck: Checker, value, path, name, field, cal):
    if type(value) is not list:
        ck.wrong_type(path + (name,), "a list", value)
        return None
    for i, entry in enumerate(value):
        if type(entry) is not str:
            ck.wrong_type(path + (name, i), "text", entry)
    return tuple(value)


def _source_refs(ck: Checker, value, path, name, field, cal):
    return ck.source_refs(value, path + (name,))


def _quantities(ck: Checker, value, path, name, field, cal):
    where = path + (name,)
    if type(value) is not list:
        ck.wrong_type(where, "a list of {count, what}", value)
        return None
    out = []
    for i, entry in enumerate(value):
        spec = ck.mapping(entry, QUANTITY, _QUANTITY_KEYS, where + (i,), "{count: 17, what: ...}")
        if spec is None:
            continue
        count = ck.get(spec, "count", where + (i,), QUANTITY["count"])
        what = ck.get(spec, "what", where + (i,), QUANTITY["what"])
        if count is not None and what is not None:
            out.append(Quantity(count, what))
    return tuple(out)


def _list(ck: Checker, value, path, name, field, cal):
    if type(value) is list:
        return value
    ck.wrong_type(path + (name,), "a list", value)
    return None


_CHECKS = {
    "text": _text,
    "id": _id,
    "enum": check_word,
    "date": _date,
    "day": _day,
    "duration": _duration,
    "calendar": _calendar,
    "color": _color,
    "url": _url,
    "integer": _integer,
    "number": _number,
    "month_day": _month_day,
    "tags": _text_list,
    "ids": _text_list,
    "source_refs": _source_refs,
    "quantities": _quantities,
    "updates": _list,
    "sources": _list,
    "lanes": _list,
    "items": _list,
}
