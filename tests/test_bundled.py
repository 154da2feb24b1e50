"""The bundled timelines: every article statement quoted, every fact dated by its own source, and
each item's interval as of the article's day, the 2018 guidelines and now."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest
from click.testing import CliRunner
from defense_timeline.cli import main
from defense_timeline.errors import InvalidTimeline
from defense_timeline.paths import bundled_timelines_dir, default_timeline_path
from defense_timeline.timeline.loader import load
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.frame import timeline_frame

ARTICLE_DAY = date(2017, 2, 19)
GUIDELINES_2018 = date(2018, 12, 31)
NOW = date(2026, 12, 1)
JT = "jt-2017-02-19"
FILES = ("japan_defense_2017.yaml", "japan_defense_programs.yaml")

# Items whose base statement is a sentence of the article: nothing public before it dated them.
ARTICLE_BASE_ITEMS = (
    "gov-source-report",
    "ndpg-next-due",
    "mtdp-2019",
    "ldp-study",
    "ldp-proposal-due",
    "amphib-brigade",
)
# Items public before the article, stated by their own sources; the article's sentence is an
# update of 2017-02-19 that quotes it.
ARTICLE_UPDATE_ITEMS = (
    "ndpg-2013-approval",
    "ndpg-2013",
    "mtdp-2014-approval",
    "mtdp-2014",
    "abe-trump-summit",
    "bmd-debate",
    "osprey-17",
    "aav-52",
    "hale-drones-3",
)
# What a reader could know on 2017-02-19: the article's items and what was public before it.
KNOWN_ON_ARTICLE_DAY = {*ARTICLE_BASE_ITEMS, *ARTICLE_UPDATE_ITEMS, "jmh-review-report"} | {
    "osprey-saga"  # the 2014 basing plan
}
# Known only later: the outcomes.
LATER_ITEMS = (
    "onodera-review",
    "ndpg-2018",
    "nds-2022",
    "dbp-2023",
    "ldp-bmd-proposal",
    "ldp-interim-report",
    "ldp-outline",
    "ldp-final-proposal",
    "ruling-parties-team",
    "ldp-2022-proposal",
    "aegis-ashore",
    "asev-decision",
    "amphib-training-unit",
)
# Sources no stored page dates (a photo page, undated reports, living reference pages).
UNDATED = {
    "japan_defense_2017.yaml": {
        "sggp-2022",
        "dvids-v22-2022",
        "journal-aviation-rq4b",
        "defence24-rq4b",
    },
    "japan_defense_programs.yaml": {
        "mod-guidelines",
        "jawiki-mtdp-1986",
        "sggp-2022",
    },
}


@pytest.fixture(scope="module")
def article() -> Timeline:
    return load(default_timeline_path())


@pytest.fixture(scope="module")
def programs() -> Timeline:
    return load(bundled_timelines_dir() / "japan_defense_programs.yaml")


def d(text: str) -> date:
    return date.fromisoformat(text)


def span_of(item, day: date) -> tuple[date, date | None, str]:
    """First day, last day (None: open-ended) and status of an item as of day."""
    state = item.state_as_of(day)
    last = state.start if item.kind != "period" else state.end
    return state.start.first, None if last is None else last.last, state.status


# ----------------------------------------------------------------------------- both files


@pytest.mark.parametrize("name", FILES)
def test_file_loads_strictly_with_no_warnings(name):
    timeline = load(bundled_timelines_dir() / name, strict=True)
    assert timeline.warnings == ()
    assert timeline.calendar is not None and timeline.calendar.name == "JP"


@pytest.mark.parametrize("name", FILES)
def test_first_line_points_editors_at_the_schema(name):
    first = (bundled_timelines_dir() / name).read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=timeline.schema.json"


@pytest.mark.parametrize("name", FILES)
def test_every_statement_cites_a_defined_source_with_an_http_url(name):
    timeline = load(bundled_timelines_dir() / name)
    for source in timeline.sources.values():
        assert source.url.startswith(("http://", "https://")), source.id
        assert source.title.strip(), source.id
    cited = set()
    for item in timeline.items:
        for state in item.states:
            assert state.sources, f"{item.id} as of {state.as_of} has no source"
            cited.update(ref.id for ref in state.sources)
    assert cited <= set(timeline.sources)
    assert set(timeline.sources) <= cited, "a source is defined but never cited"


@pytest.mark.parametrize("name", FILES)
def test_every_source_is_dated_but_the_few_no_page_dates(name):
    timeline = load(bundled_timelines_dir() / name)
    undated = {s.id for s in timeline.sources.values() if s.date is None}
    assert undated == UNDATED[name]


@pytest.mark.parametrize("name", FILES)
def test_every_item_has_a_report_date_from_a_dated_source(name):
    timeline = load(bundled_timelines_dir() / name)
    no_dated_source = []
    for item in timeline.items:
        assert item.reported is not None, item.id
        if all(timeline.sources[r.id].date is None for r in item.base.sources):
            no_dated_source.append(item.id)
    # the first NSS: only the Ministry's undated page gives its month; reported at its end
    assert no_dated_source == (["nss-2013"] if "programs" in name else [])


@pytest.mark.parametrize("name", FILES)
def test_updates_never_precede_the_report_and_come_in_order(name):
    for item in load(bundled_timelines_dir() / name).items:
        days = [s.as_of for s in item.states[1:]]
        assert days == sorted(days), item.id
        if days and item.reported is not None:
            assert days[0] >= item.reported, item.id


def test_article_file_updates_are_dated_by_the_sources_that_report_them(article):
    """In the article's file an update is never dated before a source it cites (the programs
    file dates decisions on their day and cites the white papers that record them)."""
    timeline = article
    for item in timeline.items:
        for state in item.states[1:]:
            for ref in state.sources:
                published = timeline.sources[ref.id].date
                assert published is None or published.first <= state.as_of, (item.id, ref.id)


def test_no_update_is_dated_the_day_after_the_article(article):
    """The old trick (exact days public earlier, dated 2017-02-20) is gone: facts carry the
    dates of their own sources, and the article's view is its source view."""
    day_after = ARTICLE_DAY + timedelta(days=1)
    assert [it.id for it in article.items if day_after in [s.as_of for s in it.states]] == []
    assert day_after not in article.statement_dates()
    text = default_timeline_path().read_text(encoding="utf-8")
    assert "2017-02-20" not in text


