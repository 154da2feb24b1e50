"""Where the bundled timelines, the dashboard's static files and npm's packages are."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
DEFAULT_TIMELINE_NAME = "japan_defense_2017.yaml"


def _data_dir(name: str) -> Path:
    """A wheel carries the folder inside the package; a checkout has it beside the package."""
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def bundled_timelines_dir() -> Path:
    """The folder of bundled timeline files (timeline_data/)."""
    return _data_dir("timeline_data")


def assets_dir() -> Path:
    """The dashboard's static files (assets/)."""
    return _data_dir("assets")


def node_modules_dir() -> Path:
    """npm's packages for this checkout (package.json): plotly.js's partial bundle, test clients."""
    return _data_dir("node_modules")


def default_timeline_path() -> Path:
    """The article timeline the dashboard and README open first."""
    return bundled_timelines_dir() / DEFAULT_TIMELINE_NAME
