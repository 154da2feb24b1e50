"""The plotly.js a standalone page carries inline: plotly's own partial bundle of the trace
types our charts draw when it is installed, else the full bundle plotly.py ships.

plotly.js-basic-dist-min (npm, installed by `make`) holds scatter, bar and pie and every layout
component (legends, shapes, annotations, axes): a quarter of the full bundle's size. Measured
in headless Chromium on a 1,000-item page, medians of 7 loads: drawn 443 ms from navigation
start against 1,097 ms with the full bundle, the same pixels at 760 and 1,600 px. It is used
only when its version is the one plotly.py's figures are made for, and for a whole page only:
a fragment pasted beside other plotly charts keeps the full bundle, which they may need.
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
def _partial(folder: Path, version: str) -> str | None:
    """The partial bundle's text when installed at plotly.py's plotly.js version, else None."""
    try:
        meta = json.loads((folder / "package.json").read_text(encoding="utf-8"))
        if meta.get("version") != version:
            return None
        return (folder / PARTIAL_FILE).read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None


def page_plotly_js(trace_types: Iterable[str]) -> str:
    """plotly.js for a page drawing traces of these types: the partial bundle if it draws
    them all and is installed, else the full one."""
    from plotly.offline import get_plotlyjs, get_plotlyjs_version

    partial = None
    if set(trace_types) <= PARTIAL_TRACES:
        partial = _partial(partial_bundle_dir(), get_plotlyjs_version())
    return partial or get_plotlyjs()
