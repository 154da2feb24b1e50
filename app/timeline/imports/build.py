"""Entries to a timeline document, its YAML text, and the check by the project's own loader,
whose problems are named again at the cell or JSON path they came from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

import yaml
from defense_timeline.errors import DateError, InvalidTimeline, Problem
from defense_timeline.timeline import loader
from defense_timeline.timeline.dates import (
    calendar_from,
    end_from_duration,
    parse_date,
    parse_duration,
)
from defense_timeline.timeline.fields import POINT_KINDS
from defense_timeline.timeline.imports.entries import Entry, Ids, ImportOptions, SourceBook, slug
from defense_timeline.timeline.imports.found import Found
from defense_timeline.timeline.messages import quoted
from defense_timeline.timeline.model import Timeline
from defense_timeline.vocabulary import LINK_KINDS

DEFAULT_LANE = "Items"
_ITEM_FIELD = re.compile(r"^items\[(.+?)\](?:\.([a-z_]+))?")
_SOURCE_FIELD = re.compile(r"^sources\[(.+?)\]")
_FIELD_PLACE = {"date": "start", "duration": "end", "sources": "source"} | {
    kind: "links" for kind in LINK_KINDS
}


@dataclass(frozen=True, slots=True)
class Imported:
    """A converted timeline: the YAML text to write, the loaded timeline and its warnings."""

    text: str
    timeline: Timeline
    warnings: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class Sheet:
    """What a reader found besides the items: a title and description (TimelineJS title slide)."""

    title: str = ""
    description: str = ""


def finish(
    entries: list[Entry], book: SourceBook, found: Found, options: ImportOptions, sheet: Sheet
) -> Imported:
    """The YAML timeline of the entries, checked by the loader; InvalidTimeline lists every
    problem (those of the cells first), each at its place in the input."""
    if not entries:
        found.error(None, "no items: no row below the header has a title or a date")
        found.check()
    _check_ids(entries, found)
    good = [e for e in entries if not e.bad]
    if not good:
        found.check()  # every entry has a problem: they say it all
    as_of = options.as_of or date.today()
    if not options.title and not sheet.title:
        sheet = Sheet(PurePath(found.name).stem or found.name, sheet.description)
    doc, lanes = _document(good, book, options, sheet, as_of)
    _known_links(good, found)
    doc["items"] = [_item(e, lanes, options, as_of) for e in good]
    text = _yaml(doc, found.name)
    try:
        timeline = loader.loads(text, name=found.name, max_bytes=loader.MAX_BYTES_CEILING)
    except InvalidTimeline as exc:
        errors = [p for p in exc.problems if p.severity == "error"]  # warnings come on success
        for problem in _placed(errors, good, book, found.name):
            found.add(problem)
        found.check()
        raise
    found.check()
    warnings = found.problems + _placed(timeline.warnings, good, book, found.name)
    return Imported(text, timeline, tuple(warnings))


def _check_ids(entries: list[Entry], found: Found) -> None:
    """A given id used twice is a problem at its cell, naming the cell of its first use."""
    first: dict[str, Entry] = {}
    for entry in entries:
        if not entry.id:
            continue
        if entry.id in first:
            where = first[entry.id].places.get("id", first[entry.id].place)
            message = f"id {quoted(entry.id)} is used before, at {where}"
            found.error(entry.places.get("id", entry.place), message)
            entry.bad = True
        else:
            first[entry.id] = entry


def _document(
    entries: list[Entry], book: SourceBook, options: ImportOptions, sheet: Sheet, as_of: date
) -> tuple[dict, dict]:
    """The timeline as the format's plain data but its items, and its lanes (in order of first
    appearance); every entry gets its id."""
    doc: dict = {"title": options.title or sheet.title}
    if sheet.description:
        doc["description"] = sheet.description
    doc["as_of"] = as_of.isoformat()
    if options.calendar is not None:
        cal = options.calendar
        named = cal.name != "custom"
        doc["calendar"] = cal.name if named else _custom(cal)
    lanes = _lanes(entries)
    if book.sources:
        doc["sources"] = list(book.sources.values())
    doc["lanes"] = [{"id": lane_id, "label": label} for label, lane_id in lanes.values()]
    ids = Ids()
    for entry in entries:
        if entry.id:
            ids.reserve(entry.id)
    for n, entry in enumerate(entries, 1):
        entry.id = entry.id or ids.make(entry.title, f"item-{n}")
    return doc, lanes


def _known_links(entries: list[Entry], found: Found) -> None:
    """Links to items of this input only: one to an id that is not here (an item the export's
    view left out, say) is left out with a warning at its cell."""
    ids = {entry.id for entry in entries}
    for entry in entries:
        kept = [(kind, target) for kind, target in entry.links if target in ids]
        for _kind, target in (link for link in entry.links if link[1] not in ids):
            place = entry.places.get("links") or entry.places.get("depends_on") or entry.place
            found.error(place, f"no item {quoted(target)} here; the link is left out", "warning")
        entry.links = kept


def _custom(cal) -> dict:
    return {"start": f"{cal.start_month:02d}-{cal.start_day:02d}", "named_by": cal.named_by}


def _lanes(entries: list[Entry]) -> dict[str, tuple[str, str]]:
    """(label, id) of each lane, keyed by what entries name it by."""
    lanes: dict[str, tuple[str, str]] = {}
    ids = Ids()
    for entry in entries:
        key = entry.lane or DEFAULT_LANE
        if key not in lanes:
            label = entry.lane_label or key
            given = entry.lane if entry.lane_label and slug(entry.lane) == entry.lane else ""
            if given:
                ids.reserve(given)
            lanes[key] = (label, given or ids.make(key, f"lane-{len(lanes) + 1}"))
    return lanes


def _item(entry: Entry, lanes: dict, options: ImportOptions, as_of: date) -> dict:
    """One item of the format from an entry: defaults for kind and status, point or period."""
    kind = entry.kind.lower() or ("period" if entry.end or entry.duration else "event")
    point = kind in POINT_KINDS
    item: dict = {"id": entry.id, "title": entry.title, "kind": kind}
    item["lane"] = lanes[entry.lane or DEFAULT_LANE][1]
    item["status"] = entry.status.lower().replace("_", " ") or _status(entry, options, as_of)
    if entry.calendar:
        item["calendar"] = entry.calendar
    if entry.start is not None:
        item["date" if point else "start"] = entry.start
    if entry.end is not None and not (point and entry.end == entry.start):
        item["end"] = entry.end
    if entry.duration is not None:
        item["duration"] = entry.duration
    if entry.reported:
        item["reported"] = entry.reported
    notes = entry.notes
    if entry.quote and not entry.sources:
        notes = f"{notes}\n\n“{entry.quote}”".strip()
    if notes:
        item["notes"] = notes
    if entry.tags:
        item["tags"] = entry.tags
    if entry.quantities:
        item["quantities"] = entry.quantities
    for kind in LINK_KINDS:
        targets = [target for k, target in entry.links if k == kind]
        if targets:
            item[kind] = targets
    refs: list = list(dict.fromkeys(entry.sources))
    if refs and entry.quote:
        refs[0] = {"id": refs[0], "quote": entry.quote}
    if refs:
        item["sources"] = refs
    return item


def _status(entry: Entry, options: ImportOptions, as_of: date) -> str:
    """completed when the item's last day is before the view date, else planned."""
    try:
        cal = calendar_from(entry.calendar) if entry.calendar else options.calendar
        start = parse_date(entry.start, cal) if entry.start is not None else None
        if entry.end is not None:
            last = parse_date(entry.end, cal).last
        elif entry.duration is not None and start is not None:
            last = end_from_duration(start, parse_duration(entry.duration)).last
        elif start is not None and entry.kind.lower() in ("", *POINT_KINDS):
            last = start.last
        else:  # an open-ended period
            return "in force" if start is not None and start.first <= as_of else "planned"
    except DateError:
        return "planned"  # the loader names the date that is wrong
    if last < as_of:
        return "completed"
    started = start is not None and start.first <= as_of
    return "in force" if started and entry.kind.lower() in ("", "period") else "planned"


