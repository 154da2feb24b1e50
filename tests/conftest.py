"""Shared fixtures: paths of the bundled data and one real headless Chromium for browser tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.chromium import HEADLESS_ARGS, MISSING
from app.chromium import chromium_path as find_chromium

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "timeline_data"
DEFAULT_TIMELINE = DATA / "japan_defense_2017.yaml"
PROGRAMS_TIMELINE = DATA / "japan_defense_programs.yaml"

CHROMIUM_ARGS = list(HEADLESS_ARGS)


def chromium_path() -> str:
    """Debian's Chromium, or BROWSER_PATH; the suite never downloads a browser."""
    path = find_chromium()
    if path is None:
        pytest.fail(f"{MISSING}; `make test` installs it")
    return path


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()


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
