"""README "Writing a timeline" says what the code does: its date table, its vocabulary tables and
the starter file are checked against the date engine, the vocabulary and `new`."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from defense_timeline.timeline.dates import PRESETS, parse_date
from defense_timeline.timeline.starter import starter_text
from defense_timeline.vocabulary import KIND_SYNONYMS, STATES_BY_KIND, STATUS_SYNONYMS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## Writing a timeline", 1)[1].split("\n## ", 1)[0]


def rows(header: str) -> list[list[str]]:
    """The cells of the table whose header row starts with header."""
    table = SECTION.split(header, 1)[1].split("\n\n", 1)[0]
    return [
        [cell.strip().strip("`") for cell in line.strip("|").split("|")]
        for line in table.splitlines()[2:]
    ]


def test_the_date_table_gives_the_engines_intervals():
    found = rows("| form | example | interval |")
    assert len(found) >= 12
    for _, example, interval in found:
        spec = parse_date(example, PRESETS["JP"])
        days = spec.first.isoformat()
        if spec.last != spec.first:
            days += f" .. {spec.last.isoformat()}"
        assert interval.startswith(days + " ("), (example, interval)


def words(cell: str) -> set[str]:
    return {w.strip().strip("`") for w in cell.split(",")} - {"—"}


def test_the_vocabulary_tables_are_the_vocabulary():
    for header, table in (
        ("| kind | also read from |", KIND_SYNONYMS),
        ("| status | also read from |", STATUS_SYNONYMS),
    ):
        shown = {word: meant for meant, cell in rows(header) for word in words(cell)}
        assert shown == table
    states = {kind: tuple(words(cell)) for kind, cell in rows("| kind | states |")}
    assert {k: set(v) for k, v in states.items()} == {k: set(v) for k, v in STATES_BY_KIND.items()}


def test_the_starter_file_is_what_new_writes():
    block = re.search(r"```yaml\n(.*?)```", SECTION, re.S)[1]
    assert block == starter_text("JP", date(2026, 12, 1), "timeline.yaml")
