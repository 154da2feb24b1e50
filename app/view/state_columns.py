"""The frame's state columns as of a day: the state of each item (timeline/states.py), its
done date, whether its report date is unknown, and the end a successor gives an open-ended
period. view/frame.py builds the frame with them."""

from __future__ import annotations

from datetime import date

from defense_timeline.timeline.calendars import ONE_DAY
from defense_timeline.timeline.model import Item, State
from defense_timeline.timeline.states import state_on
from defense_timeline.vocabulary import DEADLINE_MARK_OF_STATE

NAT = -(2**63)  # a missing day ordinal (the frame makes it NaT)


def superseded_from(items: list[Item], states: list[State]) -> dict[str, date]:
    """Item id -> the first day a known successor (an item that supersedes it) starts."""
    out: dict[str, date] = {}
    for item, state in zip(items, states, strict=True):
        for target in item.links_of("supersedes") if item.links else ():
            first = state.start.first
            if target not in out or first < out[target]:
                out[target] = first
    return out


def state_columns(
    items: list[Item], index: list[int], day: date, successors: dict
) -> dict[str, list]:
    """The state as of day, the done date, and whether the report date is unknown."""
    words, dones = [], []
    for item, i in zip(items, index, strict=True):
        word, state = state_on(item, i, day, successors.get(item.id))
        words.append(word)
        dones.append(state.done)
    return {
        "state": words,
        "deadline_state": [
            DEADLINE_MARK_OF_STATE.get(w, w) if item.kind == "deadline" else ""
            for item, w in zip(items, words, strict=True)
        ],
        "done": [d.text if d else "" for d in dones],
        "done_first": [d.first.toordinal() if d else NAT for d in dones],
        "done_last": [d.last.toordinal() if d else NAT for d in dones],
        "report_date_unknown": [item.reported is None for item in items],
    }


def end_superseded(cols: dict, items: list[Item], states: list[State], successors) -> None:
    """An open-ended period ends the day before its successor starts (when that is after its
    own start): the end, its text and the dates text say so."""
    for row, (item, state) in enumerate(zip(items, states, strict=True)):
        first = successors.get(item.id)
        if item.kind != "period" or state.end is not None or first is None:
            continue
        last = first - ONE_DAY
        if last < state.start.first:
            continue
        cols["end"][row] = cols["end_first"][row] = last.toordinal()
        cols["end_text"][row] = last.isoformat()
        cols["dates_text"][row] = f"{state.start.text} – {last.isoformat()} (superseded)"
        cols["end_precision"][row] = "day"
        cols["open_ended"][row] = cols["end_fuzzy"][row] = False
