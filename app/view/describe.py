"""Words for an item's dates and for how far it moved from its plan, and the plan itself: shared
by the frame's columns, the chart's hover cards and the dashboard's details panel; and a view's
filters in words, which every output states."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from defense_timeline.timeline.calendars import MONTHS
from defense_timeline.timeline.dates import Calendar, DateSpec
from defense_timeline.timeline.model import Item, State
from defense_timeline.view.options import (
    FILTERS,
    LIST_KINDS,
    Filters,
    Option,
    ViewOptions,
    values_of,
)


def baseline_state(item: Item, baseline: date | None) -> State | None:
    """The plan to compare with: the base statement, or the state as of baseline if known then."""
    if baseline is None:
        return item.base
    if not item.known_on(baseline):
        return None
    return item.state_as_of(baseline)


def spec_text(spec: DateSpec | None) -> str:
    """A date as written with the days it stands for, e.g. '2018-H2? (2018-07-01 – 2018-12-31)'."""
    if spec is None:
        return "open-ended"
    days = spec.first.isoformat()
    if spec.last != spec.first:
        days += f" – {spec.last.isoformat()}"
    return spec.text if spec.text == days else f"{spec.text} ({days})"


def dates_text(state: State, point: bool, resolved: bool = False) -> str:
    """A statement's dates as written, "FY2014 – FY2018", "2013-12-17 – (open-ended)"; resolved:
    each with the days it stands for, "2017-03 (2017-03-01 – 2017-03-31) → open-ended"."""
    if resolved:
        start, end, between = spec_text(state.start), spec_text(state.end), " → "
    else:
        start, between = state.start.text, " – "
        end = state.end.text if state.end is not None else "(open-ended)"
    return start if point else f"{start}{between}{end}"


def span_text(days: int) -> str:
    """A length of time for humans: 5.0 years, 7 months, 12 days, 1 day."""
    days = abs(days)
    if days >= 365:
        return f"{days / 365.25:.1f} years"
    if days >= 60:
        return f"{round(days / 30.44)} months"
    return "1 day" if days == 1 else f"{days} days"


def describe_slip(days: int) -> str:
    """A signed number of days in words: '1.5 years later', '3 months earlier', 'on plan'."""
    if days == 0:
        return "on plan"
    return f"{span_text(days)} {'later' if days > 0 else 'earlier'}"


CALENDAR_NAMES = {
    "JP": "Japanese fiscal years",
    "US": "US federal fiscal years",
    "UK": "UK financial years",
    "AU": "Australian financial years",
}


def calendar_title(calendars: list[Calendar]) -> str:
    """Fiscal years that run alike, named: 'Japanese fiscal years (April–March)', 'Japanese
    fiscal years and UK financial years (April–March)', 'Fiscal years (from 15 July)'."""
    names = list(dict.fromkeys(CALENDAR_NAMES.get(c.name, "Fiscal years") for c in calendars))
    first = calendars[0]
    month = first.start_month
    if first.start_day == 1:
        months = f"{MONTHS[month - 1]}–{MONTHS[month - 2]}" if month != 1 else "January–December"
    else:
        months = f"from {first.start_day} {MONTHS[month - 1]}"
    return f"{' and '.join(names)} ({months})"


def said_status(status: object) -> str:
    """A stated status, or "" when none was stated (the frame holds NaN)."""
    return status if isinstance(status, str) else ""


def state_line(kind: str, state: str, status: object) -> str:
    """ "Period · ended · stated: approved": the kind, the state as of the view date and the
    status as stated, when one was and it says something else."""
    said = said_status(status)
    line = f"{kind.capitalize()} · {state}"
    return line + (f" · stated: {said}" if said and said != state else "")


def describe_values(values: Mapping[str, Any], declared: tuple[Option, ...]) -> str:
    """Declared filters' values (by name) in words: the lists, the date window, the text."""
    words = [
        f"{o.plural}: {', '.join(values[o.name])}"
        for o in declared
        if o.kind in LIST_KINDS and values[o.name]
    ]
    days = [values[o.name] for o in declared if o.kind == "day"]
    if any(days):
        words.append("dates " + " – ".join(d.isoformat() if d else "…" for d in days))
    words += [
        f'matching "{values[o.name]}"' for o in declared if o.kind == "text" and values[o.name]
    ]
    return ("showing only " + "; ".join(words)) if words else ""


def describe_filters(filters: Filters) -> str:
    """The active filters in words ("showing only lanes: a, b; kinds: event"), empty for none:
    every output states them, so a filtered chart never passes for the whole timeline."""
    return describe_values(values_of(ViewOptions(filters=filters), FILTERS), FILTERS)
