"""HTTP 404 for /embed links naming a timeline the server does not have.

An iframe in a report must never show another timeline: before Dash serves the embed page, a key
that names no served file and no kept upload is answered 404 with a short page that says so. (The
dashboard itself shows the same message in the page: an upload kept only in its browser tab is
known there and nowhere else.)
"""

from __future__ import annotations

from html import escape

import flask
from dash import Dash
from defense_timeline.dashboard.served import ServedFiles, exists

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Timeline not found</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; margin: 2rem; color: #1a1a1a">
<main><h1>Timeline not found</h1>
<p>This link names a timeline that this server does not have: <code>{key}</code>.
It may be a file the server no longer serves, or an upload that was kept only in the browser
tab it was opened in.</p></main></body></html>
"""


def is_embed_path(path: str) -> bool:
    """Whether a request path asks for the chart alone."""
    return path.rstrip("/").endswith("/embed")


def not_found_response(key: str) -> flask.Response:
    """The 404 page for a key that names nothing."""
    body = PAGE.format(key=escape(key[:80]))
    return flask.Response(body, 404, {"Content-Type": "text/html; charset=utf-8"})


def register(app: Dash, served: ServedFiles) -> None:
    """Answer /embed with 404 when its timeline key names nothing."""

    @app.server.before_request
    def _embed_not_found():
        request = flask.request
        if request.method != "GET" or not is_embed_path(request.path):
            return None
        keys = request.args.getlist("t")
        key = keys[-1] if keys else None
        if exists(served, key):
            return None
        return not_found_response(key or "")
