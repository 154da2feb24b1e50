"""Item validation: fields, kind rules, references and the dated states built from updates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from defense_timeline.errors import DateError
from defense_timeline.timeline.checker import Checker
from defense_timeline.timeline.dates import Calendar, DateSpec, end_from_duration
from defense_timeline.timeline.fields import DONE_KINDS, ITEM, PERIOD_ONLY, POINT_KINDS, UPDATE
from defense_timeline.timeline.messages import did_you_mean, quoted
from defense_timeline.timeline.model import Item, Lane, Link, Source, State
from defense_timeline.timeline.plain import PlainItems
from defense_timeline.vocabulary import LINK_KINDS

_ITEM_KEYS = frozenset(ITEM)
_UPDATE_KEYS = frozenset(UPDATE)
_POINT = frozenset(POINT_KINDS)
_PLAIN = tuple(n for n in UPDATE if n not in ("as_of", "sources", "date", "done", *PERIOD_ONLY))
_CYCLE_NAMES = {"depends_on": "dependency cycle", "supersedes": "supersedes cycle"}


@dataclass(slots=True)
class Context:
    """What items are checked against: the timeline's calendar, lanes, sources and item ids."""

    calendar: Calendar | None
    lanes: dict[str, Lane]
    sources: dict[str, Source]
    lanes_known: bool = True  # False when the file has no usable `lanes` list: skip lane checks
    item_ids: set[str] = field(default_factory=set)
    first_at: dict[str, int] = field(default_factory=dict)  # id -> index of its first item
    graphs: dict[str, dict[str, list[str]]] = field(default_factory=dict)


def check_items(ck: Checker, raw_items: list, ctx: Context, lines=None) -> tuple[Item, ...]:
    """Every item checked; cycles found once all links are known."""
    ids = (raw.get("id") for raw in raw_items if type(raw) is dict)
    ctx.item_ids = {iid for iid in ids if type(iid) is str}
    ctx.graphs = {kind: {} for kind in _CYCLE_NAMES}
    items, plain = [], PlainItems(ck, ctx)
    for i, raw in enumerate(raw_items):
        line = lines[i] if lines else None
        item = plain.item(raw, i, line) or _item(ck, raw, i, ctx, line)
        if item is not None:
            items.append(item)
    for kind, graph in ctx.graphs.items():
        for cycle in find_cycles(graph, list(graph)):
            where = ("items", ctx.first_at[cycle[0]], kind)
            ck.error(where, f"{_CYCLE_NAMES[kind]}: {' -> '.join(cycle)}")
    return tuple(items)


def _item(ck: Checker, raw: object, i: int, ctx: Context, line: int | None) -> Item | None:
    """One item, or None if it has errors (they are recorded)."""
    path, before, get = ("items", i), ck.errors, ck.get
    raw = ck.mapping(raw, ITEM, _ITEM_KEYS, path, "a mapping of item fields")
    if raw is None:
        return None
    iid = get(raw, "id", path, ITEM["id"])
    if iid is not None:
        _first_id(ck, ctx, iid, i)
    kind = get(raw, "kind", path, ITEM["kind"])
    calendar = _calendar(ck, raw, path, ctx)
    base = _base_state(ck, raw, path, kind, calendar)
    reported = _reported(ck, raw, path, calendar, base, ctx)
    states = _updates(ck, raw, path, kind, calendar, base, reported)
    links = _links(ck, raw, path, iid, ctx)
    tags = get(raw, "tags", path, ITEM["tags"])
    if ck.errors != before or base is None:
        return None
    lane = raw["lane"]
    return Item(iid, kind, lane, calendar, states, reported, links, tags or (), line)


def _first_id(ck: Checker, ctx: Context, iid: str, i: int) -> None:
    first = ctx.first_at.setdefault(iid, i)
    if first != i:
        where = ("items", first, "id")
        ck.error(
            ("items", i, "id"),
            f"duplicate item id {quoted(iid)} (first at line {{first}})",
            related=where,
        )


def _calendar(ck: Checker, raw: dict, path: tuple, ctx: Context) -> Calendar | None:
    """The item's calendar: its own, else its lane's, else the timeline's; checks the lane."""
    lane_id = ck.get(raw, "lane", path, ITEM["lane"])
    lane = ctx.lanes.get(lane_id) if lane_id is not None else None
    if lane_id is not None and lane is None and ctx.lanes_known:
        hint = ck.hint(lane_id, ctx.lanes)
        ck.error(path + ("lane",), f"unknown lane {quoted(lane_id)}{hint}")
    if "calendar" in raw:
        own = ck.get(raw, "calendar", path, ITEM["calendar"])
        if own is not None:
            return own
    return (lane.calendar if lane is not None else None) or ctx.calendar


@dataclass(slots=True)
class _Span:
    """The dates of a statement while updates are applied in turn."""

    start: DateSpec | None = None
    end: DateSpec | None = None
    duration: object = None  # dates.Duration


