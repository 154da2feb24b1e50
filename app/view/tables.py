"""The timeline frame as CSV or JSON text: dates as YYYY-MM-DD, tuples joined or as lists."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterator
from typing import Any

import pandas as pd


def _cell(value: Any) -> Any:
    """One frame value as a plain JSON-able Python value (None for missing)."""
    if value is None or value is pd.NaT or value is pd.NA:  # pd.NA: an unmeasured slip_days
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, tuple):
        return [_cell(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return _cell(value.item())
    return value


def records(df: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """Rows as dicts of plain values; links become {"kind", "target"} objects."""
    columns = list(df.columns)
    for row in df.itertuples(index=False, name=None):
        rec = {name: _cell(value) for name, value in zip(columns, row, strict=True)}
        if "links" in rec and rec["links"] is not None:
            rec["links"] = [{"kind": k, "target": t} for k, t in rec["links"]]
        yield rec


def to_json(df: pd.DataFrame) -> str:
    """A JSON array with one object per row (null for an unknown date)."""
    return json.dumps(list(records(df)), ensure_ascii=False, indent=2) + "\n"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(value: Any) -> Any:
    """A cell a spreadsheet will not run as a formula (file text is untrusted)."""
    if isinstance(value, str) and value[:1] in FORMULA_START:
        return "'" + value
    return value


def csv_text(value: Any) -> str:
    """One plain value as CSV text: "" for missing, true/false, lists joined with ";"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(csv_text(v) for v in value)
    if isinstance(value, dict):  # a link
        return f"{value['kind']}:{value['target']}"
    return str(value)


def to_csv(df: pd.DataFrame) -> str:
    """CSV with a header row; dates YYYY-MM-DD (empty when unknown), tuples joined with ";",
    and text that a spreadsheet would run as a formula prefixed with "'"."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(df.columns))
    for rec in records(df):
        writer.writerow([inert(csv_text(v)) for v in rec.values()])
    return buffer.getvalue()
