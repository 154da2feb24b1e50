"""View and filter options shared by the CLI, the exports and the dashboard (no pandas, no dash).

OPTIONS declares each option once: the field of ViewOptions or Filters it sets, its kind, and
what each surface calls it. The command line's flags (cli), the link keys (dashboard.state), the
dashboard's controls and the printed description of a view (output.htmlpage) derive from it;
view.filters applies the filters. So a new list filter (like lanes or tags) takes a field in
Filters, an entry here and its test in view.filters.filter_frame, and the dashboard shows a
picker for it; a filter of another kind also needs its control in dashboard.filters (the tests
name what is missing).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from defense_timeline.timeline.dates import PRESETS
from defense_timeline.view import offered
from defense_timeline.view.pages import PAGE_PT, PAGE_PX, Page, paged  # noqa: F401
from defense_timeline.vocabulary import KINDS, STATES, STATUSES

if TYPE_CHECKING:
    from defense_timeline.timeline.model import Timeline

ColorBy = Literal["lane", "kind", "status", "state"]
# the legend's title and the dashboard's control for each colouring
COLOR_TITLES = {"lane": "Lanes", "kind": "Kinds", "status": "Status", "state": "State"}
# calendar: calendar years; fiscal: the fiscal years of the timeline's calendar (with several,
# calendar years and each lane shaded by its own); a preset's name: that calendar's fiscal years
AXES = ("calendar", "fiscal", *PRESETS)
RowLayout = Literal["packed", "rows"]


@dataclass(frozen=True, slots=True)
class Filters:
    """Which items to show; empty tuples mean 'all'."""

    lanes: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    states: tuple[str, ...] = ()  # the state as of the view date (upcoming, running, met late...)
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
    fiscal_axis: str = "calendar"  # one of AXES (True and False: "fiscal" and "calendar")
    layout: RowLayout = "packed"
    show_baseline: bool = True
    show_links: bool = True
    source: str = ""  # a source id: only what it stated, as of its date (view.sources)
    all_links: bool = False  # draw every arrow even when many (else hovered item's only)
    collapsed: tuple[str, ...] = ()  # lane ids drawn as one thin row with their item count
    show_title: bool = True  # False: no title block (the dashboard shows the title on the page)
    x_from: date | None = None  # the time axis starts here (a zoom); None: it fits the items
    x_to: date | None = None  # the time axis ends here (a zoom); None: it fits the items
    width: int | None = None
    height: int | None = None
    page: Page = "fit"  # images: a landscape page size that sets width and height

    def __post_init__(self) -> None:
        """Read the fiscal_axis of old callers: True was the fiscal axis, False the calendar."""
        if isinstance(self.fiscal_axis, bool):
            object.__setattr__(self, "fiscal_axis", "fiscal" if self.fiscal_axis else "calendar")


# day: a date or None; names: values the timeline defines (lane ids, tags); name: one of them or
# ""; choices: values of the vocabulary; text: a string; choice: one of choices; flag: a bool;
# pixels: an int or None.
Kind = Literal["day", "names", "name", "choices", "text", "choice", "flag", "pixels"]
LIST_KINDS = ("names", "choices")


@dataclass(frozen=True, slots=True)
class Option:
    """One view option: its field and kind, and what each surface calls it ("" where absent)."""

    name: str  # the field of ViewOptions or of Filters it sets
    kind: Kind
    default: Any = None
    choices: tuple[str, ...] = ()  # choices and choice: the values allowed
    # the command line: `table` and `export`, or `export` alone
    flag: str = ""  # a flag option's flag asks for the value that is not the default
    export_only: bool = False
    metavar: str | None = None
    help: str | None = None
    cli_choices: tuple[str, ...] = ()  # the command line's words for choices, where they differ
    flag_value: str = ""  # choice: the value of the flag given alone (its value is optional)
    cli_last_day: bool = False  # day: the command line means the last day of DATE, not the first
    cli_range: tuple[int, int] | None = None  # pixels: the values the command line accepts
    # the dashboard's links and controls
    key: str = ""  # query key
    key_on: str = ""  # flag: the query value that means "not the default"
    label: str = ""  # the control's label
    # words
    noun: str = ""  # one value ("lane"), in messages
    plural: str = ""  # several ("lanes"), in descriptions and "All lanes"
    offered: Callable[[Timeline], list[tuple[str, str]]] | None = None  # (value, label) on offer


OPTIONS: tuple[Option, ...] = (
    Option(
        "as_of",
        "day",
        flag="--as-of",
        metavar="DATE",
        help="Show the timeline as known at the end of DATE (default: the file's as_of).",
        cli_last_day=True,
        key="asof",
        label="View date",
    ),
    Option(
        "baseline",
        "day",
        flag="--baseline",
        metavar="DATE",
        help="Compare with the plan as known at the end of DATE (default: as first planned).",
        cli_last_day=True,
        key="base",
        label="Baseline (ghost outlines)",
    ),
    Option(
        "lanes",
        "names",
        default=(),
        flag="--lane",
        metavar="LANE",
        help="Only this lane id (repeatable).",
        key="lane",
        label="Lanes",
        noun="lane",
        plural="lanes",
        offered=offered.lanes,
    ),
    Option(
        "kinds",
        "choices",
        default=(),
        choices=KINDS,
        flag="--kind",
        help="Only this kind (repeatable).",
        key="kind",
        label="Kinds",
        noun="kind",
        plural="kinds",
        offered=offered.kinds,
    ),
    Option(
        "statuses",
        "choices",
        default=(),
        choices=STATUSES,
        flag="--status",
        help="Only this status (repeatable).",
        key="status",
        label="Status",
        noun="status",
        plural="statuses",
        offered=offered.statuses,
    ),
    Option(
        "states",
        "choices",
        default=(),
        choices=STATES,
        flag="--state",
        help="Only items in this state as of the view date (repeatable).",
        key="state",
        label="State",
        noun="state",
        plural="states",
        offered=offered.states,
    ),
    Option(
        "tags",
        "names",
        default=(),
        flag="--tag",
        metavar="TAG",
        help="Only items with this tag (repeatable).",
        key="tag",
        label="Tags",
        noun="tag",
        plural="tags",
        offered=offered.tags,
    ),
    Option(
        "search",
        "text",
        default="",
        flag="--search",
        metavar="TEXT",
        help="Only items whose title, notes, id or tags contain TEXT.",
        key="q",
        label="Search",
    ),
    Option(
        "window_start",
        "day",
        flag="--from",
        metavar="DATE",
        help="Only items that end on or after the first day of DATE.",
        key="from",
        label="from",
    ),
    Option(
        "window_end",
        "day",
        flag="--to",
        metavar="DATE",
        help="Only items that start on or before the last day of DATE.",
        cli_last_day=True,
        key="to",
        label="to",
    ),
    Option(
        "color_by",
        "choice",
        default="lane",
        choices=tuple(COLOR_TITLES),
        flag="--color-by",
        export_only=True,
        key="color",
        label="Colour by",
    ),
    Option(
        "fiscal_axis",
        "choice",
        default="calendar",
        choices=AXES,
        flag="--fiscal-axis",
        flag_value="fiscal",
        export_only=True,
        metavar="[CAL]",
        help="Label the time axis in the fiscal years of CAL (JP, US, UK, AU); alone: of the "
        "timeline's calendar, or with several calendars, calendar years with each lane "
        "shading its own fiscal years.",
        key="axis",
        label="Axis",
    ),
    Option(
        "layout",
        "choice",
        default="packed",
        choices=("packed", "rows"),
        flag="--rows",
        export_only=True,
        help="packed: items share rows in a lane; item: one row per item.",
        cli_choices=("packed", "item"),
        key="layout",
        label="Rows",
    ),
    Option(
        "show_baseline",
        "flag",
        default=True,
        flag="--no-baseline",
        export_only=True,
        help="Do not draw the plan baseline.",
        key="ghosts",
        key_on="0",
        label="Baseline ghost outlines",
    ),
    Option(
        "show_links",
        "flag",
        default=True,
        flag="--no-links",
        export_only=True,
        help="Do not draw dependency arrows.",
        key="links",
        key_on="0",
        label="Dependency arrows",
    ),
    Option(
        "x_from",
        "day",
        flag="--x-from",
        export_only=True,
        metavar="DATE",
        help="Start the time axis at DATE (a zoom; default: fit the items).",
        key="xfrom",
        label="Zoom from",
    ),
    Option(
        "x_to",
        "day",
        flag="--x-to",
        export_only=True,
        metavar="DATE",
        help="End the time axis after DATE (a zoom; default: fit the items).",
        cli_last_day=True,
        key="xto",
        label="Zoom to",
    ),
    Option(
        "all_links",
        "flag",
        default=False,
        flag="--all-links",
        export_only=True,
        help="Draw every dependency arrow (above a few dozen, only a hovered item's are).",
    ),
    Option(
        "collapsed",
        "names",
        default=(),
        flag="--collapse",
        export_only=True,
        metavar="LANE",
        help="Collapse this lane id to one thin row with its count (repeatable).",
        key="fold",
        label="Collapse lanes",
        noun="lane",
        plural="collapsed lanes",
        offered=offered.lanes,
    ),
    Option(
        "width",
        "pixels",
        flag="--width",
        export_only=True,
        help="Width in pixels (images default to 1600).",
        cli_range=(200, 20_000),
    ),
    Option(
        "height",
        "pixels",
        flag="--height",
        export_only=True,
        help="Height in pixels (default: fits the rows).",
        cli_range=(200, 20_000),
    ),
    Option(
        "source",
        "name",
        default="",
        flag="--source",
        metavar="ID",
        help="Only what source ID stated, as of its date (the view date becomes the source's).",
        key="src",
        label="As stated by one source",
        noun="source",
        plural="sources",
        offered=offered.sources,
    ),
    Option(
        "page",
        "choice",
        default="fit",
        choices=("fit", "a4", "letter", "slide"),
        flag="--page",
        export_only=True,
        help=(
            "Images: A4 or Letter landscape (a PDF gets exactly that page) or a 16:9 slide "
            "(1920 x 1080); sets the width and height. fit: --width and --height decide."
        ),
    ),
)

BY_NAME: dict[str, Option] = {opt.name: opt for opt in OPTIONS}
FILTER_FIELDS = frozenset(f.name for f in fields(Filters))


def option(name: str) -> Option:
    """The declared option of this name (KeyError for a name never declared)."""
    return BY_NAME[name]


def is_filter(opt: Option) -> bool:
    """Whether the option is a field of Filters rather than of ViewOptions."""
    return opt.name in FILTER_FIELDS


def values_of(view: ViewOptions, declared: tuple[Option, ...] = OPTIONS) -> dict[str, Any]:
    """Every declared option's value in a view, keyed by option name."""
    return {
        opt.name: getattr(view.filters if is_filter(opt) else view, opt.name) for opt in declared
    }


def view_of(values: Mapping[str, Any]) -> ViewOptions:
    """The view with these option values (by option name); options not given keep defaults."""
    filters = Filters(**{name: v for name, v in values.items() if name in FILTER_FIELDS})
    rest = {name: v for name, v in values.items() if name not in FILTER_FIELDS}
    return ViewOptions(filters=filters, **rest)


FILTERS = tuple(opt for opt in OPTIONS if is_filter(opt))  # in the order they are described
