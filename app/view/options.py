"""View and filter options shared by the CLI, the exports and the dashboard (no pandas, no dash)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

ColorBy = Literal["lane", "kind", "status"]
RowLayout = Literal["packed", "rows"]


@dataclass(frozen=True, slots=True)
class Filters:
    """Which items to show; empty tuples mean 'all'."""

    lanes: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    window_start: date | None = None  # keep items that end on or after this day
    window_end: date | None = None  # keep items that start on or before this day
    search: str = ""  # case-insensitive substring of title, notes, id or tags


@dataclass(frozen=True, slots=True)
class ViewOptions:
    """Everything that decides what a chart shows, whichever output draws it."""

    as_of: date | None = None  # None: the timeline's own as_of
    baseline: date | None = None  # None: each item's base statement ("as first planned")
    filters: Filters = field(default_factory=Filters)
    color_by: ColorBy = "lane"
    fiscal_axis: bool = False
    layout: RowLayout = "packed"
    show_baseline: bool = True
    show_links: bool = True
    show_title: bool = True  # False: no title block (the dashboard shows the title on the page)
    width: int | None = None
    height: int | None = None
