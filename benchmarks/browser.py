"""Time to first drawn chart of an HTML page in headless Chromium, and a pan check."""

from __future__ import annotations

import statistics
import time
from contextlib import contextmanager
from pathlib import Path

from tests.browser import MISSING, chromium_path, launched

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_MS = 300_000

# Runs before any page script: polls each animation frame until a plotly graph is laid out and
# drawn (drag layer present, SVG traces or a WebGL canvas, and our path layer's canvas when the
# page has one: assets/path_layer.js), then stamps the time since navigation start.
DRAWN_PROBE = """
(() => {
  const check = () => {
    const gd = document.querySelector('.js-plotly-plot');
    const drawn = gd && gd._fullLayout && gd.querySelector('.draglayer') &&
      gd.querySelector('g.trace, canvas') && gd.dataset.paths !== 'pending';
    if (drawn) { window.__drawnAt = performance.now(); return; }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();
"""

XRANGE = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  const r = (gd.layout.xaxis && gd.layout.xaxis.range) || gd._fullLayout.xaxis.range;
  return JSON.stringify(r);
}"""


@contextmanager
def chromium():
    """Debian's headless Chromium driven by Playwright, launched as the test suite launches it."""
    path = chromium_path()
    if path is None:
        raise SystemExit(MISSING)
    with launched(path) as browser:
        yield browser


def _open(browser, html: Path):
    """A fresh 1400x900 page with the draw probe, navigated to html; returns (context, page)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.add_init_script(DRAWN_PROBE)
    page.goto(Path(html).resolve().as_uri(), wait_until="commit", timeout=TIMEOUT_MS)
    page.wait_for_function("() => window.__drawnAt !== undefined", timeout=TIMEOUT_MS)
    return context, page


def first_draw_ms(browser, html: Path, repeat: int = 2) -> float:
    """Median ms from navigation start until the chart is drawn, over `repeat` fresh pages."""
    times = []
    for _ in range(repeat):
        context, page = _open(browser, html)
        times.append(page.evaluate("() => window.__drawnAt"))
        context.close()
    return statistics.median(times)


def _span(xrange: str) -> float | None:
    """Width in days of an x range as JSON (dates or ms), to tell a pan from a zoom."""
    import json
    from datetime import datetime

    try:
        lo, hi = (datetime.fromisoformat(str(v).replace(" ", "T")[:19]) for v in json.loads(xrange))
    except (TypeError, ValueError):
        return None
    return round((hi - lo).total_seconds() / 86400)


def pan_check(browser, html: Path) -> dict:
    """Drag across the main plot area; report whether the x range changed and how fast."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context, page = _open(browser, html)
    try:
        drawn = page.evaluate("() => window.__drawnAt")
        dragmode = page.evaluate(
            "() => document.querySelector('.js-plotly-plot')._fullLayout.dragmode"
        )
        box = page.locator(".js-plotly-plot .draglayer .nsewdrag").first.bounding_box()
        before = page.evaluate(XRANGE)
        visible = min(box["height"], page.viewport_size["height"] - box["y"])  # tall charts
        x, y = box["x"] + box["width"] / 2, box["y"] + max(visible, 2) / 2
        page.mouse.move(x, y)
        shift = dragmode != "pan"  # plotly pans on a shift-drag when the drag mode is zoom
        if shift:
            page.keyboard.down("Shift")
        t0 = time.perf_counter()
        page.mouse.down()
        page.mouse.move(x - 250, y, steps=12)
        page.mouse.up()
        if shift:
            page.keyboard.up("Shift")
        try:
            page.wait_for_function(f"(b) => ({XRANGE})() !== b", arg=before, timeout=60_000)
        except PlaywrightTimeout:
            pass
        drag_ms = (time.perf_counter() - t0) * 1000
        after = page.evaluate(XRANGE)
        return {
            "drawn_ms": drawn,
            "dragmode": dragmode,
            "before": before,
            "after": after,
            "changed": before != after,
            "span_kept": _span(before) == _span(after),
            "drag_ms": drag_ms,
        }
    finally:
        context.close()
