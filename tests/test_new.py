"""`defense-timeline new`: a commented starter timeline that validates, shows every field once
and never overwrites a file."""

from __future__ import annotations

import re
from datetime import date

import pytest
import yaml
from click.testing import CliRunner
from defense_timeline.cli import main
from defense_timeline.timeline import loader
from defense_timeline.timeline.fields import TABLES
from defense_timeline.timeline.starter import starter_text


def run(*args: object):
    result = CliRunner().invoke(main, [str(a) for a in args], prog_name="defense-timeline")
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("calendar", ["JP", "UK", "US", "AU"])
def test_the_starter_validates_strictly_in_every_calendar(calendar):
    tl = loader.loads(starter_text(calendar, date(2026, 1, 1)), "new.yaml", strict=True)
    assert tl.calendar.name == calendar and len(tl.items) == 5 and tl.warnings == ()


def keys(data: object, found: dict[str, int]) -> dict[str, int]:
    """How often each key is written anywhere in plain YAML data."""
    if isinstance(data, list):
        for entry in data:
            keys(entry, found)
    elif isinstance(data, dict):
        for key, value in data.items():
            found[key] = found.get(key, 0) + 1
            keys(value, found)
    return found


def test_the_starter_shows_every_field():
    written = keys(yaml.safe_load(starter_text()), {})
    every = {name for table in TABLES.values() for name in table}
    # start/named_by of a custom calendar are shown in a comment
    missing = every - set(written) - {"start", "named_by"}
    assert missing == set()
    assert re.search(r'\{start: "04-01", named_by: start\}', starter_text())


def test_new_writes_the_file_and_says_how_to_check_it(tmp_path):
    path = tmp_path / "mine.yaml"
    result = run("new", path, "--calendar", "uk")
    assert result.exit_code == 0
    assert result.output == f"wrote {path}; check it with: defense-timeline validate {path}\n"
    assert "calendar: UK" in path.read_text(encoding="utf-8")
    assert run("validate", "--strict", path).exit_code == 0


def test_new_never_overwrites(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("my work\n", encoding="utf-8")
    result = run("new", path)
    assert result.exit_code == 1
    assert result.output == f"error: {path}: already exists; not overwritten (give another FILE)\n"
    assert path.read_text(encoding="utf-8") == "my work\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.yaml"]


def test_new_defaults_to_timeline_yaml(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("new").exit_code == 0
    assert (tmp_path / "timeline.yaml").exists()
    assert run("new").exit_code == 1


def test_new_refuses_an_unknown_calendar_and_a_missing_folder(tmp_path):
    bad = run("new", tmp_path / "x.yaml", "--calendar", "XX")
    assert bad.exit_code == 1 and bad.output.startswith("error: Invalid value for '--calendar'")
    assert not (tmp_path / "x.yaml").exists()
    missing = run("new", tmp_path / "no" / "x.yaml")
    assert missing.exit_code == 1
    assert "no such directory" in missing.output
