"""`defense-timeline import`: a CSV, XLSX or TimelineJS file as a checked YAML timeline."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click
from defense_timeline.cli.base import CliError, main, max_bytes_option
from defense_timeline.errors import DateError


def _calendar(_ctx, _param, value: str | None):
    if value is None:
        return None
    from defense_timeline.timeline.dates import calendar_from

    try:
        return calendar_from(value)
    except DateError as exc:
        raise click.BadParameter(str(exc), param_hint="--calendar") from None


def _day(_ctx, _param, value: str | None) -> date | None:
    """--as-of: the last day of a date expression, as for the other commands."""
    if value is None:
        return None
    from defense_timeline.timeline.dates import parse_date

    try:
        return parse_date(value).last
    except DateError as exc:
        raise click.BadParameter(str(exc), param_hint="--as-of") from None


@main.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar="OUT",
    help="Write the YAML to OUT (atomically, only when valid) instead of stdout.",
)
@click.option(
    "--from",
    "fmt",
    type=click.Choice(["csv", "xlsx", "timelinejs"]),
    help="Default: from FILE's suffix (.csv, .xlsx, .json).",
)
@click.option(
    "--calendar", metavar="CAL", callback=_calendar, help="Fiscal-year calendar: JP, US, UK or AU."
)
@click.option(
    "--title",
    metavar="TEXT",
    help="The timeline's title (default: the title slide, else the name).",
)
@click.option("--sheet", metavar="NAME", help="The workbook's sheet to read (default: the first).")
@click.option(
    "--as-of",
    "as_of",
    metavar="DATE",
    callback=_day,
    help="The file's view date: the end of a date expression (default: the date a TimelineJS "
    "export says it was made for, else today).",
)
@max_bytes_option
def import_command(
    file: Path, output: Path | None, fmt: str | None, max_bytes: int, **asked
) -> None:
    """Convert a spreadsheet or TimelineJS file into a timeline file (YAML), checked before it
    is written; every problem is named at its cell, row or JSON path and nothing is written.
    Warnings (a source with no date, a status read as the vocabulary's word) go to stderr."""
    from defense_timeline.output.atomic import check_target, write_atomic
    from defense_timeline.timeline.imports import ImportOptions, import_file

    if not file.exists():
        raise CliError(f"{file}: no such file")
    if file.is_dir():
        raise CliError(f"{file}: is a directory, not a file to import")
    if output is not None:
        check_target(output)
        if output.exists() and output.resolve() == file.resolve():
            raise CliError(f"{output}: is the file being imported; give another -o")
    imported = import_file(file, fmt, ImportOptions(**asked), max_bytes=max_bytes)
    for problem in imported.warnings:
        click.echo(str(problem), err=True)
    n = len(imported.timeline.items)
    if output is None:
        sys.stdout.write(imported.text)
        sys.stdout.flush()
        return
    write_atomic(output, imported.text)
    click.echo(f"wrote {output} ({n} item{'' if n == 1 else 's'})")
