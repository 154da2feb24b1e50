"""The envelope of a callback request, checked before Dash reads it.

Dash trusts the JSON the page posts to /_dash-update-component: a hand-made body naming no
callback, or with inputs that do not match the callback's, ends in an exception and HTTP 500. This
check answers such a body with a plain 400 first. The values inside are each callback's to check.
"""

from __future__ import annotations

from typing import Any

import flask
from dash import Dash

ENDPOINT = "/_dash-update-component"


def _dep_ok(given: Any, wanted: dict) -> bool:
    """One input or state entry as the renderer sends it for this dependency."""
    if wanted["id"].startswith("{"):  # a pattern-matching id: ALL gives a list of entries
        entries = given if isinstance(given, list) else [given]
        return all(isinstance(e, dict) for e in entries)
    return (
        isinstance(given, dict)
        and given.get("id") == wanted["id"]
        and given.get("property") == wanted["property"]
    )


def _outputs_ok(outputs: Any) -> bool:
    entries = outputs if isinstance(outputs, list) else [outputs]
    return all(isinstance(o, dict) and "id" in o and "property" in o for o in entries)


def malformed(body: Any, callback_map: dict) -> str | None:
    """Why a callback request's body cannot be for one of the app's callbacks, or None."""
    if not isinstance(body, dict):
        return "the body is not an object"
    output = body.get("output")
    spec = callback_map.get(output) if isinstance(output, str) else None
    if spec is None or "callback" not in spec:
        return "no such callback"
    for part in ("inputs", "state"):
        given, wanted = body.get(part, []), spec[part]
        if not isinstance(given, list) or len(given) != len(wanted):
            return f"the {part} do not match the callback"
        if not all(_dep_ok(g, w) for g, w in zip(given, wanted, strict=True)):
            return f"the {part} do not match the callback"
    if not _outputs_ok(body.get("outputs")):
        return "the outputs are malformed"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "changedPropIds is malformed"
    return None


def register(app: Dash) -> None:
    """Refuse malformed callback requests with 400 before Dash reads them."""

    @app.server.before_request
    def _check_envelope():
        request = flask.request
        if request.method != "POST" or not request.path.endswith(ENDPOINT):
            return None
        reason = malformed(request.get_json(silent=True), app.callback_map)
        if reason is not None:
            return flask.Response(f"malformed callback request: {reason}", 400)
        return None
