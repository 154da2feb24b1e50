"""Where Debian's Chromium is and how to start it headless here: one place for tests and scripts."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

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
    path = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    return path if Path(path).exists() else None
