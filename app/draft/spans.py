"""The dated statements of a sentence: its temporal expressions found and joined into spans
("fiscal 2019 to 2023", "between X and Y", "over five years from fiscal 2014"), deadlines
("by June", "due in 2026") and single dates."""

from __future__ import annotations

import re
from dataclasses import dataclass

from defense_timeline.draft.relative import PATTERNS
from defense_timeline.draft.when import Atom, Context, number
from defense_timeline.timeline.dates import fiscal_year_bounds, fiscal_year_of

_MAYBE = re.compile(  # every pattern needs one of these: a cheap test before the seventeen
    r"\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
    r"|(?i:year|month|week|today|yesterday|tomorrow|quarter|half)"
)
MAX_ATOMS = 24  # temporal expressions read in one sentence; prose has a handful
_COMPILED = [(re.compile(p), handler, needs_before) for p, handler, needs_before in PATTERNS]
_JOIN = re.compile(
    r"\A\s*(?:to|through|until|till|and|-|–|—)\s*(?:the\s+end\s+of\s+)?(?:fiscal(?:\s+year)?\s*|FY\s?)?\Z",
    re.IGNORECASE,
)
_RANGE_START = re.compile(r"\b(?:from|between|starting|beginning)\s+(?:in\s+)?\Z", re.IGNORECASE)
_OVER = re.compile(
    r"\b(?:over|for|across)\s+(?:the\s+)?(?P<n>\w+(?:\s+hundred)?)[- ]"
    r"(?P<unit>years?|months?|decades?)"
    r"\s+(?:from|starting(?:\s+in)?|beginning(?:\s+in)?)\s+\Z",
    re.IGNORECASE,
)
_UNTIL = re.compile(r"\b(?:through|until|till|up\s+to)\s+(?:the\s+end\s+of\s+)?\Z", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\s+\Z", re.IGNORECASE)
_DEADLINE = re.compile(
    r"(?:\bby|\bno\s+later\s+than|\bnot\s+later\s+than|\bdue(?:\s+(?:in|by|on))?|\bbefore"
    r"|\bdeadline\s+(?:of|is))\s+(?:the\s+end\s+of\s+)?\Z",
    re.IGNORECASE,
)
_LENGTH = re.compile(
    r"\b(?P<n>\w+)[- ]year\b(?!s)|\bevery\s+(?P<m>\w+)\s+years\b|\b(?P<k>\w+)\s+years?\s+long\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A dated statement's dates: start..end offsets in its sentence and its date fields.

    shape: "span" (a period: start, then end or duration), "window" (one happening somewhere in
    start..end), "deadline" (date), "end" (the date something ends) or "point" (date).
    """

    start: int
    end: int
    shape: str
    first: str
    last: str | None = None
    duration: str | None = None


def find_atoms(sentence: str, ctx: Context) -> list[Atom]:
    """Every temporal expression of a sentence, the longest where they overlap, in text order."""
    found = []
    for order, (regex, handler, needs_before) in enumerate(_COMPILED):
        for m in regex.finditer(sentence):
            body = next(
                (m.start(g) for g in ("body", "rbody", "wbody") if g in m.re.groupindex), -1
            )
            found.append(
                (m.end() - (body if body >= 0 else m.start()), order, m, handler, needs_before)
            )
    taken: list[tuple[int, int, re.Match, object, bool]] = []
    for _length, _order, m, handler, needs_before in sorted(found, key=lambda f: (-f[0], f[1])):
        if all(m.end() <= s or m.start() >= e for s, e, *_ in taken):
            taken.append((m.start(), m.end(), m, handler, needs_before))
    atoms = []
    for _s, _e, m, handler, needs_before in sorted(taken, key=lambda t: t[0])[:MAX_ATOMS]:
        atom = handler(m, ctx, sentence[: m.start()]) if needs_before else handler(m, ctx)
        if atom is not None:
            atoms.append(atom)
    return atoms


def _as_fiscal(atom: Atom, ctx: Context) -> str:
    """A bare year inside a fiscal span ("fiscal 2019 to 2023") is a fiscal year."""
    if atom.bare_year is not None and ctx.calendar is not None:
        return f"FY{atom.bare_year:04d}"
    return atom.a


def _joined(left: Atom, right: Atom, between: str, before: str, ctx: Context) -> Mention | None:
    """left and right as one period when the words between them join them."""
    if left.shape != "point" or right.shape != "point" or not _JOIN.match(between):
        return None
    word = between.strip().lower()
    if word == "and" and not before.rstrip().lower().endswith("between"):
        return None
    a, b = left.a, right.a
    if left.fiscal or right.fiscal:
        a, b = _as_fiscal(left, ctx), _as_fiscal(right, ctx)
    if ctx.bounds(b)[1] < ctx.bounds(a)[0]:
        return None
    start = left.start
    lead = _RANGE_START.search(before)
    if lead is not None:
        start = lead.start()
    return Mention(start, right.end, "span", a, b)


def _over(atom: Atom, before: str, base: int) -> Mention | None:
    """ "over five years from fiscal 2014": a period with a duration."""
    m = _OVER.search(before)
    if m is None or atom.shape != "point":
        return None
    n = number(m["n"])
    if not n:
        return None
    unit = m["unit"].lower()
    amount, letter = (n * 10, "y") if unit.startswith("decade") else (n, unit[0])
    return Mention(base + m.start(), atom.end, "span", atom.a, duration=f"{amount}{letter}")


def _length_years(text: str) -> int | None:
    """The length a plan is said to have: "five-year", "every five years", "10 years long"."""
    for m in _LENGTH.finditer(text):
        n = number(m["n"] or m["m"] or m["k"])
        if n and 1 < n <= 30:
            return n
    return None


def _until(atom: Atom, before: str, base: int, context: str, ctx: Context) -> Mention | None:
    """ "run through March 2019" with a stated length: a period ending then, back to its start."""
    m = _UNTIL.search(before)
    years = _length_years(context) if m is not None else None
    if years is None or atom.shape != "point":
        return None
    last = ctx.bounds(atom.a)[1]
    if ctx.calendar is not None and atom.a[:1].isdigit():
        name = fiscal_year_of(last, ctx.calendar)
        if fiscal_year_bounds(name, ctx.calendar)[1] == last:
            return Mention(base + m.start(), atom.end, "span", f"FY{name - years + 1:04d}", atom.a)
    if atom.bare_year is not None:
        return Mention(
            base + m.start(), atom.end, "span", f"{atom.bare_year - years + 1:04d}", atom.a
        )
    return None


def mentions(sentence: str, following: str, ctx: Context) -> list[Mention]:
    """The dated statements' dates in a sentence (following: the next sentence, for lengths)."""
    if not _MAYBE.search(sentence):
        return []
    atoms = find_atoms(sentence, ctx)
    found: list[Mention] = []
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        base = found[-1].end if found else 0
        before = sentence[base : atom.start]
        if i + 1 < len(atoms):
            joined = _joined(
                atom, atoms[i + 1], sentence[atom.end : atoms[i + 1].start], before, ctx
            )
            if joined is not None:
                found.append(joined)
                i += 2
                continue
        found.append(_single(atom, before, base, sentence + " " + following, ctx))
        i += 1
    return found


def _single(atom: Atom, before: str, base: int, context: str, ctx: Context) -> Mention:
    """One expression's statement: a span, a window, a deadline or a point."""
    if atom.shape == "span":
        return Mention(atom.start, atom.end, "span", atom.a, atom.b)
    if atom.shape == "window":
        return Mention(atom.start, atom.end, "window", atom.a, atom.b)
    over = _over(atom, before, base) or _until(atom, before, base, context, ctx)
    if over is not None:
        return over
    if _UNTIL.search(before):  # "through March 2019" with no stated length: when it ends
        return Mention(atom.start, atom.end, "end", atom.a)
    if _SINCE.search(before):  # "since 1945": a period that started then and goes on
        return Mention(atom.start, atom.end, "span", atom.a)
    deadline = _DEADLINE.search(before)
    if deadline is not None:
        return Mention(base + deadline.start(), atom.end, "deadline", atom.a)
    return Mention(atom.start, atom.end, "point", atom.a)
