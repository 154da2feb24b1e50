"""Items written plainly, built without the per-field checks: an item whose every field is of
the common kind (no own calendar, no `done`) and right is built here in one pass;
any other item, or any doubt, is left to timeline.items, which says exactly what is wrong.

Nothing here records an issue: an item built here is one the per-field checks pass without a
word, and the same Item they would build (tests/test_plain_items.py holds the two equal).
"""

from __future__ import annotations

import re
from math import isfinite
from typing import TYPE_CHECKING

from defense_timeline.errors import DateError
from defense_timeline.timeline.checker import Checker
from defense_timeline.timeline.dates import DateSpec, end_from_duration, parse_duration
from defense_timeline.timeline.fields import (
    ID_PATTERN,
    ITEM,
    POINT_KINDS,
    QUANTITY,
    UPDATE,
    required,
)
from defense_timeline.timeline.model import Item, Link, Quantity, SourceRef, State
from defense_timeline.vocabulary import KINDS, LINK_KINDS, STATUSES

if TYPE_CHECKING:
    from defense_timeline.timeline.items import Context

_ID = re.compile(ID_PATTERN)
_PLAIN_KEYS = frozenset(ITEM) - {"calendar", "done"}
_UPDATE_KEYS = frozenset(UPDATE) - {"done"}
_REQUIRED = frozenset(required(ITEM))
# Each kind, status and lane id as one shared string (the vocabulary's, the lane's), not one
# per item as read: later comparisons then match by identity, without touching the text.
_KINDS = {kind: kind for kind in KINDS}
_STATUSES = {status: status for status in STATUSES}
_POINT = frozenset(POINT_KINDS)
_PERIOD_ONLY = frozenset(("start", "end", "duration"))
_REF_KEYS = frozenset(("id", "quote"))
_QUANTITY_KEYS = frozenset(QUANTITY)
_CYCLES = ("depends_on", "supersedes")  # the link kinds whose cycles items.check_items finds


class _Span:
    """A statement's dates while updates are applied in turn: the start, and the end as given
    (a date, or a duration as written); resolved is the end they make (None: open-ended)."""

    __slots__ = ("start", "end", "duration", "resolved")

    def __init__(self, start: DateSpec, end: DateSpec | None, duration: str | None) -> None:
        self.start, self.end, self.duration = start, end, duration
        self.resolved: DateSpec | None = None


