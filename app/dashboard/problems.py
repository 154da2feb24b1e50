"""Located problems on the page, one per line as plain text: a file's errors, an upload's."""

from __future__ import annotations

from dash import html
from defense_timeline.dashboard.served import Loaded
from defense_timeline.errors import Problem


def problem_list(problems: tuple[Problem, ...] | list[Problem], heading: str) -> html.Div | str:
    """Located problems, one per line, as plain text."""
    if not problems:
        return ""
    return html.Div(
        [
            html.Strong(heading),
            html.Ul([html.Li(str(p), className="problem") for p in problems]),
        ],
        className="problems",
        role="alert",
    )


def file_errors(loaded: Loaded | None) -> html.Div | str:
    """The errors of the latest save of the file on screen, if any."""
    if loaded is None:
        return problem_list(
            [Problem("", None, None, "", "no timeline file is served")], "Nothing to show"
        )
    if not loaded.problems:
        return ""
    if loaded.timeline is None:
        heading = "This file has errors and cannot be shown:"
    else:
        heading = "The file was saved with errors; showing its last good version:"
    return problem_list(loaded.problems, heading)
