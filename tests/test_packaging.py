"""An installed wheel, not only this checkout, finds the bundled timelines and the assets."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

from tests.data import ROOT


def _source_copy(tmp_path):
    """The checkout's sources without build output, so a stale build/ cannot leak into the wheel."""
    junk = shutil.ignore_patterns(
        ".git",
        ".venv",
        "build",
        "dist",
        "*.egg-info",
        "__pycache__",
        ".*_cache",
        "defense_timeline",
    )
    return shutil.copytree(ROOT, tmp_path / "src", ignore=junk, symlinks=True)


def test_wheel_carries_timelines_and_assets_and_finds_them(tmp_path):
    source = _source_copy(tmp_path)
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
            str(source),
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
    assert "defense_timeline/timeline/loader.py" in names
    tops = {name.split("/")[0] for name in names}
    assert tops == {"defense_timeline", "defense_timeline-0.1.0.dist-info"}  # nothing named app

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

    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    gone = subprocess.run(
        [sys.executable, "-c", "import app"], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert gone.returncode == 1 and "No module named 'app'" in gone.stderr
    cli = subprocess.run(
        [sys.executable, "-m", "defense_timeline", "validate", str(ROOT / "timeline_data")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert cli.returncode == 1 and "is a directory" in cli.stderr  # the installed CLI answered


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
