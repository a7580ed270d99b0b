"""The main job: evidence store, scorecard, every notebook in order, figures and workbook.

``python -m analysis build`` (or ``make report``) runs the steps below, printing
progress with timings. On failure it names the step (for a notebook: the
notebook and the cell) and exits non-zero. Every output is written atomically,
so an interrupted build leaves the previous outputs intact. ``data/raw/`` is
only read.
"""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .atomic import write_csv_atomic, write_text_atomic
from .paths import notebooks_dir, processed_dir, project_root

__all__ = ["build", "build_store", "run_notebook", "BuildError"]


class BuildError(RuntimeError):
    """A build step failed; the message names the step (and notebook cell)."""


def _say(msg: str, stream=None) -> None:
    print(msg, file=stream or sys.stdout, flush=True)


def build_store(root: Path | None = None) -> "pd.DataFrame":  # noqa: F821
    """Rebuild ``data/processed/observations.csv`` (and ``conflicts.csv``) from ``data/raw/``."""
    from .evidence import find_conflicts
    from .store import build_observations

    obs = build_observations(root)
    write_csv_atomic(obs, processed_dir(root) / "observations.csv")
    write_csv_atomic(find_conflicts(obs), processed_dir(root) / "conflicts.csv")
    return obs


def build_scorecard(root: Path | None = None) -> "pd.DataFrame":  # noqa: F821
    """Write ``data/processed/scorecard.csv`` and ``trajectory.csv``."""
    from .scorecard import scorecard

    return scorecard(root=root, write=True)


def build_workbook(root: Path | None = None) -> Path:
    """Write the Section I report workbook ``data/processed/bao-cao-muc-I.xlsx``."""
    from .workbook import write_workbook

    return write_workbook(root=root)


def run_notebook(path: Path, root: Path | None = None, timeout: int = 600) -> None:
    """Execute one notebook headless in a fresh kernel and store it with its outputs.

    Raises
    ------
    BuildError
        Naming the notebook and the failing cell (number and first line).
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as exc:
        idx = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code" and any(
            o.get("output_type") == "error" for o in c.get("outputs", []))), None)
        first = nb.cells[idx].source.splitlines()[0] if idx is not None and nb.cells[idx].source else ""
        ename = getattr(exc, "ename", "")
        evalue = getattr(exc, "evalue", "")
        raise BuildError(f"{path.name}: cell {idx if idx is not None else '?'} ('{first}') failed: "
                         f"{ename}: {evalue}") from None
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    write_text_atomic(path, nbformat.writes(nb) + "\n")


def run_notebooks(paths: list[Path], root: Path | None, jobs: int) -> None:
    """Run notebooks ``jobs`` at a time, printing each as it finishes; raise on the first failure."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    if jobs <= 1 or len(paths) <= 1:
        for p in paths:
            t0 = time.perf_counter()
            run_notebook(p, root)
            _say(f"      {p.name} done in {time.perf_counter() - t0:.1f} s")
        return
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(run_notebook, p, root): p for p in paths}
        for fut in as_completed(futures):
            fut.result()  # re-raises BuildError naming the notebook and cell
            _say(f"      {futures[fut].name} done after {time.perf_counter() - t0:.1f} s")


def remove_stale_temporaries(root: Path | None = None) -> int:
    """Delete ``.tmp-*`` files an interrupted build left in the output folders; return how many."""
    from .paths import figures_dir

    n = 0
    for folder in (processed_dir(root), figures_dir(root), notebooks_dir(root)):
        if folder.is_dir():
            for p in folder.glob(".tmp-*"):
                p.unlink(missing_ok=True)
                n += 1
    return n


def notebook_paths(root: Path | None = None) -> list[Path]:
    """The numbered notebooks (``NN_*.ipynb``) in order."""
    return sorted(p for p in notebooks_dir(root).glob("[0-9][0-9]_*.ipynb"))


def build(root: Path | None = None, notebooks: bool = True, jobs: int | None = None) -> int:
    """Run the whole build; return 0 on success, 1 on failure (message on stderr).

    Notebooks are independent of each other (each reads ``data/raw`` and writes its
    own figures) and run ``jobs`` at a time (default: the number of CPU cores, at
    most 4), each in its own fresh kernel.
    """
    jobs = jobs or max(1, min(4, os.cpu_count() or 1))
    root = project_root(root)
    removed = remove_stale_temporaries(root)
    if removed:
        _say(f"removed {removed} temporary file(s) left by an interrupted build")
    steps: list[tuple[str, Callable[[], object]]] = [
        ("evidence store → data/processed/observations.csv", lambda: build_store(root)),
        ("scorecard → data/processed/scorecard.csv", lambda: build_scorecard(root)),
    ]
    if notebooks:
        nbs = notebook_paths(root)
        steps.append((f"{len(nbs)} notebooks ({jobs} at a time)", lambda: run_notebooks(nbs, root, jobs)))
    steps.append(("workbook → data/processed/bao-cao-muc-I.xlsx", lambda: build_workbook(root)))
    total = time.perf_counter()
    for i, (name, fn) in enumerate(steps, 1):
        t0 = time.perf_counter()
        _say(f"[{i}/{len(steps)}] {name} …")
        try:
            fn()
        except Exception as exc:  # report and stop: never continue on a failed step
            _say(f"FAILED at step {i}/{len(steps)} ({name}): {exc}", sys.stderr)
            return 1
        _say(f"      done in {time.perf_counter() - t0:.1f} s")
    _say(f"Build complete: {len(steps)} steps in {time.perf_counter() - total:.1f} s")
    return 0
