"""Hostile files get one clear problem, in bounded memory and work (benchmarks/hostile.py times
the refusals; no test here reads a clock)."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from defense_timeline.errors import InvalidTimeline, UsageError
from defense_timeline.timeline import loader
from defense_timeline.timeline.model import SourceRef

from tests.timeline_yaml import BIG_FILE, HEAD, HOSTILE, ITEMS, doc, period


def refused(source: str | bytes | Path, **kwargs) -> list[str]:
    """The problem lines for an input the loader must refuse."""
    with pytest.raises(InvalidTimeline) as caught:
        if isinstance(source, Path):
            loader.load(source, **kwargs)
        else:
            loader.loads(source, "t.yaml", **kwargs)
    return [str(p) for p in caught.value.problems]


def hostile(name: str, folder: Path) -> list[str]:
    """The problem lines for one of the shared hostile inputs (tests/timeline_yaml.py)."""
    entry = HOSTILE[name]
    return entry.refuse(entry.make(folder))


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path):
    big = HOSTILE["file over the size limit"].make(tmp_path)
    tracemalloc.start()
    try:
        found = HOSTILE["file over the size limit"].refuse(big)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found == [
        f"{tmp_path / BIG_FILE}: file is 12.3 MB, over the 10 MB limit (raise it with --max-bytes)"
    ]
    assert peak < 1_000_000


def test_max_bytes_can_be_raised_or_lowered(tmp_path):
    small = tmp_path / "t.yaml"
    small.write_text(doc(period()), encoding="utf-8")
    assert loader.load(small, max_bytes=small.stat().st_size).items
    found = refused(small, max_bytes=200)
    size = small.stat().st_size
    assert found == [
        f"{small}: file is {size} bytes, over the 200 bytes limit (raise it with --max-bytes)"
    ]
    assert refused("x" * 2500, max_bytes=2000) == [
        "t.yaml: file is 2.5 kB, over the 2 kB limit (raise it with --max-bytes)"
    ]


@pytest.mark.parametrize("limit", [0, -5, loader.MAX_BYTES_CEILING + 1, 99999999999999999999999])
def test_a_size_limit_out_of_range_is_a_usage_error_not_an_overflow(tmp_path, limit):
    path = tmp_path / "t.yaml"
    path.write_text(doc(period()), encoding="utf-8")
    message = "max_bytes must be a whole number from 1 to 2000000000"
    with pytest.raises(UsageError, match=message):
        loader.load(path, max_bytes=limit)
    with pytest.raises(UsageError, match=message):
        loader.loads(doc(period()), max_bytes=limit)


def test_the_highest_size_limit_reads_a_file_whole(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(doc(period()), encoding="utf-8")
    assert loader.load(path, max_bytes=loader.MAX_BYTES_CEILING).items[0].id == "a"


def test_a_stream_longer_than_its_size_is_read_only_up_to_the_limit(tmp_path):
    found = hostile("endless stream", tmp_path)
    assert found == ["/dev/zero: file is over the 1 kB limit (raise it with --max-bytes)"]


def test_non_utf8_bytes_are_located(tmp_path):
    found = hostile("non-UTF-8 byte", tmp_path)
    assert found == ["t.yaml:2:11: byte 0xe9 is not UTF-8 text; save the file as UTF-8"]


def test_utf16_is_not_utf8():
    found = refused(doc(period()).encode("utf-16"))
    assert found == ["t.yaml:1:1: byte 0xff is not UTF-8 text; save the file as UTF-8"]


def test_nul_bytes_are_located(tmp_path):
    found = hostile("NUL byte", tmp_path)
    assert found == ["t.yaml:2:9: NUL byte: a timeline file is text, not binary data"]


def test_control_characters_are_located():
    found = refused("title: ok\nnotes: bell\x07\n")
    assert found == ["t.yaml:2:12: character U+0007 is not allowed in a YAML file"]


def test_a_lone_surrogate_in_a_text_is_located():
    found = refused("title: ok\nnotes: a\ud800b\n")
    assert found == ["t.yaml:2:9: character U+D800 is not allowed in a YAML file"]


def test_several_documents(tmp_path):
    found = hostile("several documents", tmp_path)
    assert found == ["t.yaml:20:1: several YAML documents in one file; a timeline file holds one"]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("!!python/object:os.system x", "!!python/object:os.system"),
        ("!!python/object/apply:os.system [echo hi]", "!!python/object/apply:os.system"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!set {a, b}", "!!set"),
        ("!local x", "!local"),
    ],
)
def test_language_specific_and_unknown_tags_are_refused(value, shown):
    found = refused(doc(period(f"notes: {value}")))
    assert found == [f't.yaml:20:10: items[a].notes: tag "{shown}" is not allowed']


def test_plain_core_tags_are_fine():
    item = loader.loads(doc(period("notes: !!str 2013\ntags: !!seq [a]"))).items[0]
    assert (item.base.notes, item.tags) == ("2013", ("a",))


def test_billion_laughs(tmp_path):
    found = hostile("billion laughs", tmp_path)
    # 28 distinct nodes (1 root, 9 keys, 10 for a, 1 list each for b..i) expand past 100x that
    assert found == ["t.yaml: YAML aliases expand to over 2,800 nodes"]


def test_an_alias_bomb_in_a_big_file_is_capped_at_a_million_nodes(tmp_path):
    found = hostile("alias bomb in a big file", tmp_path)
    assert found == ["t.yaml: YAML aliases expand to over 1,000,000 nodes"]


def test_aliases_that_share_a_few_values_are_fine():
    shared = period().replace("[jt]", "&cited [jt]")
    text = doc(shared + period(item_id="b").replace("[jt]", "*cited"))
    assert loader.loads(text).items[1].base.sources == (SourceRef("jt"),)


def test_an_alias_inside_its_own_anchor(tmp_path):
    found = hostile("alias inside its own anchor", tmp_path)
    assert found == ["t.yaml:1:8: a YAML alias refers to a node that contains it"]


def test_deep_flow_nesting_is_refused_by_libyaml(tmp_path):
    found = hostile("deep flow nesting", tmp_path)
    assert found == ["t.yaml:1:1007: nesting deeper than 100 levels"]  # libyaml stops at 1000


def test_nesting_libyaml_accepts_is_still_bounded(tmp_path):
    found = hostile("deep block nesting", tmp_path)
    assert found == ["t.yaml:101:201: nesting deeper than 100 levels"]


def test_deep_nesting_with_the_python_parser(tmp_path):
    found = hostile("deep nesting, Python parser", tmp_path)
    assert found == ["t.yaml: nesting deeper than 100 levels"]


def test_a_huge_mapping_of_unknown_fields(tmp_path):
    found = hostile("200,000 unknown fields", tmp_path)
    assert len(found) == 1001  # the first thousand, then a count: the work stays bounded
    assert found[0] == (
        't.yaml:1:1: k0: unknown field "k0" (expected one of: title, description, as_of, calendar, '
        "sources, lanes, items)"
    )
    assert found[-1] == "t.yaml: 199,004 more problems (only the first 1,000 are listed)"


def test_a_huge_mapping_of_duplicate_keys(tmp_path):
    found = hostile("200,000 duplicate fields", tmp_path)
    assert len(found) == 1002
    first = ITEMS + 7
    assert found[0] == (
        f't.yaml:{first + 1}:1: notes: duplicate field "notes" (first at line {first})'
    )
    assert found[-1] == "t.yaml: 198,999 more problems"


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n", b""])
def test_an_empty_file(text):
    found = refused(text)
    assert found == ["t.yaml: the file is empty"]


def test_top_level_scalar():
    assert refused("42\n") == [
        "t.yaml:1:1: expected a mapping of timeline fields (title, as_of, ...), got a number"
    ]


def test_keys_that_are_lists_or_mappings():
    found = refused(doc(period(), HEAD.replace("as_of:", "? [a, b]\n: 1\nas_of:")))
    assert found == ["t.yaml:2:3: a field name must be text, not a list or mapping"]


def test_problems_inside_a_mapping_with_a_list_key_are_noted_once():
    text = "b: {c: 1, c: 2}\n? [a]\n: 1\n"
    found = refused(text)
    assert found.count('t.yaml:1:11: b.c: duplicate field "c" (first at line 1)') == 1
    assert found.count("t.yaml:2:3: a field name must be text, not a list or mapping") == 1
