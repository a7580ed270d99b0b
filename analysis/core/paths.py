"""Where the project's folders are.

The project root is the folder holding ``data/``, ``notebooks/`` and ``figures/``:
by default the parent of the installed ``analysis`` package (an editable install
from a clone), overridable with the environment variable ``QN_PROJECT_ROOT``.
"""

from __future__ import annotations

import os
from pathlib import Path

#: environment variable naming a file where :func:`note_figure` lists every figure file a process saves
#: (the build sets it for each notebook's kernel, to know which figures the notebook draws)
FIGURE_LOG_ENV = "QN_FIGURE_LOG"


def project_root(root: str | Path | None = None) -> Path:
    """The project root folder (see module docstring)."""
    if root is not None:
        return Path(root)
    env = os.environ.get("QN_PROJECT_ROOT")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2]


def raw_dir(root: str | Path | None = None) -> Path:
    """``data/raw/``: inputs, never written by code."""
    return project_root(root) / "data" / "raw"


def processed_dir(root: str | Path | None = None) -> Path:
    """``data/processed/``: outputs of the build."""
    return project_root(root) / "data" / "processed"


def figures_dir(root: str | Path | None = None) -> Path:
    """``figures/``: briefing figures (PNG and SVG)."""
    return project_root(root) / "figures"


def notebooks_dir(root: str | Path | None = None) -> Path:
    """``notebooks/``: the numbered narrative notebooks."""
    return project_root(root) / "notebooks"


def note_figure(path: str | Path) -> None:
    """List a saved figure file in the log named by :data:`FIGURE_LOG_ENV` (nothing when it is unset)."""
    log = os.environ.get(FIGURE_LOG_ENV)
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(Path(path).resolve().as_posix() + "\n")
