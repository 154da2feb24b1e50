"""Start the dashboard, open it in headless Chromium and save a screenshot (docs/dashboard.png);
with --report, paste the chart's HTML fragment into report columns 760 and 1600 px wide and save
both (docs/report-760.png, docs/report-1600.png): the chart as a reader of a report sees it.

    .venv/bin/python scripts/screenshot_dashboard.py [--query "?t=...&item=..."] [--out PATH]
        [--width 1600 --height 1000] [--full-page]
    .venv/bin/python scripts/screenshot_dashboard.py --report [--timeline FILE] [--docs DIR]

Uses Debian's Chromium (or BROWSER_PATH); never downloads a browser.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import MISSING, chromium_path, launched  # noqa: E402
from tests.server import BackgroundServer  # noqa: E402

DEFAULT_QUERY = "?t=japan_defense_2017&asof=2026-01-01&base=2017-02-19&item=ndpg-2013"
REPORT_TIMELINE = ROOT / "timeline_data" / "japan_defense_programs.yaml"
REPORT_WIDTHS = (760, 1600)
REPORT_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<style>body {{ margin: 0; font: 16px/1.5 Georgia, serif; }}
article {{ width: {width}px; padding: 16px 0; margin: 0 auto; }}</style></head>
<body><article><p>A report column {width} px wide, with the chart's fragment pasted in.</p>
{fragment}</article></body></html>"""


def chromium() -> str:
    """Debian's Chromium, or BROWSER_PATH."""
    return chromium_path() or sys.exit(MISSING)


def shoot(query: str, out: Path, width: int, height: int, full_page: bool) -> Path:
    """Serve the bundled timelines, load the view and write a PNG of the page."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with BackgroundServer() as server, launched(chromium()) as browser:
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(server.url + "/" + query)
        page.wait_for_selector("#gantt .main-svg", timeout=120_000)  # a busy machine is slow
        page.wait_for_function(
            "document.querySelector('#item-count') && "
            "document.querySelector('#item-count').textContent.startsWith('Showing')"
        )
        page.wait_for_timeout(1200)  # let the grid and the chart settle
        page.screenshot(path=str(out), full_page=full_page)
    return out


def shoot_report(timeline: Path, docs: Path) -> list[Path]:
    """The timeline's HTML fragment in report columns of REPORT_WIDTHS: one PNG each."""
    from defense_timeline import load
    from defense_timeline.output.render import render

    fragment = render(load(timeline), "html", fragment=True).decode("utf-8")
    docs.mkdir(parents=True, exist_ok=True)
    shots = []
    with tempfile.TemporaryDirectory() as tmp, launched(chromium()) as browser:
        for width in REPORT_WIDTHS:
            page_file = Path(tmp) / f"report-{width}.html"
            page_file.write_text(REPORT_PAGE.format(width=width, fragment=fragment), "utf-8")
            page = browser.new_page(viewport={"width": width + 40, "height": 2400})
            page.goto(page_file.as_uri())
            page.wait_for_selector(".js-plotly-plot .scatterlayer .trace", timeout=30_000)
            page.wait_for_timeout(800)
            out = docs / f"report-{width}.png"
            page.locator("article").screenshot(path=str(out))  # down to the chart's caption
            shots.append(out)
    return shots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="the report-width screenshots")
    parser.add_argument("--timeline", type=Path, default=REPORT_TIMELINE)
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    parser.add_argument("--query", default=DEFAULT_QUERY)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "dashboard.png")
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--full-page", action="store_true")
    args = parser.parse_args()
    if args.report:
        print(*shoot_report(args.timeline, args.docs), sep="\n")
        return
    print(shoot(args.query, args.out, args.width, args.height, args.full_page))


if __name__ == "__main__":
    main()
