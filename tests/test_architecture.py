"""The package's architecture (README "Layout"): one-way layers, no hidden imports, one vocabulary of labels.

The layers themselves are import-linter contracts in ``pyproject.toml`` (run by ``make lint``);
these tests check what the contracts do not see, and that the contracts can fail.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "analysis"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _internal_imports(path: Path):
    """(node, absolute module imported, inside a function?) for every import of the package's own modules."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    mod, is_pkg = _module(path), path.name == "__init__.py"
    inside = {
        id(n) for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) for n in ast.walk(f) if n is not f
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = mod.split(".") if is_pkg else mod.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                src = ".".join(base + ([node.module] if node.module else []))
            else:
                src = node.module or ""
            if src == "analysis" or src.startswith("analysis."):
                yield node, src, id(node) in inside
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("analysis."):
                    yield node, a.name, id(node) in inside


def _modules():
    return sorted(p for p in PKG.rglob("*.py") if "__pycache__" not in p.parts)


def test_no_function_local_import_of_the_package():
    """Internal imports sit at the top of modules (only heavy third-party libraries load lazily)."""
    found = [
        f"{p.relative_to(ROOT)}:{n.lineno} imports {src}" for p in _modules() for n, src, local in _internal_imports(p) if local
    ]
    assert not found, "function-local internal imports (move them to the top of the module):\n" + "\n".join(found)


def test_no_underscore_name_crosses_a_subpackage():
    """What a subpackage shares is public inside it; nothing private is taken from another subpackage."""
    found = []
    for p in _modules():
        here = _module(p).split(".")[1:2]
        for n, src, _ in _internal_imports(p):
            if isinstance(n, ast.ImportFrom) and src.split(".")[1:2] != here:
                found += [
                    f"{p.relative_to(ROOT)}:{n.lineno} takes {a.name} from {src}" for a in n.names if a.name.startswith("_")
                ]
    assert not found, "\n".join(found)


def test_at_most_a_dozen_modules_at_the_top_and_at_least_five_subpackages():
    top = [p.name for p in PKG.glob("*.py")]
    subs = [d.name for d in PKG.iterdir() if (d / "__init__.py").is_file()]
    assert len(top) <= 12, top
    assert len(subs) >= 5, subs


def test_every_label_table_is_defined_once():
    """Each code → Vietnamese table (``*_VI``) and label function (``*_vi``) has one definition."""
    where: dict[str, list[str]] = {}
    for p in _modules():
        for node in ast.parse(p.read_text(encoding="utf-8")).body:
            names = []
            if isinstance(node, ast.FunctionDef) and node.name.endswith("_vi"):
                names = [node.name]
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = [t.id for t in targets if isinstance(t, ast.Name) and t.id.endswith("_VI")]
            for n in names:
                where.setdefault(n, []).append(_module(p))
    twice = {n: ms for n, ms in where.items() if len(ms) > 1}
    assert not twice, f"defined more than once: {twice}"


def _lint_copy(tmp_path: Path, plant) -> subprocess.CompletedProcess:
    shutil.copytree(PKG, tmp_path / "analysis", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    plant(tmp_path / "analysis")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=tmp_path, env=env, capture_output=True, text=True)


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed beside this interpreter")
def test_a_planted_upward_import_breaks_the_layers_contract(tmp_path):
    def plant(pkg: Path) -> None:
        units = pkg / "core" / "units.py"
        units.write_text(units.read_text(encoding="utf-8") + "\nfrom analysis.report import workbook  # noqa\n", encoding="utf-8")

    run = _lint_copy(tmp_path, plant)
    assert run.returncode != 0 and "BROKEN" in run.stdout and "analysis.core.units" in run.stdout, run.stdout[-2000:]


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed beside this interpreter")
def test_a_new_flat_module_breaks_the_exhaustive_layers_contract(tmp_path):
    run = _lint_copy(tmp_path, lambda pkg: (pkg / "stray.py").write_text("X = 1\n", encoding="utf-8"))
    assert run.returncode != 0 and "stray" in run.stdout, run.stdout[-2000:]
