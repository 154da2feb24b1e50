"""Small helpers that put values from a file into one-line messages safely."""

from __future__ import annotations

import difflib
import json

_SHOWN_MAX = 60


def kind_of(value: object) -> str:
    """A value's type in plain words, for 'expected X, got Y' messages."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def quoted(text: object) -> str:
    """A value in double quotes, shortened, for messages."""
    shown = str(text)
    if len(shown) > _SHOWN_MAX:
        shown = shown[:_SHOWN_MAX] + "…"
    return json.dumps(shown, ensure_ascii=False)  # escapes quotes and line breaks: one line


def did_you_mean(word: object, choices: object) -> str:
    """' (did you mean "x"?)' for a near miss, else ''."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean {quoted(close[0])}?)" if close else ""
