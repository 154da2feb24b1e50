"""Build model.Timeline objects directly for frame and figure unit tests (no loader involved)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from defense_timeline.timeline.dates import Calendar, DateSpec, calendar_from, parse_date
from defense_timeline.timeline.model import (
    Item,
    Lane,
    Link,
    Quantity,
    Source,
    SourceRef,
    State,
    Timeline,
)

JP = calendar_from("JP")


def day(text: str) -> date:
    """An ISO day."""
    return date.fromisoformat(text)


def spec(text: str) -> DateSpec:
    """A DateSpec from the real date engine, in the JP calendar."""
    return parse_date(text, JP)


def _state(fields: dict, as_of: date | None, base: State | None, point: bool) -> State:
    """A State from builder fields, inheriting whatever an update does not name."""
    values = {}
    for key in ("title", "status", "notes"):
        if key in fields:
            values[key] = fields[key]
    start_key = "date" if point else "start"
    if start_key in fields:
        values["start"] = spec(fields[start_key])
        if point:
            values["end"] = values["start"]
    if "end" in fields and not point:
        values["end"] = spec(fields["end"]) if fields["end"] is not None else None
    if "quantities" in fields:
        values["quantities"] = tuple(Quantity(c, w) for c, w in fields["quantities"])
    refs = tuple(r if isinstance(r, SourceRef) else SourceRef(r) for r in fields.get("sources", ()))
    values["sources"] = refs
    if base is None:
        return State(as_of=None, **values)
    return replace(base, as_of=as_of, **values)


def item(item_id: str, kind: str = "period", lane: str = "a", **fields) -> Item:
    """An item: fields title/status/start/end/date/notes/quantities/sources, plus updates,
    reported, links [(kind, target)], tags."""
    point = kind != "period"
    base_fields = {"title": item_id.replace("-", " ").title(), "status": "planned", "notes": ""}
    if point:
        base_fields["date"] = "2016-06-01"
    else:
        base_fields.update(start="2015-01-01", end="2016-12-31")
    base_fields.update(
        {k: v for k, v in fields.items() if k not in ("updates", "reported", "links", "tags")}
    )
    base = _state(base_fields, None, None, point)
    states = [base]
    for upd in fields.get("updates", ()):
        states.append(_state(upd, day(upd["as_of"]), states[-1], point))
    reported = fields.get("reported")
    return Item(
        id=item_id,
        kind=kind,
        lane=lane,
        calendar=None,
        states=tuple(states),
        reported=day(reported) if reported else None,
        links=tuple(Link(k, t) for k, t in fields.get("links", ())),
        tags=tuple(fields.get("tags", ())),
    )


def timeline(
    items: list[Item],
    lanes: tuple = ("a", "b"),
    as_of: str = "2017-02-19",
    title: str = "Test timeline",
    sources: tuple[Source, ...] = (),
    calendar: Calendar | None = JP,
) -> Timeline:
    """A Timeline whose lanes are ids (label = id upper-cased) or ready Lane objects."""
    lane_objs = tuple(
        lane if isinstance(lane, Lane) else Lane(lane, lane.upper()) for lane in lanes
    )
    return Timeline(
        title=title,
        as_of=day(as_of),
        calendar=calendar,
        sources={s.id: s for s in sources},
        lanes=lane_objs,
        items=tuple(items),
    )


def generated(n: int, lanes: int = 8, seed: int = 7) -> Timeline:
    """A large synthetic timeline: n items spread over lanes, kinds and 30 years."""
    import random

    rng = random.Random(seed)
    items = []
    kinds = ("period", "period", "event", "deadline", "milestone")
    for i in range(n):
        kind = kinds[i % len(kinds)]
        y, m = rng.randrange(1995, 2025), rng.randrange(1, 13)
        lane = f"l{i % lanes}"
        if kind == "period":
            y2 = y + rng.randrange(0, 6)
            items.append(
                item(
                    f"i{i}",
                    kind,
                    lane,
                    start=f"{y}-{m:02d}",
                    end=f"{y2}-{rng.randrange(m if y2 == y else 1, 13):02d}",
                )
            )
        else:
            items.append(item(f"i{i}", kind, lane, date=f"{y}-{m:02d}-{rng.randrange(1, 28):02d}"))
    return timeline(items, lanes=tuple(f"l{k}" for k in range(lanes)), as_of="2020-01-01")


def ndpg_timeline():
    """The README's example: a guideline revised twice, a study and a deadline."""
    ndpg = item(
        "ndpg-2013",
        lane="guidelines",
        title="NDPG for FY2014 and beyond",
        status="approved",
        start="2013-12-17",
        end="~2023-12-16",
        tags=("guidelines",),
        notes="Set to run about ten years.",
        sources=(SourceRef("jt", "Abe's Cabinet approved the guidelines in 2013."),),
        updates=[
            {"as_of": "2017-02-19", "end": "2018-H2?", "status": "planned", "sources": ("jt",)},
            {
                "as_of": "2018-12-18",
                "end": "2018-12-18",
                "status": "superseded",
                "sources": ("mod",),
            },
        ],
    )
    study = item(
        "ldp-study",
        lane="ldp",
        start="2017-03",
        end=None,
        status="under study",
        reported="2017-02-19",
        tags=("ldp", "study"),
        quantities=[(17, "Osprey tilt-rotor aircraft"), (2.5, "billion yen")],
    )
    due = item(
        "ldp-due",
        "deadline",
        "ldp",
        date="2017-06",
        reported="2017-02-19",
        links=[("depends_on", "ldp-study")],
    )
    old = item("mtdp-old", "event", "ldp", date="2012", status="completed")
    lanes = (Lane("ldp", "LDP", order=2), Lane("guidelines", "Guidelines (NDPG)", order=1))
    return timeline([due, study, ndpg, old], lanes=lanes, as_of="2017-02-19")
