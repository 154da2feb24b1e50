"""`defense-timeline new`: write a commented starter timeline that validates as written."""

from __future__ import annotations

from pathlib import Path

import click
from defense_timeline.cli.base import CliError, main
from defense_timeline.timeline.calendars import PRESETS

DEFAULT_NAME = "timeline.yaml"


@main.command()
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option(
    "--calendar",
    "calendar",
    type=click.Choice(tuple(PRESETS), case_sensitive=False),
    default="JP",
    show_default=True,
    help="The timeline's fiscal-year calendar.",
)
def new(file: Path | None, calendar: str) -> None:
    """Write a starter timeline to FILE (default timeline.yaml): every field once, commented.

    An existing FILE is never overwritten.
    """
    from defense_timeline.output.atomic import write_atomic
    from defense_timeline.timeline.starter import starter_text

    path = file or Path(DEFAULT_NAME)
    if path.exists() or path.is_symlink():
        raise CliError(f"error: {path}: already exists; not overwritten (give another FILE)")
    write_atomic(path, starter_text(calendar.upper(), name=str(path)), replace=False)
    click.echo(f"wrote {path}; check it with: defense-timeline validate {path}")
