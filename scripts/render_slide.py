"""Render the first slide of a PowerPoint file as a PNG with LibreOffice Impress (docs/slide.png).

    .venv/bin/python scripts/render_slide.py IN.pptx [-o OUT.png]
    .venv/bin/python scripts/render_slide.py TIMELINE.yaml [-o OUT.png] [--as-of DATE]

A timeline file is first exported as a deck (`defense-timeline export --format pptx`). Runs
`soffice --headless --convert-to png` (Debian's libreoffice-impress) with a private profile, so
it works while another LibreOffice is open; writes OUT atomically.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from defense_timeline.output.atomic import write_atomic  # noqa: E402

TIMEOUT_S = 180


def soffice() -> str:
    """LibreOffice's command, or exit with how to install it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    return found or sys.exit("LibreOffice is missing: apt-get install libreoffice-impress")


def deck_of(timeline: Path, work: Path, as_of: str | None) -> Path:
    """Export a timeline file as a deck in work; its path."""
    from datetime import date

    from defense_timeline.output.render import export
    from defense_timeline.timeline.loader import load
    from defense_timeline.view.options import ViewOptions

    view = ViewOptions(as_of=date.fromisoformat(as_of) if as_of else None)
    return export(load(timeline), work / f"{timeline.stem}.pptx", view=view)


def render_slide(deck: Path, out: Path, work: Path) -> Path:
    """The deck's first slide as a PNG at out."""
    profile = (work / "profile").as_uri()
    cmd = [
        soffice(),
        f"-env:UserInstallation={profile}",
        "--headless",
        "--convert-to",
        "png",
        "--outdir",
        str(work),
        str(deck),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    png = work / f"{deck.stem}.png"
    if done.returncode != 0 or not png.is_file():
        sys.exit(f"soffice could not convert {deck}: {(done.stderr or done.stdout).strip()}")
    return write_atomic(out, png.read_bytes())


def main(argv: list[str] | None = None) -> None:
    """Parse the command line and render."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", type=Path, help="a .pptx, or a timeline .yaml to export first")
    parser.add_argument("-o", "--out", type=Path, help="PNG to write (default: beside the input)")
    parser.add_argument("--as-of", help="the view date when the input is a timeline file")
    args = parser.parse_args(argv)
    out = args.out or args.input.with_suffix(".png")
    with tempfile.TemporaryDirectory(prefix="render-slide-") as tmp:
        work = Path(tmp)
        deck = args.input
        if deck.suffix.lower() != ".pptx":
            deck = deck_of(deck, work, args.as_of)
        render_slide(deck.resolve(), out, work)
    print(f"wrote {out} ({os.path.getsize(out):,} bytes)")


if __name__ == "__main__":
    main()
