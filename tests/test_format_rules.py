"""Issue 8's format rules, each with its exact message: optional status and accepted words,
done dates, partial as_of, undated sources, supersedes, every problem of an item at once, and a
citation with a wrong key."""

from __future__ import annotations

from datetime import date

import pytest
from defense_timeline.timeline import loader
from defense_timeline.timeline.dates import EXPECTED
from defense_timeline.vocabulary import KIND_SYNONYMS, KINDS, STATUS_SYNONYMS, STATUSES

from tests.timeline_yaml import ITEMS, doc, period, problems


def load(text: str, **kwargs):
    return loader.loads(text, "t.yaml", **kwargs)


def warnings(text: str) -> list[str]:
    return [str(p) for p in load(text).warnings]


def point(kind: str, extra: str = "", item_id: str = "d", when: str = "2017-06") -> str:
    """A point item with no status (5 lines + extra)."""
    return (
        f"- id: {item_id}\n  title: D\n  kind: {kind}\n  lane: guidelines\n  date: {when}\n"
        "  sources: [jt]\n" + "".join(f"  {line}\n" for line in extra.splitlines())
    )


# ---------------------------------------------------------------- status and kind words


def test_status_is_optional():
    tl = load(doc(point("event")))
    assert tl.warnings == () and tl.items[0].base.status == ""


@pytest.mark.parametrize(
    ("word", "meant"),
    [("published", "in force"), ("adopted", "approved"), ("delivered", "completed")],
)
def test_common_status_words_are_read_with_a_did_you_mean(word, meant):
    text = doc(period().replace("status: planned", f"status: {word}"))
    assert warnings(text) == [
        f't.yaml:{ITEMS + 4}:11: warning: items[a].status: unknown status "{word}" '
        f'(did you mean "{meant}"?): read as "{meant}"'
    ]
    assert load(text).items[0].base.status == meant
    with pytest.raises(loader.InvalidTimeline):
        load(text, strict=True)


def test_a_status_in_other_case_is_read_too():
    text = doc(period().replace("status: planned", "status: In Force"))
    assert load(text).items[0].base.status == "in force"


def test_kind_words_are_read_with_a_did_you_mean():
    text = doc(point("publication"))
    assert warnings(text) == [
        f't.yaml:{ITEMS + 2}:9: warning: items[d].kind: unknown kind "publication" '
        '(did you mean "event"?): read as "event"'
    ]
    assert load(text).items[0].kind == "event"


def test_an_unknown_status_is_still_an_error():
    text = doc(period().replace("status: planned", "status: rumoured"))
    assert problems(text) == [
        f't.yaml:{ITEMS + 4}:11: items[a].status: unknown status "rumoured" (expected one of: '
        + ", ".join(STATUSES)
        + ")"
    ]


def test_the_vocabulary_table_maps_only_to_real_words():
    assert set(STATUS_SYNONYMS.values()) <= set(STATUSES)
    assert set(KIND_SYNONYMS.values()) <= set(KINDS)
    assert not set(STATUS_SYNONYMS) & set(STATUSES) and not set(KIND_SYNONYMS) & set(KINDS)


# ---------------------------------------------------------------- dates in files


def test_qualifiers_after_dates_load_and_widen():
    text = doc(period("end: 2028~\n").replace("start: 2017-06", "start: 2017-06-18?"))
    item = load(text).items[0]
    assert item.base.start.uncertain and item.base.end.approximate
    assert (item.base.end.first, item.base.end.last) == (date(2027, 1, 1), date(2029, 12, 31))


def test_a_date_error_in_a_file_suggests_the_fix():
    text = doc(period("end: 2024-25\n"))
    assert problems(text) == [
        f't.yaml:{ITEMS + 7}:8: items[a].end: "2024-25" has no month 25: '
        f'did you mean "FY2024-25"? ({EXPECTED})'
    ]


# ---------------------------------------------------------------- as_of of updates


def test_a_partial_as_of_counts_from_its_last_day():
    text = doc(period("updates:\n  - {as_of: 2017-02, end: 2018, sources: [jt]}\n"))
    state = load(text).items[0].states[1]
    assert (state.as_of, state.as_of_text) == (date(2017, 2, 28), "2017-02")


def test_a_fiscal_as_of_counts_from_the_last_day_of_the_fiscal_year():
    text = doc(period("updates:\n  - {as_of: FY2017, end: 2018, sources: [jt]}\n"))
    assert load(text).items[0].states[1].as_of == date(2018, 3, 31)


def test_a_bad_as_of_lists_the_forms():
    text = doc(period("updates:\n  - {as_of: Feb 2017, end: 2018, sources: [jt]}\n"))
    assert problems(text) == [
        f't.yaml:{ITEMS + 8}:15: items[a].updates[0].as_of: "Feb 2017" is not a date: '
        f'did you mean "2017-02"? ({EXPECTED})'
    ]


# ---------------------------------------------------------------- done


