"""The state of an item as of a day: derived from its kind, its dates and any stated status.

A stated status is kept as stated ("approved" stays the status); the state follows time, so the
1958 plan that was approved reads "ended" in 2026. Pure: no pandas, no I/O.

Rules, for the view day `day` (first/last: the first and last day of a date's interval):
- a stated "cancelled" wins; "superseded" when stated, or from the day the successor starts;
- period: upcoming before its start's first day, running until its end's last day (or for
  ever, open-ended), then ended;
- deadline: met / met late by its `done` date (late when done's first day is after the
  deadline's last day) once that day is reached, met when stated met or completed, missed
  when stated missed, else open until its last day, then overdue;
- milestone: reached by a reached `done` date, a met or completed status, or a statement
  made on or after its first day (a report that it happened); else planned until its last
  day, then overdue (a stated "missed" also reads overdue);
- event: past once the day is after its last day, or once its first day is reached when the
  statement was made on or after that day (a report that it happened); else upcoming.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date

from defense_timeline.timeline.dates import DateSpec
from defense_timeline.timeline.model import Item, State, Timeline

_MET = frozenset(("met", "completed"))


def item_state(
    kind: str,
    status: str,
    start: DateSpec,
    end: DateSpec | None,
    day: date,
    *,
    done: DateSpec | None = None,
    stated_on: date | None = None,
    superseded_from: date | None = None,
) -> str:
    """The state (a vocabulary STATES word) of an item with these dates and status on day.

    For point items start is the date and end is ignored; stated_on is when the statement in
    force was made (None: unknown); superseded_from is when a successor starts.
    """
    if status == "cancelled":
        return "cancelled"
    if status == "superseded" or (superseded_from is not None and superseded_from <= day):
        return "superseded"
    if kind == "period":
        if day < start.first:
            return "upcoming"
        return "running" if end is None or day <= end.last else "ended"
    if kind == "deadline":
        return _deadline(status, start, day, done)
    reported_done = stated_on is not None and stated_on >= start.first and day >= start.first
    if kind == "milestone":
        if (done is not None and done.first <= day) or status in _MET or reported_done:
            return "reached"
        return "planned" if day <= start.last and status != "missed" else "overdue"
    return "past" if day > start.last or reported_done else "upcoming"


def _deadline(status: str, when: DateSpec, day: date, done: DateSpec | None) -> str:
    """open, met, met late, missed or overdue."""
    if done is not None and done.first <= day:
        return "met late" if done.first > when.last else "met"
    if status in _MET:
        return "met"
    if status == "missed":
        return "missed"
    return "open" if day <= when.last else "overdue"


def stated_on(item: Item, index: int) -> date | None:
    """When the statement states[index] was made: an update's as_of, else the item's report."""
    return item.states[index].as_of if index else item.reported


def state_on(
    item: Item, index: int, day: date, superseded_from: date | None = None
) -> tuple[str, State]:
    """The state word of an item on day, given the index of its statement in force then."""
    state = item.states[index]
    word = item_state(
        item.kind,
        state.status,
        state.start,
        state.end,
        day,
        done=state.done,
        stated_on=stated_on(item, index),
        superseded_from=superseded_from,
    )
    return word, state


def successor_start(timeline: Timeline, item_id: str, day: date) -> date | None:
    """The first day a successor of the item (known on day) starts, as stated on day."""
    starts = [
        other.state_as_of(day).start.first
        for other in timeline.items
        if item_id in other.links_of("supersedes") and other.known_on(day)
    ]
    return min(starts, default=None)


def state_of(timeline: Timeline, item: Item, day: date) -> str:
    """The state word of one item of a timeline on day (the frame computes all at once)."""
    index = bisect_right([s.as_of for s in item.states[1:]], day)
    return state_on(item, index, day, successor_start(timeline, item.id, day))[0]
