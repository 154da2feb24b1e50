"""The interactive dashboard: `create_app(paths)` builds a Dash app serving timeline files.

For gunicorn: `gunicorn 'defense_timeline.dashboard.wsgi:server'` (files from
DEFENSE_TIMELINE_FILES, live reload from DEFENSE_TIMELINE_LIVE_RELOAD, the upload store from
DEFENSE_TIMELINE_STORE).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from dash import Dash
from defense_timeline.paths import assets_dir, bundled_timelines_dir, default_timeline_path

__all__ = ["MAX_REQUEST_BYTES", "create_app", "paths_from_env"]

MAX_REQUEST_BYTES = 32_000_000  # refuse bigger request bodies before they are read


def create_app(
    paths: list[Path] | None = None,
    live_reload: bool | None = None,
    store: Path | None = None,
    store_quota: int | None = None,
) -> Dash:
    """A dashboard over files or folders (default: the bundled ones), watching them for saves;
    store: the folder that keeps uploads so their links work in any browser (None: none)."""
    from defense_timeline.dashboard import (
        callbacks,
        downloads,
        draft_panel,
        filters,
        notfound,
        panel,
        time_travel,
        timeline_picker,
        zoom,
    )
    from defense_timeline.dashboard.layout import shell
    from defense_timeline.dashboard.served import UPLOAD_LIMIT, ServedFiles
    from defense_timeline.dashboard.serving import cache_control, watch_files
    from defense_timeline.dashboard.store import DEFAULT_QUOTA, UploadStore

    files = [Path(p) for p in paths] if paths else [bundled_timelines_dir()]
    kept = None
    if store is not None:
        kept = UploadStore(Path(store), UPLOAD_LIMIT, store_quota or DEFAULT_QUOTA)
    served = ServedFiles(files, first=default_timeline_path(), store=kept)
    app = _dash()
    notfound.register(app, served)
    app.server.after_request(cache_control)  # runs before compression (hooks run in reverse)
    # pages poll for saves of the file on screen; None: unless every file is a bundled one
    app.live_reload = watch_files(list(served.files.values()), live_reload)
    # one upload and the tab's store of earlier ones, even with every character \u-escaped
    app.server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    app.layout = shell()
    # timeline_picker last: its live-reload script is the last inline script (tests read it)
    parts = (callbacks, zoom, time_travel, filters, panel, downloads, draft_panel, timeline_picker)
    for part in parts:
        part.register(app, served)
    app.served = served  # for tools and tests: the files this app serves
    _set_up_now(app)
    return app


def _dash() -> Dash:
    """The Dash app, its responses compressed; plotly.js's partial bundle when installed."""
    from defense_timeline.dashboard.serving import (
        enable_compression,
        plotly_js_scripts,
        serve_plotly_js,
    )
    from defense_timeline.output.plotlyjs import partial_bundle

    bundle = partial_bundle()
    app = Dash(
        __name__,
        assets_folder=str(assets_dir()),
        title="Defense Timeline",
        update_title=None,
        suppress_callback_exceptions=True,
        serve_locally=True,
        external_scripts=plotly_js_scripts(bundle),
    )
    app.index_string = app.index_string.replace("<html>", '<html lang="en">', 1)
    enable_compression(app.server)
    serve_plotly_js(app.server, bundle)
    return app


def _set_up_now(app: Dash) -> None:
    """Do Dash's first-request set-up now, in this process, before any browser asks. Dash does it
    on a process's first request but marks it done before it is: a gunicorn worker whose first
    requests were the scripts of a page another worker had served answered some of them 500, a
    blank page for the first visitor after a restart. Not through a request: Flask would then
    refuse hooks added to the server afterwards."""
    with app.server.test_request_context("/"):
        app._setup_server()


def paths_from_env() -> list[Path] | None:
    """Files and folders listed in DEFENSE_TIMELINE_FILES (os.pathsep-separated), if set."""
    value = os.environ.get("DEFENSE_TIMELINE_FILES", "")
    return [Path(p) for p in value.split(os.pathsep) if p] or None


@functools.cache
def _default_app() -> Dash:
    from defense_timeline.dashboard.serving import reload_from_env
    from defense_timeline.dashboard.store import folder_from_env, quota_from_env

    return create_app(paths_from_env(), reload_from_env(), folder_from_env(), quota_from_env())


def __getattr__(name: str):
    """`server` is created on first use, so importing the package stays cheap."""
    if name == "server":
        return _default_app().server
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
