"""Page rendering from the URL, the chart/table/title update, item selection and details.

Flow: URL -> page (controls set from the query) -> controls -> view query store (and URL) ->
chart, table and title block. Selecting an item only patches the chart's highlight outline.
"""

from __future__ import annotations

from dash import ALL, Dash, Input, Output, Patch, State, ctx, html, no_update
from defense_timeline.chart.parts import item_of
from defense_timeline.dashboard import guard, ids
from defense_timeline.dashboard.details import details_panel, empty_details
from defense_timeline.dashboard.layout import (
    embed_page,
    file_errors,
    main_page,
    not_found_page,
    sources_list,
)
from defense_timeline.dashboard.served import Loaded, ServedFiles, picker_options, resolve
from defense_timeline.dashboard.state import MAX_TEXT, PageState, from_query
from defense_timeline.dashboard.timeline_picker import dropped_notice
from defense_timeline.dashboard.views import (
    arrows_shown,
    figure_with_highlight,
    fit_width,
    highlighted_shapes,
    meta_text,
    own_layout,
    plain_figure,
    table_answer,
)
from defense_timeline.dashboard.zoom import (
    ZOOM_FLAG_JS,
    chart_key,
    drawn_keys,
    keeping_zoom,
    time_axes,
    zoomed,
)
from defense_timeline.errors import DefenseTimelineError

EMPTY_FIGURE = {
    "data": [],
    # a date x axis like every real chart: plotly.js 4 draws stale NaN shapes when a react
    # changes an axis's type
    "layout": {
        "height": 300,
        "xaxis": {"type": "date", "visible": False},
        "yaxis": {"visible": False},
    },
}


def is_embed(pathname: str | None) -> bool:
    """Whether a path asks for the chart alone."""
    return isinstance(pathname, str) and pathname.rstrip("/").endswith("/embed")


def render_page(
    served: ServedFiles, pathname: str | None, search: str | None, uploads: dict | None
):
    """The page for a URL: the dashboard with controls set from the query, or the embed view."""
    state = from_query(search)
    loaded = resolve(served, state.timeline, uploads)
    if loaded is not None and loaded.missing:
        return not_found_page(loaded, embed=is_embed(pathname))
    if is_embed(pathname):
        if loaded is None or loaded.timeline is None:
            return embed_page(loaded, None)
        return embed_page(loaded, plain_figure(loaded, state.view))
    options = picker_options(served, uploads, loaded)
    notice = dropped_notice(uploads)  # uploads this tab keeps that cannot be used
    return main_page(loaded, state, options, served.store is not None, notice)


def embed_figure(
    served: ServedFiles, pathname: str | None, search: str | None, uploads: dict | None, width
):
    """The embed page's chart laid out again for the width its iframe gives it."""
    loaded = resolve(served, from_query(search).timeline, uploads)
    if not is_embed(pathname) or loaded is None or loaded.timeline is None:
        return no_update
    return plain_figure(loaded, from_query(search).view, fit_width(width))


def head_outputs(served: ServedFiles, key: str | None, uploads: dict | None) -> tuple:
    """Title, description, sources and the file's errors: they change only with the file."""
    loaded = resolve(served, key, uploads)
    errors = file_errors(loaded)
    if loaded is None or loaded.timeline is None:
        return ("No timeline" if loaded is None else loaded.label), "", "", errors
    timeline = loaded.timeline
    return timeline.title, timeline.description, sources_list(timeline), errors


def chart_outputs(
    served: ServedFiles, query: str | None, uploads: dict | None, selected: str | None
) -> tuple:
    """The figure of a view and the line saying what it shows."""
    fig, meta, _drawn = chart_update(served, query, uploads, selected, None)
    return fig, meta


