"""The page drawn by plotly.js's partial bundle is the page drawn by the full one, pixel for
pixel, in Chromium: the bundle holds everything the chart uses (output/plotlyjs.py)."""

from __future__ import annotations

import pytest
from defense_timeline.output import plotlyjs
from defense_timeline.output.render import render
from defense_timeline.timeline.loader import load

from tests.data import DEFAULT_TIMELINE


def shots(page, path, widths=(760, 1600)) -> list[bytes]:
    """Full-page screenshots of the page opened afresh at each width, once drawn."""
    taken = []
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(path.as_uri())
        page.wait_for_selector(".js-plotly-plot .scatterlayer .trace")
        taken.append(page.screenshot(full_page=True))
    return taken


@pytest.mark.browser
def test_the_partial_bundle_draws_the_article_page_as_the_full_bundle_does(
    page, tmp_path, monkeypatch
):
    tl = load(DEFAULT_TIMELINE)
    partial = tmp_path / "partial.html"
    partial.write_bytes(render(tl, "html"))
    monkeypatch.setattr(plotlyjs, "partial_bundle_dir", lambda: tmp_path / "none")
    full = tmp_path / "full.html"
    full.write_bytes(render(tl, "html"))
    assert len(full.read_bytes()) > len(partial.read_bytes()) + 3_000_000
    assert shots(page, partial) == shots(page, full)
    assert page.console_errors == []