# ----------------------------------------------------------------------------- the article file


def test_default_timeline_is_the_article_as_of_its_day(article):
    assert default_timeline_path().name == "japan_defense_2017.yaml"
    assert article.as_of == ARTICLE_DAY
    assert article.sources[JT].date.first == ARTICLE_DAY
    assert article.sources[JT].kind == "news report"
    kyodo = article.sources["kyodo-2017-02-18"]
    assert kyodo.kind == "anonymous official" and kyodo.date.first == d("2017-02-18")
    # a neutral description, not an invented headline
    assert (
        kyodo.title == "Kyodo News wire report of 2017-02-18, the original of the Japan Times story"
    )


@pytest.mark.parametrize("item_id", ARTICLE_BASE_ITEMS)
def test_article_items_quote_the_article_in_their_base_statement(article, item_id):
    refs = [r for r in article.item(item_id).base.sources if r.id == JT]
    assert refs and all(r.quote.endswith(".") and len(r.quote) > 40 for r in refs)


@pytest.mark.parametrize("item_id", ARTICLE_UPDATE_ITEMS)
def test_facts_public_earlier_are_dated_by_their_own_source(article, item_id):
    item = article.item(item_id)
    assert JT not in {r.id for r in item.base.sources}
    assert item.reported < ARTICLE_DAY
    (quoting,) = [s for s in item.states[1:] if JT in {r.id for r in s.sources}]
    assert quoting.as_of == ARTICLE_DAY
    assert all(r.quote.endswith(".") and len(r.quote) > 40 for r in quoting.sources if r.id == JT)


@pytest.mark.parametrize("item_id", [i for i in ARTICLE_UPDATE_ITEMS if i != "ndpg-2013"])
def test_the_article_blurs_no_date_known_before_it(article, item_id):
    item = article.item(item_id)
    before = item.state_as_of(ARTICLE_DAY - timedelta(days=1))
    on_day = item.state_as_of(ARTICLE_DAY)
    assert (on_day.start, on_day.end) == (before.start, before.end)


def test_only_what_was_public_by_the_article_is_known_on_its_day(article):
    known = {it.id for it in article.items if it.known_on(ARTICLE_DAY)}
    assert known == KNOWN_ON_ARTICLE_DAY
    assert {it.id for it in article.items} == KNOWN_ON_ARTICLE_DAY | set(LATER_ITEMS)
    frame = timeline_frame(article, ARTICLE_DAY)
    assert set(frame["id"]) == KNOWN_ON_ARTICLE_DAY
    assert set(timeline_frame(article, NOW)["id"]) == KNOWN_ON_ARTICLE_DAY | set(LATER_ITEMS)


