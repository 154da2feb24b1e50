"""Page sizes of images (A4, Letter, a 16:9 slide) and the view drawn at one."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from defense_timeline.view.options import ViewOptions

Page = Literal["fit", "a4", "letter", "slide"]
# Landscape page sizes of images: (width, height) in CSS pixels (96 per inch) and in PDF points
# (72 per inch). fit: the size --width and --height give (default 1600 wide, rows' height).
PAGE_PX = {"a4": (1123, 794), "letter": (1056, 816), "slide": (1920, 1080)}
PAGE_PT = {"a4": (841.89, 595.28), "letter": (792.0, 612.0), "slide": (1440.0, 810.0)}


def paged(view: ViewOptions) -> ViewOptions:
    """The view with the width and height of its page (unchanged for page "fit")."""
    if view.page == "fit":
        return view
    width, height = PAGE_PX[view.page]
    return replace(view, width=width, height=height)
