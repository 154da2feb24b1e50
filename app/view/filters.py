"""Which rows of a timeline frame a view shows: the code that applies each filter of Filters;
and the time range a zoom shows.

A filter is declared once in view.options (OPTIONS); its meaning on the frame lives here.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
from defense_timeline.view.options import Filters, ViewOptions


def filter_frame(df: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Rows that pass every filter; empty filter fields let everything through."""
    mask = np.ones(len(df), dtype=bool)
    for column, wanted in (
        ("lane", filters.lanes),
        ("kind", filters.kinds),
        ("status", filters.statuses),
        ("state", filters.states),
    ):
        if wanted:
            mask &= df[column].isin(wanted).to_numpy()
    if filters.tags:
        tags = set(filters.tags)
        mask &= np.fromiter((not tags.isdisjoint(t) for t in df["tags"]), bool, len(df))
    if filters.window_start is not None:
        end = df["end"].to_numpy()
        mask &= np.isnat(end) | (end >= np.datetime64(filters.window_start))
    if filters.window_end is not None:
        mask &= (df["start"] <= pd.Timestamp(filters.window_end)).to_numpy()
    if filters.search.strip():
        mask &= _search_mask(df, filters.search.strip().casefold())
    if mask.all():
        return df
    return df[mask].reset_index(drop=True)


def _search_mask(df: pd.DataFrame, needle: str) -> np.ndarray:
    """Rows whose title, notes, id or tags contain needle (case-insensitive)."""
    rows = zip(df["title"], df["notes"], df["id"], df["tags"], strict=True)
    hay = ("\n".join((t, n, i, *tags)).casefold() for t, n, i, tags in rows)
    return np.fromiter((needle in h for h in hay), bool, len(df))


def zoom_range(view: ViewOptions) -> list[str] | None:
    """The time axis's range a zoom asks for, from x_from to the end of x_to (ISO days); None
    without one, or for one that ends before it starts (from a hand-made link)."""
    start, stop = view.x_from, view.x_to
    if start is None or stop is None or start > stop:
        return None
    return [start.isoformat(), (stop + timedelta(days=1) if stop < date.max else stop).isoformat()]
