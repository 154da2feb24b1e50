"""Dashboard files in and out: uploads, live reload, downloads, and the app over HTTP/WSGI."""

from __future__ import annotations

import base64
import json
import time

import pytest
from defense_timeline.dashboard import (
    MAX_REQUEST_BYTES,
    callbacks,
    create_app,
    downloads,
    ids,
    timeline_picker,
)
from defense_timeline.dashboard.served import UPLOAD_LIMIT, decode_upload, resolve
from defense_timeline.errors import InvalidTimeline
from defense_timeline.view.frame import FRAME_COLUMNS
from defense_timeline.view.options import Filters

from tests.dashboard_support import GOOD, query, served_of, texts, view_outputs
from tests.data import PROGRAMS_TIMELINE

# ---------- uploads ----------


def data_url(text: str | bytes) -> str:
    raw = text.encode() if isinstance(text, str) else text
    return "data:application/x-yaml;base64," + base64.b64encode(raw).decode()


def test_valid_upload_is_added_to_this_browsers_picker(served):
    store, message, options, key = timeline_picker.receive_upload(
        served, data_url(GOOD), "mine.yaml", None
    )
    assert key.startswith("upload-") and store[key] == {"name": "mine.yaml", "text": GOOD}
    assert "Opened mine.yaml" in texts(message)
    assert options[-1] == {"value": key, "label": "Small test timeline — mine.yaml (uploaded)"}
    loaded = resolve(served, key, store)
    assert loaded.timeline.title == "Small test timeline" and loaded.text == GOOD
    assert resolve(served, key, None).missing  # another browser, and no store on the server


def test_invalid_upload_shows_located_errors_and_changes_nothing(served):
    bad = GOOD.replace("end: 2021", "end: 2021-H3")
    store, message, options, key = timeline_picker.receive_upload(
        served, data_url(bad), "bad.yaml", {"x": 1}
    )
    assert store is timeline_picker.no_update and key is timeline_picker.no_update
    text = texts(message)
    assert "bad.yaml was not opened" in text
    assert "bad.yaml:16:10: items[p1].end" in text and "2021-H3" in text


def test_upload_size_limit_and_garbage():
    big = "#" * (UPLOAD_LIMIT + 10)
    with pytest.raises(InvalidTimeline, match="the limit for an upload is 2 MB"):
        decode_upload(data_url(big), "big.yaml")
    with pytest.raises(InvalidTimeline, match="could not be read"):
        decode_upload("data:x;base64,@@@", "x.yaml")


def test_upload_store_drops_oldest_past_budget(monkeypatch):
    monkeypatch.setattr(timeline_picker, "UPLOAD_STORE_CHARS", 10)
    store, _ = timeline_picker.add_upload(None, "a", "aaaaaaa")
    store, key = timeline_picker.add_upload(store, "b", "bbbbbbb")
    assert list(store) == [key]


# ---------- live reload ----------


def test_saved_errors_keep_the_last_good_version(folder, served):
    path = folder / "small.yaml"
    first = served.load("small")
    assert first.problems == () and first.stamp == served.stamp("small")
    time.sleep(0.01)
    path.write_text(GOOD.replace("status: completed", "status: rumoured"), encoding="utf-8")
    broken = served.load("small")
    assert broken.stamp != first.stamp
    assert broken.timeline is first.timeline
    assert any("rumoured" in str(p) and ":" in str(p) for p in broken.problems)
    errors = view_outputs(served, query())[6]
    assert "showing its last good version" in texts(errors)
    path.write_text(GOOD.replace("An event", "A renamed event"), encoding="utf-8")
    fixed = served.load("small")
    assert fixed.problems == () and fixed.timeline.item("e1").base.title == "A renamed event"


# ---------- downloads ----------


def test_csv_and_yaml_downloads(served):
    q = query(filters=Filters(kinds=("period",)))
    csv = downloads.download(served, ids.DL_CSV, q, None)
    assert csv["filename"] == "small_as-of-2020-01-01_kinds-1.csv"
    lines = csv["content"].splitlines()
    assert lines[0] == ",".join(FRAME_COLUMNS)  # the same CSV as `defense-timeline table`
    assert len(lines) == 2 and "First period" in lines[1]
    yaml = downloads.download(served, ids.DL_YAML, q, None)
    assert yaml["filename"] == "small.yaml"
    assert base64.b64decode(yaml["content"]).decode() == GOOD


def test_html_download_is_a_standalone_page(served):
    page = downloads.download(served, ids.DL_HTML, query(), None)
    assert page["filename"] == "small_as-of-2020-01-01.html"
    body = base64.b64decode(page["content"]).decode()
    assert "<html" in body.lower() and "First period" in body


def test_csv_cells_never_become_formulas(served, folder):
    (folder / "small.yaml").write_text(
        GOOD.replace("First period", '"=HYPERLINK(1)"'), encoding="utf-8"
    )
    csv = downloads.download(served, ids.DL_CSV, query(), None)["content"]
    assert "'=HYPERLINK(1)" in csv


# ---------- the real app over HTTP ----------


def _dash_post(client, app, output_prefix: str, inputs: list, state: list) -> dict:
    """Call one registered callback through Dash's own HTTP endpoint."""
    (key,) = [k for k in app.callback_map if k.lstrip(".").startswith(output_prefix)]
    out = app.callback_map[key]["output"]
    spec = [
        {"id": o.component_id, "property": o.component_property}
        for o in (out if isinstance(out, list) else [out])
    ]
    body = {
        "output": key,
        "outputs": spec if isinstance(out, list) else spec[0],
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"],
    }
    resp = client.post("/_dash-update-component", json=body)
    assert resp.status_code == 200, resp.data[:500]
    return json.loads(resp.data)["response"]


