"""The yaml-rs fast path reads exactly what the libyaml path reads, and is taken for plain files."""

from __future__ import annotations

import random

import pytest
from defense_timeline.errors import DefenseTimelineError, InvalidTimeline
from defense_timeline.paths import bundled_timelines_dir
from defense_timeline.timeline import loader, yamlread
from defense_timeline.timeline.locate import item_lines, item_lines_in_text

from benchmarks.generate import generate
from tests.test_fuzz import Mutator, corpus

BUNDLED = sorted(bundled_timelines_dir().glob("*.yaml"))


def _outcome(text: str, max_bytes: int | None = None):
    """What loading a text gives: the timeline, or the exact problems, or the error."""
    limit = {"max_bytes": max_bytes} if max_bytes else {}
    try:
        return loader.loads(text, name="t.yaml", **limit)
    except InvalidTimeline as exc:
        return [str(p) for p in exc.problems]
    except DefenseTimelineError as exc:
        return f"{type(exc).__name__}: {exc}"


def _slow(monkeypatch, text: str):
    with monkeypatch.context() as m:
        m.setattr(yamlread, "fast_load", lambda _text: None)
        return _outcome(text)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_files_take_the_fast_path_and_read_the_same(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    slow = _slow(monkeypatch, text)
    with monkeypatch.context() as m:
        m.setattr(yamlread, "compose", lambda _text: pytest.fail("took the libyaml path"))
        fast = _outcome(text)
    assert fast == slow and [i.line for i in fast.items] == [i.line for i in slow.items]


def test_a_generated_file_reads_the_same_both_ways(monkeypatch):
    text = generate(300, seed=5)
    assert yamlread.fast_load(text) is not None
    assert _outcome(text) == _slow(monkeypatch, text)


def test_mutated_files_read_the_same_both_ways(monkeypatch):
    rng = random.Random(31)
    texts, mutator = corpus(), Mutator(rng)
    fast_taken = 0
    for _ in range(600):
        text = mutator.mutate(rng.choice(texts))
        fast = _outcome(text)
        fast_taken += yamlread.fast_load(text) is not None
        assert fast == _slow(monkeypatch, text), text
    assert fast_taken > 50  # the comparison covered files that yaml-rs read


SCALARS = (
    "2017-02-19", "2017-02-19T10:00:00", "yes", "no", "on", "0o17", "0x1F", "017", "+1",
    "1_000", ".inf", "-.inf", "1e3", "1.", ".5", "~", "null", "Null", "TRUE", "True", "12:30",
    "'2017'", "2017", "", "!!str 5", "!foo x", "&x [1]", "FY2019", "2018-H2?", "~2017", "-1",
    "0b101", "1.0e+3", "99999999999999999999999", "[1_000, 2]", "{a: 0b1}", "\"a\\tb\"",
)  # fmt: skip


@pytest.mark.parametrize("value", SCALARS)
def test_yaml_rs_reads_a_value_as_libyaml_does_or_declines(value):
    text = f"a: {value}\nb: [x, {value}]\n"
    fast = yamlread.fast_load(text)
    if fast is None:
        return
    builder = yamlread.Builder()
    assert fast == builder.build(yamlread.compose(text)) and not builder.problems


@pytest.mark.parametrize(
    "text",
    ["a: 1\na: 2\n", "--- \na: 1\n---\nb: 2\n", "? [1]\n: 2\n", "a: |\n  x\n  y"]
    + ["a: !!binary aA==\n", "a: 1_000\n", "a: [0b1]\n", "a: &x 1\nb: *x\n"],
)
def test_what_the_two_might_read_differently_takes_the_libyaml_path(text):
    assert yamlread.fast_load(text) is None


ITEMS = """\
title: T
items:
  # a comment
  - id: a
    sources:
      - x
    notes: |
      - not an item
  - {id: b}

  - id: c
lanes: []
"""


def test_item_lines_come_from_the_text():
    assert item_lines_in_text(ITEMS, 3) == [4, 9, 11]
    assert item_lines_in_text(ITEMS, 2) is None  # not what the data holds: ask the nodes
    assert item_lines_in_text("items: [{id: a}]\n", 1) is None
    assert item_lines_in_text("items:\n- id: a\n- id: b\n", 2) == [2, 3]


def test_without_yaml_rs_every_file_reads_through_libyaml(monkeypatch):
    text = BUNDLED[0].read_text(encoding="utf-8")
    with_rs = _outcome(text)
    monkeypatch.setattr(yamlread, "yaml_rs", None)
    assert yamlread.fast_load(text) is None
    assert _outcome(text) == with_rs


UNSAFE_PIECES = (
    "a: ", "- ", "  ", "\n", "!", "&x ", "*x", "? ", "?", "%", "---", "...", "0b1", "1_0", "_",
    "9", "x", ",", "[", "{", "]", "}", "#", "\t", ": ", "--", ".", "b", "0", "'", '"', "\r",
)  # fmt: skip


def test_the_line_by_line_unsafe_check_agrees_with_the_whole_text_search():
    rng = random.Random(7)
    texts = [t for t in corpus() if t.endswith("\n")]
    texts += ["".join(rng.choices(UNSAFE_PIECES, k=rng.randint(1, 40))) + "\n" for _ in range(5000)]
    mutator = Mutator(rng)
    texts += [mutator.mutate(rng.choice(texts[:20])) for _ in range(500)]
    found = {True: 0, False: 0}
    for text in texts:
        expected = yamlread._FAST_UNSAFE.search(text) is not None
        assert yamlread.fast_unsafe(text) is expected, repr(text)
        found[expected] += 1
    assert min(found.values()) > 200  # both answers were checked often


def test_the_bad_character_check_agrees_with_the_pattern_on_every_character():
    for code in range(0x110000):  # an ASCII text is checked in bytes, any other by the pattern
        text = "title: a" + chr(code)
        expected = yamlread._BAD_CHAR.search(text) is not None
        assert yamlread._has_bad_char(text) is expected, hex(code)
    assert yamlread._has_bad_char("a\x00b") and not yamlread._has_bad_char("a\tb\r\n")


def test_item_lines_from_the_text_are_the_lines_of_the_nodes():
    rng = random.Random(11)
    texts, mutator = corpus(), Mutator(rng)
    texts += [mutator.mutate(rng.choice(texts)) for _ in range(400)]
    texts += ["items:\n  - a\nlanes: []\n", "items: # c\n- a\n- b\n#x\n  - c\n", "items:\n"]
    compared = 0
    for text in texts:
        try:
            root = yamlread.compose(text)
        except DefenseTimelineError:
            continue
        from_nodes = item_lines(root) if root is not None else None
        if from_nodes is None:
            continue
        from_text = item_lines_in_text(text, len(from_nodes))
        assert from_text in (None, from_nodes), text
        compared += from_text is not None
    assert compared > 200