def test_done_on_a_deadline_and_in_an_update():
    text = doc(
        point("deadline", "done: 2017-07-10")
        + point("milestone", "updates:\n  - {as_of: 2018, done: 2018-03, sources: [jt]}", "m")
    )
    deadline, milestone = load(text).items
    assert deadline.base.done.text == "2017-07-10"
    assert milestone.base.done is None and milestone.states[1].done.text == "2018-03"


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (
            period("done: 2018\n"),
            '"done" records when a deadline or milestone was met; a period ends with "end"',
        ),
        (
            point("event", "done: 2018"),
            '"done" records when a deadline or milestone was met; its date is when it happened',
        ),
    ],
)
def test_done_only_on_deadlines_and_milestones(item, message):
    line = ITEMS + (7 if "period" in item else 6)
    found = problems(doc(item))
    assert found == [
        f"t.yaml:{line}:3: items[{found[0].split('[')[1].split(']')[0]}].done: {message}"
    ]


def test_a_bad_done_date_is_located():
    assert problems(doc(point("deadline", "done: 2017-13"))) == [
        f't.yaml:{ITEMS + 6}:9: items[d].done: "2017-13" has no month 13 ({EXPECTED})'
    ]


# ---------------------------------------------------------------- undated sources

UNDATED_HEAD = """\
title: Test timeline
as_of: 2017-02-19
calendar: JP
sources:
  - id: jt
    title: Japan Times report
  - id: mod
    title: Ministry page
    date: 2017-01
lanes:
  - id: guidelines
    label: Guidelines
items:
"""


def test_a_source_without_a_date_names_the_items_that_depend_on_it():
    text = doc(
        period() + period(item_id="b") + point("event").replace("[jt]", "[jt, mod]"), UNDATED_HEAD
    )
    message = (
        't.yaml:5:9: warning: sources[jt].id: source "jt" has no date, so the report date of '
        'items "a", "b" is unknown: they show in every view, marked "report date unknown" '
        "(add the source's date, or `reported:` to the items)"
    )
    assert warnings(text) == [message]
    with pytest.raises(loader.InvalidTimeline) as caught:
        load(text, strict=True)
    assert [str(p) for p in caught.value.problems] == [message.replace("warning: ", "")]


def test_an_item_with_a_reported_date_does_not_depend_on_its_undated_source():
    text = doc(period("reported: 2016\n"), UNDATED_HEAD)
    assert warnings(text) == []


def test_items_of_an_undated_source_show_in_every_view_marked():
    from defense_timeline.view.frame import timeline_frame

    tl = load(doc(period(), UNDATED_HEAD))
    df = timeline_frame(tl, as_of=date(1900, 1, 1))
    assert df["id"].tolist() == ["a"] and df["report_date_unknown"].tolist() == [True]


# ---------------------------------------------------------------- supersedes


def test_a_successor_that_starts_before_a_stated_end_is_a_warning():
    text = doc(period("end: 2020\n") + period("supersedes: [a]\n", "b").replace("2017-06", "2019"))
    assert warnings(text) == [
        f't.yaml:{ITEMS}:3: warning: items[a]: ends 2020 but "b", which supersedes it, starts 2019'
    ]


def test_a_successor_that_starts_before_the_old_item_is_a_warning():
    text = doc(period() + period("supersedes: [a]\n", "b").replace("2017-06", "2016"))
    assert warnings(text) == [
        f't.yaml:{ITEMS}:3: warning: items[a]: starts 2017-06 but "b", which supersedes it, '
        "starts 2016"
    ]


def test_a_successor_after_an_open_end_is_no_warning():
    text = doc(period() + period("supersedes: [a]\n", "b").replace("2017-06", "2019"))
    assert warnings(text) == []


# ---------------------------------------------------------------- every problem at once


def test_a_bad_status_does_not_hide_an_end_before_start():
    text = doc(period("end: 2016\n").replace("status: planned", "status: rumoured"))
    found = problems(text)
    assert len(found) == 2
    assert found[0].startswith(f"t.yaml:{ITEMS + 4}:11: items[a].status: unknown status")
    assert found[1] == f"t.yaml:{ITEMS + 7}:8: items[a].end: end 2016 is before start 2017-06"


def test_an_unknown_kind_does_not_hide_a_bad_date():
    text = doc(period("end: 2016\n").replace("kind: period", "kind: war"))
    found = problems(text)
    assert found[1:] == [f"t.yaml:{ITEMS + 7}:8: items[a].end: end 2016 is before start 2017-06"]


def test_a_bad_title_does_not_hide_a_bad_update():
    text = doc(
        period("updates:\n  - {as_of: 2017-03, end: 2017-13, sources: [jt]}\n").replace(
            "title: A", "title: 12"
        )
    )
    assert len(problems(text)) == 2


# ---------------------------------------------------------------- citing with a wrong key


def test_a_citation_with_a_wrong_key_gets_a_did_you_mean_and_no_second_warning():
    text = doc(period().replace("  sources: [jt]\n", "  sources:\n    - source: jt\n"))
    assert problems(text) == [
        f't.yaml:{ITEMS + 7}:7: items[a].sources[0].source: unknown field "source" '
        '(did you mean "id"? write "- id: jt" or just "- jt")'
    ]


def test_a_misspelt_sources_key_gets_no_no_source_warning():
    text = doc(period().replace("  sources: [jt]\n", "  source: [jt]\n"))
    assert problems(text) == [
        f't.yaml:{ITEMS + 6}:3: items[a].source: unknown field "source" (did you mean "sources"?)'
    ]


def test_no_sources_at_all_still_warns():
    text = doc(period().replace("  sources: [jt]\n", ""))
    assert warnings(text) == [f"t.yaml:{ITEMS}:3: warning: items[a]: no source cited"]
