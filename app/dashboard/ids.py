"""Component ids shared by the layout, the callbacks and the browser tests."""

from __future__ import annotations

URL = "url"
PAGE = "page"
UPLOADS = "uploads"  # per-browser store of uploaded texts {key: {name, text}}
VIEW = "view-query"  # the query string minus the selected item: drives chart and table
SELECTED = "selected-item"
CHART_DRAWN = "chart-drawn"  # key and layout keys of the chart last sent: keeps the user's zoom
CHART_WIDTH = "chart-width"  # the chart's width in the browser (assets/chart_width.js writes it)
EMBED_WIDTH = "embed-width"  # the same on the embed page
ZOOM_FROM = "zoom-from"  # the first day of the x zoom (a view option's control), or None
ZOOM_TO = "zoom-to"  # the last day of the x zoom, or None
STAMP = "file-stamp"  # changes when the served file is saved: live reload
POLL = "poll"  # armed only for a served file while the tab is visible (live reload)
VISIBLE = "page-visible"  # assets/live_reload.js writes document.visibilityState here
PLAY_TIMER = "play-timer"

TIMELINE = "timeline-picker"
UPLOAD = "upload"
UPLOAD_ERRORS = "upload-errors"
FILE_ERRORS = "file-errors"

AS_OF_SLIDER = "asof-slider"
AS_OF = "asof-date"
AS_OF_LABEL = "asof-label"
LATEST = "asof-latest"
FILE_DATE = "asof-file-date"
PLAY = "play"
BASELINE = "baseline"
BASELINE_FILE = "baseline-file-date"
SOURCE = "source-view"


def filter_id(option: str) -> str:
    """The id of a filter's control, from its option name: "lanes" -> "filter-lanes"."""
    return f"filter-{option}"


LANES = filter_id("lanes")
KINDS = filter_id("kinds")
STATUSES = filter_id("statuses")
STATES = filter_id("states")
TAGS = filter_id("tags")
SEARCH = filter_id("search")
WINDOW = "filter-window"
RESET = "filter-reset"

COLOR_BY = "color-by"
AXIS = "axis"
LAYOUT = "row-layout"
OVERLAYS = "overlays"
COLLAPSE = "collapse-lanes"

TITLE = "timeline-title"
DESCRIPTION = "timeline-description"
META = "timeline-meta"
SOURCES = "timeline-sources"
COUNT = "item-count"
SUMMARY = "chart-summary"  # the chart in one sentence: its text alternative, with the table
GRAPH = "gantt"
DETAILS = "details"
DETAILS_CLOSE = "details-close"
CHART_ROW = "chart-row"
TABLE = "items-table"
SHARE = "share-link"
COPY = "copy-link"
COPIED = "copy-link-status"

DOWNLOAD = "download"
DL_HTML = "dl-html"
DL_PNG = "dl-png"
DL_SVG = "dl-svg"
DL_CSV = "dl-csv"
DL_YAML = "dl-yaml"
DL_PPTX = "dl-pptx"
DL_XLSX = "dl-xlsx"
DL_MD = "dl-md"
DL_MERMAID = "dl-mermaid"
DL_TIMELINEJS = "dl-timelinejs"
DL_ERRORS = "download-errors"

GOTO = "goto-item"  # pattern-matching {"type": GOTO, "item": id}
