"""The one exception hierarchy: every failure a user can cause is a DefenseTimelineError.

DefenseTimelineError          anything the tool reports as clean lines (exit 1 at the CLI)
├── ReadError                 a file that is not readable, safe YAML (has line and col)
├── InvalidTimeline           a file that cannot be loaded: every Problem found, located
├── DateError (ValueError)    a date, duration or calendar expression not understood
├── ExportError               an output that could not be written; nothing was left behind
│   └── BrowserNotFound       image export needs Chromium and none was found
└── UsageError                a bad option value given to the command line or the API
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BrowserNotFound",
    "DateError",
    "DefenseTimelineError",
    "ExportError",
    "InvalidTimeline",
    "Problem",
    "ReadError",
    "UsageError",
]


@dataclass(frozen=True, slots=True)
class Problem:
    """One validation finding, located in its file as precisely as is known."""

    file: str
    line: int | None
    col: int | None
    field: str
    message: str
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        prefix = "warning: " if self.severity == "warning" else ""
        field = f"{self.field}: " if self.field else ""
        return f"{where}: {prefix}{field}{self.message}"


class DefenseTimelineError(Exception):
    """Base of every error the tool reports to a user as clean lines (exit 1 at the CLI)."""


class ReadError(DefenseTimelineError):
    """A file that is not a readable, safe YAML document; line and col are 1-based."""

    def __init__(self, message: str, line: int | None = None, col: int | None = None):
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


class InvalidTimeline(DefenseTimelineError):
    """A timeline file that cannot be loaded; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class DateError(DefenseTimelineError, ValueError):
    """A date, duration or calendar expression that cannot be understood."""


class ExportError(DefenseTimelineError):
    """An export that could not be written; nothing was left behind."""


class BrowserNotFound(ExportError):
    """Image export needs Chromium and none was found."""


class UsageError(DefenseTimelineError):
    """An option value the command line or the Python API cannot use (a typo'd lane, --from
    after --to); the message names the option."""