def chart_update(
    served: ServedFiles,
    query: str | None,
    uploads: dict | None,
    selected: str | None,
    drawn: dict | None,
    zoom: tuple = (None, None),
    measured: object = None,
) -> tuple:
    """The chart's figure, meta line and store: a patch keeping the x range when the user has
    zoomed the chart already drawn (drawn: the store), else the whole figure, at the zoom's
    range if there is one (zoom: the zoom's controls, from the link or the last relayout); its
    labels laid out for the width the browser measured."""
    state, selected = from_query(query), item_id(selected)
    loaded = resolve(served, state.timeline, uploads)
    if loaded is None or loaded.timeline is None:
        return EMPTY_FIGURE, "", None
    timeline, view = loaded.timeline, state.view
    meta = [html.Span(text, className="meta-item") for text in meta_text(timeline, view)]
    try:
        fig = figure_with_highlight(loaded, view, selected, fit_width(measured))
    except DefenseTimelineError as exc:  # a view the figure cannot draw: say so, keep the page
        return EMPTY_FIGURE, html.Div(str(exc), role="alert", className="problems"), None
    key = chart_key(loaded)
    stored = {"key": key, **drawn_keys(fig)}
    if isinstance(drawn, dict) and drawn.get("key") == key and drawn.get("zoom") == "user":
        return keeping_zoom(fig, drawn), meta, {**stored, "zoom": "user"}
    out = own_layout(fig, *time_axes(fig["layout"]))  # fig may be the cached one: never changed
    if zoomed(out, *zoom):
        return out, meta, {**stored, "zoom": "user"}
    return fig, meta, stored


def table_outputs(served: ServedFiles, query: str | None, uploads: dict | None) -> tuple:
    """Table rows, the item count and the chart's text alternative for a view (a callback of
    its own, beside the chart's)."""
    state = from_query(query)
    loaded = resolve(served, state.timeline, uploads)
    if loaded is None or loaded.timeline is None:
        return [], "", ""
    return table_answer(loaded, state.view)


def item_id(value: object) -> str | None:
    """An item id from a client: a non-empty string of sane length, else None."""
    return value if isinstance(value, str) and 0 < len(value) <= MAX_TEXT else None


def _first(value: object) -> dict:
    """The first entry of a list from a client when it is a dict, else an empty dict."""
    return value[0] if isinstance(value, list) and value and isinstance(value[0], dict) else {}


def selection_from(trigger, click: dict | None, rows: list | None) -> str | None:
    """The item id a chart click, table selection or related-item button asks for; anything
    not shaped as the browser sends it selects nothing."""
    if isinstance(trigger, dict) and trigger.get("type") == ids.GOTO:
        return item_id(trigger.get("item"))
    if trigger == ids.GRAPH and isinstance(click, dict):
        return item_id(item_of(_first(click.get("points")).get("customdata")))
    if trigger == ids.TABLE:
        return item_id(_first(rows).get("id"))
    return None


def _details(loaded: Loaded | None, state: PageState, selected: str | None) -> list:
    if not selected or loaded is None or loaded.timeline is None:
        return empty_details()
    return details_panel(loaded.timeline, selected, state.view)


def highlight_patch(
    loaded: Loaded | None, state: PageState, selected: str | None, measured: object = None
) -> Patch:
    """A chart patch that moves the selection outline, without redrawing the chart."""
    patch = Patch()
    if loaded is None or loaded.timeline is None:
        return patch
    fit = fit_width(measured)
    patch["layout"]["shapes"] = highlighted_shapes(loaded, state.view, selected, fit)
    for n, visible in arrows_shown(loaded, state.view, selected, fit).items():
        patch["layout"]["annotations"][n]["visible"] = visible
    return patch


def register(app: Dash, served: ServedFiles) -> None:
    """Attach the page, view and selection callbacks to an app, and the request envelope check."""
    guard.register(app)
    _register_page(app, served)
    _register_chart(app, served)
    _register_selection(app, served)


def _register_page(app: Dash, served: ServedFiles) -> None:
    """The page from the URL, and the title block from the file."""

    @app.callback(
        Output(ids.PAGE, "children"),
        Input(ids.URL, "pathname"),
        State(ids.URL, "search"),
        State(ids.UPLOADS, "data"),
    )
    def _page(pathname, search, uploads):
        return render_page(served, pathname, search, uploads)

    @app.callback(
        Output(ids.TITLE, "children"),
        Output(ids.DESCRIPTION, "children"),
        Output(ids.SOURCES, "children"),
        Output(ids.FILE_ERRORS, "children"),
        Input(ids.TIMELINE, "value"),
        Input(ids.STAMP, "data"),
        State(ids.UPLOADS, "data"),
    )
    def _head(key, _stamp, uploads):
        return head_outputs(served, key, uploads)


