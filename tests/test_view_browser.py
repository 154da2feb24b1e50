"""The dashboard's source view, date window axis and fiscal-axis control in real Chromium."""

from __future__ import annotations

import pytest
from defense_timeline.timeline.loader import load
from defense_timeline.view.frame import timeline_frame
from defense_timeline.view.sources import source_timeline
from playwright.sync_api import expect

from tests.data import DEFAULT_TIMELINE
from tests.test_dashboard_browser import open_view, pick, site, ui, wait_drawn  # noqa: F401

pytestmark = pytest.mark.browser
ARTICLE = "jt-2017-02-19"
X_RANGE = "() => document.querySelector('#gantt .js-plotly-plot')._fullLayout.xaxis.range"


def test_the_source_dropdown_shows_what_the_article_said(ui, site):  # noqa: F811
    path = site.folder / DEFAULT_TIMELINE.name
    said = sorted(timeline_frame(source_timeline(load(path), ARTICLE))["id"])
    open_view(ui, site, "?asof=2026-11-25")
    pick(ui, "source-view", "2017-02-19 · ")
    wait_drawn(ui, said)
    assert f"src={ARTICLE}" in ui.evaluate("location.search")
    ui.wait_for_function(
        "document.querySelector('#timeline-meta').textContent.includes('as stated by')"
    )
    assert "Viewed as of 2017-02-19" in ui.inner_text("#timeline-meta")
    expect(ui.locator(".ag-row")).to_have_count(len(said), timeout=30_000)  # its own callback


def test_a_link_with_a_window_and_a_fiscal_axis_draws_them(ui, site):  # noqa: F811
    open_view(ui, site, "?from=2015-01-01&to=2019-12-31&axis=JP")
    lo, hi = ui.evaluate(X_RANGE)
    assert lo.startswith("2015-01-01") and hi.startswith("2020-01-01")
    title = ui.evaluate(
        "() => document.querySelector('#gantt .js-plotly-plot')._fullLayout.xaxis.title.text"
    )
    assert title == "Japanese fiscal years (April–March)"
    assert "Japanese fiscal years" in ui.inner_text("#axis")
    pick(ui, "axis", "Calendar years")
    ui.wait_for_function("!location.search.includes('axis=')")
