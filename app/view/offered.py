"""What a timeline offers each list option of view.options: (value, label) pairs in the order a
picker shows them (lanes, kinds, statuses, states, tags, sources)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from defense_timeline.vocabulary import KINDS, STATES, STATES_BY_KIND, STATUSES

if TYPE_CHECKING:
    from defense_timeline.timeline.model import Timeline


def lanes(timeline: Timeline) -> list[tuple[str, str]]:
    """Every lane, in the file's order."""
    return [(lane.id, lane.label) for lane in timeline.lanes]


def kinds(timeline: Timeline) -> list[tuple[str, str]]:
    """The kinds some item has, in the vocabulary's order."""
    used = {item.kind for item in timeline.items}
    return [(kind, kind) for kind in KINDS if kind in used]


def statuses(timeline: Timeline) -> list[tuple[str, str]]:
    """The statuses some statement gives, in the vocabulary's order."""
    used = {state.status for item in timeline.items for state in item.states}
    return [(status, status) for status in STATUSES if status in used]


def sources(timeline: Timeline) -> list[tuple[str, str]]:
    """Every source, oldest first (undated last), labelled with its date and title."""
    ranked = sorted(
        timeline.sources.values(),
        key=lambda s: (s.date is None, s.date.first if s.date else date.min),
    )
    return [(s.id, f"{s.date.text} · {s.title}" if s.date else s.title) for s in ranked]


def states(timeline: Timeline) -> list[tuple[str, str]]:
    """The states the timeline's kinds can be in, in the vocabulary's order."""
    kinds = {item.kind for item in timeline.items}
    possible = {s for kind in kinds for s in STATES_BY_KIND[kind]}
    return [(state, state) for state in STATES if state in possible]


def tags(timeline: Timeline) -> list[tuple[str, str]]:
    """Every tag some item has, sorted."""
    return [(tag, tag) for tag in sorted({tag for item in timeline.items for tag in item.tags})]
