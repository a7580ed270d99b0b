"""The main job: evidence store, then for every study its scorecard, notebooks, figures and workbook.

``python -m analysis build [--study ID ...]`` (or ``make report``) runs:

1. the evidence store (once) → ``data/processed/observations.csv`` and ``conflicts.csv``;
2. per study: the assessment → ``data/processed/<study>/scorecard.csv``,
   ``trajectory.csv``, ``derived.csv``, ``conflicts.csv`` (its province only);
3. the notebooks (:mod:`analysis.pipeline.notebooks_run`), each in a fresh kernel, two at a time:
   the committed ``notebooks/NN_*.ipynb`` for the default study, and for every other study
   a parameterised copy under ``data/processed/<study>/notebooks/`` (papermill's
   convention: the cell tagged ``parameters`` is followed by an injected cell
   ``STUDY = "<id>"``); figures go to ``figures/<study>/``. They read the persisted
   results of step 2 (:mod:`analysis.pipeline.results`) instead of assessing again. Meanwhile,
   in this process, per study: the workbook ``bao-cao-muc-I.xlsx``, the Word draft of
   Section I ``bao-cao-muc-I.docx`` and the fill-in workbook ``mau-nhap-so-lieu.xlsx``,
   then each study's briefing deck ``trinh-chieu.pptx`` as soon as that study's notebooks
   have drawn its figures.

The steps form a small graph over persisted files: store → each study's results →
(notebooks and figures | documents) → deck; each reads what the step before wrote. The
first kernels start (and import their libraries) while steps 1–2 run, and execute their
cells once step 2 has written the results they read.

Progress is printed with timings. On failure it names the step (for a notebook:
the notebook, the study and the cell) and exits non-zero. Every output is written
atomically, so an interrupted build leaves the previous outputs intact.
``data/raw/`` is only read.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.assessment.scorecard_table import scorecard
from analysis.briefing.style import FIGURE_NAME
from analysis.core.atomic import write_csv_atomic, write_text_atomic
from analysis.core.paths import figures_dir, notebooks_dir, processed_dir, project_root
from analysis.evidence.select import find_conflicts
from analysis.report.deck import write_pptx
from analysis.report.template import write_template
from analysis.report.word import write_docx
from analysis.report.workbook import write_workbook
from analysis.sources.store import build_observations, load_observations
from analysis.sources.store_file import FINGERPRINT_FILE, STORE_FILE, raw_fingerprint
from analysis.studies.study import default_study_id, load_study, study_ids

from .buildstate import BuildState, base_key, notebook_sources_key, step_key
from .notebooks_run import BuildError, NotebookBatch, drawn_figures, notebook_jobs, say
from .results import load_scorecard, study_conflicts

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = ["build", "build_store", "build_study", "build_documents", "build_deck", "remove_stale_figures"]


def build_store(root: Path | None = None) -> pd.DataFrame:
    """Rebuild ``data/processed/observations.csv`` (and ``conflicts.csv``) from ``data/raw/``."""

    obs = build_observations(root)
    write_csv_atomic(obs, processed_dir(root) / STORE_FILE)
    write_csv_atomic(find_conflicts(obs), processed_dir(root) / "conflicts.csv")
    write_text_atomic(processed_dir(root) / FINGERPRINT_FILE, raw_fingerprint(root) + "\n")
    return obs


def build_study(obs: pd.DataFrame, study_id: str, root: Path | None = None) -> pd.DataFrame:
    """Write a study's scorecard, trajectory, derived observations and conflicts; return the scorecard."""

    st = load_study(study_id, root)
    previous = processed_dir(root) / st.id / "scorecard.csv"
    before = _read_card(previous) if previous.exists() else None
    card = scorecard(obs, st, write=True)
    if before is not None:
        changes = verdict_changes(before, card)
        if len(changes):  # kept until the next change, so notebook 05 can show what moved and why
            write_csv_atomic(changes, processed_dir(root) / st.id / "verdict_changes.csv")
    write_csv_atomic(study_conflicts(obs, st), processed_dir(root) / st.id / "conflicts.csv")
    return card


