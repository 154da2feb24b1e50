"""The command group, its error handling and the helpers every command uses."""

from __future__ import annotations

import errno
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from defense_timeline import __version__
from defense_timeline.errors import DefenseTimelineError, InvalidTimeline
from defense_timeline.timeline.loader import DEFAULT_MAX_BYTES, MAX_BYTES_CEILING
from defense_timeline.timeline.model import Timeline

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


# --max-bytes, as every command that reads a file offers it.
max_bytes_option = click.option(
    "--max-bytes",
    type=click.IntRange(min=1, max=MAX_BYTES_CEILING),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Refuse larger files.",
)


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


def load_file(path: Path, **kwargs: Any) -> Timeline:
    """Load a timeline file, with one clean line when it is missing or not a file."""
    if not path.exists():
        raise CliError(f"{path}: no such file")
    if path.is_dir():
        raise CliError(f"{path}: is a directory, not a timeline file")
    from defense_timeline.timeline.loader import load

    return load(path, **kwargs)


def emit(text: str, output: Path | None) -> None:
    """Write text to OUTPUT atomically, or to stdout."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from defense_timeline.output.atomic import write_atomic

    write_atomic(output, text)
