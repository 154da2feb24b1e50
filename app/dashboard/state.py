"""The dashboard's whole view as a URL query string and back, so a copied link reopens the view."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import parse_qs, urlencode

from defense_timeline.view.options import Filters, ViewOptions
from defense_timeline.vocabulary import KINDS, STATUSES

MAX_TEXT = 200  # longest search text or id kept from a URL
COLOR_BY = ("lane", "kind", "status")
LAYOUTS = ("packed", "rows")


@dataclass(frozen=True, slots=True)
class PageState:
    """What the URL says: which timeline, the view options and the selected item."""

    timeline: str | None = None  # key of a served file or an upload; None: the first served file
    view: ViewOptions = field(default_factory=ViewOptions)
    item: str | None = None


def _day(value: str | None) -> date | None:
    """An ISO day, or None for anything else (a URL is user input: never raise)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _text(value: str | None) -> str:
    return (value or "")[:MAX_TEXT]


def _filter_pairs(f: Filters) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for key, values in (("lane", f.lanes), ("kind", f.kinds), ("status", f.statuses)):
        pairs += [(key, v) for v in values]
    pairs += [("tag", v) for v in f.tags]
    if f.search:
        pairs.append(("q", f.search))
    if f.window_start:
        pairs.append(("from", f.window_start.isoformat()))
    if f.window_end:
        pairs.append(("to", f.window_end.isoformat()))
    return pairs


def to_query(state: PageState) -> str:
    """The query string ("?..." or "") of a state; defaults are left out to keep links short."""
    v = state.view
    pairs: list[tuple[str, str]] = []
    if state.timeline:
        pairs.append(("t", state.timeline))
    if v.as_of:
        pairs.append(("asof", v.as_of.isoformat()))
    if v.baseline:
        pairs.append(("base", v.baseline.isoformat()))
    pairs += _filter_pairs(v.filters)
    if v.color_by != "lane":
        pairs.append(("color", v.color_by))
    if v.fiscal_axis:
        pairs.append(("axis", "fiscal"))
    if v.layout != "packed":
        pairs.append(("layout", v.layout))
    if not v.show_baseline:
        pairs.append(("ghosts", "0"))
    if not v.show_links:
        pairs.append(("links", "0"))
    if state.item:
        pairs.append(("item", state.item))
    return "?" + urlencode(pairs) if pairs else ""


def _choices(values: list[str], allowed: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v in allowed))


def _free(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_text(v) for v in values if v))


def from_query(search: str | None) -> PageState:
    """Parse a query string; unknown keys and malformed values are ignored, never an error."""
    q = parse_qs((search or "").lstrip("?"), keep_blank_values=False)

    def one(key: str) -> str | None:
        return q[key][-1] if key in q else None

    filters = Filters(
        lanes=_free(q.get("lane", [])),
        kinds=_choices(q.get("kind", []), KINDS),
        statuses=_choices(q.get("status", []), STATUSES),
        tags=_free(q.get("tag", [])),
        window_start=_day(one("from")),
        window_end=_day(one("to")),
        search=_text(one("q")),
    )
    color = one("color")
    layout = one("layout")
    view = ViewOptions(
        as_of=_day(one("asof")),
        baseline=_day(one("base")),
        filters=filters,
        color_by=color if color in COLOR_BY else "lane",  # type: ignore[arg-type]
        fiscal_axis=one("axis") == "fiscal",
        layout=layout if layout in LAYOUTS else "packed",  # type: ignore[arg-type]
        show_baseline=one("ghosts") != "0",
        show_links=one("links") != "0",
    )
    timeline = _text(one("t")) or None
    item = _text(one("item")) or None
    return PageState(timeline=timeline, view=view, item=item)


def with_item(search: str | None, item: str | None) -> str:
    """The same query with another selected item (or none)."""
    return to_query(replace(from_query(search), item=item))


def without_item(search: str | None) -> str:
    """The query minus the selected item: what decides the chart and the table."""
    return with_item(search, None)
