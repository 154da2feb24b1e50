"""Drafted items: one per dated statement of a sentence, with a title from its clause, a kind
from its wording, hedges marked uncertain, its quantities and the sentence as its quote."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from defense_timeline.draft.article import Sentence
from defense_timeline.draft.spans import Mention, mentions
from defense_timeline.draft.when import Context, number
from defense_timeline.errors import UsageError
from defense_timeline.timeline.dates import end_from_duration, parse_date, parse_duration

_HEDGE = re.compile(
    r"\b(?:possibly|probably|likely|perhaps|expected|aims?|aiming|aim\s+of|hopes?|could|may|might"
    r"|tentatively|reportedly|as\s+early\s+as|around|about|roughly|potentially|considering)\b",
    re.IGNORECASE,
)
_MILESTONE = re.compile(
    r"\b(?:formed|form|established|establish|operational|commissioned|enter(?:s)?\s+service"
    r"|in\s+service|delivered|deliver|ready|completed?|achieve[ds]?|reach(?:ed)?|stood\s+up"
    r"|activated|deployed|deploy|arrive[sd]?|become|take\s+effect|come\s+into\s+force"
    r"|formulat\w*|compil\w*|finish\w*)\b",
    re.IGNORECASE,
)
_ATTRIBUTION = re.compile(r"\b(?:said|says|according\s+to|told|reported)\b", re.IGNORECASE)
_LEAD = re.compile(
    r"\A(?:and|but|with\s+the\s+aim\s+of|with|which|while|after|as|so|then|also|meanwhile|"
    r"possibly|likely|probably|in|on|at|of|by|the\s+same\s+year)\b\s*",
    re.IGNORECASE,
)
_TRAIL = re.compile(
    r"\s*\b(?:in|on|at|of|by|from|until|through|to|during|since|before|after|the|and|for"
    r"|as\s+(?:soon|early|late)\s+as)\W*\Z",
    re.IGNORECASE,
)
_BUY = re.compile(
    r"\b(buy\w*|purchas\w*|acquir\w*|procur\w*|order\w*|build\w*|deliver\w*|field\w*|add\w*)\b",
    re.IGNORECASE,
)
_QTY = re.compile(
    r"(?<![$£€¥\w.,])(?P<n>\d{1,3}(?:,\d{3})+|\d+|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)\s+(?P<what>(?!years?\b|months?\b|"
    r"percent\b|per\b|billion\b|million\b|trillion\b|days?\b|weeks?\b|decades?\b|times\b|of\b)"
    r"[A-Za-z][\w’'-]*(?:\s+(?!and\b|by\b|in\b|from\b|over\b|to\b|at\b|with\b|as\b|or\b|on\b)"
    r"[A-Za-z][\w’'-]*){0,4})"
)
_PLAN_REF = re.compile(
    r"\b(?:the|this|that|its)\s+(?:(?:\w+[- ])?year\s+|current\s+|five-year\s+)?"
    r"(?:plan|program(?:me)?|buildup)\b",
    re.IGNORECASE,
)


MAX_SENTENCE_CHARS = 2_000
MAX_ITEMS = 1_000


@dataclass(slots=True)
class DraftItem:
    """An item proposed from one dated statement of the article."""

    title: str
    kind: str
    dates: dict[str, str]  # start/end/duration for a period, date otherwise
    sentence: Sentence
    span: tuple[int, int]  # the temporal expression in the sentence
    uncertain: bool = False
    quantities: list[dict] = field(default_factory=list)
    notes: str = ""
    id: str = ""


def _hedged(sentence: str, start: int) -> bool:
    """A hedge word in the twelve words before the expression, in its clause."""
    before = re.split(r"[;:]|,\s", sentence[:start])[-1]
    return bool(_HEDGE.search(" ".join(before.split()[-12:])))


def _kind(m: Mention, text: str) -> str:
    """period for a span, deadline for "by"/"due", milestone for "will be formed", else event."""
    if m.shape == "span":
        return "period"
    if m.shape == "deadline":
        return "deadline"
    if m.shape == "end":
        return "milestone"
    clause = next((text[s:e] for s, e in _segments(text) if s <= m.start < e), text)
    return "milestone" if _MILESTONE.search(clause) else "event"


def _segments(sentence: str) -> list[tuple[int, int]]:
    """The clauses of a sentence as offsets, split at commas, semicolons and dashes."""
    bounds, start = [], 0
    for m in re.finditer(r",\s|;\s|\s[—–]\s", sentence):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(sentence)))
    return bounds


def _clean(text: str) -> str:
    text = " ".join(text.strip(" ,.;:—–").split())
    for _ in range(3):
        text = _LEAD.sub("", text)
        text = _TRAIL.sub("", text)
    return text


_PREP_BEFORE = re.compile(
    r"\b(?:on|in|at|by|from|until|till|through|during|since|before|after|of)\s+\Z", re.IGNORECASE
)


def _without(sentence: str, spans: list[tuple[int, int]]) -> str:
    """The sentence with its temporal expressions (and the preposition before each) blanked;
    the same length, so offsets still hold."""
    chars = list(sentence)
    for start, end in spans:
        prep = _PREP_BEFORE.search(sentence, 0, start)
        begin = prep.start() if prep is not None else start
        chars[begin:end] = " " * (end - begin)
    return "".join(chars)


def title_of(sentence: str, span: tuple[int, int], spans: list[tuple[int, int]] = ()) -> str:
    """A short title from the clause that holds the expression (the expressions left out)."""
    segments = _segments(sentence)
    at = next((n for n, (s, e) in enumerate(segments) if s <= span[0] < e), 0)
    s, e = segments[at]
    blank = _without(sentence, [span, *spans])
    clause = _clean(blank[s:e])
    if _ATTRIBUTION.search(clause) and at > 0:
        first_s, first_e = segments[0]
        clause = "Reported: " + _clean(sentence[first_s:first_e])
    elif len(clause.split()) < 3 and at + 1 < len(segments):
        clause = _clean(blank[segments[at + 1][0] : segments[at + 1][1]])
    elif len(clause.split()) < 3 and at > 0:  # "..., which was released on 24 April"
        before = _clean(blank[segments[at - 1][0] : segments[at - 1][1]])
        clause = f"{before}, {' '.join(blank[s:e].split()).strip(' ,.;')}"
    words = clause.split() or sentence.split()
    title = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
    return title[:1].upper() + title[1:]


def quantities_of(sentence: str) -> list[dict]:
    """Counted things a procurement sentence names: "17 Osprey tilt-rotor aircraft"."""
    if not _BUY.search(sentence):
        return []
    found = []
    for m in _QTY.finditer(sentence):
        n = number(m["n"].replace(",", ""))
        what = m["what"].strip()
        if n is None or (m["n"].isdigit() and len(m["n"]) == 4 and 1800 <= n <= 2200):
            continue
        found.append({"count": n, "what": what})
    return found


def _dates(m: Mention, uncertain: bool) -> dict[str, str]:
    mark = "?" if uncertain else ""
    if m.shape == "window":  # once, some day in a window: the grammar's FIRST/LAST
        return {"date": f"{m.first}/{m.last}{mark}"}
    if m.shape == "span":
        dates = {"start": m.first + mark}
        if m.duration:
            dates["duration"] = m.duration
        elif m.last:
            dates["end"] = m.last + mark
        return dates
    return {"date": m.first + mark}


def interval(item: DraftItem, ctx: Context) -> tuple[date, date]:
    """The days an item's dates stand for, by the one grammar (a duration counts from start)."""
    first = parse_date(item.dates.get("start", item.dates.get("date")), ctx.calendar)
    if "duration" in item.dates:
        return first.first, end_from_duration(first, parse_duration(item.dates["duration"])).last
    if "end" in item.dates:
        return first.first, parse_date(item.dates["end"], ctx.calendar).last
    return first.first, first.last


