"""Hand-made requests against the real app: other browsers' uploads, sizes, shapes, busy images.

Every test posts raw JSON to Dash's callback endpoint through the Flask test client, as any
client can, without the page's JavaScript.
"""

from __future__ import annotations

import base64
import io
import json
import logging
import threading

import pytest
from defense_timeline.dashboard import ids, isolated, served, timeline_picker
from defense_timeline.dashboard.served import UPLOAD_LIMIT, upload_key
from defense_timeline.timeline import loader

from tests.dashboard_support import GOOD, post_callback, raw_request

VICTIM = GOOD.replace("First period", "Victim secret plan")
ATTACKER = GOOD.replace("First period", "Attacker row")
CHART = f"{ids.GRAPH}.figure."
TABLE = f"{ids.TABLE}.rowData."
HEAD = f"{ids.TITLE}.children."
UPLOAD = f"{ids.UPLOADS}.data"
PAGE = "page.children"
SELECT = "selected-item.data"
DETAILS = f"{ids.DETAILS}.children"
DOWNLOAD = f"{ids.DOWNLOAD}.data"
PANEL = f"{ids.VIEW}.data"


def data_url(text: str) -> str:
    return "data:application/x-yaml;base64," + base64.b64encode(text.encode()).decode()


def ok(resp) -> str:
    """The body of a clean answer: 200 (an update) or 204 (nothing to update)."""
    assert resp.status_code in (200, 204), resp.data[:300]
    return resp.get_data(as_text=True)


def upload(client, app, text: str, store: dict | None = None) -> tuple[dict, str]:
    """Upload a file through the upload callback; the new store and the new upload's key."""
    resp = post_callback(
        client,
        app,
        UPLOAD,
        {"upload.contents": data_url(text), "upload.filename": "f.yaml", "uploads.data": store},
    )
    out = json.loads(ok(resp))["response"]
    return out[ids.UPLOADS]["data"], out[ids.TIMELINE]["value"]


def view(client, app, key: str, store) -> str:
    """The chart, table and title block of a timeline, as one text."""
    values = {"view-query.data": f"?t={key}", "timeline-picker.value": key, "uploads.data": store}
    return "".join(ok(post_callback(client, app, p, values)) for p in (CHART, TABLE, HEAD))


def downloaded(client, app, key: str, store, which: str = ids.DL_CSV) -> str:
    values = {f"{which}.n_clicks": 1, "view-query.data": f"?t={key}", "uploads.data": store}
    return ok(post_callback(client, app, DOWNLOAD, values, trigger=f"{which}.n_clicks"))


# ---------- an upload key names one text ----------


def test_a_key_is_the_hash_of_its_text():
    assert upload_key(VICTIM) != upload_key(ATTACKER)
    assert upload_key(VICTIM).startswith("upload-") and len(upload_key(VICTIM)) >= 7 + 24


def test_another_browser_cannot_read_an_upload_by_its_key(client, app):
    store, key = upload(client, app, VICTIM)
    assert "Victim secret plan" in view(client, app, key, store)  # the tab that holds it
    forged = {key: {"name": "f.yaml", "text": ATTACKER}}
    for _ in range(3):
        seen = view(client, app, key, forged)
        assert "Victim secret plan" not in seen
        for which in (ids.DL_CSV, ids.DL_YAML, ids.DL_HTML):
            data = json.loads(downloaded(client, app, key, forged, which))["response"]
            assert ids.DOWNLOAD not in data  # no upload, no other timeline: nothing to download
            assert "not found" in json.dumps(data[ids.DL_ERRORS])


def test_a_key_sent_first_with_other_text_cannot_poison_it(client, app):
    key = upload_key(VICTIM)  # known from a share link before the victim's tab asks for it
    forged = {key: {"name": "f.yaml", "text": ATTACKER}}
    for _ in range(3):
        view(client, app, key, forged)
    seen = view(client, app, key, {key: {"name": "f.yaml", "text": VICTIM}})
    assert "Victim secret plan" in seen and "Attacker row" not in seen


def test_a_store_entry_under_a_wrong_key_is_not_offered(client, app):
    forged = {"upload-000000000000": {"name": "f.yaml", "text": ATTACKER}}
    page = ok(post_callback(client, app, PAGE, {"url.pathname": "/", "uploads.data": forged}))
    assert "upload-000000000000" not in page and "(uploaded)" not in page


# ---------- sizes, checked on the server before parsing ----------


def test_oversized_text_placed_in_the_store_is_never_parsed(client, app, monkeypatch):
    sizes = []
    real = loader.loads

    def loads(text, *args, **kw):
        sizes.append(len(text))
        return real(text, *args, **kw)

    monkeypatch.setattr(loader, "loads", loads)
    big = GOOD.replace("First period", "Big upload") + "#" * (UPLOAD_LIMIT + 10) + "\n"
    store = {upload_key(big): {"name": "big.yaml", "text": big}}
    seen = view(client, app, upload_key(big), store)
    seen += ok(post_callback(client, app, PAGE, {"url.search": "?t=x", "uploads.data": store}))
    seen += downloaded(client, app, upload_key(big), store, ids.DL_YAML)
    assert "Big upload" not in seen
    assert all(size <= UPLOAD_LIMIT for size in sizes)