def _yaml(doc: dict, name: str) -> str:
    """The document as YAML, in the format's field order, text kept as written."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter when built with it
    body = yaml.dump(doc, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    return f"# Imported from {name.splitlines()[0][:200]} by defense-timeline import\n{body}"


def _placed(problems, entries: list[Entry], book: SourceBook, name: str) -> list[Problem]:
    """The loader's problems of the written YAML, named at the place in the input instead."""
    by_id = {e.id: e for e in entries}
    placed = []
    for problem in problems:
        where, field = name, problem.field
        item = _ITEM_FIELD.match(field)
        source = _SOURCE_FIELD.match(field)
        if item:
            entry = _entry(item[1], by_id, entries)
            if entry is not None:
                key = item[2] or ""
                place = entry.places.get(key) or entry.places.get(_FIELD_PLACE.get(key, key))
                place = place or entry.place
                where, field = f"{name}:{place}", key
        elif source and source[1] in book.places:
            where, field = f"{name}:{book.places[source[1]]}", field[source.end() :].lstrip(".")
        placed.append(Problem(where, None, None, field, problem.message, problem.severity))
    return placed


def _entry(label: str, by_id: dict[str, Entry], entries: list[Entry]) -> Entry | None:
    """The entry an items[...] label names: its id, else its index in the items list."""
    if label in by_id:
        return by_id[label]
    if label.isdigit() and int(label) < len(entries):
        return entries[int(label)]
    return None
