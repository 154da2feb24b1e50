"""The `defense-timeline` command line: validate, table, export, schema and serve."""

from __future__ import annotations

import errno
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click
from defense_timeline import __version__
from defense_timeline.errors import DefenseTimelineError, InvalidTimeline, UsageError
from defense_timeline.timeline.loader import DEFAULT_MAX_BYTES, MAX_BYTES_CEILING
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.options import OPTIONS, Option, ViewOptions, option, view_of

HELP = """Sourced, time-travelling Gantt timelines of defence-planning documents.

\b
Output: results ("ok" lines, tables, the schema) go to stdout; errors and
warnings go to stderr, one per line, as FILE:LINE:COL: FIELD: MESSAGE.
\b
Exit status: 0 success; 1 an invalid file or a bad option value (one line
"error: ..."); 2 a malformed command line (unknown option, missing argument).
\b
Dates for --as-of, --baseline, --from and --to are date expressions as in a
timeline file (2017-02-19, 2017-06, 2018-Q3, 2018-H2, 2026, FY2019 in the
file's calendar). --as-of and --baseline mean "as known at the END of that
expression" (--as-of 2026 is as known on 2026-12-31); --from takes its first
day and --to its last day.
"""


class LazyChoice(click.Choice):
    """A click.Choice whose choices are imported when first needed (for --help or a value), so
    that importing the command line does not import what they come from."""

    def __init__(self, load: Callable[[], tuple[str, ...]]) -> None:
        self._load = load
        super().__init__(())

    @property
    def choices(self) -> tuple[str, ...]:
        return self._load()

    @choices.setter
    def choices(self, _value: Any) -> None:
        """click.Choice.__init__ sets the choices; here they come from load."""


def _export_formats() -> tuple[str, ...]:
    from defense_timeline.output.render import FORMATS

    return tuple(FORMATS)


class CliError(click.ClickException):
    """A user error shown as given (already one line per problem) with exit status 1."""

    exit_code = 1

    def show(self, file: Any = None) -> None:
        click.echo(self.format_message(), err=True)


def _os_message(exc: OSError) -> str:
    """An OSError as "PATH: reason"."""
    reason = exc.strerror or str(exc)
    return f"{exc.filename}: {reason.lower()}" if exc.filename else reason


class TimelineGroup(click.Group):
    """Turns every user error raised by a command into clean lines and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.MissingParameter:
            raise
        except click.BadParameter as exc:
            raise CliError(f"error: {exc.format_message()}") from None
        except InvalidTimeline as exc:
            raise CliError("\n".join(str(p) for p in exc.problems)) from None
        except DefenseTimelineError as exc:
            raise CliError(f"error: {exc}") from None
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise
            raise CliError(f"error: {_os_message(exc)}") from None


@click.group(cls=TimelineGroup, help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="defense-timeline")
def main() -> None:
    """The defense-timeline command group."""


# ---------------------------------------------------------------- view options

# --help lists the view options in this order, as the README does; options declared later follow.
HELP_ORDER = (
    "--as-of",
    "--baseline",
    "--lane",
    "--kind",
    "--status",
    "--tag",
    "--from",
    "--to",
    "--search",
    "--width",
    "--height",
    "--fiscal-axis",
    "--color-by",
    "--rows",
    "--no-links",
    "--no-baseline",
)


def command_options(command: str, declared: tuple[Option, ...] = OPTIONS) -> list[Option]:
    """The declared options `table` or `export` offers, in --help order."""
    offered = [o for o in declared if o.flag and (command == "export" or not o.export_only)]
    rank = {flag: i for i, flag in enumerate(HELP_ORDER)}
    return sorted(offered, key=lambda o: rank.get(o.flag, len(rank)))


def click_option(opt: Option) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The click option of a declared view option; its value arrives under the option's name."""
    kwargs: dict[str, Any] = {"help": opt.help, "metavar": opt.metavar}
    if opt.kind in ("names", "choices"):
        kwargs["multiple"] = True
    if opt.kind in ("choices", "choice"):
        kwargs["type"] = click.Choice(opt.cli_choices or opt.choices)
    if opt.kind == "choice":
        kwargs.update(default=_cli_word(opt, opt.default), show_default=True)
    elif opt.kind == "text":
        kwargs["default"] = opt.default
    elif opt.kind == "flag":
        kwargs["is_flag"] = True
    elif opt.kind == "pixels" and opt.cli_range:
        kwargs["type"] = click.IntRange(min=opt.cli_range[0], max=opt.cli_range[1])
    return click.option(opt.flag, opt.name, **kwargs)


