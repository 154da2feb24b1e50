"""Where the suite's data is: the checkout, the bundled timelines and the two default files."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "timeline_data"
DEFAULT_TIMELINE = DATA / "japan_defense_2017.yaml"
PROGRAMS_TIMELINE = DATA / "japan_defense_programs.yaml"
