"""The source view: a timeline as one source stated it, as of that source's date.

"What the 2017-02-19 article said": only the statements that cite the source, dated on or before
its date, so no date another source gave (earlier or later) shows. An item none of whose
statements cites the source is left out; an item whose first statement citing it is an update
starts from that update. The view date is the source's date (its last day when partial).
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

from defense_timeline.timeline.model import Item, State, Timeline
from defense_timeline.view.options import ViewOptions

_KEEP = 8  # derived timelines kept: each is a new object, and frames are cached per object
_CACHE: list[tuple[Timeline, str, Timeline]] = []  # most recent first
_LOCK = threading.Lock()


def source_day(timeline: Timeline, source_id: str) -> date:
    """The day a source's view shows: its date's last day, else the timeline's as_of."""
    source = timeline.sources[source_id]
    return source.date.last if source.date is not None else timeline.as_of


def _cites(state: State, source_id: str) -> bool:
    return any(ref.id == source_id for ref in state.sources)


def _stated_by(item: Item, source_id: str, day: date) -> Item | None:
    """The item as only the source stated it by day (None: the source says nothing of it)."""
    kept = [s for s in item.states if _cites(s, source_id) and (s.as_of is None or s.as_of <= day)]
    if not kept:
        return None
    base = replace(kept[0], as_of=None)
    reported = kept[0].as_of or item.reported
    if reported is not None and reported > day:
        reported = day
    return replace(item, states=(base, *kept[1:]), reported=reported)


def source_timeline(timeline: Timeline, source_id: str) -> Timeline:
    """The timeline as the source stated it (the same object each time it is asked for)."""
    with _LOCK:
        for tl, sid, derived in _CACHE:
            if tl is timeline and sid == source_id:
                return derived
    day = source_day(timeline, source_id)
    items = [_stated_by(item, source_id, day) for item in timeline.items]
    derived = replace(timeline, as_of=day, items=tuple(i for i in items if i is not None))
    with _LOCK:
        _CACHE.insert(0, (timeline, source_id, derived))
        del _CACHE[_KEEP:]
    return derived


def for_view(timeline: Timeline, view: ViewOptions) -> tuple[Timeline, ViewOptions]:
    """The timeline and view to draw: with a source, as it stated things on its date (a source
    the timeline does not have, from an old link, is ignored: the command line refuses it)."""
    if not view.source or view.source not in timeline.sources:
        return timeline, view
    derived = source_timeline(timeline, view.source)
    return derived, replace(view, as_of=derived.as_of)


def source_words(timeline: Timeline, source_id: str) -> str:
    """'as stated by The Japan Times (Kyodo), 2017-02-19' (plain text) for titles."""
    source = timeline.sources[source_id]
    by = source.publisher or source.title
    when = f", {source.date.text}" if source.date is not None else ""
    return f"as stated by {by}{when}"
