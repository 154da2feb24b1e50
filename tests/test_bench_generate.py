"""The benchmark's synthetic timelines are valid files that use the whole format."""

from __future__ import annotations

from collections import Counter

from defense_timeline.timeline import loader

from benchmarks import recipe
from benchmarks.generate import generate, write


def test_same_seed_same_text_other_seed_other_text():
    assert generate(200, seed=3) == generate(200, seed=3)
    assert generate(200, seed=3) != generate(200, seed=4)


def test_generated_file_loads_without_problems_and_uses_every_feature(tmp_path):
    path = write(1500, tmp_path, seed=1)
    timeline = loader.load(path, strict=True)
    assert len(timeline.items) == 1500
    assert timeline.warnings == ()
    assert set(Counter(it.kind for it in timeline.items)) == {
        "period",
        "event",
        "deadline",
        "milestone",
    }
    precisions = {s.start.precision for it in timeline.items for s in it.states}
    assert {"day", "month", "quarter", "half", "year", "fiscal_year"} <= precisions
    assert any(s.start.uncertain for it in timeline.items for s in it.states)
    assert any(it.base.end is None and it.kind == "period" for it in timeline.items)
    assert any(len(it.states) > 1 for it in timeline.items)
    assert {link.kind for it in timeline.items for link in it.links} == {
        "depends_on",
        "informs",
        "implements",
        "supersedes",
    }
    assert {lane.calendar.name for lane in timeline.lanes if lane.calendar} >= {"US", "UK", "AU"}


def test_recipe_places_only_the_dates_pandas_can_read(tmp_path):
    path = write(300, tmp_path, seed=2)
    df = recipe.frame(recipe.load(path))
    assert len(df) == 300
    assert 0 < recipe.placed(df) < 300  # FY, halves and "?" dates are lost by the recipe
