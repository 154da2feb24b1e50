"""The timeline as a pandas DataFrame as of a date: one row per known item, plan against state.

Built in one pass over the items into column lists and turned into a DataFrame once, so that
time travel over 10,000 items stays interactive.
"""

from __future__ import annotations

import gc
from bisect import bisect_right
from contextlib import contextmanager
from datetime import date

import numpy as np
import pandas as pd

from app.dates import DateSpec
from app.model import Item, Lane, State, Timeline
from app.options import KINDS, STATUSES, Filters

PRECISIONS = ("day", "month", "quarter", "half", "year", "fiscal_year")
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
    "deadline_state",
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
)
NAT = np.iinfo(np.int64).min
_EPOCH = date(1970, 1, 1).toordinal()
_BOOL_COLUMNS = ("uncertain", "approximate", "open_ended", "revised", "start_fuzzy", "end_fuzzy")


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
    """timeline_frame plus DRAW_COLUMNS, which the figure needs to draw imprecise dates."""
    with gc_paused():
        return _drawing_frame(timeline, as_of, baseline)


def _drawing_frame(timeline: Timeline, as_of: date | None, baseline: date | None) -> pd.DataFrame:
    """drawing_frame's work."""
    day = as_of or timeline.as_of
    lanes = ordered_lanes(timeline)
    rank = {lane.id: i for i, lane in enumerate(lanes)}
    labels = {lane.id: lane.label for lane in lanes}
    known = []
    for pos, item in enumerate(timeline.items):
        if item.known_on(day):
            index = _state_index(item, day)
            start = item.states[index].start.first
            known.append((rank.get(item.lane, len(rank)), start, pos, item, index))
    known.sort(key=lambda row: row[:3])
    rows = [_row(item, index, day, baseline, labels) for *_, item, index in known]
    names = FRAME_COLUMNS + DRAW_COLUMNS
    cols = dict(zip(names, map(list, zip(*rows, strict=True)), strict=True)) if rows else {}
    cols = {name: cols.get(name, []) for name in names}
    lane_ids = [lane.id for lane in lanes]
    lane_ids += sorted({lane for lane in cols["lane"] if lane not in rank})
    return _to_frame(cols, lane_ids)


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while building many small objects that hold no cycles.

    With a large timeline in memory every full collection walks millions of objects; letting
    them run during a build makes 50,000 items cost twice what 5 x 10,000 do.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _state_index(item: Item, day: date) -> int:
    """Index in item.states of the state as of day (same rule as Item.state_as_of)."""
    states = item.states
    if len(states) == 1 or states[1].as_of > day:
        return 0
    if states[-1].as_of <= day:
        return len(states) - 1
    return bisect_right([s.as_of for s in states[1:]], day)


def _row(item: Item, index: int, day: date, baseline: date | None, labels: dict[str, str]) -> tuple:
    """One item's values in FRAME_COLUMNS + DRAW_COLUMNS order (dates as day ordinals)."""
    state = item.states[index]
    start, end = state.start, state.end
    point = item.kind != "period"
    last = start if point else end
    plan = _baseline_state(item, baseline)
    done = item.states[: index + 1]
    return (
        item.id,
        state.title,
        item.kind,
        item.lane,
        labels.get(item.lane, item.lane),
        state.status,
        start.first.toordinal(),
        last.last.toordinal() if last else NAT,
        start.text,
        last.text if last else "",
        dates_text(state, point),
        start.precision,
        last.precision if last else None,
        start.uncertain or bool(last and last.uncertain),
        start.approximate or bool(last and last.approximate),
        last is None,
        item.reported.toordinal() if item.reported else NAT,
        plan.start.first.toordinal() if plan else NAT,
        _last_ordinal(plan, point),
        plan.status if plan else None,
        dates_text(plan, point) if plan else "",
        plan is not None and _differs(plan, state, point),
        _deadline_state(item.kind, state, day),
        item.links_of("depends_on"),
        tuple((link.kind, link.target) for link in item.links),
        item.tags,
        state.notes,
        "; ".join(str(q) for q in state.quantities),
        tuple(dict.fromkeys(ref.id for s in done for ref in s.sources)),
        index + 1,
        start.last.toordinal(),
        last.first.toordinal() if last else NAT,
        _fuzzy(start),
        last is None or _fuzzy(last),
        next((ref.quote for s in done for ref in s.sources if ref.quote), ""),
    )