def _from_mention(sentence: Sentence, m: Mention, ctx: Context, spans: list) -> DraftItem:
    text = sentence.text
    uncertain = _hedged(text, m.start)
    item = DraftItem(
        title_of(text, (m.start, m.end), spans),
        _kind(m, text),
        _dates(m, uncertain),
        sentence,
        (m.start, m.end),
        uncertain,
    )
    return item


def _per_quantity(item: DraftItem, quantities: list[dict]) -> list[DraftItem]:
    """A statement of several procurement targets: one item per target."""
    verb = _BUY.search(item.sentence.text)
    word = verb[1].lower() if verb else "buy"
    lead = "Buy" if word.startswith(("buy", "purchas", "acquir", "procur", "order")) else "Deliver"
    out = []
    for q in quantities:
        count = q["count"]
        shown = f"{lead} {count} {q['what']}"
        out.append(
            DraftItem(
                shown,
                item.kind,
                dict(item.dates),
                item.sentence,
                item.span,
                item.uncertain,
                [q],
                item.notes,
            )
        )
    return out


def _running_plan(items: list[DraftItem], ctx: Context) -> DraftItem | None:
    """The period drafted so far that is running on the publication date (the plan "the plan"
    refers to), else the latest period."""
    periods = [it for it in items if it.kind == "period" and "start" in it.dates]
    running = [
        it for it in periods if interval(it, ctx)[0] <= ctx.published <= interval(it, ctx)[1]
    ]
    return (running or periods or [None])[-1]


def draft_items(sentences: list[Sentence], ctx: Context) -> list[DraftItem]:
    """Every dated statement of the article's sentences, in order."""
    items: list[DraftItem] = []
    for n, sentence in enumerate(sentences):
        if len(sentence.text) > MAX_SENTENCE_CHARS:
            continue  # not a sentence of prose (a table, a run of bytes): nothing to date
        if len(items) > MAX_ITEMS:
            raise UsageError(
                f"the article has over {MAX_ITEMS:,} dated statements; draft it in parts"
            )
        following = sentences[n + 1].text if n + 1 < len(sentences) else ""
        found_m = mentions(sentence.text, following, ctx)
        spans = [(m.start, m.end) for m in found_m]
        found = [_from_mention(sentence, m, ctx, spans) for m in found_m]
        quantities = quantities_of(sentence.text)
        if not found and quantities and _PLAN_REF.search(sentence.text):
            plan = _running_plan(items, ctx)
            if plan is not None:
                found = [
                    DraftItem(
                        "",
                        "period",
                        dict(plan.dates),
                        sentence,
                        (0, 0),
                        plan.uncertain,
                        notes="Dates of the plan it refers to.",
                    )
                ]
        if quantities and len(found) == 1:
            found = _per_quantity(found[0], quantities)
        items.extend(found)
    return items
