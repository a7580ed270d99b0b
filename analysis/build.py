"""The main job: evidence store, then for every study its scorecard, notebooks, figures and workbook.

``python -m analysis build [--study ID ...]`` (or ``make report``) runs:

1. the evidence store (once) → ``data/processed/observations.csv`` and ``conflicts.csv``;
2. per study: the assessment → ``data/processed/<study>/scorecard.csv``,
   ``trajectory.csv``, ``derived.csv``, ``conflicts.csv`` (its province only);
3. the notebooks, each in a fresh kernel, two at a time: the committed
   ``notebooks/NN_*.ipynb`` for the default study, and for every other study a
   parameterised copy under ``data/processed/<study>/notebooks/`` (papermill's
   convention: the cell tagged ``parameters`` is followed by an injected cell
   ``STUDY = "<id>"``); figures go to ``figures/<study>/``;
4. per study: the workbook ``bao-cao-muc-I.xlsx``, the Word draft of Section I
   ``bao-cao-muc-I.docx`` and the briefing deck ``trinh-chieu.pptx`` in ``data/processed/<study>/``.

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
from .paths import notebooks_dir, processed_dir, project_root

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = ["build", "build_store", "build_study", "run_notebook", "inject_parameters", "BuildError"]


class BuildError(RuntimeError):
    """A build step failed; the message names the step (and notebook cell)."""


def _say(msg: str, stream=None) -> None:
    print(msg, file=stream or sys.stdout, flush=True)


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
    from .assessment import study_evidence
    from .evidence import find_conflicts
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
    ev, _ = study_evidence(obs, st)
    write_csv_atomic(find_conflicts(ev, st.province), processed_dir(root) / st.id / "conflicts.csv")
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
        # the CSV keeps 4 decimals: compare at that precision
        same_value = (math.isnan(ov) and math.isnan(nv)) or (not math.isnan(ov) and not math.isnan(nv)
                                                              and round(ov, 4) == round(nv, 4))
        o_src = "" if o is None else str(o["sources"] or "")
        if o is None or o["status"] != r["status"] or not same_value or o_src != str(r["sources"] or ""):
            rows.append({"target_id": r["target_id"], "before_status": "" if o is None else o["status"],
                         "before_actual": ov, "before_sources": o_src, "status": r["status"], "actual": nv,
                         "sources": r["sources"] or ""})
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def build_reports(obs: pd.DataFrame, study_id: str, root: Path | None = None) -> list[Path]:
    """Write a study's workbook, Word draft of Section I, briefing deck (after its figures exist) and the
    fill-in workbook of the figures still missing (``mau-nhap-so-lieu.xlsx``)."""
    from .report_docx import write_docx
    from .report_pptx import write_pptx
    from .scorecard import scorecard
    from .study import load_study
    from .template import write_template
    from .workbook import write_workbook

    st = load_study(study_id, root)
    card = scorecard(obs, st)
    return [write_workbook(card, obs, st), write_docx(card, obs, st), write_pptx(card, obs, st),
            write_template(card, st)]


def inject_parameters(nb: Any, params: dict[str, Any]) -> Any:
    """Insert a cell ``NAME = value`` after the cell tagged ``parameters`` (papermill's convention).

    The injected cell is tagged ``injected-parameters``; any earlier injected cell
    is replaced. Without a ``parameters`` cell the injected cell goes first.
    """
    import nbformat

    nb.cells = [c for c in nb.cells if "injected-parameters" not in c.metadata.get("tags", [])]
    src = "\n".join(f"{k} = {v!r}" for k, v in params.items())
    cell = nbformat.v4.new_code_cell(src, metadata={"tags": ["injected-parameters"]})
    cell.pop("id", None)
    idx = next((i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])), -1)
    nb.cells.insert(idx + 1, cell)
    return nb


def run_notebook(path: Path, root: Path | None = None, timeout: int = 600, out: Path | None = None,
                 params: dict[str, Any] | None = None) -> None:
    """Execute one notebook headless in a fresh kernel and store it with its outputs.

    Parameters
    ----------
    path : Path
        The notebook to run.
    root : Path, optional
        Project root the kernel works on (passed as ``QN_PROJECT_ROOT``).
    out : Path, optional
        Where to write the executed notebook (default: over ``path``).
    params : dict, optional
        Parameters injected after the cell tagged ``parameters``.

    Raises
    ------
    BuildError
        Naming the notebook and the failing cell (number and first line).
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    env = dict(os.environ, QN_PROJECT_ROOT=str(project_root(root)))   # the kernel's, not this process's
    nb = nbformat.read(path, as_version=4)
    if params:
        nb = inject_parameters(nb, params)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute(env=env)
    except CellExecutionError as exc:
        idx = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code" and any(
            o.get("output_type") == "error" for o in c.get("outputs", []))), None)
        first = nb.cells[idx].source.splitlines()[0] if idx is not None and nb.cells[idx].source else ""
        ename = getattr(exc, "ename", "")
        evalue = getattr(exc, "evalue", "")
        what = f" (study {params['STUDY']})" if params and "STUDY" in params else ""
        raise BuildError(f"{path.name}{what}: cell {idx if idx is not None else '?'} ('{first}') failed: "
                         f"{ename}: {evalue}") from None
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    write_text_atomic(out or path, nbformat.writes(nb) + "\n")


