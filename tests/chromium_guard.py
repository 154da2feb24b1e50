"""Tests not marked `browser` run as on a machine without Chromium, so they never start one and
`pytest -m "not browser"` passes where none is installed. conftest.py imports the fixture."""

from __future__ import annotations

import pytest

NO_CHROMIUM = "/nonexistent/chromium-for-tests-not-marked-browser"


@pytest.fixture(autouse=True)
def chromium_only_when_marked(request: pytest.FixtureRequest, monkeypatch) -> None:
    """Point the browser finder nowhere unless the test is marked browser."""
    if request.node.get_closest_marker("browser") is not None:
        return
    if "browser" in request.fixturenames:
        pytest.fail("this test drives Chromium (the browser fixture): mark it @pytest.mark.browser")
    monkeypatch.setenv("BROWSER_PATH", NO_CHROMIUM)