# id: {view day: (first, last or None, status)}
INTERVALS = {
    "ndpg-2013-approval": {
        ARTICLE_DAY: ("2013-12-17", "2013-12-17", "approved"),
        NOW: ("2013-12-17", "2013-12-17", "approved"),
    },
    "ndpg-2013": {
        ARTICLE_DAY: ("2014-04-01", "2018-12-31", "in force"),  # "possibly in 2018-H2"
        GUIDELINES_2018: ("2014-04-01", "2018-12-18", "superseded"),
        NOW: ("2014-04-01", "2018-12-18", "superseded"),
    },
    "ndpg-next-due": {
        ARTICLE_DAY: ("2018-07-01", "2018-12-31", "planned"),
        GUIDELINES_2018: ("2018-07-01", "2018-12-31", "met"),
    },
    "ndpg-2018": {GUIDELINES_2018: ("2018-12-18", None, "in force")},
    "nds-2022": {NOW: ("2022-12-16", "2026-12-31", "in force")},  # to be revised in 2026?
    "mtdp-2014": {
        ARTICLE_DAY: ("2014-04-01", "2019-03-31", "in force"),
        NOW: ("2014-04-01", "2019-03-31", "completed"),
    },
    "mtdp-2019": {
        ARTICLE_DAY: ("2019-04-01", "2024-03-31", "planned"),
        GUIDELINES_2018: ("2019-04-01", "2024-03-31", "approved"),
        NOW: ("2019-04-01", "2023-03-31", "superseded"),
    },
    "dbp-2023": {NOW: ("2023-04-01", "2026-12-31", "in force")},
    "abe-trump-summit": {
        ARTICLE_DAY: ("2017-02-10", "2017-02-10", "completed"),
        NOW: ("2017-02-10", "2017-02-10", "completed"),
    },
    "ldp-proposal-due": {ARTICLE_DAY: ("2017-06-01", "2017-06-30", "planned")},
    "ldp-final-proposal": {NOW: ("2018-05-01", "2018-05-31", "completed")},
    "bmd-debate": {
        ARTICLE_DAY: ("2017-01-01", None, "planned"),
        GUIDELINES_2018: ("2017-01-01", "2017-12-19", "completed"),
    },
    "aegis-ashore": {
        GUIDELINES_2018: ("2017-12-19", "2024-03-31", "approved"),
        NOW: ("2017-12-19", "2020-06-24", "cancelled"),
    },
    "amphib-brigade": {ARTICLE_DAY: ("2018-01-01", "2018-12-31", "planned")},
    "osprey-17": {
        ARTICLE_DAY: ("2015-04-01", "2019-03-31", "approved"),  # the 2014 plan: from FY2015
        GUIDELINES_2018: ("2015-04-01", "2019-03-31", "approved"),
        NOW: ("2015-04-01", "2025-08-12", "completed"),  # until all 17 were in Japan
    },
    "osprey-saga": {
        ARTICLE_DAY: ("2019-04-01", "2020-03-31", "planned"),
        GUIDELINES_2018: ("2019-04-01", "2020-03-31", "planned"),
    },
    "aav-52": {NOW: ("2014-04-01", "2019-03-31", "approved")},  # outcome not confirmed
    "hale-drones-3": {
        ARTICLE_DAY: ("2014-04-01", "2019-03-31", "approved"),
        GUIDELINES_2018: ("2014-04-01", "2019-03-31", "approved"),
        NOW: ("2014-04-01", "2022-03-12", "approved"),  # until the first reached Misawa
    },
}
CASES = [(i, day, want) for i, by_day in INTERVALS.items() for day, want in by_day.items()]


@pytest.mark.parametrize(("item_id", "day", "want"), CASES)
def test_interval_and_status_as_of_a_day(article, item_id, day, want):
    first, last, status = want
    assert span_of(article.item(item_id), day) == (
        d(first),
        None if last is None else d(last),
        status,
    )


# id, precision of its date as of the article's day, uncertain
PRECISIONS = [
    ("mtdp-2014", "fiscal_year", False),
    ("mtdp-2019", "fiscal_year", False),
    ("ndpg-next-due", "half", True),
    ("gov-source-report", "day", False),
    ("ldp-study", "day", False),
    ("ldp-proposal-due", "month", False),
    ("amphib-brigade", "year", False),
    ("ndpg-2013-approval", "day", False),
    ("abe-trump-summit", "day", False),
    ("bmd-debate", "month", True),
]


@pytest.mark.parametrize(("item_id", "precision", "uncertain"), PRECISIONS)
def test_dates_keep_the_precision_of_their_sources(article, item_id, precision, uncertain):
    state = article.item(item_id).state_as_of(ARTICLE_DAY)
    assert state.start.precision == precision
    assert state.start.uncertain is uncertain


