"""What the data exports (TimelineJS, Mermaid, Markdown, slides, spreadsheets) share: the rows
of a view, each item's cited sources with their quotes, and text made safe for XML files.

Every data export starts from view_frame, so each shows the same items as the chart of the
same view: the frame as of the view date, filtered by the view's filters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd
from defense_timeline.timeline.model import Item, Source, Timeline
from defense_timeline.view.filters import filter_frame
from defense_timeline.view.frame import drawing_frame
from defense_timeline.view.options import ViewOptions

# Characters XML 1.0 cannot hold (xlsx and pptx are XML): C0 controls but tab, LF and CR,
# lone surrogates and the two non-characters U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def view_day(timeline: Timeline, view: ViewOptions) -> date:
    """The day the view shows the timeline as known on."""
    return view.as_of or timeline.as_of


def view_frame(timeline: Timeline, view: ViewOptions) -> pd.DataFrame:
    """The items the chart of this view draws, in its order: the drawing frame as of the view
    date, filtered."""
    df = drawing_frame(timeline, view_day(timeline, view), view.baseline)
    return filter_frame(df, view.filters)


@dataclass(frozen=True)
class Citation:
    """A source an item cites as of the view date, and the sentence quoted from it."""

    source: Source
    quote: str


def citations(timeline: Timeline, item: Item, n_statements: int) -> list[Citation]:
    """The sources the item's first n statements (a frame's n_statements) cite, in order, each
    once, with its first quote (an unknown id is kept as a bare source)."""
    quotes: dict[str, str] = {}
    for state in item.states[:n_statements]:
        for ref in state.sources:
            if not quotes.get(ref.id):
                quotes[ref.id] = ref.quote
    return [
        Citation(timeline.sources.get(sid) or Source(id=sid, title=sid), quote)
        for sid, quote in quotes.items()
    ]


def items_by_id(timeline: Timeline) -> dict[str, Item]:
    """Every item by its id, to look items up quickly."""
    return {item.id: item for item in timeline.items}


def xml_safe(text: object) -> str:
    """File text that an XML document can hold: characters XML forbids become U+FFFD."""
    return _NOT_XML.sub("\ufffd", str(text))


def cited_sources(timeline: Timeline, df: pd.DataFrame) -> list[Source]:
    """The sources the rows cite as of the view date, in the file's order (a report lists what
    its items stand on, not every source of the file)."""
    cited = {sid for ids in df["sources"] for sid in ids}
    return [s for sid, s in timeline.sources.items() if sid in cited]
