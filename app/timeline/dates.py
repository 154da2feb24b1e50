"""Pure text -> interval logic for dates as they are really known: partial, uncertain, fiscal.

No pandas here. Every date expression resolves to an inclusive interval of days.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal, NamedTuple

from defense_timeline.errors import DateError

Precision = Literal["day", "month", "quarter", "half", "year", "fiscal_year"]
DurationUnit = Literal["y", "m", "w", "d"]

EXPECTED = "expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Hn or FYnnnn"
CALENDAR_EXPECTED = 'JP, US, UK, AU or {start: "MM-DD", named_by: start|end}'
DURATION_EXPECTED = (
    "expected a whole number of years, months, weeks or days: 5y, 18m, 6w, 30d, "
    "optionally ~ for about"
)

_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_ONE_DAY = timedelta(days=1)
_SHOWN_MAX = 40


@dataclass(frozen=True, slots=True)
class Calendar:
    """A fiscal-year convention: the day a fiscal year starts and which year names it."""

    name: str  # "JP", "US", "UK", "AU" or "custom"
    start_month: int
    start_day: int
    named_by: Literal["start", "end"]

    def __post_init__(self) -> None:
        """Refuse a start that is missing in some years (02-29): every FY must have bounds."""
        if not _is_every_year_day(self.start_month, self.start_day):
            raise DateError(
                f"calendar start month {self.start_month!r} day {self.start_day!r} "
                "is not a day of every year"
            )
        if self.named_by not in ("start", "end"):
            raise DateError(f"calendar named_by must be start or end, got {self.named_by!r}")


@dataclass(frozen=True, slots=True)
class DateSpec:
    """A date as written and the inclusive interval of days it stands for."""

    text: str  # as written, e.g. "2018-H2?", "FY2019", "~2023-12-16"
    first: date
    last: date
    precision: Precision
    uncertain: bool = False  # written with a trailing "?"
    approximate: bool = False  # written with "~"


@dataclass(frozen=True, slots=True)
class Duration:
    """A span such as "5y", "18m" or "~10y", counted from the first day of a start date."""

    text: str
    amount: int
    unit: DurationUnit
    approximate: bool = False


class _Fiscal(NamedTuple):
    """A parsed fiscal-year expression waiting for a calendar (a tuple: cheap to hash)."""

    text: str
    year: int  # the FY's name for FYnnnn, its starting year for FYyyyy-yy
    starts_in: bool  # True for FYyyyy-yy
    uncertain: bool
    approximate: bool


def _quote(text: str) -> str:
    """The text in double quotes, shortened and escaped so a message stays one line."""
    if len(text) > _SHOWN_MAX:
        text = text[:_SHOWN_MAX] + "…"
    return json.dumps(text, ensure_ascii=False)


def _describe(value: object) -> str:
    """A wrong-typed value and its type in plain words, for 'got ...' messages."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, int | float):
        return f"{repr(value)[:_SHOWN_MAX]} (a number)"
    if isinstance(value, datetime):
        return f"{value.isoformat(sep=' ')} (a date with a time of day)"
    if isinstance(value, date):
        return f"{value.isoformat()} (a date)"
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def _not_a_date(text: str) -> DateError:
    return DateError(f"{_quote(text)} is not a date ({EXPECTED})")


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(year: int, month: int) -> int:
    return 29 if month == 2 and _is_leap(year) else _DAYS_IN_MONTH[month - 1]


def _is_every_year_day(month: int, day: int) -> bool:
    """True if month-day exists in every year (so not 02-29)."""
    if not (isinstance(month, int) and isinstance(day, int)):
        return False
    return 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]


PRESETS: dict[str, Calendar] = {
    "JP": Calendar("JP", 4, 1, "start"),
    "US": Calendar("US", 10, 1, "end"),
    "UK": Calendar("UK", 4, 1, "start"),
    "AU": Calendar("AU", 7, 1, "end"),
}
_ALIASES = {"JPN": "JP", "JAPAN": "JP", "USA": "US", "GB": "UK", "GBR": "UK", "AUS": "AU"}


