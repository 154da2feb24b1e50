"""Validation of a loaded timeline document: every problem as an Issue at a path, and the model.

The field tables live in fields.py (re-exported here); the JSON Schema is derived from them.
"""

from __future__ import annotations

import re

from defense_timeline.timeline.checker import Checker, Issue
from defense_timeline.timeline.crosscheck import supersessions, undated_sources
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
    undated_sources(ck, items, sources, data.get("sources"))
    supersessions(ck, items, ctx.first_at)
    if ck.errors:
        return None, ck.finish()
    return Timeline(title, as_of, calendar, description, sources, lanes, items, path), ck.finish()


def _entries(ck: Checker, raw: list, section: str, table: dict[str, Field], cal=None):
    """(index, path, fields) of each entry of a sources or lanes list with a new id; a repeated
    id is an error and the first entry with it wins."""
    keys = frozenset(table)
    first_at: dict[str, int] = {}
    for i, entry in enumerate(raw):
        path = (section, i)
        entry = ck.mapping(entry, table, keys, path, f"a mapping of {section[:-1]} fields")
        if entry is None:
            continue
        fields = {name: ck.get(entry, name, path, table[name], cal) for name in table}
        the_id = fields["id"]
        if the_id is None:
            continue
        if the_id in first_at:
            message = f"duplicate {section[:-1]} id {quoted(the_id)} (first at line {{first}})"
            ck.error(path + ("id",), message, related=(section, first_at[the_id], "id"))
            continue
        first_at[the_id] = i
        yield i, path, fields


def _sources(ck: Checker, raw: list, calendar) -> dict[str, Source]:
    """Sources by id; the first of a duplicated id wins (the duplicate is an error)."""
    out: dict[str, Source] = {}
    for _, _, f in _entries(ck, raw, "sources", SOURCE, calendar):
        out[f["id"]] = Source(
            f["id"],
            f["title"] or "",
            f["publisher"] or "",
            f["date"],
            f["url"] or "",
            f["kind"] or "",
        )
    return out


def _lanes(ck: Checker, raw: list | None) -> tuple[Lane, ...]:
    """Lanes sorted by `order` (default: their position in the file, counted from 1)."""
    if raw is None:
        return ()
    if not raw:
        ck.error(("lanes",), "add at least one lane")
    found: list[tuple[int, int, Lane]] = []
    for i, _, f in _entries(ck, raw, "lanes", LANE):
        order = i + 1 if f["order"] is None else f["order"]
        lane = Lane(f["id"], f["label"] or "", f["color"], order, f["calendar"])
        found.append((order, i, lane))
    return tuple(lane for _, _, lane in sorted(found, key=lambda t: t[:2]))


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
