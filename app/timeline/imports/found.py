"""Problems found while importing, each named the way the input's users count: a cell
(plans.xlsx:Plans!C4, plans.csv:C4), a JSON path (events.json:events[3].start_date.month) or a
line and column for text that could not be read at all."""

from __future__ import annotations

from defense_timeline.errors import InvalidTimeline, Problem

MAX_PROBLEMS = 1000  # a hostile file may have millions; the first thousand say enough


class Found:
    """Collects located problems; `check` raises InvalidTimeline with all of them."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.errors = 0
        self.dropped = 0
        self.bad_places: set[str] = set()  # parts of the input with a problem: left out

    def add(self, problem: Problem) -> None:
        """Keep one problem (the first MAX_PROBLEMS; the rest are counted)."""
        self.errors += problem.severity == "error"
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)
        else:
            self.dropped += 1

    def error(self, place: str | None, message: str, severity: str = "error") -> None:
        """A problem at a place inside the input (a cell, a JSON path), or the whole input."""
        where = f"{self.name}:{place}" if place else self.name
        self.add(Problem(where, None, None, "", message, severity))

    def at_line(self, line: int | None, col: int | None, message: str) -> None:
        """A problem in text that could not be read into rows or JSON."""
        self.add(Problem(self.name, line, col, "", message))

    def check(self) -> None:
        """Raise InvalidTimeline with every error so far, if any (warnings come on success)."""
        if not self.errors:
            return
        errors = [p for p in self.problems if p.severity == "error"]
        more = [Problem(self.name, None, None, "", f"{self.dropped:,} more problems")]
        raise InvalidTimeline(errors + (more if self.dropped else []))


def fail(
    name: str, message: str, line: int | None = None, col: int | None = None
) -> InvalidTimeline:
    """An InvalidTimeline with one problem of the whole input (or a line of it)."""
    return InvalidTimeline([Problem(name, line, col, "", message)])
