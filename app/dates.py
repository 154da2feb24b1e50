"""Pure text -> interval logic for dates as they are really known: partial, uncertain, fiscal.

No pandas here. Every date expression resolves to an inclusive interval of days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from app.errors import DateError

Precision = Literal["day", "month", "quarter", "half", "year", "fiscal_year"]
DurationUnit = Literal["y", "m", "w", "d"]

EXPECTED = "expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Hn or FYnnnn"


@dataclass(frozen=True, slots=True)
class Calendar:
    """A fiscal-year convention: the day a fiscal year starts and which year names it."""

    name: str  # "JP", "US", "UK", "AU" or "custom"
    start_month: int
    start_day: int
    named_by: Literal["start", "end"]


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


def calendar_from(value: object) -> Calendar:
    """Return the calendar for a preset name ("JP", "US", "UK", "AU") or {start: "MM-DD", named_by}."""
    raise NotImplementedError


def parse_date(value: object, calendar: Calendar | None = None) -> DateSpec:
    """Resolve a date expression (str, YAML int year, or datetime.date) to its interval of days."""
    raise NotImplementedError


def parse_duration(value: object) -> Duration:
    """Parse "5y", "18m", "6w", "30d", optionally prefixed "~" for approximate."""
    raise NotImplementedError


def end_from_duration(start: DateSpec, duration: Duration) -> DateSpec:
    """The last day of a span that starts on start.first and lasts duration (inclusive)."""
    raise NotImplementedError


def fiscal_year_bounds(year: int, calendar: Calendar) -> tuple[date, date]:
    """First and last day of fiscal year `year` as the calendar names it."""
    raise NotImplementedError


def fiscal_year_of(day: date, calendar: Calendar) -> int:
    """The name (number) of the fiscal year that contains day."""
    raise NotImplementedError
