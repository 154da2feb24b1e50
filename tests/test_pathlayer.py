"""The path layer (assets/path_layer.js): a large chart's shapes on the x axis drawn on a canvas,
not by plotly.js; what Chromium shows in the HTML page before and after a pan, a legend click and
the camera button's download, and in the dashboard."""

from __future__ import annotations

import io
import json
import re

import pytest
from defense_timeline.chart.figure import build_figure
from defense_timeline.output.render import render

from tests.timeline_builder import item, timeline


def large_timeline():
    """2,100 ten-year periods in two lanes (a large chart: chart.lod), with a few events."""
    items = [
        item(f"p{i}", lane="ab"[i % 2], start=f"{2000 + i % 5}-01-01", end=f"{2010 + i % 5}-12-31")
        for i in range(2100)
    ]
    items += [item(f"e{i}", "event", "a", date=f"2012-0{i + 1}-01") for i in range(5)]
    return timeline(items, lanes=("a", "b"), as_of="2020-01-01")


def small_timeline():
    return timeline([item("p1"), item("p2", lane="b")])


def _sent(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="[^"]+-fits">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_only_a_large_chart_page_carries_the_path_layer():
    large = render(large_timeline(), "html").decode()
    small = render(small_timeline(), "html").decode()
    assert _sent(large)["paths"] is True and "function pathLayer(" in large
    assert "paths" not in _sent(small) and "function pathLayer(" not in small
    # the figure sent is the figure built: the shapes are taken out only in the browser
    shapes = _sent(large)["fits"][0]["layout"]["shapes"]
    built = build_figure(large_timeline()).layout.shapes
    assert [s.get("path") for s in shapes] == [s.path for s in built]
    assert sum(s["type"] == "path" and s["xref"] == "x" for s in shapes) >= 3


CANVAS_STATE = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  const c = gd.querySelector('.path-layer canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let inked = 0, left = c.width;
  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) {
    inked++; left = Math.min(left, ((i - 3) / 4) % c.width);
  }
  return {inked, left, plotly: gd._fullLayout.shapes.filter(s => s.xref === 'x').length,
    range: gd._fullLayout.xaxis.range.slice(), transform: c.style.transform};
}"""


def _open(page, tmp_path):
    path = tmp_path / "large.html"
    path.write_bytes(render(large_timeline(), "html"))
    page.goto(path.as_uri())
    page.wait_for_function("document.querySelector('.js-plotly-plot').dataset.paths === 'drawn'")


def lane_a_rgb() -> tuple[int, int, int]:
    """The colour of lane a's solid bars (the first colour group's)."""
    bars = next(s for s in build_figure(large_timeline()).layout.shapes if s.name == "bars")
    return tuple(int(bars.line.color[i : i + 2], 16) for i in (1, 3, 5))


def _near(pixel, rgb) -> bool:
    return max(abs(a - b) for a, b in zip(pixel, rgb, strict=True)) <= 24


def _pixel_of(page, x: float, y: float) -> tuple[int, int, int]:
    from PIL import Image

    shot = Image.open(io.BytesIO(page.screenshot(clip=dict(x=x, y=y, width=1, height=1))))
    return shot.convert("RGB").getpixel((0, 0))


@pytest.mark.browser
def test_chromium_draws_a_large_charts_bars_on_the_canvas_and_pans_them(page, tmp_path):
    _open(page, tmp_path)
    before = page.evaluate(CANVAS_STATE)
    assert before["plotly"] == 0 and before["inked"] > 10_000  # plotly.js draws none of them
    # what Chromium shows: the first bar's colour where the hover trace puts its middle
    xy = page.evaluate(
        """() => { const gd = document.querySelector('.js-plotly-plot');
            const t = gd._fullData.find(d => d.mode === 'none');
            const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
            const box = gd.querySelector('.nsewdrag').getBoundingClientRect();
            return [box.left + xa.l2p(t.x[0]), box.top + ya.l2p(t.y[0])]; }"""
    )
    assert _near(_pixel_of(page, *xy), lane_a_rgb())
    page.mouse.move(*xy)
    page.wait_for_selector(".js-plotly-plot .hoverlayer .hovertext")
    assert "2000-01-01 – 2010-12-31" in page.locator(".hoverlayer").text_content()

    page.keyboard.down("Shift")  # the chart's drag mode is zoom: shift pans
    page.mouse.down()
    page.mouse.move(xy[0] + 120, xy[1], steps=6)
    moving = page.evaluate(CANVAS_STATE)
    page.mouse.up()
    page.keyboard.up("Shift")
    page.wait_for_function(f"({CANVAS_STATE})().transform === ''")
    after = page.evaluate(CANVAS_STATE)
    assert moving["transform"].startswith("translate(")  # moved, not redrawn, while dragging
    assert after["range"] != before["range"]
    assert abs(after["left"] - (before["left"] + 120)) <= 3  # redrawn 120 px to the right
    assert _near(_pixel_of(page, xy[0] + 120, xy[1]), lane_a_rgb())
    assert page.console_errors == []


@pytest.mark.browser
def test_a_legend_click_hides_a_lanes_marks_on_the_canvas(page, tmp_path):
    _open(page, tmp_path)
    inked = page.evaluate(CANVAS_STATE)["inked"]
    page.locator(".legend .traces").filter(has_text=re.compile("^A$")).first.click()
    page.wait_for_function(f"({CANVAS_STATE})().inked < {inked}")
    only_b = page.evaluate(CANVAS_STATE)["inked"]
    page.locator(".legend .traces").filter(has_text=re.compile("^B$")).first.click()
    page.wait_for_function(f"({CANVAS_STATE})().inked < {only_b}")
    assert page.evaluate(CANVAS_STATE)["inked"] < inked / 10  # the view date's veil is left
    assert page.console_errors == []


@pytest.mark.browser
def test_the_camera_button_downloads_the_chart_with_its_bars(page, tmp_path):
    from PIL import Image

    _open(page, tmp_path)
    page.hover(".js-plotly-plot .nsewdrag")
    with page.expect_download() as download:
        page.locator('.modebar-btn[data-title="Download plot as a PNG"]').click()
    image = Image.open(download.value.path()).convert("RGB")
    colors = image.getcolors(maxcolors=1 << 20)
    assert sum(n for n, c in colors if c == lane_a_rgb()) > 1000  # the bars, drawn by plotly.js
    assert page.console_errors == []


def test_large_charts_lane_labels_are_not_measured_against_the_page_edge():
    assert build_figure(large_timeline()).layout.yaxis.ticklabeloverflow == "allow"
    assert build_figure(small_timeline()).layout.yaxis.ticklabeloverflow is None
