"""Validation of a loaded timeline document: every problem as an Issue at a path, and the model.

The field tables live in fields.py (re-exported here); the JSON Schema is derived from them.
"""

from __future__ import annotations

import re

from defense_timeline.timeline.checker import Checker, Issue
from defense_timeline.timeline.fields import (
    CALENDAR,
    ID_PATTERN,
    ITEM,
    LANE,
    QUANTITY,
    SOURCE,
    SOURCE_REF,
    TABLES,
    TIMELINE,
    UPDATE,
    Field,
    required,
)
from defense_timeline.timeline.items import Context, check_items
from defense_timeline.timeline.messages import kind_of, quoted
from defense_timeline.timeline.model import Lane, Source, Timeline

__all__ = [
    "CALENDAR",
    "ITEM",
    "LANE",
    "QUANTITY",
    "SOURCE",
    "SOURCE_REF",
    "TABLES",
    "TIMELINE",
    "UPDATE",
    "Field",
    "Issue",
    "display",
    "required",
    "validate",
]

_TIMELINE_KEYS = frozenset(TIMELINE)
_SOURCE_KEYS = frozenset(SOURCE)
_LANE_KEYS = frozenset(LANE)
_ID = re.compile(ID_PATTERN)
_NAMED_LISTS = ("items", "sources", "lanes")


def validate(data: object, path: str = "<string>", item_lines=None):
    """(Timeline or None, issues): the Timeline only when no issue is an error."""
    ck = Checker()
    if type(data) is not dict:
        ck.error(
            (),
            f"expected a mapping of timeline fields (title, as_of, ...), got {kind_of(data)}",
        )
        return None, ck.finish()
    ck.mapping(data, TIMELINE, _TIMELINE_KEYS, (), "a mapping")
    get = ck.get
    title = get(data, "title", (), TIMELINE["title"])
    description = get(data, "description", (), TIMELINE["description"]) or ""
    as_of = get(data, "as_of", (), TIMELINE["as_of"])
    calendar = get(data, "calendar", (), TIMELINE["calendar"])
    sources = _sources(ck, get(data, "sources", (), TIMELINE["sources"]) or [], calendar)
    ck.source_ids = frozenset(sources)
    raw_lanes = get(data, "lanes", (), TIMELINE["lanes"])
    lanes = _lanes(ck, raw_lanes)
    raw_items = get(data, "items", (), TIMELINE["items"]) or []
    ctx = Context(calendar, {lane.id: lane for lane in lanes}, sources, raw_lanes is not None)
    items = check_items(ck, raw_items, ctx, item_lines)
    if ck.errors:
        return None, ck.finish()
    return Timeline(title, as_of, calendar, description, sources, lanes, items, path), ck.finish()


def _sources(ck: Checker, raw: list, calendar) -> dict[str, Source]:
    """Sources by id; the first of a duplicated id wins (the duplicate is an error)."""
    out: dict[str, Source] = {}
    first_at: dict[str, int] = {}
    for i, entry in enumerate(raw):
        path = ("sources", i)
        entry = ck.mapping(entry, SOURCE, _SOURCE_KEYS, path, "a mapping of source fields")
        if entry is None:
            continue
        get = ck.get
        sid = get(entry, "id", path, SOURCE["id"])
        title = get(entry, "title", path, SOURCE["title"])
        day = get(entry, "date", path, SOURCE["date"], calendar)
        url = get(entry, "url", path, SOURCE["url"]) or ""
        kind = get(entry, "kind", path, SOURCE["kind"]) or ""
        publisher = get(entry, "publisher", path, SOURCE["publisher"]) or ""
        if sid is None:
            continue
        if sid in first_at:
            _duplicate(ck, "source", sid, path, ("sources", first_at[sid]))
            continue
        first_at[sid] = i
        out[sid] = Source(sid, title or "", publisher, day, url, kind)
    return out


def _lanes(ck: Checker, raw: list | None) -> tuple[Lane, ...]:
    """Lanes sorted by `order` (default: their position in the file, counted from 1)."""
    if raw is None:
        return ()
    if not raw:
        ck.error(("lanes",), "add at least one lane")
    found: list[tuple[int, int, Lane]] = []
    first_at: dict[str, int] = {}
    for i, entry in enumerate(raw):
        path = ("lanes", i)
        entry = ck.mapping(entry, LANE, _LANE_KEYS, path, "a mapping of lane fields")
        if entry is None:
            continue
        get = ck.get
        lid = get(entry, "id", path, LANE["id"])
        label = get(entry, "label", path, LANE["label"])
        color = get(entry, "color", path, LANE["color"])
        order = get(entry, "order", path, LANE["order"])
        calendar = get(entry, "calendar", path, LANE["calendar"])
        if lid is None:
            continue
        if lid in first_at:
            _duplicate(ck, "lane", lid, path, ("lanes", first_at[lid]))
            continue
        first_at[lid] = i
        order = i + 1 if order is None else order
        found.append((order, i, Lane(lid, label or "", color, order, calendar)))
    return tuple(lane for _, _, lane in sorted(found, key=lambda t: t[:2]))


def _duplicate(ck: Checker, what: str, the_id: str, path: tuple, first: tuple) -> None:
    message = f"duplicate {what} id {quoted(the_id)} (first at line {{first}})"
    ck.error(path + ("id",), message, related=first + ("id",))


def display(path: tuple, data: object) -> str:
    """The field a path names, with ids where known: items[ndpg-2013].updates[1].as_of."""
    out = ""
    node = data
    for depth, part in enumerate(path):
        if type(part) is int:
            label = str(part)
            if depth == 1 and path[0] in _NAMED_LISTS:
                label = _id_of(node, part) or label
            out += f"[{label}]"
        elif type(part) is not str or not _ID.fullmatch(part):
            out += f"[{quoted(part)}]"
        else:
            out += f".{part}" if out else part
        node = _child(node, part)
    return out


def _id_of(seq: object, index: int) -> str | None:
    entry = _child(seq, index)
    the_id = entry.get("id") if type(entry) is dict else None
    return the_id if type(the_id) is str and _ID.fullmatch(the_id) else None


def _child(node: object, part: object) -> object:
    if type(node) is dict:
        return node.get(part)
    if type(node) is list and type(part) is int and 0 <= part < len(node):
        return node[part]
    return None
