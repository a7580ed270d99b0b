"""environment.yml and pyproject.toml list the same dependencies; .ci/run calls the README's test command."""

from __future__ import annotations

import re
import tomllib

from conftest import ROOT


def _name(req: str) -> str:
    return re.split(r"[<>=!~ \[]", req.strip(), maxsplit=1)[0].lower()


def _conda_deps() -> dict[str, str]:
    deps, in_deps = {}, False
    for line in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("dependencies:"):
            in_deps = True
            continue
        m = re.match(r"^  - ([^\s#]+)\s*$", line)
        if in_deps and m and m.group(1) not in {"pip", "pip:"}:
            deps[_name(m.group(1))] = m.group(1).replace(" ", "")
    deps.pop("python", None)
    return deps


def test_same_dependencies_in_both_environments():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pip = {_name(r): r.replace(" ", "") for r in pyproject["project"]["dependencies"]}
    conda = _conda_deps()
    assert pip == conda
    for required in ["jupyterlab", "pandas", "numpy", "matplotlib", "seaborn", "nbval", "openpyxl", "pytest"]:
        assert required in pip


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme and "make report" in readme
    assert re.search(r"^make test$", ci, re.MULTILINE)