def calendar_from(value: object) -> Calendar:
    """The calendar for a preset name ("JP", "US", "UK", "AU") or {start: "MM-DD", named_by}."""
    if isinstance(value, Calendar):
        return value
    if isinstance(value, str):
        return _preset(value)
    if isinstance(value, dict):
        return _custom_calendar(value)
    raise DateError(f"expected a calendar: {CALENDAR_EXPECTED}, got {_describe(value)}")


def _preset(name: str) -> Calendar:
    """A preset by name, case-insensitively, with a did-you-mean for near misses."""
    key = name.strip().upper()
    if key in PRESETS:
        return PRESETS[key]
    guess = _ALIASES.get(key) or next(iter(difflib.get_close_matches(key, PRESETS, 1, 0.6)), None)
    hint = f'did you mean "{guess}"? ' if guess else ""
    raise DateError(f"unknown calendar {_quote(name)} ({hint}expected {CALENDAR_EXPECTED})")


def _custom_calendar(spec: dict) -> Calendar:
    """A calendar from {start: "MM-DD", named_by: start|end}, checked field by field."""
    shape = '{start: "MM-DD", named_by: start|end}'
    for key in spec:
        if key not in ("start", "named_by"):
            close = difflib.get_close_matches(str(key), ["start", "named_by"], 1, 0.6)
            hint = f'did you mean "{close[0]}"? ' if close else ""
            raise DateError(
                f"calendar has an unknown key {_quote(str(key))} ({hint}expected {shape})"
            )
    for key in ("start", "named_by"):
        if key not in spec:
            raise DateError(f"calendar is missing {key} (expected {shape})")
    start, named_by = spec["start"], spec["named_by"]
    month, day = _month_day(start)
    if named_by not in ("start", "end"):
        raise DateError(f"calendar named_by must be start or end, got {_describe(named_by)}")
    return Calendar("custom", month, day, named_by)


def _month_day(start: object) -> tuple[int, int]:
    """Month and day of a custom calendar's "MM-DD" start, which must exist every year."""
    text = start.strip() if isinstance(start, str) else ""
    ok = len(text) == 5 and text.isascii() and text[2] == "-"
    ok = ok and text[:2].isdigit() and text[3:].isdigit()
    month, day = (int(text[:2]), int(text[3:])) if ok else (0, 0)
    if text == "02-29":
        raise DateError('calendar start "02-29" is not a day of every year (try "03-01")')
    if not _is_every_year_day(month, day):
        shown = _quote(start) if isinstance(start, str) else _describe(start)
        raise DateError(f'calendar start {shown} is not a day of the year (expected "MM-DD")')
    return month, day


def fiscal_year_bounds(year: int, calendar: Calendar) -> tuple[date, date]:
    """First and last day of fiscal year `year` as the calendar names it."""
    month, day = calendar.start_month, calendar.start_day
    spans_two = (month, day) != (1, 1)
    start_year = year - 1 if calendar.named_by == "end" and spans_two else year
    try:
        first = date(start_year, month, day)
        last = date(start_year + 1, month, day) - _ONE_DAY if spans_two else date(year, 12, 31)
    except ValueError:
        raise DateError(f"fiscal year {year} falls outside the years 0001 to 9999") from None
    return first, last


def fiscal_year_of(day: date, calendar: Calendar) -> int:
    """The name (number) of the fiscal year that contains day."""
    start = (calendar.start_month, calendar.start_day)
    start_year = day.year if (day.month, day.day) >= start else day.year - 1
    if calendar.named_by == "end" and start != (1, 1):
        return start_year + 1
    return start_year


