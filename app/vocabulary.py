"""The one vocabulary: kinds, statuses, deadline states and link kinds, and the colours,
symbols and legend words every chart draws them with (dashboard, HTML, images).

Colours are colour-blind safe: lanes and kinds in Okabe & Ito's palette, statuses (ten of them,
more than Okabe-Ito has) in Paul Tol's "muted" scheme, every legend entry its own colour. Text on
a bar is black or white, whichever contrasts more: at least 4.5:1 (WCAG 2) on any colour.

To change how an item is drawn, change its Mark here: the small and large charts and the
legend all take it from here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

KINDS = ("period", "event", "deadline", "milestone")
STATUSES = (
    "approved",
    "in force",
    "planned",
    "proposed",
    "under study",
    "completed",
    "met",
    "missed",
    "superseded",
    "cancelled",
)
LINK_KINDS = ("depends_on", "informs", "implements", "supersedes")


class _Lane(Protocol):
    id: str
    color: str | None


# Okabe & Ito (2008), safe for the common colour-vision deficiencies; yellow and black go last
# because thin bars in them read poorly on white.
OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#000000",  # black
    "#F0E442",  # yellow
)

KIND_COLORS = {
    "period": "#0072B2",
    "event": "#E69F00",
    "deadline": "#D55E00",
    "milestone": "#009E73",
}

# Paul Tol's muted scheme (personal.sron.nl/~pault), nine colours and its grey.
STATUS_COLORS = {
    "approved": "#332288",  # indigo
    "in force": "#117733",  # green
    "planned": "#88CCEE",  # cyan
    "proposed": "#DDCC77",  # sand
    "under study": "#999933",  # olive
    "completed": "#44AA99",  # teal
    "met": "#AA4499",  # purple
    "missed": "#CC6677",  # rose
    "superseded": "#BBBBBB",  # grey
    "cancelled": "#882255",  # wine
}
# Derived item states get their colours here when the vocabulary has them (STATE_COLORS, in a
# colour-blind-safe scheme; tests/test_colors.py checks every *_COLORS mapping's contrast).

MISSED_MARK = "#D55E00"
LEGEND_INK = "#555555"  # the legend of marks draws them in grey: colour means the group
SWATCH = "square"  # a colour group's legend symbol
CROSS_SYMBOL = "x-thin-open"  # drawn in MISSED_MARK over a mark with cross=True
CROSS_WIDTH = 2.5

DEADLINE_STATES = ("open", "met", "missed", "overdue")
OPEN, MET, MISSED, OVERDUE = DEADLINE_STATES
# Statuses that record a deadline's outcome; without one it is open until its last day, then
# overdue, because the tool cannot tell a miss from a late or partial outcome.
DEADLINE_OUTCOMES = {"met": MET, "completed": MET, "missed": MISSED}


@dataclass(frozen=True)
class Mark:
    """How every chart draws a point item and what the legend of marks calls it."""

    label: str  # the legend's words
    symbol: str  # a plotly marker symbol; an "-open" one is drawn as an outline in the ink
    ink: str | None = None  # None: the colour of the item's group
    cross: bool = False  # a CROSS_SYMBOL in MISSED_MARK over it (large charts: glyph in it)
    overview_opacity: float = 1.0  # large charts draw every glyph solid, faded this much

    @property
    def hollow(self) -> bool:
        """Whether the symbol is an outline, drawn with a thicker line in its ink."""
        return "-open" in self.symbol

    @property
    def line_width(self) -> float:
        """Width of the marker's line: thicker for an outline, which is all there is of it."""
        return 2.0 if self.hollow else 1.0

    @property
    def shape(self) -> str:
        """The symbol's shape without its style ("triangle-down"): the large charts' glyph."""
        return self.symbol.removesuffix("-dot").removesuffix("-open")

    @property
    def outline(self) -> str:
        """The shape as an outline: how the plan of a moved point item is drawn."""
        return f"{self.shape}-open"


POINT_MARKS = {"event": Mark("Event", "circle"), "milestone": Mark("Milestone", "diamond")}
DEADLINE_MARKS = {
    OPEN: Mark("Deadline, open", "triangle-down-open-dot"),
    MET: Mark("Deadline, met", "triangle-down"),
    MISSED: Mark("Deadline, missed", "triangle-down", cross=True),
    OVERDUE: Mark(
        "Deadline, overdue (no outcome recorded)",
        "triangle-down-open",
        ink=MISSED_MARK,
        overview_opacity=0.45,
    ),
}
# The legend's words for the marks that are lines, not symbols.
LINE_LABELS = {
    "period": "Period",
    "window": "Date window (imprecise, ~ or ?)",
    "plan": "Planned (baseline)",
}


def point_mark(kind: str, deadline_state: str) -> Mark:
    """The mark of a point item: by its kind, and a deadline's by its state."""
    return DEADLINE_MARKS[deadline_state] if kind == "deadline" else POINT_MARKS[kind]


def point_marks(kinds: Sequence[str], states: Sequence[str]) -> list[Mark]:
    """point_mark of each (kind, deadline state) pair."""
    return [point_mark(k, s) for k, s in zip(kinds, states, strict=True)]


LINK_COLORS = {
    "depends_on": "#444444",
    "informs": "#0072B2",
    "implements": "#009E73",
    "supersedes": "#D55E00",
}
LINK_WORDS = {kind: kind.replace("_", " ") for kind in LINK_KINDS}  # depends_on: depends on

GHOST = "#6B6B6B"
TEXT = "#222222"
MUTED = "#666666"
GRID = "#E6E6E6"
BAND = "rgba(0, 0, 0, 0.035)"
FUTURE_VEIL = "rgba(90, 100, 120, 0.07)"  # tints the plot after the view date, under the marks
VIEW_LINE = "#B23A00"
# Arial-metric fonts only: chart.text lays labels out from Arial's character widths.
FONT = "Helvetica, Arial, 'Liberation Sans', 'Nimbus Sans', sans-serif"


def lane_colors(lanes: Sequence[_Lane]) -> dict[str, str]:
    """Each lane's colour: its own `color`, else OKABE_ITO in lane order."""
    return {lane.id: lane.color or OKABE_ITO[i % len(OKABE_ITO)] for i, lane in enumerate(lanes)}


def _rgb(color: str) -> tuple[int, int, int] | None:
    """The channels of a #rrggbb colour (None for anything else)."""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", color):
        return None
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def luminance(color: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour (0 black to 1 white)."""
    rgb = _rgb(color)
    if rgb is None:
        raise ValueError(f"not a #rrggbb colour: {color!r}")
    lin = [c / 255 / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def ink_on(color: str) -> str:
    """Text colour for a bar of this colour: black or white, whichever contrasts more."""
    if _rgb(color) is None:
        return "#000000"
    return "#000000" if contrast("#000000", color) >= contrast("#FFFFFF", color) else "#FFFFFF"


def is_light(color: str) -> bool:
    """Whether dark text reads better than white text on this #rrggbb colour."""
    return _rgb(color) is not None and ink_on(color) == "#000000"
