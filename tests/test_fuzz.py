"""A seeded fuzzer: mutated timeline files through load, the frame, the figure (every colouring,
axis, layout and page the view options declare), every export format and the command line. Any
exception other than a DefenseTimelineError is a crash; the command line must exit 0 or 1
without a traceback.

The default run is a few thousand cases (fast enough for every `pytest`), two dozen of them drawn
as PNG, SVG and PDF by Chromium; `make fuzz` runs 50,000 and 300 (FUZZ_CASES, FUZZ_IMAGE_CASES),
FUZZ_SEED picks another sequence.
"""

from __future__ import annotations

import base64
import os
import random
import signal
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from defense_timeline.chart.figure import build_figure
from defense_timeline.cli import main
from defense_timeline.dashboard import callbacks, timeline_picker
from defense_timeline.errors import DefenseTimelineError
from defense_timeline.output.images import IMAGE_FORMATS, image_session
from defense_timeline.output.plotlyjs import PARTIAL_TRACES
from defense_timeline.output.render import FORMATS, render
from defense_timeline.paths import bundled_timelines_dir
from defense_timeline.timeline import loader
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.frame import timeline_frame
from defense_timeline.view.options import OPTIONS, Filters, ViewOptions, option

from benchmarks.generate import generate
from tests.dashboard_support import GOOD, make_folder, query, served_of, texts
from tests.timeline_yaml import README_EXAMPLE, doc, period

DEFAULT_CASES = 3000
CASES = int(os.environ.get("FUZZ_CASES", DEFAULT_CASES))
SEED = int(os.environ.get("FUZZ_SEED", 12))
CASE_SECONDS = 10  # a generous limit for one case: only a hang fails on it
DRAWN = 0.15  # share of valid cases drawn (figure and renders); the rest stop at the frame
CLI_SHARE = 0.04  # share of cases also run through the command line
COLOR_BY = option("color_by").choices
RENDERED = tuple(f for f in FORMATS if f not in IMAGE_FORMATS)  # images: a browser test below
SLOW_FORMATS = ("pptx", "xlsx")  # a few hundred ms each: a share of the drawn cases
SLOW_SHARE = 0.25
IMAGE_CASES = int(os.environ.get("FUZZ_IMAGE_CASES", 24))  # drawn cases rendered by Chromium

POINT = """\
- id: p
  title: P
  kind: event
  lane: guidelines
  status: planned
  date: 2017-01
  sources: [jt]
  updates:
    - as_of: 2017-03-01
      sources: [jt]
      date: FY2018
"""
PERIOD_UPDATES = period(
    """\
    duration: 5y
    updates:
      - as_of: 2017-03-01
        sources: [jt]
        start: 2017-09
        end: 2019-H1
      - as_of: 2017-05-01
        sources: [jt]
        duration: ~30d
    """
)


def corpus() -> list[str]:
    """The texts mutated: the bundled files, the README's example, test documents, generated."""
    texts = [
        path.read_text(encoding="utf-8") for path in sorted(bundled_timelines_dir().glob("*.yaml"))
    ]
    texts += [README_EXAMPLE, doc(period()), doc(POINT), doc(PERIOD_UPDATES + POINT)]
    texts += [generate(n, seed=n) for n in (3, 12, 40)]
    return texts


