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
from defense_timeline.chart.text import DAY_MS, LABEL_PX, fit_text, label_text, text_px, texts_px
from defense_timeline.timeline.model import Lane

MARKER_PX = 13.0
ROW_PX = 26.0
MIN_LABEL_ROW_PX = 16.0
LABEL_PAD_PX = 5.0  # between a label and its mark, and inside a bar
EDGE_PX = 4.0  # a label keeps this far from the plot's left and right edges
MAX_WIDEN = 0.08  # the axis grows by at most this share of its span to fit labels at its end
# (a small margin past the data: a label with no room goes left of its mark, or is shortened)
MAX_HEIGHT = 4000
MIN_ROW_PX = 0.25  # past MAX_HEIGHT rows overlap: the chart becomes a density overview
CHROME_PX = 230  # title, legends and axis around the plot area
LANE_PAD = 0.6  # extra rows of air in each lane band
GAP_PX = 8.0
FADE_SHARE = 0.06  # open ends fade out over this share of the axis before its edge
Window = tuple[date | None, date | None]  # a view's date window: first and last day shown


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
    label_lo: np.ndarray  # where each label's text begins and ends (x units)
    label_hi: np.ndarray


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
# where an axis range ends at the latest: any later, and plotly.js adds a tick for year 10000
# labelled "0000"
RANGE_HI = day_ms(date.max)


def end_ms(values: pd.Series) -> np.ndarray:
    """Epoch milliseconds just after each day of a date column, kept inside what an axis can draw
    (a period ending 9999-12-31 would otherwise end in year 10000, which plotly.js drops)."""
    return np.minimum(epoch_ms(values) + DAY_MS, AXIS_HI)


def _clamped(ms: float) -> float:
    """An x position kept to the days a date axis can show (0001-01-01 to 9999-12-31)."""
    return min(max(ms, AXIS_LO), RANGE_HI)


def _x_range(x0, x1, as_of_ms: float, window: Window) -> tuple[float, float]:
    """The axis range: the date window where one is asked for; elsewhere from the earliest start
    to the latest dated end or the view date, padded a little. Open ends and the plan's ghosts
    never stretch it; a year either side of the view date when there is no data."""
    lo = np.nanmin(x0) if len(x0) else as_of_ms - 365 * DAY_MS
    hi = np.nanmax(np.concatenate([x1, [as_of_ms + DAY_MS]]))
    span = max(hi - lo, 90 * DAY_MS)
    lo, hi = lo - 0.02 * span, hi + 0.03 * span
    start, end = window
    if start is not None:
        lo = day_ms(start)
    if end is not None:
        hi = day_ms(end) + DAY_MS
    if hi - lo < 30 * DAY_MS:  # a window past the data: still a readable stretch of time
        hi = lo + 90 * DAY_MS if end is None else hi
        lo = hi - 90 * DAY_MS if start is None or hi - lo < 30 * DAY_MS else lo
    if lo < AXIS_LO:  # near the ends of the calendar: the same width, moved inside it
        lo, hi = AXIS_LO, hi + (AXIS_LO - lo)
    if hi > RANGE_HI:
        lo, hi = lo - (hi - RANGE_HI), RANGE_HI
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
    window: Window = (None, None),
) -> Geometry:
    """Place every row of df (a drawing frame) on the chart; without labels when the rows would
    be too cramped to read them."""
    how = dict(as_of=as_of, plot_px=plot_px, one_per_row=one_per_row, ghosts=ghosts, height=height)
    how["window"] = window
    geo = _layout(df, lanes, labels=labels, **how)
    if labels and geo.row_px < MIN_LABEL_ROW_PX:  # too cramped to read: pack tighter
        geo = _layout(df, lanes, labels=False, **how)
    return geo


def _layout(df, lanes, *, as_of, plot_px, one_per_row, ghosts, labels, height, window):
    """layout_rows's work: x positions and scale, labels, then rows packed inside lanes."""
    x0, x1, lo, hi = _x_spans(df, as_of, window)
    mid = (x0 + x1) / 2
    as_of_ms = _clamped(day_ms(as_of) + DAY_MS)
    if labels:
        cols = (df["title"], df["uncertain"], df["approximate"])
        texts = [label_text(*v) for v in zip(*cols, strict=True)]
        width_px = texts_px(texts, LABEL_PX)
    else:  # no labels drawn (geo.labels None): the label_ fields place empty ones
        texts, width_px = [""] * len(df), np.zeros(len(df))
    open_end = df["open_ended"].to_numpy()
    widen = labels and len(df) and window[1] is None  # a window asked for is the axis
    cap = min(hi + MAX_WIDEN * (hi - lo), RANGE_HI)
    for _ in range(2 if widen else 1):  # widen the axis for labels at its end
        ms_per_px = (hi - lo) / plot_px
        c0, c1 = _certain_span(df, x0, x1, as_of_ms, hi - lo)
        spots = _label_spots(df, x0, x1, c0, c1, mid, width_px, ms_per_px, (lo, hi))
        if widen:
            hi = _widened(spots, width_px, lo, hi, plot_px, cap)
            x1 = np.where(open_end, hi, x1)  # open ends run to the axis edge
    ms_per_px = (hi - lo) / plot_px
    c0, c1 = _certain_span(df, x0, x1, as_of_ms, hi - lo)
    spots = _label_spots(df, x0, x1, c0, c1, mid, width_px, ms_per_px, (lo, hi))
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
        np.where(spots.inside, lab_x, lab_lo),
        np.where(spots.inside, lab_x + width_px * ms_per_px, lab_hi),
    )


