"""defense_timeline.view.frame: the timeline as a typed DataFrame as of a date, and its filters."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest
from defense_timeline.timeline.dates import parse_date
from defense_timeline.timeline.states import item_state
from defense_timeline.view.describe import baseline_state, dates_text, describe_slip
from defense_timeline.view.filters import filter_frame
from defense_timeline.view.frame import (
    FRAME_COLUMNS,
    drawing_frame,
    ordered_lanes,
    timeline_frame,
)
from defense_timeline.view.options import Filters
from defense_timeline.vocabulary import DEADLINE_OUTCOMES, DEADLINE_STATES, KINDS, STATUSES

from tests.data import DEFAULT_TIMELINE
from tests.timeline_builder import day, generated, item, ndpg_timeline, timeline


def test_columns_and_dtypes_are_exactly_the_contract():
    df = timeline_frame(ndpg_timeline())
    assert tuple(df.columns) == FRAME_COLUMNS
    for col in ("start", "end", "reported", "planned_start", "planned_end"):
        assert pd.api.types.is_datetime64_any_dtype(df[col]), col
    assert list(df["kind"].cat.categories) == list(KINDS)
    assert list(df["status"].cat.categories) == list(STATUSES)
    assert list(df["lane"].cat.categories) == ["guidelines", "ldp"]
    for col in ("uncertain", "approximate", "open_ended", "revised"):
        assert df[col].dtype == bool, col
    assert df["n_statements"].dtype == "int64"


def test_rows_in_lane_order_then_start_and_only_items_known_on_the_day():
    df = timeline_frame(ndpg_timeline(), as_of=day("2017-01-01"))
    assert df["id"].tolist() == ["ndpg-2013", "mtdp-old"]  # ldp-* reported 2017-02-19
    df = timeline_frame(ndpg_timeline())
    assert df["id"].tolist() == ["ndpg-2013", "mtdp-old", "ldp-study", "ldp-due"]
    assert df["lane_label"].tolist()[0] == "Guidelines (NDPG)"


def test_state_as_of_and_base_statement_baseline():
    tl = ndpg_timeline()
    row = timeline_frame(tl).set_index("id").loc["ndpg-2013"]
    assert row["status"] == "planned"
    assert row["end"] == pd.Timestamp("2018-12-31")
    assert row["end_text"] == "2018-H2?" and row["end_precision"] == "half"
    assert row["dates_text"] == "2013-12-17 – 2018-H2?"
    assert row["uncertain"] and row["approximate"] is False or not row["approximate"]
    assert row["planned_end"] == pd.Timestamp("2023-12-17")  # ~2023-12-16 widens a day each side
    assert row["planned_status"] == "approved"
    assert row["planned_dates_text"] == "2013-12-17 – ~2023-12-16"
    assert row["revised"]
    assert row["n_statements"] == 2 and row["sources"] == ("jt",)
    later = timeline_frame(tl, as_of=day("2019-01-01")).set_index("id").loc["ndpg-2013"]
    assert later["end"] == pd.Timestamp("2018-12-18") and later["status"] == "superseded"
    assert later["sources"] == ("jt", "mod") and later["n_statements"] == 3
    before = timeline_frame(tl, as_of=day("2016-01-01")).set_index("id").loc["ndpg-2013"]
    assert not before["revised"] and before["approximate"]


def test_baseline_date_uses_the_state_then_or_nat_when_unknown():
    tl = ndpg_timeline()
    df = timeline_frame(tl, as_of=day("2019-01-01"), baseline=day("2017-03-01")).set_index("id")
    assert df.loc["ndpg-2013", "planned_end"] == pd.Timestamp("2018-12-31")
    assert df.loc["ndpg-2013", "planned_status"] == "planned"
    # planned to end in 2018-H2?, ended 2018-12-18: the date was made precise, not revised
    assert not df.loc["ndpg-2013", "revised"]
    assert df.loc["ndpg-2013", "change"] == "now ends 2018-12-18, date made precise"
    assert df.loc["ndpg-2013", "slip_days"] == 0
    df = timeline_frame(tl, baseline=day("2016-01-01")).set_index("id")
    assert pd.isna(df.loc["ldp-study", "planned_start"]) and pd.isna(
        df.loc["ldp-study", "planned_status"]
    )
    assert df.loc["ldp-study", "planned_dates_text"] == "" and not df.loc["ldp-study", "revised"]


def test_open_ended_points_quantities_links():
    df = timeline_frame(ndpg_timeline()).set_index("id")
    assert df.loc["ldp-study", "open_ended"] and pd.isna(df.loc["ldp-study", "end"])
    assert df.loc["ldp-study", "dates_text"] == "2017-03 – (open-ended)"
    assert df.loc["ldp-study", "quantities"] == "17 Osprey tilt-rotor aircraft; 2.5 billion yen"
    assert df.loc["ldp-study", "reported"] == pd.Timestamp("2017-02-19")
    assert pd.isna(df.loc["ndpg-2013", "reported"])
    assert df.loc["ldp-due", "start"] == pd.Timestamp("2017-06-01")
    assert df.loc["ldp-due", "end"] == pd.Timestamp("2017-06-30")
    assert df.loc["ldp-due", "depends_on"] == ("ldp-study",)
    assert df.loc["ldp-due", "links"] == (("depends_on", "ldp-study"),)
    assert df.loc["ldp-study", "tags"] == ("ldp", "study")


def test_frame_words_dates_and_plans_with_the_shared_describe_functions():
    tl = ndpg_timeline()
    baseline = day("2017-03-01")
    df = timeline_frame(tl, as_of=day("2019-01-01"), baseline=baseline).set_index("id")
    for it in tl.items:
        point = it.kind != "period"
        assert df.at[it.id, "dates_text"] == dates_text(it.state_as_of(day("2019-01-01")), point)
        plan = baseline_state(it, baseline)
        assert df.at[it.id, "planned_dates_text"] == (dates_text(plan, point) if plan else "")
    study = tl.item("ldp-study").base
    assert dates_text(study, False) == "2017-03 – (open-ended)"
    assert (
        dates_text(study, False, resolved=True) == "2017-03 (2017-03-01 – 2017-03-31) → open-ended"
    )
    assert baseline_state(tl.item("ldp-study"), day("2016-01-01")) is None  # not yet reported
    assert [describe_slip(d) for d in (0, 1, -59, 60, -400)] == [
        "on plan",
        "1 day later",
        "59 days earlier",
        "2 months later",
        "1.1 years earlier",
    ]


def test_deadline_states_are_named_by_the_vocabulary():
    cases = {"open": ("2030-01", "planned"), "met": ("2010-01", "completed")}
    cases |= {"missed": ("2010-01", "missed"), "overdue": ("2010-01", "planned")}
    items = [item(state, "deadline", date=d, status=s) for state, (d, s) in cases.items()]
    df = timeline_frame(timeline(items))
    assert dict(zip(df["id"], df["deadline_state"], strict=True)) == dict(
        zip(DEADLINE_STATES, DEADLINE_STATES, strict=True)
    )
    assert item_state(
        "deadline", "completed", parse_date("2030-01-01"), None, day("2020-01-01")
    ) == ("met")
    assert set(DEADLINE_OUTCOMES.values()) < set(DEADLINE_STATES)


@pytest.mark.parametrize(
    ("status", "as_of", "expected"),
    [
        ("planned", "2017-06-30", "open"),  # open through the deadline's last day
        ("planned", "2017-07-01", "overdue"),  # past due, no outcome recorded: not "missed"
        ("proposed", "2018-01-01", "overdue"),
        ("completed", "2017-07-01", "met"),
        ("completed", "2017-01-01", "met"),
        ("met", "2017-01-01", "met"),
        ("missed", "2017-01-01", "missed"),
        ("missed", "2017-07-01", "missed"),
    ],
)
def test_deadline_state(status, as_of, expected):
    tl = timeline([item("due", "deadline", date="2017-06", status=status), item("p")], as_of=as_of)
    states = dict(zip(*(timeline_frame(tl)[c] for c in ("id", "deadline_state")), strict=True))
    assert states == {"due": expected, "p": ""}


def test_filters():
    df = timeline_frame(ndpg_timeline())

    def ids(**kw):
        return filter_frame(df, Filters(**kw))["id"].tolist()

    assert ids() == df["id"].tolist()
    assert ids(lanes=("ldp",)) == ["mtdp-old", "ldp-study", "ldp-due"]
    assert ids(kinds=("deadline", "event")) == ["mtdp-old", "ldp-due"]
    assert ids(statuses=("under study",)) == ["ldp-study"]
    assert ids(tags=("study", "nothing")) == ["ldp-study"]
    assert ids(window_start=date(2020, 1, 1)) == ["ldp-study"]  # open-ended runs on
    assert ids(window_end=date(2013, 1, 1)) == ["mtdp-old"]
    assert ids(window_start=date(2017, 6, 30), window_end=date(2017, 6, 30)) == [
        "ndpg-2013",
        "ldp-study",
        "ldp-due",
    ]
    assert ids(search="TEN YEARS") == ["ndpg-2013"]  # notes, case-insensitive
    assert ids(search="ldp-d") == ["ldp-due"]  # id
    assert ids(search="study") == ["ldp-study"]  # tag
    assert ids(search="ndpg for") == ["ndpg-2013"]  # title
    assert ids(lanes=("ldp",), kinds=("period",)) == ["ldp-study"]


def test_empty_timeline_gives_typed_empty_frame():
    df = timeline_frame(timeline([]))
    assert len(df) == 0 and tuple(df.columns) == FRAME_COLUMNS
    assert pd.api.types.is_datetime64_any_dtype(df["start"])
    assert len(filter_frame(df, Filters(search="x", tags=("a",)))) == 0


def test_ten_thousand_items_give_ten_thousand_typed_rows():
    tl = generated(10_000)
    df = timeline_frame(tl)
    assert len(df) == 10_000 and df["id"].is_unique
    assert set(df["id"]) == {f"i{i}" for i in range(10_000)}
    assert df["start"].dtype == "datetime64[s]" and df["end"].dtype == "datetime64[s]"
    assert isinstance(df["kind"].dtype, pd.CategoricalDtype)
    assert df["revised"].dtype == bool and df["n_statements"].dtype == "int64"
    assert (df["end"].isna() == df["open_ended"]).all()
    assert (df["start"] <= df["end"].fillna(df["start"])).all()
    kept = filter_frame(df, Filters(search="i99", window_start=date(2000, 1, 1)))
    assert 0 < len(kept) < len(df) and kept["id"].str.contains("i99").all()


def test_cached_frame_is_not_changed_by_its_callers():
    tl = ndpg_timeline()
    first = timeline_frame(tl)
    first["title"] = "changed"
    first.loc[0, "status"] = "missed"
    again = timeline_frame(tl)
    assert "changed" not in set(again["title"]) and again.at[0, "status"] == "planned"
    assert again["id"].tolist() == first["id"].tolist()
    other_day = timeline_frame(tl, as_of=day("2019-01-01"))
    assert other_day.set_index("id").at["ndpg-2013", "status"] == "superseded"
    assert timeline_frame(tl).set_index("id").at["ndpg-2013", "status"] == "planned"


def test_bundled_timeline_frame_over_time():
    from defense_timeline.timeline.loader import load

    tl = load(DEFAULT_TIMELINE)
    df = timeline_frame(tl)
    assert tuple(df.columns) == FRAME_COLUMNS and df["id"].is_unique
    assert len(df) == sum(it.known_on(tl.as_of) for it in tl.items)
    later = timeline_frame(tl, as_of=tl.statement_dates()[-1])
    assert len(later) == len(tl.items) and later["revised"].any()
    assert (later["n_statements"] >= 1).all()
    assert later["lane"].cat.categories.tolist() == [lane.id for lane in ordered_lanes(tl)]
    rank = later["lane"].cat.codes.to_numpy()
    assert (rank[1:] >= rank[:-1]).all()  # lane order, then start


def test_bundled_deadline_is_overdue_not_missed_until_its_late_outcome_is_recorded():
    from defense_timeline.timeline.loader import load

    tl = load(DEFAULT_TIMELINE)
    due = tl.item("ldp-proposal-due")
    last_day = due.base.start.last
    recorded = next(s.as_of for s in due.states if s.done is not None)  # met late, May 2018
    days = (last_day, last_day + timedelta(days=1), recorded, tl.statement_dates()[-1])
    frames = [timeline_frame(tl, as_of).set_index("id").loc["ldp-proposal-due"] for as_of in days]
    assert [f["deadline_state"] for f in frames] == ["open", "overdue", "met", "met"]
    assert [f["state"] for f in frames] == ["open", "overdue", "met late", "met late"]


def test_fiscal_year_bounds_of_a_period_are_exact_but_a_fiscal_year_point_is_a_window():
    from defense_timeline.timeline.loader import load

    df = drawing_frame(load(DEFAULT_TIMELINE), as_of=day("2026-11-25")).set_index("id")
    mtdp = df.loc["mtdp-2014"]  # FY2014 .. through March 2019: whole fiscal years
    assert (mtdp["start_precision"], mtdp["start_fuzzy"], mtdp["end_fuzzy"]) == (
        "fiscal_year",
        False,
        False,
    )
    on_article_day = drawing_frame(load(DEFAULT_TIMELINE)).set_index("id")
    ndpg = on_article_day.loc["ndpg-2013"]  # FY2014 .. "possibly in the second half of 2018"
    assert (ndpg["start_precision"], ndpg["start_fuzzy"], ndpg["end_fuzzy"]) == (
        "fiscal_year",
        False,
        True,
    )
    bmd = on_article_day.loc["bmd-debate"]  # "2017-01?": a period start known to the month
    assert bmd["start_precision"] == "month" and bmd["start_fuzzy"]
    tl = timeline(items=[item("fy-point", kind="milestone", date="FY2019")])
    point = drawing_frame(tl).set_index("id").loc["fy-point"]
    assert point["start_precision"] == "fiscal_year" and point["start_fuzzy"]


def test_frame_cache_is_safe_under_concurrent_callers():
    from concurrent.futures import ThreadPoolExecutor

    tl = ndpg_timeline()
    days = [day(d) for d in ("2014-01-01", "2017-02-19", "2019-01-01", "2020-06-01", "2026-01-01")]
    expected = {d: timeline_frame(tl, as_of=d)["status"].tolist() for d in days}
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda d: (d, timeline_frame(tl, as_of=d)), days * 40))
    assert all(df["status"].tolist() == expected[d] for d, df in got)


def test_one_frame_cache_bounded_by_rows_and_keyed_by_the_timeline_object(monkeypatch):
    from dataclasses import replace

    from defense_timeline.view import frame

    built = []
    build = frame._drawing_frame
    monkeypatch.setattr(frame, "_drawing_frame", lambda *a: built.append(a[1:]) or build(*a))
    monkeypatch.setattr(frame, "CACHE_ROWS", 10)  # the ndpg frame has 4 rows: two fit
    frame.clear_cache()
    tl = ndpg_timeline()
    days = [day("2017-03-01"), day("2018-01-01"), day("2019-01-01")]
    for d in days:
        timeline_frame(tl, d)
    timeline_frame(tl, days[2])
    drawing_frame(tl, days[1])  # the figure and the table share the frame
    assert len(built) == 3
    timeline_frame(tl, days[0])  # pushed out by the rows of the later two
    assert len(built) == 4
    saved = replace(tl, items=tl.items[:1])  # a file saved: a new Timeline, never a stale frame
    assert timeline_frame(saved, days[0])["id"].tolist() == [tl.items[0].id]
    assert len(built) == 5
    frame.clear_cache()


def test_frames_as_of_and_against_the_ends_of_the_calendar():
    first = item("first", start="0001-01", end="0001-06")
    tl = timeline([first, item("last", start="9999-06", end="9999-12-31")])
    assert list(timeline_frame(tl, date.min)["id"]) == ["first", "last"]
    df = timeline_frame(tl, date.max, baseline=date.max)
    assert list(df["end"].dt.year) == [1, 9999] and list(df["planned_start"].dt.year) == [1, 9999]
    assert list(timeline_frame(tl, date.max, baseline=date.min)["planned_end"].dt.year) == [1, 9999]
