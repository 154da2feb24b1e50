"""Validation edge cases: YAML syntax, odd keys and ids, non-ASCII columns, error resilience."""

from __future__ import annotations

import pytest
from defense_timeline.timeline import loader, yamlread
from defense_timeline.timeline.dates import EXPECTED

from tests.timeline_yaml import HEAD, HOSTILE, ITEMS, doc, period, problems


def test_columns_count_characters_not_bytes():
    line = "  - {id: guidelines, label: 日本語の指針, color: blue}"
    head = HEAD.replace("  - id: guidelines\n    label: Guidelines\n", line + "\n")
    assert problems(doc(period(), head)) == [
        't.yaml:10:44: lanes[guidelines].color: expected a colour #rrggbb, got "blue"'
    ]


def test_an_id_that_is_a_list_is_a_wrong_type_not_a_crash():
    text = doc(period().replace("- id: a", "- id: [a]"))
    assert problems(text) == [f"t.yaml:{ITEMS}:7: items[0].id: expected an id (text), got a list"]


def test_odd_field_names_are_quoted_on_one_line():
    head = HEAD.replace("    label: Guidelines\n", '    label: Guidelines\n    "my\\nkey": 1\n')
    assert problems(doc(period(), head)) == [
        't.yaml:12:5: lanes[guidelines]["my\\nkey"]: unknown field "my\\nkey" '
        "(expected one of: id, label, color, order, calendar)"
    ]


def test_update_dates_are_checked_even_when_the_base_statement_is_wrong():
    text = doc(
        period("updates:\n  - {as_of: 2017-03-01, sources: [jt], end: 2017-13}").replace(
            "start: 2017-06", "start: 2017-00"
        )
    )
    assert problems(text) == [
        f't.yaml:{ITEMS + 5}:10: items[a].start: "2017-00" has no month 0 ({EXPECTED})',
        f't.yaml:{ITEMS + 8}:47: items[a].updates[0].end: "2017-13" has no month 13 ({EXPECTED})',
    ]


def test_many_misspelt_references_in_a_big_file_are_reported_in_bounded_work(tmp_path):
    """benchmarks/hostile.py times this one; the did-you-mean search stops at 1,000 problems."""
    entry = HOSTILE["4,000 misspelt references"]
    found = entry.refuse(entry.make(tmp_path))
    assert found[0] == (
        f't.yaml:{ITEMS + 7}:16: items[item-0].depends_on[0]: unknown item "item-0x" '
        '(did you mean "item-0"?)'
    )
    assert found[999].endswith('unknown item "item-999x"')  # suggestions stop once over budget
    assert found[1000:] == ["t.yaml: 3,000 more problems (only the first 1,000 are listed)"]


def test_custom_calendar_errors_are_reported_once_each():
    head = HEAD.replace("calendar: JP", 'calendar: {start: "02-30", named_by: end, x: 1}')
    assert problems(doc(period(), head)) == [
        't.yaml:3:19: calendar.start: calendar start "02-30" is not a day of the year '
        '(expected "MM-DD")',
        't.yaml:3:43: calendar.x: unknown field "x" (expected one of: start, named_by)',
    ]


def test_yaml_syntax_error_has_libyamls_line_and_column():
    assert problems("title: x\n bad: 1\n") == [
        "t.yaml:2:5: YAML syntax error: mapping values are not allowed in this context"
    ]


def test_unclosed_bracket_names_where_it_opened():
    assert problems("title: x\ntags: [a, b\nlanes: 1\n") == [
        "t.yaml:3:6: YAML syntax error: did not find expected ',' or ']' "
        "(while parsing a flow sequence at line 2)"
    ]


TRAP = doc(period("  updates:\n    - {as_of: 2017-03-01, sources: [jt], end: 2018-H2?}\n"))


def test_the_question_mark_trap_gets_a_hint_with_the_python_parser(monkeypatch):
    monkeypatch.setattr(yamlread, "USE_LIBYAML", False)
    assert problems(TRAP) == [
        f"t.yaml:{ITEMS + 8}:54: YAML syntax error: expected ',' or '}}', but got '?' "
        '(quote dates that end in "?" inside [ ] or { }, e.g. "2018-H2?")'
    ]


def test_libyaml_reads_the_trap_as_the_date_that_was_meant():
    timeline = loader.loads(TRAP, "t.yaml")
    assert timeline.items[0].states[1].end.text == "2018-H2?"


def test_the_pure_python_parser_locates_problems_the_same_way(monkeypatch):
    text = doc(period("end: 2018-H3\n") + period(item_id="a"))
    with_libyaml = problems(text)
    monkeypatch.setattr(yamlread, "USE_LIBYAML", False)
    assert problems(text) == with_libyaml and len(with_libyaml) == 2


# Found by tests/test_fuzz.py ---------------------------------------------------------------


def test_an_item_without_a_lane_is_missing_a_required_field():
    text = doc("- {id: x, title: X, kind: event, status: planned, date: 2017-01}\n")
    assert problems(text) == [
        f't.yaml:{ITEMS}:3: items[x]: missing required field "lane"',
        f"t.yaml:{ITEMS}:3: warning: items[x]: no source cited",
    ]


@pytest.mark.parametrize("later", ["end: 2018", "duration: 5y", "duration: 30d"])
def test_updates_after_one_with_a_wrong_start_are_still_checked(later):
    text = doc(
        period(
            f"""\
            updates:
              - {{as_of: 2017-03-01, sources: [jt], start: 2017-13}}
              - {{as_of: 2017-04-01, sources: [jt], {later}}}
              - {{as_of: 2017-05-01, sources: [jt], end: 2016}}
            """
        )
    )
    assert problems(text) == [
        f't.yaml:{ITEMS + 8}:49: items[a].updates[0].start: "2017-13" has no month 13 ({EXPECTED})',
        f"t.yaml:{ITEMS + 10}:47: items[a].updates[2].end: end 2016 is before start 2017-06",
    ]
