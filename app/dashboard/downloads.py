"""Downloads: the header's buttons, and the view as HTML, PNG, SVG, PowerPoint, CSV, xlsx,
Markdown, Mermaid, TimelineJS JSON or its YAML file.

What is on screen is what is downloaded: the view with its zoom (images and the page open at the
zoomed range; the CSV lists the items the zoomed range shows), under a file name that names the
view.
"""

from __future__ import annotations

import dataclasses
import functools
import threading
from pathlib import Path

from dash import Dash, Input, Output, State, ctx, dcc, html, no_update
from defense_timeline.dashboard import ids, isolated
from defense_timeline.dashboard.served import UPLOAD_LIMIT, Loaded, ServedFiles, resolve
from defense_timeline.dashboard.state import from_query, iso_day
from defense_timeline.dashboard.views import filtered
from defense_timeline.dashboard.widgets import button
from defense_timeline.errors import DefenseTimelineError
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.options import LIST_KINDS, OPTIONS, ViewOptions, is_filter
from defense_timeline.view.tables import to_csv

# button id: (format, label, tooltip)
DOWNLOADS = {
    ids.DL_HTML: ("html", "HTML", "Standalone interactive page of this view"),
    ids.DL_PNG: ("png", "PNG", "Image of this view"),
    ids.DL_SVG: ("svg", "SVG", "Vector image of this view"),
    ids.DL_PPTX: ("pptx", "PPTX", "This view as an editable PowerPoint slide, and its sources"),
    ids.DL_CSV: ("csv", "CSV", "The filtered items as a table"),
    ids.DL_XLSX: ("xlsx", "XLSX", "The filtered items and the sources as an Excel workbook"),
    ids.DL_MD: ("md", "Markdown", "A Markdown report: Mermaid chart, items table, sources"),
    ids.DL_MERMAID: ("mermaid", "Mermaid", "This view as a Mermaid gantt chart"),
    ids.DL_TIMELINEJS: ("timelinejs", "TimelineJS", "This view as TimelineJS 3 JSON"),
    ids.DL_YAML: ("yaml", "YAML", "The timeline file"),
}
SUFFIX = {"mermaid": "mmd", "timelinejs": "timeline.json"}  # file name endings, else the format
CHEAP_SLOTS = 2  # CSV downloads made at once by one server process; more are answered "busy"
_CHEAP = threading.BoundedSemaphore(CHEAP_SLOTS)
MIME = {
    "html": "text/html",
    "png": "image/png",
    "svg": "image/svg+xml",
    "csv": "text/csv",
    "yaml": "application/yaml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "md": "text/markdown",
    "mermaid": "text/plain",
    "timelinejs": "application/json",
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


def _name_parts(view: ViewOptions) -> list[str]:
    """The view's filters, baseline and zoom, each as a short file-name part."""
    parts = [f"vs-{view.baseline.isoformat()}"] if view.baseline else []
    for opt in OPTIONS:
        value = getattr(view.filters, opt.name) if is_filter(opt) else None
        if value and opt.kind in LIST_KINDS:
            parts.append(f"{opt.plural}-{len(value)}")
    if view.collapsed:
        parts.append(f"collapsed-{len(view.collapsed)}")
    f = view.filters
    if f.search:
        parts.append("search")
    if f.window_start or f.window_end:
        parts.append("window")
    if view.x_from and view.x_to:
        parts.append(f"zoom-{view.x_from.isoformat()}-to-{view.x_to.isoformat()}")
    return parts


def view_filename(loaded: Loaded, view: ViewOptions, fmt: str) -> str:
    """A file name that names the view: japan_defense_2017_as-of-2017-02-19_lanes-2.png."""
    stem = loaded.path.stem if loaded.path else loaded.key[:19]
    day = view.as_of or loaded.timeline.as_of
    return "_".join([stem, f"as-of-{day.isoformat()}", *_name_parts(view)]) + f".{fmt}"


def on_screen(view: ViewOptions) -> ViewOptions:
    """The view's filters narrowed to the zoomed range: the items the zoomed chart shows."""
    f = view.filters
    start = max(d for d in (f.window_start, view.x_from) if d) if view.x_from else f.window_start
    end = min(d for d in (f.window_end, view.x_to) if d) if view.x_to else f.window_end
    filters = dataclasses.replace(f, window_start=start, window_end=end)
    return dataclasses.replace(view, filters=filters)


def download(
    served: ServedFiles,
    which: str,
    query: str | None,
    uploads: dict | None,
    zoom: tuple = (None, None),
):
    """A dcc.Download payload for the view in one format at the zoom on screen (zoom: its
    controls' days); DefenseTimelineError if impossible."""
    state = from_query(query)
    start, stop = iso_day(zoom[0]), iso_day(zoom[1])
    if start and stop and start <= stop:
        state = dataclasses.replace(
            state, view=dataclasses.replace(state.view, x_from=start, x_to=stop)
        )
    loaded = resolve(served, state.timeline, uploads)
    if loaded is not None and loaded.missing:
        raise DefenseTimelineError("nothing to download: the timeline was not found")
    if loaded is None or loaded.timeline is None:
        raise DefenseTimelineError("nothing to download: the timeline has errors")
    fmt = DOWNLOADS[which][0]
    view = state.view
    if fmt == "yaml":
        if loaded.path is not None:
            return dcc.send_file(str(loaded.path), filename=loaded.path.name, type=MIME[fmt])
        return dcc.send_string(loaded.text or "", filename=f"{loaded.key}.yaml", type=MIME[fmt])
    name = view_filename(loaded, view, SUFFIX.get(fmt, fmt))
    if fmt == "csv":
        # the same CSV as `defense-timeline table` gives for this view (and --from/--to)
        return dcc.send_string(_csv(loaded, view), filename=name, type=MIME[fmt])
    data = isolated.run(isolated.DOWNLOAD, make_download, _source(loaded), fmt, view)
    return dcc.send_bytes(data, filename=name, type=MIME[fmt])


def _csv(loaded: Loaded, view: ViewOptions) -> str:
    """The CSV of a view's items on screen, made while a slot is free (else Busy)."""
    if not _CHEAP.acquire(blocking=False):
        raise isolated.Busy(isolated.DOWNLOAD.busy)
    try:
        return to_csv(filtered(loaded, on_screen(view))[0])
    finally:
        _CHEAP.release()


def _source(loaded: Loaded) -> tuple:
    """What a helper process needs to load the timeline shown: the file's path while it loads
    cleanly, else the upload's text, else (a file saved with errors) its last good timeline."""
    if loaded.path is not None and not loaded.problems:
        return ("path", str(loaded.path), loaded.stamp)
    if loaded.text is not None:
        return ("text", loaded.text, loaded.label)
    return ("timeline", loaded.timeline)


@functools.lru_cache(maxsize=2)
def _load_source(source: tuple) -> Timeline:
    from defense_timeline.timeline import loader

    if source[0] == "path":
        return loader.load(Path(source[1]))
    if source[0] == "text":
        return loader.loads(source[1], name="upload.yaml", max_bytes=UPLOAD_LIMIT)
    return source[1]


def make_download(source: tuple, fmt: str, view: ViewOptions) -> bytes:
    """The bytes of a download (in a helper process: see isolated)."""
    from defense_timeline.output.render import render

    timeline = source[1] if source[0] == "timeline" else _load_source(source)
    return render(timeline, fmt, view=view)


def register(app: Dash, served: ServedFiles) -> None:
    """Attach the download callback to an app."""

    @app.callback(
        Output(ids.DOWNLOAD, "data"),
        Output(ids.DL_ERRORS, "children"),
        *[Input(cid, "n_clicks") for cid in DOWNLOADS],
        State(ids.VIEW, "data"),
        State(ids.UPLOADS, "data"),
        State(ids.ZOOM_FROM, "data"),
        State(ids.ZOOM_TO, "data"),
        prevent_initial_call=True,
    )
    def _download(*args):
        query, uploads, zoom = args[-4], args[-3], args[-2:]
        which = ctx.triggered_id
        if not isinstance(which, str) or which not in DOWNLOADS:
            return no_update, no_update
        if not (ctx.triggered and ctx.triggered[0]["value"]):
            return no_update, no_update
        try:
            return download(served, which, query, uploads, tuple(zoom)), ""
        except DefenseTimelineError as exc:
            return no_update, html.Span(str(exc), className="warning-text", role="alert")
