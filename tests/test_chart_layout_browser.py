"""The chart laid out for the width it is drawn at, measured in Chromium: no label overlaps
another label or another item's mark, none runs past the plot, the modebar covers neither the
title nor a legend; in the HTML page, the fragment in a report column and images of any width."""

from __future__ import annotations

import random
from pathlib import Path

import plotly
import pytest
from defense_timeline import load
from defense_timeline.chart.figure import build_figure
from defense_timeline.output.render import render
from defense_timeline.view.options import ViewOptions

from tests.chart_boxes import layout_problems, measure
from tests.data import ROOT
from tests.timeline_builder import item, timeline

WIDTHS = (760, 1000, 1600)
BUNDLED = ("japan_defense_2017", "japan_defense_programs")
WORDS = (
    "Defense Buildup Program Cabinet approves guidelines review of the next medium term "
    "missile defence procurement targets amphibious unit alliance summit strategy outline"
).split()


def tall_timeline(n: int = 160, lanes: int = 6, seed: int = 3):
    """A tall timeline: n items with titles of every length over 40 years, linked in chains."""
    rng = random.Random(seed)
    items = []
    for i in range(n):
        kind = ("period", "period", "event", "deadline", "milestone")[i % 5]
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 12)))
        y, m = rng.randrange(1985, 2025), rng.randrange(1, 13)
        links = [("depends_on", f"i{i - 5}")] if i >= 5 and i % 7 == 0 else []
        fields = dict(title=title.capitalize(), links=links)
        if kind == "period":
            fields.update(start=f"{y}-{m:02d}", end=f"{y + rng.randrange(0, 8)}-12")
        else:
            fields.update(date=f"{y}-{m:02d}-{rng.randrange(1, 28):02d}")
        items.append(item(f"i{i}", kind, f"l{i % lanes}", **fields))
    lane_ids = tuple(f"l{k}" for k in range(lanes))
    return timeline(items, lanes=lane_ids, as_of="2015-06-30", title="A tall generated timeline")


def _timeline(name: str):
    """A bundled timeline, or the generated tall one."""
    if name == "tall":
        return tall_timeline()
    return load(ROOT / "timeline_data" / f"{name}.yaml")


def _show(page, html: str, folder: Path, width: int) -> list[dict]:
    """Open html in a window `width` wide and measure its charts once drawn."""
    path = folder / f"chart-{width}.html"
    path.write_text(html, encoding="utf-8")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path.as_uri())
    page.wait_for_function(
        "document.querySelector('.js-plotly-plot .scatterlayer .trace') !== null"
    )
    page.wait_for_timeout(300)
    return measure(page)


def _column(fragment: str, width: int) -> str:
    """A report page whose text column is `width` px wide, with the fragment pasted in."""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"></head>'
        f'<body style="margin:0"><article style="width:{width}px">{fragment}</article>'
        "</body></html>"
    )


def _fixed(fig_json: str, width: int) -> str:
    """A page that draws a figure of fixed size with plotly.js, as kaleido does for images."""
    js = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text()
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<script>{js}</script></head><body style='margin:0'>"
        f'<div id="g" style="width:{width}px"></div><script>'
        f"const fig = {fig_json}; Plotly.newPlot('g', fig.data, fig.layout);"
        "</script></body></html>"
    )


@pytest.mark.browser
@pytest.mark.parametrize("name", (*BUNDLED, "tall"))
def test_fragment_in_a_report_column_lays_out_for_its_width(page, tmp_path, name):
    fragment = render(_timeline(name), "html", fragment=True).decode()
    for width in WIDTHS:
        (chart,) = _show(page, _column(fragment, width), tmp_path, width + 40)
        assert abs(chart["width"] - width) < 2
        assert len(chart["labels"]) >= 10
        assert any(m["right"] - m["left"] > 40 for m in chart["marks"])  # bars, not only points
        assert layout_problems(chart) == [], (name, width)
        assert chart["title"] is not None and chart["title"]["top"] >= 8  # off the top edge
    assert page.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("name", BUNDLED)
def test_html_page_lays_out_for_the_window_and_again_when_resized(page, tmp_path, name):
    html = render(_timeline(name), "html").decode()
    (chart,) = _show(page, html, tmp_path, 760)
    assert layout_problems(chart) == []
    drawn = page.evaluate("document.querySelector('.js-plotly-plot').dataset.fitWidth")
    assert int(drawn) <= 760 - 48
    page.set_viewport_size({"width": 1600, "height": 900})
    page.wait_for_function(
        "Number(document.querySelector('.js-plotly-plot').dataset.fitWidth) > 1000"
    )
    page.wait_for_timeout(300)
    (wide,) = measure(page)
    assert wide["width"] > 1500 and layout_problems(wide) == []
    assert page.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("name", (*BUNDLED, "tall"))
def test_images_of_any_width_keep_labels_clear(page, tmp_path, name):
    tl = _timeline(name)
    for width in WIDTHS:
        fig = build_figure(tl, ViewOptions(width=width))
        (chart,) = _show(page, _fixed(fig.to_json(), width), tmp_path, width)
        assert layout_problems(chart) == [], (name, width)
        assert chart["title"]["top"] >= 8  # the image title is not flush with the top edge


@pytest.mark.browser
def test_modebar_never_covers_the_legend_without_a_title(page, tmp_path):
    html = render(_timeline("japan_defense_2017"), "html").decode()  # the page has no chart title
    for width in (760, 1280):
        (chart,) = _show(page, html, tmp_path, width)
        page.hover(".js-plotly-plot .nsewdrag")  # the modebar shows on hover
        (chart,) = measure(page)
        assert chart["modebar"] is not None and chart["legends"]
        assert layout_problems(chart) == []
