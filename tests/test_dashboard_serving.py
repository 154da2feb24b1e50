"""How the dashboard is served: compressed responses, cache lifetimes, and live reload that polls
only for a served file in a visible tab."""

from __future__ import annotations

import gzip
import json
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli
import pytest
from click.testing import CliRunner
from dash.fingerprint import check_fingerprint
from defense_timeline.cli import main
from defense_timeline.dashboard import callbacks, create_app, ids, serving
from defense_timeline.dashboard.layout import POLL_MS
from defense_timeline.dashboard.serving import NEVER, REVALIDATE, YEAR
from defense_timeline.output import plotlyjs
from defense_timeline.output.plotlyjs import partial_bundle
from flask import request
from plotly.offline import get_plotlyjs_version

from tests.dashboard_support import GOOD, find, served_of
from tests.server import BackgroundServer

RENDERER = re.compile(r'src="([^"]*dash_renderer\.v[^"]+\.js)"')
ASSET = re.compile(r'href="(/assets/style\.css\?m=[^"]+)"')


def cache_of(client, path: str) -> str:
    """The Cache-Control header a GET of path is answered with (the response closed)."""
    with client.get(path) as response:
        return response.headers["Cache-Control"]


def renderer_url(client) -> str:
    """The fingerprinted URL of Dash's main script, as the page links it."""
    return RENDERER.search(client.get("/").get_data(as_text=True)).group(1)


def page_callback(client, encoding: str | None):
    """The callback that renders the page, called over HTTP as the browser does."""
    body = {
        "output": f"{ids.PAGE}.children",
        "outputs": {"id": ids.PAGE, "property": "children"},
        "inputs": [{"id": ids.URL, "property": "pathname", "value": "/"}],
        "state": [
            {"id": ids.URL, "property": "search", "value": "?t=small"},
            {"id": ids.UPLOADS, "property": "data", "value": None},
        ],
        "changedPropIds": [f"{ids.URL}.pathname"],
    }
    headers = {"Accept-Encoding": encoding} if encoding else {}
    return client.post("/_dash-update-component", json=body, headers=headers)


# ---------- a worker's first requests ----------

LATER_SCRIPTS = (  # fetched by the page once it runs: dcc's graph chunk and plotly.js
    "/_dash-component-suites/dash/dcc/async-graph.js",
    "/_dash-component-suites/plotly/package_data/plotly.min.js",
)


def test_a_fresh_worker_serves_scripts_asked_for_at_once_before_any_page(folder):
    """Under gunicorn, the page can come from one worker and its scripts, all at once, from
    another that has served nothing yet: each must be served (Dash's own first-request set-up
    answered some of them 500 when they raced)."""
    page = create_app([folder]).server.test_client().get("/").get_data(as_text=True)
    urls = [*re.findall(r'src="(/_dash-component-suites/[^"]+)"', page), *LATER_SCRIPTS]
    assert len(urls) > 10
    for _ in range(3):
        worker = create_app([folder])  # another process's app: it has answered no request
        barrier = threading.Barrier(len(urls))

        def status(url: str, app=worker, barrier=barrier) -> int:
            barrier.wait()
            with app.server.test_client().get(url) as response:
                return response.status_code

        with ThreadPoolExecutor(len(urls)) as pool:
            assert list(pool.map(status, urls)) == [200] * len(urls)


def test_hooks_can_still_be_added_to_the_server_once_the_app_is_made(folder):
    """Set up early, yet not through a request: Flask refuses hooks (authentication, logging)
    added after an app's first request."""
    app = create_app([folder])
    app.server.before_request(lambda: None)
    assert app.server.test_client().get("/").status_code == 200


# ---------- compression ----------


def test_the_main_bundle_is_compressed_when_the_browser_accepts_it(client):
    url = renderer_url(client)
    plain = client.get(url)
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    zipped = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.data) == plain.data
    assert len(zipped.data) < len(plain.data) / 3
    best = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert best.headers["Content-Encoding"] == "br"
    assert brotli.decompress(best.data) == plain.data
    assert len(best.data) < len(zipped.data)
    assert "Accept-Encoding" in best.headers["Vary"]