def test_the_2013_guidelines_run_from_fy2014_for_about_ten_years(article):
    item = article.item("ndpg-2013")
    base = item.base
    assert (base.start.text, base.start.first, base.status) == (
        "FY2014",
        d("2014-04-01"),
        "in force",
    )
    assert item.reported == d("2013-12-17")  # the official text, not the article
    assert base.end.approximate  # "about 10 years" from 2014-04-01
    assert base.end.first <= d("2024-03-31") <= base.end.last
    on_day = item.state_as_of(ARTICLE_DAY)
    assert (on_day.end.text, on_day.end.first, on_day.end.last) == (
        "2018-H2?",
        d("2018-07-01"),
        d("2018-12-31"),
    )
    assert on_day.end.uncertain and on_day.status == "in force"
    assert "inferred" in on_day.notes
    assert article.item("ndpg-2018").links_of("supersedes") == ("ndpg-2013",)


def test_the_bmd_debate_starts_where_a_source_puts_it(article):
    item = article.item("bmd-debate")
    assert [r.id for r in item.base.sources] == ["jmh-2017-01-24"]
    assert item.reported == d("2017-01-24")
    assert (item.base.start.text, item.base.start.uncertain) == ("2017-01?", True)


def test_adjacent_buildup_programs_neither_gap_nor_overlap(article):
    end = article.item("mtdp-2014").base.end.last
    start = article.item("mtdp-2019").base.start.first
    assert (end, start) == (d("2019-03-31"), d("2019-04-01"))


@pytest.mark.parametrize(
    ("item_id", "count", "what"),
    [
        ("osprey-17", 17, "Osprey tilt-rotor aircraft"),
        ("aav-52", 52, "amphibious vehicles"),
        ("hale-drones-3", 3, "surveillance drones"),
    ],
)
def test_procurement_targets_carry_their_quantities(article, item_id, count, what):
    item = article.item(item_id)
    (quantity,) = item.base.quantities
    assert (quantity.count, quantity.what, str(quantity)) == (count, what, f"{count} {what}")
    assert item.links_of("implements") == ("mtdp-2014",)
    assert item.lane == "forces" and item.kind == "period"
    assert [r.id for r in item.base.sources] == ["combataircraft-2013-12-14"]
    assert item.reported == d("2013-12-14")  # Kyodo's report of the plan


def test_buying_and_basing_the_ospreys_are_separate_items(article):
    buy, saga = article.item("osprey-17"), article.item("osprey-saga")
    assert (buy.kind, saga.kind) == ("period", "milestone")
    assert saga.links_of("depends_on") == ("osprey-17",)
    assert saga.base.start.text == "FY2019" and saga.reported == d("2014-12-31")
    now = saga.state_as_of(NOW)
    assert (now.start.text, now.done.text) == ("2025-08-12", "2025-08-12")  # all 17 at Saga
    assert saga.state_as_of(d("2025-08-12")).done is None  # reported the day after
    assert saga.state_as_of(d("2025-08-12")).start.text == "FY2019"
    assert "jt-2025-08-13" in {r.id for r in now.sources}
    assert buy.state_as_of(NOW).end.last == d("2025-08-12")
    assert "inference" in buy.state_as_of(NOW).notes


def test_the_global_hawk_purchase_reaches_its_delivery(article):
    item = article.item("hale-drones-3")
    before, after = item.state_as_of(d("2022-03-11")), item.state_as_of(d("2022-03-12"))
    assert before.end.text == "FY2018" and after.end.text == "2022-03-12"
    assert "Misawa" in after.notes


def test_the_2022_documents_carry_the_weakly_sourced_aim_to_revise_them(article):
    for item_id in ("nds-2022", "dbp-2023"):
        item = article.item(item_id)
        before, after = item.state_as_of(d("2026-03-30")), item.state_as_of(d("2026-03-31"))
        assert after.end.text == "2026?" and after.end.uncertain
        assert before.end is None or before.end.text == "FY2027"
        assert [r.id for r in after.sources] == ["blog-2026-03"]
        assert "Weakly sourced" in after.notes
    assert article.sources["blog-2026-03"].kind == "other"


def test_weak_sources_say_so_in_the_notes(article):
    weak = {"wakamiya-2018-06-01", "sggp-2022", "alert5-2017-04-30", "blog-2026-03"}
    for item in article.items:
        for state in item.states[1:] or item.states:
            if weak & {r.id for r in state.sources}:
                assert "weakly sourced" in state.notes.lower(), (item.id, state.as_of)


def test_aegis_ashore_is_suspended_before_it_is_scrapped(article):
    item = article.item("aegis-ashore")
    assert item.reported == d("2017-12-19")
    assert item.base.end.text == "FY2023" and item.base.status == "approved"
    suspended = item.state_as_of(d("2020-06-20"))
    assert suspended.status == "approved" and "suspended" in suspended.title
    assert article.item("asev-decision").links_of("supersedes") == ("aegis-ashore",)


