"""The main job: evidence store, then for every study its scorecard, notebooks, figures and workbook.

``python -m analysis build [--study ID ...]`` (or ``make report``) runs:

1. the evidence store (once) → ``data/processed/observations.csv`` and ``conflicts.csv``;
2. per study: the assessment → ``data/processed/<study>/scorecard.csv``,
   ``trajectory.csv``, ``derived.csv``, ``conflicts.csv`` (its province only);
3. the notebooks (:mod:`analysis.notebooks_run`), each in a fresh kernel, two at a time:
   the committed ``notebooks/NN_*.ipynb`` for the default study, and for every other study
   a parameterised copy under ``data/processed/<study>/notebooks/`` (papermill's
   convention: the cell tagged ``parameters`` is followed by an injected cell
   ``STUDY = "<id>"``); figures go to ``figures/<study>/``. They read the persisted
   results of step 2 (:mod:`analysis.results`) instead of assessing again. Meanwhile,
   in this process, per study: the workbook ``bao-cao-muc-I.xlsx``, the Word draft of
   Section I ``bao-cao-muc-I.docx`` and the fill-in workbook ``mau-nhap-so-lieu.xlsx``;
4. per study, once its figures exist: the briefing deck ``trinh-chieu.pptx``.

The steps form a small graph over persisted files: store → each study's results →
(notebooks and figures | documents) → deck; each reads what the step before wrote.

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

from .atomic import write_csv_atomic, write_text_atomic
from .notebooks_run import BuildError, NotebookBatch, inject_parameters, notebook_jobs, run_notebook, say
from .paths import notebooks_dir, processed_dir, project_root

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = ["build", "build_store", "build_study", "build_documents", "build_deck", "run_notebook",
           "inject_parameters", "BuildError"]


def build_store(root: Path | None = None) -> pd.DataFrame:
    """Rebuild ``data/processed/observations.csv`` (and ``conflicts.csv``) from ``data/raw/``."""
    from .evidence import find_conflicts
    from .store import FINGERPRINT_FILE, STORE_FILE, build_observations, raw_fingerprint

    obs = build_observations(root)
    write_csv_atomic(obs, processed_dir(root) / STORE_FILE)
    write_csv_atomic(find_conflicts(obs), processed_dir(root) / "conflicts.csv")
    write_text_atomic(processed_dir(root) / FINGERPRINT_FILE, raw_fingerprint(root) + "\n")
    return obs


def build_study(obs: pd.DataFrame, study_id: str, root: Path | None = None) -> pd.DataFrame:
    """Write a study's scorecard, trajectory, derived observations and conflicts; return the scorecard."""
    from .results import study_conflicts
    from .scorecard import scorecard
    from .study import load_study

    st = load_study(study_id, root)
    previous = processed_dir(root) / st.id / "scorecard.csv"
    before = _read_card(previous) if previous.exists() else None
    card = scorecard(obs, st, write=True)
    if before is not None:
        changes = verdict_changes(before, card)
        if len(changes):            # kept until the next change, so notebook 05 can show what moved and why
            write_csv_atomic(changes, processed_dir(root) / st.id / "verdict_changes.csv")
    write_csv_atomic(study_conflicts(obs, st), processed_dir(root) / st.id / "conflicts.csv")
    return card


CHANGE_COLUMNS = ["target_id", "before_status", "before_actual", "before_sources", "status", "actual", "sources"]


def _read_card(path: Path) -> pd.DataFrame:
    import pandas as pd

    return pd.read_csv(path, dtype={"target_id": str, "sources": str, "status": str}, keep_default_na=False,
                       na_values={"actual": [""]})


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
        same_value = (math.isnan(ov) and math.isnan(nv)) or (not math.isnan(ov) and not math.isnan(nv)
                                                              and round(ov, 4) == round(nv, 4))
        o_src = "" if o is None else str(o["sources"] or "")
        if o is None or o["status"] != r["status"] or not same_value or o_src != str(r["sources"] or ""):
            rows.append({"target_id": r["target_id"], "before_status": "" if o is None else o["status"],
                         "before_actual": ov, "before_sources": o_src, "status": r["status"], "actual": nv,
                         "sources": r["sources"] or ""})
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def build_documents(obs: pd.DataFrame, study_id: str, root: Path | None = None) -> list[Path]:
    """Write a study's workbook, Word draft of Section I and the fill-in workbook of the figures still
    missing (``mau-nhap-so-lieu.xlsx``) from its persisted scorecard (:func:`analysis.results.load_scorecard`)."""
    from .report_docx import write_docx
    from .results import load_scorecard
    from .study import load_study
    from .template import write_template
    from .workbook import write_workbook

    st = load_study(study_id, root)
    card = load_scorecard(st, root)
    return [write_workbook(card, obs, st), write_docx(card, obs, st), write_template(card, st)]


def build_deck(obs: pd.DataFrame, study_id: str, root: Path | None = None) -> Path:
    """Write a study's briefing deck ``trinh-chieu.pptx`` (after its figures exist)."""
    from .report_pptx import write_pptx
    from .results import load_scorecard
    from .study import load_study

    st = load_study(study_id, root)
    return write_pptx(load_scorecard(st, root), obs, st)


def remove_stale_temporaries(root: Path | None = None) -> int:
    """Delete ``.tmp-*`` files an interrupted build left in the output folders; return how many."""
    from .paths import figures_dir

    n = 0
    for folder in (processed_dir(root), figures_dir(root), notebooks_dir(root)):
        if folder.is_dir():
            for p in folder.rglob(".tmp-*"):
                p.unlink(missing_ok=True)
                n += 1
    return n


