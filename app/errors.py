"""The project's small error hierarchy: every failure a user can cause maps to one clean line."""

from __future__ import annotations

from dataclasses import dataclass


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


class TimelineError(Exception):
    """Base of every error the tool reports to a user as one clean line (exit 1 at the CLI)."""


class InvalidTimeline(TimelineError):
    """A timeline file that cannot be loaded; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class DateError(TimelineError, ValueError):
    """A date, duration or calendar expression that cannot be understood."""


class ExportError(TimelineError):
    """An export that could not be written; nothing was left behind."""


class BrowserNotFound(ExportError):
    """Image export needs Chromium and none was found."""
