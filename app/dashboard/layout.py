"""Page structure: the app shell, the full dashboard page, the embed page and the title block.

All file text goes into Dash components as plain strings, which React escapes; only http(s)
URLs become links.
"""

from __future__ import annotations

import dash_ag_grid as dag
from dash import dcc, html
from defense_timeline.dashboard import ids
from defense_timeline.dashboard.controls import control_panel
from defense_timeline.dashboard.served import Loaded
from defense_timeline.dashboard.state import PageState
from defense_timeline.dashboard.table import column_defs
from defense_timeline.errors import Problem
from defense_timeline.output.htmlpage import is_web_url
from defense_timeline.timeline.model import Source, Timeline

GRAPH_CONFIG = {
    "displaylogo": False,
    "scrollZoom": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"],
}


def shell() -> html.Div:
    """What every URL loads first; the page itself is rendered from the URL by a callback."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.UPLOADS, storage_type="session"),
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
    """The timeline's numbered list of sources, folded away under the description."""
    if timeline is None or not timeline.sources:
        return ""
    items = [
        html.Li(source_entry(s), id=f"source-{n}")
        for n, s in enumerate(timeline.sources.values(), start=1)
    ]
    return html.Details(
        [
            html.Summary(f"Sources ({len(items)})"),
            html.Ol(items, className="source-list"),
        ],
        className="sources",
    )


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


def header_bar() -> html.Header:
    """Application header: name, share link and downloads."""

    def dl(cid: str, label: str, title: str) -> html.Button:
        return html.Button(label, id=cid, className="btn btn-small", n_clicks=0, title=title)

    return html.Header(
        [
            html.Div(
                [
                    html.Span("◧", className="brand-mark", **{"aria-hidden": "true"}),
                    html.Span("Defense Timeline", className="brand-name"),
                ],
                className="brand",
            ),
            html.Div(
                [
                    html.Div(
                        [
                            html.Label(
                                "Link to this view", htmlFor=ids.SHARE, className="visually-hidden"
                            ),
                            dcc.Input(
                                id=ids.SHARE, readOnly=True, value="", className="share-input"
                            ),
                            dcc.Clipboard(
                                target_id=ids.SHARE,
                                id=ids.COPY,
                                title="Copy the link to this view",
                                className="copy-button",
                            ),
                        ],
                        className="share",
                    ),
                    html.Div(
                        [
                            html.Span("Download", className="toolbar-label"),
                            dl(ids.DL_HTML, "HTML", "Standalone interactive page of this view"),
                            dl(ids.DL_PNG, "PNG", "Image of this view"),
                            dl(ids.DL_SVG, "SVG", "Vector image of this view"),
                            dl(ids.DL_CSV, "CSV", "The filtered items as a table"),
                            dl(ids.DL_YAML, "YAML", "The timeline file"),
                        ],
                        className="toolbar",
                        role="group",
                        **{"aria-label": "Downloads"},
                    ),
                    dcc.Loading(
                        html.Div(id=ids.DL_ERRORS, className="download-status"),
                        type="dot",
                        delay_show=300,
                    ),
                    dcc.Download(id=ids.DOWNLOAD),
                ],
                className="header-tools",
            ),
        ],
        className="app-header",
    )


def main_page(loaded: Loaded | None, state: PageState, options: list[dict]) -> html.Div:
    """The full dashboard for a page state; callbacks fill the chart, table and details."""
    timeline = loaded.timeline if loaded else None
    key = loaded.key if loaded else None
    graph = dcc.Graph(
        id=ids.GRAPH,
        config=GRAPH_CONFIG,
        className="gantt",
        figure={"data": [], "layout": {"height": 500, "xaxis": {"type": "date"}}},  # see EMPTY
    )
    grid = dag.AgGrid(
        id=ids.TABLE,
        columnDefs=column_defs(),
        rowData=[],
        getRowId="params.data.id",
        defaultColDef={"sortable": True, "filter": True, "resizable": True},
        dashGridOptions={
            "rowSelection": {
                "mode": "singleRow",
                "checkboxes": False,
                "enableClickSelection": True,
            },
            "animateRows": False,
            "pagination": True,
            "paginationPageSize": 50,
            "paginationPageSizeSelector": False,
            "rowHeight": 34,
            "headerHeight": 38,
        },
        className="items-grid",
        style={"height": "420px"},
    )
    return html.Div(
        [
            dcc.Store(id=ids.VIEW),
            dcc.Store(id=ids.SELECTED, data=state.item),
            dcc.Store(id=ids.CHART_DRAWN, data={}),
            dcc.Store(id=ids.STAMP, data=loaded.stamp if loaded else None),
            dcc.Interval(id=ids.POLL, interval=1000),
            header_bar(),
            html.Div(
                [
                    control_panel(timeline, state, options, key),
                    html.Main(
                        [
                            html.Div(
                                [
                                    html.H1(id=ids.TITLE, className="timeline-title"),
                                    html.P(id=ids.DESCRIPTION, className="timeline-description"),
                                    html.Div(id=ids.META, className="timeline-meta"),
                                    html.Div(id=ids.SOURCES),
                                    html.Div(id=ids.FILE_ERRORS),
                                ],
                                className="title-block",
                            ),
                            html.Div(
                                [
                                    html.Section(
                                        [
                                            html.Div(
                                                id=ids.COUNT, className="count", role="status"
                                            ),
                                            graph,
                                        ],
                                        className="chart-card card",
                                        **{"aria-label": "Gantt chart"},
                                    ),
                                    html.Aside(
                                        [
                                            html.Button(
                                                "×",
                                                id=ids.DETAILS_CLOSE,
                                                className="details-close",
                                                title="Close the details",
                                                n_clicks=0,
                                                **{"aria-label": "Close the details"},
                                            ),
                                            html.Div(id=ids.DETAILS, **{"aria-live": "polite"}),
                                        ],
                                        className="details-card card",
                                        **{"aria-label": "Item details"},
                                    ),
                                ],
                                id=ids.CHART_ROW,
                                className="chart-row has-details" if state.item else "chart-row",
                            ),
                            html.Section(
                                [html.H2("Items", className="card-title"), grid],
                                className="table-card card",
                                **{"aria-label": "Items table"},
                            ),
                        ],
                        className="main-area",
                    ),
                ],
                className="workspace",
            ),
        ],
        className="app",
    )


def embed_page(loaded: Loaded | None, figure) -> html.Div:
    """The chart alone, for an iframe: same query as the dashboard, no controls."""
    if loaded is None or loaded.timeline is None:
        return html.Div(file_errors(loaded), className="embed")
    return html.Div(
        dcc.Graph(id=ids.GRAPH, figure=figure, config=GRAPH_CONFIG, className="gantt gantt-embed"),
        className="embed",
    )
