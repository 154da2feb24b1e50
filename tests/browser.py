"""Debian's headless Chromium for the browser tests, benchmarks and screenshots (not shipped).

The path comes from the runtime's own finder (defense_timeline.output.images.find_browser), so
image export, the suite and the scripts always agree on which Chromium runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from defense_timeline.errors import BrowserNotFound
from defense_timeline.output.images import find_browser

HEADLESS_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)
MISSING = "Chromium is missing: apt-get install chromium (or set BROWSER_PATH)"


def chromium_path() -> str | None:
    """BROWSER_PATH if set, else Debian's Chromium; None when neither exists."""
    try:
        return find_browser()
    except BrowserNotFound:
        return None


@contextmanager
def launched(path: str) -> Iterator[object]:
    """A Playwright Chromium browser started headless from path, closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=list(HEADLESS_ARGS))
        try:
            yield browser
        finally:
            browser.close()
