"""How fast the loader refuses each hostile input: one table, no asserts.

Run from the repository root: python -m benchmarks.hostile [--repeat 3]
The inputs are the ones tests/test_hostile.py checks (tests/timeline_yaml.py HOSTILE); the tests
say what each refusal is, this script how long it takes against its goal.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python benchmarks/hostile.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.timeline_yaml import HOSTILE  # noqa: E402

GOAL = 1.0  # seconds: every hostile input is refused well within this on a slow machine
GOALS = {  # the inputs that are big on purpose get longer
    "200,000 unknown fields": 5.0,
    "200,000 duplicate fields": 5.0,
    "4,000 misspelt references": 3.0,
}


def time_refusals(repeat: int) -> list[tuple[str, float, float]]:
    """(input, best seconds of repeat refusals, goal seconds) for every hostile input."""
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for name, hostile in HOSTILE.items():
            source = hostile.make(Path(scratch))  # making the input is not timed
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                hostile.refuse(source)
                times.append(time.perf_counter() - start)
            rows.append((name, min(times), GOALS.get(name, GOAL)))
    return rows


def table(rows: list[tuple[str, float, float]]) -> str:
    """A markdown table of the timings."""
    lines = ["| hostile input | refused in | goal | within goal |", "|---|---:|---:|---|"]
    for name, took, goal in rows:
        ok = "yes" if took < goal else "**no**"
        lines.append(f"| {name} | {took * 1000:.1f} ms | {goal * 1000:.0f} ms | {ok} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Time every hostile input and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="refusals per input (best counts)")
    args = parser.parse_args(argv)
    print(table(time_refusals(max(args.repeat, 1))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