CHANGE_COLUMNS = ["target_id", "before_status", "before_actual", "before_sources", "status", "actual", "sources"]


def _read_card(path: Path) -> pd.DataFrame:
    import pandas as pd

    return pd.read_csv(
        path, dtype={"target_id": str, "sources": str, "status": str}, keep_default_na=False, na_values={"actual": [""]}
    )


def verdict_changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Targets whose verdict, value or sources changed between two scorecards (new targets included)."""
    import math

    import pandas as pd

    old = before.set_index("target_id")
    rows = []
    for r in after.to_dict("records"):
        o = old.loc[r["target_id"]] if r["target_id"] in old.index else None
        ov = float(o["actual"]) if o is not None and str(o["actual"]) not in {"", "nan"} else math.nan
        nv = float(r["actual"]) if not pd.isna(r["actual"]) else math.nan
        # compared at 4 decimals: noise below that is not a change
        same_value = (math.isnan(ov) and math.isnan(nv)) or (
            not math.isnan(ov) and not math.isnan(nv) and round(ov, 4) == round(nv, 4)
        )
        o_src = "" if o is None else str(o["sources"] or "")
        if o is None or o["status"] != r["status"] or not same_value or o_src != str(r["sources"] or ""):
            rows.append(
                {
                    "target_id": r["target_id"],
                    "before_status": "" if o is None else o["status"],
                    "before_actual": ov,
                    "before_sources": o_src,
                    "status": r["status"],
                    "actual": nv,
                    "sources": r["sources"] or "",
                }
            )
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def build_documents(obs: pd.DataFrame, study_id: str, root: Path | None = None) -> list[Path]:
    """Write a study's workbook, Word draft of Section I and the fill-in workbook of the figures still
    missing (``mau-nhap-so-lieu.xlsx``) from its persisted scorecard (:func:`analysis.pipeline.results.load_scorecard`)."""

    st = load_study(study_id, root)
    card = load_scorecard(st, root)
    return [write_workbook(card, obs, st), write_docx(card, obs, st), write_template(card, st)]


def build_deck(obs: pd.DataFrame, study_id: str, root: Path | None = None) -> Path:
    """Write a study's briefing deck ``trinh-chieu.pptx`` (after its figures exist)."""

    st = load_study(study_id, root)
    return write_pptx(load_scorecard(st, root), obs, st)


def remove_stale_temporaries(root: Path | None = None) -> int:
    """Delete ``.tmp-*`` files an interrupted build left in the output folders; return how many."""

    n = 0
    for folder in (processed_dir(root), figures_dir(root), notebooks_dir(root)):
        if folder.is_dir():
            for p in folder.rglob(".tmp-*"):
                p.unlink(missing_ok=True)
                n += 1
    return n


def remove_stale_figures(root: Path | None, study_id: str, notebooks: list[Path]) -> list[Path]:
    """Remove the figures of ``figures/<study>/`` that none of the study's executed ``notebooks`` drew.

    The set a study shows is what its notebooks saved in their last run (each executed notebook lists
    its figures, :func:`analysis.pipeline.notebooks_run.drawn_figures`): a figure a study no longer
    draws (its ranking gone, an in-year target removed) leaves its folder, and so the deck. Only files
    named as the notebooks name figures (:data:`analysis.briefing.style.FIGURE_NAME`) are removed, and nothing at all when a
    notebook does not list its figures (run outside the build). Returns the files removed.
    """
    listed = [drawn_figures(p) for p in notebooks]
    folder = figures_dir(root) / study_id
    if not notebooks or any(f is None for f in listed) or not folder.is_dir():
        return []
    keep = {f for names in listed for f in names or []}
    stale = sorted(
        p for p in folder.iterdir() if p.is_file() and FIGURE_NAME.fullmatch(p.name) and f"{study_id}/{p.name}" not in keep
    )
    for p in stale:
        p.unlink(missing_ok=True)
    return stale


