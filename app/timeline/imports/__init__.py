"""Timelines from where analysts and journalists keep them: CSV and XLSX sheets, the TimelineJS
Google-Sheets template and TimelineJS JSON, converted to the YAML format and checked by the
project's own loader. Problems are named at their cell (plans.xlsx:Plans!C4), row and column of a
CSV (plans.csv:C4) or JSON path (events.json:events[3].start_date.month)."""

from defense_timeline.timeline.imports.build import Imported
from defense_timeline.timeline.imports.convert import (
    FORMATS,
    SUFFIXES,
    convert,
    format_of,
    import_file,
)
from defense_timeline.timeline.imports.entries import ImportOptions

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "ImportOptions",
    "Imported",
    "convert",
    "format_of",
    "import_file",
]
