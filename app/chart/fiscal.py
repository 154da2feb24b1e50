"""Fiscal years on the chart: an axis in one calendar's fiscal years, or each lane shading its own.

Lanes may run on different calendars (a US lane's FY2018 starts 2017-10-01, a UK lane's on
2018-04-01). The axis is labelled in one calendar's fiscal years only when one is asked for or
every drawn lane runs on alike fiscal years; otherwise it keeps calendar years and each lane
shades alternate fiscal years of its own calendar. The axis title names the calendar.
"""

from __future__ import annotations

from datetime import date

import numpy as np
from defense_timeline.chart.rows import Geometry, day_ms
from defense_timeline.timeline.dates import PRESETS, Calendar, fiscal_year_of
from defense_timeline.timeline.model import Lane, Timeline
from defense_timeline.view.describe import calendar_title

FY_SHADE = "rgba(0,0,0,0.06)"
MAX_SHADED_YEARS = 80  # past this, stripes a year wide are too thin to read
SEVERAL = "Calendar years · each lane shaded by its own fiscal years"


def _runs(calendar: Calendar) -> tuple[int, int, str]:
    """What makes two calendars' fiscal years alike: first day and the year that names them."""
    return calendar.start_month, calendar.start_day, calendar.named_by


def lane_calendars(timeline: Timeline, geo: Geometry) -> list[tuple[Lane, float, float, Calendar]]:
    """Each drawn lane with a calendar (its own, else the timeline's), with its top and bottom."""
    out = []
    for lane, top, bottom in geo.lane_bands:
        calendar = lane.calendar or timeline.calendar
        if calendar is not None:
            out.append((lane, top, bottom, calendar))
    return out


def axis_calendar(timeline: Timeline, geo: Geometry, choice: str) -> list[Calendar]:
    """The calendars the axis is labelled in (alike fiscal years), or [] for calendar years."""
    if choice in PRESETS:
        return [PRESETS[choice]]
    if choice != "fiscal":
        return []
    calendars = list(dict.fromkeys(cal for *_, cal in lane_calendars(timeline, geo)))
    if not calendars and timeline.calendar is not None:
        calendars = [timeline.calendar]
    alike = len({_runs(cal) for cal in calendars}) == 1
    return calendars if alike else []


def fiscal_axis(timeline: Timeline, choice: str, geo: Geometry) -> dict:
    """What the x axis gains: fiscal-year ticks and a title naming the calendar, or a title
    saying the lanes shade their own fiscal years; nothing for a plain calendar axis."""
    if choice == "calendar":
        return {}
    calendars = axis_calendar(timeline, geo, choice)
    if not calendars:
        several = len(lane_calendars(timeline, geo)) > 0
        return dict(title=dict(text=SEVERAL if several else "Calendar years"))
    starts = fiscal_starts(geo, calendars[0])
    return dict(
        tickvals=[s.isoformat() for s in starts],
        ticktext=[f"FY{fiscal_year_of(s, calendars[0])}" for s in starts],
        title=dict(text=calendar_title(calendars)),
    )


def lane_shading(timeline: Timeline, choice: str, geo: Geometry) -> list[dict]:
    """Alternate fiscal years shaded in each lane, by its own calendar, when the axis cannot
    show them all (several calendars and no single one asked for)."""
    if choice != "fiscal" or axis_calendar(timeline, geo, choice):
        return []
    shapes = []
    for _, top, bottom, calendar in lane_calendars(timeline, geo):
        starts = _years(geo, calendar)
        if len(starts) > MAX_SHADED_YEARS:
            continue
        for first, last in zip(starts[::2], starts[1::2], strict=False):
            shapes.append(_stripe(first, last, top, bottom))
    return shapes


def _stripe(first: date, last: date, top: float, bottom: float) -> dict:
    """A faint band over one fiscal year of one lane."""
    return dict(
        type="rect",
        xref="x",
        yref="y",
        x0=first.isoformat(),
        x1=last.isoformat(),
        y0=top,
        y1=bottom,
        fillcolor=FY_SHADE,
        line=dict(width=0),
        layer="below",
        name="fiscal year",
    )


def _years(geo: Geometry, calendar: Calendar) -> list[date]:
    """First days of the fiscal years from before the axis start to after its end."""
    first = max(_year(geo.lo) - 1, date.min.year)  # date() has no year 0 or 10000
    last = min(_year(geo.hi) + 1, date.max.year)
    return [date(y, calendar.start_month, calendar.start_day) for y in range(first, last + 1)]


def fiscal_starts(geo: Geometry, calendar: Calendar) -> list[date]:
    """First days of the fiscal years across the axis, thinned to at most about 20 ticks."""
    starts = _years(geo, calendar)
    starts = [s for s in starts if geo.lo <= day_ms(s) <= geo.hi] or starts[1:2]
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 10**9) if len(starts) / s <= 20)
    return starts[::step]


def _year(ms: float) -> int:
    """Calendar year of an epoch-millisecond position (any year, unlike pd.Timestamp)."""
    return int(np.datetime64(int(ms), "ms").astype("datetime64[Y]").astype(np.int64)) + 1970
