"""The px.timeline recipe a user would write for the same YAML file: the benchmark's baseline."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import plotly.express as px
import yaml


def load(path: Path) -> dict:
    """Bare safe C YAML load, GC running, nothing validated."""
    text = Path(path).read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.CSafeLoader)


def _dates(values: pd.Series) -> pd.Series:
    """pd.to_datetime as a user writes it for mixed date text; unknown forms become NaT."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas warns about '2018-Q3'; the recipe does not care
        return pd.to_datetime(values.astype(str), errors="coerce", format="mixed")


def frame(data: dict) -> pd.DataFrame:
    """A DataFrame of the items, Start/Finish from start/end, or date for point items."""
    df = pd.DataFrame(data["items"])
    for col in ("start", "end", "date"):
        if col not in df:
            df[col] = None
    df["Start"] = _dates(df["start"].combine_first(df["date"]))
    df["Finish"] = _dates(df["end"].combine_first(df["date"]))
    return df


def figure(df: pd.DataFrame):
    """px.timeline with one row per lane, coloured by status, titles on hover."""
    return px.timeline(
        df, x_start="Start", x_end="Finish", y="lane", color="status", hover_name="title"
    )


def write_html(fig, out: Path) -> Path:
    """The self-contained page: plotly.js inlined."""
    fig.write_html(str(out), include_plotlyjs=True)
    return Path(out)


def placed(df: pd.DataFrame) -> int:
    """How many items the recipe can place on the axis (both Start and Finish parsed)."""
    return int((df["Start"].notna() & df["Finish"].notna()).sum())