def test_frame_on_the_article_day_shows_what_was_known_then(article):
    df = timeline_frame(article, ARTICLE_DAY).set_index("id")
    assert df.at["mtdp-2014", "dates_text"] == "FY2014 – FY2018"
    assert df.at["mtdp-2019", "start"] == pd.Timestamp("2019-04-01")
    assert df.at["mtdp-2019", "end"] == pd.Timestamp("2024-03-31")
    assert df.at["mtdp-2019", "status"] == "planned"
    assert df.at["ndpg-next-due", "dates_text"] == "2018-H2?"
    assert bool(df.at["ndpg-next-due", "uncertain"])
    assert df.at["ndpg-next-due", "deadline_state"] == "open"
    assert df.at["ldp-proposal-due", "deadline_state"] == "open"
    assert df.at["abe-trump-summit", "dates_text"] == "2017-02-10"
    assert df.at["ndpg-2013-approval", "dates_text"] == "2013-12-17"
    assert df.at["ldp-study", "start"] == pd.Timestamp("2017-02-03")
    assert df.at["amphib-brigade", "dates_text"] == "2018"
    assert df.at["osprey-17", "quantities"] == "17 Osprey tilt-rotor aircraft"
    assert df.at["ndpg-2013", "dates_text"] == "FY2014 – 2018-H2?"
    assert bool(df.at["bmd-debate", "open_ended"])


def test_frame_now_shows_plan_against_outcome(article):
    df = timeline_frame(article, NOW).set_index("id")
    assert df.at["ndpg-2013", "status"] == "superseded"
    assert df.at["ndpg-2013", "end"] == pd.Timestamp("2018-12-18")
    assert df.at["ndpg-next-due", "deadline_state"] == "met"
    assert df.at["amphib-brigade", "planned_dates_text"] == "2018"
    assert df.at["mtdp-2019", "dates_text"] == "FY2019 – FY2022"
    assert df.at["mtdp-2019", "planned_end"] == pd.Timestamp("2024-03-31")
    assert df.at["aegis-ashore", "status"] == "cancelled"
    assert df.at["osprey-saga", "planned_dates_text"] == "FY2019"
    assert df.at["osprey-saga", "done"] == "2025-08-12"
    assert bool(df.at["osprey-saga", "revised"])  # six years late
    assert not bool(df.at["abe-trump-summit", "revised"])  # its day was known all along


def test_the_by_june_target_is_met_late_and_points_to_its_outcomes(article):
    due = article.item("ldp-proposal-due")
    assert {s.status for s in due.states} == {"planned"}
    assert due.links_of("depends_on") == ("ldp-study",)
    outcomes = {it.id for it in article.items if "ldp-proposal-due" in it.links_of("informs")}
    assert outcomes == {"ldp-bmd-proposal", "ldp-interim-report", "ldp-final-proposal"}
    final = article.item("ldp-final-proposal").base.start
    assert (final.text, final.precision) == ("2018-05", "month")  # "late May 2018", day unconfirmed
    late = due.state_as_of(NOW)
    assert "Met late" in late.notes and "weakly sourced" in late.notes
    assert [r.id for r in late.sources] == ["wakamiya-2018-06-01"]
    assert (late.done.text, late.done.first, late.done.last) == (
        "2018-05",
        d("2018-05-01"),
        d("2018-05-31"),
    )
    row = timeline_frame(article, NOW).set_index("id").loc["ldp-proposal-due"]
    assert (row["state"], row["done"]) == ("met late", "2018-05")


# id: {view day: state derived from its kind, dates, done and stated status}
STATES = {
    "ldp-proposal-due": {
        ARTICLE_DAY: "open",
        d("2017-07-01"): "overdue",
        d("2018-05-31"): "overdue",  # the late proposal is reported on 2018-06-01
        d("2018-06-01"): "met late",
        NOW: "met late",
    },
    "ndpg-next-due": {ARTICLE_DAY: "open", GUIDELINES_2018: "met", NOW: "met"},
    "amphib-brigade": {ARTICLE_DAY: "planned", d("2018-03-28"): "reached", NOW: "reached"},
    "osprey-saga": {
        ARTICLE_DAY: "planned",
        d("2020-04-01"): "overdue",
        d("2025-08-12"): "overdue",
        d("2025-08-13"): "reached",
    },
    "ndpg-2013": {ARTICLE_DAY: "running", GUIDELINES_2018: "superseded", NOW: "superseded"},
    "mtdp-2014": {ARTICLE_DAY: "running", GUIDELINES_2018: "running", NOW: "ended"},
    "mtdp-2019": {ARTICLE_DAY: "upcoming", GUIDELINES_2018: "upcoming", NOW: "superseded"},
    "nds-2022": {NOW: "running"},
    "aegis-ashore": {GUIDELINES_2018: "running", NOW: "cancelled"},
    "osprey-17": {GUIDELINES_2018: "running", NOW: "ended"},
    "hale-drones-3": {GUIDELINES_2018: "running", NOW: "ended"},
    "abe-trump-summit": {ARTICLE_DAY: "past"},
}
STATE_CASES = [(i, day, want) for i, by_day in STATES.items() for day, want in by_day.items()]


