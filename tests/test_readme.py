"""The README's examples run as written."""

from __future__ import annotations

import os
import re

import pytest

from tests.data import ROOT


@pytest.mark.browser
def test_python_api_example_runs(tmp_path, monkeypatch):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", text, re.S)
    monkeypatch.chdir(tmp_path)
    os.symlink(ROOT / "timeline_data", tmp_path / "timeline_data")
    (tmp_path / "report").mkdir()
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert namespace["fig"].data
    assert (tmp_path / "report" / "guidelines.svg").read_bytes().lstrip().startswith(b"<svg")


def test_readme_images_exist():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert len(images) >= 3
    for image in images:
        assert (ROOT / image).is_file(), image