Step = tuple[str, Callable[[], object], str, Any, list[Path]]  # (title, function, state name, input key, outputs)


class _Plan:
    """The build's steps over persisted files: store → each study's results → (notebooks and
    figures | documents) → each study's deck, as soon as that study's figures exist."""

    DOCUMENTS = ("bao-cao-muc-I.xlsx", "bao-cao-muc-I.docx", "mau-nhap-so-lieu.xlsx")

    def __init__(self, root: Path, ids: list[str], default: str, bs: BuildState):

        self.root, self.ids, self.default, self.bs = root, ids, default, bs
        self.base = base_key(root)
        self.out = processed_dir(root)
        self.obs: pd.DataFrame | None = None
        self.batch: NotebookBatch | None = None
        self.notebooks: dict[str, list[Any]] = {}  # study → its notebook jobs (set with the notebook step)
        self.known = ["store", *(f"{k}:{sid}" for sid in ids for k in ("study", "documents", "deck"))]

    def store(self) -> None:

        fresh = self.bs.fresh("store", self.base, [self.out / "observations.csv"])
        self.obs = load_observations(self.root) if fresh else build_store(self.root)

    def _inner(self, step: str, key: str, outputs: list[Path], what: str, fn: Callable[[], object]) -> None:
        """A step run inside another (beside the notebooks): skipped when fresh, recorded when done."""
        if self.bs.fresh(step, key, outputs):
            say(f"      {what} skipped (inputs unchanged)")
            return
        t0 = time.perf_counter()
        try:
            fn()
        except Exception as exc:
            raise BuildError(f"{what}: {exc}") from exc
        self.bs.done(step, key)
        say(f"      {what} written in {time.perf_counter() - t0:.1f} s")

    def documents(self) -> None:

        for sid in self.ids:
            self._inner(
                f"documents:{sid}",
                step_key(self.base, sid, "documents"),
                [self.out / sid / n for n in self.DOCUMENTS],
                f"study {sid}: workbook, Word draft, fill-in template",
                lambda s=sid: build_documents(self.obs, s, self.root),
            )

    def deck(self, sid: str) -> None:

        # the deck shows the figures the notebooks have just drawn: its key reads them now
        key = step_key(self.base, sid, files=list((figures_dir(self.root) / sid).glob("*.png")))
        self._inner(
            f"deck:{sid}",
            key,
            [self.out / sid / "trinh-chieu.pptx"],
            f"study {sid}: briefing deck",
            lambda: build_deck(self.obs, sid, self.root),
        )

    def beside_notebooks(self) -> None:
        """Documents first, then each study's deck once that study's notebooks have drawn its figures."""
        self.documents()
        for sid in self.ids:
            if self.batch is None or self.batch.wait_for(lambda job, s=sid: job[2].get("STUDY", self.default) == s):
                if self.batch is not None:  # the study's notebooks have all run: its figures are the set they drew
                    gone = remove_stale_figures(self.root, sid, [j[1] for j in self.notebooks.get(sid, [])])
                    if gone:
                        say(f"      study {sid}: removed figure(s) no longer drawn: {', '.join(p.name for p in gone)}")
                self.deck(sid)

    def steps(self, notebooks: bool, jobs: int) -> list[Step]:

        steps: list[Step] = [
            (
                "evidence store → data/processed/observations.csv",
                self.store,
                "store",
                self.base,
                [self.out / "observations.csv", self.out / "conflicts.csv"],
            )
        ]
        for sid in self.ids:
            steps.append(
                (
                    f"study {sid}: scorecard → data/processed/{sid}/scorecard.csv",
                    lambda s=sid: build_study(self.obs, s, self.root),
                    f"study:{sid}",
                    step_key(self.base, sid),
                    [self.out / sid / "scorecard.csv", self.out / sid / "trajectory.csv"],
                )
            )
        if not notebooks:
            steps.append(("each study's workbook, Word draft, fill-in template and deck", self.beside_notebooks, "", "", []))
            return steps
        steps.append(self._notebook_step(jobs))
        return steps

    def _notebook_step(self, jobs: int) -> Step:

        todo = [
            (j, f"notebook:{j[1].relative_to(self.root)}", step_key(self.base, "notebook", notebook_sources_key(j[0], j[2])))
            for j in notebook_jobs(self.root, self.ids, self.default)
        ]
        for j, _, _ in todo:
            self.notebooks.setdefault(j[2].get("STUDY", self.default), []).append(j)
        stale = [(j, name, k) for j, name, k in todo if not self.bs.fresh(name, k, [j[1]])]
        self.known += [name for _, name, _ in todo]
        self.batch = NotebookBatch([j for j, _, _ in stale], self.root, jobs)

        def run() -> None:
            self.batch.wait(meanwhile=self.beside_notebooks)
            for _, name, k in stale:
                self.bs.done(name, k)

        return (
            f"{len(stale)} of {len(todo)} notebook runs for {len(self.ids)} study(ies) ({jobs} at a time); "
            "meanwhile each study's workbook, Word draft, fill-in template, then its deck",
            run,
            "",
            "",
            [],
        )


