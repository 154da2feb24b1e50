"""The layout shows the flow: imports run down the pipeline only, and modules stay small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.data import ROOT

SOURCE = ROOT / "app"
PACKAGE = "defense_timeline"
# timeline -> view -> chart -> output | dashboard | cli; the base modules serve every stage.
RANK = {
    "errors": 0,
    "paths": 0,
    "vocabulary": 0,
    "gc_pause": 0,
    "timeline": 1,
    "view": 2,
    "draft": 2,  # an article -> a timeline file (reads dates; serves the dashboard and cli)
    "chart": 3,
    "output": 4,
    "dashboard": 5,
    "cli": 6,
    "__main__": 7,
}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _modules() -> list[Path]:
    return sorted(SOURCE.rglob("*.py"))


def _stage(path: Path) -> str | None:
    """The pipeline stage of a module file (None for the package's own __init__)."""
    parts = path.relative_to(SOURCE).with_suffix("").parts
    return None if parts == ("__init__",) else parts[0]


def _imported(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, module) of every import of this package, at any depth (lazy ones included)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            found += [(node.lineno, n) for n in names if n.startswith(PACKAGE + ".")]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith(PACKAGE)]
    return found


def _upward(path: Path) -> list[str]:
    stage = _stage(path)
    if stage is None:
        return []
    wrong = []
    for line, name in _imported(ast.parse(path.read_text(encoding="utf-8"))):
        target = name.split(".")[1]
        if target in RANK and RANK[target] > RANK[stage]:
            wrong.append(f"{path.relative_to(ROOT)}:{line} ({stage}) imports {name}")
    return wrong


def test_every_module_belongs_to_a_stage():
    stages = {_stage(p) for p in _modules()} - {None}
    assert stages <= set(RANK), stages - set(RANK)


def test_imports_run_down_the_pipeline_only():
    wrong = [line for path in _modules() for line in _upward(path)]
    assert wrong == []


def test_the_rule_catches_an_upward_import(tmp_path):
    probe = SOURCE / "view" / "frame.py"
    tree = ast.parse("from defense_timeline.chart.figure import build_figure\n")
    names = [name.split(".")[1] for _, name in _imported(tree)]
    assert names == ["chart", "chart"] and RANK["chart"] > RANK[_stage(probe)]


def test_the_runtime_never_imports_tests_benchmarks_or_scripts():
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            mods = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            for mod in mods:
                assert mod.split(".")[0] not in ("tests", "benchmarks", "scripts", "app"), path


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SOURCE)))
def test_modules_and_functions_stay_small(path):
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= MAX_MODULE_LINES
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


def test_every_public_name_resolves_and_every_error_is_a_defense_timeline_error():
    import defense_timeline
    from defense_timeline import errors

    for name in defense_timeline.__all__:
        assert getattr(defense_timeline, name) is not None, name
    assert set(errors.__all__) <= set(defense_timeline.__all__)
    for name in errors.__all__:
        value = getattr(errors, name)
        if isinstance(value, type) and name != "Problem":
            assert issubclass(value, errors.DefenseTimelineError), name
    assert issubclass(errors.DateError, ValueError)  # callers may catch ValueError too
