"""Page structure: the app shell, the full dashboard page, the embed page and the title block.

All file text goes into Dash components as plain strings, which React escapes; only http(s)
URLs become links.
"""

from __future__ import annotations

import dash_ag_grid as dag
from dash import dcc, html
from defense_timeline.dashboard import ids
from defense_timeline.dashboard.downloads import toolbar
from defense_timeline.dashboard.draft_panel import draft_card
from defense_timeline.dashboard.panel import control_panel, share_box
from defense_timeline.dashboard.problems import file_errors
from defense_timeline.dashboard.served import Loaded
from defense_timeline.dashboard.state import PageState
from defense_timeline.dashboard.table import column_defs
from defense_timeline.dashboard.zoom import zoom_stores
from defense_timeline.output.fitted import FIT_WIDTHS
from defense_timeline.output.htmlpage import is_web_url
from defense_timeline.timeline.model import Source, Timeline

LISTED_SOURCES = 50  # sources the title block lists (the rest: in the details and the HTML)
POLL_MS = 2000  # how often a visible tab asks whether the served file on screen was saved
GRAPH_CONFIG = {
    "displaylogo": False,
    "scrollZoom": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"],
}
GRID_OPTIONS = {
    "rowSelection": {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True},
    "animateRows": False,
    "pagination": True,
    "paginationPageSize": 50,
    "paginationPageSizeSelector": False,
    "rowHeight": 34,
    "headerHeight": 38,
}


def shell() -> html.Div:
    """What every URL loads first; the page itself is rendered from the URL by a callback."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.UPLOADS, storage_type="session"),
            dcc.Store(id=ids.VISIBLE, data="visible"),
            html.Div(id=ids.PAGE, className="page-root"),
        ]
    )


def source_entry(source: Source) -> list:
    """A source as text, its title linked only when its URL is http(s)."""
    title = (
        html.A(source.title, href=source.url, target="_blank", rel="noopener noreferrer")
        if is_web_url(source.url)
        else html.Span(source.title)
    )
    parts = [title]
    extra = [
        x for x in (source.publisher, source.date.text if source.date else "", source.kind) if x
    ]
    if extra:
        parts.append(html.Span(" — " + ", ".join(extra), className="muted"))
    return parts


def sources_list(timeline: Timeline | None) -> html.Details | str:
    """The timeline's numbered list of sources, folded away under the description: the first
    LISTED_SOURCES of them. Dash's renderer re-checks every component on each update, so a
    list of 750 sources (2,250 components) made a 3,000-item dashboard draw in 9.5 s, not 2.8."""
    if timeline is None or not timeline.sources:
        return ""
    sources = list(timeline.sources.values())
    items = [
        html.Li(source_entry(s), id=f"source-{n}")
        for n, s in enumerate(sources[:LISTED_SOURCES], start=1)
    ]
    parts = [html.Summary(f"Sources ({len(sources)})"), html.Ol(items, className="source-list")]
    if len(sources) > LISTED_SOURCES:
        rest = len(sources) - LISTED_SOURCES
        parts.append(
            html.P(
                f"{rest:,} more not listed here: each item's details cite its own sources, and "
                "the HTML download lists every source the items in view cite.",
                className="muted sources-more",
            )
        )
    return html.Details(parts, className="sources")


def header_bar() -> html.Header:
    """Application header: name, share link and downloads."""
    brand = html.Div(
        [
            html.Span("◧", className="brand-mark", **{"aria-hidden": "true"}),
            html.Span("Defense Timeline", className="brand-name"),
        ],
        className="brand",
    )
    tools = html.Div([share_box(), *toolbar()], className="header-tools")
    return html.Header([brand, tools], className="app-header")


def _stores(loaded: Loaded | None, state: PageState) -> list:
    """The page's stores: the view query, the selected item, the chart drawn, the file stamp."""
    return [
        dcc.Store(id=ids.VIEW),
        dcc.Store(id=ids.SELECTED, data=state.item),
        dcc.Store(id=ids.CHART_DRAWN, data={}),
        dcc.Store(id=ids.CHART_WIDTH),
        *zoom_stores(state.view),
        dcc.Store(id=ids.STAMP, data=loaded.stamp if loaded else None),
        dcc.Interval(id=ids.POLL, interval=POLL_MS, disabled=True),  # live reload arms it
    ]


def _title_block() -> html.Div:
    """Title, description, facts, sources and the file's errors (callbacks fill them)."""
    return html.Div(
        [
            html.H1(id=ids.TITLE, className="timeline-title"),
            html.P(id=ids.DESCRIPTION, className="timeline-description"),
            html.Div(id=ids.META, className="timeline-meta"),
            html.Div(id=ids.SOURCES),
            html.Div(id=ids.FILE_ERRORS),
        ],
        className="title-block",
    )


