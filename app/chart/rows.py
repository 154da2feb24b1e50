"""Where everything goes: the x range and scale, label placement, and rows packed inside lanes.

Items in a lane share rows by greedy interval packing; an item occupies its bar or marker, its
date window, its planned (ghost) extent and its label, so nothing ever hides anything else.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from defense_timeline.chart.text import DAY_MS, LABEL_PX, fit_text, label_text, text_px
from defense_timeline.timeline.model import Lane

MARKER_PX = 13.0
ROW_PX = 26.0
MIN_LABEL_ROW_PX = 16.0
LABEL_PAD_PX = 5.0  # between a label and its mark, and inside a bar
EDGE_PX = 4.0  # a label keeps this far from the plot's left and right edges
MAX_WIDEN = 0.3  # the axis grows by at most this share of its span to fit labels at its end
MAX_HEIGHT = 4000
MIN_ROW_PX = 0.25  # past MAX_HEIGHT rows overlap: the chart becomes a density overview
CHROME_PX = 230  # title, legends and axis around the plot area
LANE_PAD = 0.6  # extra rows of air in each lane band
GAP_PX = 8.0


@dataclass(frozen=True)
class Geometry:
    """Positions of every frame row, in the frame's row order; x values in epoch milliseconds."""

    x0: np.ndarray  # start of the interval (first day 00:00)
    x1: np.ndarray  # end of the interval (day after the last day); open-ended: axis end
    mid: np.ndarray  # marker position of points
    c0: np.ndarray  # certain span of periods: after the start date's window ...
    c1: np.ndarray  # ... and before the end date's window (c1 <= c0: nothing certain)
    y: np.ndarray  # row centre
    lo: float
    hi: float
    as_of_ms: float  # end of the view day
    ms_per_px: float
    row_px: float
    lane_bands: tuple[tuple[Lane, float, float], ...]  # lane, top, bottom (y units)
    total: float  # y extent
    labels: list[str] | None  # unescaped label texts, None when labels are off
    label_x: np.ndarray
    label_inside: np.ndarray  # on the item's solid bar: drawn in ink that contrasts with it
    label_left: np.ndarray  # ends at label_x (left of the mark) instead of starting there


def epoch_ms(values: pd.Series) -> np.ndarray:
    """Epoch milliseconds (float, NaN for NaT) of a datetime column."""
    raw = values.to_numpy().astype("datetime64[ms]")
    out = raw.astype(np.int64).astype(float)
    out[np.isnat(raw)] = np.nan
    return out


def day_ms(day: date) -> float:
    """Epoch milliseconds of the start of a day."""
    return float((np.datetime64(day, "D") - np.datetime64(0, "D")).astype(np.int64) * DAY_MS)


AXIS_LO = day_ms(date.min)  # the first and last millisecond a chart's axis can reach
AXIS_HI = day_ms(date.max) + DAY_MS - 1


def _clamped(ms: float) -> float:
    """An x position kept to the days a date axis can show (0001-01-01 to 9999-12-31)."""
    return min(max(ms, AXIS_LO), AXIS_HI)


def _x_range(df: pd.DataFrame, x0, x1, as_of_ms: float, ghosts: bool) -> tuple[float, float]:
    """Data extent padded a little; a year either side of the view date when there is no data."""
    lows, highs = [x0], [x1, np.array([as_of_ms + DAY_MS])]
    if ghosts:
        lows.append(epoch_ms(df["planned_start"]))
        highs.append(epoch_ms(df["planned_end"]) + DAY_MS)
    lo = np.nanmin(np.concatenate(lows)) if len(x0) else as_of_ms - 365 * DAY_MS
    hi = np.nanmax(np.concatenate(highs))
    span = max(hi - lo, 90 * DAY_MS)
    lo, hi = lo - 0.02 * span, hi + 0.03 * span
    if lo < AXIS_LO:  # near the ends of the calendar: the same width, moved inside it
        lo, hi = AXIS_LO, hi + (AXIS_LO - lo)
    if hi > AXIS_HI:
        lo, hi = lo - (hi - AXIS_HI), AXIS_HI
    return _clamped(lo), hi


def layout_rows(
    df: pd.DataFrame,
    lanes: tuple[Lane, ...],
    *,
    as_of: date,
    plot_px: float,
    one_per_row: bool,
    ghosts: bool,
    labels: bool,
    height: int | None,
) -> Geometry:
    """Place every row of df (a drawing frame) on the chart; without labels when the rows would
    be too cramped to read them."""
    how = dict(as_of=as_of, plot_px=plot_px, one_per_row=one_per_row, ghosts=ghosts, height=height)
    geo = _layout(df, lanes, labels=labels, **how)
    if labels and geo.row_px < MIN_LABEL_ROW_PX:  # too cramped to read: pack tighter
        geo = _layout(df, lanes, labels=False, **how)
    return geo


