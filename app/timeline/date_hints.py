"""The likely fix of a date that is not one of the forms: the rewrites people most often need.

Pure text; dates.py asks for a fix when it refuses a date and checks that the fix parses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from defense_timeline.timeline.calendars import MONTHS

_LONGEST = 40  # no date is longer; a longer text gets no suggestion (and no regex runs on it)
_ABOUT = re.compile(r"^(?:c\.|ca\.?|circa|about|around|approx\.?|approximately)\s*(.+)$", re.I)
_MONTH_NAMES = {name[:3].lower(): i + 1 for i, name in enumerate(MONTHS)}
_NAMED_MONTH = re.compile(r"^(?:([0-9]{1,2})\s+)?([A-Za-z]{3,9})\.?,?\s+([0-9]{4})$")
_YEAR_MONTH_NAME = re.compile(r"^([0-9]{4})\s+([A-Za-z]{3,9})$")
_SPLIT_YEAR = re.compile(r"^([0-9]{4})\s*[-/]\s*([0-9]{2}|[0-9]{4})([?~%]?)$")
_SHORT_PARTS = re.compile(r"^([0-9]{4})-([0-9]{1,2})(?:-([0-9]{1,2}))?([?~%]?)$")
_PART_NO_DASH = re.compile(r"^(?:([0-9]{4})\s*([QqHh][1-4])|([QqHh][1-4])\s*([0-9]{4}))([?~%]?)$")
_SHORT_FY = re.compile(r"^[Ff][Yy]\s*([0-9]{2})([?~%]?)$")


def likely_fix(text: str, parses: Callable[[str], bool]) -> str | None:
    """The first rewrite of text that parses: "2024-25" -> "FY2024-25", "2023-07-18 ~" ->
    "2023-07-18~", "March 2017" -> "2017-03", "c. 2028" -> "2028~"; None when none does."""
    text = text.strip()
    if len(text) > _LONGEST:
        return None
    for candidate in _rewrites(text):
        if candidate != text and parses(candidate):
            return candidate
    return None


def _rewrites(text: str) -> Iterator[str]:
    """Candidate fixes, the most likely first."""
    squeezed = "".join(text.split())
    yield squeezed  # "2023-07-18 ~", "FY 2019", "2017 - 03"
    yield from _split_year(squeezed)
    about = _ABOUT.match(text)
    if about:
        yield from (f"{fix}~" for fix in _plain(about[1]))
    yield from _plain(text)
    doubled = re.fullmatch(r"(.+?)([?~%]{2,})", squeezed)
    if doubled:  # "2028?~": both at once is "%"
        yield doubled[1] + ("%" if len(set(doubled[2])) > 1 else doubled[2][0])


def _plain(text: str) -> Iterator[str]:
    """Rewrites of a date without words of approximation."""
    squeezed = "".join(text.split())
    yield squeezed
    yield squeezed.replace("/", "-").replace(".", "-")  # 2017/03/15, 2017.03.15
    short = _SHORT_PARTS.match(squeezed)
    if short:
        year, month, day, mark = short.groups()
        yield f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "") + mark
    part = _PART_NO_DASH.match(text.strip())
    if part:
        year, name = (part[1], part[2]) if part[1] else (part[4], part[3])
        yield f"{year}-{name.upper()}{part[5]}"
    fy = _SHORT_FY.match(text.strip())
    if fy:
        yield f"FY20{fy[1]}{fy[2]}"
    yield from _month_name(text.strip())


def _split_year(text: str) -> Iterator[str]:
    """ "2024-25", "2024/25", "2024-2025": a fiscal year that starts in 2024."""
    match = _SPLIT_YEAR.match(text)
    if match:
        start, second, mark = match.groups()
        following = int(start) + 1
        if int(second) in (following, following % 100):
            yield f"FY{start}-{following % 100:02d}{mark}"


def _month_name(text: str) -> Iterator[str]:
    """ "March 2017", "15 March 2017", "2017 March": the month or day in ISO form."""
    named = _NAMED_MONTH.match(text)
    if named:
        day, name, year = named.groups()
    else:
        named = _YEAR_MONTH_NAME.match(text)
        if not named:
            return
        (year, name), day = named.groups(), None
    month = _MONTH_NAMES.get(name[:3].lower())
    if month is not None:
        yield f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")
