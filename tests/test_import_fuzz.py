"""Seeded mutations of real-shaped CSV and TimelineJS inputs: import either gives a timeline
that loads or raises the tool's own errors, never anything else."""

from __future__ import annotations

import json
import os
import random

from defense_timeline.errors import DefenseTimelineError
from defense_timeline.timeline.imports import convert
from defense_timeline.timeline.loader import loads

from tests.test_import import ANALYST_CSV, JP
from tests.test_import_timelinejs import EVENTS

CASES = int(os.environ.get("FUZZ_CASES", "300"))
SEED = int(os.environ.get("FUZZ_SEED", "9"))
PIECES = [b",", b"\n", b'"', b"'=", b"\x00", b"\xff", b"FY", b"-13", b"2018-H", b"<b>", b"{", b"]"]


def _mutated(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(out) + 1)
        choice = rng.random()
        if choice < 0.4:
            out[at:at] = rng.choice(PIECES)
        elif choice < 0.7 and out:
            del out[at : at + rng.randint(1, 8)]
        else:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 3)))
    return bytes(out)


def test_mutated_inputs_import_or_fail_cleanly():
    rng = random.Random(SEED)
    seeds = [(ANALYST_CSV.encode(), "plans.csv"), (json.dumps(EVENTS).encode(), "events.json")]
    outcomes = {"ok": 0, "refused": 0}
    for _ in range(CASES):
        data, name = rng.choice(seeds)
        try:
            imported = convert(_mutated(data, rng), name, options=JP)
        except DefenseTimelineError as exc:
            assert str(exc).startswith(name), str(exc)
            outcomes["refused"] += 1
            continue
        assert loads(imported.text).items == imported.timeline.items
        outcomes["ok"] += 1
    assert outcomes["ok"] and outcomes["refused"]
