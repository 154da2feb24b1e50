"""The figure of an ordinary chart stays small: at 1,000 items (brief hover cards) the card
fields are customdata columns under one template per hover trace, one target per item, and
the whole figure's JSON is at most three times px.timeline's of the same file (issue 12)."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from defense_timeline.chart.figure import build_figure
from defense_timeline.chart.parts import item_of
from defense_timeline.chart.text import BRIEF_TEMPLATE, PERIOD_LINE
from defense_timeline.timeline import loader
from defense_timeline.view.frame import timeline_frame

from benchmarks import recipe
from benchmarks.generate import write
from tests.figure_ids import SLACK_MS, as_array


@pytest.fixture(scope="module")
def thousand(tmp_path_factory):
    """The benchmark's 1,000-item file: its path and our figure as JSON."""
    path = write(1000, tmp_path_factory.mktemp("size"))
    timeline = loader.load(path)
    return path, timeline, build_figure(timeline).to_json()


def test_figure_json_at_a_thousand_items_is_at_most_three_times_px_timelines(thousand):
    path, _, ours = thousand
    theirs = recipe.figure(recipe.frame(recipe.load(path))).to_json()
    assert len(ours) <= 3 * len(theirs), (len(ours), len(theirs))


def test_brief_cards_are_columns_under_one_template_per_trace(thousand):
    _, timeline, text = thousand
    hover = [t for t in json.loads(text)["data"] if "customdata" in t]
    spans = [t for t in hover if t["type"] == "bar"]
    points = [t for t in hover if t["type"] == "scatter"]
    assert spans and points
    assert all(t["hovertemplate"] == BRIEF_TEMPLATE and "meta" not in t for t in points)
    for t in spans:  # a period's kind and the dash between its dates are in the template
        assert re.fullmatch(
            r"<b>%\{customdata\[1\]\}</b><br>%\{customdata\[2\]\} – %\{customdata\[4\]\}"
            r"<br>Period · %\{customdata\[3\]\}<extra></extra>",
            t["hovertemplate"],
        )
        assert "meta" not in t
    frame = timeline_frame(timeline).set_index("id")
    rows = {item_of(row): row for t in spans for row in t["customdata"]}
    assert len(rows) == (frame["kind"] == "period").sum()
    item_id = frame.index[(frame["kind"] == "period") & frame["revised"]][0]
    row = rows[item_id]
    assert row[1] == frame.at[item_id, "title"] and not row[3].startswith(PERIOD_LINE)
    assert row[2] == str(frame.at[item_id, "start"].date())
    assert row[4] in ("open-ended", str(frame.at[item_id, "end"].date()))


def test_a_revised_periods_one_target_spans_its_bar_and_its_plan(thousand):
    _, timeline, text = thousand
    frame = timeline_frame(timeline).set_index("id")
    revised = frame.index[
        (frame["kind"] == "period") & frame["revised"] & frame["planned_start"].notna()
    ]
    assert len(revised) > 10
    spans = {}
    for t in json.loads(text)["data"]:
        if t.get("type") == "bar" and "customdata" in t:
            base, size = as_array(t["base"]), as_array(t["x"])
            for row, x0, dx in zip(t["customdata"], base, size, strict=True):
                assert item_of(row) not in spans  # one target per item
                spans[item_of(row)] = (float(x0), float(x0) + float(dx))
    for item_id in revised:
        x0, x1 = spans[item_id]
        for day in (frame.at[item_id, "start"], frame.at[item_id, "planned_start"]):
            ms = float(np.datetime64(day, "ms").astype(np.int64))
            assert x0 - SLACK_MS <= ms <= x1 + SLACK_MS


def test_arrow_ends_at_midnight_are_sent_as_their_day():
    from defense_timeline.chart.layout import iso
    from defense_timeline.chart.links import day_iso

    midnight = float(np.datetime64("2004-11-01", "ms").astype(np.int64))
    assert day_iso(midnight) == "2004-11-01"
    assert day_iso(midnight + 3_600_000) == iso(midnight + 3_600_000) == "2004-11-01T01:00:00.000"


