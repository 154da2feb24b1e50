"""The state of an item as of a day (timeline/states.py) and its columns in the frame: state,
done, done_first, done_last, report_date_unknown, and the end a successor gives."""

from __future__ import annotations

import csv
import io
from datetime import date

import pandas as pd
import pytest
from defense_timeline.timeline import loader
from defense_timeline.timeline.dates import PRESETS, parse_date
from defense_timeline.timeline.states import item_state
from defense_timeline.view.frame import FRAME_COLUMNS, drawing_frame, timeline_frame
from defense_timeline.view.tables import to_csv
from defense_timeline.vocabulary import STATE_COLORS, STATES, STATES_BY_KIND

JP = PRESETS["JP"]
D = date.fromisoformat


def spec(text: str | None):
    return parse_date(text, JP) if text is not None else None


def state(kind, status="", start="2020", end=None, day="2021-06-01", **kw):
    for name in ("done",):
        if name in kw:
            kw[name] = spec(kw[name])
    for name in ("stated_on", "superseded_from"):
        if name in kw:
            kw[name] = D(kw[name])
    return item_state(kind, status, spec(start), spec(end), D(day), **kw)


@pytest.mark.parametrize(
    ("start", "end", "day", "expected"),
    [
        ("2020", "2022", "2019-12-31", "upcoming"),
        ("2020", "2022", "2020-01-01", "running"),
        ("2020", "2022", "2022-12-31", "running"),
        ("2020", "2022", "2023-01-01", "ended"),
        ("2020", None, "2090-01-01", "running"),  # open-ended runs on
        ("2020", "2022~", "2023-06-01", "running"),  # about 2022: not surely over until 2023 ends
        ("FY2014", "FY2018", "2019-04-01", "ended"),
    ],
)
def test_periods_follow_time(start, end, day, expected):
    assert state("period", "approved", start, end, day) == expected


def test_a_stated_status_does_not_keep_an_old_plan_current():
    # the 1958-1977 buildup plans were "approved": in 2026 they have ended
    assert state("period", "approved", "FY1958", "FY1960", "2026-12-01") == "ended"


@pytest.mark.parametrize(
    ("kind", "status", "expected"),
    [
        ("period", "cancelled", "cancelled"),
        ("period", "superseded", "superseded"),
        ("deadline", "cancelled", "cancelled"),
        ("event", "cancelled", "cancelled"),
    ],
)
def test_cancelled_and_superseded_are_kept_as_stated(kind, status, expected):
    assert state(kind, status) == expected


def test_superseded_from_the_day_the_successor_starts():
    assert state("period", start="2010", superseded_from="2021-06-02") == "running"
    assert state("period", start="2010", superseded_from="2021-06-01") == "superseded"


@pytest.mark.parametrize(
    ("status", "done", "day", "expected"),
    [
        ("", None, "2020-06-30", "open"),
        ("", None, "2020-07-01", "overdue"),
        ("planned", None, "2021-01-01", "overdue"),
        ("met", None, "2021-01-01", "met"),
        ("completed", None, "2020-01-01", "met"),
        ("missed", None, "2021-01-01", "missed"),
        ("", "2020-06-15", "2020-06-20", "met"),
        ("", "2021-05-20", "2021-06-01", "met late"),  # 11 months late
        ("", "2021-05-20", "2021-05-19", "overdue"),  # not done yet on that day
        ("completed", "2020-07", "2021-01-01", "met late"),  # the done date decides
        ("", "2020-06-30/2020-07-02", "2021-01-01", "met"),  # not surely late
    ],
)
def test_deadlines(status, done, day, expected):
    kw = {"done": done} if done else {}
    assert state("deadline", status, "2020-06", None, day, **kw) == expected


@pytest.mark.parametrize(
    ("status", "kw", "day", "expected"),
    [
        ("", {}, "2022-03-01", "planned"),
        ("", {}, "2022-04-01", "overdue"),
        ("completed", {}, "2022-04-01", "reached"),
        ("missed", {}, "2022-03-01", "overdue"),
        ("", {"done": "2022-03-12"}, "2022-03-12", "reached"),
        ("", {"done": "2022-03-12"}, "2022-03-11", "planned"),
        ("", {"stated_on": "2022-03-20"}, "2022-03-20", "reached"),  # reported after the fact
        ("", {"stated_on": "2021-01-01"}, "2022-03-20", "planned"),
    ],
)
def test_milestones(status, kw, day, expected):
    assert state("milestone", status, "2022-03", None, day, **kw) == expected


@pytest.mark.parametrize(
    ("kw", "day", "expected"),
    [
        ({}, "2017-01-31", "upcoming"),
        ({}, "2017-02-10", "upcoming"),
        ({}, "2017-03-01", "past"),
        ({"stated_on": "2017-02-19"}, "2017-02-19", "past"),  # "this month": it happened
    ],
)
def test_events(kw, day, expected):
    assert state("event", "", "2017-02", None, day, **kw) == expected


def test_every_state_has_a_colour_and_belongs_to_a_kind():
    assert set(STATE_COLORS) == set(STATES)
    assert set(STATES) == {s for states in STATES_BY_KIND.values() for s in states}


