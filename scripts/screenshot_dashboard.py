"""Start the dashboard, open it in headless Chromium and save a screenshot (docs/dashboard.png).

    .venv/bin/python scripts/screenshot_dashboard.py [--query "?t=...&item=..."] [--out PATH]
        [--width 1600 --height 1000] [--full-page]

Uses Debian's Chromium (or BROWSER_PATH); never downloads a browser.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import MISSING, chromium_path, launched  # noqa: E402
from tests.server import BackgroundServer  # noqa: E402

DEFAULT_QUERY = "?t=japan_defense_2017&asof=2026-01-01&base=2017-02-19&item=ndpg-2013"


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--query", default=DEFAULT_QUERY)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "dashboard.png")
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--full-page", action="store_true")
    args = parser.parse_args()
    print(shoot(args.query, args.out, args.width, args.height, args.full_page))


if __name__ == "__main__":
    main()
