"""Entries to a timeline document, its YAML text, and the check by the project's own loader,
whose problems are named again at the cell or JSON path they came from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

import yaml
from defense_timeline.errors import InvalidTimeline, Problem
from defense_timeline.timeline import loader
from defense_timeline.timeline.fields import POINT_KINDS
from defense_timeline.timeline.imports.cells import vocabulary_word
from defense_timeline.timeline.imports.entries import Entry, Ids, ImportOptions, SourceBook, slug
from defense_timeline.timeline.imports.found import Found
from defense_timeline.timeline.messages import quoted
from defense_timeline.timeline.model import Timeline
from defense_timeline.vocabulary import KIND_SYNONYMS, KINDS, LINK_KINDS, STATUS_SYNONYMS, STATUSES

DEFAULT_LANE = "Items"
_ITEM_FIELD = re.compile(r"^items\[(.+?)\](?:\.([a-z_]+))?")
_SOURCE_FIELD = re.compile(r"^sources\[(.+?)\]")
_SOURCE_ID = re.compile(r"^sources\[(.+)\]\.id$")
_NAMED_MAX = 3  # items named in a source's "no date" line; the rest are counted
SHEET_DATING = (
    'date it in a "source date" (or "published") column, or give its rows a "reported" date'
)
TIMELINEJS_DATING = 'end its media credit with its date ("Kyodo, 2017-02-19")'
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
    dating: str = SHEET_DATING  # how a user of this input dates a source
    as_of: date | None = None  # the view date the input says it was made for


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
    as_of = options.as_of or sheet.as_of or date.today()
    if not options.title and not sheet.title:
        stem = PurePath(found.name).stem or found.name
        sheet = Sheet(stem, sheet.description, sheet.dating, sheet.as_of)
    doc, lanes = _document(good, book, options, sheet, as_of)
    _known_links(good, found)
    _vocabulary(good, found)
    doc["items"] = [_item(e, lanes) for e in good]
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
    undated = _undated(timeline.warnings)
    kept = [w for w in timeline.warnings if not _undated((w,))]
    warnings = found.problems + _placed(kept, good, book, found.name)
    warnings += _undated_lines(timeline, undated, book, found.name, sheet.dating)
    return Imported(text, timeline, tuple(warnings))


def _vocabulary(entries: list[Entry], found: Found) -> None:
    """Kinds and statuses as the vocabulary's words; a synonym is read as the word it stands
    for, with a warning at its cell ("Published" is "in force")."""
    for entry in entries:
        for name, words, synonyms in (
            ("kind", KINDS, KIND_SYNONYMS),
            ("status", STATUSES, STATUS_SYNONYMS),
        ):
            given = getattr(entry, name)
            if not given:
                continue
            word, synonym = vocabulary_word(given, words, synonyms)
            setattr(entry, name, word)
            if synonym:
                message = f"{name} {quoted(given)} is read as {quoted(word)}"
                found.error(entry.places.get(name, entry.place), message, "warning")


def _undated(warnings) -> set[str]:
    """The sources the loader warned have no date (its warning at a source's id: an item's
    report date depends on them); the importer says it again in the input's own terms."""
    return {m[1] for w in warnings if w.severity == "warning" and (m := _SOURCE_ID.match(w.field))}


def _undated_lines(timeline: Timeline, undated: set[str], book, name: str, dating: str) -> list:
    """One warning per source with no date, at the cell that first cites it: the items whose
    report date is unknown because of it, and how to date it in this kind of input."""
    needs: dict[str, list[str]] = {}
    for item in (i for i in timeline.items if i.reported is None):
        for sid in dict.fromkeys(ref.id for ref in item.sources if ref.id in undated):
            needs.setdefault(sid, []).append(item.id)
    lines = []
    for sid in (s for s in book.sources if s in needs):
        ids = needs[sid]
        named = ", ".join(quoted(i) for i in ids[:_NAMED_MAX])
        more = f" and {len(ids) - _NAMED_MAX} more" if len(ids) > _NAMED_MAX else ""
        who = f"item {named} is" if len(ids) == 1 else f"{len(ids)} items ({named}{more}) are"
        message = (
            f"source {quoted(sid)} has no date, so {who} shown in every view as "
            f'"report date unknown"; {dating}'
        )
        lines.append(Problem(f"{name}:{book.places[sid]}", None, None, "", message, "warning"))
    return lines


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


def _item(entry: Entry, lanes: dict) -> dict:
    """One item of the format from an entry, point or period. A missing kind is a period when
    it has an end, else an event; a status only when the input states one (the state as of a
    day is derived from the dates)."""
    kind = entry.kind or ("period" if entry.end or entry.duration else "event")
    point = kind in POINT_KINDS
    item: dict = {"id": entry.id, "title": entry.title, "kind": kind}
    item["lane"] = lanes[entry.lane or DEFAULT_LANE][1]
    if entry.status:
        item["status"] = entry.status
    if entry.calendar:
        item["calendar"] = entry.calendar
    if entry.start is not None:
        item["date" if point else "start"] = entry.start
    if entry.end is not None and not (point and entry.end == entry.start):
        item["end"] = entry.end
    if entry.duration is not None:
        item["duration"] = entry.duration
    if entry.done is not None:
        item["done"] = entry.done
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
    refs = [{"id": sid, "quote": quote} if quote else sid for sid, quote in _citations(entry)]
    if refs:
        item["sources"] = refs
    return item


def _citations(entry: Entry) -> list[tuple[str, str]]:
    """(source id, quote) of each citation: those read with their quotes (a source may be
    cited twice, for two quotes), then each other source once; a quote column goes to the
    first source."""
    pairs = list(dict.fromkeys(entry.citations))
    quoted_ids = {sid for sid, _ in pairs}
    pairs += [(sid, "") for sid in dict.fromkeys(entry.sources) if sid not in quoted_ids]
    if pairs and entry.quote and not pairs[0][1]:
        pairs[0] = (pairs[0][0], entry.quote)
    return pairs


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
