"""view.slips: one slip computation, aware of precision, for the frame, hover and details."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest
from dash import html
from defense_timeline.chart.figure import build_figure
from defense_timeline.dashboard.details import details_panel, slip_text
from defense_timeline.timeline.loader import loads
from defense_timeline.view.frame import timeline_frame
from defense_timeline.view.options import ViewOptions
from defense_timeline.view.slips import delay, met_words, shift, slip
from defense_timeline.view.tables import to_csv, to_json

from tests.figure_ids import drawn_by, planned_points
from tests.test_figure import hovers, named
from tests.timeline_builder import day, item, spec, timeline


def refined():
    """A milestone known to the year, then to the day; a deadline that slips a month."""
    approval = item(
        "approval",
        "milestone",
        date="2013",
        title="Approval",
        updates=[{"as_of": "2014-01-10", "date": "2013-12-17"}],
    )
    due = item(
        "due",
        "deadline",
        date="2017-06",
        title="Proposal due",
        updates=[{"as_of": "2017-06-20", "date": "2017-07-15"}],
    )
    return timeline([approval, due], as_of="2018-01-01")


def _panel_text(tl, item_id: str, view: ViewOptions) -> str:
    panel = html.Div(details_panel(tl, item_id, view)).to_plotly_json()
    return json.dumps(panel, default=lambda c: c.to_plotly_json(), ensure_ascii=False)


def test_intervals_shift_from_the_bound_they_move_past():
    year, december = (day("2013-01-01"), day("2013-12-31")), (day("2013-12-17"),) * 2
    assert shift(year, december) == 0  # made precise: inside the plan
    june, may = (day("2017-06-01"), day("2017-06-30")), (day("2018-05-01"), day("2018-05-31"))
    assert shift(june, may) == 335  # last day to last day
    assert shift(may, june) == -334  # first day to first day
    assert shift(december, year) is None  # less precise both ways: no direction


def test_gaining_precision_is_a_refinement_everywhere():
    tl = refined()
    row = timeline_frame(tl).set_index("id").loc["approval"]
    assert not row["revised"] and row["slip_days"] == 0
    assert row["change"] == "now falls on 2013-12-17, date made precise"
    fig = build_figure(tl)
    card = hovers(fig.data)["approval"]
    assert "planned: 2013; now falls on 2013-12-17, date made precise" in card
    assert "later" not in card
    outlined = {r for t in named(fig, "planned (baseline)") for r in drawn_by(fig.data, t)}
    assert not outlined and planned_points(fig.data) == {"due"}  # only the slipped deadline
    state = tl.item("approval").state_as_of(day("2018-01-01"))
    assert slip_text(tl.item("approval"), tl.item("approval").base, state, tl.as_of) == (
        "now falls on 2013-12-17, date made precise"
    )
    assert "date made precise" in _panel_text(tl, "approval", ViewOptions())


def test_one_slip_feeds_the_table_hover_and_details():
    tl = refined()
    row = timeline_frame(tl).set_index("id").loc["due"]
    assert row["revised"] and row["slip_days"] == 15  # 2017-06-30 -> 2017-07-15
    words = "now falls on 2017-07-15, 15 days later"
    assert row["change"] == words
    assert words in hovers(build_figure(tl).data)["due"]
    assert words in _panel_text(tl, "due", ViewOptions())
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(to_csv(timeline_frame(tl))))}
    assert rows["due"]["slip_days"] == "15" and rows["due"]["change"] == words
    assert rows["approval"]["slip_days"] == "0"


def test_an_open_plan_takes_any_end_without_a_ghost():
    doc = item(
        "doc",
        start="2013-12-01",
        end=None,
        updates=[{"as_of": "2022-12-16", "end": "2022-12-16", "status": "superseded"}],
    )
    tl = timeline([doc], as_of="2023-01-01")
    row = timeline_frame(tl).set_index("id").loc["doc"]
    assert not row["revised"] and row["change"] == "now ends 2022-12-16 (was open-ended)"
    assert row["slip_days"] is pd.NA  # no day to measure from: unknown, not 0
    (rec,) = json.loads(to_json(timeline_frame(tl)))
    assert rec["slip_days"] is None and rec["change"] == "now ends 2022-12-16 (was open-ended)"
    unrevised = build_figure(tl)
    assert not named(unrevised, "planned (baseline)") and not planned_points(unrevised.data)


def test_a_period_cut_short_is_revised_by_its_end():
    doc = item(
        "doc",
        start="2013-12-17",
        end="2023-12-16",
        updates=[{"as_of": "2018-12-18", "end": "2018-12-18"}],
    )
    moved = slip(doc.base, doc.states[-1], "period")
    assert moved.revised and moved.days == -1824
    assert moved.words == "now ends 2018-12-18, 5.0 years earlier"


@pytest.mark.parametrize(
    ("kind", "due", "done", "days", "words"),
    [
        ("deadline", "2017-06", "2018-05", 335, "met 11 months late"),
        ("deadline", "2017-06", "2017-03-01", 0, "met on time"),
        ("deadline", "2017-06", "2017-06-20", 0, "met on time"),
        ("milestone", "2017-06", "2017-03-01", -92, "met 3 months early"),
        ("milestone", "2017-06-15", "2017", None, "met (date less precise than the due date)"),
    ],
)
def test_a_met_date_gives_the_delay(kind, due, done, days, words):
    assert delay(kind, spec(due), spec(done)) == days
    assert met_words(days) == words
    point = item("x", kind, date=due)
    moved = slip(point.base, point.base, kind, spec(done))
    assert moved.days == days and moved.words == words and not moved.revised


LATE = """\
title: Late proposal
as_of: 2019-01-01
sources:
  - {id: s, title: Report, date: 2017-02-19}
