"""Files in and out: uploads (validated, kept per browser), live reload, downloads."""

from __future__ import annotations

from dash import Dash, Input, Output, State, ctx, dcc, html, no_update
from defense_timeline.dashboard import ids
from defense_timeline.dashboard.layout import problem_list
from defense_timeline.dashboard.served import (
    Loaded,
    ServedFiles,
    decode_upload,
    picker_options,
    resolve,
    upload_key,
)
from defense_timeline.dashboard.state import from_query
from defense_timeline.dashboard.views import filtered
from defense_timeline.errors import DefenseTimelineError, InvalidTimeline
from defense_timeline.view.tables import to_csv

UPLOAD_STORE_CHARS = 4_000_000  # sessionStorage holds about 5 MB; older uploads make room
DOWNLOADS = {
    ids.DL_HTML: "html",
    ids.DL_PNG: "png",
    ids.DL_SVG: "svg",
    ids.DL_CSV: "csv",
    ids.DL_YAML: "yaml",
}
MIME = {
    "html": "text/html",
    "png": "image/png",
    "svg": "image/svg+xml",
    "csv": "text/csv",
    "yaml": "application/yaml",
}


def add_upload(uploads: dict | None, name: str, text: str) -> tuple[dict, str]:
    """The store with one more upload (oldest dropped past the size budget) and its key."""
    key = upload_key(text)
    kept = {k: v for k, v in (uploads or {}).items() if k != key and isinstance(v, dict)}
    kept[key] = {"name": name, "text": text}
    while len(kept) > 1 and sum(len(v.get("text", "")) for v in kept.values()) > UPLOAD_STORE_CHARS:
        kept.pop(next(iter(kept)))
    return kept, key


def receive_upload(
    served: ServedFiles, contents: str | None, filename: str | None, uploads: dict | None
) -> tuple:
    """Store, message, picker options and picker value after a file is dropped."""
    name = (filename or "upload.yaml")[-200:]
    if not contents:
        return no_update, no_update, no_update, no_update
    try:
        text = decode_upload(contents, name)
    except InvalidTimeline as exc:
        message = problem_list(exc.problems, f"{name} was not opened:")
        return no_update, message, no_update, no_update
    store, key = add_upload(uploads, name, text)
    message = html.Div(f"Opened {name}", className="ok-text")
    return store, message, picker_options(served, store), key


def _filename(loaded: Loaded, day, fmt: str) -> str:
    stem = loaded.path.stem if loaded.path else loaded.key
    return f"{stem}-as-of-{day.isoformat()}.{fmt}"


def download(served: ServedFiles, which: str, query: str | None, uploads: dict | None):
    """A dcc.Download payload for the view in one format (DefenseTimelineError if impossible)."""
    from defense_timeline.output.render import render

    state = from_query(query)
    loaded = resolve(served, state.timeline, uploads)
    if loaded is None or loaded.timeline is None:
        raise DefenseTimelineError("nothing to download: the timeline has errors")
    fmt = DOWNLOADS[which]
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
    data = render(loaded.timeline, fmt, view=view)
    return dcc.send_bytes(data, filename=_filename(loaded, day, fmt), type=MIME[fmt])


def register(app: Dash, served: ServedFiles) -> None:
    """Attach the upload, live-reload and download callbacks to an app."""

    @app.callback(
        Output(ids.UPLOADS, "data"),
        Output(ids.UPLOAD_ERRORS, "children"),
        Output(ids.TIMELINE, "options"),
        Output(ids.TIMELINE, "value"),
        Input(ids.UPLOAD, "contents"),
        State(ids.UPLOAD, "filename"),
        State(ids.UPLOADS, "data"),
        prevent_initial_call=True,
    )
    def _upload(contents, filename, uploads):
        return receive_upload(served, contents, filename, uploads)

    @app.callback(
        Output(ids.STAMP, "data", allow_duplicate=True),
        Input(ids.POLL, "n_intervals"),
        State(ids.TIMELINE, "value"),
        State(ids.STAMP, "data"),
        prevent_initial_call=True,
    )
    def _poll(_n, key, stamp):
        if key not in served.files:
            return no_update
        now = served.stamp(key)
        return now if now != stamp else no_update

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
        if which not in DOWNLOADS or not (ctx.triggered and ctx.triggered[0]["value"]):
            return no_update, no_update
        try:
            return download(served, which, query, uploads), ""
        except DefenseTimelineError as exc:
            return no_update, html.Span(str(exc), className="warning-text", role="alert")
