"""The command line: exit codes, exact output lines, stdout against stderr, no tracebacks."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import struct
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner
from defense_timeline import __version__
from defense_timeline.cli import build_view, click_option, command_options, main, option_values
from defense_timeline.errors import InvalidTimeline, UsageError
from defense_timeline.output.images import BROWSER_MISSING
from defense_timeline.timeline.loader import load
from defense_timeline.view.frame import FRAME_COLUMNS
from defense_timeline.view.options import OPTIONS, Option, option

from tests.data import DEFAULT_TIMELINE, ROOT

VALID = """\
title: CLI sample
as_of: 2017-02-19
calendar: JP
sources:
  - {id: s1, title: First report, date: 2017-02-19, url: "https://example.com/r"}
  - {id: s2, title: Later report, date: 2018-03-01}
lanes:
  - {id: plans, label: Plans}
  - {id: events, label: Events}
items:
  - id: plan-a
    title: Plan A
    kind: period
    lane: plans
    status: approved
    start: FY2014
    end: FY2018
    tags: [plan, five-year]
    sources: [s1]
  - id: open-plan
    title: Open plan
    kind: period
    lane: plans
    status: in force
    start: 2016-03
    sources: [s1]
  - id: review
    title: Review due
    kind: deadline
    lane: events
    status: planned
    date: 2017-06
    depends_on: [plan-a]
    sources: [s1]
  - id: later
    title: Reported later
    kind: event
    lane: events
    status: completed
    date: 2018-03-01
    sources: [s2]