def _base_state(ck: Checker, raw: dict, path: tuple, kind, cal) -> tuple[State, _Span] | None:
    """The item as first stated; None if its dates are wrong. Every field is checked, so a bad
    status never hides a bad date."""
    get = ck.get
    title = get(raw, "title", path, ITEM["title"])
    status = get(raw, "status", path, ITEM["status"]) or ""
    notes = get(raw, "notes", path, ITEM["notes"]) or ""
    quantities = get(raw, "quantities", path, ITEM["quantities"]) or ()
    refs = get(raw, "sources", path, ITEM["sources"])
    if cites_nothing(raw, _ITEM_KEYS):
        ck.warn(path, "no source cited")
    done = _done(ck, raw, path, kind, cal)
    if kind is None:
        _dates_only(ck, raw, path, cal)
        return None
    span = _span(ck, raw, path, kind, cal, _Span(), required=True)
    if span is None:
        return None
    end = span.start if kind in _POINT else _end(ck, span, path, raw)
    if end is False:
        return None
    state = State(None, title, status, span.start, end, notes, quantities, refs or (), done)
    return state, span


def cites_nothing(raw: dict, allowed: frozenset) -> bool:
    """Whether a statement cites no source: no `sources`, or an empty list, and no misspelt key
    that was meant as `sources` (which already has its own did-you-mean)."""
    if "sources" in raw and raw["sources"] != []:
        return False
    return not any(did_you_mean(key, ("sources",)) for key in raw if key not in allowed)


def _done(ck: Checker, raw: dict, path: tuple, kind, cal) -> DateSpec | None:
    """When a deadline or milestone was actually met; other kinds have no `done`."""
    if "done" not in raw:
        return None
    if kind is not None and kind not in DONE_KINDS:
        ends = 'a period ends with "end"' if kind == "period" else "its date is when it happened"
        message = f'"done" records when a deadline or milestone was met; {ends}'
        ck.error(path + ("done",), message, at_key=True)
        return None
    return ck.date(raw["done"], cal, path + ("done",))


def _dates_only(ck: Checker, raw: dict, path: tuple, cal) -> None:
    """The dates of an item whose kind is unknown: each checked, and the end against the start."""
    found = {k: ck.date(raw[k], cal, path + (k,)) for k in ("start", "end", "date") if k in raw}
    start, end = found.get("start"), found.get("end")
    if start is not None and end is not None and end.last < start.first:
        ck.error(path + ("end",), f"end {end.text} is before start {start.text}")


def _span(ck: Checker, raw: dict, path: tuple, kind: str, cal, span: _Span, required: bool):
    """Apply the date fields of one statement to span, checking the kind's rules."""
    before = ck.errors
    if kind in _POINT:
        for name in PERIOD_ONLY:
            if name in raw:
                article = "an" if kind[0] in "aeiou" else "a"
                message = f'{article} {kind} has a single date: use "date", not "{name}"'
                ck.error(path + (name,), message, at_key=True)
        if "date" in raw:
            span.start = ck.date(raw["date"], cal, path + ("date",)) or span.start
        elif required:
            ck.error(path, 'missing required field "date"')
        return span if ck.errors == before else None
    if "date" in raw:
        message = 'a period spans time: use "start" with "end" or "duration", not "date"'
        ck.error(path + ("date",), message, at_key=True)
    if "end" in raw and "duration" in raw:
        ck.error(path + ("duration",), 'give "end" or "duration", not both', at_key=True)
    if "start" in raw:  # a wrong date leaves span as it was: later updates build on it
        span.start = ck.date(raw["start"], cal, path + ("start",)) or span.start
    elif required:
        ck.error(path, 'missing required field "start"')
    if "end" in raw:
        end = ck.date(raw["end"], cal, path + ("end",))
        if end is not None:
            span.end, span.duration = end, None
    if "duration" in raw:
        duration = ck.get(raw, "duration", path, ITEM["duration"])
        if duration is not None:
            span.end, span.duration = None, duration
    return span if ck.errors == before and span.start is not None else None


def _end(ck: Checker, span: _Span, path: tuple, raw: dict) -> DateSpec | None | bool:
    """A period's resolved end (None: open-ended); False after recording an error."""
    start = span.start
    if span.end is not None:
        if span.end.last < start.first:
            where = path + ("end",) if "end" in raw else path + ("start",)
            ck.error(where, f"end {span.end.text} is before start {start.text}")
            return False
        return span.end
    if span.duration is not None:
        try:
            return end_from_duration(start, span.duration)
        except DateError as exc:
            ck.error(path + ("duration",) if "duration" in raw else path + ("start",), str(exc))
            return False
    return None


