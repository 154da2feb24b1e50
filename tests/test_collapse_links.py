"""Collapsed lanes (one thin row with their count, in the link and on the command line) and, in
the dashboard, a chart of many links drawing the selected item's arrows only."""

from __future__ import annotations

import copy

from dash import Patch
from defense_timeline.chart.figure import build_chart, build_figure
from defense_timeline.dashboard import callbacks, views
from defense_timeline.dashboard.served import Loaded
from defense_timeline.dashboard.state import PageState, from_query, to_query
from defense_timeline.view.options import ViewOptions

from tests.test_chart_tall import _chain
from tests.timeline_builder import item, timeline


def _two_lanes():
    items = [
        item("a1", "period", "a", start="2000-01", end="2001-01"),
        item("a2", "period", "a", start="2000-03", end="2001-06"),
        item("a3", "event", "a", date="2000-06"),
        item("b1", "period", "b", start="2000-01", end="2003-01"),
    ]
    return timeline(items, lanes=("a", "b"))


def _band(fig, n: int) -> tuple[float, float]:
    bands = [s for s in fig.layout.shapes if s.type == "rect" and s.yref == "y"]
    return sorted((s.y0, s.y1) for s in bands)[n]


def test_a_collapsed_lane_is_one_row_labelled_with_its_count_and_draws_no_item():
    tl = _two_lanes()
    open_ = build_chart(tl, ViewOptions(width=1000))
    shut = build_chart(tl, ViewOptions(width=1000, collapsed=("a",)))
    assert set(open_.placement.df["id"]) == {"a1", "a2", "a3", "b1"}
    assert list(shut.placement.df["id"]) == ["b1"]
    assert shut.item_box("a1") is None and shut.item_box("b1") is not None
    drawn = str(shut.figure.to_dict()["data"])
    assert "a1" not in drawn and "a3" not in drawn and "b1" in drawn
    labels = list(shut.figure.layout.yaxis.ticktext)
    assert labels == ["<b>A (3 items, collapsed)</b>", "<b>B</b>"]
    (lane,) = [ln for ln, _, _ in shut.placement.geo.lane_bands if ln.id == "a"]
    top, bottom = next((t, b) for ln, t, b in shut.placement.geo.lane_bands if ln.id == "a")
    assert bottom - top == 1.6  # one row and the lane's air (rows.LANE_PAD)
    (_, t0, b0) = next(band for band in open_.placement.geo.lane_bands if band[0].id == "a")
    assert b0 - t0 > bottom - top
    assert lane.label == "A (3 items, collapsed)"


def test_collapsing_an_unknown_lane_changes_nothing():
    tl = _two_lanes()
    plain = build_figure(tl, ViewOptions(width=1000)).to_json()
    assert build_figure(tl, ViewOptions(width=1000, collapsed=("zz",))).to_json() == plain


def test_collapsed_lanes_are_in_the_link():
    state = PageState(timeline="small", view=ViewOptions(collapsed=("a", "b")))
    assert to_query(state) == "?t=small&fold=a&fold=b"
    assert from_query("?t=small&fold=a&fold=b").view.collapsed == ("a", "b")


def test_the_command_line_collapses_a_lane(tmp_path):
    from click.testing import CliRunner
    from defense_timeline.cli import main

    from tests.data import DEFAULT_TIMELINE

    out = tmp_path / "chart.html"
    args = ["export", str(DEFAULT_TIMELINE), "-o", str(out), "--collapse", "guidelines"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "items, collapsed)" in out.read_text(encoding="utf-8")
    bad = CliRunner().invoke(main, [*args[:-1], "nolane"])
    assert bad.exit_code == 1 and "--collapse: no lane 'nolane' in this timeline" in bad.output


def _loaded():
    return Loaded(key="chain", label="chain", stamp="1", timeline=_chain(60))


def _visible(fig: dict) -> list[str]:
    notes = fig["layout"]["annotations"]
    return sorted(a["name"] for a in notes if a.get("showarrow") and a.get("visible") is not False)


def test_the_dashboard_draws_the_selected_items_arrows_only_above_40_links():
    loaded, view = _loaded(), ViewOptions()
    plain = views.figure_with_highlight(loaded, view, None)
    assert _visible(plain) == []
    chosen = views.figure_with_highlight(loaded, view, "p10")
    assert _visible(chosen) == ["depends on: p10 → p11", "depends on: p9 → p10"]
    assert _visible(views.plain_figure(loaded, view)) == []  # the cached chart is unchanged


def test_a_selection_patch_shows_that_items_arrows_and_hides_the_others():
    loaded, state = _loaded(), PageState(view=ViewOptions())
    shown = views.arrows_shown(loaded, state.view, "p10")
    assert len(shown) == 59 and sum(shown.values()) == 2
    patch = callbacks.highlight_patch(loaded, state, "p10")
    assert isinstance(patch, Patch)
    fig = copy.deepcopy(views.plain_figure(loaded, state.view))
    for op in patch._operations:
        if op["location"][-1] == "visible":
            fig["layout"]["annotations"][op["location"][2]]["visible"] = op["params"]["value"]
    assert _visible(fig) == ["depends on: p10 → p11", "depends on: p9 → p10"]
    assert views.arrows_shown(loaded, state.view, None) == {n: False for n in shown}
    few = Loaded(key="few", label="few", stamp="1", timeline=_chain(10))
    assert views.arrows_shown(few, state.view, "p3") == {}


def test_a_download_names_the_collapsed_lanes(tmp_path):
    from defense_timeline.dashboard.downloads import view_filename

    path = tmp_path / "plan.yaml"
    loaded = Loaded(key="plan", label="plan", stamp="1", timeline=_two_lanes(), path=path)
    name = view_filename(loaded, ViewOptions(collapsed=("a",)), "png")
    assert name.endswith("_collapsed-1.png") and name.startswith("plan_as-of-")
