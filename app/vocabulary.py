"""The one vocabulary: kinds, statuses, deadline states and link kinds, and the colours,
symbols and legend words every chart draws them with (dashboard, HTML, images), Okabe-Ito.

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

STATUS_COLORS = {
    "approved": "#0072B2",
    "in force": "#004C7A",
    "planned": "#56B4E9",
    "proposed": "#E69F00",
    "under study": "#C9B800",
    "completed": "#009E73",
    "met": "#009E73",
    "missed": "#D55E00",
    "superseded": "#999999",
    "cancelled": "#CC79A7",
}

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
FUTURE_VEIL = "rgba(255, 255, 255, 0.42)"
VIEW_LINE = "#B23A00"
FONT = "Inter, 'Segoe UI', Helvetica, Arial, sans-serif"


def lane_colors(lanes: Sequence[_Lane]) -> dict[str, str]:
    """Each lane's colour: its own `color`, else OKABE_ITO in lane order."""
    return {lane.id: lane.color or OKABE_ITO[i % len(OKABE_ITO)] for i, lane in enumerate(lanes)}


def is_light(color: str) -> bool:
    """Whether dark text reads better than white text on this #rrggbb colour."""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", color):
        return False
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b > 150