def _register_chart(app: Dash, served: ServedFiles) -> None:
    """The chart (keeping the user's zoom) and the table of a view."""

    @app.callback(
        Output(ids.GRAPH, "figure"),
        Output(ids.META, "children"),
        Output(ids.CHART_DRAWN, "data"),
        Input(ids.VIEW, "data"),
        Input(ids.STAMP, "data"),
        Input(ids.CHART_WIDTH, "data"),
        State(ids.UPLOADS, "data"),
        State(ids.SELECTED, "data"),
        State(ids.CHART_DRAWN, "data"),
        State(ids.ZOOM_FROM, "data"),
        State(ids.ZOOM_TO, "data"),
    )
    def _chart(query, _stamp, width, uploads, selected, drawn, x_from, x_to):
        if query is None:
            return no_update, no_update, no_update
        return chart_update(served, query, uploads, selected, drawn, (x_from, x_to), width)

    # in the browser: a server round trip would be dropped by the resize relayout that follows
    app.clientside_callback(
        ZOOM_FLAG_JS,
        Output(ids.CHART_DRAWN, "data", allow_duplicate=True),
        Input(ids.GRAPH, "relayoutData"),
        State(ids.CHART_DRAWN, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.GRAPH, "figure", allow_duplicate=True),
        Input(ids.EMBED_WIDTH, "data"),
        State(ids.URL, "pathname"),
        State(ids.URL, "search"),
        State(ids.UPLOADS, "data"),
        prevent_initial_call=True,
    )
    def _embed_width(width, pathname, search, uploads):
        return embed_figure(served, pathname, search, uploads, width)

    @app.callback(
        Output(ids.TABLE, "rowData"),
        Output(ids.COUNT, "children"),
        Output(ids.SUMMARY, "children"),
        Input(ids.VIEW, "data"),
        Input(ids.STAMP, "data"),
        State(ids.UPLOADS, "data"),
    )
    def _table(query, _stamp, uploads):
        if query is None:
            return no_update, no_update, no_update
        return table_outputs(served, query, uploads)


def _register_selection(app: Dash, served: ServedFiles) -> None:
    """Selecting an item: the details panel and the chart's outline."""

    @app.callback(
        Output(ids.SELECTED, "data"),
        Input(ids.GRAPH, "clickData"),
        Input(ids.TABLE, "selectedRows"),
        Input({"type": ids.GOTO, "item": ALL}, "n_clicks"),
        Input(ids.DETAILS_CLOSE, "n_clicks"),
        prevent_initial_call=True,
    )
    def _select(click, rows, _goto, _close):
        trigger = ctx.triggered_id
        if trigger == ids.DETAILS_CLOSE:
            return None
        if isinstance(trigger, dict) and not (ctx.triggered and ctx.triggered[0]["value"]):
            return no_update  # buttons appearing in a new details panel are not clicks
        chosen = selection_from(trigger, click, rows)
        return chosen if chosen else no_update

    @app.callback(
        Output(ids.DETAILS, "children"),
        Output(ids.CHART_ROW, "className"),
        Output(ids.GRAPH, "figure", allow_duplicate=True),
        Input(ids.SELECTED, "data"),
        Input(ids.VIEW, "data"),
        Input(ids.STAMP, "data"),
        State(ids.UPLOADS, "data"),
        State(ids.CHART_WIDTH, "data"),
        prevent_initial_call="initial_duplicate",
    )
    def _show_details(selected, query, _stamp, uploads, width):
        if query is None:
            return no_update, no_update, no_update
        state, selected = from_query(query), item_id(selected)
        loaded = resolve(served, state.timeline, uploads)
        details = _details(loaded, state, selected)
        row_class = "chart-row has-details" if selected else "chart-row"
        if ctx.triggered_id != ids.SELECTED:
            return details, row_class, no_update  # the chart callback draws the outline itself
        return details, row_class, highlight_patch(loaded, state, selected, width)
