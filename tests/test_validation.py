"""Every validation check: exact message, field and line:col, for small inline YAML files."""

from __future__ import annotations

from defense_timeline.timeline import loader
from defense_timeline.timeline.dates import EXPECTED

from tests.timeline_yaml import HEAD, ITEMS, doc, period, problems


def test_the_minimal_document_is_valid():
    timeline = loader.loads(doc(period()), "t.yaml")
    assert [it.id for it in timeline.items] == ["a"]
    assert timeline.warnings == ()


def test_not_a_date_matches_the_readme_example():
    text = doc(period("  end: 2018-H3\n"))
    assert problems(text) == [
        f't.yaml:{ITEMS + 7}:8: items[a].end: "2018-H3" is not a date ({EXPECTED})'
    ]


def test_impossible_day():
    text = doc(period("  end: 2017-02-30\n"))
    assert problems(text) == [
        f't.yaml:{ITEMS + 7}:8: items[a].end: "2017-02-30" is not a real day '
        "(February 2017 has 28 days)"
    ]


def test_unknown_field_with_did_you_mean_and_the_missing_field():
    text = doc(
        """\
        - id: a
          titel: A
          kind: event
          lane: guidelines
          status: planned
          date: 2017-06
          sources: [jt]
        """
    )
    assert problems(text) == [
        f't.yaml:{ITEMS}:3: items[a]: missing required field "title"',
        f't.yaml:{ITEMS + 1}:3: items[a].titel: unknown field "titel" (did you mean "title"?)',
    ]


def test_unknown_field_without_a_near_miss_lists_the_fields():
    head = HEAD.replace("    label: Guidelines\n", "    label: Guidelines\n    zzz: 1\n")
    assert problems(doc(period(), head)) == [
        't.yaml:12:5: lanes[guidelines].zzz: unknown field "zzz" '
        "(expected one of: id, label, color, order, calendar)"
    ]


def test_wrong_types():
    text = doc(period("  tags: a\n").replace("title: A", "title: [a, b]"))
    assert problems(text) == [
        f"t.yaml:{ITEMS + 1}:10: items[a].title: expected text, got a list",
        f"t.yaml:{ITEMS + 7}:9: items[a].tags: expected a list, got text",
    ]


def test_a_number_where_text_is_expected_suggests_quotes():
    text = doc(period().replace("title: A", "title: 1984"))
    assert problems(text) == [
        f"t.yaml:{ITEMS + 1}:10: items[a].title: expected text, got a number "
        "(put it in quotes to keep it as text)"
    ]


def test_missing_top_level_field_points_at_the_first_key():
    text = "# yaml-language-server: $schema=timeline.schema.json\n" + doc(period()).replace(
        "title: Test timeline\n", ""
    )
    assert problems(text) == ['t.yaml:2:1: missing required field "title"']


def test_empty_required_text():
    text = doc(period().replace("title: A", 'title: ""'))
    assert problems(text) == [f"t.yaml:{ITEMS + 1}:10: items[a].title: must not be empty"]


def test_duplicate_item_id_says_where_the_first_was():
    text = doc(period() + period())
    assert problems(text) == [
        f't.yaml:{ITEMS + 7}:7: items[a].id: duplicate item id "a" (first at line {ITEMS})'
    ]


def test_duplicate_source_and_lane_ids():
    head = HEAD.replace(
        "lanes:\n",
        "  - id: jt\n    title: Again\nlanes:\n",
    ).replace("items:\n", "  - id: guidelines\n    label: Again\nitems:\n")
    assert problems(doc(period(), head)) == [
        't.yaml:9:9: sources[jt].id: duplicate source id "jt" (first at line 5)',
        't.yaml:14:9: lanes[guidelines].id: duplicate lane id "guidelines" (first at line 12)',
    ]


def test_end_before_start():
    text = doc(period("  end: 2017-01\n"))
    assert problems(text) == [
        f"t.yaml:{ITEMS + 7}:8: items[a].end: end 2017-01 is before start 2017-06"
    ]


