"""Temporal expressions of a sentence, each resolved to the project's date grammar.

An expression found in the text ("Feb. 3", "fiscal 2019", "the second half of next year",
"earlier this month") becomes an `Atom`: one or two date expressions that
`timeline.dates.parse_date` understands, never an interval computed here. Year-less dates take
their year from the publication date and the tense of the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from defense_timeline.timeline.calendars import days_in_month
from defense_timeline.timeline.dates import Calendar, parse_date

MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
NUMBERS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "a": 1, "a hundred": 100}
MON = (
    r"(?P<mon>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
YEAR = r"(?:1[89]\d\d|20\d\d|21\d\d)"
YEARREF = rf"(?P<yref>{YEAR}|next year|this year|last year|the (?:same|following|previous) year)"
PREPOSITION = (
    r"(?:\b(?i:in|by|until|till|through|from|since|before|after|during|to|of|and|or|between|"
    r"starting|beginning|early|late|mid|end of|year|calendar year|as early as|as late as|around"
    r"|about|circa|roughly)\s*-?\s*)"
)
_FUTURE = re.compile(
    r"\b(?:will|shall|to be|plans?\s+to|aims?\s+to|aim\s+of|expected|scheduled|set\s+to|intends?"
    r"|would|is\s+to|are\s+to|due|upcoming|planned|by|envisions?|considering|should)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:said|says|was|were|had|launched|approved|announced|released|published|held|met|signed"
    r"|began|ended|agreed|decided|unveiled|confirmed|completed|took|opened|delivered|arrived"
    r"|formed|established|commissioned|ago|earlier)\b",
    re.IGNORECASE,
)


_PASSIVE = re.compile(r"\b(?:be|being)\s+\Z", re.IGNORECASE)  # "to be held": not past


@dataclass(slots=True)
class Atom:
    """One temporal expression: where it is in the sentence and the date expressions it means.

    shape: "point" (one date), "window" (something that happened once, between a and b) or
    "span" (a period from a to b).
    """

    start: int
    end: int
    a: str
    b: str | None = None
    shape: str = "point"
    fiscal: bool = False
    bare_year: int | None = None  # a plain year, which a fiscal span makes a fiscal year


@dataclass(slots=True)
class Context:
    """What resolves relative expressions: publication date, calendar, the last year named."""

    published: date
    calendar: Calendar | None
    last_year: int | None = None
    notes: list[str] = field(default_factory=list)

    def bounds(self, expr: str) -> tuple[date, date]:
        """First and last day of a date expression, by the one grammar."""
        spec = parse_date(expr, self.calendar)
        return spec.first, spec.last


def month_number(name: str) -> int:
    """1..12 for a month name or its abbreviation ("Feb.", "Sept")."""
    return [m[:3] for m in MONTH_NAMES].index(name[:3]) + 1


def number(word: str) -> int | None:
    """An integer written in digits or words ("five", "10")."""
    word = word.lower().strip()
    return int(word) if word.isdigit() else NUMBERS.get(word)


def tense(before: str) -> str:
    """ "future", "past" or "" from the nearest tense marker before an expression."""
    fut = [m.end() for m in _FUTURE.finditer(before)]
    past = [m.end() for m in _PAST.finditer(before) if not _PASSIVE.search(before, 0, m.start())]
    if not fut and not past:
        return ""
    return "future" if max(fut, default=-1) > max(past, default=-1) else "past"


def pick_year(ctx: Context, make, when: str) -> str:
    """The expression make(year) for the year the text means: after publication for a future
    statement, before it for a past one, otherwise the nearest."""
    pub = ctx.published
    options = [make(y) for y in (pub.year - 1, pub.year, pub.year + 1)]
    spans = [ctx.bounds(e) for e in options]
    if when == "future":
        return next(e for e, (_, last) in zip(options, spans, strict=True) if last >= pub)
    if when == "past":
        return [e for e, (first, _) in zip(options, spans, strict=True) if first <= pub][-1]

    def distance(span: tuple[date, date]) -> int:
        first, last = span
        return 0 if first <= pub <= last else min(abs((first - pub).days), abs((last - pub).days))

    return min(zip(options, spans, strict=True), key=lambda pair: distance(pair[1]))[0]


def _fy(year: int, to: int | None, ctx: Context) -> str | None:
    """FYnnnn, or FYyyyy-yy for a split year; None when no calendar can read it."""
    if ctx.calendar is None:
        return None
    if to is None:
        return f"FY{year:04d}"
    if (ctx.calendar.start_month, ctx.calendar.start_day) == (1, 1):
        return None
    return f"FY{year:04d}-{(year + 1) % 100:02d}"


def on_fiscal(m: re.Match, ctx: Context) -> Atom | None:
    """fiscal 2019, FY2019, FY2024-25, FY2019-23 (a span of fiscal years)."""
    year, tail = int(m["fy"]), m["fy2"]
    ctx.last_year = year
    if tail is None:
        expr = _fy(year, None, ctx)
        return expr and Atom(m.start(), m.end(), expr, fiscal=True)
    to = int(tail) if len(tail) == 4 else (year // 100) * 100 + int(tail)
    if to == year + 1 and ctx.calendar is not None and ctx.calendar.start_month != 1:
        expr = _fy(year, to, ctx)
        return expr and Atom(m.start(), m.end(), expr, fiscal=True)
    if to <= year:
        return None
    first, last = _fy(year, None, ctx), _fy(to, None, ctx)
    ctx.last_year = to
    return first and Atom(m.start(), m.end(), first, last, "span", fiscal=True)


def on_split_year(m: re.Match, ctx: Context) -> Atom | None:
    """2024-25: the fiscal year that starts in 2024 (needs a calendar split across years)."""
    year, tail = int(m["sy"]), int(m["sy2"])
    if tail != (year + 1) % 100:
        return None
    expr = _fy(year, year + 1, ctx)
    ctx.last_year = year
    return expr and Atom(m.start(), m.end(), expr, fiscal=True)


def on_full_day(m: re.Match, ctx: Context) -> Atom | None:
    """3 February 2017, February 3, 2017: a day."""
    year, month, day = int(m["y"]), month_number(m["mon"]), int(m["d"])
    try:
        expr = date(year, month, day).isoformat()
    except ValueError:
        return None
    ctx.last_year = year
    return Atom(m.start(), m.end(), expr)


def on_month_year(m: re.Match, ctx: Context) -> Atom:
    """December 2013: a month."""
    year = int(m["y"])
    ctx.last_year = year
    return Atom(m.start("body"), m.end(), f"{year:04d}-{month_number(m['mon']):02d}")


def on_relative_year(m: re.Match, ctx: Context) -> Atom | None:
    """ "24 April last year", "March this year", "December last year"."""
    year = year_of(m["yref"], ctx)
    month = month_number(m["mon"])
    ctx.last_year = year
    if m["d"] is None:
        return Atom(m.start(), m.end(), f"{year:04d}-{month:02d}")
    try:
        return Atom(m.start(), m.end(), date(year, month, int(m["d"])).isoformat())
    except ValueError:
        return None


def on_month_day(m: re.Match, ctx: Context, before: str) -> Atom | None:
    """Feb. 3, 3 February: a day, its year from the publication date and the tense."""
    month, day = month_number(m["mon"]), int(m["d"])
    if day < 1:
        return None

    if day > days_in_month(2001, month) and (month, day) != (2, 29):
        return None

    def make(y: int) -> str:
        return f"{y:04d}-{month:02d}-{min(day, days_in_month(y, month)):02d}"

    expr = pick_year(ctx, make, tense(before))
    ctx.last_year = int(expr[:4])
    return Atom(m.start(), m.end(), expr)


def on_month(m: re.Match, ctx: Context, before: str) -> Atom | None:
    """by June, last December, next March: a month, its year from the words or the tense."""
    mod, month, pub = (m["mod"] or "").lower(), month_number(m["mon"]), ctx.published
    if not mod and not m["pre"]:
        return None
    if mod == "last":
        year = pub.year if month < pub.month else pub.year - 1
    elif mod in ("next", "coming"):
        year = pub.year if month > pub.month else pub.year + 1
    elif mod == "this":
        year = pub.year
    else:
        year = int(pick_year(ctx, lambda y: f"{y:04d}-{month:02d}", tense(before))[:4])
    ctx.last_year = year
    return Atom(m.start("body"), m.end(), f"{year:04d}-{month:02d}")


def on_year(m: re.Match, ctx: Context) -> Atom | None:
    """in 2013, by 2030: a year (only after a preposition, so "the 2013 guidelines" is no date)."""
    if not m["pre"]:
        return None
    year = int(m["y"])
    ctx.last_year = year
    return Atom(m.start("body"), m.end(), f"{year:04d}", bare_year=year)


def year_of(ref: str, ctx: Context) -> int | None:
    """The year a YEARREF names: digits, next/this/last year, or the same/following year."""
    ref = " ".join(ref.lower().split()).replace("that year", "the same year")
    pub = ctx.published.year
    fixed = {"next year": pub + 1, "this year": pub, "last year": pub - 1}
    if ref in fixed:
        return fixed[ref]
    if ref.isdigit():
        return int(ref)
    if ctx.last_year is None:
        return None
    return ctx.last_year + {"same": 0, "following": 1, "previous": -1}[ref.split()[1]]


_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4}
_ORDINAL["4th"] = 4


def on_half_or_quarter(m: re.Match, ctx: Context, before: str) -> Atom | None:
    """the second half of next year, the first quarter (of 2019): a half or quarter."""
    n = _ORDINAL[m["ord"].lower()]
    unit = "H" if m["unit"].lower() == "half" else "Q"
    if unit == "H" and n > 2:
        return None
    if m["yref"]:
        year = year_of(m["yref"], ctx)
        if year is None:
            return None
        expr = f"{year:04d}-{unit}{n}"
    else:
        expr = pick_year(ctx, lambda y: f"{y:04d}-{unit}{n}", tense(before))
    ctx.last_year = int(expr[:4])
    return Atom(m.start(), m.end(), expr)


def on_compact_part(m: re.Match, ctx: Context) -> Atom:
    """H2 2018, Q3 2019, 2018-Q3: a half or quarter."""
    year = int(m["y"] or m["y2"])
    ctx.last_year = year
    return Atom(m.start(), m.end(), f"{year:04d}-{(m['part'] or m['part2']).upper()}")
