"""The plotly.js a standalone page carries inline (and the dashboard loads): plotly's own
partial bundle of the trace types our charts draw when it is installed, else the full bundle
plotly.py ships.

plotly.js-basic-dist-min (npm, installed by `make`) holds scatter, bar and pie and every layout
component (legends, shapes, annotations, axes): a quarter of the full bundle's size. Measured
in headless Chromium on a 1,000-item page, medians of 7 loads: drawn 443 ms from navigation
start against 1,097 ms with the full bundle, the same pixels at 760 and 1,600 px. It is used
only when its version is the one plotly.py's figures are made for, and not in a fragment: one
pasted beside other plotly charts keeps the full bundle, which they may need.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from defense_timeline.paths import node_modules_dir

PARTIAL_PACKAGE = "plotly.js-basic-dist-min"
PARTIAL_FILE = "plotly-basic.min.js"
PARTIAL_TRACES = frozenset({"scatter", "bar", "pie"})


def partial_bundle_dir() -> Path:
    """Where npm installs the partial bundle (package.json pins its version)."""
    return node_modules_dir() / PARTIAL_PACKAGE


@cache
def _installed(folder: Path, version: str) -> Path | None:
    """The bundle file in folder when npm installed it there at this version, else None."""
    path = folder / PARTIAL_FILE
    try:
        meta = json.loads((folder / "package.json").read_text(encoding="utf-8"))
        with path.open("rb"):  # readable
            pass
    except (OSError, ValueError):
        return None
    return path if isinstance(meta, dict) and meta.get("version") == version else None


def partial_bundle() -> Path | None:
    """The installed partial bundle at plotly.py's plotly.js version, else None."""
    from plotly.offline import get_plotlyjs_version

    return _installed(partial_bundle_dir(), get_plotlyjs_version())


@cache
def _text(path: Path) -> str | None:
    """A bundle's text, None when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None


def page_plotly_js(trace_types: Iterable[str]) -> str:
    """plotly.js for a page drawing traces of these types: the partial bundle if it draws
    them all and is installed, else the full one."""
    from plotly.offline import get_plotlyjs

    path = partial_bundle() if set(trace_types) <= PARTIAL_TRACES else None
    return (_text(path) if path else None) or get_plotlyjs()