def test_the_store_keeps_a_bounded_number_of_uploads(client, app):
    store = None
    for n in range(served.MAX_UPLOADS + 3):
        store, key = upload(client, app, GOOD.replace("Small test", f"Upload {n}"), store)
    assert len(store) == served.MAX_UPLOADS and key in store
    many = {**store}
    for n in range(40):
        text = GOOD.replace("Small test", f"Extra {n}")
        many[upload_key(text)] = {"name": "x.yaml", "text": text}
    page = ok(post_callback(client, app, PAGE, {"url.pathname": "/", "uploads.data": many}))
    assert page.count("(uploaded)") <= served.MAX_UPLOADS


def test_a_whole_store_over_budget_is_cut_to_the_budget():
    text = GOOD + "#" * (UPLOAD_LIMIT - len(GOOD) - 10) + "\n"
    entries = {}
    for n in range(5):
        t = text.replace("Small test", f"T{n}")
        entries[upload_key(t)] = {"name": "x", "text": t}
    kept = served.store_entries(entries)
    assert sum(len(t) for _, _, t in kept) <= timeline_picker.UPLOAD_STORE_CHARS


# ---------- malformed requests get a clean answer ----------

MALFORMED = [
    (CHART, {"view-query.data": {"t": "small"}}, None),
    (CHART, {"view-query.data": ["?t=small"]}, None),
    (TABLE, {"view-query.data": {"t": "small"}}, None),
    (TABLE, {"view-query.data": ["?t=small"]}, None),
    (DOWNLOAD, {"dl-csv.n_clicks": 1, "view-query.data": {"t": 1}}, "dl-csv.n_clicks"),
    (DOWNLOAD, {"dl-csv.n_clicks": 1, "view-query.data": [1]}, "dl-csv.n_clicks"),
    (CHART, {"view-query.data": "?t=small", "selected-item.data": {"id": "p1"}}, None),
    (DETAILS, {"selected-item.data": {"id": "p1"}, "view-query.data": "?t=small"}, None),
    (DETAILS, {"selected-item.data": ["p1"], "view-query.data": "?t=small"}, None),
    (SELECT, {"gantt.clickData": {"points": "p1"}}, "gantt.clickData"),
    (SELECT, {"gantt.clickData": {"points": ["p1"]}}, "gantt.clickData"),
    (SELECT, {"gantt.clickData": "p1"}, "gantt.clickData"),
    (SELECT, {"items-table.selectedRows": {"id": "p1"}}, "items-table.selectedRows"),
    (SELECT, {"items-table.selectedRows": "p1"}, "items-table.selectedRows"),
    (UPLOAD, {"upload.contents": 12345}, None),
    (UPLOAD, {"upload.contents": ["data:,"], "upload.filename": {"a": 1}}, None),
    (UPLOAD, {"upload.contents": data_url(GOOD), "upload.filename": 7}, None),
    (UPLOAD, {"upload.contents": data_url(GOOD), "uploads.data": ["x"]}, None),
    (
        UPLOAD,
        {"upload.contents": data_url(GOOD), "uploads.data": {"k": "v", "j": {"text": 1}}},
        None,
    ),
    (HEAD, {"timeline-picker.value": {"k": 1}}, None),
    (HEAD, {"timeline-picker.value": ["small"]}, None),
    (HEAD, {"timeline-picker.value": "upload-x", "uploads.data": "text"}, None),
    (HEAD, {"timeline-picker.value": "upload-x", "uploads.data": {"upload-x": "t"}}, None),
    (PAGE, {"url.pathname": 5, "url.search": ["?t=small"], "uploads.data": 1}, None),
    (PANEL, {"timeline-picker.value": ["small"], "url.href": 3, "selected-item.data": {}}, None),
    (
        PANEL,
        {"asof-date.date": 20200101, "filter-lanes.value": "a", "filter-search.value": 5},
        None,
    ),
    (PANEL, {"filter-lanes.value": [1, {"a": 2}], "overlays.value": 3}, None),
]


@pytest.mark.parametrize(("prefix", "values", "trigger"), MALFORMED)
def test_a_malformed_request_gets_a_clean_answer(client, app, caplog, prefix, values, trigger):
    with caplog.at_level(logging.ERROR):
        ok(post_callback(client, app, prefix, values, trigger))
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


LONE = "\ud800"


