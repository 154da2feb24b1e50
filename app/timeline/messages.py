"""Small helpers that put values from a file into one-line messages safely."""

from __future__ import annotations

import difflib
import json
from datetime import date, datetime

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


_DATE_SHOWN_MAX = 40  # date messages quote less: the text is usually a few characters


def quoted_date(text: str) -> str:
    """Date text in double quotes, cut at 40 characters and escaped, so a message stays one line."""
    if len(text) > _DATE_SHOWN_MAX:
        text = text[:_DATE_SHOWN_MAX] + "…"
    return json.dumps(text, ensure_ascii=False)


def described(value: object) -> str:
    """A wrong-typed value and its type in plain words, for date messages' 'got ...'."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, int | float):
        return f"{repr(value)[:_DATE_SHOWN_MAX]} (a number)"
    if isinstance(value, datetime):
        return f"{value.isoformat(sep=' ')} (a date with a time of day)"
    if isinstance(value, date):
        return f"{value.isoformat()} (a date)"
    if isinstance(value, str):
        return quoted_date(value)
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"
