"""An installed wheel, not only this checkout, finds the bundled timelines and the assets."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from tests.data import ROOT


def test_wheel_carries_timelines_and_assets_and_finds_them(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    (wheel,) = (tmp_path / "dist").glob("defense_timeline-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "defense_timeline/timeline_data/japan_defense_2017.yaml" in names
    assert "defense_timeline/timeline_data/japan_defense_programs.yaml" in names
    assert "defense_timeline/timeline_data/timeline.schema.json" in names
    assert "defense_timeline/assets/style.css" in names
    assert "defense_timeline-0.1.0.dist-info/entry_points.txt" in names

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "import defense_timeline.paths as p;"
        "print(p.default_timeline_path().is_file(), p.assets_dir().joinpath('style.css').is_file(),"
        " p.bundled_timelines_dir())"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
    ).stdout.split()
    assert out[:2] == ["True", "True"]
    assert out[2].startswith(str(site))


def test_python_dash_m_defense_timeline_runs_the_cli():
    out = subprocess.run(
        [sys.executable, "-m", "defense_timeline", "--help"],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    for command in ("validate", "table", "export", "schema", "serve"):
        assert command in out