@pytest.mark.parametrize(("item_id", "day", "want"), STATE_CASES)
def test_state_as_of_a_day(article, item_id, day, want):
    assert timeline_frame(article, day).set_index("id").at[item_id, "state"] == want


def test_deadlines_keep_their_date_milestones_move_to_when_they_were_reached(article):
    due = article.item("ndpg-next-due").state_as_of(NOW)
    assert (due.start.text, due.done.text) == ("2018-H2?", "2018-12-18")
    late = article.item("ldp-proposal-due").state_as_of(NOW)
    assert (late.start.text, late.done.text) == ("2017-06", "2018-05")
    brigade = article.item("amphib-brigade")
    assert (brigade.base.start.text, brigade.state_as_of(NOW).start.text) == ("2018", "2018-03-27")
    assert brigade.state_as_of(NOW).done.text == "2018-03-27"  # on time: inside "next year"


def test_reports_known_only_to_the_month_count_from_its_last_day(article):
    assert article.item("ldp-bmd-proposal").reported == d("2017-03-31")
    assert article.item("ldp-interim-report").reported == d("2017-06-30")
    assert article.item("ldp-outline").reported == d("2018-03-22")
    partial = {
        (it.id, s.as_of_text): s.as_of
        for it in article.items
        for s in it.states[1:]
        if s.as_of_text != s.as_of.isoformat()
    }
    assert partial == {
        ("ldp-proposal-due", "2017-06"): d("2017-06-30"),
        ("bmd-debate", "2017-03"): d("2017-03-31"),
        ("osprey-17", "2014"): d("2014-12-31"),
        ("osprey-17", "2020-05"): d("2020-05-31"),
        ("nds-2022", "2026-03"): d("2026-03-31"),
        ("dbp-2023", "2026-03"): d("2026-03-31"),
    }
    for (item_id, text), as_of in partial.items():
        (source,) = [
            r.id for s in article.item(item_id).states if s.as_of == as_of for r in s.sources
        ]
        assert article.sources[source].date.text == text  # the source's own precision


def test_programs_implement_the_guidelines_they_follow(article):
    assert article.item("mtdp-2014").links_of("implements") == ("ndpg-2013",)
    assert article.item("mtdp-2019").links_of("implements") == ("ndpg-2018",)
    assert article.item("dbp-2023").links_of("supersedes") == ("mtdp-2019",)
    assert article.item("amphib-brigade").links_of("implements") == ("ndpg-2013",)


# ----------------------------------------------------------------------------- the programs file


def test_programs_file_is_as_of_the_2022_documents(programs):
    assert programs.as_of == d("2022-12-16")
    assert all(it.known_on(programs.as_of) for it in programs.items)
    assert all(it.reported is not None for it in programs.items)


GUIDELINES = [
    ("ndpo-1976", "1976-10-29", "1995-11-28"),
    ("ndpo-1995", "1995-11-28", "2004-12-10"),
    ("ndpg-2004", "2004-12-10", "2010-12-17"),
    ("ndpg-2010", "2010-12-17", "2013-12-17"),
    ("ndpg-2013", "2013-12-17", "2018-12-18"),
    ("ndpg-2018", "2018-12-18", "2022-12-16"),
]


@pytest.mark.parametrize(("item_id", "start", "end"), GUIDELINES)
def test_each_guidelines_document_ends_when_the_next_is_approved(programs, item_id, start, end):
    item = programs.item(item_id)
    state = item.state_as_of(programs.as_of)
    assert (state.start.first, state.end.last, state.status) == (d(start), d(end), "superseded")
    assert item.reported == d(start)
    assert item.base.status == "in force"


def test_guidelines_chain_of_supersession(programs):
    chain = [g[0] for g in GUIDELINES] + ["nds-2022"]
    for older, newer in zip(chain, chain[1:], strict=False):
        assert programs.item(newer).links_of("supersedes") == (older,)
    nds = programs.item("nds-2022").state_as_of(programs.as_of)
    assert nds.end is None and nds.status == "in force"