def _cli_word(opt: Option, value: str) -> str:
    """A choice as the command line spells it (`--rows item` for the layout "rows")."""
    return opt.cli_choices[opt.choices.index(value)] if opt.cli_choices else value


def _view_options(command: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a command with the view options it offers."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        for opt in reversed(command_options(command)):
            func = click_option(opt)(func)
        return func

    return decorate


def _day(opt: Option, text: str | None, timeline: Timeline) -> date | None:
    """A date option resolved in the timeline's calendar: its first or its last day."""
    if text is None:
        return None
    from defense_timeline.timeline.dates import parse_date

    try:
        spec = parse_date(text.strip(), timeline.calendar)
    except DefenseTimelineError as exc:
        raise UsageError(f"{opt.flag}: {exc}") from None
    return spec.last if opt.cli_last_day else spec.first


def _check_known(opt: Option, wanted: tuple[str, ...], timeline: Timeline) -> tuple[str, ...]:
    """Refuse a lane or tag the timeline does not have (a typo would silently show nothing)."""
    known = [value for value, _ in opt.offered(timeline)] if opt.offered else []
    for value in wanted:
        if value not in known:
            choices = ", ".join(known) if known else "none"
            raise UsageError(f"{opt.flag}: no {opt.noun} {value!r} in this timeline ({choices})")
    return tuple(wanted)


# How each kind of option's command-line value becomes its value in a view.
CLI_VALUES: dict[str, Callable[[Option, Any, Timeline], Any]] = {
    "day": _day,
    "names": _check_known,
    "choices": lambda opt, given, _: tuple(given),
    "text": lambda opt, given, _: given or "",
    "choice": lambda opt, given, _: opt.choices[(opt.cli_choices or opt.choices).index(given)],
    "flag": lambda opt, given, _: (not opt.default) if given else opt.default,
    "pixels": lambda opt, given, _: given,
}


def option_values(
    timeline: Timeline, opts: dict[str, Any], declared: tuple[Option, ...] = OPTIONS
) -> dict[str, Any]:
    """The value of each declared option a command was given, by name; UsageError when bad."""
    values = {
        o.name: CLI_VALUES[o.kind](o, opts[o.name], timeline) for o in declared if o.name in opts
    }
    start, stop = values.get("window_start"), values.get("window_end")
    if start and stop and start > stop:
        first, last = option("window_start").flag, option("window_end").flag
        raise UsageError(f"{first} {start} is after {last} {stop}")
    return values


def build_view(timeline: Timeline, opts: dict[str, Any]) -> ViewOptions:
    """ViewOptions and Filters from the parsed options of `table` or `export`."""
    return view_of(option_values(timeline, opts))


def _load(path: Path, **kwargs: Any) -> Timeline:
    """Load a timeline file, with one clean line when it is missing or not a file."""
    if not path.exists():
        raise CliError(f"{path}: no such file")
    if path.is_dir():
        raise CliError(f"{path}: is a directory, not a timeline file")
    from defense_timeline.timeline.loader import load

    return load(path, **kwargs)


def _emit(text: str, output: Path | None) -> None:
    """Write text to OUTPUT atomically, or to stdout."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from defense_timeline.output.atomic import write_atomic

    write_atomic(output, text)


# ---------------------------------------------------------------- commands


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--strict", is_flag=True, help="Treat warnings (e.g. an unsourced statement) as errors."
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1, max=MAX_BYTES_CEILING),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Refuse larger files.",
)
@click.pass_context
def validate(ctx: click.Context, files: tuple[Path, ...], strict: bool, max_bytes: int) -> None:
    """Check timeline files: "FILE: ok (N items)" on stdout, every problem on stderr."""
    failed = [f for f in files if not _validate_one(f, strict=strict, max_bytes=max_bytes)]
    ctx.exit(1 if failed else 0)


def _validate_one(path: Path, *, strict: bool, max_bytes: int) -> bool:
    """Validate one file and print its outcome; True when it is valid."""
    try:
        timeline = _load(path, strict=strict, max_bytes=max_bytes)
    except CliError as exc:
        click.echo(exc.format_message(), err=True)
        return False
    except InvalidTimeline as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        return False
    except DefenseTimelineError as exc:
        click.echo(f"{path}: {exc}", err=True)
        return False
    except OSError as exc:
        click.echo(f"{path}: {(exc.strerror or str(exc)).lower()}", err=True)
        return False
    n = len(timeline.items)
    click.echo(f"{path}: ok ({n} item{'' if n == 1 else 's'})")
    for problem in timeline.warnings:
        click.echo(str(problem), err=True)
    return True


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@_view_options("table")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json"]),
    help="Default: from OUT's suffix, else csv.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write to OUT (atomically) instead of stdout.",
)
def table(file: Path, fmt: str | None, output: Path | None, **opts: Any) -> None:
    """Print the items as known on a date, one row each, as CSV or JSON."""
    from defense_timeline.view import tables
    from defense_timeline.view.filters import filter_frame
    from defense_timeline.view.frame import timeline_frame

    timeline = _load(file)
    view = build_view(timeline, opts)
    df = filter_frame(timeline_frame(timeline, view.as_of, view.baseline), view.filters)
    if fmt is None:
        fmt = "json" if output is not None and output.suffix.lower() == ".json" else "csv"
    _emit(tables.to_json(df) if fmt == "json" else tables.to_csv(df), output)


@main.command("export")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    required=True,
    type=click.Path(path_type=Path),
    help="Output file; repeat for several (one browser renders all images).",
)
@click.option(
    "--format",
    "fmt",
    type=LazyChoice(_export_formats),
    help="Default: from each OUT's suffix (.html .htm .png .svg .pdf .json).",
)
@_view_options("export")
@click.option(
    "--fragment", is_flag=True, help="HTML: write a <figure> to paste into a report, not a page."
)
@click.option(
    "--plotly-js",
    default="inline",
    show_default=True,
    metavar="inline|none|URL",
    help="Fragment: inline plotly.js, none (the page loads it once) or a <script src> URL.",
)
def export_command(
    file: Path,
    outputs: tuple[Path, ...],
    fmt: str | None,
    fragment: bool,
    plotly_js: str,
    **opts: Any,
) -> None:
    """Write the chart as an offline HTML page, a fragment, PNG, SVG, PDF or plotly JSON."""
    from defense_timeline.output.render import export_many

    timeline = _load(file)
    view = build_view(timeline, opts)
    for path in export_many(
        timeline, outputs, view=view, fmt=fmt, fragment=fragment, plotly_js=plotly_js
    ):
        click.echo(f"wrote {path}")


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write to OUT (atomically) instead of stdout.",
)
def schema(output: Path | None) -> None:
    """Print the JSON Schema of the timeline format (for editors)."""
    from defense_timeline.timeline.json_schema import json_schema

    _emit(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", output)


RELOAD_HELP = "Pages show saves of the file on screen [default: on unless all files are bundled]."


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8050, show_default=True)
@click.option("--debug", is_flag=True, help="Dash debug mode (reloader and dev tools).")
@click.option("--live-reload/--no-live-reload", default=None, help=RELOAD_HELP)
def serve(paths: tuple[Path, ...], host: str, port: int, debug: bool, **asked: Any) -> None:
    """Run the dashboard on FILE(s) or DIR(s) of timelines (default: the bundled ones)."""
    for path in paths:
        if not path.exists():
            raise CliError(f"{path}: no such file or directory")
    from defense_timeline.dashboard import create_app

    asked = {k: v for k, v in asked.items() if v is not None}  # unset: the app decides
    create_app(list(paths) or None, **asked).run(host=host, port=port, debug=debug)
