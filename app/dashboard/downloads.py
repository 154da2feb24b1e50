"""Downloads: the header's buttons, and the view as HTML, PNG, SVG, CSV or its YAML file."""

from __future__ import annotations

import threading

from dash import Dash, Input, Output, State, ctx, dcc, html, no_update
from defense_timeline.dashboard import ids
from defense_timeline.dashboard.served import Loaded, ServedFiles, resolve
from defense_timeline.dashboard.state import from_query
from defense_timeline.dashboard.views import filtered
from defense_timeline.dashboard.widgets import button
from defense_timeline.errors import DefenseTimelineError
from defense_timeline.view.tables import to_csv

# button id: (format, label, tooltip)
DOWNLOADS = {
    ids.DL_HTML: ("html", "HTML", "Standalone interactive page of this view"),
    ids.DL_PNG: ("png", "PNG", "Image of this view"),
    ids.DL_SVG: ("svg", "SVG", "Vector image of this view"),
    ids.DL_CSV: ("csv", "CSV", "The filtered items as a table"),
    ids.DL_YAML: ("yaml", "YAML", "The timeline file"),
}
IMAGE_FORMATS = ("png", "svg")  # made by kaleido: seconds of server time each
IMAGE_SLOTS = 2  # images made at once by one server process; more are answered "busy"
_IMAGES = threading.BoundedSemaphore(IMAGE_SLOTS)
BUSY = "The server is busy making other images; try again in a moment."
MIME = {
    "html": "text/html",
    "png": "image/png",
    "svg": "image/svg+xml",
    "csv": "text/csv",
    "yaml": "application/yaml",
}


def toolbar() -> list:
    """The download buttons, what went wrong with the last one, and the download itself."""
    buttons = [button(label, cid, title) for cid, (_, label, title) in DOWNLOADS.items()]
    return [
        html.Div(
            [html.Span("Download", className="toolbar-label"), *buttons],
            className="toolbar",
            role="group",
            **{"aria-label": "Downloads"},
        ),
        dcc.Loading(
            html.Div(id=ids.DL_ERRORS, className="download-status"), type="dot", delay_show=300
        ),
        dcc.Download(id=ids.DOWNLOAD),
    ]


def _filename(loaded: Loaded, day, fmt: str) -> str:
    stem = loaded.path.stem if loaded.path else loaded.key
    return f"{stem}-as-of-{day.isoformat()}.{fmt}"


def download(served: ServedFiles, which: str, query: str | None, uploads: dict | None):
    """A dcc.Download payload for the view in one format (DefenseTimelineError if impossible)."""
    from defense_timeline.output.render import render

    state = from_query(query)
    loaded = resolve(served, state.timeline, uploads)
    if loaded is not None and loaded.missing:
        raise DefenseTimelineError("nothing to download: the timeline was not found")
    if loaded is None or loaded.timeline is None:
        raise DefenseTimelineError("nothing to download: the timeline has errors")
    fmt = DOWNLOADS[which][0]
    view = state.view
    day = view.as_of or loaded.timeline.as_of
    if fmt == "yaml":
        if loaded.path is not None:
            return dcc.send_file(str(loaded.path), filename=loaded.path.name, type=MIME[fmt])
        return dcc.send_string(loaded.text or "", filename=f"{loaded.key}.yaml", type=MIME[fmt])
    if fmt == "csv":
        df, _ = filtered(loaded, view)
        # the same CSV as `defense-timeline table` gives for this view
        return dcc.send_string(to_csv(df), filename=_filename(loaded, day, fmt), type=MIME[fmt])
    if fmt in IMAGE_FORMATS:
        data = _image(render, loaded, fmt, view)
    else:
        data = render(loaded.timeline, fmt, view=view)
    return dcc.send_bytes(data, filename=_filename(loaded, day, fmt), type=MIME[fmt])


def _image(render, loaded: Loaded, fmt: str, view) -> bytes:
    """An image, made only while a slot is free: it never waits behind others (BUSY instead)."""
    if not _IMAGES.acquire(blocking=False):
        raise DefenseTimelineError(BUSY)
    try:
        return render(loaded.timeline, fmt, view=view)
    finally:
        _IMAGES.release()


def register(app: Dash, served: ServedFiles) -> None:
    """Attach the download callback to an app."""

    @app.callback(
        Output(ids.DOWNLOAD, "data"),
        Output(ids.DL_ERRORS, "children"),
        *[Input(cid, "n_clicks") for cid in DOWNLOADS],
        State(ids.VIEW, "data"),
        State(ids.UPLOADS, "data"),
        prevent_initial_call=True,
    )
    def _download(*args):
        query, uploads = args[-2], args[-1]
        which = ctx.triggered_id
        if not isinstance(which, str) or which not in DOWNLOADS:
            return no_update, no_update
        if not (ctx.triggered and ctx.triggered[0]["value"]):
            return no_update, no_update
        try:
            return download(served, which, query, uploads), ""
        except DefenseTimelineError as exc:
            return no_update, html.Span(str(exc), className="warning-text", role="alert")
