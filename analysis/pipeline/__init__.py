"""The build as persisted steps: build state, the notebook runner, the persisted results
notebooks read, and the LibreOffice preview.
"""

from .build_steps import build, build_deck, build_documents, build_store, build_study
from .buildstate import STATE_FILE, BuildState, base_key, notebook_sources_key, step_key
from .libreoffice import DPI, PACKAGES, main, preview
from .notebooks_run import (
    BuildError,
    NotebookBatch,
    inject_parameters,
    notebook_jobs,
    notebook_paths,
    run_notebook,
    run_notebooks,
    say,
)
from .results import RESULTS, load_result, load_scorecard, results_fresh, study_conflicts, study_step_key

__all__ = [
    "BuildError",
    "BuildState",
    "DPI",
    "NotebookBatch",
    "PACKAGES",
    "RESULTS",
    "STATE_FILE",
    "base_key",
    "build",
    "build_deck",
    "build_documents",
    "build_store",
    "build_study",
    "inject_parameters",
    "load_result",
    "load_scorecard",
    "main",
    "notebook_jobs",
    "notebook_paths",
    "notebook_sources_key",
    "preview",
    "results_fresh",
    "run_notebook",
    "run_notebooks",
    "say",
    "step_key",
    "study_conflicts",
    "study_step_key",
]