@dataclass(frozen=True)
class _Spots:
    """Where each label can go: inside its bar (from inside_x), or beside its mark's ends."""

    inside: np.ndarray  # fits on the solid bar or on the faded part after it
    solid: np.ndarray  # ... on the solid bar (contrasting ink)
    inside_x: np.ndarray
    start: np.ndarray  # left end of the mark (x units)
    end: np.ndarray  # right end of the mark
    open_end: np.ndarray  # runs to the axis end, which no label of it moves


def _label_spots(df, x0, x1, c0, c1, mid, width_px, ms_per_px, axis) -> _Spots:
    """Whether each label fits on its period's solid bar, else on the faded part after it (both
    within the axis), and where its mark begins and ends (a point's marker, a period's bar)."""
    width = width_px * ms_per_px
    period = (df["kind"] == "period").to_numpy()
    pad = LABEL_PAD_PX * ms_per_px
    s0, s1 = np.maximum(c0, axis[0]), np.minimum(c1, axis[1])  # the solid part on the axis
    t0, t1 = np.maximum(np.maximum(c1, c0), axis[0]), np.minimum(x1, axis[1])  # the faded tail
    on_solid = period & (s1 - s0 >= width + 2 * pad)
    open_end = df["open_ended"].to_numpy()  # its tail fades out at the axis edge: no label
    on_tail = period & ~on_solid & ~open_end & (t1 - t0 >= width + 2 * pad)
    inside_x = np.where(on_solid, s0 + pad, t0 + pad)
    half = MARKER_PX / 2 * ms_per_px
    start = np.where(period, x0, np.fmin(x0, mid - half))  # a point's marker or its window
    end = np.where(period, x1, np.fmax(x1, mid + half))
    return _Spots(on_solid | on_tail, on_solid, inside_x, start, end, open_end)


def _widened(spots: _Spots, width_px, lo: float, hi: float, plot_px: float, cap: float) -> float:
    """The axis end that leaves room right of every mark for its label (those not inside their
    bar), up to cap (MAX_WIDEN of the data's span past it)."""
    beside = ~spots.inside & ~spots.open_end
    need = (width_px + LABEL_PAD_PX + EDGE_PX)[beside]
    ends = spots.end[beside]
    ok = need < plot_px * 0.8  # a label wider than most of the plot goes elsewhere
    if not ok.any():
        return hi
    wanted = lo + (ends[ok] - lo) * plot_px / (plot_px - need[ok])
    return float(min(max(hi, np.nanmax(wanted)), cap))


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


def _x_spans(df: pd.DataFrame, as_of: date, window: Window):
    """Start and end (epoch ms; an open end at the axis end) of every row, and the axis range."""
    x0 = epoch_ms(df["start"])
    x1 = end_ms(df["end"])
    lo, hi = _x_range(x0, x1, day_ms(as_of), window)
    x1[np.isnan(x1)] = hi
    return x0, x1, lo, hi


def fade_span(span: float) -> float:
    """How long (x units) an open end takes to fade out before the edge of an axis this long."""
    return FADE_SHARE * span


def _certain_span(df, x0, x1, as_of_ms, span):
    """Where a period is known to be running: between its start's and its end's windows.

    A ~ or ? date known to the day gets a short faded tip (1.5% of the axis span); an open end
    is faded from the view date on and fades out before the axis edge (fade_span).
    """
    fuzz = 0.015 * span
    start_last = end_ms(df["start_last"])
    start_last += np.where((df["start_precision"] == "day").to_numpy(), fuzz, 0.0)
    c0 = np.where(df["start_fuzzy"].to_numpy(), start_last, x0)
    end_first = epoch_ms(df["end_first"])
    end_first -= np.where((df["end_precision"] == "day").to_numpy(), fuzz, 0.0)
    open_end = np.minimum(np.maximum(as_of_ms, x0), x1 - fade_span(span))
    end_first = np.where(np.isnan(end_first), open_end, end_first)
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
        p1 = end_ms(df["planned_end"])
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
