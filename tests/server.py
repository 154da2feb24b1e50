"""Serve a dashboard on a free local port in a background thread (tests, screenshots)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Self

from defense_timeline.dashboard import create_app
from werkzeug.serving import WSGIRequestHandler, make_server


class _QuietHandler(WSGIRequestHandler):
    """No access log lines: tests and scripts print only what matters."""

    def log_request(self, *args, **kwargs) -> None:
        pass


class Serving:
    """A socketserver-style server (serve_forever, shutdown) on 127.0.0.1 run in a background
    thread while in a with block; subclasses set self._server, then call prepare_thread()."""

    _server: Any

    def prepare_thread(self) -> None:
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


class BackgroundServer(Serving):
    """The real Dash (Flask) server on 127.0.0.1 and a port the OS picks; a context manager."""

    def __init__(self, paths: list[Path] | None = None, **app_options):
        self.app = create_app(paths, **app_options)
        self._server = make_server(
            "127.0.0.1", 0, self.app.server, threaded=True, request_handler=_QuietHandler
        )
        self.prepare_thread()