def _plan(root: Path, ids: list[str], default: str, notebooks: bool, jobs: int, state: dict[str, Any],
          bs: Any) -> list[tuple[str, Callable[[], object], str, Any, list[Path]]]:
    """The steps: (title, function, state key name, input key, outputs)."""
    from .buildstate import base_key, notebook_sources_key, step_key
    from .paths import figures_dir

    base = base_key(root)
    out = processed_dir(root)

    def store() -> None:
        from .store import load_observations

        state["obs"] = load_observations(root) if bs.fresh("store", base, [out / "observations.csv"]) \
            else build_store(root)

    steps: list[tuple[str, Callable[[], object], str, Any, list[Path]]] = [
        ("evidence store → data/processed/observations.csv", store, "store", base,
         [out / "observations.csv", out / "conflicts.csv"])]
    for sid in ids:
        steps.append((f"study {sid}: scorecard → data/processed/{sid}/scorecard.csv",
                      lambda s=sid: build_study(state["obs"], s, root), f"study:{sid}", step_key(base, sid),
                      [out / sid / "scorecard.csv", out / sid / "trajectory.csv"]))
    docs = [(sid, f"documents:{sid}", step_key(base, sid, "documents"),
             [out / sid / n for n in ("bao-cao-muc-I.xlsx", "bao-cao-muc-I.docx", "mau-nhap-so-lieu.xlsx")])
            for sid in ids]

    def documents() -> None:
        for sid, step, key, outputs in docs:
            if bs.fresh(step, key, outputs):
                say(f"      study {sid}: workbook, Word draft, fill-in template skipped (inputs unchanged)")
                continue
            t0 = time.perf_counter()
            try:
                build_documents(state["obs"], sid, root)
            except Exception as exc:
                raise BuildError(f"documents of study {sid}: {exc}") from exc
            bs.done(step, key)
            say(f"      study {sid}: workbook, Word draft, fill-in template written in {time.perf_counter() - t0:.1f} s")

    if notebooks:
        todo = [(j, step_key(base, "notebook", notebook_sources_key(j[0], j[2]))) for j in notebook_jobs(root, ids, default)]
        stale = [(j, k) for j, k in todo if not bs.fresh(f"notebook:{j[1].relative_to(root)}", k, [j[1]])]
        state["known"] = [f"notebook:{j[1].relative_to(root)}" for j, _ in todo]

        state["batch"] = batch = NotebookBatch([j for j, _ in stale], root, jobs)

        def run() -> None:
            batch.wait(meanwhile=documents)
            for j, k in stale:
                bs.done(f"notebook:{j[1].relative_to(root)}", k)

        steps.append((f"{len(stale)} of {len(todo)} notebook runs for {len(ids)} study(ies) ({jobs} at a time); "
                      "meanwhile each study's workbook, Word draft and fill-in template", run, "", "", []))
    else:
        steps.append(("each study's workbook, Word draft and fill-in template", documents,
                      "", "", []))
    state["known"] = [*state.get("known", []), "store", *(f"{k}:{sid}" for sid in ids for k in ("study", "documents", "deck"))]
    for sid in ids:
        # the deck shows the figures the notebooks have just drawn: its key is computed when the step runs
        steps.append((f"study {sid}: briefing deck → data/processed/{sid}/trinh-chieu.pptx",
                      lambda s=sid: build_deck(state["obs"], s, root), f"deck:{sid}",
                      lambda s=sid: step_key(base, s, files=list((figures_dir(root) / s).glob("*.png"))),
                      [out / sid / "trinh-chieu.pptx"]))
    return steps


def build(root: Path | None = None, notebooks: bool = True, jobs: int | None = None,
          studies: list[str] | None = None, force: bool = False) -> int:
    """Run the whole build; return 0 on success, 1 on failure (message on stderr).

    A step whose inputs are unchanged since its last successful run (and whose outputs exist)
    is skipped (:mod:`analysis.buildstate`); the store is then read back from
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
    from .buildstate import BuildState
    from .study import default_study_id, load_study, study_ids

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
    state: dict[str, Any] = {}
    bs = BuildState(root, force)
    steps = _plan(root, ids, default, notebooks, jobs, state, bs)
    total = time.perf_counter()
    if "batch" in state:          # the first kernels start now and wait until the results they read exist
        state["batch"].start(gated=True)
    try:
        return _run_steps(steps, bs, state, not studies and notebooks, total)
    finally:
        if "batch" in state:
            state["batch"].cancel()


def _run_steps(steps: list[tuple[str, Callable[[], object], str, Any, list[Path]]], bs: Any, state: dict[str, Any],
               complete: bool, total: float) -> int:
    """Run the planned steps in order, skipping fresh ones; 0 on success, 1 after naming the failed step."""
    for i, (name, fn, step, key, outputs) in enumerate(steps, 1):
        t0 = time.perf_counter()
        key = key() if callable(key) else key
        skip = step not in {"", "store"} and bs.fresh(step, key, outputs)
        say(f"[{i}/{len(steps)}] {name} …" + (" skipped (inputs unchanged)" if skip else ""))
        if skip:
            continue
        try:
            fn()
        except Exception as exc:  # report and stop: never continue on a failed step
            say(f"FAILED at step {i}/{len(steps)} ({name}): {exc}", sys.stderr)
            return 1
        if step:
            bs.done(step, key)
        say(f"      done in {time.perf_counter() - t0:.1f} s")
    if complete:
        bs.keep_only(state["known"])     # forget steps that no longer exist (a removed study or notebook)
    say(f"Build complete: {len(steps)} steps in {time.perf_counter() - total:.1f} s")
    return 0