def _reported(ck: Checker, raw: dict, path: tuple, cal, base, ctx: Context) -> date | None:
    """Explicit `reported` (its first day), else the earliest dated source of the base statement."""
    if "reported" in raw:
        spec = ck.get(raw, "reported", path, ITEM["reported"], cal)
        return spec.first if spec is not None else None
    if base is None:
        return None
    dated = [
        ctx.sources[r.id].date.first
        for r in base[0].sources
        if r.id in ctx.sources and ctx.sources[r.id].date is not None
    ]
    return min(dated) if dated else None


def _updates(ck: Checker, raw: dict, path: tuple, kind, cal, base, reported) -> tuple[State, ...]:
    """The base statement, then one cumulative state per update, checked for date order."""
    if "updates" not in raw:
        return (base[0],) if base is not None else ()
    updates = ck.get(raw, "updates", path, ITEM["updates"]) or []
    states = [base[0]] if base is not None else []
    span = _Span()  # without a valid base, update dates are still checked
    if base is not None:
        span = _Span(base[1].start, base[1].end, base[1].duration)
    previous = None
    for j, entry in enumerate(updates):
        upath = path + ("updates", j)
        entry = ck.mapping(entry, UPDATE, _UPDATE_KEYS, upath, "a mapping of update fields")
        if entry is None:
            continue
        when = ck.get(entry, "as_of", upath, UPDATE["as_of"], cal)
        as_of = when.last if when is not None else None  # known from its last day
        _check_order(ck, upath, as_of, previous, reported)
        previous = as_of or previous
        how = (kind, cal, as_of, when.text if when is not None else "")
        state = _update_state(ck, entry, upath, how, states, span)
        if state is not None:
            states.append(state)
    return tuple(states)


def _check_order(ck: Checker, upath: tuple, as_of, previous, reported) -> None:
    if as_of is None:
        return
    where = upath + ("as_of",)
    if previous is not None and as_of < previous:
        ck.error(
            where, f"updates out of date order: {as_of} is before the previous update ({previous})"
        )
    elif reported is not None and as_of < reported:
        ck.error(where, f"update dated {as_of} is before the item was reported ({reported})")


def _update_state(ck: Checker, entry: dict, upath: tuple, how: tuple, states, span) -> State | None:
    """The state after one update: the previous state with the update's fields overridden."""
    (kind, cal, as_of, as_of_text), get = how, ck.get
    changes = {name: get(entry, name, upath, UPDATE[name]) for name in _PLAIN if name in entry}
    refs = get(entry, "sources", upath, UPDATE["sources"])
    if cites_nothing(entry, _UPDATE_KEYS):
        ck.warn(upath, "no source cited")
    done = _done(ck, entry, upath, kind, cal)
    if kind is None:
        _dates_only(ck, entry, upath, cal)
        return None
    span = _span(ck, entry, upath, kind, cal, span, required=False)
    if span is None or not states or as_of is None:
        return None
    end = span.start if kind in _POINT else _end(ck, span, upath, entry)
    if end is False:
        return None
    prev = states[-1]
    return State(
        as_of,
        changes.get("title", prev.title),
        changes.get("status", prev.status) or "",
        span.start,
        end,
        changes.get("notes", prev.notes),
        changes.get("quantities", prev.quantities),
        refs or (),
        done if "done" in entry else prev.done,
        as_of_text,
    )


def _links(ck: Checker, raw: dict, path: tuple, iid, ctx: Context) -> tuple[Link, ...]:
    """Typed links to other items; targets must exist and differ from the item itself."""
    links = []
    for kind in LINK_KINDS:
        if kind not in raw:
            continue
        targets = ck.get(raw, kind, path, ITEM[kind]) or ()
        valid = []
        for k, target in enumerate(targets):
            if type(target) is not str:
                continue
            if target == iid:
                ck.error(path + (kind, k), f"{quoted(target)} links to itself")
            elif target not in ctx.item_ids:
                hint = ck.hint(target, ctx.item_ids)
                ck.error(path + (kind, k), f"unknown item {quoted(target)}{hint}")
            else:
                valid.append(target)
                links.append(Link(kind, target))
        if kind in ctx.graphs and iid is not None and ctx.first_at.get(iid) == path[1]:
            ctx.graphs[kind][iid] = valid
    return tuple(links)


def find_cycles(graph: dict[str, list[str]], order: list[str]) -> list[list[str]]:
    """Cycles of a directed graph, each as a closed walk [a, b, a]; iterative depth-first search."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles = []
    for root in order:
        if root in state:
            continue
        state[root], trail, stack = 1, [root], [iter(graph.get(root, ()))]
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[trail.pop()] = 2
                stack.pop()
            elif nxt not in state:
                state[nxt] = 1
                trail.append(nxt)
                stack.append(iter(graph.get(nxt, ())))
            elif state[nxt] == 1:
                cycles.append(trail[trail.index(nxt) :] + [nxt])
    return cycles