# id, planned (first, last), actual last day as of 2022-12-16, status then, approved (reported)
PROGRAMS = [
    ("dbp-1", ("1958-04-01", "1961-03-31"), "1961-03-31", "approved", "1957-06-14"),
    ("dbp-4", ("1972-04-01", "1977-03-31"), "1977-03-31", "approved", "1972-02-08"),
    ("mtdp-1986", ("1986-04-01", "1991-03-31"), "1991-03-31", "completed", "1985-09-18"),
    ("mtdp-1991", ("1991-04-01", "1996-03-31"), "1996-03-31", "approved", "1990-12-20"),
    ("mtdp-1996", ("1996-04-01", "2001-03-31"), "2001-03-31", "approved", "1995-12-15"),
    ("mtdp-2001", ("2001-04-01", "2006-03-31"), "2005-03-31", "superseded", "2000-12-15"),
    ("mtdp-2005", ("2005-04-01", "2010-03-31"), "2010-03-31", "approved", "2004-12-10"),
    ("mtdp-2011", ("2011-04-01", "2016-03-31"), "2013-03-31", "cancelled", "2010-12-17"),
    ("mtdp-2014", ("2014-04-01", "2019-03-31"), "2019-03-31", "completed", "2013-12-17"),
    ("mtdp-2019", ("2019-04-01", "2024-03-31"), "2023-03-31", "superseded", "2018-12-18"),
    ("dbp-2023", ("2023-04-01", "2028-03-31"), "2028-03-31", "in force", "2022-12-16"),
]


@pytest.mark.parametrize(("item_id", "planned", "actual_end", "status", "approved"), PROGRAMS)
def test_buildup_plans_planned_against_actual(
    programs, item_id, planned, actual_end, status, approved
):
    item = programs.item(item_id)
    assert (item.base.start.first, item.base.end.last) == (d(planned[0]), d(planned[1]))
    now = item.state_as_of(programs.as_of)
    assert (now.end.last, now.status) == (d(actual_end), status)
    assert item.reported == d(approved)


@pytest.mark.parametrize("item_id", ["dbp-1", "dbp-2", "dbp-3", "dbp-4"])
def test_the_1958_1977_plans_cite_the_article_that_lists_them(programs, item_id):
    item = programs.item(item_id)
    assert [r.id for r in item.sources] == ["zaidan-asahi-1985"]
    assert programs.sources["zaidan-asahi-1985"].date.text == "1985"


def test_the_24_67_trillion_yen_is_dated_by_the_source_that_gave_it(programs, article):
    for timeline in (programs, article):
        item = timeline.item("mtdp-2014")
        assert "24.67" not in item.base.notes
        (stated,) = [s for s in item.states if "24.67" in s.notes]
        assert stated.as_of == d("2018-11-02")
        assert [r.id for r in stated.sources] == ["jmh-2018-11-02"]


def test_inferences_say_they_are_inferences(programs):
    full_term = programs.item("mtdp-2014").state_as_of(programs.as_of)
    assert full_term.status == "completed" and "inferred" in full_term.notes
    assert "inferred" in programs.item("nss-2013").base.notes
    early_end = programs.item("mtdp-2001").state_as_of(d("2003-12-19"))
    assert early_end.end.text == "FY2004" and "inference" in early_end.notes
    assert "weakly sourced" in programs.item("mtdp-2019").state_as_of(programs.as_of).notes


@pytest.mark.parametrize(
    ("item_id", "revised_on"),
    [("mtdp-1991", "1992-12-18"), ("mtdp-1996", "1997-12-19"), ("mtdp-2005", "2008-12-20")],
)
def test_revisions_are_updates_dated_on_the_revision(programs, item_id, revised_on):
    item = programs.item(item_id)
    assert d(revised_on) in [s.as_of for s in item.states[1:]]
    assert "revised" not in item.state_as_of(d(revised_on) - timedelta(days=1)).title
    assert "revised" in item.state_as_of(d(revised_on)).title


@pytest.mark.parametrize("fiscal_year", [2010, 2013])
def test_years_without_a_buildup_program_stay_empty(programs, fiscal_year):
    first, last = date(fiscal_year, 4, 1), date(fiscal_year + 1, 3, 31)
    for item in programs.items:
        if item.lane != "programs" or item.kind != "period":
            continue
        state = item.state_as_of(programs.as_of)
        assert state.end.last < first or state.start.first > last, item.id


def test_the_2004_guidelines_review_was_postponed_before_it_was_replaced(programs):
    item = programs.item("ndpg-2004")
    assert item.base.end.approximate  # "to be revised after five years"
    assert item.state_as_of(d("2010-01-01")).end.text == "2010"
    assert programs.item("mtdp-2001").state_as_of(d("2004-01-01")).end.text == "FY2004"


