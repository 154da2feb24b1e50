"""The core commands: validate, table, export, schema and serve."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from defense_timeline.cli.base import CliError, LazyChoice, emit, load_file, main, max_bytes_option
from defense_timeline.cli.viewopts import build_view, view_options
from defense_timeline.errors import DefenseTimelineError, InvalidTimeline


def _export_formats() -> tuple[str, ...]:
    from defense_timeline.output.render import FORMATS

    return tuple(FORMATS)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--strict", is_flag=True, help="Treat warnings (e.g. an unsourced statement) as errors."
)
@max_bytes_option
@click.pass_context
def validate(ctx: click.Context, files: tuple[Path, ...], strict: bool, max_bytes: int) -> None:
    """Check timeline files: "FILE: ok (N items)" on stdout, every problem on stderr."""
    failed = [f for f in files if not _validate_one(f, strict=strict, max_bytes=max_bytes)]
    ctx.exit(1 if failed else 0)


def _validate_one(path: Path, *, strict: bool, max_bytes: int) -> bool:
    """Validate one file and print its outcome; True when it is valid."""
    try:
        timeline = load_file(path, strict=strict, max_bytes=max_bytes)
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
@view_options("table")
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
    from defense_timeline.view.sources import for_view

    timeline = load_file(file)
    timeline, view = for_view(timeline, build_view(timeline, opts))
    df = filter_frame(timeline_frame(timeline, view.as_of, view.baseline), view.filters)
    if fmt is None:
        fmt = "json" if output is not None and output.suffix.lower() == ".json" else "csv"
    emit(tables.to_json(df) if fmt == "json" else tables.to_csv(df), output)


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
    help="Default: from each OUT's suffix (.html .htm .png .svg .pdf .json .pptx .xlsx .csv .md "
    ".mmd .timeline.json).",
)
@view_options("export")
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
    """Write the view as an HTML page or fragment, PNG, SVG, PDF, plotly JSON, a PowerPoint
    slide, a spreadsheet (xlsx, csv), Markdown, Mermaid or TimelineJS JSON."""
    from defense_timeline.output.render import export_many

    timeline = load_file(file)
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

    emit(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", output)


RELOAD_HELP = "Pages show saves of the file on screen [default: on unless all files are bundled]."
STORE_HELP = (
    "Keep uploads in DIR so their links open in any browser "
    "[default: $DEFENSE_TIMELINE_STORE, else a per-user cache folder]."
)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8050, show_default=True)
@click.option("--debug", is_flag=True, help="Dash debug mode (reloader and dev tools).")
@click.option("--live-reload/--no-live-reload", default=None, help=RELOAD_HELP)
@click.option("--store", type=click.Path(path_type=Path, file_okay=False), help=STORE_HELP)
@click.option("--no-store", is_flag=True, help="Keep uploads in their browser tab only.")
def serve(
    paths: tuple[Path, ...],
    host: str,
    port: int,
    debug: bool,
    store: Path | None,
    no_store: bool,
    **asked: Any,
) -> None:
    """Run the dashboard on FILE(s) or DIR(s) of timelines (default: the bundled ones)."""
    for path in paths:
        if not path.exists():
            raise CliError(f"{path}: no such file or directory")
    from defense_timeline.dashboard import create_app
    from defense_timeline.dashboard.store import folder_from_env, quota_from_env

    if store is not None and no_store:
        raise CliError("--store and --no-store contradict each other")
    kept = None if no_store else store or folder_from_env()
    asked = {k: v for k, v in asked.items() if v is not None}  # unset: the app decides
    app = create_app(list(paths) or None, store=kept, store_quota=quota_from_env(), **asked)
    if kept is not None:
        click.echo(f"Uploads are kept in {kept}", err=True)
    app.run(host=host, port=port, debug=debug)
