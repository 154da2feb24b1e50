"""Tall charts: the time axis at the top too; many links drawn on demand; the veil under text."""

from __future__ import annotations

import pytest
from defense_timeline.chart.figure import FEW_ARROWS, build_figure, reveal_links
from defense_timeline.output.render import render
from defense_timeline.view.options import ViewOptions

from tests.test_chart_layout_browser import tall_timeline
from tests.timeline_builder import item, timeline


def _chain(n: int):
    """n periods, each depending on the one before."""
    items = [
        item(
            f"p{i}",
            "period",
            "a",
            start=f"{1990 + i % 30}-01",
            end=f"{1991 + i % 30}-06",
            links=[("depends_on", f"p{i - 1}")] if i else [],
        )
        for i in range(n)
    ]
    return timeline(items, lanes=("a",))


def _arrows(fig) -> list:
    return [a for a in fig.layout.annotations if a.showarrow]


def test_tall_chart_has_the_time_axis_at_the_top_and_the_bottom():
    tall = build_figure(tall_timeline(), ViewOptions(width=1000))
    top = tall.layout.xaxis2
    assert top.side == "top" and top.matches == "x" and top.overlaying == "x"
    assert top.tickmode == "auto" and list(top.range) == list(tall.layout.xaxis.range)
    assert any(t.xaxis == "x2" for t in tall.data)
    short = build_figure(_chain(3), ViewOptions(width=1000))
    assert "xaxis2" not in short.to_dict()["layout"]


def test_fiscal_ticks_repeat_at_the_top():
    tall = build_figure(tall_timeline(), ViewOptions(width=1000, fiscal_axis=True))
    assert tall.layout.xaxis2.tickmode == "array"
    assert list(tall.layout.xaxis2.ticktext) == list(tall.layout.xaxis.ticktext)


def test_a_few_dozen_links_are_drawn_always():
    fig = build_figure(_chain(FEW_ARROWS), ViewOptions(width=1200))
    arrows = _arrows(fig)
    assert len(arrows) == FEW_ARROWS - 1 and all(a.visible is not False for a in arrows)
    assert not (fig.layout.meta or {})


def test_more_links_are_drawn_for_the_hovered_or_selected_item_unless_all_are_asked():
    fig = build_figure(_chain(60), ViewOptions(width=1200))
    arrows = _arrows(fig)
    assert len(arrows) == 59 and all(a.visible is False for a in arrows)
    links = fig.layout.meta["links"]
    assert len(links["p10"]) == 2  # from p9 and to p11
    assert {fig.layout.annotations[i].name for i in links["p10"]} == {
        "depends on: p9 → p10",
        "depends on: p10 → p11",
    }
    shown = reveal_links(fig.to_dict(), "p10")
    visible = [a["name"] for a in shown["layout"]["annotations"] if a.get("visible")]
    assert sorted(visible) == ["depends on: p10 → p11", "depends on: p9 → p10"]
    everything = build_figure(_chain(60), ViewOptions(width=1200, all_links=True))
    assert all(a.visible is not False for a in _arrows(everything))
    assert len(_arrows(everything)) == 59


def test_future_veil_lies_under_the_marks_and_their_labels():
    fig = build_figure(_chain(5), ViewOptions(width=1000))
    (veil,) = [s for s in fig.layout.shapes if s.name == "after the view date"]
    assert veil.layer == "between"  # above the grid, below every trace (labels are traces)


@pytest.mark.browser
def test_html_shows_a_hovered_items_arrows_only(page, tmp_path):
    path = tmp_path / "chain.html"
    path.write_bytes(render(_chain(60), "html"))
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(path.as_uri())
    page.wait_for_selector(".js-plotly-plot .scatterlayer .trace")
    count = "document.querySelectorAll('.js-plotly-plot .annotation-arrow-g').length"
    assert page.evaluate(count) == 0
    page.evaluate(
        """() => { const gd = document.querySelector('.js-plotly-plot');
        gd.emit('plotly_click', {points: [{customdata: 'p10'}]}); }"""
    )
    page.wait_for_function(f"{count} === 2")
    assert page.console_errors == []
