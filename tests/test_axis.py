"""The time axis: the date window sets its range, the default range stays on the data, open ends
fade out at its edge and the plan's ghosts never stretch it."""

from __future__ import annotations

import numpy as np
import pytest
from defense_timeline import vocabulary
from defense_timeline.chart.figure import build_chart, build_figure
from defense_timeline.timeline.loader import load
from defense_timeline.view.options import Filters, ViewOptions

from tests.data import DEFAULT_TIMELINE, PROGRAMS_TIMELINE
from tests.figure_ids import (
    SLACK_MS,
    as_array,
    drawn_by,
    markers_of,
    marks_of,
    own_marker,
    owners,
    path_points,
)
from tests.test_figure import ms, named, points_of
from tests.timeline_builder import day, generated, item, timeline

DAY_MS = 86_400_000


def axis_ms(fig) -> tuple[float, float]:
    """The x axis range in epoch milliseconds."""
    lo, hi = fig.layout.xaxis.range
    return float(np.datetime64(lo, "ms").astype(np.int64)), float(
        np.datetime64(hi, "ms").astype(np.int64)
    )


def plans():
    """A plan cut short (its ghost reaches 2030), an open-ended strategy and a milestone moved."""
    cut = item(
        "cut",
        start="2014-04-01",
        end="2030-03-31",
        title="Cut short",
        updates=[{"as_of": "2018-12-18", "end": "2018-12-18"}],
    )
    strategy = item("strategy", start="2016-01-01", end=None, title="Open strategy")
    moved = item(
        "moved",
        "milestone",
        date="2016-03-01",
        title="Moved",
        updates=[{"as_of": "2016-02-01", "date": "2017-09-01"}],
    )
    return timeline([cut, strategy, moved], as_of="2019-01-01")


def test_the_date_window_sets_the_axis_range():
    window = Filters(window_start=day("2015-01-01"), window_end=day("2016-12-31"))
    fig = build_figure(plans(), ViewOptions(filters=window))
    assert fig.layout.xaxis.range == ("2015-01-01T00:00:00.000", "2017-01-01T00:00:00.000")
    only_from = build_figure(plans(), ViewOptions(filters=Filters(window_start=day("2017-01-01"))))
    lo, hi = axis_ms(only_from)
    assert lo == ms("2017-01-01") and ms("2019-01-02") <= hi < ms("2019-06-01")


def test_the_default_range_ends_at_the_latest_dated_end_or_the_view_date():
    fig = build_figure(plans())
    lo, hi = axis_ms(fig)
    # dated ends: 2018-12-18 and 2017-09-01; view date 2019-01-01; the ghost reaches 2030
    assert ms("2019-01-02") < hi < ms("2019-01-02") + 0.05 * (hi - lo)
    assert ms("2014-04-01") - 0.03 * (hi - lo) < lo < ms("2014-04-01")
    later = build_figure(plans(), ViewOptions(as_of=day("2022-06-30")))
    assert ms("2022-07-01") < axis_ms(later)[1] < ms("2023-03-01")


def test_ghosts_never_stretch_the_axis_and_sit_on_their_rows():
    fig = build_figure(plans())
    ghosts = named(fig, "planned (baseline)")
    frame = next(t for t in ghosts if t.mode == "lines")
    assert points_of(fig, frame, "cut").max() == ms("2030-04-01")  # drawn, cut at the axis edge
    assert axis_ms(fig)[1] < ms("2019-06-01")
    (plan,) = [m for m in markers_of(fig.data, "moved") if m["color"] == vocabulary.GHOST]
    assert plan["y"] == own_marker(fig.data, "moved")["y"]
    assert plan["x"] == pytest.approx(ms("2016-03-01") + DAY_MS / 2, abs=SLACK_MS)


def _strokes_on(path: str, y: float) -> np.ndarray:
    """x ends of a path shape's horizontal strokes ("Mx0,yHx1") on the row at y."""
    x, ys = path_points(path)
    return x[np.abs(ys - y) < 1e-3]