def parse_date(value: object, calendar: Calendar | None = None) -> DateSpec:
    """Resolve a date expression (str, YAML int year, or datetime.date) to its interval of days."""
    if type(value) is not str:
        if isinstance(value, str):
            value = str(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        elif isinstance(value, date) and not isinstance(value, datetime):
            return DateSpec(value.isoformat(), value, value, "day")
        else:
            raise DateError(
                f'expected a date such as 2017-02-03 or "2018-H2?", got {_describe(value)}'
            )
    spec = _parse_text(value)
    if type(spec) is DateSpec:
        return spec
    if calendar is None:
        raise DateError(
            f"{_quote(spec.text)} is a fiscal year but no calendar is set "
            f"(add calendar: {CALENDAR_EXPECTED})"
        )
    return _resolve_fiscal(spec, calendar)


@lru_cache(maxsize=1 << 16)
def _parse_text(raw: str) -> DateSpec | _Fiscal:
    """Everything a date text says without a calendar; cached because files repeat dates."""
    text = raw.strip()
    core = text
    approximate = core[:1] == "~"
    if approximate:
        core = core[1:]
    uncertain = core[-1:] == "?"
    if uncertain:
        core = core[:-1]
    if not core.isascii():
        raise _not_a_date(text)
    size = len(core)
    if size == 10 and core[4] == "-" and core[7] == "-" and core[:4].isdigit():
        first = last = _day(text, core)
        precision = "day"
    elif size == 4 and core.isdigit():
        year = _year(text, core)
        first, last, precision = date(year, 1, 1), date(year, 12, 31), "year"
    elif size == 7 and core[4] == "-" and core[:4].isdigit():
        first, last, precision = _part_of_year(text, _year(text, core[:4]), core[5:])
    elif core[:2] in ("FY", "fy", "Fy", "fY"):
        return _fiscal(text, core[2:], uncertain, approximate)
    else:
        raise _not_a_date(text)
    return DateSpec(text, first, last, precision, uncertain, approximate)


def _year(text: str, digits: str) -> int:
    year = int(digits)
    if year == 0:
        raise DateError(f"{_quote(text)} has no year 0 (years run from 0001 to 9999)")
    return year


def _day(text: str, core: str) -> date:
    """The day YYYY-MM-DD, with a message that says why an impossible one is impossible."""
    if not (core[5:7].isdigit() and core[8:].isdigit()):
        raise _not_a_date(text)
    try:
        return date.fromisoformat(core)
    except ValueError:
        pass
    year, month = _year(text, core[:4]), int(core[5:7])
    if not 1 <= month <= 12:
        raise DateError(f"{_quote(text)} has no month {month}")
    days = _days_in_month(year, month)
    raise DateError(
        f"{_quote(text)} is not a real day ({_MONTHS[month - 1]} {year} has {days} days)"
    )


def _part_of_year(text: str, year: int, part: str) -> tuple[date, date, Precision]:
    """Month (MM), quarter (Qn) or half (Hn) of a year."""
    kind, n = part[0].upper(), part[1]
    if part.isdigit():
        month = int(part)
        if not 1 <= month <= 12:
            raise DateError(f"{_quote(text)} has no month {month}")
        return date(year, month, 1), date(year, month, _days_in_month(year, month)), "month"
    if kind == "Q" and n in "1234":
        last_month = 3 * int(n)
        last = date(year, last_month, _DAYS_IN_MONTH[last_month - 1])
        return date(year, last_month - 2, 1), last, "quarter"
    if kind == "H" and n == "1":
        return date(year, 1, 1), date(year, 6, 30), "half"
    if kind == "H" and n == "2":
        return date(year, 7, 1), date(year, 12, 31), "half"
    raise _not_a_date(text)


def _fiscal(text: str, rest: str, uncertain: bool, approximate: bool) -> _Fiscal:
    """FYnnnn (named as the calendar names it) or FYyyyy-yy (the one starting in yyyy)."""
    if len(rest) == 4 and rest.isdigit():
        return _Fiscal(text, _year(text, rest), False, uncertain, approximate)
    if len(rest) == 7 and rest[4] == "-" and rest[:4].isdigit() and rest[5:].isdigit():
        start = _year(text, rest[:4])
        if int(rest[5:]) != (start + 1) % 100:
            right = f"FY{start:04d}-{(start + 1) % 100:02d}"
            raise DateError(
                f"{_quote(text)} is not a fiscal year (the one that starts in {start:04d} "
                f"is {right})"
            )
        return _Fiscal(text, start, True, uncertain, approximate)
    raise _not_a_date(text)


@lru_cache(maxsize=4096)
def _resolve_fiscal(fy: _Fiscal, calendar: Calendar) -> DateSpec:
    """The days of a fiscal-year expression in a calendar."""
    name = fy.year
    if fy.starts_in:
        if (calendar.start_month, calendar.start_day) == (1, 1):
            raise DateError(
                f"{_quote(fy.text)} spans two years but this calendar's fiscal year is the "
                f"calendar year (write FY{fy.year:04d})"
            )
        name = fy.year + (calendar.named_by == "end")
    try:
        first, last = fiscal_year_bounds(name, calendar)
    except DateError:
        raise DateError(
            f"{_quote(fy.text)} falls outside the years 0001 to 9999 in the "
            f"{calendar.name} calendar"
        ) from None
    return DateSpec(fy.text, first, last, "fiscal_year", fy.uncertain, fy.approximate)


def parse_duration(value: object) -> Duration:
    """Parse "5y", "18m", "6w", "30d", optionally prefixed "~" for approximate."""
    if isinstance(value, str):
        return _parse_duration_text(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise DateError(f"{_quote(str(value))} is not a duration ({DURATION_EXPECTED})")
    raise DateError(f"expected a duration such as 5y or ~10y, got {_describe(value)}")


@lru_cache(maxsize=1024)
def _parse_duration_text(raw: str) -> Duration:
    text = raw.strip()
    approximate = text[:1] == "~"
    core = text[1:] if approximate else text
    number, unit = core[:-1], core[-1:].lower()
    ok = unit in ("y", "m", "w", "d") and number.isascii() and number.isdigit()
    if not ok or len(number) > 6 or int(number) == 0:
        raise DateError(f"{_quote(text)} is not a duration ({DURATION_EXPECTED})")
    return Duration(text, int(number), unit, approximate)


def _add_months(day: date, months: int) -> date:
    """day moved by whole calendar months, clamped to the end of a shorter month."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    month = month0 + 1
    return date(year, month, min(day.day, _days_in_month(year, month)))


def end_from_duration(start: DateSpec, duration: Duration) -> DateSpec:
    """The last day of a span that starts on start.first and lasts duration (inclusive).

    Rule: the day after the span is start.first moved by the duration (years and months move
    the calendar month, clamping the day to a shorter month's end, so 2020-02-29 + 1y is
    2021-02-28); the span's last day is the day before that (2021-02-27).
    """
    amount, unit = duration.amount, duration.unit
    try:
        if unit in ("y", "m"):
            after = _add_months(start.first, amount * 12 if unit == "y" else amount)
        else:
            after = start.first + timedelta(days=amount * 7 if unit == "w" else amount)
        last = after - _ONE_DAY
    except (ValueError, OverflowError):
        raise DateError(
            f"{_quote(duration.text)} from {start.text} ends after the year 9999"
        ) from None
    return DateSpec(
        duration.text,
        last,
        last,
        "day",
        start.uncertain,
        duration.approximate or start.approximate,
    )


def format_interval(start: DateSpec, end: DateSpec | None) -> str:
    """The dates as written, for hover text: "FY2014 – FY2018", "2018-H2?", "2013-12-17 – open"."""
    if end is None:
        return f"{start.text} – open"
    if end.text == start.text:
        return start.text
    return f"{start.text} – {end.text}"
