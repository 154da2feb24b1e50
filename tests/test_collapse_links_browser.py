"""In Chromium: a lane collapsed from the keyboard in the Display section (and in the link), and
a chart of many links drawing only the selected item's arrows."""

from __future__ import annotations

import pytest

from tests.dashboard_support import GOOD
from tests.server import BackgroundServer

pytestmark = pytest.mark.browser

GD = "document.querySelector('#gantt .js-plotly-plot')"
LANES = f"() => Array.from({GD}.layout.yaxis.ticktext || []).join('|')"
ARROWS = (
    f"() => ({GD}.layout.annotations || [])"
    ".filter(a => a.showarrow && a.visible !== false).map(a => a.name).sort()"
)


def _chain(n: int) -> str:
    """A timeline of n periods in one lane, each depending on the one before."""
    head = GOOD.split("items:")[0].replace("Small test timeline", "Chain")
    items = [
        f"  - {{id: p{i}, title: Step {i}, kind: period, lane: a, status: planned, "
        f"start: {1990 + i % 30}-01, end: {1991 + i % 30}-06, sources: [s1]"
        + (f", depends_on: [p{i - 1}]" if i else "")
        + "}"
        for i in range(n)
    ]
    return head + "items:\n" + "\n".join(items) + "\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("served")
    (folder / "small.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "chain.yaml").write_text(_chain(60), encoding="utf-8")
    with BackgroundServer([folder]) as server:
        yield server


def _open(page, site, query: str) -> None:
    page.goto(site.url + "/" + query)
    page.wait_for_function("document.querySelector('#item-count')?.textContent.startsWith('Show')")
    page.wait_for_selector("#gantt .js-plotly-plot .main-svg")


def test_a_lane_collapses_and_expands_from_the_keyboard(page, site):
    _open(page, site, "?t=small")
    assert page.evaluate(LANES) == "<b>Lane A</b>|<b>Lane B</b>"
    box = page.get_by_role("checkbox", name="Lane A", exact=True)
    box.focus()
    page.keyboard.press("Space")
    page.wait_for_function(f"({LANES})().includes('Lane A (1 item, collapsed)')")
    assert "fold=a" in page.url
    assert page.locator("#gantt .ytick text").first.text_content() == "Lane A (1 item, collapsed)"
    page.keyboard.press("Space")
    page.wait_for_function(f"({LANES})() === '<b>Lane A</b>|<b>Lane B</b>'")
    assert "fold=" not in page.url


def test_above_40_links_only_the_selected_items_arrows_are_drawn(page, site):
    _open(page, site, "?t=chain")
    assert page.evaluate(ARROWS) == []
    assert page.locator("#gantt .annotation-arrow-g").count() == 0
    _open(page, site, "?t=chain&item=p10")
    page.wait_for_function(f"({ARROWS})().length === 2")
    assert page.evaluate(ARROWS) == ["depends on: p10 → p11", "depends on: p9 → p10"]
    assert page.locator("#gantt .annotation-arrow-g").count() == 2
