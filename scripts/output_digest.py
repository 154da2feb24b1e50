"""Digests of every output a change to load, frame, figure or export could alter, to hold them
byte-identical across a refactor: the bundled timelines and generated 300- and 3,000-item files,
each under several views, as the loaded timeline, the drawing frame, the figure JSON, the HTML
page and fragment and the plotly JSON export.

    python scripts/output_digest.py --out before.json      # on the old code
    python scripts/output_digest.py --compare before.json  # on the new: lists what differs
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from defense_timeline.chart.figure import build_figure  # noqa: E402
from defense_timeline.output import htmlpage, render  # noqa: E402
from defense_timeline.timeline import loader  # noqa: E402
from defense_timeline.view.frame import clear_cache, drawing_frame  # noqa: E402
from defense_timeline.view.options import Filters, ViewOptions  # noqa: E402

from benchmarks import generate  # noqa: E402

VIEWS = {
    "default": ViewOptions(),
    "as-of-2019": ViewOptions(as_of=date(2019, 7, 1)),
    "baseline-2018": ViewOptions(baseline=date(2018, 1, 1), color_by="status"),
    "fiscal-state": ViewOptions(fiscal_axis="fiscal", color_by="state", show_baseline=False),
    "rows-kind-1200": ViewOptions(layout="rows", color_by="kind", width=1200, all_links=True),
    "filtered": ViewOptions(filters=Filters(kinds=("period", "deadline"))),
}


def _sha(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()[:16]


def timelines(work: Path) -> dict[str, Path]:
    """The bundled timelines and two generated ones, by name."""
    files = {p.stem: p for p in sorted((ROOT / "timeline_data").glob("*.yaml"))}
    for n in (300, 3000):
        files[f"generated_{n}"] = generate.write(n, work)
    return files


def digests(work: Path) -> dict[str, str]:
    """Name of an output -> the start of its sha256."""
    htmlpage.new_div_id = lambda: "defense-timeline-fixed"  # pages differ only by this id
    out: dict[str, str] = {}
    for name, path in timelines(work).items():
        clear_cache()
        tl = loader.load(path, max_bytes=10**9)
        out[f"{name}/timeline"] = _sha(repr(tl).replace(str(path), name))  # no temp dir
        for view_name, view in VIEWS.items():
            key = f"{name}/{view_name}"
            df = drawing_frame(tl, view.as_of, view.baseline)
            out[f"{key}/frame"] = _sha(df.to_csv() + repr(df.dtypes.to_dict()))
            out[f"{key}/figure"] = _sha(build_figure(tl, view).to_json())
            for fmt, fragment in (("html", False), ("html", True), ("json", False)):
                data = render.render(tl, fmt, view=view, fragment=fragment)
                out[f"{key}/{fmt}{'-fragment' if fragment else ''}"] = _sha(data)
    return out


def main() -> None:
    """Print or save the digests, or compare them with saved ones (exit 1 when any differs)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path)
    ap.add_argument("--compare", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="tl-digest-") as tmp:
        now = digests(Path(tmp))
    if args.out:
        args.out.write_text(json.dumps(now, indent=1) + "\n")
    if not args.compare:
        print(f"{len(now)} digests")
        return
    before = json.loads(args.compare.read_text())
    differ = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    for key in differ:
        print(f"differs: {key}")
    print(f"{len(now) - len(differ)} of {len(now)} outputs identical")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