EDGE_VALUES = (
    "0001-01-01",
    "0001-06-01",
    "9999-06-01",
    "9999-12-31",
    "0001",
    "9999",
    "9999-12",
    "9999-Q4",
    "0001-H1",
    "FY9999",
    "FY0001",
    "FY9998-99",
    "FY0001-02",
    "~9999?",
    "2017-13",
    "2017-02-30",
    "0000",
    "2017-Q5",
    "''",
    "",
    "~",
    "null",
    "true",
    "-1",
    "0",
    "1.5",
    "99999999999999999999999",
    "1e400",
    ".nan",
    "[]",
    "{}",
    "[a, b]",
    "{x: 1}",
    "5y",
    "30d",
    "999999y",
    "999999d",
    "~10y",
    "0y",
    "JP",
    "US",
    "{start: 02-29, named_by: end}",
    "{start: 12-31, named_by: end}",
    "planned",
    "period",
    "event",
    "deadline",
    "guidelines",
    "jt",
    "x" * 300,
    '"a\\u0000b"',
    "é\u202e",
    "&anchor x",
    "*anchor",
    "!!binary aGk=",
    "|\n  block",
)
KEYS = (
    "id",
    "title",
    "kind",
    "lane",
    "status",
    "date",
    "start",
    "end",
    "duration",
    "as_of",
    "reported",
    "calendar",
    "sources",
    "updates",
    "depends_on",
    "tags",
    "order",
    "color",
    "quantities",
    "unknown_key",
)


class Mutator:
    """Seeded line-level mutations of YAML text."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.ops: list[Callable[[list[str]], None]] = [
            self.delete,
            self.duplicate,
            self.swap,
            self.edge_value,
            self.edge_value,
            self.edge_value,
            self.add_key,
            self.drop_key,
            self.reindent,
            self.splice,
        ]

    def mutate(self, text: str) -> str:
        """text with one to four mutations."""
        lines = text.splitlines()
        for _ in range(self.rng.choice((1, 1, 2, 3, 4))):
            if not lines:
                break
            self.rng.choice(self.ops)(lines)
        return "\n".join(lines) + "\n"

    def _at(self, lines: list[str]) -> int:
        return self.rng.randrange(len(lines))

    def delete(self, lines: list[str]) -> None:
        del lines[self._at(lines)]

    def duplicate(self, lines: list[str]) -> None:
        i = self._at(lines)
        lines.insert(i, lines[i])

    def swap(self, lines: list[str]) -> None:
        i, j = self._at(lines), self._at(lines)
        lines[i], lines[j] = lines[j], lines[i]

    def edge_value(self, lines: list[str]) -> None:
        """A `key: value` line's value changed to an edge value."""
        keyed = [i for i, line in enumerate(lines) if ":" in line]
        if not keyed:
            return
        i = self.rng.choice(keyed)
        head = lines[i].split(":", 1)[0]
        lines[i] = f"{head}: {self.rng.choice(EDGE_VALUES)}"

    def add_key(self, lines: list[str]) -> None:
        """A key (known or not) with an edge value, at the indentation of a neighbour."""
        i = self._at(lines)
        line = lines[i]
        indent = line[: len(line) - len(line.lstrip(" -"))].replace("-", " ")
        lines.insert(i + 1, f"{indent}{self.rng.choice(KEYS)}: {self.rng.choice(EDGE_VALUES)}")

    def drop_key(self, lines: list[str]) -> None:
        """A required key removed, however it is written."""
        key = self.rng.choice(KEYS[:7])
        hits = [i for i, line in enumerate(lines) if line.lstrip(" -").startswith(f"{key}:")]
        if hits:
            i = self.rng.choice(hits)
            if lines[i].lstrip().startswith("- "):
                lines[i + 1 : i + 1] = []
                lines[i] = lines[i].replace(f"{key}:", "_dropped:", 1)
            else:
                del lines[i]

    def reindent(self, lines: list[str]) -> None:
        i = self._at(lines)
        lines[i] = self.rng.choice(("", " ", "    ")) + lines[i].lstrip(" ")

    def splice(self, lines: list[str]) -> None:
        """A run of lines copied elsewhere (a repeated item or update)."""
        i = self._at(lines)
        j = min(len(lines), i + self.rng.randrange(1, 12))
        lines[self._at(lines) : 0] = lines[i:j]


AS_OF = (None, date.min, date(1, 6, 1), date(2017, 2, 19), date(9999, 6, 1), date.max)


