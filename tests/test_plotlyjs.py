"""Which plotly.js a page carries: plotly's partial bundle (npm, package.json) when installed at
plotly.py's plotly.js version and able to draw every trace; else the full bundle plotly.py ships."""

from __future__ import annotations

import json
import re

import pytest
from defense_timeline.chart.figure import build_figure
from defense_timeline.chart.place import LARGE_ITEMS
from defense_timeline.output import plotlyjs
from defense_timeline.output.plotlyjs import page_plotly_js, partial_bundle_dir
from defense_timeline.output.render import render
from defense_timeline.timeline.loader import load, loads
from defense_timeline.view.options import OPTIONS, ViewOptions, view_of
from plotly.offline import get_plotlyjs, get_plotlyjs_version

from benchmarks.generate import generate
from tests.data import DEFAULT_TIMELINE, ROOT
from tests.timeline_builder import item, timeline

INSTALLED = "the partial bundle is installed by `make test-install` (npm ci): run it first"


def inline_plotly_js(html: str) -> str:
    """The text of the page's one inline plotly.js (after the compile hint)."""
    found = re.findall(r"<script>//# allFunctionsCalledOnLoad\n(.*?)</script>", html, re.S)
    assert len(found) == 1
    return found[0]


def small_timeline():
    return timeline([item("p1"), item("e1", "event", date="2015-06")], as_of="2019-01-01")


def test_package_json_pins_the_partial_bundle_at_plotly_pys_plotly_js_version():
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]
    locked = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    key = f"node_modules/{plotlyjs.PARTIAL_PACKAGE}"
    assert pinned[plotlyjs.PARTIAL_PACKAGE] == get_plotlyjs_version()
    assert locked[key]["version"] == get_plotlyjs_version()


def test_a_page_carries_the_installed_partial_bundle_and_a_fragment_the_full_one():
    bundle = partial_bundle_dir() / plotlyjs.PARTIAL_FILE
    assert bundle.is_file(), INSTALLED
    tl = small_timeline()
    page = inline_plotly_js(render(tl, "html").decode())
    assert page == bundle.read_text(encoding="utf-8")
    assert page.startswith(f"/**\n* plotly.js (basic - minified) v{get_plotlyjs_version()}\n")
    assert len(page) < len(get_plotlyjs()) / 3
    # a fragment may be pasted beside other plotly charts, which may need every trace type
    fragment = render(tl, "html", fragment=True, plotly_js="inline").decode()
    assert inline_plotly_js(fragment) == get_plotlyjs()


@pytest.mark.parametrize("case", ["missing", "other version", "no bundle file"])
def test_a_page_carries_the_full_bundle_without_the_right_partial_one(case, tmp_path, monkeypatch):
    folder = tmp_path / plotlyjs.PARTIAL_PACKAGE
    if case != "missing":
        folder.mkdir()
        version = "3.0.0" if case == "other version" else get_plotlyjs_version()
        (folder / "package.json").write_text(json.dumps({"version": version}))
        if case == "other version":
            (folder / plotlyjs.PARTIAL_FILE).write_text("window.Plotly = {};")
    monkeypatch.setattr(plotlyjs, "partial_bundle_dir", lambda: folder)
    assert inline_plotly_js(render(small_timeline(), "html").decode()) == get_plotlyjs()


def figures_of_every_choice_and_flag():
    """The article timeline's figure under each value of each choice and flag, and a figure too
    large to draw item by item (chart.place.LARGE_ITEMS)."""
    article = load(DEFAULT_TIMELINE)
    for opt in OPTIONS:
        values = opt.choices if opt.kind == "choice" else (True,) if opt.kind == "flag" else ()
        for value in values:
            yield build_figure(article, view_of({opt.name: value}))
    yield build_figure(loads(generate(LARGE_ITEMS + 100), "large.yaml"), ViewOptions())


def test_the_partial_bundle_draws_every_figure_as_the_dashboard_loads_it_alone():
    drawn = [{trace.type for trace in fig.data} for fig in figures_of_every_choice_and_flag()]
    assert len(drawn) > 10
    assert all(types <= plotlyjs.PARTIAL_TRACES for types in drawn)
    assert {"scatter", "bar"} <= set().union(*drawn)


def test_traces_the_partial_bundle_cannot_draw_get_the_full_one():
    bundle = (partial_bundle_dir() / plotlyjs.PARTIAL_FILE).read_text(encoding="utf-8")
    assert page_plotly_js({"scatter", "bar"}) == bundle
    assert page_plotly_js({"scatter", "scattergl"}) == get_plotlyjs()
    assert page_plotly_js({"heatmap"}) == get_plotlyjs()
