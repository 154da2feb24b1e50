"""The drafter's quality on the evaluation set, against the dateparser baseline (issue targets)."""

from __future__ import annotations

import pytest

from benchmarks import draft_eval

pytest.importorskip("dateparser")  # the test extra installs it


def test_the_evaluation_meets_its_targets():
    result = draft_eval.evaluate()
    rows = {name: (ours, base) for name, ours, base in result["rows"]}
    source, _ = rows["source_article_2017-02-19.txt"]
    assert source.gold == 13 and source.recall >= 0.95
    assert len(rows) >= 11
    ours, base = result["ours"], result["baseline"]
    assert ours.f1 >= 0.9
    assert ours.f1 - base.f1 >= 0.3
    assert base.found > 0  # the baseline really ran and found dates


def test_scoring_counts_a_deadline_by_its_end_and_everything_else_by_both_ends():
    from datetime import date

    gold = [
        {"in": "by June", "kind": "deadline", "start": date(2017, 6, 1), "end": date(2017, 6, 30)},
        {"in": "in 2013", "kind": "event", "start": date(2013, 1, 1), "end": date(2013, 12, 31)},
    ]
    found = [
        draft_eval.Found("a proposal by June.", date(2017, 6, 30), date(2017, 6, 30)),
        draft_eval.Found("approved in 2013.", date(2013, 12, 31), date(2013, 12, 31)),
        draft_eval.Found("approved in 2013.", date(2013, 1, 1), date(2013, 12, 31)),
    ]
    score = draft_eval._match(found, gold)
    assert (score.found, score.gold, score.matched) == (3, 2, 2)
    assert score.precision == pytest.approx(2 / 3) and score.recall == 1.0