def random_view(rng: random.Random, timeline: Timeline | None = None) -> ViewOptions:
    """Any colouring, axis, layout, page and marks from the options' one declaration, as of and
    against edge dates, maybe windowed, zoomed, seen by one source or with lanes collapsed."""
    edge = rng.choice(AS_OF)
    filters = Filters()
    if rng.random() < 0.3:
        window = sorted((rng.choice(AS_OF[1:]), rng.choice(AS_OF[1:])))
        filters = Filters(window_start=window[0], window_end=window[1])
    choices = {o.name: rng.choice(o.choices) for o in OPTIONS if o.kind == "choice"}
    flags = {o.name: rng.random() < 0.5 for o in OPTIONS if o.kind == "flag"}
    zoom = sorted((rng.choice(AS_OF[1:]), rng.choice(AS_OF[1:]))) if rng.random() < 0.2 else ()
    sources = sorted(timeline.sources) if timeline else []
    lanes = [lane.id for lane in timeline.lanes] if timeline else []
    return ViewOptions(
        **{**flags, **choices},
        as_of=edge,
        baseline=rng.choice((None, edge, date.max, date.min)),
        filters=filters,
        source=rng.choice(sources) if sources and rng.random() < 0.2 else "",
        collapsed=tuple(rng.sample(lanes, rng.randint(0, len(lanes)))) if lanes else (),
        x_from=zoom[0] if zoom else None,
        x_to=zoom[1] if zoom else None,
        width=rng.choice((None, None, 320, 4000)),
        height=rng.choice((None, None, 200, 8000)),
    )


def test_the_fuzzed_views_cover_every_declared_choice_and_flag():
    rng = random.Random(SEED)
    timeline = loader.loads(README_EXAMPLE, "readme.yaml")
    views = [random_view(rng, timeline) for _ in range(400)]
    for opt in OPTIONS:
        if opt.kind in ("choice", "flag"):
            seen = {getattr(view, opt.name) for view in views}
            assert seen == (set(opt.choices) if opt.kind == "choice" else {True, False}), opt.name
    assert {view.source for view in views} == {"", *timeline.sources}
    assert any(view.collapsed for view in views) and any(view.x_from for view in views)