def dates_text(state: State, point: bool) -> str:
    """The item's dates as written: "FY2014 – FY2018", "2018-H2?", "2013-12-17 – (open-ended)"."""
    if point:
        return state.start.text
    if state.end is None:
        return f"{state.start.text} – (open-ended)"
    return f"{state.start.text} – {state.end.text}"


def _fuzzy(spec: DateSpec) -> bool:
    """Whether a date is known less precisely than to the day."""
    return spec.precision != "day" or spec.uncertain or spec.approximate


def _baseline_state(item: Item, baseline: date | None) -> State | None:
    """The plan to compare with: the base statement, or the state as of baseline if known then."""
    if baseline is None:
        return item.base
    if not item.known_on(baseline):
        return None
    return item.state_as_of(baseline)


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


def _differs(plan: State, state: State, point: bool) -> bool:
    """Whether the dates or status of state differ from the plan."""
    return (
        plan.status != state.status
        or plan.start.first != state.start.first
        or _last_day(plan, point) != _last_day(state, point)
    )


def _deadline_state(kind: str, state: State, day: date) -> str:
    """met / missed / open for a deadline as of day; "" for other kinds."""
    if kind != "deadline":
        return ""
    if state.status in ("met", "missed"):
        return state.status
    if day > state.start.last and state.status not in ("completed", "met"):
        return "missed"
    return "open"


def _to_frame(cols: dict[str, list], lane_ids: list[str]) -> pd.DataFrame:
    """Typed DataFrame from the column lists, built once."""
    data: dict[str, object] = dict(cols)
    for name in _DATE_COLUMNS:
        data[name] = _dates(cols[name])
    for name in _BOOL_COLUMNS:
        data[name] = np.array(cols[name], dtype=bool)
    data["n_statements"] = np.array(cols["n_statements"], dtype=np.int64)
    data["kind"] = pd.Categorical(cols["kind"], categories=KINDS)
    data["lane"] = pd.Categorical(cols["lane"], categories=lane_ids, ordered=True)
    data["status"] = pd.Categorical(cols["status"], categories=STATUSES)
    data["planned_status"] = pd.Categorical(cols["planned_status"], categories=STATUSES)
    for name in ("start_precision", "end_precision"):
        data[name] = pd.Categorical(cols[name], categories=PRECISIONS)
    for name in ("depends_on", "links", "tags", "sources"):
        data[name] = _object_array(cols[name])
    return pd.DataFrame(data, columns=list(FRAME_COLUMNS + DRAW_COLUMNS))


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


def filter_frame(df: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Rows that pass every filter; empty filter fields let everything through."""
    mask = np.ones(len(df), dtype=bool)
    for column, wanted in (
        ("lane", filters.lanes),
        ("kind", filters.kinds),
        ("status", filters.statuses),
    ):
        if wanted:
            mask &= df[column].isin(wanted).to_numpy()
    if filters.tags:
        tags = set(filters.tags)
        mask &= np.fromiter((not tags.isdisjoint(t) for t in df["tags"]), bool, len(df))
    if filters.window_start is not None:
        end = df["end"].to_numpy()
        mask &= np.isnat(end) | (end >= np.datetime64(filters.window_start))
    if filters.window_end is not None:
        mask &= (df["start"] <= pd.Timestamp(filters.window_end)).to_numpy()
    if filters.search.strip():
        mask &= _search_mask(df, filters.search.strip().casefold())
    if mask.all():
        return df
    return df[mask].reset_index(drop=True)


def _search_mask(df: pd.DataFrame, needle: str) -> np.ndarray:
    """Rows whose title, notes, id or tags contain needle (case-insensitive)."""
    rows = zip(df["title"], df["notes"], df["id"], df["tags"], strict=True)
    hay = ("\n".join((t, n, i, *tags)).casefold() for t, n, i, tags in rows)
    return np.fromiter((needle in h for h in hay), bool, len(df))