def test_end_in_the_same_month_as_start_is_fine():
    timeline = loader.loads(doc(period("  end: 2017-06-30\n")), "t.yaml")
    assert timeline.items[0].base.end.text == "2017-06-30"


def test_unknown_lane_source_and_item_with_did_you_mean():
    text = doc(
        period("  depends_on: [ldp-stdy]\n").replace("lane: guidelines", "lane: guideline")
        + period(item_id="ldp-study").replace("[jt]", "[jtt]")
    )
    assert problems(text) == [
        f't.yaml:{ITEMS + 3}:9: items[a].lane: unknown lane "guideline" '
        '(did you mean "guidelines"?)',
        f't.yaml:{ITEMS + 7}:16: items[a].depends_on[0]: unknown item "ldp-stdy" '
        '(did you mean "ldp-study"?)',
        f't.yaml:{ITEMS + 14}:13: items[ldp-study].sources[0]: unknown source "jtt" '
        '(did you mean "jt"?)',
    ]


def test_unknown_source_in_a_quoted_citation():
    text = doc(period().replace("[jt]", '[{id: jt2, quote: "x"}]'))
    assert problems(text) == [
        f't.yaml:{ITEMS + 6}:18: items[a].sources[0].id: unknown source "jt2" (did you mean "jt"?)'
    ]


def test_dependency_cycle():
    text = doc(period("  depends_on: [b]\n") + period("  depends_on: [a]\n", item_id="b"))
    assert problems(text) == [
        f"t.yaml:{ITEMS + 7}:15: items[a].depends_on: dependency cycle: a -> b -> a"
    ]


def test_supersedes_cycle_of_three():
    text = doc(
        period("  supersedes: [b]\n")
        + period("  supersedes: [c]\n", item_id="b")
        + period("  supersedes: [a]\n", item_id="c")
    )
    assert problems(text) == [
        f"t.yaml:{ITEMS + 7}:15: items[a].supersedes: supersedes cycle: a -> b -> c -> a"
    ]


def test_self_link():
    text = doc(period("  informs: [a]\n"))
    assert problems(text) == [f't.yaml:{ITEMS + 7}:13: items[a].informs[0]: "a" links to itself']


def test_updates_out_of_date_order():
    text = doc(
        period(
            """\
              updates:
                - as_of: 2018-01-01
                  sources: [jt]
                  status: approved
                - as_of: 2017-06-01
                  sources: [jt]
            """
        )
    )
    assert problems(text) == [
        f"t.yaml:{ITEMS + 11}:14: items[a].updates[1].as_of: updates out of date order: "
        "2017-06-01 is before the previous update (2018-01-01)"
    ]


def test_update_before_the_item_was_reported():
    text = doc(period("  updates:\n    - {as_of: 2016-12-01, sources: [jt], status: approved}\n"))
    assert problems(text) == [
        f"t.yaml:{ITEMS + 8}:15: items[a].updates[0].as_of: update dated 2016-12-01 is before "
        "the item was reported (2017-02-19)"
    ]


def test_status_and_kind_must_be_allowed():
    text = doc(period().replace("status: planned", "status: aproved"))
    text += doc(period(item_id="b").replace("kind: period", "kind: perod"), head="")
    assert problems(text) == [
        f't.yaml:{ITEMS + 4}:11: items[a].status: unknown status "aproved" '
        '(did you mean "approved"?)',
        f't.yaml:{ITEMS + 9}:9: items[b].kind: unknown kind "perod" (did you mean "period"?)',
    ]


def test_status_far_off_lists_the_statuses():
    text = doc(period().replace("status: planned", "status: rumoured"))
    assert problems(text) == [
        f't.yaml:{ITEMS + 4}:11: items[a].status: unknown status "rumoured" (expected one of: '
        "approved, in force, planned, proposed, under study, completed, met, missed, "
        "superseded, cancelled)"
    ]


def test_period_with_a_date_says_what_to_use():
    text = doc(period().replace("start: 2017-06", "date: 2017-06"))
    assert problems(text) == [
        f't.yaml:{ITEMS}:3: items[a]: missing required field "start"',
        f't.yaml:{ITEMS + 5}:3: items[a].date: a period spans time: use "start" with "end" or '
        '"duration", not "date"',
    ]


