"""THE slip computation: how an item's dates moved from its plan, aware of each date's precision.

One place decides whether a statement revised the plan or only made its dates more precise, by
how many days the plan slipped, and the words for it. The frame's `revised`, `slip_days` and
`change` columns, the chart's hover cards and the dashboard's details panel all read it.

Every date stands for an interval of days. A new interval inside the planned one is a refinement
(2013 -> 2013-12-17: "date made precise"), not a slip. A date that moved later is measured from
the plan's last possible day to the new last day; one that moved earlier from the plan's first
possible day to the new first day. So "2017-06" -> "2018-05" is 335 days (11 months) later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from defense_timeline.timeline.dates import DateSpec
from defense_timeline.timeline.model import State
from defense_timeline.view.describe import describe_slip, span_text

PRECISE = "date made precise"


@dataclass(frozen=True, slots=True)
class Slip:
    """How a statement's dates stand against its plan."""

    days: int | None  # days later (+) or earlier (-); None when no day can be measured
    words: str  # "now ends 2018-12-18, 5.0 years earlier", "date made precise", "" unchanged
    revised: bool  # the dates left the planned intervals: the plan is drawn as a ghost


UNMOVED = Slip(0, "", False)


def shift(plan: tuple[date, date], now: tuple[date, date]) -> int | None:
    """Signed days one interval moved from another: 0 inside it, None when it widened both ways."""
    (p_first, p_last), (first, last) = plan, now
    if first >= p_first and last <= p_last:
        return 0
    later, earlier = max(0, (last - p_last).days), max(0, (p_first - first).days)
    if later and earlier:
        return None
    return later or -earlier


def _span(spec: DateSpec) -> tuple[date, date]:
    return spec.first, spec.last


def _moved(verb: str, plan: DateSpec, now: DateSpec) -> tuple[int | None, str]:
    """Days and words for one date: '' when it is the same interval."""
    if _span(plan) == _span(now):
        return 0, ""
    days = shift(_span(plan), _span(now))
    if days == 0:
        return 0, f"now {verb} {now.text}, {PRECISE}"
    if days is None:
        return None, f"now {verb} {now.text}, date made less precise"
    return days, f"now {verb} {now.text}, {describe_slip(days)}"


def _end(plan: DateSpec | None, now: DateSpec | None) -> tuple[int | None, str, bool]:
    """A period's end: days, words, and whether it left the plan (an open plan holds any end)."""
    if plan is None and now is None:
        return None, "", False
    if plan is None:
        return None, f"now ends {now.text} (was open-ended)", False
    if now is None:
        return None, "now open-ended", True
    days, words = _moved("ends", plan, now)
    return days, words, days != 0


def done_of(state: State, kind: str, day: date) -> DateSpec | None:
    """When a deadline or milestone was actually met, if its statement records it and the view
    day has reached it."""
    done = state.done if kind in ("deadline", "milestone") else None
    return done if done is not None and done.first <= day else None


def met_words(days: int | None) -> str:
    """'met 11 months late', 'met on time', 'met 3 days early' (None: outcome not dated)."""
    if days is None:
        return "met (date less precise than the due date)"
    if days == 0:
        return "met on time"
    return f"met {span_text(days)} {'late' if days > 0 else 'early'}"


def delay(kind: str, due: DateSpec, done: DateSpec) -> int | None:
    """Days a deadline or milestone was met after its date (negative: early; None: unknown).

    A deadline met any day up to its last day is on time; a milestone reached before its
    interval is early.
    """
    days = shift(_span(due), _span(done))
    if kind == "deadline" and done.last <= due.last:
        return 0
    return days


def slip(plan: State | None, now: State, kind: str, done: DateSpec | None = None) -> Slip:
    """How now stands against plan (None: no plan to compare with); for a deadline or milestone
    met on `done`, the days are its delay."""
    if plan is now and done is None:  # the plan itself (most rows): nothing moved
        return UNMOVED
    days, parts, revised = _against_plan(plan, now, kind != "period")
    if done is not None:
        days = delay(kind, now.start, done)
        parts.append(met_words(days))
    return Slip(days, "; ".join(p for p in parts if p), revised)


def _against_plan(plan: State | None, now: State, point: bool) -> tuple[int | None, list, bool]:
    """Days (a period's end, else its start or a point's date), words and whether revised."""
    if plan is None:
        return None, [], False
    days, words = _moved("falls on" if point else "starts", plan.start, now.start)
    revised, parts = days != 0, [words]
    if not point:
        end_days, end_words, end_out = _end(plan.end, now.end)
        revised = revised or end_out
        parts.append(end_words)
        if plan.end is not None and now.end is not None:
            days = end_days
        elif plan.end is not None or now.end is not None:
            days = None
    return days, parts, revised