def build(
    root: Path | None = None,
    notebooks: bool = True,
    jobs: int | None = None,
    studies: list[str] | None = None,
    force: bool = False,
) -> int:
    """Run the whole build; return 0 on success, 1 on failure (message on stderr).

    A step whose inputs are unchanged since its last successful run (and whose outputs exist)
    is skipped (:mod:`analysis.pipeline.buildstate`); the store is then read back from
    ``observations.csv``.

    Parameters
    ----------
    root : Path, optional
        Project root.
    notebooks : bool
        Execute the notebooks (for every study built).
    jobs : int, optional
        Notebooks run at a time (default: the number of CPU cores, at most 4).
    studies : list of str, optional
        Study ids to build (default: every study under ``data/raw/studies/``).
    force : bool
        Rerun every step even when its inputs are unchanged.
    """

    jobs = jobs or max(1, min(4, os.cpu_count() or 1))
    root = project_root(root)
    removed = remove_stale_temporaries(root)
    if removed:
        say(f"removed {removed} temporary file(s) left by an interrupted build")
    try:
        ids = [load_study(s, root).id for s in studies] if studies else study_ids(root)
        default = default_study_id(root)
    except Exception as exc:
        say(f"FAILED before the build started: {exc}", sys.stderr)
        return 1
    plan = _Plan(root, ids, default, BuildState(root, force))
    steps = plan.steps(notebooks, jobs)
    total = time.perf_counter()
    if plan.batch is not None:  # the first kernels start now and wait until the results they read exist
        plan.batch.start(gated=True)
    try:
        return _run_steps(steps, plan, not studies and notebooks, total)
    finally:
        if plan.batch is not None:
            plan.batch.cancel()


def _run_steps(steps: list[Step], plan: _Plan, complete: bool, total: float) -> int:
    """Run the planned steps in order, skipping fresh ones; 0 on success, 1 after naming the failed step."""
    for i, (name, fn, step, key, outputs) in enumerate(steps, 1):
        t0 = time.perf_counter()
        key = key() if callable(key) else key
        skip = step not in {"", "store"} and plan.bs.fresh(step, key, outputs)
        say(f"[{i}/{len(steps)}] {name} …" + (" skipped (inputs unchanged)" if skip else ""))
        if skip:
            continue
        try:
            fn()
        except Exception as exc:  # report and stop: never continue on a failed step
            say(f"FAILED at step {i}/{len(steps)} ({name}): {exc}", sys.stderr)
            return 1
        if step:
            plan.bs.done(step, key)
        say(f"      done in {time.perf_counter() - t0:.1f} s")
    if complete:
        plan.bs.keep_only(plan.known)  # forget steps that no longer exist (a removed study or notebook)
    say(f"Build complete: {len(steps)} steps in {time.perf_counter() - total:.1f} s")
    return 0
