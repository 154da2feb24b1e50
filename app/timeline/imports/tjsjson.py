"""TimelineJS JSON (the object TimelineJS 3 is given: `title`, `events`, `eras`) as entries,
problems named by their JSON path: events.json:events[3].start_date.month."""

from __future__ import annotations

from defense_timeline.timeline.imports.build import TIMELINEJS_DATING, Sheet
from defense_timeline.timeline.imports.entries import Entry, ImportOptions, SourceBook
from defense_timeline.timeline.imports.found import Found, fail
from defense_timeline.timeline.imports.timelinejs import (
    ERAS_LANE,
    PARTS,
    Slide,
    part_values,
    read_json,
    slide_entry,
    title_of,
    tl_date,
)
from defense_timeline.timeline.messages import kind_of

MAX_EVENTS = 200_000


def json_entries(
    text: str, options: ImportOptions, book: SourceBook, found: Found
) -> tuple[list[Entry], Sheet]:
    """The events and eras of a TimelineJS JSON text, and its title slide."""
    data = read_json(text, found.name)
    if type(data) is not dict:
        raise fail(
            found.name, f'expected a TimelineJS object {{"events": [...]}}, got {kind_of(data)}'
        )
    sheet = Sheet(dating=TIMELINEJS_DATING)
    if data.get("title") is not None:
        slide = _slide(data["title"], "title", found)
        sheet = title_of(slide) if slide is not None else sheet
    entries = []
    for key, lane in (("events", ""), ("eras", ERAS_LANE)):
        listed = data.get(key)
        if listed is None and key == "events":
            found.error(None, 'no "events": a TimelineJS file lists its slides in "events"')
        elif listed is not None and type(listed) is not list:
            found.error(key, f"expected a list, got {kind_of(listed)}")
        elif listed:
            if len(listed) > MAX_EVENTS:
                found.error(key, f"more than {MAX_EVENTS:,} slides")
                continue
            entries += _entries(listed, key, lane, options, book, found)
    return entries, sheet


def _entries(listed: list, key: str, lane: str, options, book, found) -> list[Entry]:
    entries = []
    for i, raw in enumerate(listed):
        path = f"{key}[{i}]"
        slide = _slide(raw, path, found)
        if slide is None:
            continue
        dates = []
        for field in ("start_date", "end_date"):
            values = part_values(raw.get(field), f"{path}.{field}", found)
            places = {p: f"{path}.{field}.{p}" for p in PARTS}
            dates.append(tl_date(values, places, found, options) if values is not None else None)
        start, end = dates
        if start is None and "start_date" not in raw:
            found.error(path, "missing start_date (every TimelineJS slide but the title has one)")
        entry = slide_entry(slide, start or None, end or None, book, options)
        entry.bad = start in (None, False) or end is False or slide.place in found.bad_places
        if lane:
            entry.lane, entry.kind = lane, "period"
        entries.append(entry)
    return entries


def _slide(raw: object, path: str, found: Found) -> Slide | None:
    """A slide's text, group, display date, media and id; None if it is not an object."""
    if type(raw) is not dict:
        found.error(path, f"expected a slide object, got {kind_of(raw)}")
        return None
    text = _object(raw, "text", path, found)
    media = _object(raw, "media", path, found)
    places = {
        "title": f"{path}.text.headline",
        "start": f"{path}.start_date",
        "end": f"{path}.end_date",
        "lane": f"{path}.group",
        "source": f"{path}.media.url",
        "credit": f"{path}.media.credit",
    }
    return Slide(
        path,
        places,
        headline=_text(text, "headline", f"{path}.text", found),
        text=_text(text, "text", f"{path}.text", found),
        group=_text(raw, "group", path, found),
        display=_text(raw, "display_date", path, found),
        media_url=_text(media, "url", f"{path}.media", found),
        media_credit=_text(media, "credit", f"{path}.media", found),
        unique_id=_text(raw, "unique_id", path, found),
        start_display=_date_display(raw, "start_date"),
        end_display=_date_display(raw, "end_date"),
    )


def _date_display(raw: dict, key: str) -> str:
    """A date object's own display_date (TimelineJS shows it in place of the date)."""
    value = raw.get(key)
    shown = value.get("display_date") if type(value) is dict else None
    return shown if isinstance(shown, str) else ""


def _object(raw: dict, key: str, path: str, found: Found) -> dict:
    value = raw.get(key)
    if value is None:
        return {}
    if type(value) is not dict:
        found.error(f"{path}.{key}", f"expected an object, got {kind_of(value)}")
        found.bad_places.add(path)
        return {}
    return value


def _text(raw: dict, key: str, path: str, found: Found) -> str:
    value = raw.get(key)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    found.error(f"{path}.{key}", f"expected text, got {kind_of(value)}")
    found.bad_places.add(path.split(".", 1)[0])
    return ""
