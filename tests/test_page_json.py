"""The chart data an HTML page carries is plotly's JSON of each figure, encoded once."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest
from defense_timeline.chart.figure import build_figure
from defense_timeline.output.fitted import _encoder, fits_json
from defense_timeline.timeline.loader import load, loads
from defense_timeline.view.options import ViewOptions
from plotly.utils import PlotlyJSONEncoder

from benchmarks.generate import generate
from tests.data import DEFAULT_TIMELINE

VALUES = [
    {"x": float("nan"), "y": [1.5, float("inf"), -float("inf")], "z": "ok"},
    {"title": "NaN and Infinity are words here", "n": 3},
    {"x": {"dtype": "f4", "bdata": "AAB4NaNAInfinity"}},
    {"x": np.array([1.0, np.nan, 3.0]), "t": (1, "é", None, True)},
    {"customdata": np.array([["a", "NaN <b>"], ["c", "d"]], dtype=object)},
    {"day": date(2020, 1, 31), "big": 2**70, "neg": -0.0},
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_the_page_encodes_a_value_as_plotly_does_to_the_byte(value):
    expected = PlotlyJSONEncoder(separators=(",", ":")).encode(value)
    assert _encoder()(value) == expected


@pytest.mark.parametrize("text", [DEFAULT_TIMELINE.read_text(), generate(3000, seed=5)])
def test_the_page_carries_each_figure_as_plotlys_to_json(text):
    timeline = loads(text, max_bytes=50_000_000)
    figures = [(w, build_figure(timeline, ViewOptions(show_title=False), w)) for w in (760, 1600)]
    sent = json.loads(fits_json(figures))
    for (width, fig), fit in zip(figures, sent["fits"], strict=True):
        expected = json.loads(fig.to_json())
        assert sent["template"] == expected["layout"].pop("template")
        assert fit["width"] == width and fit["layout"] == expected["layout"]
        assert [sent["traces"][i] for i in fit["data"]] == expected["data"]


def test_the_page_json_cannot_end_its_script():
    timeline = load(DEFAULT_TIMELINE)
    text = fits_json([(1200, build_figure(timeline, ViewOptions(show_title=False), 1200))])
    assert "<" not in text and json.loads(text)["fits"][0]["width"] == 1200


@pytest.mark.parametrize("fragment", [False, True])
def test_the_page_draws_its_chart_once_with_no_empty_plot_first(fragment):
    from defense_timeline.output.render import render

    html = render(load(DEFAULT_TIMELINE), "html", fragment=fragment).decode()
    assert "Plotly.newPlot(" not in html  # plotly.io.to_html's empty plot, drawn then replaced
    assert html.count("Plotly.react(") == 1
    assert html.count('class="plotly-graph-div"') == 1
    assert html.count("window.Plotly = Plotly") == 1  # plotly.js inline, once
