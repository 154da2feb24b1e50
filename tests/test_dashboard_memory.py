"""The dashboard's caches hold at most a byte budget, and their size estimates are upper bounds
of the memory a timeline or a chart really takes (measured with tracemalloc)."""

from __future__ import annotations

import copy
import gc
import tracemalloc

import pytest
from defense_timeline.chart.figure import build_chart
from defense_timeline.dashboard import views
from defense_timeline.dashboard.lru import Lru
from defense_timeline.dashboard.served import Loaded, timeline_weight
from defense_timeline.timeline import loader
from defense_timeline.view.options import ViewOptions

from benchmarks import generate


def test_the_cache_drops_the_least_recently_used_past_its_byte_budget():
    cache = Lru(100, weigh=len)
    cache.get(("a",), lambda: "x" * 40)
    cache.get(("b",), lambda: "y" * 40)
    assert cache.get(("a",), lambda: "new") == "x" * 40  # a is now the most recent
    cache.get(("c",), lambda: "z" * 40)  # 120 bytes: b, the least recent, goes
    assert cache.bytes == 80 and len(cache) == 2
    assert cache.get(("b",), lambda: "made again") == "made again"


def test_a_value_heavier_than_the_budget_is_returned_but_not_kept():
    cache = Lru(100, weigh=len)
    cache.get(("small",), lambda: "s" * 10)
    assert cache.get(("huge",), lambda: "h" * 500) == "h" * 500
    assert len(cache) == 1 and cache.bytes == 10
    assert cache.get(("huge",), lambda: "again") == "again"


def _allocated(make):
    """(value, bytes it holds) of make(), measured with tracemalloc."""
    gc.collect()
    tracemalloc.start()
    try:
        value = make()
        gc.collect()
        size, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return value, size


@pytest.mark.parametrize("n", [300, 1000])
def test_the_estimates_bound_what_a_timeline_and_its_chart_hold(n, tmp_path):
    warm = tmp_path / "warm"
    warm.mkdir()
    build_chart(loader.load(generate.write(20, warm)), ViewOptions())  # imports, caches
    text = generate.write(n, tmp_path).read_bytes()
    timeline, held = _allocated(lambda: loader.loads(text, name="big.yaml"))
    assert len(timeline.items) == n
    assert held <= timeline_weight(timeline), (held, timeline_weight(timeline))
    loaded = Loaded("k", "big.yaml", f"stamp-{n}", timeline)
    drawn, held = _allocated(lambda: views.drawn(loaded, ViewOptions()))
    assert held <= views.drawn_weight(drawn), (held, views.drawn_weight(drawn))
    (rows, *_), held = _allocated(lambda: views.table_answer(loaded, ViewOptions()))
    assert len(rows) == n and held <= views.table_weight((rows,)), held


def test_what_the_caches_hold_is_never_changed_by_an_answer(served):
    from defense_timeline.dashboard import callbacks
    from defense_timeline.dashboard.state import PageState, to_query

    q = to_query(PageState("small"))
    loaded = served.load("small")
    before = copy.deepcopy(views.plain_figure(loaded, ViewOptions()))
    zoomed, *_ = callbacks.chart_update(served, q, None, "p1", {}, ("2019-08-01", "2019-12-31"))
    assert zoomed["layout"]["xaxis"]["range"] == ["2019-08-01", "2020-01-01"]
    assert any(s.get("name") == views.HIGHLIGHT_NAME for s in zoomed["layout"]["shapes"])
    zoomed, *_ = callbacks.chart_update(served, q, None, None, {}, ("2019-08-01", "2019-12-31"))
    assert zoomed["layout"]["xaxis"]["range"] == ["2019-08-01", "2020-01-01"]
    assert views.plain_figure(loaded, ViewOptions()) == before
