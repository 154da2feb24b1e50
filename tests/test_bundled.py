"""The bundled timelines: every article statement dated, sourced and resolved as of a date."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest
from defense_timeline.paths import bundled_timelines_dir, default_timeline_path
from defense_timeline.timeline.loader import load
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.frame import timeline_frame

ARTICLE_DAY = date(2017, 2, 19)
NOW = date(2026, 11, 25)
JT = "jt-2017-02-19"
FILES = ("japan_defense_2017.yaml", "japan_defense_programs.yaml")

# Items whose base statement is a sentence of the article (cited with its quote).
ARTICLE_ITEMS = (
    "gov-source-report",
    "ndpg-2013-approval",
    "ndpg-2013",
    "ndpg-next-due",
    "mtdp-2014-approval",
    "mtdp-2014",
    "mtdp-2019",
    "ldp-study",
    "ldp-proposal-due",
    "abe-trump-summit",
    "bmd-debate",
    "amphib-brigade",
    "osprey-17",
    "aav-52",
    "hale-drones-3",
)
# What the article's reader could know on 2017-02-19: its items plus one earlier report.
KNOWN_ON_ARTICLE_DAY = set(ARTICLE_ITEMS) | {"jmh-review-report"}
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
    "osprey-saga",
)


@pytest.fixture(scope="module")
def article() -> Timeline:
    return load(default_timeline_path())


@pytest.fixture(scope="module")
def programs() -> Timeline:
    return load(bundled_timelines_dir() / "japan_defense_programs.yaml")


def d(text: str) -> date:
    return date.fromisoformat(text)


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
def test_updates_never_precede_the_report_and_come_in_order(name):
    for item in load(bundled_timelines_dir() / name).items:
        days = [s.as_of for s in item.states[1:]]
        assert days == sorted(days), item.id
        if days and item.reported is not None:
            assert days[0] >= item.reported, item.id


# ----------------------------------------------------------------------------- the article file


def test_default_timeline_is_the_article_as_of_its_day(article):
    assert default_timeline_path().name == "japan_defense_2017.yaml"
    assert article.as_of == ARTICLE_DAY
    assert article.sources[JT].date.first == ARTICLE_DAY
    assert article.sources[JT].kind == "news report"
    assert article.sources["kyodo-2017-02-18"].kind == "anonymous official"
    assert article.sources["kyodo-2017-02-18"].date.first == d("2017-02-18")


@pytest.mark.parametrize("item_id", ARTICLE_ITEMS)
def test_article_items_quote_the_article_in_their_base_statement(article, item_id):
    refs = [r for r in article.item(item_id).base.sources if r.id == JT]
    assert refs and all(r.quote.endswith(".") and len(r.quote) > 40 for r in refs)


def test_only_the_article_and_earlier_reports_are_known_on_its_day(article):
    known = {it.id for it in article.items if it.known_on(ARTICLE_DAY)}
    assert known == KNOWN_ON_ARTICLE_DAY
    assert {it.id for it in article.items} == KNOWN_ON_ARTICLE_DAY | set(LATER_ITEMS)
    frame = timeline_frame(article, ARTICLE_DAY)
    assert set(frame["id"]) == KNOWN_ON_ARTICLE_DAY
    assert set(timeline_frame(article, NOW)["id"]) == KNOWN_ON_ARTICLE_DAY | set(LATER_ITEMS)


# id, (first, last) as stated on the article's day, precision, uncertain
ARTICLE_DATES = [
    ("mtdp-2014", ("2014-04-01", "2019-03-31"), "fiscal_year", False),
    ("mtdp-2019", ("2019-04-01", "2024-03-31"), "fiscal_year", False),
    ("ndpg-next-due", ("2018-07-01", "2018-12-31"), "half", True),
    ("abe-trump-summit", ("2017-02-01", "2017-02-28"), "month", False),
    ("gov-source-report", ("2017-02-18", "2017-02-18"), "day", False),
    ("ldp-study", ("2017-02-03", "2017-02-03"), "day", False),
    ("ldp-proposal-due", ("2017-06-01", "2017-06-30"), "month", False),
    ("amphib-brigade", ("2018-01-01", "2018-12-31"), "year", False),
    ("ndpg-2013-approval", ("2013-01-01", "2013-12-31"), "year", False),
    ("mtdp-2014-approval", ("2013-01-01", "2013-12-31"), "year", False),
    ("osprey-17", ("2014-04-01", "2019-03-31"), "fiscal_year", False),
    ("aav-52", ("2014-04-01", "2019-03-31"), "fiscal_year", False),
    ("hale-drones-3", ("2014-04-01", "2019-03-31"), "fiscal_year", False),
]


@pytest.mark.parametrize(("item_id", "span", "precision", "uncertain"), ARTICLE_DATES)
def test_article_statement_has_the_interval_the_text_gives(
    article, item_id, span, precision, uncertain
):
    item = article.item(item_id)
    state = item.state_as_of(ARTICLE_DAY)
    last = state.start if item.kind != "period" else state.end
    assert (state.start.first, last.last) == (d(span[0]), d(span[1]))
    assert state.start.precision == precision
    assert (state.start.uncertain or last.uncertain) is uncertain
    assert state is item.base


def test_the_2013_guidelines_as_planned_then_as_revised_then_as_ended(article):
    item = article.item("ndpg-2013")
    base = item.base
    assert (base.start.text, base.status) == ("2013", "in force")
    assert base.end.approximate and base.end.nominal[1] == d("2022-12-31")  # ~10y from 2013-01-01
    assert base.end.last == d("2023-12-31")  # about: a year either side
    on_day = item.state_as_of(ARTICLE_DAY)
    assert (on_day.end.text, on_day.end.first, on_day.end.last) == (
        "2018-H2?",
        d("2018-07-01"),
        d("2018-12-31"),
    )
    assert on_day.end.uncertain and on_day.status == "in force"
    now = item.state_as_of(NOW)
    assert (now.start.first, now.end.last, now.status) == (
        d("2013-12-17"),
        d("2018-12-18"),
        "superseded",
    )
    assert article.item("ndpg-2018").links_of("supersedes") == ("ndpg-2013",)


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


# id, as of NOW: (first, last), status
OUTCOMES = [
    ("abe-trump-summit", ("2017-02-10", "2017-02-10"), "completed"),
    ("ndpg-2013-approval", ("2013-12-17", "2013-12-17"), "approved"),
    ("mtdp-2014-approval", ("2013-12-17", "2013-12-17"), "approved"),
    ("ndpg-2013", ("2013-12-17", "2018-12-18"), "superseded"),
    ("ndpg-next-due", ("2018-07-01", "2018-12-31"), "met"),
    ("mtdp-2014", ("2014-04-01", "2019-03-31"), "completed"),
    ("mtdp-2019", ("2019-04-01", "2023-03-31"), "superseded"),
    ("amphib-brigade", ("2018-03-27", "2018-03-27"), "met"),
    ("bmd-debate", ("2017-02-01", "2017-12-19"), "completed"),
    ("aegis-ashore", ("2017-12-19", "2020-06-24"), "cancelled"),
    ("asev-decision", ("2020-12-18", "2020-12-18"), "approved"),
    ("osprey-saga", ("2025-07-09", "2025-07-09"), "completed"),
    ("osprey-17", ("2014-04-01", "2019-03-31"), "completed"),
    ("ldp-final-proposal", ("2018-05-01", "2018-05-31"), "completed"),
]


@pytest.mark.parametrize(("item_id", "span", "status"), OUTCOMES)
def test_what_actually_happened_as_of_now(article, item_id, span, status):
    item = article.item(item_id)
    state = item.state_as_of(NOW)
    last = state.start if item.kind != "period" else state.end
    assert (state.start.first, last.last, state.status) == (d(span[0]), d(span[1]), status)


def test_refined_days_arrive_after_the_article_not_on_its_day(article):
    summit = article.item("abe-trump-summit")
    assert summit.state_as_of(ARTICLE_DAY).start.text == "2017-02"
    assert summit.state_as_of(date(2017, 2, 20)).start.text == "2017-02-10"


def test_aegis_ashore_is_suspended_before_it_is_scrapped(article):
    item = article.item("aegis-ashore")
    assert item.reported == d("2017-12-19")
    assert item.base.end.text == "FY2023" and item.base.status == "approved"
    suspended = item.state_as_of(d("2020-06-20"))
    assert suspended.status == "approved" and "suspended" in suspended.title
    assert article.item("asev-decision").links_of("supersedes") == ("aegis-ashore",)


def test_frame_on_the_article_day_shows_what_the_article_said(article):
    df = timeline_frame(article, ARTICLE_DAY).set_index("id")
    assert df.at["mtdp-2014", "dates_text"] == "FY2014 – FY2018"
    assert df.at["mtdp-2019", "start"] == pd.Timestamp("2019-04-01")
    assert df.at["mtdp-2019", "end"] == pd.Timestamp("2024-03-31")
    assert df.at["mtdp-2019", "status"] == "planned"
    assert df.at["ndpg-next-due", "dates_text"] == "2018-H2?"
    assert bool(df.at["ndpg-next-due", "uncertain"])
    assert df.at["ndpg-next-due", "deadline_state"] == "open"
    assert df.at["ldp-proposal-due", "deadline_state"] == "open"
    assert df.at["abe-trump-summit", "dates_text"] == "2017-02"
    assert df.at["ldp-study", "start"] == pd.Timestamp("2017-02-03")
    assert df.at["amphib-brigade", "dates_text"] == "2018"
    assert df.at["osprey-17", "quantities"] == "17 Osprey tilt-rotor aircraft"
    assert df.at["ndpg-2013", "dates_text"] == "2013 – 2018-H2?"
    assert bool(df.at["bmd-debate", "open_ended"])


def test_frame_now_shows_plan_against_outcome(article):
    df = timeline_frame(article, NOW).set_index("id")
    assert (
        df.at["abe-trump-summit", "dates_text"],
        df.at["abe-trump-summit", "planned_dates_text"],
    ) == (
        "2017-02-10",
        "2017-02",
    )
    # 2017-02 made precise as 2017-02-10: a refinement, not a revision of the plan
    assert not df.at["abe-trump-summit", "revised"]
    assert df.at["abe-trump-summit", "change"] == "now falls on 2017-02-10, date made precise"
    assert df.at["ndpg-2013", "status"] == "superseded"
    assert df.at["ndpg-2013", "end"] == pd.Timestamp("2018-12-18")
    assert df.at["ndpg-next-due", "deadline_state"] == "met"
    assert df.at["amphib-brigade", "planned_dates_text"] == "2018"
    assert df.at["mtdp-2019", "dates_text"] == "FY2019 – FY2022"
    assert df.at["mtdp-2019", "planned_end"] == pd.Timestamp("2024-03-31")
    assert df.at["aegis-ashore", "status"] == "cancelled"
    assert df.at["osprey-saga", "planned_dates_text"] == "FY2019"


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


def test_the_by_june_target_keeps_its_status_and_points_to_its_outcomes(article):
    due = article.item("ldp-proposal-due")
    assert {s.status for s in due.states} == {"planned"}  # neither met nor missed is claimed
    assert due.links_of("depends_on") == ("ldp-study",)
    outcomes = {it.id for it in article.items if "ldp-proposal-due" in it.links_of("informs")}
    assert outcomes == {"ldp-bmd-proposal", "ldp-interim-report", "ldp-final-proposal"}
    final = article.item("ldp-final-proposal").base.start
    assert (final.text, final.precision) == ("2018-05", "month")  # "late May 2018", day unconfirmed


def test_programs_implement_the_guidelines_they_follow(article):
    assert article.item("mtdp-2014").links_of("implements") == ("ndpg-2013",)
    assert article.item("mtdp-2019").links_of("implements") == ("ndpg-2018",)
    assert article.item("dbp-2023").links_of("supersedes") == ("mtdp-2019",)
    assert article.item("amphib-brigade").links_of("implements") == ("ndpg-2013",)