def notebook_jobs(root: Path | None, studies: list[str], default: str) -> list[tuple[Path, Path, dict[str, Any]]]:
    """(notebook, output path, parameters) for every notebook × study: the default study's in place."""
    jobs = []
    for sid in studies:
        for p in notebook_paths(root):
            if sid == default:
                jobs.append((p, p, {}))
            else:
                jobs.append((p, processed_dir(root) / sid / "notebooks" / p.name, {"STUDY": sid}))
    return jobs


def run_notebooks(jobs_list: list[tuple[Path, Path, dict[str, Any]]], root: Path | None, jobs: int) -> None:
    """Run notebooks ``jobs`` at a time, printing each as it finishes; raise on the first failure."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    def label(job: tuple[Path, Path, dict[str, Any]]) -> str:
        return job[0].name + (f" [{job[2]['STUDY']}]" if job[2] else "")

    t0 = time.perf_counter()
    if jobs <= 1 or len(jobs_list) <= 1:
        for job in jobs_list:
            run_notebook(job[0], root, out=job[1], params=job[2] or None)
            _say(f"      {label(job)} done after {time.perf_counter() - t0:.1f} s")
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(run_notebook, j[0], root, 600, j[1], j[2] or None): j for j in jobs_list}
        for fut in as_completed(futures):
            fut.result()  # re-raises BuildError naming the notebook and cell
            _say(f"      {label(futures[fut])} done after {time.perf_counter() - t0:.1f} s")


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


def notebook_paths(root: Path | None = None) -> list[Path]:
    """The numbered notebooks (``NN_*.ipynb``) in order."""
    return sorted(p for p in notebooks_dir(root).glob("[0-9][0-9]_*.ipynb"))


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
    if notebooks:
        todo = [(j, step_key(base, "notebook", notebook_sources_key(j[0], j[2]))) for j in notebook_jobs(root, ids, default)]
        stale = [(j, k) for j, k in todo if not bs.fresh(f"notebook:{j[1].relative_to(root)}", k, [j[1]])]

        def run() -> None:
            run_notebooks([j for j, _ in stale], root, jobs)
            for j, k in stale:
                bs.done(f"notebook:{j[1].relative_to(root)}", k)

        steps.append((f"{len(stale)} of {len(todo)} notebook runs for {len(ids)} study(ies) ({jobs} at a time)", run,
                      "", "", []))
    for sid in ids:
        # the deck shows the figures the notebooks have just drawn: its key is computed when the step runs
        steps.append((f"study {sid}: workbook, Word draft, deck, fill-in template → data/processed/{sid}/",
                      lambda s=sid: build_reports(state["obs"], s, root), f"reports:{sid}",
                      lambda s=sid: step_key(base, s, files=list((figures_dir(root) / s).glob("*.png"))),
                      [out / sid / n for n in ("bao-cao-muc-I.xlsx", "bao-cao-muc-I.docx", "trinh-chieu.pptx",
                                               "mau-nhap-so-lieu.xlsx")]))
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
        _say(f"removed {removed} temporary file(s) left by an interrupted build")
    try:
        ids = [load_study(s, root).id for s in studies] if studies else study_ids(root)
        default = default_study_id(root)
    except Exception as exc:
        _say(f"FAILED before the build started: {exc}", sys.stderr)
        return 1
    state: dict[str, Any] = {}
    bs = BuildState(root, force)
    steps = _plan(root, ids, default, notebooks, jobs, state, bs)
    total = time.perf_counter()
    for i, (name, fn, step, key, outputs) in enumerate(steps, 1):
        t0 = time.perf_counter()
        key = key() if callable(key) else key
        skip = step not in {"", "store"} and bs.fresh(step, key, outputs)
        _say(f"[{i}/{len(steps)}] {name} …" + (" skipped (inputs unchanged)" if skip else ""))
        if skip:
            continue
        try:
            fn()
        except Exception as exc:  # report and stop: never continue on a failed step
            _say(f"FAILED at step {i}/{len(steps)} ({name}): {exc}", sys.stderr)
            return 1
        if step:
            bs.done(step, key)
        _say(f"      done in {time.perf_counter() - t0:.1f} s")
    _say(f"Build complete: {len(steps)} steps in {time.perf_counter() - total:.1f} s")
    return 0