class PlainItems:
    """Builds plain items against one Checker's date cache and one Context."""

    def __init__(self, ck: Checker, ctx: Context) -> None:
        self.ck, self.ctx = ck, ctx
        self._ends: dict[tuple, DateSpec | None] = {}
        sources = ctx.sources.items()  # each dated source's first day, found once
        self._first_day = {sid: s.date.first for sid, s in sources if s.date is not None}
        self._single: dict[str, tuple[SourceRef]] = {}

    def item(self, raw: object, i: int, line: int | None) -> Item | None:
        """The item at index i when it is plain and right (its id and links are then noted in
        the context); None leaves it to the per-field checks."""
        if type(raw) is not dict or not raw.keys() <= _PLAIN_KEYS or not raw.keys() >= _REQUIRED:
            return None
        ctx = self.ctx
        iid, kind, lane = raw["id"], raw["kind"], raw["lane"]
        if type(iid) is not str or iid in ctx.first_at or not _ID.fullmatch(iid):
            return None
        if kind.__class__ is not str or kind not in _KINDS:
            return None
        if lane.__class__ is not str or lane not in ctx.lanes or not ctx.lanes_known:
            return None
        kind, lane = _KINDS[kind], ctx.lanes[lane].id
        calendar = ctx.lanes[lane].calendar or ctx.calendar
        base = self._statement(raw, kind, calendar, None, None)
        if base is None:
            return None
        reported = self._reported(raw, base[0], calendar)
        if reported is False:
            return None
        states = self._updates(raw, kind, calendar, base, reported)
        links = self._links(raw, iid)
        tags = raw.get("tags", ())
        if states is None or links is None or not _texts(tags):
            return None
        ctx.first_at[iid] = i
        for kind_name in _CYCLES:
            if kind_name in raw:
                ctx.graphs[kind_name][iid] = [ln.target for ln in links if ln.kind == kind_name]
        return Item(iid, kind, lane, calendar, states, reported, links, tuple(tags), line)

    def _statement(self, raw: dict, kind: str, cal, prev: State | None, span, when=None):
        """(State, _Span) of the base statement (prev None) or of an update dated `when` over
        prev and its span, when every field of it is right; None otherwise."""
        if prev is None:
            title, status, notes, quantities = raw["title"], "", "", ()
            if title.__class__ is not str or not title.strip():
                return None
        else:
            title, status, notes = raw.get("title", prev.title), prev.status, prev.notes
            quantities = prev.quantities
            if title.__class__ is not str:
                return None
        if "status" in raw:
            status = raw["status"]
            if status.__class__ is not str or status not in _STATUSES:
                return None
            status = _STATUSES[status]
        notes = raw.get("notes", notes)
        if "quantities" in raw:
            quantities = _quantities(raw["quantities"])
        refs = self._refs(raw.get("sources"))
        if notes.__class__ is not str or refs is None or quantities is None:
            return None
        span = self._dates(raw, kind, cal, span)
        if span is None:
            return None
        if when is None:
            return State(
                None, title, status, span.start, span.resolved, notes, quantities, refs
            ), span
        state = State(
            when.last,
            title,
            status,
            span.start,
            span.resolved,
            notes,
            quantities,
            refs,
            None,
            when.text,
        )
        return state, span

    def _dates(self, raw: dict, kind: str, cal, span: _Span | None) -> _Span | None:
        """The statement's dates applied to span (None: the base statement), when right."""
        parsed = self.ck.parsed
        if kind in _POINT:
            if not raw.keys().isdisjoint(_PERIOD_ONLY) or ("date" not in raw and span is None):
                return None
            start = parsed(raw["date"], cal) if "date" in raw else span.start
            if start is None:
                return None
            new = _Span(start, None, None)
            new.resolved = start
            return new
        if "date" in raw or ("end" in raw and "duration" in raw):
            return None
        if "start" not in raw and span is None:
            return None
        start = parsed(raw["start"], cal) if "start" in raw else span.start
        new = _Span(start, span.end if span else None, span.duration if span else None)
        if "end" in raw:
            new.end, new.duration = parsed(raw["end"], cal), None
            if new.end is None:
                return None
        if "duration" in raw:
            if raw["duration"].__class__ is not str:
                return None
            new.end, new.duration = None, raw["duration"]
        if start is None or not self._resolve(new):
            return None
        return new

    def _resolve(self, span: _Span) -> bool:
        """Sets span.resolved, the end its dates make; False when they make none."""
        if span.end is not None:
            span.resolved = span.end
            return span.end.last >= span.start.first
        if span.duration is not None:
            key = (span.start, span.duration)
            if key not in self._ends:
                self._ends[key] = _end_of(span.start, span.duration)
            span.resolved = self._ends[key]
            return span.resolved is not None
        span.resolved = None
        return True

    def _updates(self, raw: dict, kind: str, cal, base: tuple, reported) -> tuple | None:
        """The base statement, then one cumulative state per update, when all are right."""
        updates = raw.get("updates", ())
        if updates == ():
            return (base[0],)
        if updates.__class__ is not list:
            return None
        (state, span), previous, states = base, None, [base[0]]
        for entry in updates:
            if entry.__class__ is not dict or not entry.keys() <= _UPDATE_KEYS:
                return None
            when = self.ck.parsed(entry.get("as_of"), cal)
            if when is None or (previous is not None and when.last < previous):
                return None
            if reported is not None and when.last < reported:
                return None
            previous = when.last
            found = self._statement(entry, kind, cal, state, span, when)
            if found is None:
                return None
            state, span = found
            states.append(state)
        return tuple(states)

    def _refs(self, value: object) -> tuple[SourceRef, ...] | None:
        """Citations of known sources (at least one: citing none is warned about)."""
        if value.__class__ is not list or not value:
            return None
        known, refs = self.ctx.sources, []  # SourceRef ids: the Source's own string
        if len(value) == 1 and value[0].__class__ is str and value[0] in known:
            return self._cites(value[0])
        for entry in value:
            if entry.__class__ is str:
                if entry not in known:
                    return None
                refs.append(SourceRef(known[entry].id))
                continue
            if entry.__class__ is not dict or not entry.keys() <= _REF_KEYS:
                return None
            sid, quote = entry.get("id"), entry.get("quote", "")
            if sid.__class__ is not str or sid not in known or quote.__class__ is not str:
                return None
            refs.append(SourceRef(known[sid].id, quote))
        return tuple(refs)

    def _cites(self, sid: str) -> tuple[SourceRef]:
        """The citations of a statement that cites one known source by id: one shared tuple per
        source (immutable, as every State field), not one per statement."""
        refs = self._single.get(sid)
        if refs is None:
            refs = self._single[sid] = (SourceRef(self.ctx.sources[sid].id),)
        return refs

    def _reported(self, raw: dict, state: State, cal):
        """Explicit `reported` (False when wrong), else the earliest dated cited source."""
        if "reported" in raw:
            spec = self.ck.parsed(raw["reported"], cal)
            return spec.first if spec is not None else False
        first_day, refs = self._first_day, state.sources
        if len(refs) == 1:
            return first_day.get(refs[0].id)
        dated = [first_day[r.id] for r in refs if r.id in first_day]
        return min(dated) if dated else None

    def _links(self, raw: dict, iid: str) -> tuple[Link, ...] | None:
        """Links to other, existing items."""
        if raw.keys().isdisjoint(LINK_KINDS):  # most items link to none
            return ()
        links, ids = [], self.ctx.item_ids
        for kind in LINK_KINDS:
            targets = raw.get(kind, ())
            if targets.__class__ is not list and targets != ():
                return None
            for target in targets:
                if target.__class__ is not str or target == iid or target not in ids:
                    return None
                links.append(Link(kind, target))
        return tuple(links)


def _texts(value: object) -> bool:
    """Whether value is a list of texts (or absent)."""
    if value == ():
        return True
    return value.__class__ is list and all(v.__class__ is str for v in value)


def _quantities(value: object) -> tuple[Quantity, ...] | None:
    """{count, what} entries, each right; None for anything else."""
    if value.__class__ is not list:
        return None
    out = []
    for entry in value:
        if entry.__class__ is not dict or entry.keys() != _QUANTITY_KEYS:
            return None
        count, what = entry["count"], entry["what"]
        if (count.__class__ is not int and count.__class__ is not float) or not isfinite(count):
            return None
        if what.__class__ is not str or not what.strip():
            return None
        out.append(Quantity(count, what))
    return tuple(out)


def _end_of(start: DateSpec, value: object) -> DateSpec | None:
    """The end a duration gives from start; None when the duration or the end is wrong."""
    try:
        return end_from_duration(start, parse_duration(value))
    except DateError:
        return None
