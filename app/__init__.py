"""defense-timeline: sourced, time-travelling Gantt timelines of defence-planning documents.

`import app` stays light (no pandas, plotly or click); the public helpers load on first use:

    from app import load, build_figure, export
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "load": "app.loader",
    "loads": "app.loader",
    "build_figure": "app.figure",
    "timeline_frame": "app.frame",
    "export": "app.export",
    "export_many": "app.export",
    "ViewOptions": "app.options",
    "Filters": "app.options",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    """Import a public helper from its module the first time it is asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'app' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    if name != "export":  # importing app.export binds the module here; keep that binding
        globals()[name] = value
    return value