lanes:
  - {id: ldp, label: LDP}
items:
  - id: proposal-due
    title: LDP proposal due
    kind: deadline
    lane: ldp
    date: 2017-06
    sources: [s]
    updates:
      - {as_of: 2018-05-31, done: 2018-05, sources: [s]}
"""


def test_a_deadline_met_late_says_so_in_the_table_hover_and_details():
    tl = loads(LATE, "late.yaml")
    row = timeline_frame(tl).set_index("id").loc["proposal-due"]
    assert row["state"] == "met late" and row["done"] == "2018-05"
    assert row["slip_days"] == 335 and row["change"] == "met 11 months late"
    assert "met 11 months late" in hovers(build_figure(tl).data)["proposal-due"]
    assert "met 11 months late" in _panel_text(tl, "proposal-due", ViewOptions())
    before = timeline_frame(tl, day("2018-01-01")).set_index("id").loc["proposal-due"]
    assert before["change"] == "" and str(before["slip_days"]) == "0"


def test_a_superseded_open_plan_ends_without_a_slip_or_ghost():
    old = item("old", start="2013-12-17", end=None, title="Old")
    new = item("new", start="2018-12-18", end=None, title="New", links=[("supersedes", "old")])
    tl = timeline([old, new], as_of="2019-01-01")
    row = timeline_frame(tl).set_index("id").loc["old"]
    assert row["end"] == pd.Timestamp("2018-12-17") and not row["open_ended"]
    assert not row["revised"] and row["change"] == "now ends 2018-12-17 (was open-ended)"


def test_details_word_a_period_ended_by_its_successor_as_the_frame_does():
    from datetime import date

    from tests.test_states import TIMELINE

    tl = loads(TIMELINE, "s.yaml")
    view = ViewOptions(as_of=date(2020, 1, 1))
    change = timeline_frame(tl, view.as_of).set_index("id").at["ndpg-2013", "change"]
    assert change.startswith("now ends 2018-12-17")
    assert change in _panel_text(tl, "ndpg-2013", view)
    assert "on plan" not in _panel_text(tl, "ndpg-2013", view)
