"""The one vocabulary: kinds, statuses and link kinds of the file format, and the colours and
symbols every chart draws them with (dashboard, HTML, images), Okabe-Ito."""

from __future__ import annotations

import re
from collections.abc import Sequence
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

KIND_SYMBOLS = {"event": "circle", "deadline": "triangle-down", "milestone": "diamond"}
DEADLINE_SYMBOLS = {
    "open": "triangle-down-open-dot",
    "met": "triangle-down",
    "missed": "triangle-down",  # with a MISSED_MARK cross over it
    "overdue": "triangle-down-open",  # drawn in MISSED_MARK: past due, no outcome recorded
}
MISSED_MARK = "#D55E00"

LINK_COLORS = {
    "depends_on": "#444444",
    "informs": "#0072B2",
    "implements": "#009E73",
    "supersedes": "#D55E00",
}

GHOST = "#6B6B6B"
TEXT = "#222222"
MUTED = "#666666"
GRID = "#E6E6E6"
BAND = "rgba(0, 0, 0, 0.035)"
FUTURE_VEIL = "rgba(255, 255, 255, 0.42)"
VIEW_LINE = "#B23A00"
FONT = "Inter, 'Segoe UI', Helvetica, Arial, sans-serif"


def lane_colors(lanes: Sequence[_Lane]) -> dict[str, str]:
    """Each lane's colour: its own `color`, else the palette in lane order."""
    return {lane.id: lane.color or OKABE_ITO[i % len(OKABE_ITO)] for i, lane in enumerate(lanes)}


def is_light(color: str) -> bool:
    """Whether dark text reads better than white text on this #rrggbb colour."""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", color):
        return False
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b > 150
