"""Shared fixtures, in one place: one real headless Chromium for browser tests (and none for the
others, so `pytest -m "not browser"` passes where Chromium is not installed), a folder of served
timelines for the dashboard tests."""

from __future__ import annotations

import pytest
from defense_timeline.dashboard import isolated

from tests.browser import MISSING, launched
from tests.browser import chromium_path as find_chromium
from tests.dashboard_support import make_folder, served_of

NO_CHROMIUM = "/nonexistent/chromium-for-tests-not-marked-browser"


@pytest.fixture(autouse=True)
def chromium_only_when_marked(request: pytest.FixtureRequest, monkeypatch):
    """Point the browser finder nowhere unless the test is marked browser; the dashboard's
    helper processes, which keep the environment they started in, end with the test."""
    if request.node.get_closest_marker("browser") is None:
        if "browser" in request.fixturenames:
            pytest.fail("this test drives Chromium (the browser fixture): mark it browser")
        monkeypatch.setenv("BROWSER_PATH", NO_CHROMIUM)
    yield
    isolated.close_idle()


def chromium_path() -> str:
    """Debian's Chromium, or BROWSER_PATH; the suite never downloads a browser."""
    path = find_chromium()
    if path is None:
        pytest.fail(f"{MISSING}; `make test` installs it")
    return path


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session, driven by Playwright."""
    with launched(chromium_path()) as b:
        yield b


@pytest.fixture()
def page(browser):
    """A fresh page whose console errors and failed requests are collected."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.console_errors = []
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    yield pg
    context.close()


@pytest.fixture()
def folder(tmp_path):
    """A folder holding copies of the bundled timelines (the dashboard serves it)."""
    return make_folder(tmp_path)


@pytest.fixture()
def served(folder):
    """The dashboard's served files over that folder."""
    return served_of(folder)


@pytest.fixture()
def app(folder):
    """A dashboard over that folder."""
    from defense_timeline.dashboard import create_app

    return create_app([folder])


@pytest.fixture()
def client(app):
    """The dashboard's Flask test client, for raw requests."""
    return app.server.test_client()


@pytest.fixture()
def static_site(tmp_path):
    """A temporary folder served on localhost, with the npm client libraries at /node_modules/."""
    from tests.clients import StaticServer, clients_installed

    if not clients_installed():
        pytest.fail("the npm client libraries are missing: run `make test` (it runs npm ci)")
    with StaticServer(tmp_path) as server:
        yield server