def test_margins_are_fixed_so_plotly_lays_the_chart_out_once(thousand):
    from defense_timeline.chart.layout import lane_labels_px

    _, timeline, text = thousand
    layout = json.loads(text)["layout"]
    axes = sorted(k for k in layout if k.startswith(("xaxis", "yaxis")))
    assert axes == ["xaxis", "xaxis2", "yaxis"]  # time, again at the top (tall chart), lanes
    assert layout["yaxis"]["automargin"] is False
    # room for a legend taller than estimated (the top axis: a colour legend above it)
    assert layout["xaxis"]["automargin"] is True and layout["xaxis2"]["automargin"] is True
    labels = [lane.label for lane in timeline.lanes]
    assert layout["margin"]["l"] == 10 + round(lane_labels_px(labels, 1400))


@pytest.mark.browser
@pytest.mark.parametrize("width", [480, 640, 760, 900, 1000, 1200, 1600])
def test_chromium_keeps_the_margins_and_shows_whole_lane_labels(page, tmp_path, width):
    """plotly keeps the margins (one layout pass): lane labels' room, the marks legend's rows
    (plotly's grid) under the time axis, and the colour legend's rows above (the dashboard's
    chart is 1,000 px wide at a 1,400 px window: one pass there saves a whole redraw)."""
    from defense_timeline.view.options import ViewOptions

    from tests.data import DEFAULT_TIMELINE
    from tests.test_figure import open_chart

    fig = build_figure(loader.load(DEFAULT_TIMELINE), ViewOptions(width=width))
    open_chart(page, tmp_path, fig)
    size = page.evaluate("() => document.getElementById('chart')._fullLayout._size")
    margin = fig.layout.margin
    assert (size["l"], size["r"], size["t"], size["b"]) == (margin.l, margin.r, margin.t, margin.b)
    boxes = page.evaluate(
        """() => Array.from(document.querySelectorAll('#chart .yaxislayer-above .ytick text'))
            .map(t => { const b = t.getBoundingClientRect(); return [b.left, b.right]; })"""
    )
    plot = page.evaluate(
        "() => document.querySelector('#chart .nsewdrag').getBoundingClientRect().toJSON()"
    )
    assert len(boxes) == len(loader.load(DEFAULT_TIMELINE).lanes)
    assert all(0 <= left and right <= plot["left"] for left, right in boxes)
    ticks = page.evaluate(
        """() => Array.from(document.querySelectorAll('#chart .xaxislayer-above .xtick text'))
            .map(t => t.getBoundingClientRect().bottom)"""
    )
    legend = page.evaluate(
        "() => document.querySelector('#chart .legend2, #chart g[class*=legend2]')"
        "?.getBoundingClientRect().top ?? null"
    )
    assert ticks and legend is not None and max(ticks) <= legend  # the marks legend is clear


@pytest.mark.browser
def test_a_tall_chart_drawn_narrower_than_laid_out_keeps_its_top_axis_clear_of_the_legend(
    page, tmp_path, thousand
):
    """Laid out for 1,400 px and drawn at 760, the colour legend wraps into more rows than
    estimated: the top axis's labels move down, clear of it, above the plot."""
    from tests.test_figure import open_chart

    page.set_viewport_size({"width": 760, "height": 900})
    _, timeline, _ = thousand
    open_chart(page, tmp_path, build_figure(timeline))
    box = "(e) => { const b = e.getBoundingClientRect(); return [b.top, b.bottom]; }"
    ticks = page.eval_on_selector_all("#chart .x2tick text", f"(els) => els.map({box})")
    legend = page.eval_on_selector("#chart .legend", box)
    plot = page.eval_on_selector("#chart .nsewdrag", box)
    assert ticks and all(legend[1] <= top and bottom <= plot[0] for top, bottom in ticks)
