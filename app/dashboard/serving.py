"""How the dashboard's responses travel: compressed, versioned files cached for a year, the rest
revalidated; and whether the served files are watched for saves (live reload).

Dash fingerprints its component bundles (`dash_renderer.v4_4_1m1796.min.js`), versions assets
with `?m=<mtime>`, and plotly.js's partial bundle is served at a URL naming its version: those
URLs change whenever their content does, so browsers may keep them. The page, its layout and
every callback answer are never reused without asking.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from dash.fingerprint import check_fingerprint
from flask import Flask, Request, Response, abort, request
from flask_compress import Compress

SUITES = "/_dash-component-suites/"
ASSETS = "/assets/"
PLOTLY_JS = "/_plotly-js/"  # then plotly.js's version: a versioned URL
YEAR = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"  # may be stored, never reused without asking the server
NEVER = "no-store"  # callback answers carry file contents
RELOAD_ENV = "DEFENSE_TIMELINE_LIVE_RELOAD"
_PACKAGE = Path(__file__).resolve().parent.parent


class _BundleCache:
    """Compressed component bundles, one per file and algorithm: compressed once per process."""

    def __init__(self) -> None:
        self._data: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        """The compressed bytes kept under key, if any."""
        with self._lock:
            return self._data.get(key)

    def set(self, key: str, value: bytes) -> None:
        """Keep value; keys without a bundle name (other responses) are never kept."""
        if not key.endswith(";"):
            with self._lock:
                self._data[key] = value


def _bundle_key(req: Request) -> str:
    """The bundle a request names, fingerprint stripped (so made-up versions add no entries)."""
    if req.method == "GET" and req.path.startswith(PLOTLY_JS):
        return req.path
    if req.method != "GET" or not req.path.startswith(SUITES):
        return ""
    return check_fingerprint(req.path)[0]


def enable_compression(server: Flask) -> None:
    """Brotli or gzip for every text response (bundles, page, callbacks), as the browser accepts."""
    server.config.update(
        COMPRESS_ALGORITHM=["br", "gzip"],
        COMPRESS_STREAMS=False,  # its streaming path never closes the file it reads
        COMPRESS_BR_LEVEL=5,
        COMPRESS_CACHE_BACKEND=_BundleCache,
        COMPRESS_CACHE_KEY=_bundle_key,
    )
    Compress(server)


def cache_control(response: Response) -> Response:
    """A year for versioned files, the rest revalidated (GET) or never stored; assets buffered."""
    path = request.path
    versioned = (
        (path.startswith(SUITES) and check_fingerprint(path)[1])
        or (path.startswith(ASSETS) and "m" in request.args)
        or path.startswith(PLOTLY_JS)
    )
    if response.status_code != 200:
        return response
    if path.startswith(ASSETS) and response.is_streamed:
        response.direct_passthrough = False
        response.make_sequence()  # a small file read whole (and closed): compressible
    if versioned:
        response.headers["Cache-Control"] = YEAR
    elif request.method not in ("GET", "HEAD"):
        response.headers["Cache-Control"] = NEVER
    elif "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = REVALIDATE
    return response


def plotly_js_scripts(bundle: Path | None) -> list[dict[str, str]]:
    """The partial plotly.js bundle (output/plotlyjs.py) as a page script after React: dcc.Graph
    then finds window.Plotly and loads no other. None when it is not installed: dcc.Graph loads
    plotly.py's full bundle once the page's first callback has answered."""
    if bundle is None:
        return []
    from plotly.offline import get_plotlyjs_version

    return [{"src": f"{PLOTLY_JS}{get_plotlyjs_version()}/{bundle.name}"}]


def serve_plotly_js(server: Flask, bundle: Path | None) -> None:
    """Serve the bundle plotly_js_scripts names, at that URL only."""
    if bundle is None:
        return
    url = plotly_js_scripts(bundle)[0]["src"]
    text = bundle.read_bytes()  # 1.2 MB, read once per process

    @server.get(PLOTLY_JS + "<path:rest>")
    def _plotly_js(rest: str) -> Response:
        if PLOTLY_JS + rest != url:
            abort(404)
        return Response(text, mimetype="text/javascript")


def is_packaged(path: Path) -> bool:
    """Whether a file lies inside the installed package (bundled files: they never change)."""
    return Path(path).resolve().is_relative_to(_PACKAGE)


def watch_files(paths: list[Path], live_reload: bool | None) -> bool:
    """Whether pages poll for saves: as asked, else unless every file is inside the package."""
    if live_reload is not None:
        return live_reload
    return not all(is_packaged(p) for p in paths)


def reload_from_env() -> bool | None:
    """DEFENSE_TIMELINE_LIVE_RELOAD as a flag: 1/on/yes, 0/off/no, or None (unset: decide)."""
    value = os.environ.get(RELOAD_ENV, "").strip().lower()
    if value in ("1", "on", "yes", "true"):
        return True
    if value in ("0", "off", "no", "false"):
        return False
    return None
