"""Pure text -> interval logic for dates as they are really known: partial, uncertain, fiscal.

No pandas here. Every date expression resolves to an inclusive interval of days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal, NamedTuple

from defense_timeline.errors import DateError
from defense_timeline.timeline.calendars import (
    CALENDAR_EXPECTED,
    DAYS_IN_MONTH,
    MONTHS,
    ONE_DAY,
    PRESETS,
    Calendar,
    add_months,
    calendar_from,
    days_in_month,
    fiscal_year_bounds,
    fiscal_year_of,
    widen,
)
from defense_timeline.timeline.date_hints import likely_fix
from defense_timeline.timeline.date_patterns import (
    DATE_PATTERN,
    DAY_PATTERN,
    DURATION_PATTERN,
    SPACE,
)
from defense_timeline.timeline.messages import described, quoted_date

Precision = Literal["day", "month", "quarter", "half", "year", "fiscal_year", "range"]
DurationUnit = Literal["y", "m", "w", "d"]

# The forms of a date, each with an example: every message about a date's shape lists them.
FORMS = (
    ("YYYY", "2017"),
    ("YYYY-MM", "2017-03"),
    ("YYYY-MM-DD", "2017-03-15"),
    ("YYYY-Qn", "2017-Q2"),
    ("YYYY-Hn", "2018-H2"),
    ("FYnnnn", "FY2019"),
    ("FYyyyy-yy", "FY2024-25"),
    ("FYyyyy-yyyy", "FY2024-2025"),
    ("FIRST/LAST", "2017-02-01/2017-02-18"),
)
# EDTF (ISO 8601-2) qualifiers written after a date; a leading "~" is read as well.
QUALIFIERS = {"?": "uncertain", "~": "approximate", "%": "uncertain and approximate"}
EXPECTED = (
    "expected "
    + ", ".join(f"{form} ({example})" for form, example in FORMS)
    + '; any may end in "?" uncertain, "~" approximate or "%" both (2028~)'
)
# How far "~" widens a date: one unit of its precision each side (a duration: one of its unit).
WIDEN_MONTHS = {"day": 0, "month": 1, "quarter": 3, "half": 6, "year": 12, "fiscal_year": 12}
DURATION_EXPECTED = (
    "expected a whole number of years, months, weeks or days: 5y, 18m, 6w, 30d, "
    "optionally ~ for about"
)
__all__ = [  # with the calendars, re-exported so callers import every date name from here
    "CALENDAR_EXPECTED",
    "DATE_PATTERN",
    "DAY_PATTERN",
    "DURATION_EXPECTED",
    "DURATION_PATTERN",
    "SPACE",
    "EXPECTED",
    "FORMS",
    "PRESETS",
    "QUALIFIERS",
    "WIDEN_MONTHS",
    "Calendar",
    "DateSpec",
    "Duration",
    "Precision",
    "calendar_from",
    "end_from_duration",
    "fiscal_year_bounds",
    "fiscal_year_of",
    "parse_date",
    "parse_duration",
]


@dataclass(frozen=True, slots=True)
class DateSpec:
    """A date as written and the inclusive interval of days it stands for.

    An approximate date's interval is widened (WIDEN_MONTHS); nominal_first and nominal_last keep
    the interval before widening (None: the same as first and last).
    """

    text: str  # as written, e.g. "2018-H2?", "FY2019", "2023-12-16~"
    first: date
    last: date
    precision: Precision
    uncertain: bool = False  # written with "?" (or "%")
    approximate: bool = False  # written with "~" (or "%")
    nominal_first: date | None = None
    nominal_last: date | None = None

    @property
    def nominal(self) -> tuple[date, date]:
        """The interval the date names before an approximate date is widened."""
        return (self.nominal_first or self.first, self.nominal_last or self.last)


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


class _Shape(DateError):
    """A date that is not one of the forms; parse_date words it with the forms and a fix."""

    def __init__(self, text: str, what: str = "is not a date"):
        super().__init__(f"{quoted_date(text)} {what} ({EXPECTED})")
        self.text, self.what = text, what

    def worded(self) -> DateError:
        """The message with the likely fix, when one of the usual rewrites parses."""
        fix = likely_fix(self.text, _parses)
        hint = f": did you mean {quoted_date(fix)}?" if fix else ""
        return DateError(f"{quoted_date(self.text)} {self.what}{hint} ({EXPECTED})")


_not_a_date = _Shape


def _parses(text: str) -> bool:
    try:
        _parse_text(text)
    except DateError:
        return False
    return True


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
                f'expected a date such as 2017-02-03 or "2018-H2?", got {described(value)}'
            )
    try:
        spec = _parse_text(value)
    except _Shape as exc:
        raise exc.worded() from None
    if type(spec) is DateSpec:
        return spec
    if calendar is None:
        raise DateError(
            f"{quoted_date(spec.text)} is a fiscal year but no calendar is set "
            f"(add calendar: {CALENDAR_EXPECTED})"
        )
    return _resolve_fiscal(spec, calendar)


def _qualifiers(text: str) -> tuple[str, bool, bool]:
    """The date without its qualifiers: a leading "~", then one trailing "?", "~" or "%"."""
    core, approximate, uncertain = text, False, False
    if core[:1] == "~":
        core, approximate = core[1:], True
    mark = core[-1:]
    if mark and mark in QUALIFIERS:
        core = core[:-1]
        approximate = approximate or mark in "~%"
        uncertain = mark in "?%"
    return core, uncertain, approximate


@lru_cache(maxsize=1 << 16)
def _parse_text(raw: str) -> DateSpec | _Fiscal:
    """Everything a date text says without a calendar; cached because files repeat dates."""
    text = raw.strip()
    if "/" in text:
        return _range(text)
    core, uncertain, approximate = _qualifiers(text)
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
    return _spec(text, first, last, precision, uncertain, approximate)


def _spec(text, first, last, precision, uncertain, approximate) -> DateSpec:
    """A DateSpec, widened by one unit of its precision each side when approximate."""
    if not approximate:
        return DateSpec(text, first, last, precision, uncertain, False)
    months = WIDEN_MONTHS[precision]
    wide_first, wide_last = widen(first, last, months, 0 if months else 1)
    return DateSpec(text, wide_first, wide_last, precision, uncertain, True, first, last)


def _range(text: str) -> DateSpec:
    """FIRST/LAST: the days from the first day of FIRST to the last day of LAST."""
    parts = text.split("/")
    if len(parts) != 2 or not all(parts) or parts[0] != parts[0].strip():
        raise _not_a_date(text)
    try:
        ends = [_parse_text(part) for part in parts]
    except _Shape:
        raise _not_a_date(text) from None
    if any(type(end) is not DateSpec for end in ends) or parts[1] != parts[1].strip():
        raise _not_a_date(text)
    first, last = ends
    if last.last < first.first:
        raise DateError(f"{quoted_date(text)} ends before it starts (write the earlier date first)")
    uncertain = first.uncertain or last.uncertain
    nominal = (first.nominal[0], last.nominal[1])
    approximate = first.approximate or last.approximate
    return DateSpec(text, first.first, last.last, "range", uncertain, approximate, *nominal)


def _year(text: str, digits: str) -> int:
    year = int(digits)
    if year == 0:
        raise DateError(f"{quoted_date(text)} has no year 0 (years run from 0001 to 9999)")
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
        raise _not_a_date(text, f"has no month {month}")
    days = days_in_month(year, month)
    raise DateError(
        f"{quoted_date(text)} is not a real day ({MONTHS[month - 1]} {year} has {days} days)"
    )


def _part_of_year(text: str, year: int, part: str) -> tuple[date, date, Precision]:
    """Month (MM), quarter (Qn) or half (Hn) of a year."""
    kind, n = part[0].upper(), part[1]
    if part.isdigit():
        month = int(part)
        if not 1 <= month <= 12:
            raise _not_a_date(text, f"has no month {month}")
        return date(year, month, 1), date(year, month, days_in_month(year, month)), "month"
    if kind == "Q" and n in "1234":
        last_month = 3 * int(n)
        last = date(year, last_month, DAYS_IN_MONTH[last_month - 1])
        return date(year, last_month - 2, 1), last, "quarter"
    if kind == "H" and n == "1":
        return date(year, 1, 1), date(year, 6, 30), "half"
    if kind == "H" and n == "2":
        return date(year, 7, 1), date(year, 12, 31), "half"
    raise _not_a_date(text)


def _fiscal(text: str, rest: str, uncertain: bool, approximate: bool) -> _Fiscal:
    """FYnnnn (named as the calendar names it) or FYyyyy-yy / FYyyyy-yyyy (starting in yyyy)."""
    if len(rest) == 4 and rest.isdigit():
        return _Fiscal(text, _year(text, rest), False, uncertain, approximate)
    second = rest[5:]
    if len(rest) in (7, 9) and rest[4] == "-" and rest[:4].isdigit() and second.isdigit():
        start = _year(text, rest[:4])
        following = (start + 1) % 100 if len(second) == 2 else start + 1
        if int(second) != following:
            right = f"FY{start:04d}-{(start + 1) % 100:02d}"
            raise DateError(
                f"{quoted_date(text)} is not a fiscal year (the one that starts in {start:04d} "
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
                f"{quoted_date(fy.text)} spans two years but this calendar's fiscal year is the "
                f"calendar year (write FY{fy.year:04d})"
            )
        name = fy.year + (calendar.named_by == "end")
    try:
        first, last = fiscal_year_bounds(name, calendar)
    except DateError:
        raise DateError(
            f"{quoted_date(fy.text)} falls outside the years 0001 to 9999 in the "
            f"{calendar.name} calendar"
        ) from None
    return _spec(fy.text, first, last, "fiscal_year", fy.uncertain, fy.approximate)


def parse_duration(value: object) -> Duration:
    """Parse "5y", "18m", "6w", "30d", optionally prefixed "~" for approximate."""
    if isinstance(value, str):
        return _parse_duration_text(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise DateError(f"{quoted_date(str(value))} is not a duration ({DURATION_EXPECTED})")
    raise DateError(f"expected a duration such as 5y or ~10y, got {described(value)}")


@lru_cache(maxsize=1024)
def _parse_duration_text(raw: str) -> Duration:
    text = raw.strip()
    approximate = text[:1] == "~"
    core = text[1:] if approximate else text
    number, unit = core[:-1], core[-1:].lower()
    ok = unit in ("y", "m", "w", "d") and number.isascii() and number.isdigit()
    if not ok or len(number) > 6 or int(number) == 0:
        raise DateError(f"{quoted_date(text)} is not a duration ({DURATION_EXPECTED})")
    return Duration(text, int(number), unit, approximate)


def end_from_duration(start: DateSpec, duration: Duration) -> DateSpec:
    """The last day of a span that starts on start's first day and lasts duration (inclusive).

    Rule: the day after the span is the start's (nominal) first day moved by the duration (years
    and months move the calendar month, clamping the day to a shorter month's end, so
    2020-02-29 + 1y is 2021-02-28); the span's last day is the day before that (2021-02-27).
    An approximate duration (~10y) widens that day by one unit of the duration each side, an
    approximate start by one unit of the start's precision.
    """
    amount, unit = duration.amount, duration.unit
    try:
        begin = start.nominal[0]
        if unit in ("y", "m"):
            after = add_months(begin, amount * 12 if unit == "y" else amount)
        else:
            after = begin + timedelta(days=amount * 7 if unit == "w" else amount)
        last = after - ONE_DAY
    except (ValueError, OverflowError):
        raise DateError(
            f"{quoted_date(duration.text)} from {start.text} ends after the year 9999"
        ) from None
    first = final = last
    if duration.approximate:
        months = {"y": 12, "m": 1}.get(unit, 0)
        first, final = widen(first, final, months, {"w": 7, "d": 1}.get(unit, 0))
    if start.approximate:
        months = WIDEN_MONTHS.get(start.precision, 0)
        first, final = widen(first, final, months, 0 if months else 1)
    approximate = duration.approximate or start.approximate
    nominal = (last, last) if approximate else (None, None)
    return DateSpec(duration.text, first, final, "day", start.uncertain, approximate, *nominal)
