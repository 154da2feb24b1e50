"""Fiscal axes: one calendar's fiscal years on the axis, or each lane shading its own, and the
axis title naming the calendar; from the API, the command line and a dashboard link."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from defense_timeline.chart.figure import build_figure
from defense_timeline.cli import main
from defense_timeline.dashboard.state import from_query, to_query
from defense_timeline.timeline.dates import calendar_from
from defense_timeline.timeline.model import Lane
from defense_timeline.view.options import ViewOptions

from tests.timeline_builder import item, timeline

FOUR = {"us": "US", "uk": "UK", "au": "AU", "jp": "JP"}


def four_countries(calendar=None):
    """A lane per calendar, each with a plan over 2016-2020."""
    lanes = tuple(Lane(lane, name, calendar=calendar_from(name)) for lane, name in FOUR.items())
    items = [item(f"plan-{lane}", lane=lane, start="2016-01-01", end="2020-12-31") for lane in FOUR]
    return timeline(items, lanes=lanes, as_of="2019-01-01", calendar=calendar)


def stripes(fig) -> dict[int, list[str]]:
    """The shaded fiscal years' first days, by the top of the lane they shade."""
    out: dict[int, list[str]] = {}
    for shape in fig.layout.shapes:
        if shape.name == "fiscal year":
            out.setdefault(round(shape.y0), []).append(shape.x0)
    return out


def test_several_calendars_keep_calendar_years_and_shade_each_lanes_own():
    fig = build_figure(four_countries(), ViewOptions(fiscal_axis="fiscal"))
    axis = fig.layout.xaxis
    assert axis.ticktext is None and axis.tickvals is None
    assert axis.title.text == "Calendar years · each lane shaded by its own fiscal years"
    by_lane = stripes(fig)
    assert len(by_lane) == 4
    starts = {x[5:] for xs in by_lane.values() for x in xs}
    assert starts == {"10-01", "04-01", "07-01"}
    for xs in by_lane.values():  # alternate years: two years between stripes of a lane
        assert len({x[5:] for x in xs}) == 1
        years = [int(x[:4]) for x in xs]
        assert all(b - a == 2 for a, b in zip(years, years[1:], strict=False))
    assert not stripes(build_figure(four_countries()))


def test_a_chosen_calendar_labels_the_axis_and_names_it():
    fig = build_figure(four_countries(), ViewOptions(fiscal_axis="US"))
    axis = fig.layout.xaxis
    assert all(v.endswith("-10-01") for v in axis.tickvals)
    labels = dict(zip(axis.tickvals, axis.ticktext, strict=True))
    assert labels["2017-10-01"] == "FY2018"
    assert "2018-04-01" not in labels  # US FY2018 is not labelled at 1 April
    assert axis.title.text == "US federal fiscal years (October–September)"
    assert not stripes(fig)
    jp = build_figure(four_countries(), ViewOptions(fiscal_axis="JP")).layout.xaxis
    assert jp.title.text == "Japanese fiscal years (April–March)"
    assert dict(zip(jp.tickvals, jp.ticktext, strict=True))["2018-04-01"] == "FY2018"
    au = build_figure(four_countries(), ViewOptions(fiscal_axis="AU")).layout.xaxis
    assert au.title.text == "Australian financial years (July–June)"
    assert dict(zip(au.tickvals, au.ticktext, strict=True))["2017-07-01"] == "FY2018"


def test_calendars_with_alike_fiscal_years_share_the_axis():
    lanes = (Lane("jp", "Japan", calendar=calendar_from("JP")), Lane("uk", "UK"))
    items = [item("a", lane="jp", start="2016", end="2019"), item("b", lane="uk", start="2017")]
    tl = timeline(items, lanes=lanes, calendar=calendar_from("UK"))
    axis = build_figure(tl, ViewOptions(fiscal_axis="fiscal")).layout.xaxis
    assert axis.title.text == "Japanese fiscal years and UK financial years (April–March)"
    assert all(v.endswith("-04-01") for v in axis.tickvals)


def test_old_callers_and_links_keep_their_meaning():
    assert ViewOptions(fiscal_axis=True).fiscal_axis == "fiscal"
    assert ViewOptions(fiscal_axis=False).fiscal_axis == "calendar"
    assert from_query("?axis=fiscal").view.fiscal_axis == "fiscal"
    assert from_query("?axis=US").view.fiscal_axis == "US"
    assert from_query("?axis=XX").view.fiscal_axis == "calendar"
    assert to_query(from_query("?axis=AU")) == "?axis=AU"


@pytest.mark.parametrize(
    ("args", "title"),
    [
        (["--fiscal-axis"], "Calendar years · each lane shaded by its own fiscal years"),
        (["--fiscal-axis", "jp"], "Japanese fiscal years (April–March)"),
        (["--fiscal-axis", "US"], "US federal fiscal years (October–September)"),
    ],
)
def test_the_command_line_takes_the_flag_alone_or_a_calendar(tmp_path, args, title):
    path = tmp_path / "four.yaml"
    path.write_text(
        "title: Four\nas_of: 2019-01-01\nlanes:\n"
        + "".join(f"  - {{id: {k}, label: {v}, calendar: {v}}}\n" for k, v in FOUR.items())
        + "items:\n"
        + "".join(
            f"  - {{id: p{k}, title: P, kind: period, lane: {k}, status: planned,"
            f" start: FY2017, end: FY2019}}\n"
            for k in FOUR
        ),
        encoding="utf-8",
    )
    out = tmp_path / "fig.json"
    result = CliRunner().invoke(main, ["export", str(path), *args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["layout"]["xaxis"]["title"]["text"] == title
    bad = CliRunner().invoke(main, ["export", str(path), "--fiscal-axis", "XX", "-o", str(out)])
    assert bad.exit_code == 1
    assert "error: Invalid value for '--fiscal-axis': 'XX' is not one of" in bad.output
