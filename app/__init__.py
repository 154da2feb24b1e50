"""defense-timeline: sourced, time-travelling Gantt timelines of defence-planning documents.

`import defense_timeline` stays light (no pandas, plotly or click); the public helpers load on
first use:

    from defense_timeline import load, build_figure, export

The pipeline, one package a stage (imports run down it only):
timeline (read, validate, dates, model) -> view (frame as of a date, filters, tables)
-> chart (the one figure builder) -> output (HTML, fragment, images, JSON) | dashboard | cli.
"""

from __future__ import annotations

import importlib
from typing import Any

from defense_timeline import errors as _errors
from defense_timeline.errors import *  # noqa: F403  (the one error hierarchy, documented there)

__version__ = "0.1.0"

_LAZY = {
    "load": "defense_timeline.timeline.loader",
    "loads": "defense_timeline.timeline.loader",
    "Timeline": "defense_timeline.timeline.model",
    "json_schema": "defense_timeline.timeline.json_schema",
    "timeline_frame": "defense_timeline.view.frame",
    "filter_frame": "defense_timeline.view.filters",
    "ViewOptions": "defense_timeline.view.options",
    "Filters": "defense_timeline.view.options",
    "build_figure": "defense_timeline.chart.figure",
    "export": "defense_timeline.output.render",
    "export_many": "defense_timeline.output.render",
}

__all__ = ["__version__", *_LAZY, *_errors.__all__]


def __getattr__(name: str) -> Any:
    """Import a public helper from its module the first time it is asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'defense_timeline' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, for completion in notebooks."""
    return sorted(set(globals()) | set(__all__))
