"""The loader's happy path: the model it builds, what values mean, files, GC and warnings."""

from __future__ import annotations

import gc
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from defense_timeline.errors import InvalidTimeline
from defense_timeline.timeline import loader, yamlread
from defense_timeline.timeline.dates import PRESETS
from defense_timeline.timeline.model import Link, Quantity, SourceRef

from tests.data import DATA, ROOT
from tests.timeline_yaml import HEAD, ITEMS, README_EXAMPLE, doc, period


@pytest.fixture(scope="module")
def example():
    return loader.loads(README_EXAMPLE, "japan.yaml")


def test_timeline_fields(example):
    assert example.title == "Japan's defence planning as reported on 2017-02-19"
    assert example.as_of == date(2017, 2, 19)
    assert example.calendar == PRESETS["JP"]
    assert example.path == "japan.yaml"
    assert example.warnings == ()
    assert list(example.sources) == ["jt-2017-02-19", "mod-guidelines"]
    assert example.sources["mod-guidelines"].date.first == date(2018, 12, 18)
    assert example.sources["jt-2017-02-19"].kind == "news report"


def test_lanes_follow_their_order(example):
    assert [(lane.id, lane.order, lane.color) for lane in example.lanes] == [
        ("guidelines", 1, "#0072B2"),
        ("ldp", 2, None),
    ]


def test_base_statement_and_updates_are_cumulative(example):
    base, first, second = example.item("ndpg-2013").states
    assert (base.as_of, base.status, base.start.text) == (None, "approved", "2013-12-17")
    assert (base.end.text, base.end.last, base.end.approximate) == (
        "~10y",
        date(2024, 12, 16),  # about ten years: the end widened by a year each side
        True,
    )
    assert base.quantities == (Quantity(17, "Osprey tilt-rotor aircraft"),)
    assert base.sources == (
        SourceRef("jt-2017-02-19", "Abe's Cabinet approved the guidelines in 2013."),
    )
    assert (first.as_of, first.status, first.end.text) == (date(2017, 2, 19), "planned", "2018-H2?")
    assert (first.end.first, first.end.last, first.end.uncertain) == (
        date(2018, 7, 1),
        date(2018, 12, 31),
        True,
    )
    assert first.start is base.start and first.quantities == base.quantities
    assert first.notes == "To be replaced about five years early."
    assert (second.status, second.end.last, second.notes) == (
        "superseded",
        date(2018, 12, 18),
        first.notes,
    )
    assert second.sources == (SourceRef("mod-guidelines"),)


def test_item_fields(example):
    item = example.item("ndpg-2013")
    assert (item.kind, item.lane, item.calendar, item.tags) == (
        "period",
        "guidelines",
        PRESETS["JP"],
        ("guidelines",),
    )
    assert item.reported == date(2017, 2, 19)
    assert item.line == 26


def test_point_item_has_its_date_as_start_and_end(example):
    item = example.item("ldp-proposal-due")
    state = item.base
    assert state.start is state.end
    assert (state.start.first, state.start.last) == (date(2017, 6, 1), date(2017, 6, 30))
    assert item.links == (Link("depends_on", "ndpg-2013"), Link("informs", "ndpg-2013"))
    assert item.line == 48


def _one_item(extra: str, head: str = HEAD, **replacements: str):
    text = doc(period(extra), head)
    for old, new in replacements.items():
        text = text.replace(old, new)
    return loader.loads(text, "t.yaml").items[0]


def test_open_ended_period_has_no_end():
    assert _one_item("").base.end is None


def test_duration_counts_from_the_first_day_of_a_fiscal_start():
    item = _one_item("duration: 5y", **{"start: 2017-06": "start: FY2014"})
    assert (item.base.start.first, item.base.end.last) == (date(2014, 4, 1), date(2019, 3, 31))


def test_update_end_replaces_duration_and_the_other_way_round():
    item = _one_item(
        """\
        duration: 2y
        updates:
          - {as_of: 2017-03-01, sources: [jt], end: 2017-12}
          - {as_of: 2017-04-01, sources: [jt], duration: 6m}
          - {as_of: 2017-05-01, sources: [jt], start: 2018-01}
        """
    )
    ends = [state.end.last for state in item.states]
    assert ends == [date(2019, 5, 31), date(2017, 12, 31), date(2017, 11, 30), date(2018, 6, 30)]
    assert [state.start.text for state in item.states] == ["2017-06"] * 3 + ["2018-01"]


