"""The timeline as a pandas DataFrame as of a date: one row per known item, plan against state.

Built in one pass over the items into column lists and turned into a DataFrame once, so that
time travel over 10,000 items stays interactive.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from dataclasses import replace
from datetime import date
from itertools import repeat

import numpy as np
import pandas as pd
from defense_timeline.gc_pause import gc_paused
from defense_timeline.timeline.dates import DateSpec
from defense_timeline.timeline.model import Item, Lane, State, Timeline
from defense_timeline.view.describe import baseline_state, dates_text
from defense_timeline.view.slips import done_of, slip
from defense_timeline.view.state_columns import (
    NAT,
    end_superseded,
    state_columns,
    superseded_from,
)
from defense_timeline.vocabulary import (
    KINDS,
    STATES,
    STATUSES,
)

PRECISIONS = ("day", "month", "quarter", "half", "year", "fiscal_year", "range")
FRAME_COLUMNS = (
    "id",
    "title",
    "kind",
    "lane",
    "lane_label",
    "status",
    "start",
    "end",
    "start_text",
    "end_text",
    "dates_text",
    "start_precision",
    "end_precision",
    "uncertain",
    "approximate",
    "open_ended",
    "reported",
    "planned_start",
    "planned_end",
    "planned_status",
    "planned_dates_text",
    "revised",
    "slip_days",
    "change",
    "state",
    "deadline_state",
    "done",
    "done_first",
    "done_last",
    "report_date_unknown",
    "depends_on",
    "links",
    "tags",
    "notes",
    "quantities",
    "sources",
    "n_statements",
)
# Extra columns only the figure needs: where each date's interval begins and ends, and a quote.
DRAW_COLUMNS = ("start_last", "end_first", "start_fuzzy", "end_fuzzy", "quote")
_DATE_COLUMNS = (
    "start",
    "end",
    "reported",
    "planned_start",
    "planned_end",
    "start_last",
    "end_first",
    "done_first",
    "done_last",
)
_EPOCH = date(1970, 1, 1).toordinal()
_BOOL_COLUMNS = (
    "uncertain",
    "approximate",
    "open_ended",
    "revised",
    "start_fuzzy",
    "end_fuzzy",
    "report_date_unknown",
)


def ordered_lanes(timeline: Timeline) -> tuple[Lane, ...]:
    """Lanes top to bottom: by `order`, then as written in the file."""
    ranked = sorted(enumerate(timeline.lanes), key=lambda pair: (pair[1].order, pair[0]))
    return tuple(lane for _, lane in ranked)


def timeline_frame(
    timeline: Timeline, as_of: date | None = None, baseline: date | None = None
) -> pd.DataFrame:
    """One row per item known on as_of (default: the timeline's as_of), in lane order then start."""
    return drawing_frame(timeline, as_of, baseline)[list(FRAME_COLUMNS)]


def drawing_frame(
    timeline: Timeline, as_of: date | None = None, baseline: date | None = None
) -> pd.DataFrame:
    """timeline_frame plus DRAW_COLUMNS, which the figure needs to draw imprecise dates.

    The frames last asked for are kept: a filter change, the table beside the chart and a step
    back in time show a frame already built.
    """
    day = as_of or timeline.as_of
    key = (day, baseline)
    df = _cached(timeline, key)
    if df is None:
        with gc_paused():
            df = _drawing_frame(timeline, day, baseline)
        with _LOCK:
            if _find(timeline, key) is None:  # another thread may have built it meanwhile
                _CACHE.insert(0, (timeline, key, df))
                _trim()
    return df.copy(deep=False)  # copy-on-write: callers cannot change the cache


# One cache of frames for every caller (figure, table, exports), keyed by the Timeline object
# itself and held with it: a saved file is a new Timeline, so it never meets a stale frame. A
# frame costs about 1 KB a row with its strings (10,000 items: 9.9 MB measured), so the cache
# keeps at most CACHE_ROWS rows in all (and always the newest frame), in at most CACHE_SIZE.
CACHE_ROWS = 100_000
CACHE_SIZE = 32
_CACHE: list[tuple[Timeline, tuple, pd.DataFrame]] = []  # most recent first
_LOCK = threading.Lock()  # dashboard callbacks run in several threads


def _find(timeline: Timeline, key: tuple) -> int | None:
    """Position of a kept frame in _CACHE (call with _LOCK held)."""
    return next((i for i, (tl, k, _) in enumerate(_CACHE) if tl is timeline and k == key), None)


def _cached(timeline: Timeline, key: tuple) -> pd.DataFrame | None:
    """A kept frame, now the most recently used, or None."""
    with _LOCK:
        i = _find(timeline, key)
        if i is None:
            return None
        _CACHE.insert(0, _CACHE.pop(i))
        return _CACHE[0][2]


def _trim() -> None:
    """Forget the least recently used frames past CACHE_ROWS or CACHE_SIZE (with _LOCK held)."""
    rows = 0
    for i, (_, _, df) in enumerate(_CACHE):
        rows += len(df)
        if i and (rows > CACHE_ROWS or i >= CACHE_SIZE):
            del _CACHE[i:]
            return


def clear_cache() -> None:
    """Forget the kept frames (a benchmark times a cold build)."""
    with _LOCK:
        _CACHE.clear()


def _drawing_frame(timeline: Timeline, day: date, baseline: date | None) -> pd.DataFrame:
    """drawing_frame's work: the items known on day, every column in one sweep, then sorted.

    Columns are built in file order, in which the loader made the items and their statements
    (so they lie close together in memory: a third faster at 50,000 items than walking them in
    row order), and put in row order (by lane, then start, then file position) once, at the end.
    """
    lanes = ordered_lanes(timeline)
    rank = {lane.id: i for i, lane in enumerate(lanes)}
    items, index, ranks, firsts = [], [], [], []
    for item in timeline.items:
        if item.reported is None or item.reported <= day:
            i = _state_index(item, day)
            items.append(item)
            index.append(i)
            ranks.append(rank.get(item.lane, len(rank)))
            firsts.append(item.states[i].start.first.toordinal())
    order = np.lexsort((np.array(firsts, dtype=np.int64), np.array(ranks, dtype=np.int64)))
    cols = _columns(items, index, day, baseline, {lane.id: lane.label for lane in lanes})
    lane_ids = [lane.id for lane in lanes]
    lane_ids += sorted({lane for lane in cols["lane"] if lane not in rank})
    return _to_frame(cols, lane_ids, order)


def _state_index(item: Item, day: date) -> int:
    """Index in item.states of the state as of day (same rule as Item.state_as_of)."""
    states = item.states
    if len(states) == 1 or states[1].as_of > day:
        return 0
    if states[-1].as_of <= day:
        return len(states) - 1
    return bisect_right([s.as_of for s in states[1:]], day)


def _columns(items: list[Item], index: list[int], day, baseline, labels: dict) -> dict[str, list]:
    """FRAME_COLUMNS + DRAW_COLUMNS as lists, each built by one loop over the items."""
    states = [item.states[i] for item, i in zip(items, index, strict=True)]
    point = [item.kind != "period" for item in items]
    starts = [s.start for s in states]
    lasts = [s.start if p else s.end for s, p in zip(states, point, strict=True)]
    plans = [baseline_state(item, baseline) for item in items]
    lane = [item.lane for item in items]
    cols = {
        "id": [item.id for item in items],
        "title": [s.title for s in states],
        "kind": [item.kind for item in items],
        "lane": lane,
        "lane_label": [labels.get(ln, ln) for ln in lane],
        "status": [s.status or None for s in states],  # None: no status stated
        "start": [d.first.toordinal() for d in starts],
        "end": [d.last.toordinal() if d else NAT for d in lasts],
        "start_text": [d.text for d in starts],
        "end_text": [d.text if d else "" for d in lasts],
        "dates_text": [dates_text(s, p) for s, p in zip(states, point, strict=True)],
        "start_precision": [d.precision for d in starts],
        "end_precision": [d.precision if d else None for d in lasts],
        "uncertain": [
            a.uncertain or bool(b and b.uncertain) for a, b in zip(starts, lasts, strict=True)
        ],
        "approximate": [
            a.approximate or bool(b and b.approximate) for a, b in zip(starts, lasts, strict=True)
        ],
        "open_ended": [d is None for d in lasts],
        "reported": [it.reported.toordinal() if it.reported else NAT for it in items],
        "n_statements": [i + 1 for i in index],
        "start_last": [d.last.toordinal() for d in starts],
        "end_first": [d.first.toordinal() if d else NAT for d in lasts],
        "start_fuzzy": [_fuzzy(d, p) for d, p in zip(starts, point, strict=True)],
        "end_fuzzy": [d is None or _fuzzy(d, p) for d, p in zip(lasts, point, strict=True)],
    }
    cols.update(_plan_columns(plans, states, [item.kind for item in items], day, cols))
    cols.update(_item_columns(items, states, index))
    successors = superseded_from(items, states)
    cols.update(state_columns(items, index, day, successors))
    end_superseded(cols, items, states, successors)
    _slip_superseded(cols, items, states, plans, day)
    return cols


def _slip_superseded(cols: dict, items: list[Item], states: list[State], plans, day) -> None:
    """The slip of a period that end_superseded ended: measured on the day it now ends."""
    for row, (item, state) in enumerate(zip(items, states, strict=True)):
        if item.kind != "period" or state.end is not None or cols["open_ended"][row]:
            continue
        last = date.fromordinal(cols["end"][row])
        ended = replace(state, end=DateSpec(last.isoformat(), last, last, "day"))
        moved = slip(plans[row], ended, item.kind, None)
        cols["revised"][row], cols["slip_days"][row] = moved.revised, moved.days
        cols["change"][row] = moved.words


def _plan_columns(
    plans: list, states: list[State], kinds: list[str], day, cols: dict
) -> dict[str, list]:
    """The baseline each row is compared with, and how the row's dates moved from it (view.slips:
    for a deadline or milestone met by day, the delay). A row that is its own plan (most rows)
    takes the plan's columns from its own: cols, the row's columns so far."""
    point = [kind != "period" for kind in kinds]
    rows = zip(plans, states, kinds, strict=True)
    slips = [slip(p, s, kind, done_of(s, kind, day)) for p, s, kind in rows]
    same = [p is s for p, s in zip(plans, states, strict=True)]
    cells = (cols["start"], cols["end"], cols["dates_text"])
    own = list(zip(same, plans, point, *cells, strict=True))
    return {
        "planned_start": [
            st if sm else p.start.first.toordinal() if p else NAT for sm, p, _, st, _, _ in own
        ],
        "planned_end": [end if sm else _last_ordinal(p, pt) for sm, p, pt, _, end, _ in own],
        "planned_status": [(p.status or None) if p else None for p in plans],
        "planned_dates_text": [
            text if sm else dates_text(p, pt) if p else "" for sm, p, pt, _, _, text in own
        ],
        "revised": [sl.revised for sl in slips],
        "slip_days": [sl.days for sl in slips],
        "change": [sl.words for sl in slips],
    }


def _item_columns(items: list[Item], states: list[State], index: list[int]) -> dict[str, list]:
    """Links, tags, notes, quantities, the sources cited so far and the first quote among them."""
    cited = [_cited(item.states[: i + 1]) for item, i in zip(items, index, strict=True)]
    return {
        "depends_on": [
            tuple(ln.target for ln in item.links if ln.kind == "depends_on") if item.links else ()
            for item in items
        ],
        "links": [
            tuple([(ln.kind, ln.target) for ln in item.links]) if item.links else ()
            for item in items
        ],
        "tags": [item.tags for item in items],
        "notes": [s.notes for s in states],
        "quantities": [
            "; ".join(str(q) for q in s.quantities) if s.quantities else "" for s in states
        ],
        "sources": [ids for ids, _ in cited],
        "quote": [quote for _, quote in cited],
    }


def _cited(done: tuple[State, ...]) -> tuple[tuple[str, ...], str]:
    """Source ids cited by these statements (first citation order) and the first quote."""
    refs = done[0].sources if len(done) == 1 else [r for s in done for r in s.sources]
    if len(refs) == 1:
        return (refs[0].id,), refs[0].quote
    quote = next((r.quote for r in refs if r.quote), "")
    return tuple(dict.fromkeys(r.id for r in refs)), quote


def _fuzzy(spec: DateSpec, point: bool) -> bool:
    """Whether a date is drawn over its window rather than as an exact day.

    Plans run in whole fiscal years, so a period bounded by a fiscal year starts on its first day
    and ends on its last: only a point dated to a fiscal year is fuzzy.
    """
    if spec.uncertain or spec.approximate:
        return True
    return spec.precision != "day" and (point or spec.precision != "fiscal_year")


def _last_day(state: State | None, point: bool) -> date | None:
    """Last day of a state's dates (None when unknown or open-ended)."""
    if state is None:
        return None
    last = state.start if point else state.end
    return last.last if last else None


def _last_ordinal(state: State | None, point: bool) -> int:
    """_last_day as a day ordinal, NAT when None."""
    last = _last_day(state, point)
    return last.toordinal() if last else NAT


def _to_frame(cols: dict[str, list], lane_ids: list[str], order: np.ndarray) -> pd.DataFrame:
    """Typed DataFrame from the column lists, its rows taken in order, built once."""
    data: dict[str, object] = dict(cols)
    for name in _DATE_COLUMNS:
        data[name] = _dates(cols[name])
    for name in _BOOL_COLUMNS:
        data[name] = np.array(cols[name], dtype=bool)
    data["n_statements"] = np.array(cols["n_statements"], dtype=np.int64)
    data["slip_days"] = pd.array(cols["slip_days"], dtype="Int64")
    data["kind"] = _categorical(cols["kind"], KINDS)
    data["lane"] = _categorical(cols["lane"], lane_ids, ordered=True)
    data["status"] = _categorical(cols["status"], STATUSES)
    data["state"] = _categorical(cols["state"], STATES)
    data["planned_status"] = _categorical(cols["planned_status"], STATUSES)
    for name in ("start_precision", "end_precision"):
        data[name] = _categorical(cols[name], PRECISIONS)
    for name in ("depends_on", "links", "tags", "sources"):
        data[name] = _object_array(cols[name])
    for name, values in data.items():  # text columns stay lists: pandas infers their dtype
        data[name] = (
            _object_array(values)[order].tolist() if type(values) is list else values[order]
        )
    return pd.DataFrame(data, columns=list(FRAME_COLUMNS + DRAW_COLUMNS))


def _categorical(values: list, categories, ordered: bool = False) -> pd.Categorical:
    """pd.Categorical(values, categories) from codes looked up in a dict (a value not among the
    categories, such as None, is missing as there)."""
    code = {name: i for i, name in enumerate(categories)}
    codes = np.fromiter(map(code.get, values, repeat(-1)), dtype=np.int32, count=len(values))
    return pd.Categorical.from_codes(codes, categories=categories, ordered=ordered)


def _dates(ordinals: list[int]) -> np.ndarray:
    """datetime64[s] array from day ordinals (NAT -> NaT)."""
    days = np.array(ordinals, dtype=np.int64)
    nat = days == NAT
    days = (days - _EPOCH) * 86_400
    days[nat] = NAT
    return days.view("datetime64[s]")


def _object_array(values: list) -> np.ndarray:
    """A 1-d object array of tuples (numpy would otherwise make a 2-d array of equal tuples)."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out
