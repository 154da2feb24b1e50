"""The items table: grid columns and rows from a filtered frame.

Beside the dates as written ("FY2014 – FY2018", "2018-H2?") the table has the resolved first and
last days as real date columns, which sort and filter chronologically.
"""

from __future__ import annotations

import pandas as pd

# a real date: ISO days ("" for none) that sort chronologically and filter by date
DATE_COLUMN = {"width": 122, "cellDataType": "dateString", "filter": "agDateColumnFilter"}

# (frame column, header, grid options)
COLUMNS: tuple[tuple[str, str, dict], ...] = (
    ("title", "Title", {"minWidth": 260, "flex": 3}),
    ("lane_label", "Lane", {"minWidth": 140, "flex": 1}),
    ("kind", "Kind", {"width": 100}),
    ("status", "Status", {"width": 110}),
    ("dates_text", "Dates as written", {"minWidth": 150, "flex": 1}),
    ("start", "Starts", DATE_COLUMN),
    ("end", "Ends", DATE_COLUMN),
    ("planned_dates_text", "Baseline", {"minWidth": 150, "flex": 1}),
    ("revised", "Revised", {"width": 108}),
    ("change", "Change", {"minWidth": 180, "flex": 1}),
    ("state", "State", {"width": 116}),
    ("tags", "Tags", {"minWidth": 120, "flex": 1}),
    ("n_statements", "Statements", {"width": 112, "cellDataType": "number"}),
)


def column_defs() -> list[dict]:
    """AG Grid column definitions; every cell is plain text (no type guessing: AG Grid would
    read "2013-12-17" as a date column and then blank "2018-H2?") except the real dates."""
    return [
        {"field": col, "headerName": name, "cellDataType": "text", **opts}
        for col, name, opts in COLUMNS
    ]


def _joined(series: pd.Series) -> list[str]:
    return [
        ", ".join(map(str, v)) if isinstance(v, tuple | list) else str(v or "")
        for v in series.tolist()
    ]


def _days(series: pd.Series) -> list[str | None]:
    """ISO days; None where there is no date (an open end), which the grid sorts first."""
    return [v.date().isoformat() if not pd.isna(v) else None for v in series.tolist()]


def table_frame(frame: pd.DataFrame, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """The table's columns as plain strings and numbers, in frame order."""
    out = {}
    for col in [c for c, _, _ in COLUMNS] + list(extra):
        if col not in frame.columns:
            continue
        series = frame[col]
        if col in ("tags", "sources", "depends_on"):
            out[col] = _joined(series)
        elif col == "revised":
            out[col] = ["yes" if bool(v) else "" for v in series.tolist()]
        elif col == "n_statements":
            out[col] = series.astype(int).tolist()
        elif pd.api.types.is_datetime64_any_dtype(series):
            out[col] = _days(series)
        else:
            out[col] = ["" if pd.isna(v) else str(v) for v in series.tolist()]
    return pd.DataFrame(out, index=range(len(frame)))


def table_rows(frame: pd.DataFrame) -> list[dict]:
    """Grid rows (one dict per item) for a filtered frame."""
    return table_frame(frame, ("id",)).to_dict("records")
