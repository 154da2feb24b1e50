"""Plainly written items are built without the per-field checks (timeline.plain); what loading
gives must not change: the same Timeline, or the same problems with the same lines and words."""

from __future__ import annotations

import copy
import random

import pytest
from defense_timeline.paths import bundled_timelines_dir
from defense_timeline.timeline import plain
from defense_timeline.timeline.loader import loads
from defense_timeline.timeline.validate import validate
from defense_timeline.vocabulary import KINDS, STATUSES

from benchmarks.generate import generate
from tests.test_fuzz import Mutator, corpus
from tests.test_yamlread_fast import _outcome as outcome

BUNDLED = sorted(bundled_timelines_dir().glob("*.yaml"))


def _outcome(text: str):
    """What loading a text gives: the timeline, or the exact problems, or the error."""
    return outcome(text, max_bytes=50_000_000)


def _per_field(monkeypatch, text: str):
    """The outcome with every item left to the per-field checks."""
    with monkeypatch.context() as m:
        m.setattr(plain.PlainItems, "item", lambda self, raw, i, line: None)
        return _outcome(text)


class _Count:
    """Counts the items built plainly and the items left to the per-field checks."""

    def __init__(self, monkeypatch) -> None:
        self.built = self.left = 0
        original = plain.PlainItems.item

        def counted(builder, raw, i, line):
            item = original(builder, raw, i, line)
            self.built += item is not None
            self.left += item is None
            return item

        monkeypatch.setattr(plain.PlainItems, "item", counted)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_files_load_the_same_with_plain_items(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    assert _outcome(text) == _per_field(monkeypatch, text)


@pytest.mark.parametrize("n, seed", [(300, 1), (2000, 2), (5000, 3)])
def test_generated_files_load_the_same_and_most_items_are_plain(n, seed, monkeypatch):
    text = generate(n, seed=seed)
    slow = _per_field(monkeypatch, text)
    count = _Count(monkeypatch)
    fast = _outcome(text)
    assert fast == slow and [i.line for i in fast.items] == [i.line for i in slow.items]
    assert count.built > 0.9 * n and count.left > 0  # both kinds of item were compared


def test_mutated_files_load_the_same_with_plain_items(monkeypatch):
    rng = random.Random(47)
    texts, mutator = corpus(), Mutator(rng)
    count = _Count(monkeypatch)
    for _ in range(800):
        text = mutator.mutate(rng.choice(texts))
        fast = _outcome(text)
        with monkeypatch.context() as m:
            m.setattr(plain.PlainItems, "item", lambda self, raw, i, line: None)
            slow = _outcome(text)
        assert fast == slow, text
    assert count.built > 1000  # the comparison covered items built plainly


ODD_VALUES = (
    None, "", "  ", 0, 5, 2.5, float("nan"), float("inf"), 10**400, True, [], {}, ["x"],
    {"id": "src-000000"}, [None], [5], ["it-000000"], ["it-000003"], ["nope"], "nope", "2017-13",
    "2017-02-19", "FY2030", "2099?", "~2001", "0001-01-01", "9999-12-31", "5y", "~10y", "0y",
    "99999y", 20, "planned", "Planned", "superseded", "met", "period", "event", "milestone",
    "deadline", "lane-00", "lane-01", "lane-99", "it-000001", "bad id", "x" * 3,
    [{"id": "src-000001"}], [{"id": "src-000001", "quote": "q"}], [{"id": "src-000001", "q": 1}],
    [{"source": "src-000001"}], [{"id": "zzz"}], [{"count": 3, "what": "ships"}],
    [{"count": True, "what": "ships"}], [{"count": 3, "what": ""}], [{"count": 3}],
    [{"count": float("nan"), "what": "x"}], ["src-000002", "src-000002"], ["a", 1],
)  # fmt: skip
FIELDS = (
    "id", "title", "kind", "lane", "status", "start", "end", "duration", "date", "notes", "tags",
    "sources", "reported", "quantities", "depends_on", "informs", "implements", "supersedes",
    "calendar", "done", "updates", "unknown", "sorces",
)  # fmt: skip


def test_every_field_of_an_item_set_to_odd_values_validates_the_same(monkeypatch):
    """Each field of generated items set to (or removed for) each odd value: the same Timeline
    or the same issues, field by field."""
    base = _data(generate(40, seed=9))
    shapes = (
        lambda it: "end" in it,
        lambda it: "duration" in it,
        lambda it: "date" in it and "reported" not in it,
        lambda it: "start" in it and not ({"end", "duration"} & it.keys()),
    )
    chosen = [next(i for i, it in enumerate(base["items"][2:], 2) if s(it)) for s in shapes]
    base["items"] = base["items"][: max(chosen) + 1]  # (links only go to earlier items)
    count = _Count(monkeypatch)
    for field in FIELDS:
        for value in (*ODD_VALUES, "<removed>"):
            for index in chosen:
                data = copy.deepcopy(base)
                item = data["items"][index]
                if value == "<removed>":
                    item.pop(field, None)
                else:
                    item[field] = copy.deepcopy(value)
                expected = _validated_per_field(monkeypatch, data)
                assert _validated(data) == expected, (field, value, index)
    assert count.built > 1000


def _data(text: str) -> dict:
    from defense_timeline.timeline import yamlread

    data = yamlread.fast_load(text)
    assert data is not None
    return data


def _validated(data: dict):
    timeline, issues = validate(copy.deepcopy(data), "t.yaml", list(range(len(data["items"]))))
    return timeline, [(i.path, i.message, i.severity, i.at_key, i.related) for i in issues]


def _validated_per_field(monkeypatch, data: dict):
    with monkeypatch.context() as m:
        m.setattr(plain.PlainItems, "item", lambda self, raw, i, line: None)
        return _validated(data)


UPDATE_FIELDS = (
    "as_of", "sources", "title", "status", "start", "end", "duration", "date", "done", "notes",
    "quantities", "unknown",
)  # fmt: skip


def test_every_field_of_an_update_set_to_odd_values_validates_the_same(monkeypatch):
    """Each field of the first and last update of a period's and of a point's updates set to
    (or removed for) each odd value: the same Timeline or the same issues."""
    base = _data(generate(40, seed=7))  # items 2 and 12: a period and an event, updated twice
    base["items"] = base["items"][:13]  # (links only go to earlier items)
    chosen = [
        next(
            i
            for i, it in enumerate(base["items"])
            if len(it.get("updates", ())) > 1 and (it["kind"] == "period") is period
        )
        for period in (True, False)
    ]
    count = _Count(monkeypatch)
    for field in UPDATE_FIELDS:
        for value in (*ODD_VALUES, "2024-06-30", "2001-01", "<removed>"):
            for index in chosen:
                for which in (0, -1):
                    data = copy.deepcopy(base)
                    update = data["items"][index]["updates"][which]
                    if value == "<removed>":
                        update.pop(field, None)
                    else:
                        update[field] = copy.deepcopy(value)
                    expected = _validated_per_field(monkeypatch, data)
                    assert _validated(data) == expected, (field, value, index, which)
    assert count.built > 1000


def test_plain_items_share_one_string_per_kind_status_lane_and_source(monkeypatch):
    """The frame and the chart compare these by identity at scale: one string each, the
    vocabulary's, the lane's and the source's, not one copy per item as read."""
    built, original = [], plain.PlainItems.item

    def recorded(builder, raw, i, line):
        built.append(original(builder, raw, i, line))
        return built[-1]

    monkeypatch.setattr(plain.PlainItems, "item", recorded)
    timeline = loads(generate(300, seed=4))
    kinds, statuses = {k: k for k in KINDS}, {s: s for s in STATUSES}
    lanes = {lane.id: lane.id for lane in timeline.lanes}
    built = [item for item in built if item is not None]
    assert len(built) > 250
    for item in built:
        assert item.kind is kinds[item.kind] and item.lane is lanes[item.lane]
        for state in item.states:
            assert not state.status or state.status is statuses[state.status]
            assert all(ref.id is timeline.sources[ref.id].id for ref in state.sources)