"""

UNSOURCED = VALID.replace("    sources: [s2]\n", "")

INVALID = VALID.replace("status: approved", "status: approvd").replace(
    "end: FY2018", "end: 2018-H3"
)


@pytest.fixture()
def files(tmp_path):
    paths = {}
    for name, text in (("valid", VALID), ("unsourced", UNSOURCED), ("invalid", INVALID)):
        paths[name] = tmp_path / f"{name}.yaml"
        paths[name].write_text(text)
    return paths


def run(*args: object, env: dict | None = None):
    result = CliRunner().invoke(
        main, [str(a) for a in args], env=env, catch_exceptions=False, prog_name="defense-timeline"
    )
    assert "Traceback" not in result.output
    return result


# ---------------------------------------------------------------- validate


def test_validate_ok_goes_to_stdout_and_exits_0(files):
    result = run("validate", files["valid"])
    assert result.exit_code == 0
    assert result.stdout == f"{files['valid']}: ok (4 items)\n"
    assert result.stderr == ""


def test_validate_errors_one_per_line_on_stderr_and_exit_1(files):
    with pytest.raises(InvalidTimeline) as info:
        load(files["invalid"])
    expected = [str(p) for p in info.value.problems]
    assert len(expected) >= 2
    result = run("validate", files["invalid"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == expected
    assert any(":" in line and "2018-H3" in line for line in expected)


def test_validate_warnings_pass_unless_strict(files):
    result = run("validate", files["unsourced"])
    assert result.exit_code == 0
    assert result.stdout == f"{files['unsourced']}: ok (4 items)\n"
    warnings = [str(p) for p in load(files["unsourced"]).warnings]
    assert warnings and result.stderr.splitlines() == warnings
    assert all("warning: " in line for line in warnings)

    strict = run("validate", "--strict", files["unsourced"])
    assert strict.exit_code == 1
    assert strict.stdout == ""
    assert strict.stderr.strip()


def test_validate_missing_file_and_mixed_results(files, tmp_path):
    missing = tmp_path / "nope.yaml"
    result = run("validate", files["valid"], missing)
    assert result.exit_code == 1
    assert result.stdout == f"{files['valid']}: ok (4 items)\n"
    assert result.stderr == f"{missing}: no such file\n"


def test_validate_max_bytes(files):
    result = run("validate", "--max-bytes", 100, files["valid"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert str(files["valid"]) in result.stderr


def test_validate_bundled_timeline():
    result = run("validate", DEFAULT_TIMELINE)
    assert result.exit_code == 0
    n = len(load(DEFAULT_TIMELINE).items)
    assert result.stdout == f"{DEFAULT_TIMELINE}: ok ({n} items)\n"


# ---------------------------------------------------------------- table


def test_table_csv_columns_dates_and_joined_tuples(files):
    result = run("table", files["valid"])
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == FRAME_COLUMNS
    by_id = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert set(by_id) == {"plan-a", "open-plan", "review"}  # "later" is not known yet
    plan = by_id["plan-a"]
    assert (plan["start"], plan["end"]) == ("2014-04-01", "2019-03-31")
    assert plan["tags"] == "plan;five-year"
    assert plan["uncertain"] == "false"
    assert by_id["open-plan"]["end"] == ""
    assert by_id["open-plan"]["open_ended"] == "true"
    assert by_id["review"]["depends_on"] == "plan-a"
    assert by_id["review"]["links"] == "depends_on:plan-a"


def test_table_csv_keeps_spreadsheet_formulas_inert(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text(
        VALID.replace("title: Plan A", "title: \"=HYPERLINK('http://x','y')\""),
        encoding="utf-8",
    )
    rows = list(csv.reader(io.StringIO(run("table", path).stdout)))
    by_id = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_id["plan-a"]["title"] == "'=HYPERLINK('http://x','y')"
    assert by_id["review"]["title"] == "Review due"
    as_json = json.loads(run("table", path, "--format", "json").stdout)
    assert as_json[0]["title"] == "=HYPERLINK('http://x','y')"  # JSON keeps the text as written


def test_table_json_nulls_lists_and_as_of(files):
    result = run("table", files["valid"], "--format", "json", "--as-of", "2018")
    assert result.exit_code == 0
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert set(rows) == {"plan-a", "open-plan", "review", "later"}  # known by 2018-12-31
    assert rows["open-plan"]["end"] is None
    assert rows["plan-a"]["tags"] == ["plan", "five-year"]
    assert rows["review"]["links"] == [{"kind": "depends_on", "target": "plan-a"}]
    assert rows["later"]["start"] == "2018-03-01"
    assert list(rows["plan-a"]) == list(FRAME_COLUMNS)


def test_table_as_of_before_a_report_hides_the_item(files):
    before = run("table", files["valid"], "--as-of", "2018-02-28")
    after = run("table", files["valid"], "--as-of", "2018-03")
    assert "later," not in before.stdout
    assert "\nlater," in after.stdout


def test_table_before_anything_was_known_is_just_the_header(files):
    result = run("table", files["valid"], "--as-of", "1990")
    assert result.exit_code == 0
    assert result.stdout == ",".join(FRAME_COLUMNS) + "\n"
    assert run("table", files["valid"], "--as-of", "1990", "--format", "json").stdout == "[]\n"


def test_table_filters_and_output_file(files, tmp_path):
    out = tmp_path / "t.json"
    result = run("table", files["valid"], "--lane", "plans", "--kind", "period", "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert [r["id"] for r in json.loads(out.read_text())] == ["plan-a", "open-plan"]
    window = run("table", files["valid"], "--format", "json", "--from", "2017-05", "--to", "2017")
    assert {r["id"] for r in json.loads(window.stdout)} == {"plan-a", "open-plan", "review"}
    search = run("table", files["valid"], "--format", "json", "--search", "REVIEW")
    assert [r["id"] for r in json.loads(search.stdout)] == ["review"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--as-of", "2017-13"), 'error: --as-of: "2017-13" has no month 13'),
        (("--lane", "nope"), "error: --lane: no lane 'nope' in this timeline (plans, events)"),
        (("--tag", "nope"), "error: --tag: no tag 'nope' in this timeline (five-year, plan)"),
        (("--from", "2019", "--to", "2018"), "error: --from 2019-01-01 is after --to 2018-12-31"),
        (("--kind", "war"), "error: Invalid value for '--kind': 'war' is not one of"),
    ],
)
def test_bad_option_values_are_one_line_and_exit_1(files, args, message):
    result = run("table", files["valid"], *args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(message)


def test_unknown_option_is_a_usage_error_exit_2(files):
    result = run("table", files["valid"], "--colour", "red")
    assert result.exit_code == 2
    assert "Error: No such option '--colour'" in result.stderr


def test_invalid_file_in_table_prints_problems_not_a_traceback(files):
    result = run("table", files["invalid"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [str(p) for p in _problems(files["invalid"])]


def _problems(path):
    with pytest.raises(InvalidTimeline) as info:
        load(path)
    return info.value.problems


# ---------------------------------------------------------------- export, schema, misc


def test_export_html_and_json_and_unknown_suffix(files, tmp_path):
    page, fig = tmp_path / "c.html", tmp_path / "c.json"
    result = run("export", files["valid"], "-o", page, "-o", fig, "--color-by", "status")
    assert result.exit_code == 0
    assert result.stdout == f"wrote {page}\nwrote {fig}\n"
    assert page.read_text().startswith("<!doctype html>")
    assert json.loads(fig.read_text())["data"]

    bad = run("export", files["valid"], "-o", tmp_path / "c.txt")
    assert bad.exit_code == 1
    assert bad.stderr.startswith(f"error: {tmp_path / 'c.txt'}: cannot tell the format")
    assert not (tmp_path / "c.txt").exists()


def test_export_without_browser_is_one_line_exit_1_and_writes_nothing(files, tmp_path):
    outdir = tmp_path / "out"
    outdir.mkdir()
    env = {"BROWSER_PATH": str(tmp_path / "missing-chromium")}
    result = run("export", files["valid"], "-o", outdir / "a.html", "-o", outdir / "a.png", env=env)
    assert result.exit_code == 1
    assert result.stderr == f"error: {BROWSER_MISSING}\n"
    assert result.stdout == ""
    assert os.listdir(outdir) == []


def test_export_refuses_a_directory(files, tmp_path):
    result = run("export", files["valid"], "-o", tmp_path, "--format", "html")
    assert result.exit_code == 1
    assert result.stderr == f"error: {tmp_path}: is a directory; give a file name to write\n"


@pytest.mark.browser
def test_export_png_from_the_command_line(files, tmp_path):
    out = tmp_path / "chart.png"
    result = run("export", files["valid"], "-o", out, "--width", 800, "--height", 450)
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (800, 450)


def test_missing_timeline_file(tmp_path):
    result = run("export", tmp_path / "none.yaml", "-o", tmp_path / "x.html")
    assert result.exit_code == 1
    assert result.stderr == f"{tmp_path / 'none.yaml'}: no such file\n"


def test_schema_is_json_on_stdout_or_to_a_file(tmp_path):
    from defense_timeline.timeline.json_schema import json_schema

    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()
    assert run("schema", "-o", tmp_path / "s.json").stdout == ""
    assert json.loads((tmp_path / "s.json").read_text()) == json_schema()


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"defense-timeline, version {__version__}\n"


def test_serve_hands_paths_host_and_port_to_the_dashboard(monkeypatch, tmp_path):
    import defense_timeline.dashboard

    calls = []

    class FakeApp:
        def run(self, **kwargs):
            calls.append(kwargs)

    def create_app(paths=None, **kwargs):
        calls.append(paths)
        calls.append(kwargs.get("store"))
        return FakeApp()

    monkeypatch.setattr(defense_timeline.dashboard, "create_app", create_app)
    monkeypatch.setenv("DEFENSE_TIMELINE_STORE", str(tmp_path / "env-store"))
    result = run("serve", DEFAULT_TIMELINE, "--port", 0)
    assert result.exit_code == 0
    server = {"host": "127.0.0.1", "port": 0, "debug": False}
    assert calls == [[DEFAULT_TIMELINE], tmp_path / "env-store", server]
    assert f"Uploads are kept in {tmp_path / 'env-store'}" in result.stderr
    calls.clear()
    assert run("serve", "--store", tmp_path / "kept", "--port", 0).exit_code == 0
    assert calls == [None, tmp_path / "kept", server]
    calls.clear()
    assert run("serve", "--no-store", "--port", 0).exit_code == 0
    assert calls == [None, None, server]
    missing = run("serve", tmp_path / "gone")
    assert missing.exit_code == 1
    assert missing.stderr == f"{tmp_path / 'gone'}: no such file or directory\n"


def test_keyboard_interrupt_is_clean(files, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("defense_timeline.timeline.loader.load", interrupted)
    result = run("table", files["valid"])
    assert result.exit_code == 1
    assert "Aborted!" in result.stderr


def test_console_script_entry_runs_as_python_dash_m(files):
    result = subprocess.run(
        [sys.executable, "-m", "defense_timeline", "validate", str(files["valid"])],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0
    assert result.stdout == f"{files['valid']}: ok (4 items)\n"


def test_an_image_height_too_small_for_the_chart_is_refused_before_rendering(tmp_path):
    out = tmp_path / "small.png"
    result = run("export", DEFAULT_TIMELINE, "-o", out, "--width", 800, "--height", 200)
    assert result.exit_code == 1
    assert result.output.startswith("error: a height of 200 px leaves no room for the chart")
    assert "use at least " in result.output and not out.exists()


# ---------------------------------------------------------------- options derived from OPTIONS


def _params(command: str) -> dict[str, click.Parameter]:
    return {p.name: p for p in main.commands[command].params}


@pytest.mark.parametrize("command", ["table", "export"])
def test_every_declared_option_is_an_option_of_its_commands(command):
    params = _params(command)
    for opt in OPTIONS:
        if not opt.flag or (opt.export_only and command == "table"):
            assert opt.name not in params
            continue
        param = params[opt.name]
        assert param.opts == [opt.flag]
        assert (param.help, param.metavar) == (opt.help, opt.metavar)
        assert param.multiple == (opt.kind in ("names", "choices"))
        if opt.choices:
            assert tuple(param.type.choices) == (opt.cli_choices or opt.choices)


def test_a_new_declared_option_becomes_a_flag_and_a_value(files):
    owners = Option(
        "owners", "names", default=(), flag="--owner", metavar="WHO", help="Only WHO.", noun="owner"
    )
    owners = dataclasses.replace(owners, offered=option("tags").offered)
    declared = (*OPTIONS, owners)
    assert command_options("table", declared)[-1] is owners
    param = click_option(owners)(lambda **_: None).__click_params__[0]
    assert (param.opts, param.name, param.multiple) == (["--owner"], "owners", True)
    timeline = load(files["valid"])
    assert option_values(timeline, {"owners": ("plan",)}, declared) == {"owners": ("plan",)}
    with pytest.raises(UsageError, match="--owner: no owner 'x' in this timeline"):
        option_values(timeline, {"owners": ("x",)}, declared)


def test_option_value_errors_are_usage_errors(files):
    timeline = load(files["valid"])
    for opts in ({"lanes": ("nope",)}, {"as_of": "2017-13"}):
        with pytest.raises(UsageError):
            build_view(timeline, opts)
    with pytest.raises(UsageError, match="^--from 2019-01-01 is after --to 2018-12-31$"):
        build_view(timeline, {"window_start": "2019", "window_end": "2018"})


def test_formats_and_the_size_limit_come_from_output_and_the_loader():
    from defense_timeline.output.render import FORMATS
    from defense_timeline.timeline.loader import DEFAULT_MAX_BYTES

    assert tuple(_params("export")["fmt"].type.choices) == FORMATS
    assert _params("validate")["max_bytes"].default == DEFAULT_MAX_BYTES


def test_importing_the_cli_stays_light():
    probe = (
        "import sys, defense_timeline.cli;"
        "heavy = ('pandas', 'plotly', 'dash', 'defense_timeline.output.render');"
        "print([m for m in heavy if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout == "[]\n"
