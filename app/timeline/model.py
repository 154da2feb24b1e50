"""Frozen records of a validated timeline: the schema builds them, the rest reads them."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from defense_timeline.timeline.dates import Calendar, DateSpec


@dataclass(frozen=True, slots=True)
class Source:
    """A cited document: news report, official document, anonymous official, ..."""

    id: str
    title: str
    publisher: str = ""
    date: DateSpec | None = None
    url: str = ""
    kind: str = ""


@dataclass(frozen=True, slots=True)
class Lane:
    """A swimlane of the chart."""

    id: str
    label: str
    color: str | None = None
    order: int = 0
    calendar: Calendar | None = None


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A citation of a source by id, with the sentence the statement comes from."""

    id: str
    quote: str = ""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A counted target or outcome, e.g. 17 Osprey tilt-rotor aircraft."""

    count: float
    what: str

    def __str__(self) -> str:
        n = int(self.count) if float(self.count).is_integer() else self.count
        return f"{n} {self.what}"


@dataclass(frozen=True, slots=True)
class Link:
    """A typed relation from the item that holds it to another item."""

    kind: str  # one of options.LINK_KINDS
    target: str


@dataclass(frozen=True, slots=True)
class State:
    """What was stated about an item at one moment: base statement or base + updates."""

    as_of: date | None  # None for the base statement; a partial as_of counts from its last day
    title: str
    status: str
    start: DateSpec  # for point items, start is the item's date
    end: DateSpec | None  # None: an open-ended period; point items: same as start
    notes: str = ""
    quantities: tuple[Quantity, ...] = ()
    sources: tuple[SourceRef, ...] = ()  # the sources of this statement (base or update)
    done: DateSpec | None = None  # deadlines and milestones: when actually met or reached
    as_of_text: str = ""  # the update's as_of as written ("2023-02" for a month)


@dataclass(frozen=True, slots=True)
class Item:
    """One timeline item and its dated history of statements."""

    id: str
    kind: str  # one of options.KINDS
    lane: str
    calendar: Calendar | None
    states: tuple[State, ...]  # states[0] is the base statement; then one per update, in date order
    reported: date | None  # None: report date unknown (no dated source): shown in every view
    links: tuple[Link, ...] = ()
    tags: tuple[str, ...] = ()
    line: int | None = None  # line of the item in its file, for messages and the editor

    @property
    def base(self) -> State:
        """The item as first planned."""
        return self.states[0]

    @property
    def sources(self) -> tuple[SourceRef, ...]:
        """Every citation of the item, base statement and updates, in order."""
        return tuple(ref for s in self.states for ref in s.sources)

    def known_on(self, day: date) -> bool:
        """Whether the item had been reported by day."""
        return self.reported is None or self.reported <= day

    def state_as_of(self, day: date) -> State:
        """The base statement overridden by every update dated day or earlier."""
        dates = [s.as_of for s in self.states[1:]]
        return self.states[bisect_right(dates, day)]

    def links_of(self, kind: str) -> tuple[str, ...]:
        """Targets of this item's links of one kind."""
        return tuple(link.target for link in self.links if link.kind == kind)


@dataclass(frozen=True, slots=True)
class Timeline:
    """A validated timeline file."""

    title: str
    as_of: date
    calendar: Calendar | None
    description: str = ""
    sources: dict[str, Source] = field(default_factory=dict)
    lanes: tuple[Lane, ...] = ()
    items: tuple[Item, ...] = ()
    path: str = "<string>"
    warnings: tuple = ()  # tuple[errors.Problem, ...]

    def item(self, item_id: str) -> Item:
        """The item with this id (KeyError if none)."""
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def statement_dates(self) -> tuple[date, ...]:
        """Every date on which something was stated (reports, updates), sorted: for time travel."""
        days = {self.as_of}
        for it in self.items:
            if it.reported is not None:
                days.add(it.reported)
            days.update(s.as_of for s in it.states[1:])
        return tuple(sorted(days))
