"""The chart in words, for readers who cannot see it: a summary sentence and the table of the
items it shows; and the sources those items cite (an export lists only those)."""

from __future__ import annotations

from html import escape
from itertools import chain

import pandas as pd
from defense_timeline.chart.text import iso_days, real_dates
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.describe import describe_filters, said_status
from defense_timeline.view.options import ViewOptions
from defense_timeline.vocabulary import KINDS

TABLE_COLUMNS = ("Item", "Lane", "Kind", "Status", "Dates as written", "Days", "Sources")


def _plural(n: int, word: str) -> str:
    """'1 event', '3 events'."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_sentence(timeline: Timeline, view: ViewOptions, df: pd.DataFrame) -> str:
    """One plain sentence (unescaped) saying what the chart shows."""
    as_of = view.as_of or timeline.as_of
    if not len(df):
        return f"{timeline.title}: no items to show as of {as_of:%Y-%m-%d}."
    counts = df["kind"].astype(str).value_counts()
    kinds = ", ".join(_plural(int(counts[k]), k) for k in KINDS if k in counts)
    lanes = list(dict.fromkeys(df["lane_label"].astype(str)))
    first, last = df["start"].min(), df["end"].max()
    span = f"{first:%Y}" + (f" to {last:%Y}" if not pd.isna(last) else " on")
    revised = int(df["revised"].sum())
    filters = describe_filters(view.filters)
    return (
        f"{timeline.title}, as known on {as_of:%Y-%m-%d}: {_plural(len(df), 'item')} ({kinds}) "
        f"in {_plural(len(lanes), 'lane')} ({'; '.join(lanes)}), from {span}"
        + (f"; {revised} changed from their first plan" if revised else "")
        + (f"; {filters}" if filters else "")
        + "."
    )


TABLE_MOST_ROWS = 2_000  # a page holds this many rows; `defense-timeline table` lists them all


def items_table(df: pd.DataFrame, timeline: Timeline) -> str:
    """The items shown as an HTML table (every cell escaped); the first TABLE_MOST_ROWS of a
    larger chart, with a note saying so."""
    head = "".join(f'<th scope="col">{c}</th>' for c in TABLE_COLUMNS)
    note = ""
    if len(df) > TABLE_MOST_ROWS:
        note = (
            f"<p>The first {TABLE_MOST_ROWS:,} of {len(df):,} items, in chart order; "
            "<code>defense-timeline table</code> or the CSV export lists them all.</p>\n"
        )
        df = df.iloc[:TABLE_MOST_ROWS]
    starts, ends = iso_days(df["start"]), iso_days(df["end"])
    rows, shown = [], df[["title", "lane_label", "kind", "status", "dates_text", "sources"]]
    for i, row in enumerate(shown.itertuples(index=False)):  # (dates: boxing them costs 0.1 s)
        cited = [timeline.sources[s].title if s in timeline.sources else s for s in row.sources]
        cells = (
            row.lane_label,
            row.kind,
            said_status(row.status),
            row.dates_text,
            real_dates(row.kind, starts[i], ends[i]),
            "; ".join(cited),
        )
        tds = "".join(f"<td>{escape(str(c), quote=False)}</td>" for c in cells)
        rows.append(f'<tr><th scope="row">{escape(row.title, quote=False)}</th>{tds}</tr>')
    body = "\n".join(rows)
    return f"{note}<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def cited_sources(df: pd.DataFrame) -> set[str]:
    """The ids of the sources the shown items cite."""
    return set(chain.from_iterable(df["sources"].to_numpy()))