class CaseTimeout(Exception):
    """A case ran past CASE_SECONDS."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise CaseTimeout after seconds (SIGALRM); an outer timer (pytest-timeout's) resumes."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def expired(signum, frame):
        raise CaseTimeout(f"one case ran over {seconds} s")

    handler = signal.signal(signal.SIGALRM, expired)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, handler)
        if outer:  # what was left of the outer timer, less this case's time
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 1e-3))


def drive(text: str, rng: random.Random) -> None:
    """Everything a file goes through; a DefenseTimelineError is a clean refusal."""
    try:
        timeline = loader.loads(text, "fuzz.yaml")
    except DefenseTimelineError:
        return
    for as_of in AS_OF:
        try:
            timeline_frame(timeline, as_of, rng.choice((None, as_of, date.min, date.max)))
        except DefenseTimelineError:
            pass
    if rng.random() >= DRAWN:
        return
    view = random_view(rng, timeline)
    try:
        fig = build_figure(timeline, view)
        # the dashboard loads plotly.js's partial bundle alone: it must draw every figure
        assert {trace.type for trace in fig.data} <= PARTIAL_TRACES
        render(timeline, "html", view=view, fragment=True, fig=fig)
        for fmt in RENDERED:
            if fmt not in SLOW_FORMATS or rng.random() < SLOW_SHARE:
                render(timeline, fmt, view=view, fig=fig)
    except DefenseTimelineError:
        pass


CLI_DATES = ("0001-01-01", "9999-12-31", "0001", "9999", "FY9999", "FY0001", "2017-02-19")


def cli_args(rng: random.Random, path: Path, out: Path) -> list[str]:
    """A random validate, table or export command line over path."""
    command = rng.choice(("validate", "table", "export"))
    if command == "validate":
        size = rng.choice(("1", "100", "10000000", "99999999999999999999999", "-5"))
        return ["validate", str(path), "--max-bytes", size]
    args = [command, str(path)]
    for flag in ("--as-of", "--baseline", "--from", "--to"):
        if rng.random() < 0.4:
            args += [flag, rng.choice(CLI_DATES)]
    if command == "table":
        return args + ["--format", "json"]
    args += ["--color-by", rng.choice(COLOR_BY), "-o", str(out)]
    return args + (["--fiscal-axis"] if rng.random() < 0.5 else [])


def run_cli(text: str, rng: random.Random, folder: Path) -> None:
    """One command line over text: exit 0 or 1, never a traceback."""
    path, out = folder / "fuzz.yaml", folder / "out.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    args = cli_args(rng, path, out)
    result = CliRunner().invoke(main, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        detail = "".join(traceback.format_exception(result.exception))
        raise AssertionError(f"{args}: {detail}")
    assert result.exit_code in (0, 1), (args, result.exit_code, result.output)
    assert "Traceback" not in result.output, (args, result.output)


def warm_up() -> None:
    """Import every renderer's libraries once, so the first case's time limit is not spent
    loading python-pptx or openpyxl."""
    timeline = loader.loads(README_EXAMPLE, "readme.yaml")
    for fmt in RENDERED:
        render(timeline, fmt)


def fuzz(cases: int, seed: int, folder: Path) -> list[str]:
    """Run cases mutated texts; the crashes, each with its input and traceback."""
    rng = random.Random(seed)
    texts = corpus()
    mutator = Mutator(rng)
    crashes = []
    warm_up()
    for n in range(cases):
        text = mutator.mutate(rng.choice(texts))
        try:
            with time_limit(CASE_SECONDS):
                drive(text, rng)
                if rng.random() < CLI_SHARE:
                    run_cli(text, rng, folder)
        except Exception:  # noqa: BLE001 - a crash is what the fuzzer is looking for
            crashes.append(f"case {n} (seed {seed}):\n{text}\n{traceback.format_exc()}")
    return crashes


@pytest.mark.timeout(max(180, CASES // 10))
def test_mutated_files_never_crash(tmp_path):
    crashes = fuzz(CASES, SEED, tmp_path)
    shown = "\n\n".join(crashes[:3])
    assert not crashes, f"{len(crashes)} of {CASES} cases crashed; the first:\n\n{shown}"


def drawable_cases(count: int, seed: int) -> Iterator[tuple[int, Timeline, ViewOptions]]:
    """Mutated files that load, each with a random view: the cases an image is made of."""
    rng = random.Random(seed)
    texts, mutator, n = corpus(), Mutator(rng), 0
    while count:
        n += 1
        assert n < 100 * IMAGE_CASES + 1000, "hardly any mutated file loads: the mutator broke"
        try:
            timeline = loader.loads(mutator.mutate(rng.choice(texts)), "fuzz.yaml")
        except DefenseTimelineError:
            continue
        count -= 1
        yield n, timeline, random_view(rng, timeline)


@pytest.mark.browser
def test_mutated_files_render_as_images_in_chromium():
    """PNG, SVG and PDF of fuzzed files and views: bytes of the format, or a clean refusal."""
    magic = {"png": b"\x89PNG", "svg": b"<svg", "pdf": b"%PDF"}
    crashes, made = [], 0
    with image_session():
        for n, timeline, view in drawable_cases(IMAGE_CASES, SEED):
            fmt = IMAGE_FORMATS[n % len(IMAGE_FORMATS)]
            try:
                with time_limit(CASE_SECONDS * 3):
                    data = render(timeline, fmt, view=view)
                made += data.startswith(magic[fmt])
            except DefenseTimelineError:
                made += 1
            except Exception:  # noqa: BLE001 - a crash is what the fuzzer is looking for
                crashes.append(f"case {n} ({fmt}, {view}):\n{traceback.format_exc()}")
    assert not crashes, "\n\n".join(crashes[:3])
    assert made == IMAGE_CASES


# The minimal examples of each kind of crash the fuzzer found ---------------------------------

ITEM_AT = (
    "- {{id: x, title: X, kind: event, lane: guidelines, status: planned, date: {}, "
    "sources: [jt]}}\n"
)


@pytest.mark.parametrize("day", ["9999-06-01", "0001-06-01"])
@pytest.mark.parametrize("as_of", [None, date.min, date.max])
def test_dates_at_the_ends_of_the_calendar_are_drawn_on_a_fiscal_axis(day, as_of):
    timeline = loader.loads(doc(ITEM_AT.format(day)), "t.yaml")
    view = ViewOptions(as_of=as_of, fiscal_axis=True, baseline=as_of)
    fig = build_figure(timeline, view)
    low, high = fig.layout.xaxis.range
    assert "0001-01-01T00:00:00.000" <= low < high <= "9999-12-31T23:59:59.999"
    assert all(tick.startswith("FY") for tick in fig.layout.xaxis.ticktext)
    assert render(timeline, "json", view=view, fig=fig)


def test_a_span_of_ten_thousand_years_gets_about_twenty_fiscal_ticks():
    timeline = loader.loads(doc(ITEM_AT.format("0001-06-01")), "t.yaml")
    fig = build_figure(timeline, ViewOptions(as_of=date.max, fiscal_axis=True))
    assert fig.layout.xaxis.ticktext == tuple(f"FY{1 + 500 * i}" for i in range(20))


@pytest.fixture()
def japan(tmp_path) -> Path:
    path = tmp_path / "japan.yaml"
    path.write_text(
        (bundled_timelines_dir() / "japan_defense_2017.yaml").read_text(encoding="utf-8")
    )
    return path


def cli(*args: object):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_export_as_of_the_ends_of_the_calendar_on_a_fiscal_axis(japan, day):
    out = japan.with_name("out.json")
    result = cli("export", japan, "--as-of", day, "--fiscal-axis", "-o", out)
    assert (result.exit_code, result.stdout) == (0, f"wrote {out}\n")
    every = ("--as-of", day, "--baseline", day, "--from", "0001", "--to", "9999")
    result = cli("export", japan, *every, "--fiscal-axis", "-o", out)
    assert (result.exit_code, result.stdout) == (0, f"wrote {out}\n")


def test_a_date_option_past_the_calendar_is_one_error_line(japan):
    result = cli("table", japan, "--as-of", "FY9999")
    assert result.exit_code == 1
    assert result.stderr == (
        'error: --as-of: "FY9999" falls outside the years 0001 to 9999 in the JP calendar\n'
    )


def test_validate_with_a_size_limit_too_large_is_one_error_line(japan):
    result = cli("validate", japan, "--max-bytes", "99999999999999999999999")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: Invalid value for '--max-bytes': 99999999999999999999999 is not in the range "
        "1<=x<=2000000000.\n"
    )


def test_the_dashboard_draws_the_last_day_on_a_fiscal_axis(tmp_path):
    served = served_of(make_folder(tmp_path))
    q = query(t="japan_defense_2017", as_of=date.max, fiscal_axis=True)
    assert "asof=9999-12-31" in q and "axis=fiscal" in q
    fig, meta = callbacks.chart_outputs(served, q, None, None)
    assert fig["layout"]["xaxis"]["range"][1] == "9999-12-31T00:00:00.000"
    line = next(s for s in fig["layout"]["shapes"] if s.get("name") == "view date")
    assert line["x0"] == "9999-12-31T00:00:00.000"  # on the axis, at its end


def test_an_upload_without_a_lane_says_the_lane_is_missing(tmp_path):
    served = served_of(make_folder(tmp_path))
    text = GOOD.replace("    lane: b\n    status: completed\n", "    status: completed\n")
    data = "data:application/x-yaml;base64," + base64.b64encode(text.encode()).decode()
    store, message, _, _ = timeline_picker.receive_upload(served, data, "bad.yaml", None)
    assert store is timeline_picker.no_update
    assert 'bad.yaml:21:5: items[e1]: missing required field "lane"' in texts(message)
