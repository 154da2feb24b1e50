"""Checks across items, once every item is built: sources without a date that leave items with
no report date, and `supersedes` links whose dates contradict each other (warnings)."""

from __future__ import annotations

from defense_timeline.timeline.checker import Checker
from defense_timeline.timeline.messages import quoted
from defense_timeline.timeline.model import Item, Source

_NAMED_MAX = 5  # items named in one warning; the rest are counted


def undated_sources(ck: Checker, items: tuple[Item, ...], sources: dict[str, Source], raw) -> None:
    """A warning at each source without a date that some item's report date depends on (the
    item cites no dated source and states no `reported`): such items show in every view."""
    needs: dict[str, list[str]] = {}
    for item in items:
        if item.reported is not None:
            continue
        for ref in item.base.sources:
            source = sources.get(ref.id)
            if source is not None and source.date is None:
                needs.setdefault(ref.id, []).append(item.id)
    where = _source_index(raw)
    for sid, ids in needs.items():
        ids = list(dict.fromkeys(ids))
        named = ", ".join(quoted(i) for i in ids[:_NAMED_MAX])
        more = f" and {len(ids) - _NAMED_MAX} more" if len(ids) > _NAMED_MAX else ""
        noun = "item" if len(ids) == 1 else "items"
        ck.warn(
            ("sources", where.get(sid, 0), "id"),
            f"source {quoted(sid)} has no date, so the report date of {noun} {named}{more} is "
            'unknown: they show in every view, marked "report date unknown" (add the '
            "source's date, or `reported:` to the items)",
        )


def _source_index(raw: object) -> dict[str, int]:
    """Source id -> index of its first entry in the file's sources list."""
    out: dict[str, int] = {}
    for i, entry in enumerate(raw if type(raw) is list else ()):
        sid = entry.get("id") if type(entry) is dict else None
        if type(sid) is str:
            out.setdefault(sid, i)
    return out


def supersessions(ck: Checker, items: tuple[Item, ...], first_at: dict[str, int]) -> None:
    """Warnings where a successor and the item it supersedes contradict each other: the old
    item states an end after the successor starts, or the successor starts before it."""
    by_id = {item.id: item for item in items}
    for item in items:
        new = item.states[-1]
        for target in item.links_of("supersedes"):
            old_item = by_id.get(target)
            if old_item is None:
                continue
            old = old_item.states[-1]
            starts = f"{quoted(item.id)}, which supersedes it, starts {new.start.text}"
            where = ("items", first_at.get(target, 0))
            late_end = old_item.kind == "period" and old.end is not None
            if late_end and old.end.first > new.start.last:
                ck.warn(where, f"ends {old.end.text} but {starts}")
            elif new.start.last < old.start.first:
                ck.warn(where, f"starts {old.start.text} but {starts}")
