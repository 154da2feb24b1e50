"""Serve a folder and the npm client libraries (TimelineJS, Mermaid, axe-core) from localhost."""

from __future__ import annotations

import functools
import http.server
import shutil
from pathlib import Path

from tests.data import ROOT
from tests.server import Serving

NODE_MODULES = ROOT / "node_modules"
# Where each client library's files are, under the served /node_modules/ path.
TIMELINEJS = "/node_modules/@knight-lab/timelinejs/dist"
MERMAID = "/node_modules/mermaid/dist/mermaid.min.js"
AXE = "/node_modules/axe-core/axe.min.js"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """No access log lines."""

    def log_message(self, *args) -> None:
        pass


class StaticServer(Serving):
    """A folder served on 127.0.0.1 and a free port, with node_modules linked in; a context
    manager. Pages under test reach the client libraries at /node_modules/..."""

    def __init__(self, folder: Path):
        self.folder = folder
        link = folder / "node_modules"
        if not link.exists():
            link.symlink_to(NODE_MODULES, target_is_directory=True)
        handler = functools.partial(_Quiet, directory=str(folder))
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.prepare_thread()


def clients_installed() -> bool:
    """True when `make test` has installed the npm client libraries (and npm exists)."""
    return (NODE_MODULES / "mermaid").is_dir() and shutil.which("npm") is not None