def _layout(df, lanes, *, as_of, plot_px, one_per_row, ghosts, labels, height) -> Geometry:
    """layout_rows's work: x positions and scale, labels, then rows packed inside lanes."""
    x0, x1, lo, hi = _x_spans(df, as_of, ghosts)
    mid = (x0 + x1) / 2
    as_of_ms = _clamped(day_ms(as_of) + DAY_MS)
    texts = [
        label_text(*v) for v in zip(df["title"], df["uncertain"], df["approximate"], strict=True)
    ]
    width_px = np.array([text_px(t, LABEL_PX) for t in texts], dtype=float)
    for _ in range(2 if labels and len(df) else 1):  # widen the axis for labels at its end
        ms_per_px = (hi - lo) / plot_px
        c0, c1 = _certain_span(df, x0, x1, as_of_ms, 0.015 * (hi - lo))
        spots = _label_spots(df, x0, x1, c0, c1, mid, width_px, ms_per_px)
        if labels and len(df):
            hi = _widened(spots, width_px, lo, hi, plot_px)
    ms_per_px = (hi - lo) / plot_px
    c0, c1 = _certain_span(df, x0, x1, as_of_ms, 0.015 * (hi - lo))
    spots = _label_spots(df, x0, x1, c0, c1, mid, width_px, ms_per_px)
    texts, lab_x, left, lab_lo, lab_hi = _fit_labels(texts, width_px, spots, lo, hi, ms_per_px)
    occ_lo, occ_hi = _occupancy(df, x0, x1, mid, ms_per_px, ghosts)
    if labels:
        occ_lo, occ_hi = np.fmin(occ_lo, lab_lo), np.fmax(occ_hi, lab_hi)
    lane_index = _lane_index(df, lanes)
    rows, counts = _pack(lane_index, occ_lo, occ_hi + GAP_PX * ms_per_px, len(lanes), one_per_row)
    tops = np.concatenate([[0.0], np.cumsum(counts + LANE_PAD)])
    total = max(float(tops[-1]), 1.0)
    y = tops[lane_index] + LANE_PAD / 2 + 0.5 + rows if len(df) else np.zeros(0)
    bands = tuple((lane, float(tops[i]), float(tops[i + 1])) for i, lane in enumerate(lanes))
    return Geometry(
        x0,
        x1,
        mid,
        c0,
        c1,
        y,
        float(lo),
        float(hi),
        as_of_ms,
        ms_per_px,
        _row_px(total, height),
        bands,
        total,
        texts if labels else None,
        lab_x,
        spots.solid,
        left,
    )


@dataclass(frozen=True)
class _Spots:
    """Where each label can go: inside its bar (from inside_x), or beside its mark's ends."""

    inside: np.ndarray  # fits on the solid bar or on the faded part after it
    solid: np.ndarray  # ... on the solid bar (contrasting ink)
    inside_x: np.ndarray
    start: np.ndarray  # left end of the mark (x units)
    end: np.ndarray  # right end of the mark


def _label_spots(df, x0, x1, c0, c1, mid, width_px, ms_per_px) -> _Spots:
    """Whether each label fits on its period's solid bar, else on the faded part after it, and
    where its mark begins and ends (a point's marker, a period's bar)."""
    width = width_px * ms_per_px
    period = (df["kind"] == "period").to_numpy()
    pad = LABEL_PAD_PX * ms_per_px
    on_solid = period & (c1 - c0 >= width + 2 * pad)
    on_tail = period & ~on_solid & (x1 - np.maximum(c1, c0) >= width + 2 * pad)
    inside_x = np.where(on_solid, c0 + pad, np.maximum(c1, c0) + pad)
    half = MARKER_PX / 2 * ms_per_px
    start = np.where(period, x0, np.fmin(x0, mid - half))  # a point's marker or its window
    end = np.where(period, x1, np.fmax(x1, mid + half))
    return _Spots(on_solid | on_tail, on_solid, inside_x, start, end)


def _widened(spots: _Spots, width_px, lo: float, hi: float, plot_px: float) -> float:
    """The axis end that leaves room right of every mark for its label (those not inside their
    bar), growing the axis by MAX_WIDEN of its span at most."""
    need = (width_px + LABEL_PAD_PX + EDGE_PX)[~spots.inside]
    ends = spots.end[~spots.inside]
    ok = need < plot_px * 0.8  # a label wider than most of the plot goes elsewhere
    if not ok.any():
        return hi
    wanted = lo + (ends[ok] - lo) * plot_px / (plot_px - need[ok])
    return float(min(max(hi, np.nanmax(wanted)), hi + MAX_WIDEN * (hi - lo), AXIS_HI))


