"""Links name one timeline or none: unknown keys are "not found" (404 for /embed), and uploads
kept in the server's content-addressed store open from their link in any browser."""

from __future__ import annotations

import base64
import hashlib
import json

import pytest
from defense_timeline.dashboard import create_app, ids
from defense_timeline.dashboard.served import UPLOAD_LIMIT, upload_key
from defense_timeline.dashboard.store import StoreFull, UploadStore, folder_from_env

from tests.dashboard_support import GOOD, post_callback

MINE = GOOD.replace("Small test timeline", "My uploaded plan")
OTHER = GOOD.replace("Small test timeline", "Someone else's plan")


def data_url(text: str) -> str:
    return "data:application/x-yaml;base64," + base64.b64encode(text.encode()).decode()


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture()
def kept(tmp_path):
    return tmp_path / "kept"


@pytest.fixture()
def store_app(folder, kept):
    """A dashboard over the test folder that keeps uploads in a store."""
    return create_app([folder], store=kept)


def answer(resp) -> dict:
    assert resp.status_code == 200, resp.data[:300]
    return json.loads(resp.get_data(as_text=True))["response"]


def upload(client, app, text: str, uploads: dict | None = None) -> dict:
    values = {"upload.contents": data_url(text), "upload.filename": "mine.yaml"}
    values["uploads.data"] = uploads
    return answer(post_callback(client, app, f"{ids.UPLOADS}.data", values))


def page_text(client, app, search: str, uploads: dict | None = None, path: str = "/") -> str:
    values = {"url.pathname": path, "url.search": search, "uploads.data": uploads}
    return json.dumps(answer(post_callback(client, app, "page.children", values)))


# ---------- unknown keys ----------


@pytest.mark.parametrize("key", ["nonexistent", "upload-" + "0" * 64, "upload-abc", "../small"])
def test_embed_of_an_unknown_key_is_a_404_page(client, key):
    resp = client.get("/embed", query_string={"t": key})
    assert resp.status_code == 404
    body = resp.get_data(as_text=True)
    assert "<h1>Timeline not found</h1>" in body and '<html lang="en">' in body
    assert "Japan" not in body


def test_embed_of_a_served_key_or_no_key_is_the_app(client):
    assert client.get("/embed?t=small").status_code == 200
    assert client.get("/embed").status_code == 200
    assert client.get("/embed/?t=japan_defense_2017&lane=ldp").status_code == 200


def test_a_key_that_names_nothing_shows_not_found_never_the_default(client, app):
    for search in ("?t=nonexistent", f"?t=upload-{'0' * 64}&asof=2017-02-19"):
        for path in ("/", "/embed"):
            shown = page_text(client, app, search, path=path)
            assert "Timeline not found" in shown
            assert "Japan" not in shown and ids.GRAPH not in shown


def test_the_hostile_key_is_text_on_the_404_page(client):
    resp = client.get("/embed", query_string={"t": "<script>alert(1)</script>"})
    assert resp.status_code == 404
    assert "<script>" not in resp.get_data(as_text=True)
    assert "&lt;script&gt;" in resp.get_data(as_text=True)


# ---------- the store ----------


def test_an_upload_is_kept_under_its_hash_and_opens_in_another_browser(store_app, kept):
    client = store_app.server.test_client()
    out = upload(client, store_app, MINE)
    key = out[ids.TIMELINE]["value"]
    assert key == "upload-" + sha(MINE)
    assert [p.name for p in kept.iterdir()] == [f"{sha(MINE)}.yaml"]
    assert (kept / f"{sha(MINE)}.yaml").read_text(encoding="utf-8") == MINE
    message = json.dumps(out[ids.UPLOAD_ERRORS])
    assert "A copy is kept on this server" in message
    # another browser: no session store at all
    assert "My uploaded plan" in page_text(client, store_app, f"?t={key}")
    assert client.get(f"/embed?t={key}").status_code == 200
    # the page says that uploading keeps a copy
    assert "Uploading keeps a copy on this server" in page_text(client, store_app, "?t=small")


def test_without_a_store_the_page_says_uploads_stay_in_the_tab(client, app):
    assert "kept in this browser tab only" in page_text(client, app, "?t=small")
    out = upload(client, app, MINE)
    assert json.dumps(out[ids.UPLOAD_ERRORS]).count("kept on this server") == 0


def test_a_client_cannot_write_under_a_key_that_is_not_its_texts_hash(store_app, kept):
    client = store_app.server.test_client()
    victim = upload_key(MINE)
    forged = {victim: {"name": "f.yaml", "text": OTHER}}
    page_text(client, store_app, f"?t={victim}", forged)
    upload(client, store_app, GOOD, forged)  # a valid upload beside a forged tab store
    assert sorted(p.name for p in kept.iterdir()) == [f"{sha(GOOD)}.yaml"]
    assert "Timeline not found" in page_text(client, store_app, f"?t={victim}")
    assert client.get(f"/embed?t={victim}").status_code == 404


def test_a_kept_file_that_does_not_hold_its_hash_is_not_served(store_app, kept):
    client = store_app.server.test_client()
    key = upload(client, store_app, MINE)[ids.TIMELINE]["value"]
    (kept / f"{sha(MINE)}.yaml").write_text(OTHER, encoding="utf-8")  # tampered on disk
    shown = page_text(client, store_app, f"?t={key}")
    assert "Timeline not found" in shown and "Someone else" not in shown


def test_a_kept_text_is_never_overwritten(tmp_path):
    store = UploadStore(tmp_path, UPLOAD_LIMIT)
    digest = store.put(MINE)
    path = tmp_path / f"{digest}.yaml"
    before = path.stat().st_mtime_ns
    assert store.put(MINE) == digest and path.stat().st_mtime_ns == before
    assert store.get(digest) == MINE
    assert store.get("../" + digest) is None and store.path("x" * 64) is None
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_the_quota_refuses_with_a_message_and_the_upload_stays_in_its_tab(folder, kept):
    app = create_app([folder], store=kept, store_quota=len(MINE) + 10)
    client = app.server.test_client()
    upload(client, app, MINE)
    out = upload(client, app, OTHER)
    message = json.dumps(out[ids.UPLOAD_ERRORS])
    assert "Opened mine.yaml in this browser tab only: the server's upload store is full" in message
    assert "Its link works only in this tab" in message
    assert [p.name for p in kept.iterdir()] == [f"{sha(MINE)}.yaml"]
    key = out[ids.TIMELINE]["value"]
    assert out[ids.UPLOADS]["data"][key]["text"] == OTHER  # still opened in this tab
    with pytest.raises(StoreFull, match=r"full \(0\.0 MB of 0 MB\)"):
        UploadStore(kept, UPLOAD_LIMIT, quota=0).put("x")


def test_an_invalid_upload_is_never_kept(store_app, kept):
    client = store_app.server.test_client()
    upload(client, store_app, GOOD.replace("end: 2021", "end: 2021-H3"))
    upload(client, store_app, "#" * (UPLOAD_LIMIT + 5))
    assert not kept.exists() or list(kept.iterdir()) == []


def test_the_store_folder_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DEFENSE_TIMELINE_STORE", str(tmp_path / "s"))
    assert folder_from_env() == tmp_path / "s"
    monkeypatch.setenv("DEFENSE_TIMELINE_STORE", "off")
    assert folder_from_env() is None
    monkeypatch.delenv("DEFENSE_TIMELINE_STORE")
    assert folder_from_env().parts[-2:] == ("defense-timeline", "uploads")