def test_calendar_comes_from_the_item_then_the_lane_then_the_timeline():
    head = HEAD.replace("    label: Guidelines\n", "    label: Guidelines\n    calendar: US\n")
    on_lane = _one_item("", head, **{"start: 2017-06": "start: FY2019"})
    assert on_lane.calendar == PRESETS["US"]
    assert on_lane.base.start.first == date(2018, 10, 1)
    own = _one_item("calendar: {start: '07-01', named_by: end}", head, **{"2017-06": "FY2019"})
    assert (own.calendar.start_month, own.calendar.named_by) == (7, "end")
    assert own.base.start.first == date(2018, 7, 1)
    plain = _one_item("", **{"start: 2017-06": "start: FY2019"})
    assert plain.calendar == PRESETS["JP"] and plain.base.start.first == date(2019, 4, 1)


def test_reported_explicit_or_the_earliest_dated_source_of_the_base_statement():
    more = "  - {id: old, title: Old, date: 2016-Q3}\n  - {id: nd, title: Undated}\n"
    head = HEAD.replace("lanes:\n", more + "lanes:\n")
    explicit = _one_item("reported: 2016-06", head)
    assert explicit.reported == date(2016, 6, 1)
    earliest = _one_item("", head, **{"sources: [jt]": "sources: [jt, old]"})
    assert earliest.reported == date(2016, 7, 1)
    update = "updates: [{as_of: 2016-01-01, sources: [jt]}]"
    undated = _one_item(update, head, **{"[jt]\n": "[nd]\n"})
    assert undated.reported is None


def test_unquoted_values_mean_exactly_what_was_written():
    item = _one_item(
        "notes: 2017-02-03\ntags: [no, yes, on, off]",
        **{"start: 2017-06": "start: 2013", "title: A": 'title: "2013"'},
    )
    assert item.base.notes == "2017-02-03"
    assert item.tags == ("no", "yes", "on", "off")
    assert item.base.title == "2013"
    assert item.base.start.text == "2013" and item.base.start.last == date(2013, 12, 31)


def test_numbers_and_booleans_follow_yaml_1_2():
    builder = yamlread.Builder()
    text = "a: [true, False, ~, null, '', 12, -3, 0x1F, 0o17, 1.5, .inf, 2017-02-03, yes, 1_000]\n"
    values = builder.build(yamlread.compose(text))["a"]
    assert values[:11] == [True, False, None, None, "", 12, -3, 31, 15, 1.5, float("inf")]
    assert values[11:] == ["2017-02-03", "yes", "1_000"]
    assert builder.fatal == [] and builder.problems == []


def test_the_c_loader_is_used_and_leaves_dates_as_text():
    assert issubclass(yamlread.FastLoader, yaml.CSafeLoader) == yaml.__with_libyaml__
    node = yamlread.FastLoader("2017-02-03").get_single_node()
    assert node.tag == "tag:yaml.org,2002:str"


def test_load_from_a_path_keeps_the_path_as_given(tmp_path, monkeypatch):
    (tmp_path / "t.yaml").write_text(doc(period()), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert loader.load(Path("t.yaml")).path == "t.yaml"
    assert loader.load(str(tmp_path / "t.yaml")).path == str(tmp_path / "t.yaml")


def test_loads_takes_bytes_with_a_byte_order_mark_and_a_default_name():
    timeline = loader.loads(b"\xef\xbb\xbf" + doc(period()).encode())
    assert timeline.path == "<string>" and timeline.items[0].id == "a"


def test_a_missing_file_is_one_clear_problem(tmp_path):
    missing = tmp_path / "nope.yaml"
    with pytest.raises(InvalidTimeline) as caught:
        loader.load(missing)
    assert str(caught.value) == f"{missing}: cannot read the file: No such file or directory"
    with pytest.raises(InvalidTimeline) as caught:
        loader.load(tmp_path)
    assert str(caught.value) == f"{tmp_path}: cannot read the file: Is a directory"


def test_warnings_stay_on_the_timeline():
    timeline = loader.loads(doc(period().replace("  sources: [jt]\n", "")), "t.yaml")
    (warning,) = timeline.warnings
    assert (warning.line, warning.col, warning.severity) == (ITEMS, 3, "warning")
    assert warning.message == "no source cited"


def test_garbage_collection_is_restored():
    assert gc.isenabled()
    loader.loads(doc(period()))
    assert gc.isenabled()
    with pytest.raises(InvalidTimeline):
        loader.loads("title: [")
    assert gc.isenabled()
    gc.disable()
    try:
        loader.loads(doc(period()))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_loader_does_not_import_pandas():
    code = (
        "import sys, defense_timeline.timeline.loader, defense_timeline.timeline.json_schema;"
        "print('pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False", out.stderr


BUNDLED = sorted(DATA.glob("*.yaml"))


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_bundled_files_load_cleanly_and_point_at_the_schema(path):
    timeline = loader.load(path, strict=True)
    assert timeline.items and timeline.lanes
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=timeline.schema.json"


def test_the_pure_python_parser_builds_the_same_timeline(monkeypatch, example):
    monkeypatch.setattr(yamlread, "USE_LIBYAML", False)
    assert loader.loads(README_EXAMPLE, "japan.yaml") == example