def test_point_item_with_start_end_and_duration():
    text = doc(period("  end: 2018\n  duration: 5y\n").replace("kind: period", "kind: event"))
    assert problems(text) == [
        f't.yaml:{ITEMS}:3: items[a]: missing required field "date"',
        f't.yaml:{ITEMS + 5}:3: items[a].start: an event has a single date: use "date", '
        'not "start"',
        f't.yaml:{ITEMS + 7}:3: items[a].end: an event has a single date: use "date", not "end"',
        f't.yaml:{ITEMS + 8}:3: items[a].duration: an event has a single date: use "date", '
        'not "duration"',
    ]


def test_update_of_a_deadline_cannot_set_start():
    text = doc(
        period("  updates:\n    - {as_of: 2017-03-01, sources: [jt], start: 2018}\n")
        .replace("kind: period", "kind: deadline")
        .replace("start: 2017-06", "date: 2017-06")
    )
    assert problems(text) == [
        f"t.yaml:{ITEMS + 8}:42: items[a].updates[0].start: a deadline has a single date: "
        'use "date", not "start"'
    ]


def test_both_end_and_duration():
    text = doc(period("  end: 2018\n  duration: 5y\n"))
    assert problems(text) == [
        f't.yaml:{ITEMS + 8}:3: items[a].duration: give "end" or "duration", not both'
    ]


def test_bad_duration():
    text = doc(period("  duration: 5 years\n"))
    assert problems(text) == [
        f't.yaml:{ITEMS + 7}:13: items[a].duration: "5 years" is not a duration (expected a '
        "whole number of years, months, weeks or days: 5y, 18m, 6w, 30d, optionally ~ for about)"
    ]


def test_url_must_be_http():
    head = HEAD.replace("https://www.japantimes.co.jp/", "javascript:alert(1)")
    assert problems(doc(period(), head)) == [
        "t.yaml:8:10: sources[jt].url: url must start with http:// or https://"
    ]


def test_color_must_be_rrggbb():
    head = HEAD.replace("    label: Guidelines\n", "    label: Guidelines\n    color: blue\n")
    assert problems(doc(period(), head)) == [
        't.yaml:12:12: lanes[guidelines].color: expected a colour #rrggbb, got "blue"'
    ]


def test_lane_order_must_be_a_whole_number():
    head = HEAD.replace("    label: Guidelines\n", "    label: Guidelines\n    order: first\n")
    assert problems(doc(period(), head)) == [
        "t.yaml:12:12: lanes[guidelines].order: expected a whole number, got text"
    ]


def test_as_of_must_be_an_exact_day():
    head = HEAD.replace("as_of: 2017-02-19", "as_of: 2017-02?")
    assert problems(doc(period(), head)) == [
        't.yaml:2:8: as_of: expected an exact day YYYY-MM-DD, got "2017-02?"'
    ]


def test_no_lanes():
    head = HEAD.replace("lanes:\n  - id: guidelines\n    label: Guidelines\n", "lanes: []\n")
    assert problems(doc(period(), head)) == [
        "t.yaml:9:8: lanes: add at least one lane",
        't.yaml:14:9: items[a].lane: unknown lane "guidelines"',
    ]


def test_id_with_spaces_is_named_by_index():
    text = doc(period(item_id='"a b"'))
    assert problems(text) == [
        f't.yaml:{ITEMS}:7: items[0].id: an id may only hold letters, digits, "-", "_" and ".", '
        'got "a b"'
    ]


def test_fiscal_year_without_a_calendar():
    head = HEAD.replace("calendar: JP\n", "")
    text = doc(period().replace("start: 2017-06", "start: FY2014"), head)
    assert problems(text) == [
        f't.yaml:{ITEMS + 4}:10: items[a].start: "FY2014" is a fiscal year but no calendar is '
        'set (add calendar: JP, US, UK, AU or {start: "MM-DD", named_by: start|end})'
    ]


