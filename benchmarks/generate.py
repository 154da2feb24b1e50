"""Deterministic synthetic timelines in the project's YAML format, for benchmarks at any size.

Every kind of item and date expression of README "The timeline format" appears: periods with
day, month, quarter, half, year and fiscal-year dates (some uncertain or approximate), ends and
durations and open ends, events, deadlines and milestones, cited sources with quotes, dated
updates, links to earlier items (so no cycles), quantities, tags, lane and item calendars.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import tempfile
from bisect import bisect_right
from datetime import date, timedelta
from pathlib import Path

AS_OF = date(2024, 6, 30)
FIRST_SOURCE_DAY = date(2000, 1, 1)
KIND_WEIGHTS = {"period": 55, "event": 20, "deadline": 15, "milestone": 10}
PERIOD_STATUSES = ("approved", "in force", "planned", "proposed", "under study", "completed")
POINT_STATUSES = ("planned", "completed", "proposed", "approved")
SOURCE_KINDS = ("news report", "official document", "anonymous official", "press release")
PUBLISHERS = ("The Japan Times", "Kyodo", "Nikkei Asia", "Defense News", "Ministry of Defense")
LANE_NAMES = (
    "Defense guidelines", "Mid-term programs", "Budget requests", "Procurement", "Shipbuilding",
    "Air defense", "Missile defense", "Alliance talks", "Basing", "Personnel", "Space", "Cyber",
    "Research & development", "Exports", "Legislation", "Exercises",
)  # fmt: skip
SUBJECTS = (
    "Osprey tilt-rotor aircraft", "F-35A fighters", "Aegis destroyers", "Aegis Ashore sites",
    "Type 03 missile batteries", "amphibious brigade", "coast guard cutters", "E-2D aircraft",
    "stand-off missiles", "submarine fleet", "space surveillance unit", "cyber defense unit",
    "Global Hawk drones", "tanker aircraft", "helicopter carriers", "radar network",
)  # fmt: skip
VERBS = ("Procurement of", "Deployment of", "Study on", "Upgrade of", "Review of", "Funding for")
TAGS = ("guidelines", "budget", "alliance", "navy", "air", "missile", "space", "cyber", "ldp")
LANE_CALENDARS = (None, None, None, "US", None, "UK", None, "AU", None, None, None, "CUSTOM")
CUSTOM_CALENDAR = '{start: "07-01", named_by: end}'
SPLIT_FY = ("UK", "AU")  # calendars whose files write FY2023-24
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.()'/&+-]*")


def scalar(text: str) -> str:
    """A YAML scalar for text: plain when that is unambiguous, else a double-quoted string."""
    if _PLAIN.fullmatch(text) and ": " not in text and " #" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


class _Gen:
    """One generation run: a seeded random source and the text being built."""

    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.out: list[str] = []
        self.lanes = self._lanes()
        self.split_fy = False
        n_sources = max(8, n // 4)
        span = (AS_OF - FIRST_SOURCE_DAY).days
        self.source_days = sorted(
            FIRST_SOURCE_DAY + timedelta(days=self.rng.randrange(span)) for _ in range(n_sources)
        )

    def _lanes(self) -> list[tuple[str, str, str | None]]:
        count = min(40, max(6, round(math.sqrt(self.n) / 3)))
        lanes = []
        for i in range(count):
            base = LANE_NAMES[i % len(LANE_NAMES)]
            label = base if i < len(LANE_NAMES) else f"{base} {i // len(LANE_NAMES) + 1}"
            lanes.append((f"lane-{i:02d}", label, LANE_CALENDARS[i % len(LANE_CALENDARS)]))
        return lanes

    def emit(self) -> str:
        """The whole file's text."""
        w = self.out.append
        w("# Synthetic benchmark timeline (benchmarks/generate.py); not real data.")
        w(f"title: Synthetic defence planning timeline of {self.n} items")
        w("description: Generated for benchmarks; every feature of the format appears.")
        w(f"as_of: {AS_OF.isoformat()}")
        w("calendar: JP")
        self._sources()
        self._lane_block()
        w("items:")
        for i in range(self.n):
            self._item(i)
        return "\n".join(self.out) + "\n"

    def _sources(self) -> None:
        w, rng = self.out.append, self.rng
        w("sources:")
        for i, day in enumerate(self.source_days):
            subject = rng.choice(SUBJECTS)
            w(f"  - id: src-{i:06d}")
            w(f"    title: {scalar(f'{rng.choice(VERBS)} {subject} reported')}")
            w(f"    publisher: {rng.choice(PUBLISHERS)}")
            w(f"    date: {day.isoformat()}")
            if i % 3:
                w(f"    url: https://news.example.org/{day.year}/{day.month:02d}/{i}")
            w(f"    kind: {SOURCE_KINDS[i % len(SOURCE_KINDS)]}")

    def _lane_block(self) -> None:
        w = self.out.append
        w("lanes:")
        for i, (lane_id, label, cal) in enumerate(self.lanes):
            w(f"  - id: {lane_id}")
            w(f"    label: {scalar(label)}")
            if i % 2 == 0:
                w(f'    color: "{PALETTE[i % len(PALETTE)]}"')
            if i % 4 == 1:
                w(f"    order: {i + 1}")
            if cal:
                w(f"    calendar: {CUSTOM_CALENDAR if cal == 'CUSTOM' else cal}")

    def _date_expr(self, year: int) -> str:
        """A date expression in `year` at a random precision, sometimes uncertain or approximate."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.35:
            text = date(year, rng.randint(1, 12), rng.randint(1, 28)).isoformat()
        elif roll < 0.55:
            text = f"{year}-{rng.randint(1, 12):02d}"
        elif roll < 0.65:
            text = f"{year}-Q{rng.randint(1, 4)}"
        elif roll < 0.72:
            text = f"{year}-H{rng.randint(1, 2)}"
        elif roll < 0.82:
            text = str(year)
        elif self.split_fy and roll < 0.88:
            text = f"FY{year}-{(year + 1) % 100:02d}"
        else:
            text = f"FY{year}"
        if len(text) > 4 and rng.random() < 0.08:
            return f'"{text}?"' if rng.random() < 0.5 else f"{text}?"
        if rng.random() < 0.04:
            return f"~{text}"
        return text

    def _duration(self) -> str:
        rng = self.rng
        amount, unit = rng.choice(((rng.randint(1, 10), "y"), (rng.randint(3, 36), "m")))
        if rng.random() < 0.1:
            amount, unit = rng.choice(((rng.randint(2, 20), "w"), (rng.randint(10, 90), "d")))
        return f"{'~' if rng.random() < 0.15 else ''}{amount}{unit}"

    def _refs(self, idx: int, indent: str) -> None:
        """Cite source idx, as a bare id or with the quoted sentence."""
        w = self.out.append
        if self.rng.random() < 0.3:
            quote = json.dumps(f"Officials said the plan (ref {idx}) would go ahead.")
            w(f"{indent}sources:")
            w(f"{indent}  - {{id: src-{idx:06d}, quote: {quote}}}")
        else:
            w(f"{indent}sources: [src-{idx:06d}]")

    def _item(self, i: int) -> None:
        w, rng = self.out.append, self.rng
        if i < 2:  # an open-ended plan and the plan that supersedes it, in date order
            w(f"  - id: it-{i:06d}")
            w(f"    title: {scalar(f'Defence plan, package {i}')}")
            w(f"    kind: period\n    lane: {self.lanes[0][0]}\n    status: approved")
            w(f"    start: {1995 + 10 * i}")
            if i:
                w("    supersedes: [it-000000]")
            self._refs(0, "    ")
            return
        kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
        lane_id, _, lane_cal = self.lanes[rng.randrange(len(self.lanes))]
        self.split_fy = lane_cal in SPLIT_FY
        src = rng.randrange(len(self.source_days))
        year = rng.randint(1995, 2035)
        w(f"  - id: it-{i:06d}")
        verb, subject = rng.choice(VERBS), rng.choice(SUBJECTS)
        suffix = " (R&D)" if i % 97 == 0 else ""
        w(f"    title: {scalar(f'{verb} {subject}, package {i}{suffix}')}")
        w(f"    kind: {kind}")
        w(f"    lane: {lane_id}")
        statuses = PERIOD_STATUSES if kind == "period" else POINT_STATUSES
        w(f"    status: {rng.choice(statuses)}")
        if kind == "period":
            self._period_dates(year)
        else:
            w(f"    date: {self._date_expr(year)}")
        self._extras(i, kind, src, lane_cal)
        self._refs(src, "    ")
        self._updates(kind, src, year)

    def _period_dates(self, year: int) -> None:
        w, roll = self.out.append, self.rng.random()
        w(f"    start: {self._date_expr(year)}")
        if roll < 0.5:
            w(f"    end: {self._date_expr(year + self.rng.randint(2, 8))}")
        elif roll < 0.9:
            w(f"    duration: {self._duration()}")

    def _extras(self, i: int, kind: str, src: int, lane_cal: str | None) -> None:
        w, rng = self.out.append, self.rng
        if i and rng.random() < 0.12:
            w(f"    depends_on: [it-{rng.randrange(max(0, i - 500), i):06d}]")
        if i > 1 and rng.random() < 0.03:
            link = rng.choice(("informs", "implements", "supersedes"))
            # random dates would contradict a supersedes link (a warning): items 0 and 1 hold one
            w(f"    {'informs' if link == 'supersedes' else link}: [it-{i - 1:06d}]")
        if lane_cal is None and rng.random() < 0.02:
            w("    calendar: AU")
        if rng.random() < 0.05:
            w(f"    reported: {self.source_days[src].isoformat()}")
        if rng.random() < 0.3:
            w(f"    tags: [{', '.join(rng.sample(TAGS, rng.randint(1, 3)))}]")
        if rng.random() < 0.1:
            w(f"    quantities: [{{count: {rng.randint(2, 60)}, what: {rng.choice(SUBJECTS)}}}]")
        if rng.random() < 0.25:
            w(f"    notes: {scalar(f'Reported plan for the {kind}; details remain unclear.')}")

    def _updates(self, kind: str, src: int, year: int) -> None:
        w, rng = self.out.append, self.rng
        if rng.random() >= 0.15:
            return
        day, lines = self.source_days[src], []
        for _ in range(rng.randint(1, 3)):
            day += timedelta(days=rng.randint(30, 900))
            if day > AS_OF:
                break
            cited = rng.randrange(src, bisect_right(self.source_days, day))
            lines.append(f"      - as_of: {day.isoformat()}")
            lines.append(f"        sources: [src-{cited:06d}]")
            if kind == "period":
                lines.append(f"        end: {self._date_expr(year + rng.randint(2, 10))}")
            else:
                lines.append(f"        date: {self._date_expr(year + rng.randint(0, 3))}")
            statuses = ("completed", "superseded", "cancelled", "planned", "met", "missed")
            lines.append(
                f"        status: {rng.choice(statuses[:4] if kind != 'deadline' else statuses)}"
            )
        if lines:
            w("    updates:")
            self.out.extend(lines)


def generate(n: int, seed: int = 0) -> str:
    """The YAML text of a timeline of n items; the same n and seed give the same text."""
    return _Gen(n, seed).emit()


def write(n: int, directory: Path | None = None, seed: int = 0) -> Path:
    """Write a timeline of n items into directory (a new temp dir by default); return its path."""
    folder = Path(directory) if directory else Path(tempfile.mkdtemp(prefix="tl-bench-"))
    path = folder / f"synthetic_{n}.yaml"
    path.write_text(generate(n, seed), encoding="utf-8")
    return path


def main() -> None:
    """CLI: python -m benchmarks.generate N [--seed S] [--out DIR]."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    print(write(args.n, args.out, args.seed))


if __name__ == "__main__":
    main()
