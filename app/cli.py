"""The `defense-timeline` command line: validate, table, export, schema and serve."""

from __future__ import annotations

import errno
import functools
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click
from defense_timeline import __version__
from defense_timeline.errors import DefenseTimelineError, InvalidTimeline
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.options import Filters, ViewOptions
from defense_timeline.vocabulary import KINDS, STATUSES

FORMATS = ("html", "png", "svg", "pdf", "json")

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


# ---------------------------------------------------------------- shared options


def _filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The view date, baseline and filters shared by `table`, `export` and the dashboard."""
    options = [
        click.option(
            "--as-of",
            "as_of",
            metavar="DATE",
            help="Show the timeline as known at the end of DATE (default: the file's as_of).",
        ),
        click.option(
            "--baseline",
            metavar="DATE",
            help="Compare with the plan as known at the end of DATE (default: as first planned).",
        ),
        click.option(
            "--lane", "lanes", multiple=True, metavar="LANE", help="Only this lane id (repeatable)."
        ),
        click.option(
            "--kind",
            "kinds",
            multiple=True,
            type=click.Choice(KINDS),
            help="Only this kind (repeatable).",
        ),
        click.option(
            "--status",
            "statuses",
            multiple=True,
            type=click.Choice(STATUSES),
            help="Only this status (repeatable).",
        ),
        click.option(
            "--tag",
            "tags",
            multiple=True,
            metavar="TAG",
            help="Only items with this tag (repeatable).",
        ),
        click.option(
            "--from",
            "window_from",
            metavar="DATE",
            help="Only items that end on or after the first day of DATE.",
        ),
        click.option(
            "--to",
            "window_to",
            metavar="DATE",
            help="Only items that start on or before the last day of DATE.",
        ),
        click.option(
            "--search",
            default="",
            metavar="TEXT",
            help="Only items whose title, notes, id or tags contain TEXT.",
        ),
    ]
    return functools.reduce(lambda f, opt: opt(f), reversed(options), func)


def _chart_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """How the chart is drawn (export only)."""
    size = click.IntRange(min=200, max=20_000)
    options = [
        click.option("--width", type=size, help="Width in pixels (images default to 1600)."),
        click.option("--height", type=size, help="Height in pixels (default: fits the rows)."),
        click.option("--fiscal-axis", is_flag=True, help="Label the time axis in fiscal years."),
        click.option(
            "--color-by",
            type=click.Choice(["lane", "kind", "status"]),
            default="lane",
            show_default=True,
        ),
        click.option(
            "--rows",
            type=click.Choice(["packed", "item"]),
            default="packed",
            show_default=True,
            help="packed: items share rows in a lane; item: one row per item.",
        ),
        click.option("--no-links", is_flag=True, help="Do not draw dependency arrows."),
        click.option("--no-baseline", is_flag=True, help="Do not draw the plan baseline."),
    ]
    return functools.reduce(lambda f, opt: opt(f), reversed(options), func)


def _day(option: str, text: str | None, timeline: Timeline, end: bool) -> date | None:
    """A date option resolved in the timeline's calendar: its last day if end, else its first."""
    if text is None:
        return None
    from defense_timeline.timeline.dates import parse_date

    try:
        spec = parse_date(text.strip(), timeline.calendar)
    except DefenseTimelineError as exc:
        raise CliError(f"error: {option}: {exc}") from None
    return spec.last if end else spec.first


def _check_known(option: str, wanted: tuple[str, ...], known: list[str], what: str) -> None:
    """Refuse a lane or tag the timeline does not have (a typo would silently show nothing)."""
    for value in wanted:
        if value not in known:
            choices = ", ".join(known) if known else "none"
            raise CliError(f"error: {option}: no {what} {value!r} in this timeline ({choices})")


def build_view(timeline: Timeline, opts: dict[str, Any]) -> ViewOptions:
    """ViewOptions and Filters from the parsed options of `table` or `export`."""
    _check_known("--lane", opts["lanes"], [lane.id for lane in timeline.lanes], "lane")
    tags = sorted({tag for item in timeline.items for tag in item.tags})
    _check_known("--tag", opts["tags"], tags, "tag")
    start = _day("--from", opts["window_from"], timeline, end=False)
    stop = _day("--to", opts["window_to"], timeline, end=True)
    if start and stop and start > stop:
        raise CliError(f"error: --from {start} is after --to {stop}")
    filters = Filters(
        lanes=tuple(opts["lanes"]),
        kinds=tuple(opts["kinds"]),
        statuses=tuple(opts["statuses"]),
        tags=tuple(opts["tags"]),
        window_start=start,
        window_end=stop,
        search=opts["search"] or "",
    )
    return ViewOptions(
        as_of=_day("--as-of", opts["as_of"], timeline, end=True),
        baseline=_day("--baseline", opts["baseline"], timeline, end=True),
        filters=filters,
        color_by=opts.get("color_by", "lane"),
        fiscal_axis=opts.get("fiscal_axis", False),
        layout="rows" if opts.get("rows") == "item" else "packed",
        show_baseline=not opts.get("no_baseline", False),
        show_links=not opts.get("no_links", False),
        width=opts.get("width"),
        height=opts.get("height"),
    )


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
    type=click.IntRange(min=1),
    default=10_000_000,
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
@_filter_options
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
    type=click.Choice(FORMATS),
    help="Default: from each OUT's suffix (.html .htm .png .svg .pdf .json).",
)
@_filter_options
@_chart_options
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


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8050, show_default=True)
@click.option("--debug", is_flag=True, help="Dash debug mode (reloader and dev tools).")
def serve(paths: tuple[Path, ...], host: str, port: int, debug: bool) -> None:
    """Run the dashboard on FILE(s) or DIR(s) of timelines (default: the bundled ones)."""
    for path in paths:
        if not path.exists():
            raise CliError(f"{path}: no such file or directory")
    from defense_timeline.dashboard import create_app

    create_app(list(paths) or None).run(host=host, port=port, debug=debug)