def _chart_card() -> html.Section:
    """The item count and the Gantt chart."""
    graph = dcc.Graph(
        id=ids.GRAPH,
        config=GRAPH_CONFIG,
        className="gantt",
        figure={"data": [], "layout": {"height": 500, "xaxis": {"type": "date"}}},  # see EMPTY
    )
    summary = html.P(id=ids.SUMMARY, className="chart-summary")
    return html.Section(
        [html.Div(id=ids.COUNT, className="count", role="status"), graph, summary],
        className="chart-card card",
        **{
            "aria-label": "Gantt chart",
            "aria-describedby": ids.SUMMARY,
            "data-fit-widths": ",".join(map(str, FIT_WIDTHS)),  # read by assets/chart_width.js
            "data-width-store": ids.CHART_WIDTH,
        },
    )


def _details_card() -> html.Aside:
    """The selected item's details, with a button that closes them."""
    close = html.Button(
        "×",
        id=ids.DETAILS_CLOSE,
        className="details-close",
        title="Close the details",
        n_clicks=0,
        **{"aria-label": "Close the details"},
    )
    return html.Aside(
        [close, html.Div(id=ids.DETAILS, **{"aria-live": "polite"})],
        className="details-card card",
        **{"aria-label": "Item details"},
    )


def _table_card() -> html.Section:
    """The items of the view as a sortable, filterable table."""
    grid = dag.AgGrid(
        id=ids.TABLE,
        columnDefs=column_defs(),
        rowData=[],
        getRowId="params.data.id",
        defaultColDef={"sortable": True, "filter": True, "resizable": True},
        dashGridOptions=GRID_OPTIONS,
        className="items-grid",
        style={"height": "420px"},
    )
    return html.Section(
        [html.H2("Items", className="card-title"), grid],
        className="table-card card",
        **{"aria-label": "Items table"},
    )


def _main_area(state: PageState) -> html.Main:
    """Title block, chart beside the details, and the table."""
    chart_row = html.Div(
        [_chart_card(), _details_card()],
        id=ids.CHART_ROW,
        className="chart-row has-details" if state.item else "chart-row",
    )
    return html.Main(
        [_title_block(), chart_row, _table_card(), draft_card()], className="main-area"
    )


def main_page(
    loaded: Loaded | None,
    state: PageState,
    options: list[dict],
    keeps: bool = False,
    notice: html.Div | None = None,
) -> html.Div:
    """The full dashboard for a page state; callbacks fill the chart, table and details;
    keeps: the server keeps uploads; notice: what the upload box says at first."""
    timeline = loaded.timeline if loaded else None
    key = loaded.key if loaded else None
    panel = control_panel(timeline, state, options, key, keeps, notice)
    workspace = html.Div([panel, _main_area(state)], className="workspace")
    return html.Div([*_stores(loaded, state), header_bar(), workspace], className="app")


def not_found_page(loaded: Loaded, embed: bool = False) -> html.Div:
    """What a link to a timeline this server does not have shows: that, and a way out."""
    body = [
        html.H1("Timeline not found", className="timeline-title"),
        html.P(
            [
                "This link names a timeline that this server does not have: ",
                html.Code(loaded.key[:80]),
                ". It may be a file the server no longer serves, or an upload that was kept "
                "only in the browser tab it was opened in.",
            ]
        ),
    ]
    if not embed:
        body.append(html.P(html.A("Open the dashboard on its first timeline", href="./")))
    return html.Main(body, className="not-found card", role="alert")


def embed_page(loaded: Loaded | None, figure) -> html.Div:
    """The chart alone, for an iframe: same query as the dashboard, no controls."""
    if loaded is None or loaded.timeline is None:
        return html.Div(file_errors(loaded), className="embed")
    graph = dcc.Graph(
        id=ids.GRAPH, figure=figure, config=GRAPH_CONFIG, className="gantt gantt-embed"
    )
    title = html.H1(loaded.timeline.title, className="visually-hidden")
    # laid out again for the iframe's width once assets/chart_width.js has measured it
    fits = {"data-fit-widths": ",".join(map(str, FIT_WIDTHS)), "data-width-store": ids.EMBED_WIDTH}
    box = html.Div([graph, dcc.Store(id=ids.EMBED_WIDTH)], className="embed-card", **fits)
    return html.Main([title, box], className="embed")
