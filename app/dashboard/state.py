"""The dashboard's whole view as a URL query string and back, so a copied link reopens the view.

The keys are t (the timeline), one per declared view option with a key (view.options.OPTIONS),
then item (the selected item).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any
from urllib.parse import parse_qs, urlencode

from defense_timeline.view.options import OPTIONS, Option, ViewOptions, values_of, view_of

MAX_TEXT = 200  # longest search text or id kept from a URL
LINKED = tuple(opt for opt in OPTIONS if opt.key)  # the options a link carries, in its order


@dataclass(frozen=True, slots=True)
class PageState:
    """What the URL says: which timeline, the view options and the selected item."""

    timeline: str | None = None  # key of a served file or an upload; None: the first served file
    view: ViewOptions = field(default_factory=ViewOptions)
    item: str | None = None


def iso_day(value: str | None) -> date | None:
    """An ISO day, or None for anything else (a URL or a control is user input: never raise)."""
    if not value or not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _text(value: str | None) -> str:
    return (value or "")[:MAX_TEXT]


def _last(texts: list[str]) -> str | None:
    return texts[-1] if texts else None


def _choices(texts: list[str], allowed: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in texts if v in allowed))


def _free(texts: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_text(v) for v in texts if v))


def _flag(opt: Option, texts: list[str]) -> bool:
    return (not opt.default) if _last(texts) == opt.key_on else opt.default


# A value as the query's texts for its key (none for the default), and back; never an error.
ENCODE: dict[str, Callable[[Option, Any], list[str]]] = {
    "day": lambda opt, day: [day.isoformat()] if day else [],
    "names": lambda opt, values: list(values),
    "name": lambda opt, value: [value] if value else [],
    "choices": lambda opt, values: list(values),
    "text": lambda opt, text: [text] if text else [],
    "choice": lambda opt, value: [value] if value != opt.default else [],
    "flag": lambda opt, on: [opt.key_on] if on != opt.default else [],
}
DECODE: dict[str, Callable[[Option, list[str]], Any]] = {
    "day": lambda opt, texts: iso_day(_last(texts)),
    "names": lambda opt, texts: _free(texts),
    "name": lambda opt, texts: _text(_last(texts)),
    "choices": lambda opt, texts: _choices(texts, opt.choices),
    "text": lambda opt, texts: _text(_last(texts)),
    "choice": lambda opt, texts: texts[-1] if _last(texts) in opt.choices else opt.default,
    "flag": _flag,
}


def query_pairs(
    values: Mapping[str, Any], linked: tuple[Option, ...] = LINKED
) -> list[tuple[str, str]]:
    """(key, text) pairs of the option values (by name) that differ from their defaults."""
    return [(o.key, text) for o in linked for text in ENCODE[o.kind](o, values[o.name])]


def query_values(
    query: Mapping[str, list[str]], linked: tuple[Option, ...] = LINKED
) -> dict[str, Any]:
    """The value of every linked option (by name) in a parsed query; defaults where absent."""
    return {o.name: DECODE[o.kind](o, list(query.get(o.key, []))) for o in linked}


def to_query(state: PageState) -> str:
    """The query string ("?..." or "") of a state; defaults are left out to keep links short."""
    pairs = [("t", state.timeline)] if state.timeline else []
    pairs += query_pairs(values_of(state.view, LINKED))
    if state.item:
        pairs.append(("item", state.item))
    # a lone surrogate (a hand-made request) cannot be UTF-8 encoded: it becomes "?"
    return "?" + urlencode(pairs, errors="replace") if pairs else ""


def from_query(search: str | None) -> PageState:
    """Parse a query string; unknown keys and malformed values (or a query that is not a
    string, from a hand-made request) are ignored, never an error."""
    search = search if isinstance(search, str) else ""
    query = parse_qs(search.lstrip("?"), keep_blank_values=False)
    timeline = _text(_last(query.get("t", []))) or None
    item = _text(_last(query.get("item", []))) or None
    return PageState(timeline=timeline, view=view_of(query_values(query)), item=item)


def with_item(search: str | None, item: str | None) -> str:
    """The same query with another selected item (or none)."""
    return to_query(replace(from_query(search), item=item))


def without_item(search: str | None) -> str:
    """The query minus the selected item."""
    return with_item(search, None)


def chart_query(search: str | None) -> str:
    """The query minus the selected item and the zoom: what decides the chart and the table
    (a zoom changes neither; the browser draws it)."""
    state = from_query(search)
    view = replace(state.view, x_from=None, x_to=None)
    return to_query(replace(state, view=view, item=None))
