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
    calendar_from,
    days_in_month,
    fiscal_year_bounds,
    fiscal_year_of,
)
from defense_timeline.timeline.messages import described, quoted_date

Precision = Literal["day", "month", "quarter", "half", "year", "fiscal_year"]
DurationUnit = Literal["y", "m", "w", "d"]

EXPECTED = "expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Hn or FYnnnn"
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
    "EXPECTED",
    "PRESETS",
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


def _not_a_date(text: str) -> DateError:
    return DateError(f"{quoted_date(text)} is not a date ({EXPECTED})")


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
    spec = _parse_text(value)
    if type(spec) is DateSpec:
        return spec
    if calendar is None:
        raise DateError(
            f"{quoted_date(spec.text)} is a fiscal year but no calendar is set "
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
        raise DateError(f"{quoted_date(text)} has no month {month}")
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
            raise DateError(f"{quoted_date(text)} has no month {month}")
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
    """FYnnnn (named as the calendar names it) or FYyyyy-yy (the one starting in yyyy)."""
    if len(rest) == 4 and rest.isdigit():
        return _Fiscal(text, _year(text, rest), False, uncertain, approximate)
    if len(rest) == 7 and rest[4] == "-" and rest[:4].isdigit() and rest[5:].isdigit():
        start = _year(text, rest[:4])
        if int(rest[5:]) != (start + 1) % 100:
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
    return DateSpec(fy.text, first, last, "fiscal_year", fy.uncertain, fy.approximate)


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


def _add_months(day: date, months: int) -> date:
    """day moved by whole calendar months, clamped to the end of a shorter month."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    month = month0 + 1
    return date(year, month, min(day.day, days_in_month(year, month)))


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
        last = after - ONE_DAY
    except (ValueError, OverflowError):
        raise DateError(
            f"{quoted_date(duration.text)} from {start.text} ends after the year 9999"
        ) from None
    return DateSpec(
        duration.text,
        last,
        last,
        "day",
        start.uncertain,
        duration.approximate or start.approximate,
    )


# The same grammar as regular expressions, for the JSON Schema that editors check files with.
# The parser above is the authority; tests/test_jsonschema.py holds the two to the same answer
# on every date the suite, the bundled files and the README use. Only the parser refuses:
# a day past its month's end (2017-02-30, 2017-02-29, 2017-04-31), an FYyyyy-yy whose yy is not
# the year after yyyy (FY2023-25), and what depends on the calendar (any FY without one, FY9999
# in JP, FY0001 in US, FYyyyy-yy in a calendar whose fiscal year is the calendar year).

# What str.strip() removes, spelt out because ECMA-262's \s (editors) is another set.
SPACE = r"[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"


def _digits(low: int, high: int) -> str:
    """A regex for low to high ASCII digits."""
    if high == 0:
        return ""
    if low < high:
        return f"[0-9]{{{low},{high}}}"
    return "[0-9]" if high == 1 else f"[0-9]{{{high}}}"


def _not_all_zeros(most: int, fewest: int = 1) -> str:
    """Digits, fewest to most of them, not all 0 (the parser refuses a year 0000 or a 0y)."""
    forms = []
    for zeros in range(most):
        low, high = max(fewest - zeros - 1, 0), most - zeros - 1
        forms.append("0" * zeros + "[1-9]" + _digits(low, high))
    return f"({'|'.join(forms)})"


_YEAR = _not_all_zeros(4, 4)
_MONTH = "(0[1-9]|1[0-2])"
_DAY = "(0[1-9]|[12][0-9]|3[01])"
_PART = f"({_MONTH}(-{_DAY})?|[Qq][1-4]|[Hh][12])"  # _parse_text's 10- and 7-character forms
_FISCAL = f"[Ff][Yy]{_YEAR}(-[0-9]{{2}})?"  # _fiscal: FYnnnn or FYyyyy-yy, any case
DATE_PATTERN = f"^{SPACE}*~?({_YEAR}(-{_PART})?|{_FISCAL})\\??{SPACE}*$"
DAY_PATTERN = f"^{SPACE}*{_YEAR}-{_MONTH}-{_DAY}{SPACE}*$"  # as_of: a day without ? or ~
DURATION_PATTERN = f"^{SPACE}*~?{_not_all_zeros(6)}[ymwdYMWD]{SPACE}*$"
