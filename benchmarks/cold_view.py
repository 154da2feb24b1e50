"""The dashboard's default view drawn from a cold browser: gunicorn as in benchmarks.load,
headless Debian Chromium, each visit in a fresh browser context (empty cache, cookies and
storage: a first visit), timed from navigation start until the chart's traces are drawn.

The first visit also finds the server cold (its worker builds the chart); the others find it
warm. Target: under 2 s. Run: python -m benchmarks.cold_view [--visits 5]
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python benchmarks/cold_view.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.browser import DRAWN_PROBE, TIMEOUT_MS, chromium  # noqa: E402
from benchmarks.load import DATA, free_port, start_gunicorn  # noqa: E402

TARGET_MS = 2_000
TRACES = "() => document.querySelector('#gantt .js-plotly-plot').data.length"


def visit(browser, url: str) -> tuple[float, int]:
    """(ms from navigation start to the chart drawn, traces drawn) in a fresh context."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        page.add_init_script(DRAWN_PROBE.replace(".js-plotly-plot", "#gantt .js-plotly-plot"))
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        page.wait_for_function("() => window.__drawnAt !== undefined", timeout=TIMEOUT_MS)
        return page.evaluate("() => window.__drawnAt"), page.evaluate(TRACES)
    finally:
        context.close()


def measure(visits: int, browser=None, workers: int = 2, threads: int = 4) -> list:
    """Each visit's (ms, traces), the first on a server that has drawn nothing yet; browser: a
    Playwright browser already running (default: Chromium launched for this)."""
    port = free_port()
    proc = start_gunicorn(workers, threads, port, str(DATA))
    try:
        if browser is not None:
            return [visit(browser, f"http://127.0.0.1:{port}/") for _ in range(visits)]
        with chromium() as launched:
            return [visit(launched, f"http://127.0.0.1:{port}/") for _ in range(visits)]
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def main(argv: list[str] | None = None) -> list[tuple[float, int]]:
    """Measure, print the table, return each visit's (ms, traces)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--visits", type=int, default=5)
    args = ap.parse_args(argv)
    times = measure(args.visits)
    ms = [t for t, _ in times]
    warm = ms[1:] or ms
    verdict = "met" if max(warm) < TARGET_MS else "**missed**"
    print(
        "| first visit, server cold | later first visits (median, max) | target |\n"
        "|---:|---:|---|\n"
        f"| {ms[0]:,.0f} ms | {statistics.median(warm):,.0f} ms, {max(warm):,.0f} ms "
        f"| < {TARGET_MS:,} ms: {verdict} |"
    )
    print(f"\nplotly.js: {bundle_words()}")
    return times


def bundle_words() -> str:
    """Which plotly.js the dashboard loads (app/output/plotlyjs.py): it changes the view's time."""
    from defense_timeline.output.plotlyjs import partial_bundle

    if partial_bundle() is None:
        return "plotly.py's full bundle (npm's partial one is not installed)"
    return "the partial bundle (plotly.js-basic-dist-min)"


if __name__ == "__main__":
    main()
