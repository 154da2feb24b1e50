"""Temporal expressions of a sentence, each resolved to the project's date grammar.

An expression found in the text ("Feb. 3", "fiscal 2019", "the second half of next year",
"earlier this month") becomes an `Atom`: one or two date expressions that
`timeline.dates.parse_date` understands, never an interval computed here. Year-less dates take
their year from the publication date and the tense of the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

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
_PRE = (
    r"(?:\b(?:in|by|until|till|through|from|since|before|after|during|to|of|and|or|between|"
    r"starting|beginning|early|late|mid|end of|year|calendar year)\s*-?\s*)"
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
    past = [m.end() for m in _PAST.finditer(before)]
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


def _fiscal(m: re.Match, ctx: Context) -> Atom | None:
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


def _split_year(m: re.Match, ctx: Context) -> Atom | None:
    year, tail = int(m["sy"]), int(m["sy2"])
    if tail != (year + 1) % 100:
        return None
    expr = _fy(year, year + 1, ctx)
    ctx.last_year = year
    return expr and Atom(m.start(), m.end(), expr, fiscal=True)


def _full_day(m: re.Match, ctx: Context) -> Atom | None:
    year, month, day = int(m["y"]), month_number(m["mon"]), int(m["d"])
    try:
        expr = date(year, month, day).isoformat()
    except ValueError:
        return None
    ctx.last_year = year
    return Atom(m.start(), m.end(), expr)


def _month_year(m: re.Match, ctx: Context) -> Atom:
    year = int(m["y"])
    ctx.last_year = year
    return Atom(m.start("body"), m.end(), f"{year:04d}-{month_number(m['mon']):02d}")


def _month_day(m: re.Match, ctx: Context, before: str) -> Atom | None:
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


def _month(m: re.Match, ctx: Context, before: str) -> Atom | None:
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


def _year(m: re.Match, ctx: Context) -> Atom | None:
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


def _half_or_quarter(m: re.Match, ctx: Context, before: str) -> Atom | None:
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


def _compact_part(m: re.Match, ctx: Context) -> Atom:
    year = int(m["y"] or m["y2"])
    ctx.last_year = year
    return Atom(m.start(), m.end(), f"{year:04d}-{(m['part'] or m['part2']).upper()}")


def _end_of_year(m: re.Match, ctx: Context) -> Atom:
    ctx.last_year = ctx.published.year
    return Atom(m.start(), m.end(), f"{ctx.published.year:04d}")


def _year_range(m: re.Match, ctx: Context) -> Atom | None:
    first, last = int(m["ry"]), int(m["ry2"])
    if last <= first:
        return None
    ctx.last_year = last
    return Atom(m.start("rbody"), m.end(), f"{first:04d}", f"{last:04d}", "span")


def _day(day: date) -> str:
    return day.isoformat()


def _relative(m: re.Match, ctx: Context) -> Atom | None:
    """this/last/next month or year, earlier/later this month or year, yesterday/today."""
    pub, words = ctx.published, " ".join(m[0].lower().split())
    month = f"{pub.year:04d}-{pub.month:02d}"
    prev = date(pub.year, pub.month, 1) - timedelta(days=1)
    after = date(pub.year + pub.month // 12, pub.month % 12 + 1, 1)
    month_end = after - timedelta(days=1)
    year_only = {"this year": pub.year, "last year": pub.year - 1, "next year": pub.year + 1}
    table = {
        "this month": (month, None),
        "last month": (f"{prev.year:04d}-{prev.month:02d}", None),
        "next month": (f"{after.year:04d}-{after.month:02d}", None),
        "yesterday": (_day(pub - timedelta(days=1)), None),
        "today": (_day(pub), None),
        "tomorrow": (_day(pub + timedelta(days=1)), None),
        "earlier this month": (_day(pub.replace(day=1)), _day(pub - timedelta(days=1))),
        "later this month": (_day(pub + timedelta(days=1)), _day(month_end)),
        "earlier this year": (_day(pub.replace(month=1, day=1)), _day(pub - timedelta(days=1))),
        "later this year": (_day(pub + timedelta(days=1)), _day(pub.replace(month=12, day=31))),
    }
    table |= {k: (f"{v:04d}", None) for k, v in year_only.items()}
    a, b = table[words.removeprefix("the end of ")]
    if b is not None and ctx.bounds(a)[0] > ctx.bounds(b)[0]:
        return None  # "earlier this month" on the 1st: no day is left
    ctx.last_year = int(a[:4])
    return Atom(m.start(), m.end(), a, b, "window" if b else "point")


def _anaphor(m: re.Match, ctx: Context) -> Atom | None:
    year = year_of(m["yref"], ctx)
    if year is None:
        return None
    ctx.last_year = year
    return Atom(m.start(), m.end(), f"{year:04d}", bare_year=year)


def _weekday(m: re.Match, ctx: Context, before: str) -> Atom:
    pub, wanted = ctx.published, WEEKDAYS.index(m["wd"])
    mod = (m["wmod"] or "").lower()
    if mod == "next" or (mod != "last" and tense(before) == "future"):
        day = pub + timedelta(days=(wanted - pub.weekday() - 1) % 7 + 1)
    else:
        day = pub - timedelta(days=(pub.weekday() - wanted) % 7)
    return Atom(m.start("wbody"), m.end(), _day(day))


PATTERNS = [
    (
        rf"\b(?:fiscal(?:\s+years?)?|FY)\s?(?P<fy>{YEAR})(?:\s?[-–/]\s?(?:FY\s?)?(?P<fy2>\d{{4}}|\d\d))?\b",
        _fiscal,
        False,
    ),
    (rf"\b(?P<sy>{YEAR})[-–/](?P<sy2>\d\d)\b(?![-–/]\d)", _split_year, False),
    (rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{MON}\s*,?\s*(?P<y>{YEAR})\b", _full_day, False),
    (rf"\b{MON}\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,\s*(?P<y>{YEAR})\b", _full_day, False),
    (rf"\b{MON}\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<y>{YEAR})\b", _full_day, False),
    (
        rf"(?P<body>(?:\b(?:early|mid|late)[- ])?\b{MON},?\s+(?:of\s+)?(?P<y>{YEAR})\b)",
        _month_year,
        False,
    ),
    (rf"\b{MON}\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d)", _month_day, True),
    (rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{MON}(?![a-z])", _month_day, True),
    (
        rf"(?P<pre>{_PRE})?(?P<body>(?:\b(?P<mod>last|this|next|coming)\s+)?\b{MON}(?![a-z]))",
        _month,
        True,
    ),
    (
        rf"\b[Tt]he\s+(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?P<unit>half|quarter)(?:\s+of\s+{YEARREF})?",
        _half_or_quarter,
        True,
    ),
    (
        rf"\b(?P<part>[HQ][1-4])\s+(?P<y>{YEAR})\b|\b(?P<y2>{YEAR})-(?P<part2>[HQ][1-4])\b",
        _compact_part,
        False,
    ),
    (
        r"(?i:\b(?:the\s+end\s+of\s+)?(?:(?:earlier|later)\s+this\s+(?:month|year)|(?:this|last|next)\s+(?:month|year)|yesterday|today|tomorrow)\b)",
        _relative,
        False,
    ),
    (r"(?i:\bthe\s+end\s+of\s+the\s+year\b)", _end_of_year, False),
    (
        rf"(?P<pre>{_PRE})?(?P<rbody>\b(?P<ry>{YEAR})\s?[-–]\s?(?P<ry2>{YEAR})\b)",
        _year_range,
        False,
    ),
    (r"(?i:\b(?P<yref>the\s+(?:same|following|previous)\s+year|that\s+year)\b)", _anaphor, False),
    (
        rf"(?P<pre>{_PRE})?(?P<body>\b(?P<y>{YEAR})\b)(?![-–/]\d|\s*(?:%|percent)|s\b|,\d)",
        _year,
        False,
    ),
    (
        r"(?P<wbody>\b(?:(?P<wmod>last|next|this)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)",
        _weekday,
        True,
    ),
]
