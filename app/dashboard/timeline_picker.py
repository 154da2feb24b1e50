"""The timeline picker and the upload box: their layout, uploads (validated, kept per browser
tab), live reload of the file on screen, and what picking another timeline starts afresh."""

from __future__ import annotations

import json

from dash import Dash, Input, Output, State, dcc, html, no_update
from defense_timeline.dashboard import ids
from defense_timeline.dashboard.problems import problem_list
from defense_timeline.dashboard.served import (
    MAX_UPLOADS,
    STORE_CHARS,
    UPLOAD_LIMIT,
    ServedFiles,
    clean_name,
    dropped_entries,
    picker_options,
    read_upload,
    resolve,
    store_entries,
    upload_key,
)
from defense_timeline.dashboard.store import StoreFull
from defense_timeline.dashboard.widgets import field, section
from defense_timeline.errors import DefenseTimelineError, InvalidTimeline
from defense_timeline.timeline.imports import SUFFIXES as IMPORT_SUFFIXES

UPLOAD_STORE_CHARS = STORE_CHARS  # sessionStorage holds about 5 MB; older uploads make room


def upload_hint(keeps: bool) -> str:
    """What the upload box says about where an upload goes."""
    limit = f"YAML, CSV, XLSX or TimelineJS JSON, up to {UPLOAD_LIMIT / 1e6:g} MB"
    if keeps:
        return f"{limit}. Uploading keeps a copy on this server, so its link opens in any browser."
    return f"{limit}; kept in this browser tab only"


def timeline_section(
    options: list[dict], key: str | None, keeps: bool = False, notice: html.Div | None = None
) -> html.Section:
    """Pick a served timeline or open one's own YAML file; keeps: the server keeps uploads;
    notice: what the upload box says at first (see dropped_notice)."""
    picker = dcc.Dropdown(
        id=ids.TIMELINE,
        options=options,
        value=key,
        clearable=False,
        searchable=False,
        className="timeline-picker",
    )
    upload = dcc.Upload(
        id=ids.UPLOAD,
        children=html.Div(
            ["Drop a timeline file here or ", html.Button("browse", className="link-button")]
        ),
        accept=",".join((".yaml", ".yml", *IMPORT_SUFFIXES, "text/yaml", "application/x-yaml")),
        multiple=False,
        className="upload",
        className_active="upload upload-active",
    )
    return section(
        "Timeline",
        field("Timeline file", picker, ids.TIMELINE),
        field(
            "Open your own file",
            html.Div(upload, **{"data-upload-limit": str(UPLOAD_LIMIT)}),
            hint=upload_hint(keeps),
        ),
        html.Div(notice, id=ids.UPLOAD_ERRORS, className="upload-errors", role="status"),
    )


def add_upload(uploads: dict | None, name: str, text: str) -> tuple[dict, str]:
    """The store with one more upload and its key: only the old store's usable entries are kept,
    the oldest dropped past MAX_UPLOADS or the size budget."""
    key = upload_key(text)
    kept = {k: {"name": n, "text": t} for k, n, t in store_entries(uploads) if k != key}
    kept[key] = {"name": name, "text": text}
    while len(kept) > 1 and (
        len(kept) > MAX_UPLOADS or sum(len(v["text"]) for v in kept.values()) > UPLOAD_STORE_CHARS
    ):
        kept.pop(next(iter(kept)))
    return kept, key


def receive_upload(
    served: ServedFiles, contents: str | None, filename: str | None, uploads: dict | None
) -> tuple:
    """Store, message, picker options and picker value after a file is dropped."""
    name = clean_name(filename)
    if not contents:
        return no_update, no_update, no_update, no_update
    try:
        text = read_upload(contents, name)
    except InvalidTimeline as exc:
        message = problem_list(exc.problems, f"{name} was not opened:")
        return no_update, message, no_update, no_update
    except DefenseTimelineError as exc:  # busy, or too slow: nothing kept, the user may retry
        message = html.Div(f"{name} was not opened: {exc}", className="warning-text", role="alert")
        return no_update, message, no_update, no_update
    store, key = add_upload(uploads, name, text)
    return store, kept_message(served, name, text), picker_options(served, store), key


def kept_message(served: ServedFiles, name: str, text: str) -> html.Div:
    """Keep a valid upload in the server's store, if it has one, and say where it lives."""
    if served.store is None:
        return html.Div(f"Opened {name}", className="ok-text")
    try:
        served.store.put(text)
    except StoreFull as exc:
        return html.Div(
            f"Opened {name} in this browser tab only: {exc}. Its link works only in this tab.",
            className="warning-text",
        )
    return html.Div(
        f"Opened {name}. A copy is kept on this server: the link to this view opens it in any "
        "browser.",
        className="ok-text",
    )


def _register_upload(app: Dash, served: ServedFiles) -> None:
    """A dropped file is validated, kept in this tab and shown."""

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


def dropped_notice(uploads: object) -> html.Div | None:
    """What the upload box says of uploads in this tab's store that cannot be used (a key that
    does not match its text, a text over the limit...), left out of the page; None if none."""
    dropped = dropped_entries(uploads)
    if not dropped:
        return None
    what = "An upload" if len(dropped) == 1 else f"{len(dropped)} uploads"
    verb = "is" if len(dropped) == 1 else "are"
    return html.Div(
        [
            html.P(f"{what} kept in this tab could not be opened and {verb} left out:"),
            html.Ul([html.Li(line) for line in dropped[:MAX_UPLOADS]]),
        ],
        className="warning-text",
        role="alert",
    )


_ARM_POLL = """function (key, _visible, n) {
    const dc = window.dash_clientside;
    const off = !SERVED.includes(key) || document.visibilityState === "hidden";
    const shown = dc.callback_context.triggered.some((t) => t.prop_id === "VISIBLE.data");
    return [off, shown && !off ? (n || 0) + 1 : dc.no_update];
}"""


def _register_live_reload(app: Dash, served: ServedFiles) -> None:
    """While a served file is on screen in a visible tab, its saves redraw the page."""
    if not getattr(app, "live_reload", True):
        return  # the poll stays disabled: no timer, no requests
    keys = json.dumps(list(served.files)).replace("<", "\\u003c")
    # an upload never changes; a hidden tab asks again, at once, when it is shown
    app.clientside_callback(
        _ARM_POLL.replace("VISIBLE", ids.VISIBLE).replace("SERVED", keys),
        Output(ids.POLL, "disabled"),
        Output(ids.POLL, "n_intervals"),
        Input(ids.TIMELINE, "value"),
        Input(ids.VISIBLE, "data"),
        State(ids.POLL, "n_intervals"),
    )

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


def _register_pick(app: Dash, served: ServedFiles) -> None:
    """Another timeline: no item selected, and the stamp of the new file."""

    @app.callback(
        output={
            "selected": Output(ids.SELECTED, "data", allow_duplicate=True),
            "stamp": Output(ids.STAMP, "data", allow_duplicate=True),
        },
        inputs={"key": Input(ids.TIMELINE, "value")},
        state={"uploads": State(ids.UPLOADS, "data")},
        prevent_initial_call=True,
    )
    def _pick(key, uploads):
        loaded = resolve(served, key, uploads)
        if loaded is None or loaded.timeline is None:
            return {"selected": no_update, "stamp": no_update}
        return {"selected": None, "stamp": loaded.stamp}


def register(app: Dash, served: ServedFiles) -> None:
    """Attach the upload, live-reload and picking callbacks to an app."""
    _register_upload(app, served)
    _register_live_reload(app, served)
    _register_pick(app, served)