def test_unknown_calendar_preset():
    head = HEAD.replace("calendar: JP", "calendar: JPP")
    assert problems(doc(period(), head)) == [
        't.yaml:3:11: calendar: unknown calendar "JPP" (did you mean "JP"? expected JP, US, UK, '
        'AU or {start: "MM-DD", named_by: start|end})'
    ]


def test_custom_calendar_with_a_misspelt_key():
    head = HEAD.replace("calendar: JP", 'calendar: {start: "07-01", nameed_by: end}')
    assert problems(doc(period(), head)) == [
        't.yaml:3:11: calendar: missing required field "named_by"',
        't.yaml:3:28: calendar.nameed_by: unknown field "nameed_by" (did you mean "named_by"?)',
    ]


def test_quantity_count_must_be_a_number():
    text = doc(period("  quantities: [{count: many, what: Osprey}]\n"))
    assert problems(text) == [
        f"t.yaml:{ITEMS + 7}:24: items[a].quantities[0].count: expected a number, got text"
    ]


def test_update_of_a_period_cannot_set_date():
    text = doc(period("  updates:\n    - {as_of: 2017-03-01, sources: [jt], date: 2018}\n"))
    assert problems(text) == [
        f't.yaml:{ITEMS + 8}:42: items[a].updates[0].date: a period spans time: use "start" '
        'with "end" or "duration", not "date"'
    ]


def test_duplicate_field_in_a_mapping():
    text = doc(period("  title: B\n"))
    assert problems(text) == [
        f't.yaml:{ITEMS + 7}:3: items[a].title: duplicate field "title" (first at line {ITEMS + 1})'
    ]


def test_top_level_must_be_a_mapping():
    assert problems("- a\n- b\n") == [
        "t.yaml:1:1: expected a mapping of timeline fields (title, as_of, ...), got a list"
    ]
    assert problems("just some words\n") == [
        "t.yaml:1:1: expected a mapping of timeline fields (title, as_of, ...), got text"
    ]


def test_an_item_must_be_a_mapping():
    assert problems(doc("- just a title\n")) == [
        f"t.yaml:{ITEMS}:3: items[0]: expected a mapping of item fields, got text"
    ]


def test_no_source_cited_is_a_warning_and_strict_makes_it_an_error():
    text = doc(
        period("  updates:\n    - {as_of: 2017-03-01, status: approved}\n").replace(
            "  sources: [jt]\n", ""
        )
    )
    timeline = loader.loads(text, "t.yaml")
    assert [str(w) for w in timeline.warnings] == [
        f"t.yaml:{ITEMS}:3: warning: items[a]: no source cited",
        f"t.yaml:{ITEMS + 7}:7: warning: items[a].updates[0]: no source cited",
    ]
    assert problems(text, strict=True) == [
        f"t.yaml:{ITEMS}:3: items[a]: no source cited",
        f"t.yaml:{ITEMS + 7}:7: items[a].updates[0]: no source cited",
    ]


def test_warnings_are_listed_with_errors_when_the_file_is_invalid():
    text = doc(period("  end: 2017-01\n").replace("  sources: [jt]\n", ""))
    assert problems(text) == [
        f"t.yaml:{ITEMS}:3: warning: items[a]: no source cited",
        f"t.yaml:{ITEMS + 6}:8: items[a].end: end 2017-01 is before start 2017-06",
    ]


def test_every_problem_is_reported_sorted_by_line():
    head = HEAD.replace("as_of: 2017-02-19", "as_of: 2017-13-01")
    text = doc(
        period("  end: 2017-01\n")
        + period(item_id="b").replace("lane: guidelines", "lane: nowhere")
        + period(item_id="c").replace("start: 2017-06", "start: 2017-Q5"),
        head,
    )
    found = problems(text)
    assert [line.split(": ", 2)[0] for line in found] == [
        "t.yaml:2:8",
        f"t.yaml:{ITEMS + 7}:8",
        f"t.yaml:{ITEMS + 11}:9",
        f"t.yaml:{ITEMS + 20}:10",
    ]
    assert found[0] == f't.yaml:2:8: as_of: "2017-13-01" has no month 13 ({EXPECTED})'
