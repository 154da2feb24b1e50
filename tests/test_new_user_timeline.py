"""A timeline written as a new user writes it, from the README alone: three countries' fiscal
calendars on their lanes, EDTF qualifiers after dates, events without a status, an update known
only to the month, a superseded document and a deadline met late. It must validate unchanged
and read right as of several dates. (The facts are invented for the test.)"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from defense_timeline.timeline import loader
from defense_timeline.view.frame import timeline_frame

NEW_USER = """\
title: Three allies' defence reviews
as_of: 2026-03-01
sources:
  - id: uk-review
    title: UK defence review published
    date: 2021-03-16
  - id: uk-refresh
    title: UK review refreshed
    date: 2023-03
  - id: au-review
    title: Australian strategic review
    date: 2023-04-24
  - id: us-budget
    title: US budget request
    date: 2024-03-11
  - id: us-gao
    title: Audit report on the programme
    date: 2025-02-14
lanes:
  - id: uk
    label: United Kingdom
    calendar: UK
  - id: au
    label: Australia
    calendar: AU
  - id: us
    label: United States
    calendar: US
items:
  - id: uk-review-2021
    kind: period
    lane: uk
    title: Integrated review
    status: published
    start: 2021-03-16
    sources: [uk-review]
  - id: uk-refresh-2023
    kind: period
    lane: uk
    title: Integrated review refresh
    start: 2023-03-13
    supersedes: [uk-review-2021]
    sources: [uk-refresh]
  - id: uk-spending
    kind: period
    lane: uk
    title: Spending plan
    start: FY2022
    end: FY2024-2025
    sources: [uk-review]
  - id: au-review-released
    kind: event
    lane: au
    title: Strategic review released
    date: 2023-04-24
    sources: [au-review]
  - id: au-plan
    kind: period
    lane: au
    title: Investment plan
    start: FY2024
    duration: ~10y
    sources: [au-review]
  - id: au-first-boat
    kind: milestone
    lane: au
    title: First boat in service
    date: 2032~
    sources: [au-review]
  - id: us-fy2025
    kind: period
    lane: us
    title: Budget year
    start: FY2025
    end: FY2025
    sources: [us-budget]
  - id: us-report-due
    kind: deadline
    lane: us
    title: Report to Congress due
    date: 2024-06-30
    sources: [us-budget]
    updates:
      - as_of: 2025-02
        done: 2025-01?
        notes: Delivered in January, the audit says.
        sources: [us-gao]
"""


@pytest.fixture(scope="module")
def tl():
    return loader.loads(NEW_USER, "new_user.yaml")


def test_it_validates_unchanged_with_only_the_word_warning(tl):
    assert [str(w) for w in tl.warnings] == [
        'new_user.yaml:34:13: warning: items[uk-review-2021].status: unknown status "published" '
        '(did you mean "in force"?): read as "in force"'
    ]


def test_the_lanes_calendars_give_the_intervals(tl):
    spending = tl.item("uk-spending").base
    assert (spending.start.first, spending.end.last) == (date(2022, 4, 1), date(2025, 3, 31))
    au = tl.item("au-plan").base
    assert au.start.first == date(2023, 7, 1)  # AU FY2024 starts 2023-07-01
    assert au.end.nominal == (date(2033, 6, 30), date(2033, 6, 30))
    assert (au.end.first, au.end.last) == (date(2032, 6, 30), date(2034, 6, 30))
    us = tl.item("us-fy2025").base
    assert (us.start.first, us.end.last) == (date(2024, 10, 1), date(2025, 9, 30))
    boat = tl.item("au-first-boat").base.start
    assert (boat.first, boat.last, boat.approximate) == (date(2031, 1, 1), date(2033, 12, 31), True)


def test_an_update_known_to_the_month_counts_from_its_last_day(tl):
    update = tl.item("us-report-due").states[1]
    assert (update.as_of, update.as_of_text) == (date(2025, 2, 28), "2025-02")
    assert update.done.text == "2025-01?" and update.done.uncertain


def states(tl, day: str) -> dict[str, str]:
    df = timeline_frame(tl, as_of=date.fromisoformat(day))
    return dict(zip(df["id"], df["state"], strict=True))


def test_it_reads_right_in_2022(tl):
    assert states(tl, "2022-06-01") == {
        "uk-review-2021": "running",
        "uk-spending": "running",
    }


def test_it_reads_right_in_2024(tl):
    assert states(tl, "2024-07-01") == {
        "uk-review-2021": "superseded",
        "uk-refresh-2023": "running",
        "uk-spending": "running",
        "au-review-released": "past",
        "au-plan": "running",
        "au-first-boat": "planned",
        "us-fy2025": "upcoming",
        "us-report-due": "overdue",  # past due, the delivery not yet reported
    }


def test_it_reads_right_in_2026(tl):
    got = states(tl, "2026-03-01")
    assert got["us-report-due"] == "met late"
    assert got["uk-spending"] == "ended" and got["us-fy2025"] == "ended"
    assert got["uk-review-2021"] == "superseded" and got["au-plan"] == "running"


def test_the_superseded_review_ends_the_day_before_the_refresh(tl):
    row = timeline_frame(tl).set_index("id").loc["uk-review-2021"]
    assert row["end"] == pd.Timestamp("2023-03-12") and row["status"] == "in force"


def test_the_late_deadline_has_its_done_dates(tl):
    row = timeline_frame(tl).set_index("id").loc["us-report-due"]
    assert row["done"] == "2025-01?"
    assert (row["done_first"], row["done_last"]) == (
        pd.Timestamp("2025-01-01"),
        pd.Timestamp("2025-01-31"),
    )
