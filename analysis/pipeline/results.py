"""A study's persisted results, read back instead of recomputed.

The build assesses each study once (:func:`analysis.pipeline.build_steps.build_study`) and writes its
results to ``data/processed/<study>/``; notebooks, figures and reports read them back
with :func:`load_scorecard` and :func:`load_result` instead of assessing again.

*Why CSV and not Parquet.* The same files are the analysts' outputs: opened in a
spreadsheet, diffed in git, read by any tool without pyarrow (which the suite does not
otherwise need, and whose presence changes pandas' string storage). Floats are written at
full precision (shortest round-trip form), and read back with the declared column types
below, so a loaded result equals the one the build computed, value for value (a test
checks it against a fresh computation).

*When a persisted result is used.* Only when it is **fresh**: the study step of the last
successful build ran with exactly the current inputs (every file under ``data/raw/`` and
the package's code; its key in ``data/processed/build-state.json``, see
:mod:`analysis.pipeline.buildstate`). Otherwise the result is computed in memory from the current
data (nothing is written), so an outdated number is never shown.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.assessment.inyear import IN_YEAR_FLOATS, IN_YEAR_INTS
from analysis.assessment.scorecard_table import scorecard
from analysis.assessment.target_evidence import study_evidence
from analysis.core.errors import InputError
from analysis.core.names import check_name
from analysis.core.paths import processed_dir, project_root
from analysis.evidence.select import find_conflicts
from analysis.sources.store import load_observations
from analysis.studies.study import load_study

from .buildstate import BuildState, base_key, step_key

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

    from analysis.studies.study import Study

__all__ = ["load_scorecard", "load_result", "results_fresh", "RESULTS", "study_step_key", "study_conflicts"]

# name → (file, columns read as float, as int, as bool); every other column is text ("" when empty)
RESULTS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "scorecard": (
        "scorecard.csv",
        ("baseline", "required_avg_growth", "actual", *IN_YEAR_FLOATS),
        ("order", "outline_item", "base_year", *IN_YEAR_INTS),
        ("translated",),
    ),
    "conflicts": ("conflicts.csv", ("chosen_value", "other_value"), (), ()),
}


def study_step_key(study_id: str, root: Path) -> str:
    """The key the build records for a study's results step (its inputs' SHA-256)."""

    return step_key(base_key(root), study_id)


def results_fresh(study: str | Study | None = None, root: str | Path | None = None) -> bool:
    """True when the persisted results of ``study`` were computed from the current inputs."""

    root = project_root(root)
    st = load_study(study, root)
    state = BuildState(root)
    files = [processed_dir(root) / st.id / spec[0] for spec in RESULTS.values()]
    return state.fresh(f"study:{st.id}", study_step_key(st.id, root), files)


def _read(path: Path, floats: tuple[str, ...], ints: tuple[str, ...], bools: tuple[str, ...]) -> pd.DataFrame:
    import pandas as pd

    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    yearly = tuple(c for c in df.columns if c[:1] == "y" and c[1:].isdigit())  # the scorecard's y<year>
    for col in (*floats, *yearly):
        if col in df.columns:
            df[col] = pd.to_numeric(df[col].replace("", None), errors="raise").astype("float64")
    for col in ints:
        if col in df.columns:
            df[col] = df[col].astype("int64")
    for col in bools:
        if col in df.columns:
            if not df[col].isin(["True", "False"]).all():
                raise InputError(f"{path}: column {col!r} must hold True/False")
            df[col] = df[col] == "True"
    return df


def study_conflicts(obs: pd.DataFrame, st: Study) -> pd.DataFrame:
    """Disagreeing sources for the study's province, derived values included (``conflicts.csv``)."""

    return find_conflicts(study_evidence(obs, st)[0], st.province)


def _compute(name: str, st: Study, root: Path) -> pd.DataFrame:

    obs = load_observations(root)
    compute: dict[str, Callable[[], Any]] = {
        "scorecard": lambda: scorecard(obs, st),
        "conflicts": lambda: study_conflicts(obs, st),
    }
    return compute[name]()


def load_result(name: str, study: str | Study | None = None, root: str | Path | None = None) -> pd.DataFrame:
    """One persisted result of a study (``"scorecard"`` or ``"conflicts"``), fresh or recomputed.

    Parameters
    ----------
    name : str
        Which result (a key of :data:`RESULTS`).
    study : Study or str, optional
        The study (default: the default study).
    root : path, optional
        Project root.

    Returns
    -------
    pandas.DataFrame
        The table the build wrote, when it was computed from the current inputs
        (:func:`results_fresh`); otherwise the same table computed now from the current data.
    """

    name = check_name(name, RESULTS, "persisted result")
    root = project_root(root)
    st = load_study(study, root)
    if results_fresh(st, root):
        file, floats, ints, bools = RESULTS[name]
        return _read(processed_dir(root) / st.id / file, floats, ints, bools)
    return _compute(name, st, root)


def load_scorecard(study: str | Study | None = None, root: str | Path | None = None) -> pd.DataFrame:
    """The study's scorecard as the build wrote it (or computed now when inputs changed since).

    Equal to ``scorecard(load_observations(), study)``; see :func:`load_result`.
    """
    return load_result("scorecard", study, root)
