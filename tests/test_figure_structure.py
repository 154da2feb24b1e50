"""The figure's structure at scale: a bounded number of traces whatever the item count, item ids
and hover cards sent once, and a click on any hover target selecting the item drawn there."""

from __future__ import annotations

import json
from collections import Counter

import numpy as np
import pytest
from defense_timeline.chart.figure import build_chart, build_figure
from defense_timeline.chart.parts import item_of
from defense_timeline.chart.text import BRIEF_ITEMS
from defense_timeline.dashboard import callbacks, ids
from defense_timeline.view.options import ViewOptions

from tests.figure_ids import SLACK_MS, as_array, targets
from tests.test_figure import open_chart, showcase
from tests.timeline_builder import generated

GROUPS = 8  # generated() spreads items over 8 lanes, the colour groups


class Plain(json.JSONEncoder):
    """JSON of a point's customdata as a browser sends it back (a row becomes a list)."""

    def default(self, o):
        return o.tolist() if isinstance(o, np.ndarray) else super().default(o)


def _traces(n: int) -> list[dict]:
    return json.loads(build_figure(generated(n, lanes=GROUPS)).to_json())["data"]


def test_trace_count_does_not_grow_with_items():
    counts = {n: len(_traces(n)) for n in (200, 1000, 1900)}
    assert len(set(counts.values())) == 1, counts
    # per colour group: its point marks, labels and span hover bars (other marks are shapes)
    assert counts[1000] <= 3 * GROUPS + 30, counts  # + legend entries and the top axis


def test_only_hover_targets_carry_ids_each_id_once_per_target():
    traces = _traces(BRIEF_ITEMS)
    carrying = [t for t in traces if "customdata" in t]
    assert {t["name"] for t in carrying} == {"hover", "markers"}  # span bars, point marks
    drawn = [t for t in traces if t.get("name") == "labels"]
    assert drawn and all(t["hoverinfo"] == "skip" and "customdata" not in t for t in drawn)
    seen = Counter(item_of(c) for t in carrying for c in t["customdata"])
    assert set(seen) == {f"i{i}" for i in range(BRIEF_ITEMS)}
    assert set(seen.values()) == {1}  # one target per item
    assert all("meta" not in t and isinstance(t["hovertemplate"], str) for t in carrying)


def test_a_revised_item_has_a_second_target_on_its_plan_with_the_same_card():
    fig = json.loads(build_figure(showcase()).to_json())
    found = [tg for tg in targets(fig["data"]) if tg[0] == "ndpg-2013"]
    assert len(found) == 2  # its bar and its planned span (drawn as a ghost)
    (bars,) = [t for t in fig["data"] if t.get("type") == "bar" and "ndpg-2013" in t["customdata"]]
    places = [i for i, c in enumerate(bars["customdata"]) if c == "ndpg-2013"]
    assert len({bars["hovertemplate"][i] for i in places}) == 1  # both name the one card


@pytest.mark.parametrize("n", [60, BRIEF_ITEMS])
def test_a_click_on_any_hover_target_selects_the_item_drawn_there(n):
    tl = generated(n, lanes=GROUPS)
    chart = build_chart(tl, ViewOptions())
    fig = chart.figure.to_plotly_json()
    rng = np.random.default_rng(3)
    hover = [(c, t) for c, t in enumerate(fig["data"]) if t.get("customdata") is not None]
    for curve, trace in [hover[k] for k in rng.choice(len(hover), 6)]:
        for point in rng.choice(len(trace["customdata"]), 5):
            click = {
                "points": [
                    {
                        "curveNumber": curve,
                        "pointNumber": int(point),
                        "customdata": json.loads(json.dumps(trace["customdata"][point], cls=Plain)),
                    }
                ]
            }
            chosen = callbacks.selection_from(ids.GRAPH, click, None)
            box = chart.item_box(chosen)
            x, y = as_array(trace["x"])[point], float(as_array(trace["y"])[point])
            x0 = float(as_array(trace["base"])[point]) if trace["type"] == "bar" else float(x)
            x1 = x0 + float(x) if trace["type"] == "bar" else x0
            assert abs(box.y - y) < 1e-3
            assert box.x0 - SLACK_MS <= x0 and x1 <= box.x1 + SLACK_MS


BAR_AT = """([id, frac]) => {
  const gd = document.getElementById('chart'), box = gd.getBoundingClientRect();
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  for (let i = 0; i < gd.data.length; i++) {
    const t = gd.data[i];
    if (t.type !== 'bar') continue;
    const j = Array.from(t.customdata).indexOf(id);
    if (j < 0) continue;
    const cd = gd.calcdata[i][j], x = cd.s0 + (cd.s1 - cd.s0) * frac;
    return [box.left + xa._offset + xa.c2p(x), box.top + ya._offset + ya.c2p(cd.p)];
  }
  return null;
}"""


@pytest.mark.browser
def test_chromium_hovers_and_clicks_anywhere_along_a_bar(page, tmp_path):
    fig = build_figure(showcase())
    open_chart(page, tmp_path, fig)
    page.evaluate(
        """() => { window.clicked = null; document.getElementById('chart')
            .on('plotly_click', e => { window.clicked = e.points[0].customdata; }); }"""
    )
    for frac in (0.2, 0.6):
        x, y = page.evaluate(BAR_AT, ["ndpg-2013", frac])
        page.mouse.move(x, y)
        page.wait_for_selector("#chart .hoverlayer .hovertext")
        assert "NDPG for FY2014 and beyond" in page.text_content("#chart .hoverlayer")
        page.evaluate("window.clicked = null")
        page.mouse.click(x, y)
        page.wait_for_function("window.clicked !== null")
        assert page.evaluate("window.clicked") == "ndpg-2013"
        page.mouse.move(1, 1)
