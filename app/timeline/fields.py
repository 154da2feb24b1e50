"""The timeline format's field tables: the one place that says which keys exist, their types,
allowed values and which are required. The validator and the JSON Schema are both derived from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from defense_timeline.timeline.calendars import PRESETS
from defense_timeline.vocabulary import KIND_SYNONYMS, KINDS, LINK_KINDS, STATUS_SYNONYMS, STATUSES

POINT_KINDS = ("event", "deadline", "milestone")
PERIOD_ONLY = ("start", "end", "duration")
POINT_ONLY = ("date",)
DONE_KINDS = ("deadline", "milestone")  # the kinds that may record `done`
SOURCE_KINDS = (
    "news report",
    "official document",
    "anonymous official",
    "press release",
    "analysis",
    "reference",
    "other",
)
CALENDAR_PRESETS = tuple(PRESETS)
NAMED_BY = ("start", "end")
ID_CHARS = 'letters, digits, "-", "_" and "."'
ID_PATTERN = r"^[A-Za-z0-9_.\-]+$"
COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"
MONTH_DAY_PATTERN = r"^[0-9]{2}-[0-9]{2}$"


@dataclass(frozen=True, slots=True)
class Field:
    """One key of a mapping: its value type (see TYPES), whether required, its meaning."""

    type: str
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()
    synonyms: tuple[tuple[str, str], ...] = ()  # (word, enum value): read with a warning


# Value types: "text", "id", "date", "day", "duration", "calendar", "color", "url", "integer",
# "number", "enum", "ids" (list of item ids), "tags" (list of text), "source_refs", "quantities",
# "updates", "sources", "lanes", "items", "month_day".
TYPES = frozenset(
    "text id date day duration calendar color url integer number enum ids tags source_refs "
    "quantities updates sources lanes items month_day".split()
)

CALENDAR_DOC = (
    "Fiscal-year convention for FYnnnn dates: JP, UK (1 April, named by starting year), "
    'US (1 October), AU (1 July) (named by ending year), or {start: "MM-DD", named_by: start|end}.'
)

TIMELINE: dict[str, Field] = {
    "title": Field("text", "Shown above the chart.", True),
    "description": Field("text", "Shown under the title."),
    "as_of": Field("day", "The day the file describes the world as of (YYYY-MM-DD).", True),
    "calendar": Field("calendar", CALENDAR_DOC),
    "sources": Field("sources", "The documents items cite."),
    "lanes": Field("lanes", "Swimlanes, drawn top to bottom in this order (or by `order`).", True),
    "items": Field("items", "Documents, events, deadlines and milestones.", True),
}

SOURCE: dict[str, Field] = {
    "id": Field("id", f"Unique source id ({ID_CHARS}).", True),
    "title": Field("text", "Headline or document title.", True),
    "publisher": Field("text", "Who published it."),
    "date": Field("date", "Publication date; the default `reported` date of items citing it."),
    "url": Field("url", "Link to the source (http:// or https://)."),
    "kind": Field("enum", "What sort of source it is.", enum=SOURCE_KINDS),
}

LANE: dict[str, Field] = {
    "id": Field("id", f"Unique lane id ({ID_CHARS}).", True),
    "label": Field("text", "Shown beside the lane.", True),
    "color": Field("color", "Lane colour #rrggbb (default: a colour-blind-safe palette)."),
    "order": Field("integer", "Position from the top (default: the order in the file)."),
    "calendar": Field("calendar", "Overrides the timeline's calendar for this lane's items."),
}

_STATEMENT: dict[str, Field] = {
    "title": Field("text", "What the item is.", True),
    "status": Field(
        "enum",
        "Where the item stands, as stated (optional: the state as of a day is derived).",
        False,
        STATUSES,
        tuple(STATUS_SYNONYMS.items()),
    ),
    "start": Field("date", "Period only: first date (a date expression).", False),
    "end": Field("date", "Period only: last date; replaces an earlier duration."),
    "duration": Field("duration", "Period only: length from the first day of start (5y, ~10y)."),
    "date": Field("date", "Event, deadline or milestone only: when it happens."),
    "done": Field("date", "Deadline or milestone only: when it was actually met or reached."),
    "notes": Field("text", "Free text."),
    "quantities": Field("quantities", "Counted targets or outcomes: {count: 17, what: ...}."),
}

ITEM: dict[str, Field] = {
    "id": Field("id", f"Unique item id ({ID_CHARS}).", True),
    "kind": Field(
        "enum", "period, event, deadline or milestone.", True, KINDS, tuple(KIND_SYNONYMS.items())
    ),
    "lane": Field("text", "The id of the lane the item is drawn in.", True),
    **_STATEMENT,
    "reported": Field(
        "date", "When the item became known (default: its earliest dated source's first day)."
    ),
    "calendar": Field("calendar", "Overrides the lane's and the timeline's calendar."),
    **{kind: Field("ids", f"Item ids this item {kind.replace('_', ' ')}.") for kind in LINK_KINDS},
    "tags": Field("tags", "Words for filtering."),
    "sources": Field("source_refs", "Sources of the base statement: ids or {id, quote}."),
    "updates": Field("updates", "Later statements in date order; each overrides what it names."),
}

UPDATE: dict[str, Field] = {
    "as_of": Field(
        "date",
        "When the statement was made: any date expression; a partial one (2023-02) counts as "
        "known from its last day.",
        True,
    ),
    "sources": Field("source_refs", "Sources of this statement: ids or {id, quote}."),
    **{
        name: Field(f.type, f.description, False, f.enum, f.synonyms)
        for name, f in _STATEMENT.items()
    },
}

SOURCE_REF: dict[str, Field] = {
    "id": Field("id", "A source id.", True),
    "quote": Field("text", "The sentence the statement comes from."),
}

QUANTITY: dict[str, Field] = {
    "count": Field("number", "How many.", True),
    "what": Field("text", "Of what, e.g. Osprey tilt-rotor aircraft.", True),
}

CALENDAR: dict[str, Field] = {
    "start": Field("month_day", 'First day of the fiscal year, "MM-DD".', True),
    "named_by": Field("enum", "Whether FYnnnn names the starting or ending year.", True, NAMED_BY),
}

TABLES: dict[str, dict[str, Field]] = {
    "timeline": TIMELINE,
    "source": SOURCE,
    "lane": LANE,
    "item": ITEM,
    "update": UPDATE,
    "source_ref": SOURCE_REF,
    "quantity": QUANTITY,
    "calendar": CALENDAR,
}


def required(table: dict[str, Field]) -> tuple[str, ...]:
    """The required keys of a table, in table order."""
    return tuple(name for name, f in table.items() if f.required)
