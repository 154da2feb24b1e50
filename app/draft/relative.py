"""Relative and anaphoric expressions ("earlier this month", "said Saturday", "the same year")
and the table of every pattern the drafter looks for, longest match first where they overlap."""

from __future__ import annotations

import re
from datetime import date, timedelta

from defense_timeline.draft.when import (
    MON,
    PREPOSITION,
    WEEKDAYS,
    YEAR,
    YEARREF,
    Atom,
    Context,
    on_compact_part,
    on_fiscal,
    on_full_day,
    on_half_or_quarter,
    on_month,
    on_month_day,
    on_month_year,
    on_relative_year,
    on_split_year,
    on_year,
    tense,
    year_of,
)


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
    monday = pub - timedelta(days=pub.weekday())
    for words_of, shift in (("last week", -7), ("this week", 0), ("next week", 7)):
        first = monday + timedelta(days=shift)
        table[words_of] = (_day(first), _day(first + timedelta(days=6)))
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


_REL_YEAR = r"(?P<yref>last year|this year|next year)"
PATTERNS = [
    (
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{MON}\s*,?\s*(?:of\s+)?{_REL_YEAR}",
        on_relative_year,
        False,
    ),
    (
        rf"\b{MON}\s*(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*)?(?:of\s+)?{_REL_YEAR}",
        on_relative_year,
        False,
    ),
    (
        rf"\b(?:fiscal(?:\s+years?)?|FY)\s?(?P<fy>{YEAR})(?:\s?[-–/]\s?(?:FY\s?)?(?P<fy2>\d{{4}}|\d\d))?\b",
        on_fiscal,
        False,
    ),
    (rf"\b(?P<sy>{YEAR})[-–/](?P<sy2>\d\d)\b(?![-–/]\d)", on_split_year, False),
    (rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{MON}\s*,?\s*(?P<y>{YEAR})\b", on_full_day, False),
    (rf"\b{MON}\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,\s*(?P<y>{YEAR})\b", on_full_day, False),
    (rf"\b{MON}\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<y>{YEAR})\b", on_full_day, False),
    (
        rf"(?P<body>(?:\b(?:early|mid|late)[- ])?\b{MON},?\s+(?:of\s+)?(?P<y>{YEAR})\b)",
        on_month_year,
        False,
    ),
    (rf"\b{MON}\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d)", on_month_day, True),
    (rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{MON}(?![a-z])", on_month_day, True),
    (
        rf"(?P<pre>{PREPOSITION})?(?P<body>(?:\b(?P<mod>last|this|next|coming)\s+)?\b{MON}(?![a-z]))",
        on_month,
        True,
    ),
    (
        rf"\b[Tt]he\s+(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?P<unit>half|quarter)(?:\s+of\s+{YEARREF})?",
        on_half_or_quarter,
        True,
    ),
    (
        rf"\b(?P<part>[HQ][1-4])\s+(?P<y>{YEAR})\b|\b(?P<y2>{YEAR})-(?P<part2>[HQ][1-4])\b",
        on_compact_part,
        False,
    ),
    (
        r"(?i:\b(?:the\s+end\s+of\s+)?(?:(?:earlier|later)\s+this\s+(?:month|year)|(?:this|last|next)\s+(?:month|year|week)|yesterday|today|tomorrow)\b)",
        _relative,
        False,
    ),
    (r"(?i:\bthe\s+end\s+of\s+the\s+year\b)", _end_of_year, False),
    (
        rf"(?P<pre>{PREPOSITION})?(?P<rbody>\b(?P<ry>{YEAR})\s?[-–]\s?(?P<ry2>{YEAR})\b)",
        _year_range,
        False,
    ),
    (r"(?i:\b(?P<yref>the\s+(?:same|following|previous)\s+year|that\s+year)\b)", _anaphor, False),
    (
        rf"(?P<pre>{PREPOSITION})?(?P<body>\b(?P<y>{YEAR})\b)(?![-–/]\d|\s*(?:%|percent)|s\b|,\d)",
        on_year,
        False,
    ),
    (
        r"(?P<wbody>\b(?:(?P<wmod>last|next|this)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)",
        _weekday,
        True,
    ),
]