def test_first_national_security_strategy_is_known_to_the_month_only(programs):
    start = programs.item("nss-2013").base.start
    assert (start.text, start.precision, start.first, start.last) == (
        "2013-12",
        "month",
        d("2013-12-01"),
        d("2013-12-31"),
    )


def test_the_2013_guidelines_are_set_for_about_ten_fiscal_years_from_fy2014(programs):
    end = programs.item("ndpg-2013").base.end
    assert (end.text, end.approximate) == ("~FY2023", True)
    assert end.first <= d("2024-03-31") <= end.last  # FY2014 .. about FY2023


@pytest.mark.parametrize(
    ("item_id", "state"),
    [
        ("dbp-1", "ended"),
        ("dbp-4", "ended"),
        ("mtdp-1991", "ended"),
        ("mtdp-1996", "ended"),
        ("mtdp-2005", "ended"),
        ("mtdp-2011", "cancelled"),
        ("mtdp-2001", "superseded"),
        ("ndpo-1976", "superseded"),
        ("dbp-2023", "running"),
    ],
)
def test_stated_statuses_stay_as_stated_while_states_age(programs, item_id, state):
    row = timeline_frame(programs, NOW).set_index("id").loc[item_id]
    assert row["state"] == state
    assert row["status"] == programs.item(item_id).state_as_of(NOW).status  # as stated


# id, the article's own dates (start, end) in its statement, the better-known start that stands
ARTICLE_OWN_DATES = [
    ("ndpg-2013-approval", ("2013", "2013"), "2013-12-17"),
    ("mtdp-2014-approval", ("2013", "2013"), "2013-12-17"),
    ("abe-trump-summit", ("2017-02-01/2017-02-18", "2017-02-01/2017-02-18"), "2017-02-10"),
    ("ndpg-2013", ("2013", "2018-H2?"), "FY2014"),
    ("osprey-17", ("FY2014", "FY2018"), "FY2015"),
]


@pytest.mark.parametrize(("item_id", "said", "stands"), ARTICLE_OWN_DATES)
def test_the_article_keeps_its_own_dates_and_the_better_known_one_stands(
    article, item_id, said, stands
):
    item = article.item(item_id)
    on_day = [s for s in item.states[1:] if s.as_of == ARTICLE_DAY]
    quoting, restated = on_day  # the article's statement, then the earlier source's again
    assert JT in {r.id for r in quoting.sources} and JT not in {r.id for r in restated.sources}
    assert (quoting.start.text, quoting.end.text) == said
    assert restated.start.text == stands
    assert item.state_as_of(ARTICLE_DAY) is restated
    assert item.state_as_of(ARTICLE_DAY).start == item.state_as_of(ARTICLE_DAY - timedelta(1)).start
    earlier = {r.id for r in restated.sources}
    assert all(article.sources[sid].date.last < ARTICLE_DAY for sid in earlier)


def test_earlier_this_month_is_the_first_to_the_eighteenth_of_february(article):
    quoting = next(
        s for s in article.item("abe-trump-summit").states if JT in {r.id for r in s.sources}
    )
    assert (quoting.start.first, quoting.start.last) == (d("2017-02-01"), d("2017-02-18"))


def test_a_source_losing_its_date_is_warned_of_and_refused_under_strict(tmp_path):
    """Every source is dated or, where it is not, no item's report date rests on it: dropping the
    summit report's date leaves the summit undated, which is warned of (an error with --strict)."""
    text = default_timeline_path().read_text(encoding="utf-8")
    dated = "    date: 2017-02-10\n    url: https://www.chicagotribune.com/"
    assert text.count(dated) == 1
    path = tmp_path / "undated.yaml"
    path.write_text(text.replace(dated, "    url: https://www.chicagotribune.com/"), "utf-8")
    (warning,) = load(path).warnings
    assert 'source "tribune-2017-02-10" has no date' in warning.message
    assert '"abe-trump-summit"' in warning.message
    with pytest.raises(InvalidTimeline):
        load(path, strict=True)


@pytest.mark.parametrize("name", FILES)
def test_validate_strict_on_the_command_line(name):
    path = bundled_timelines_dir() / name
    result = CliRunner().invoke(main, ["validate", "--strict", str(path)])
    n = len(load(path).items)
    assert (result.exit_code, result.output) == (0, f"{path}: ok ({n} items)\n")


@pytest.mark.parametrize("name", FILES)
def test_no_event_is_known_before_it_happened(name):
    """A report date from a source known only to the month or year would otherwise fall on its
    first day, before the event (an LDP proposal of 2017-03-30 "known" on 2017-03-01)."""
    timeline = load(bundled_timelines_dir() / name)
    for item in timeline.items:
        if item.kind == "event":
            assert item.reported >= item.base.start.first, item.id
