"""Month lengths and fiscal-year calendars: the day a fiscal year starts and which year names it.

Pure date arithmetic, no text parsing beyond a calendar's own "MM-DD"; dates.py parses dates.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from defense_timeline.errors import DateError
from defense_timeline.timeline.messages import described, quoted_date

CALENDAR_EXPECTED = 'JP, US, UK, AU or {start: "MM-DD", named_by: start|end}'
MONTHS = (
    "January February March April May June July August September October November December"
).split()
DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # February of a common year
ONE_DAY = timedelta(days=1)


def is_leap(year: int) -> bool:
    """True if the Gregorian year has a 29 February."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    """How many days the month has in that year."""
    return 29 if month == 2 and is_leap(year) else DAYS_IN_MONTH[month - 1]


def _is_every_year_day(month: int, day: int) -> bool:
    """True if month-day exists in every year (so not 02-29)."""
    if not (isinstance(month, int) and isinstance(day, int)):
        return False
    return 1 <= month <= 12 and 1 <= day <= DAYS_IN_MONTH[month - 1]


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
    raise DateError(f"expected a calendar: {CALENDAR_EXPECTED}, got {described(value)}")


def _preset(name: str) -> Calendar:
    """A preset by name, case-insensitively, with a did-you-mean for near misses."""
    key = name.strip().upper()
    if key in PRESETS:
        return PRESETS[key]
    guess = _ALIASES.get(key) or next(iter(difflib.get_close_matches(key, PRESETS, 1, 0.6)), None)
    hint = f'did you mean "{guess}"? ' if guess else ""
    raise DateError(f"unknown calendar {quoted_date(name)} ({hint}expected {CALENDAR_EXPECTED})")


def _custom_calendar(spec: dict) -> Calendar:
    """A calendar from {start: "MM-DD", named_by: start|end}, checked field by field."""
    shape = '{start: "MM-DD", named_by: start|end}'
    for key in spec:
        if key not in ("start", "named_by"):
            close = difflib.get_close_matches(str(key), ["start", "named_by"], 1, 0.6)
            hint = f'did you mean "{close[0]}"? ' if close else ""
            raise DateError(
                f"calendar has an unknown key {quoted_date(str(key))} ({hint}expected {shape})"
            )
    for key in ("start", "named_by"):
        if key not in spec:
            raise DateError(f"calendar is missing {key} (expected {shape})")
    start, named_by = spec["start"], spec["named_by"]
    month, day = _month_day(start)
    if named_by not in ("start", "end"):
        raise DateError(f"calendar named_by must be start or end, got {described(named_by)}")
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
        shown = quoted_date(start) if isinstance(start, str) else described(start)
        raise DateError(f'calendar start {shown} is not a day of the year (expected "MM-DD")')
    return month, day


def fiscal_year_bounds(year: int, calendar: Calendar) -> tuple[date, date]:
    """First and last day of fiscal year `year` as the calendar names it."""
    month, day = calendar.start_month, calendar.start_day
    spans_two = (month, day) != (1, 1)
    start_year = year - 1 if calendar.named_by == "end" and spans_two else year
    try:
        first = date(start_year, month, day)
        last = date(start_year + 1, month, day) - ONE_DAY if spans_two else date(year, 12, 31)
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


def add_months(day: date, months: int) -> date:
    """day moved by whole calendar months, clamped to the end of a shorter month."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    month = month0 + 1
    return date(year, month, min(day.day, days_in_month(year, month)))


def widen(first: date, last: date, months: int, days: int = 0) -> tuple[date, date]:
    """first moved back and last forward by months and days, kept within 0001 to 9999.

    A last day at a month's end stays at a month's end (2017-02-28 + 1 month: 2017-03-31).
    """
    try:
        wide_first = add_months(first, -months) - timedelta(days=days)
    except (ValueError, OverflowError):
        wide_first = date.min
    try:
        moved = add_months(last, months) + timedelta(days=days)
        if months and last.day == days_in_month(last.year, last.month):
            moved = moved.replace(day=days_in_month(moved.year, moved.month))
    except (ValueError, OverflowError):
        moved = date.max
    return wide_first, moved