def test_open_ends_fade_out_at_the_axis_edge():
    fig = build_figure(plans())
    hi = axis_ms(fig)[1]
    steps = [s for s in fig.layout.shapes if s.name == "open end"]  # shapes, not traces
    assert not [t for t in fig.data if t.name == "open end"]
    assert [s.opacity for s in steps] == sorted((s.opacity for s in steps), reverse=True)
    assert len(steps) >= 4 and steps[-1].opacity < 0.1
    (row,) = {
        y
        for t in named(fig, "bars")
        for y, who in zip(t.y, owners(fig.data, t), strict=True)
        if who == "strategy"
    }
    ends = [_strokes_on(s.path, row) for s in steps]
    assert ends[-1].max() == pytest.approx(hi)
    assert all(a.max() == pytest.approx(b.min()) for a, b in zip(ends, ends[1:], strict=False))
    assert not [t for t in named(fig, "planned (baseline)") if "strategy" in drawn_by(fig.data, t)]
    window = Filters(window_end=day("2030-12-31"))
    wide = build_figure(plans(), ViewOptions(filters=window))
    tail = np.concatenate([points_of(wide, t, "strategy") for t in named(wide, "date windows")])
    assert tail.min() == pytest.approx(ms("2019-01-02"))  # faded from the view date on


def test_an_open_ended_label_goes_left_of_its_bar_not_past_the_edge():
    late = item("late-open", start="2018-06-01", end=None, title="A long open-ended strategy title")
    tl = timeline([*plans().items, late], as_of="2019-01-01")
    chart = build_chart(tl)
    geo, df = chart.placement.geo, chart.placement.df
    i = df.index[df["id"] == "late-open"][0]
    assert geo.label_x[i] < geo.x0[i]
    assert axis_ms(chart.figure)[1] < ms("2019-06-01")


def test_large_charts_fade_open_ends_too():
    big = generated(2500)
    lanes = tuple(lane.id for lane in big.lanes)
    open_item = item("open", lane="l0", start="2010", end=None)
    fig = build_figure(timeline([*big.items, open_item], lanes=lanes, as_of="2020-01-01"))
    fades = [s for s in fig.layout.shapes if s.name == "open end"]
    assert [s.opacity for s in fades] == [0.26, 0.19, 0.13, 0.08, 0.04]


def test_the_bundled_timelines_end_near_their_data():
    programs = load(PROGRAMS_TIMELINE)  # its latest dated end: 2028-03-31, view date 2022-12-16
    lo, hi = axis_ms(build_figure(programs, ViewOptions(width=1600)))
    assert ms("2028-04-01") < hi <= ms("2028-04-01") + 0.12 * (ms("2028-04-01") - lo)
    article = load(DEFAULT_TIMELINE)
    window = Filters(window_start=day("2016-01-01"), window_end=day("2019-12-31"))
    fig = build_figure(article, ViewOptions(as_of=day("2026-11-25"), filters=window))
    assert fig.layout.xaxis.range == ("2016-01-01T00:00:00.000", "2020-01-01T00:00:00.000")


def test_a_period_ending_on_the_last_drawable_day_stays_on_the_axis():
    """A period ending 9999-12-31 ends at the last drawable millisecond, not in year 10000 (which
    plotly.js drops, and the bar with it); the axis stops at the last day's start, since a
    range reaching further gets a tick for year 10000, labelled "0000" (seen in Chromium)."""
    last = item("last", start="0500-01", end="9999-12-31", title="To the end")
    plan = item("plan", start="9999-01", end="9999-12-31", title="Late plan")
    fig = build_figure(timeline([last, plan], as_of="2019-01-01"))
    xs = np.concatenate(  # a bar trace's x is a length from its base
        [
            as_array(t.x) + (as_array(t.base) if t.type == "bar" else 0)
            for t in fig.data
            if t.x is not None and len(t.x)
        ]
    )
    axis_end = ms("9999-12-31") + DAY_MS - 1
    assert np.nanmax(xs) == axis_end
    assert axis_ms(fig)[1] == ms("9999-12-31")
    assert marks_of(fig.data, next(t for t in named(fig, "bars")), "last").max() == axis_end