def _fit_labels(texts, width_px, spots: _Spots, lo, hi, ms_per_px):
    """Each label's text, x, side and extent: inside its bar when it fits, else right of its
    mark, else left of it, else shortened at the end to the wider of the two sides.

    Returns texts, x (the start, or the end of a left label), left, and the label's lo and hi.
    """
    pad, edge = LABEL_PAD_PX * ms_per_px, EDGE_PX * ms_per_px
    width = width_px * ms_per_px
    right_room = hi - edge - (spots.end + pad)
    left_room = spots.start - pad - (lo + edge)
    right = ~spots.inside & (width <= right_room)
    left = ~spots.inside & ~right & ((width <= left_room) | (left_room > right_room))
    texts = list(texts)
    for i in np.flatnonzero(~spots.inside & (width > np.maximum(right_room, left_room))):
        room = max(right_room[i], left_room[i]) / ms_per_px
        texts[i] = fit_text(texts[i], room, LABEL_PX)
        width[i] = text_px(texts[i], LABEL_PX) * ms_per_px
    x = np.where(spots.inside, spots.inside_x, np.where(left, spots.start - pad, spots.end + pad))
    lab_lo = np.where(left, x - width, np.where(spots.inside, spots.start, x))
    lab_hi = np.where(left, spots.end, np.where(spots.inside, spots.end, x + width))
    return texts, x, left, lab_lo, lab_hi


def _x_spans(df: pd.DataFrame, as_of: date, ghosts: bool):
    """Start and end (epoch ms; an open end at the axis end) of every row, and the axis range."""
    x0 = epoch_ms(df["start"])
    x1 = epoch_ms(df["end"]) + DAY_MS
    lo, hi = _x_range(df, x0, x1, day_ms(as_of), ghosts)
    x1[np.isnan(x1)] = hi
    return x0, x1, lo, hi


def _certain_span(df, x0, x1, as_of_ms, fuzz):
    """Where a period is known to be running: between its start's and its end's windows.

    A ~ or ? date known to the day gets a short faded tip of width fuzz; an open end fades
    from the view date on.
    """
    start_last = epoch_ms(df["start_last"]) + DAY_MS
    start_last += np.where((df["start_precision"] == "day").to_numpy(), fuzz, 0.0)
    c0 = np.where(df["start_fuzzy"].to_numpy(), start_last, x0)
    end_first = epoch_ms(df["end_first"])
    end_first -= np.where((df["end_precision"] == "day").to_numpy(), fuzz, 0.0)
    end_first = np.where(np.isnan(end_first), np.maximum(as_of_ms, x0), end_first)
    c1 = np.where(df["end_fuzzy"].to_numpy(), end_first, x1)
    return np.clip(c0, x0, x1), np.clip(c1, x0, x1)


def _occupancy(df, x0, x1, mid, ms_per_px, ghosts):
    """Horizontal extent each row claims before labels: interval, marker, ghost."""
    half = MARKER_PX / 2 * ms_per_px
    occ_lo = np.minimum(x0, mid - half)
    occ_hi = np.maximum(x1, mid + half)
    if ghosts:
        revised = df["revised"].to_numpy()
        p0 = epoch_ms(df["planned_start"])
        p1 = epoch_ms(df["planned_end"]) + DAY_MS
        p1 = np.where(np.isnan(p1) & revised, occ_hi, p1)
        occ_lo = np.where(revised, np.fmin(occ_lo, p0 - half), occ_lo)
        occ_hi = np.where(revised, np.fmax(occ_hi, p1 + half), occ_hi)
    return occ_lo, occ_hi


def _lane_index(df: pd.DataFrame, lanes: tuple[Lane, ...]) -> np.ndarray:
    """Position of each row's lane among the drawn lanes."""
    where = {lane.id: i for i, lane in enumerate(lanes)}
    codes = df["lane"].cat.codes.to_numpy()
    lookup = np.array([where.get(c, -1) for c in df["lane"].cat.categories] or [0], dtype=np.int64)
    return lookup[codes] if len(df) else np.zeros(0, dtype=np.int64)


def _pack(lane_index, lo, hi, n_lanes, one_per_row) -> tuple[np.ndarray, np.ndarray]:
    """Greedy interval packing per lane: each row goes to the lowest free row of its lane."""
    rows = np.zeros(len(lo), dtype=np.int64)
    counts = np.ones(n_lanes, dtype=np.int64)
    order = np.lexsort((lo, lane_index))
    for lane in range(n_lanes):
        members = order[lane_index[order] == lane]
        if one_per_row:
            rows[members] = np.arange(len(members))
            counts[lane] = max(len(members), 1)
            continue
        busy: list[tuple[float, int]] = []  # (end, row) of rows in use
        free: list[int] = []
        n_rows = 0
        for i, start, end in zip(
            members.tolist(), lo[members].tolist(), hi[members].tolist(), strict=True
        ):
            while busy and busy[0][0] <= start:
                heapq.heappush(free, heapq.heappop(busy)[1])
            if free:
                row = heapq.heappop(free)
            else:
                row, n_rows = n_rows, n_rows + 1
            rows[i] = row
            heapq.heappush(busy, (end, row))
        counts[lane] = max(n_rows, 1)
    return rows, counts


def _row_px(total: float, height: int | None) -> float:
    """Pixels per row: fixed unless the chart would pass MAX_HEIGHT or a height is asked for."""
    if height:
        return max(1.0, (height - CHROME_PX) / total)
    return float(min(ROW_PX, max(MIN_ROW_PX, (MAX_HEIGHT - CHROME_PX) / total)))