def test_app_serves_pages_and_the_view_callback(folder):
    app = create_app([folder])
    client = app.server.test_client()
    assert client.get("/").status_code == 200
    assert client.get("/embed?t=small").status_code == 200
    assert b"style.css" in client.get("/").data
    page = _dash_post(
        client,
        app,
        "page.children",
        [{"id": ids.URL, "property": "pathname", "value": "/"}],
        [
            {"id": ids.URL, "property": "search", "value": "?t=small"},
            {"id": ids.UPLOADS, "property": "data", "value": None},
        ],
    )
    assert "Small test timeline" in json.dumps(page)
    chart = _dash_post(
        client,
        app,
        f"{ids.GRAPH}.figure.",
        [
            {"id": ids.VIEW, "property": "data", "value": query()},
            {"id": ids.STAMP, "property": "data", "value": "x"},
            {"id": ids.CHART_WIDTH, "property": "data", "value": 1000},
        ],
        [
            {"id": ids.UPLOADS, "property": "data", "value": None},
            {"id": ids.SELECTED, "property": "data", "value": "p1"},
            {"id": ids.CHART_DRAWN, "property": "data", "value": {}},
            {"id": ids.ZOOM_FROM, "property": "data", "value": None},
            {"id": ids.ZOOM_TO, "property": "data", "value": None},
        ],
    )
    assert "Viewed as of 2020-01-01" in json.dumps(chart[ids.META]["children"])
    shapes = chart[ids.GRAPH]["figure"]["layout"].get("shapes", [])
    assert any(s.get("name") == "selected-item" for s in shapes)
    drawn = chart[ids.CHART_DRAWN]["data"]
    assert drawn["key"].startswith("small|") and drawn["zoom"] == "auto"
    table = _dash_post(
        client,
        app,
        f"{ids.TABLE}.rowData.",
        [
            {"id": ids.VIEW, "property": "data", "value": query()},
            {"id": ids.STAMP, "property": "data", "value": "x"},
        ],
        [{"id": ids.UPLOADS, "property": "data", "value": None}],
    )
    assert [r["id"] for r in table[ids.TABLE]["rowData"]] == ["p1", "e1"]
    assert table[ids.COUNT]["children"].startswith("Showing 2 of 2 items")
    head = _dash_post(
        client,
        app,
        f"{ids.TITLE}.children.",
        [
            {"id": ids.TIMELINE, "property": "value", "value": "small"},
            {"id": ids.STAMP, "property": "data", "value": "x"},
        ],
        [{"id": ids.UPLOADS, "property": "data", "value": None}],
    )
    assert head[ids.TITLE]["children"] == "Small test timeline"


def test_a_full_upload_with_a_full_store_fits_but_bigger_bodies_are_refused(folder):
    app = create_app([folder])
    client = app.server.test_client()
    # the biggest request a tab makes: an upload at the limit and a full store, \u-escaped
    store = {"old": {"name": "old.yaml", "text": "é" * timeline_picker.UPLOAD_STORE_CHARS}}
    near = "#" + "x" * (UPLOAD_LIMIT - 30) + "\ntitle: x\n"
    response = _dash_post(
        client,
        app,
        f"{ids.UPLOADS}.data",
        [{"id": ids.UPLOAD, "property": "contents", "value": data_url(near)}],
        [
            {"id": ids.UPLOAD, "property": "filename", "value": "near.yaml"},
            {"id": ids.UPLOADS, "property": "data", "value": store},
        ],
    )
    assert "near.yaml" in json.dumps(response[ids.UPLOAD_ERRORS])
    huge = client.post(
        "/_dash-update-component",
        data=b"[" * (MAX_REQUEST_BYTES + 1),
        content_type="application/json",
    )
    assert huge.status_code == 413


def test_default_app_serves_the_bundled_timelines_article_first():
    app = create_app()
    keys = list(app.served.files)
    assert keys[0] == "japan_defense_2017"
    assert PROGRAMS_TIMELINE.stem in keys


def test_wsgi_server_for_gunicorn_serves_files_from_the_environment(folder, monkeypatch):
    import importlib
    import os

    import defense_timeline.dashboard as dashboard

    monkeypatch.setenv("DEFENSE_TIMELINE_FILES", f"{folder / 'small.yaml'}{os.pathsep}")
    wsgi = importlib.reload(importlib.import_module("defense_timeline.dashboard.wsgi"))
    assert list(wsgi.application.served.files) == ["small"]
    assert wsgi.server.test_client().get("/").status_code == 200
    assert dashboard.paths_from_env() == [folder / "small.yaml"]
    monkeypatch.delenv("DEFENSE_TIMELINE_FILES")
    assert dashboard.paths_from_env() is None
    assert (
        dashboard.server.name == "defense_timeline.dashboard"
    )  # lazy module attribute for WSGI servers


def test_a_file_broken_from_the_start_shows_its_errors_and_an_empty_chart(tmp_path):
    (tmp_path / "broken.yaml").write_text("title: x\nas_of: 2020-13-01\n", encoding="utf-8")
    served = served_of(tmp_path)
    title, desc, sources, errors = callbacks.head_outputs(served, "broken", None)
    assert title == "broken.yaml (has errors)"
    text = texts(errors)
    assert "cannot be shown" in text and "broken.yaml:2:" in text
    fig, meta = callbacks.chart_outputs(served, "?t=broken", None, None)
    assert fig == callbacks.EMPTY_FIGURE
    assert callbacks.table_outputs(served, "?t=broken", None) == ([], "", "")
