"""The load benchmark runs: real gunicorn workers, concurrent clients, every answer checked."""

from __future__ import annotations

import pytest

from benchmarks import load


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_clients_get_their_own_answers_and_no_errors_under_gunicorn(tmp_path):
    rows = load.main(
        ["--clients", "6", "--seconds", "2", "--profiles", "4", "--heavy", "0"]
        + ["--out", str(tmp_path / "load.md")]
    )
    assert len(rows) == 1
    label, per_second, *_, errors, differ, memory = _cells(rows[0])
    assert label == "6 clients" and float(per_second.replace(",", "")) > 0
    assert (errors, differ) == ("0", "0")
    assert "->" in memory
    assert (tmp_path / "load.md").read_text().count("| 6 clients |") == 1


def test_an_answer_that_differs_is_counted():
    tally = load.Tally()
    tally.add(5.0, ok=True, same=False)
    tally.add(7.0, ok=False, same=False)
    assert (tally.errors, tally.differ, tally.ms) == (1, 1, [5.0, 7.0])


@pytest.mark.browser
def test_the_cold_view_benchmark_times_a_drawn_chart(browser):
    from benchmarks import cold_view

    ((ms, traces),) = cold_view.measure(1, browser)
    assert ms > 0 and traces > 5  # the default view's chart, not the empty placeholder