# ---------------------------------------------------------------- in the frame

TIMELINE = """\
title: States
as_of: 2026-06-01
calendar: JP
sources:
  - {id: old, title: Old report, date: 2013-12-17}
  - {id: new, title: New report, date: 2018-12-18}
  - {id: late, title: Late report, date: 2018-05-20}
lanes:
  - {id: plans, label: Plans}
items:
  - id: ndpg-2013
    kind: period
    lane: plans
    title: Guidelines 2013
    status: approved
    start: 2013-12-17
    sources: [old]
  - id: ndpg-2018
    kind: period
    lane: plans
    title: Guidelines 2018
    start: 2018-12-18
    supersedes: [ndpg-2013]
    sources: [new]
  - id: proposal
    kind: deadline
    lane: plans
    title: Proposal due
    date: 2017-06
    sources: [old]
    updates:
      - as_of: 2018-05
        done: 2018-05-20
        sources: [late]
"""


def frame(day: str) -> pd.DataFrame:
    tl = loader.loads(TIMELINE, "s.yaml")
    return timeline_frame(tl, as_of=D(day)).set_index("id")


def test_frame_columns_for_states_and_done():
    for name in ("state", "done", "done_first", "done_last", "report_date_unknown"):
        assert name in FRAME_COLUMNS
    df = frame("2018-06-01")
    row = df.loc["proposal"]
    assert (row["state"], row["done"]) == ("met late", "2018-05-20")
    assert row["done_first"] == row["done_last"] == pd.Timestamp("2018-05-20")
    assert row["deadline_state"] == "met"  # drawn with the met mark
    assert pd.isna(frame("2017-06-01").loc["proposal", "done_first"])
    assert frame("2017-06-01").loc["proposal", "state"] == "open"
    assert frame("2017-07-01").loc["proposal", "state"] == "overdue"


def test_a_superseded_plan_ends_the_day_before_its_successor_starts():
    before = frame("2018-01-01")
    assert before.loc["ndpg-2013", "state"] == "running" and before.loc["ndpg-2013", "open_ended"]
    unknown = frame("2018-12-17").loc["ndpg-2013"]  # the successor is not yet reported
    assert unknown["state"] == "running" and unknown["open_ended"]
    first = frame("2018-12-18").loc["ndpg-2013"]  # the day the successor starts
    assert first["state"] == "superseded" and first["end"] == pd.Timestamp("2018-12-17")
    after = frame("2026-06-01").loc["ndpg-2013"]
    assert after["state"] == "superseded" and not after["open_ended"]
    assert after["end"] == pd.Timestamp("2018-12-17") and after["end_text"] == "2018-12-17"
    assert after["dates_text"] == "2013-12-17 – 2018-12-17 (superseded)"
    assert after["status"] == "approved"  # kept as stated
    assert not after["revised"]  # an end the successor gives is not a revision


def test_the_state_is_in_the_csv():
    tl = loader.loads(TIMELINE, "s.yaml")
    text = to_csv(timeline_frame(tl))
    rows = list(csv.DictReader(io.StringIO(text)))
    cells = next(row for row in rows if row["id"] == "proposal")
    assert cells["state"] == "met late" and cells["report_date_unknown"] == "false"
    assert cells["done"] == "2018-05-20" and cells["done_first"] == "2018-05-20"


def panel_text(tl, item_id: str, day: str) -> str:
    import json

    from dash import html
    from defense_timeline.dashboard.details import details_panel
    from defense_timeline.view.options import ViewOptions

    panel = html.Div(details_panel(tl, item_id, ViewOptions(as_of=D(day)))).to_plotly_json()
    return json.dumps(panel, default=lambda c: c.to_plotly_json(), ensure_ascii=False)


def test_the_details_panel_says_the_state_and_the_done_date():
    tl = loader.loads(TIMELINE, "s.yaml")
    text = panel_text(tl, "ndpg-2013", "2026-06-01")
    assert '"State"' in text and "superseded (as of 2026-06-01)" in text
    assert "approved" in text  # the status, kept as stated
    late = panel_text(tl, "proposal", "2018-06-01")
    assert "met late (as of 2018-06-01)" in late and '"Done"' in late and "2018-05-20" in late
    assert "Update of 2018-05" in late  # a month as_of is shown as written
    assert "none stated" in panel_text(tl, "ndpg-2018", "2026-06-01")


def test_the_hover_card_says_the_state_and_an_unknown_report_date():
    from defense_timeline.chart.text import hover_texts

    undated = TIMELINE.replace("  - {id: new, title: New report, date: 2018-12-18}\n", "").replace(
        "sources: [new]", "sources: [old]"
    )
    tl = loader.loads(undated.replace("date: 2013-12-17}", "}"), "s.yaml")
    df = drawing_frame(tl, as_of=D("2018-06-01"))
    cards = dict(zip(df["id"], hover_texts(df, tl.sources), strict=True))
    assert "Period · running · stated: approved" in cards["ndpg-2013"]
    assert "report date unknown" in cards["ndpg-2013"]
    assert "Deadline · met late" in cards["proposal"]
