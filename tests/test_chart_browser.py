"""A chart of a few items as Chromium draws it: bars, date windows and the plan's outlines are
path shapes (chart.parts), which a legend click hides with the rest of their lane."""

from __future__ import annotations

import re

import pytest
from defense_timeline.output.render import render

from tests.timeline_builder import item, timeline

# The lane (legend group) of every shape plotly.js drew on the data axes, and of every trace
# it drew: a hidden shape is not drawn, a hidden trace is "legendonly".
DRAWN = """() => {
  const gd = document.querySelector('.js-plotly-plot'), shapes = gd._fullLayout.shapes;
  const paths = Array.from(gd.querySelectorAll('.shapelayer path[data-index]'))
    .map(p => shapes[Number(p.dataset.index)]).filter(s => s.xref === 'x');
  return {shapes: paths.map(s => s.legendgroup + ' ' + s.name),
    traces: gd._fullData.filter(t => t.visible === true && t.legendgroup && !t.legend.endsWith('2'))
      .map(t => t.legendgroup)};
}"""


@pytest.mark.browser
def test_a_legend_click_hides_a_lanes_bars_windows_and_outlines(page, tmp_path):
    # a date window, and a plan outline where the end moved
    revised = item(
        "p1", start="2014~", end="2016", updates=[{"as_of": "2015-01-01", "end": "2018"}]
    )
    tl = timeline(
        [revised, item("p2", lane="b"), item("e1", "event", date="2015-06")],
        lanes=("a", "b"),
        as_of="2019-01-01",
    )
    path = tmp_path / "chart.html"
    path.write_bytes(render(tl, "html"))
    page.goto(path.as_uri())
    page.wait_for_selector(".js-plotly-plot .scatterlayer .trace")
    before = page.evaluate(DRAWN)
    assert {"a bars", "a date windows", "a planned (baseline)", "b bars"} <= set(before["shapes"])
    assert {"a", "b"} <= set(before["traces"])

    page.locator(".legend .traces").filter(has_text=re.compile("^A$")).first.click()
    page.wait_for_function(f"!({DRAWN})().traces.includes('a')")
    after = page.evaluate(DRAWN)
    assert not [s for s in after["shapes"] if s.startswith("a ")]
    assert [s for s in after["shapes"] if s.startswith("b ")] == [
        s for s in before["shapes"] if s.startswith("b ")
    ]
    assert page.console_errors == []