def test_a_lone_surrogate_is_refused_with_a_message(client, app):
    raw = GOOD.replace("First period", "bad").encode() + b"\xed\xa0\x80"  # a surrogate, encoded
    values = {"upload.contents": "data:x;base64," + base64.b64encode(raw).decode()}
    body = ok(post_callback(client, app, UPLOAD, {**values, "upload.filename": f"a{LONE}.yaml"}))
    assert "was not opened" in body and "UTF-8" in body
    text = GOOD.replace("First period", f"x{LONE}")
    store = {
        upload_key(GOOD): {"name": "x", "text": text},
        "upload-x": {"name": LONE, "text": text},
    }
    for prefix in (CHART, TABLE, HEAD):
        values = {"view-query.data": "?t=upload-x", "timeline-picker.value": "upload-x"}
        ok(post_callback(client, app, prefix, {**values, "uploads.data": store}))
    ok(post_callback(client, app, PAGE, {"url.pathname": "/", "uploads.data": store}))
    ok(post_callback(client, app, CHART, {"view-query.data": f"?t={LONE}"}))


def test_every_callback_answers_garbage_cleanly(client, app, caplog):
    garbage = [{"x": [1]}, [{"y": 2}], 7, f"?t={LONE}&item={LONE}"]
    failed = []
    with caplog.at_level(logging.ERROR):
        for key, spec in app.callback_map.items():
            if "callback" not in spec:
                continue  # a clientside callback: the browser runs it
            deps = [f"{d['id']}.{d['property']}" for d in spec["inputs"] + spec["state"]]
            deps = [d for d in deps if not d.startswith("{")]
            for dep in deps:
                for value in garbage:
                    resp = client.post(
                        "/_dash-update-component",
                        json=_body(app, key, {dep: value}, deps[0]),
                    )
                    if resp.status_code not in (200, 204):
                        failed.append((key[:60], dep, value))
    assert not failed, "\n".join(map(str, failed))
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def _body(app, key: str, values: dict, trigger: str) -> dict:
    return raw_request(app, key, values, trigger)


# ---------- expensive images are bounded ----------


def test_images_beyond_the_bound_are_answered_busy(client, app, monkeypatch):
    started, release = threading.Semaphore(0), threading.Event()

    def slow(job, limit, args):  # a helper process busy with an image
        started.release()
        assert release.wait(60)
        return "ok", b"image"

    monkeypatch.setattr(isolated, "submit", slow)
    values = {"dl-png.n_clicks": 1, "view-query.data": "?t=small"}
    answers: list[str] = []

    def ask():
        answers.append(ok(post_callback(client, app, DOWNLOAD, values, "dl-png.n_clicks")))

    workers = [threading.Thread(target=ask) for _ in range(isolated.DOWNLOAD.slots)]
    for w in workers:
        w.start()
    for _ in workers:
        assert started.acquire(timeout=60)
    try:
        for which in ("dl-png", "dl-html", "dl-xlsx"):
            asked = {f"{which}.n_clicks": 1, "view-query.data": "?t=small"}
            busy = ok(post_callback(client, app, DOWNLOAD, asked, f"{which}.n_clicks"))
            assert isolated.DOWNLOAD.busy in busy and '"content"' not in busy
    finally:
        release.set()
        for w in workers:
            w.join(60)
    assert len(answers) == isolated.DOWNLOAD.slots
    assert all(".png" in a and "busy" not in a for a in answers)
    again = ok(post_callback(client, app, DOWNLOAD, values, "dl-png.n_clicks"))
    assert ".png" in again  # slots are given back


ENVELOPES = [
    [1, 2],
    "text",
    {"output": 5},
    {"output": "nope.children", "inputs": [], "state": []},
    {"output": PAGE},
    {"output": PAGE, "outputs": {"id": "page", "property": "children"}, "inputs": "x"},
    {"output": PAGE, "outputs": {"id": "page", "property": "children"}, "inputs": []},
    {"output": PAGE, "outputs": "page", "inputs": [{"id": "url", "property": "pathname"}]},
]


@pytest.mark.parametrize("body", ENVELOPES)
def test_a_malformed_envelope_is_refused_before_dash_reads_it(client, caplog, body):
    with caplog.at_level(logging.ERROR):
        resp = client.post("/_dash-update-component", json=body)
    assert resp.status_code == 400
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_the_request_limit_holds_for_a_body_streamed_without_a_length(app):
    from defense_timeline.dashboard import MAX_REQUEST_BYTES
    from werkzeug.test import EnvironBuilder, run_wsgi_app

    def status(size: int) -> str:
        values = {"url.pathname": "/", "url.search": "?" + "x" * size}
        body = json.dumps(raw_request(app, PAGE, values)).encode()
        env = EnvironBuilder(
            path="/_dash-update-component",
            method="POST",
            content_type="application/json",
            input_stream=io.BytesIO(body),
        ).get_environ()
        del env["CONTENT_LENGTH"]
        env["wsgi.input_terminated"] = True  # as a server that de-chunks a body says
        return run_wsgi_app(app.server.wsgi_app, env, buffered=True)[1]

    assert status(MAX_REQUEST_BYTES - 1000).startswith("200")
    assert status(MAX_REQUEST_BYTES)[:3] in ("400", "413")  # never read past the limit