def test_compressed_bundles_are_kept_once_per_file_not_per_made_up_version(app, client):
    url = renderer_url(client)
    made_up = re.sub(r"\.v[\w-]+m[0-9a-f]+\.", ".v9m1.", url)
    assert client.get(made_up, headers={"Accept-Encoding": "gzip"}).data == (
        client.get(url, headers={"Accept-Encoding": "gzip"}).data
    )
    with app.server.test_request_context(made_up):
        made_up_key = serving._bundle_key(request)
    with app.server.test_request_context(url):
        assert serving._bundle_key(request) == made_up_key == check_fingerprint(url)[0]
    with app.server.test_request_context(url, method="POST"):
        assert serving._bundle_key(request) == ""
    cache = serving._BundleCache()
    cache.set("gzip;", b"a callback answer")  # no bundle named: never kept
    cache.set("gzip;/_dash-component-suites/dash/x.js", b"kept")
    assert cache.get("gzip;") is None and cache.get("gzip;/_dash-component-suites/dash/x.js")


def test_callback_answers_are_compressed_and_never_stored(client):
    plain = page_callback(client, None)
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    zipped = page_callback(client, "gzip")
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(zipped.data)) == json.loads(plain.data)
    assert len(zipped.data) < len(plain.data)
    assert zipped.headers["Cache-Control"] == NEVER == plain.headers["Cache-Control"]


# ---------- cache lifetimes ----------


def test_versioned_files_are_kept_a_year_and_the_rest_revalidated(client):
    page = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert page.headers["Cache-Control"] == REVALIDATE
    html = client.get("/").get_data(as_text=True)
    assert cache_of(client, renderer_url(client)) == YEAR
    assert cache_of(client, ASSET.search(html).group(1)) == YEAR
    assert "max-age=31536000" in YEAR and "immutable" in YEAR
    for path in (
        "/assets/style.css",  # no version: could change under the same URL
        "/_dash-component-suites/dash/dcc/async-graph.js",
        "/_dash-layout",
        "/_dash-dependencies",
        "/embed?t=small",
    ):
        assert cache_of(client, path) == REVALIDATE, path


PLOTLY_JS_TAG = re.compile(r'<script src="(/_plotly-js/[^"]+)"></script>')
# plotly.js after React, before the renderer and dcc.Graph look for window.Plotly
NAMES = ("react-dom", "/_plotly-js/", "/assets/path_layer.js", "dash_renderer", "dcc/dash_core")


def test_the_page_loads_plotly_js_partial_bundle_kept_a_year_and_compressed(client):
    html = client.get("/").get_data(as_text=True)
    url = PLOTLY_JS_TAG.search(html).group(1)
    bundle = partial_bundle()
    assert url == f"/_plotly-js/{get_plotlyjs_version()}/plotly-basic.min.js"
    scripts = re.findall(r'<script src="([^"]+)"', html)
    order = [next(i for i, u in enumerate(scripts) if name in u) for name in NAMES]
    assert order == sorted(order)
    plain = client.get(url)
    assert plain.status_code == 200 and plain.data == bundle.read_bytes()
    assert plain.headers["Cache-Control"] == YEAR
    assert plain.headers["Content-Type"].startswith("text/javascript")
    best = client.get(url, headers={"Accept-Encoding": "br"})
    assert best.headers["Content-Encoding"] == "br" and brotli.decompress(best.data) == plain.data
    for other in ("/_plotly-js/3.0.0/plotly-basic.min.js", "/_plotly-js/4.1.1/../package.json"):
        assert client.get(other).status_code == 404, other


def test_without_the_partial_bundle_the_page_leaves_plotly_js_to_dcc(folder, monkeypatch):
    monkeypatch.setattr(plotlyjs, "partial_bundle_dir", lambda: folder / "none")
    client = create_app([folder]).server.test_client()
    assert not PLOTLY_JS_TAG.search(client.get("/").get_data(as_text=True))
    url = f"/_plotly-js/{get_plotlyjs_version()}/plotly-basic.min.js"
    assert client.get(url).mimetype == "text/html"  # Dash's page, as for any unknown path


