"""Items written plainly, built without the per-field checks: an item whose every field is of
the common kind (no updates, no own calendar, no `done`) and right is built here in one pass;
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
from defense_timeline.timeline.fields import ID_PATTERN, ITEM, POINT_KINDS, QUANTITY, required
from defense_timeline.timeline.model import Item, Link, Quantity, SourceRef, State
from defense_timeline.vocabulary import KINDS, LINK_KINDS, STATUSES

if TYPE_CHECKING:
    from defense_timeline.timeline.items import Context

_ID = re.compile(ID_PATTERN)
_PLAIN_KEYS = frozenset(ITEM) - {"calendar", "done", "updates"}
_REQUIRED = frozenset(required(ITEM))
_KINDS = frozenset(KINDS)
_STATUSES = frozenset(STATUSES)
_POINT = frozenset(POINT_KINDS)
_PERIOD_ONLY = frozenset(("start", "end", "duration"))
_REF_KEYS = frozenset(("id", "quote"))
_QUANTITY_KEYS = frozenset(QUANTITY)
_CYCLES = ("depends_on", "supersedes")  # the link kinds whose cycles items.check_items finds


class PlainItems:
    """Builds plain items against one Checker's date cache and one Context."""

    def __init__(self, ck: Checker, ctx: Context) -> None:
        self.ck, self.ctx = ck, ctx
        self._ends: dict[tuple, DateSpec | None] = {}

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
        calendar = ctx.lanes[lane].calendar or ctx.calendar
        state = self._state(raw, kind, calendar)
        if state is None:
            return None
        reported = self._reported(raw, state, calendar)
        links = self._links(raw, iid)
        tags = raw.get("tags", ())
        if reported is False or links is None or not _texts(tags):
            return None
        ctx.first_at[iid] = i
        for kind_name in _CYCLES:
            if kind_name in raw:
                ctx.graphs[kind_name][iid] = [ln.target for ln in links if ln.kind == kind_name]
        return Item(iid, kind, lane, calendar, (state,), reported, links, tuple(tags), line)

    def _state(self, raw: dict, kind: str, cal) -> State | None:
        """The base statement, when every field of it is right."""
        title, status, notes = raw["title"], raw.get("status"), raw.get("notes", "")
        if title.__class__ is not str or not title.strip() or notes.__class__ is not str:
            return None
        if "status" in raw and (status.__class__ is not str or status not in _STATUSES):
            return None
        refs = self._refs(raw.get("sources"))
        quantities = _quantities(raw["quantities"]) if "quantities" in raw else ()
        if refs is None or quantities is None:
            return None
        if kind in _POINT:
            if not raw.keys().isdisjoint(_PERIOD_ONLY) or "date" not in raw:
                return None
            start = end = self.ck.parsed(raw["date"], cal)
        else:
            start, end = self._period(raw, cal)
        if start is None or end is False:
            return None
        return State(None, title, status or "", start, end, notes, quantities, refs)

    def _period(self, raw: dict, cal) -> tuple[DateSpec | None, DateSpec | None | bool]:
        """A period's start and resolved end (None: open-ended; False: something is wrong)."""
        if "date" in raw or "start" not in raw or ("end" in raw and "duration" in raw):
            return None, False
        start = self.ck.parsed(raw["start"], cal)
        if start is None:
            return None, False
        if "end" in raw:
            end = self.ck.parsed(raw["end"], cal)
            return start, end if end is not None and end.last >= start.first else False
        if "duration" in raw:
            if raw["duration"].__class__ is not str:
                return None, False
            key = (start, raw["duration"])
            if key not in self._ends:
                self._ends[key] = _end_of(start, raw["duration"])
            end = self._ends[key]
            return start, end if end is not None else False
        return start, None

    def _refs(self, value: object) -> tuple[SourceRef, ...] | None:
        """Citations of known sources (at least one: citing none is warned about)."""
        if value.__class__ is not list or not value:
            return None
        known, refs = self.ck.source_ids, []
        for entry in value:
            if entry.__class__ is str:
                if entry not in known:
                    return None
                refs.append(SourceRef(entry))
                continue
            if entry.__class__ is not dict or not entry.keys() <= _REF_KEYS:
                return None
            sid, quote = entry.get("id"), entry.get("quote", "")
            if sid.__class__ is not str or sid not in known or quote.__class__ is not str:
                return None
            refs.append(SourceRef(sid, quote))
        return tuple(refs)

    def _reported(self, raw: dict, state: State, cal):
        """Explicit `reported` (False when wrong), else the earliest dated cited source."""
        if "reported" in raw:
            spec = self.ck.parsed(raw["reported"], cal)
            return spec.first if spec is not None else False
        sources = self.ctx.sources
        dated = [sources[r.id].date.first for r in state.sources if sources[r.id].date is not None]
        return min(dated) if dated else None

    def _links(self, raw: dict, iid: str) -> tuple[Link, ...] | None:
        """Links to other, existing items."""
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
