"""Expensive work runs in helper processes, bounded in number and time: the helper's own
process at a lower priority, a job past its limit stopped with a clean error, big uploads read
there, and raw requests answered "busy" past the bounds, with nothing half done. Also: uploads in
a tab's store that cannot be used are named, with why."""

from __future__ import annotations

import json
import os
import signal
import threading
import time

import pytest
from defense_timeline.dashboard import downloads, ids, isolated, served
from defense_timeline.dashboard.served import BIG_UPLOAD, UPLOAD_LIMIT, upload_key
from defense_timeline.errors import DefenseTimelineError

from tests.dashboard_support import GOOD, post_callback
from tests.test_dashboard_security import DOWNLOAD, PAGE, UPLOAD, data_url, ok

QUICK = isolated.Kind("test-quick", 1, 0.0, 1.0, "busy with tests; try again")


def test_a_job_runs_in_a_helper_process_at_a_lower_priority():
    assert isolated.run(QUICK, os.getpid) != os.getpid()
    assert isolated.run(QUICK, os.nice, 0) == min(19, os.nice(0) + isolated.NICE)


def test_a_job_past_its_time_limit_is_stopped_and_the_next_one_runs():
    before = isolated.run(QUICK, os.getpid)
    started = time.monotonic()
    with pytest.raises(DefenseTimelineError, match="took longer than 1 s and was stopped"):
        isolated.run(QUICK, time.sleep, 60)
    assert time.monotonic() - started < 30
    assert isolated.run(QUICK, os.getpid) not in (before, os.getpid())  # a new helper


def test_a_helper_that_ignores_its_alarm_is_killed(monkeypatch):
    monkeypatch.setattr(isolated, "GRACE", 0.5)
    deaf = isolated.run(QUICK, os.getpid)
    isolated.run(QUICK, signal.pthread_sigmask, signal.SIG_BLOCK, {signal.SIGALRM})
    with pytest.raises(DefenseTimelineError, match="took longer than 1 s"):
        isolated.run(QUICK, time.sleep, 60)
    assert isolated.run(QUICK, os.getpid) != deaf  # a new helper
    with pytest.raises(ProcessLookupError):
        os.kill(deaf, 0)


def test_a_job_beyond_the_bound_is_answered_busy(monkeypatch):
    held = isolated._slot(QUICK)
    assert held.acquire(blocking=False)
    try:
        with pytest.raises(isolated.Busy, match="busy with tests; try again"):
            isolated.run(QUICK, os.getpid)
    finally:
        held.release()
    assert isolated.run(QUICK, os.getpid) > 0


def _big(text: str) -> str:
    """text padded with a comment past the size read in a helper process."""
    return text + "#" * BIG_UPLOAD + "\n"


def _upload(client, app, text: str, name: str = "big.yaml") -> dict:
    values = {"upload.contents": data_url(text), "upload.filename": name, "uploads.data": None}
    return json.loads(ok(post_callback(client, app, UPLOAD, values)))["response"]


def test_a_big_upload_is_read_in_a_helper_and_opens(client, app, monkeypatch):
    calls = []
    real = isolated.submit
    monkeypatch.setattr(isolated, "submit", lambda *a: calls.append(a[0]) or real(*a))
    text = _big(GOOD.replace("Small test timeline", "Big upload"))
    out = _upload(client, app, text)
    key = upload_key(text)
    assert calls == [served._decode]
    assert out[ids.TIMELINE]["value"] == key and key in out[ids.UPLOADS]["data"]
    labels = [o["label"] for o in out[ids.TIMELINE]["options"] if o["value"] == key]
    assert labels == ["Big upload — big.yaml (uploaded)"]
    assert "Opened big.yaml" in json.dumps(out[ids.UPLOAD_ERRORS])


def test_a_big_invalid_upload_lists_its_problems(client, app):
    out = _upload(client, app, _big(GOOD.replace("status: approved", "status: maybe", 1)))
    message = json.dumps(out[ids.UPLOAD_ERRORS])
    assert "big.yaml was not opened" in message and "maybe" in message
    assert ids.UPLOADS not in out  # the store is left as it was


def test_a_big_upload_while_the_helpers_are_busy_keeps_nothing(client, app, monkeypatch):
    monkeypatch.setattr(isolated, "UPLOAD", isolated.Kind("test-parse", 1, 0.0, 30.0, "Busy."))
    held = isolated._slot(isolated.UPLOAD)
    assert held.acquire(blocking=False)
    try:
        out = _upload(client, app, _big(GOOD))
    finally:
        held.release()
    assert "big.yaml was not opened: Busy." in json.dumps(out[ids.UPLOAD_ERRORS])
    assert ids.UPLOADS not in out and ids.TIMELINE not in out


def test_csv_downloads_beyond_the_bound_are_answered_busy(client, app, monkeypatch):
    monkeypatch.setattr(downloads, "_CHEAP", threading.BoundedSemaphore(1))
    values = {"dl-csv.n_clicks": 1, "view-query.data": "?t=small"}
    assert downloads._CHEAP.acquire(blocking=False)
    busy = ok(post_callback(client, app, DOWNLOAD, values, "dl-csv.n_clicks"))
    assert isolated.DOWNLOAD.busy in busy and '"content"' not in busy
    downloads._CHEAP.release()
    assert ".csv" in ok(post_callback(client, app, DOWNLOAD, values, "dl-csv.n_clicks"))


def _page(client, app, store: dict) -> str:
    """The page's components as text (JSON, characters unescaped)."""
    resp = post_callback(client, app, PAGE, {"url.pathname": "/", "uploads.data": store})
    return json.dumps(json.loads(ok(resp)), ensure_ascii=False)


def test_uploads_in_the_store_that_cannot_be_used_are_named_with_why(client, app):
    good = GOOD.replace("Small test", "Kept")
    huge = "#" * (UPLOAD_LIMIT + 1)
    store = {
        upload_key(good): {"name": "kept.yaml", "text": good},
        upload_key(GOOD): {"name": "<b>forged</b>.yaml", "text": GOOD + "# changed\n"},
        upload_key(huge): {"name": "huge.yaml", "text": huge},
        "upload-x": "not an entry",
    }
    page = _page(client, app, store)
    assert "3 uploads kept in this tab could not be opened and are left out:" in page
    assert "<b>forged</b>.yaml: its key does not match its text" in page
    assert "huge.yaml: it is over the 2 MB limit" in page
    assert "an upload: it is not an upload" in page
    assert "kept.yaml:" not in page and "Kept" in page  # offered in the picker
    clean = {upload_key(good): {"name": "kept.yaml", "text": good}}
    page = _page(client, app, clean)
    assert "could not be opened" not in page


def test_a_big_upload_in_the_store_is_read_in_a_helper_and_busy_is_not_kept(
    client, app, monkeypatch
):
    from tests.test_dashboard_security import view

    text = _big(GOOD.replace("Small test timeline", "Kept big upload"))
    key = upload_key(text)
    store = {key: {"name": "kept.yaml", "text": text}}
    monkeypatch.setattr(isolated, "PARSE", isolated.Kind("test-kept", 1, 0.1, 30.0, "Busy now."))
    held = isolated._slot(isolated.PARSE)
    assert held.acquire(blocking=False)
    try:
        seen = view(client, app, key, store)
    finally:
        held.release()
    assert "Busy now." in seen and "Kept big upload" not in seen
    assert "Kept big upload" in view(client, app, key, store)  # read now: the busy was not kept