def test_an_unchanged_unversioned_bundle_is_answered_not_modified(client):
    url = "/_dash-component-suites/dash/dcc/async-graph.js"
    first = client.get(url, headers={"Accept-Encoding": "gzip"})
    again = client.get(
        url, headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304 and again.data == b""


# ---------- live reload ----------


def poll_callbacks(app) -> list[str]:
    """The callbacks that read or set the poll timer."""
    return [
        key
        for key, spec in app.callback_map.items()
        if ids.POLL in key or any(i["id"] == ids.POLL for i in spec["inputs"])
    ]


def test_the_poll_starts_disabled_and_is_armed_in_the_browser_for_served_files(app, folder):
    page = callbacks.render_page(served_of(folder), "/", "?t=small", None)
    timer = find(page, ids.POLL)
    assert timer.disabled is True and timer.interval == POLL_MS <= 3000
    assert app.live_reload is True
    armed = [k for k in poll_callbacks(app) if f"{ids.POLL}.disabled" in k]
    assert len(armed) == 1 and len(poll_callbacks(app)) == 2
    arm = app._inline_scripts[-1]
    assert '"small"' in arm and "visibilityState" in arm and "upload-" not in arm


def test_live_reload_off_leaves_no_timer_running(folder):
    app = create_app([folder], live_reload=False)
    assert app.live_reload is False and poll_callbacks(app) == []


def test_bundled_files_of_an_installed_package_are_not_watched(tmp_path):
    inside = Path(serving.__file__)
    assert serving.is_packaged(inside) and not serving.is_packaged(tmp_path)
    assert serving.watch_files([inside], None) is False
    assert serving.watch_files([inside, tmp_path / "a.yaml"], None) is True
    assert serving.watch_files([inside], True) is True
    assert serving.watch_files([tmp_path], False) is False


@pytest.mark.parametrize(
    ("value", "flag"), [("1", True), ("on", True), ("0", False), ("No", False), ("", None)]
)
def test_live_reload_from_the_environment(monkeypatch, value, flag):
    monkeypatch.setenv(serving.RELOAD_ENV, value)
    assert serving.reload_from_env() is flag


def test_serve_takes_live_reload_on_or_off(monkeypatch, folder):
    import defense_timeline.dashboard

    calls = []

    class FakeApp:
        def run(self, **kwargs):
            pass

    def fake(paths=None, **kwargs):
        calls.append({k: v for k, v in kwargs.items() if k == "live_reload"})
        return FakeApp()

    monkeypatch.setattr(defense_timeline.dashboard, "create_app", fake)
    for flag in ("--no-live-reload", "--live-reload", None):
        args = ["serve", "--no-store", str(folder)] + ([flag] if flag else [])
        assert CliRunner().invoke(main, args, catch_exceptions=False).exit_code == 0
    assert calls == [{"live_reload": False}, {"live_reload": True}, {}]


# ---------- in the browser ----------


def polls(page) -> list[str]:
    """Collects the poll requests the page sends from now on."""
    sent: list[str] = []
    needle = f'"{ids.POLL}.n_intervals"'
    page.on("request", lambda r: needle in (r.post_data or "") and sent.append(r.url))
    return sent


def set_visibility(page, state: str) -> None:
    """Make the page believe its tab was hidden or shown."""
    page.evaluate(
        """(state) => {
          const get = () => state;
          Object.defineProperty(document, 'visibilityState', {get, configurable: true});
          document.dispatchEvent(new Event('visibilitychange'));
        }""",
        state,
    )


def settle(page, sent: list[str]) -> None:
    """Forget polls a tick started just before the timer was disarmed (their events lag)."""
    page.wait_for_timeout(500)
    sent.clear()


@pytest.mark.browser
def test_a_tab_polls_only_while_visible_and_showing_a_served_file(page, tmp_path):
    path = tmp_path / "small.yaml"
    path.write_text(GOOD, encoding="utf-8")
    encodings = {}
    page.on("response", lambda r: encodings.setdefault(r.url, r.headers.get("content-encoding")))
    with BackgroundServer([tmp_path]) as site:
        sent = polls(page)
        page.goto(site.url + "/?t=small")
        page.wait_for_selector("#gantt .js-plotly-plot .main-svg")
        page.wait_for_timeout(POLL_MS * 2 + 500)
        assert len(sent) >= 2
        set_visibility(page, "hidden")
        settle(page, sent)
        page.wait_for_timeout(POLL_MS * 2 + 500)
        assert sent == []
        path.write_text(GOOD.replace("Small test timeline", "Saved while hidden"), "utf-8")
        set_visibility(page, "visible")  # asks at once, not an interval later
        page.wait_for_function(
            "document.querySelector('#timeline-title').textContent === 'Saved while hidden'",
            timeout=POLL_MS - 500,
        )
        page.set_input_files(
            "#upload input[type=file]",
            files=[
                {"name": "mine.yaml", "mimeType": "application/x-yaml", "buffer": GOOD.encode()}
            ],
        )
        page.wait_for_function(
            "document.querySelector('#timeline-title').textContent === 'Small test timeline'"
        )
        settle(page, sent)
        page.wait_for_timeout(POLL_MS * 2 + 500)
        assert sent == []
    scripts = [u for u in encodings if "dash_renderer" in u or serving.PLOTLY_JS in u]
    assert len(scripts) == 2 and all(encodings[u] in ("br", "gzip") for u in scripts)
    assert not [u for u in encodings if u.endswith("/plotly.min.js")]  # the partial bundle only
