"""Running the numbered notebooks headless, each in a fresh kernel, some at a time.

``run_notebook`` executes one notebook (parameters injected after the cell tagged
``parameters``, papermill's convention) and stores it with its outputs;
``run_notebooks`` runs a list of them ``jobs`` at a time, printing each as it finishes,
and can do other work in the meantime (the build writes the studies' documents while
the kernels run). A failure names the notebook, the study and the cell.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from analysis.core.atomic import write_text_atomic
from analysis.core.paths import FIGURE_LOG_ENV, figures_dir, notebooks_dir, processed_dir, project_root

__all__ = [
    "run_notebook",
    "drawn_figures",
    "FIGURES_KEY",
    "run_notebooks",
    "NotebookBatch",
    "inject_parameters",
    "notebook_jobs",
    "notebook_paths",
    "BuildError",
    "say",
]


Job = tuple[Path, Path, dict[str, Any]]  # (notebook, where its executed copy goes, parameters)
#: key of an executed notebook's metadata listing the figure files it saved (under ``figures/``, e.g.
#: ``qn-2026-2030/05_ranking.png``): the build removes a study's figures no notebook draws any more
FIGURES_KEY = "qn_figures"


class BuildError(RuntimeError):
    """A build step failed; the message names the step (and notebook cell)."""


def say(msg: str, stream: Any = None) -> None:
    """Print a progress line now (flushed)."""
    print(msg, file=stream or sys.stdout, flush=True)


def notebook_paths(root: Path | None = None) -> list[Path]:
    """The numbered notebooks (``NN_*.ipynb``) in order."""
    return sorted(p for p in notebooks_dir(root).glob("[0-9][0-9]_*.ipynb"))


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


# imported silently in a kernel started ahead of its notebook (see NotebookBatch); no output, no execution count
WARM_IMPORTS = "import pandas, matplotlib.pyplot, openpyxl, analysis, analysis.briefing.tables, analysis.briefing.figures"


async def _execute(client: Any, env: dict[str, str], gate: Path | None) -> None:
    """Run the notebook in a kernel reached over local IPC sockets in a private temporary folder.

    IPC rather than TCP: kernels started at the same moment cannot race for the same port,
    and nothing listens on the network. With a ``gate``, the kernel starts (and imports the
    libraries) first and runs the cells once ``gate/go`` exists.
    """
    import asyncio
    import tempfile

    with tempfile.TemporaryDirectory(prefix="qn-kernel-") as sockets:
        client.km = client.create_kernel_manager()
        client.km.transport, client.km.ip = "ipc", str(Path(sockets) / "kernel")
        if gate is not None and not (gate / "go").exists():
            await client.async_start_new_kernel(env=env)
            await client.async_start_new_kernel_client()
            await client.async_wait_for_reply(client.kc.execute(WARM_IMPORTS, silent=True, store_history=False))
            while not (gate / "go").exists():
                if (gate / "stop").exists():
                    client.kc.stop_channels()
                    await client.km.shutdown_kernel(now=True)
                    raise BuildError("cancelled: an earlier build step failed")
                await asyncio.sleep(0.02)
        await client.async_execute(env=env)


def run_notebook(
    path: Path,
    root: Path | None = None,
    timeout: int = 600,
    out: Path | None = None,
    params: dict[str, Any] | None = None,
    gate: Path | None = None,
) -> None:
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
    gate : Path, optional
        A folder: the kernel starts now, but the cells run only once ``gate/go`` exists
        (the build opens it when the notebook's inputs are written); ``gate/stop`` cancels.

    Raises
    ------
    BuildError
        Naming the notebook and the failing cell (number and first line).
    """
    import nbformat

    with tempfile.TemporaryDirectory(prefix="qn-figures-") as tmp:
        log = Path(tmp) / "figures.txt"  # every figure the kernel saves (analysis.core.paths.note_figure)
        env = dict(os.environ, QN_PROJECT_ROOT=str(project_root(root)), **{FIGURE_LOG_ENV: str(log)})
        nb = _execute_notebook(path, env, timeout, params, gate)
        saved = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    nb.metadata[FIGURES_KEY] = sorted({_under(Path(f), figures_dir(root)) for f in saved})
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    write_text_atomic(out or path, nbformat.writes(nb) + "\n")


def _under(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def drawn_figures(notebook: Path) -> list[str] | None:
    """The figure files an executed notebook saved (:data:`FIGURES_KEY`), None when it does not say
    (never run by the build, or by an older one)."""
    try:
        meta = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return None
    found = meta.get(FIGURES_KEY)
    return [str(f) for f in found] if isinstance(found, list) else None


def _execute_notebook(path: Path, env: dict[str, str], timeout: int, params: dict[str, Any] | None, gate: Path | None) -> Any:
    """Run one notebook in a fresh kernel with ``env``; return it with its outputs (see :func:`run_notebook`)."""
    import nbformat
    from jupyter_core.utils import run_sync
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    if params:
        nb = inject_parameters(nb, params)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        run_sync(_execute)(client, env, gate)
    except CellExecutionError as exc:
        idx = next(
            (
                i
                for i, c in enumerate(nb.cells)
                if c.cell_type == "code" and any(o.get("output_type") == "error" for o in c.get("outputs", []))
            ),
            None,
        )
        first = nb.cells[idx].source.splitlines()[0] if idx is not None and nb.cells[idx].source else ""
        ename = getattr(exc, "ename", "")
        evalue = getattr(exc, "evalue", "")
        what = f" (study {params['STUDY']})" if params and "STUDY" in params else ""
        raise BuildError(
            f"{path.name}{what}: cell {idx if idx is not None else '?'} ('{first}') failed: {ename}: {evalue}"
        ) from None
    return nb


def notebook_jobs(root: Path | None, studies: list[str], default: str) -> list[Job]:
    """(notebook, output path, parameters) for every notebook × study: the default study's in place."""
    jobs = []
    for sid in studies:
        for p in notebook_paths(root):
            if sid == default:
                jobs.append((p, p, {}))
            else:
                jobs.append((p, processed_dir(root) / sid / "notebooks" / p.name, {"STUDY": sid}))
    return jobs


def _label(job: Job) -> str:
    return job[0].name + (f" [{job[2]['STUDY']}]" if job[2] else "")


class NotebookBatch:
    """Notebooks run ``jobs`` at a time in worker processes, each in a fresh kernel.

    ``start(gated=True)`` submits them before their inputs exist: the first kernels start
    and import the libraries while this process still writes the store and the studies'
    results (a step graph: the kernels' start-up does not depend on the data), and run their
    cells only after :meth:`open_gate`. :meth:`cancel` stops kernels still waiting.
    """

    def __init__(self, jobs_list: list[Job], root: Path | None, jobs: int):
        self.jobs_list, self.root, self.jobs = list(jobs_list), root, jobs
        self.pool: Any = None
        self.futures: dict[Any, Job] = {}
        self.gate: Path | None = None

    @property
    def parallel(self) -> bool:
        return self.jobs > 1 and len(self.jobs_list) > 1

    def start(self, gated: bool = False) -> None:
        """Submit every notebook to the worker processes (nothing happens when run one at a time)."""
        import tempfile
        from concurrent.futures import ProcessPoolExecutor

        if not self.parallel or self.pool is not None:
            return
        if gated:
            self.gate = Path(tempfile.mkdtemp(prefix="qn-build-gate-"))
        self.pool = ProcessPoolExecutor(max_workers=self.jobs)
        self.futures = {
            self.pool.submit(run_notebook, j[0], self.root, 600, j[1], j[2] or None, self.gate): j for j in self.jobs_list
        }

    def open_gate(self) -> None:
        """Let the waiting kernels run their cells (the notebooks' inputs are written)."""
        if self.gate is not None:
            (self.gate / "go").touch()

    def wait_for(self, which: Callable[[Job], bool]) -> bool:
        """Block until the notebooks ``which`` selects have ended; True when all of them succeeded.

        Called from the ``meanwhile`` thread (a study's deck waits for that study's figures).
        """
        from concurrent.futures import wait

        futures = [f for f, job in self.futures.items() if which(job)]
        wait(futures)
        return all(not f.cancelled() and f.exception() is None for f in futures)

    def wait(self, meanwhile: Callable[[], None] | None = None) -> None:
        """Run (or finish) every notebook, printing each as it ends; raise on the first failure.

        ``meanwhile`` runs in a thread of this process while the kernels work (they leave
        part of the cores idle); its exception is re-raised after the notebooks.
        """
        from concurrent.futures import as_completed

        t0 = time.perf_counter()
        failed: list[BaseException] = []

        def other_work() -> None:
            try:
                if meanwhile is not None:
                    meanwhile()
            except BaseException as exc:  # handed to the main thread below
                failed.append(exc)

        self.start()
        self.open_gate()
        if not self.parallel:
            for job in self.jobs_list:
                run_notebook(job[0], self.root, out=job[1], params=job[2] or None)
                say(f"      {_label(job)} done after {time.perf_counter() - t0:.1f} s")
            other_work()  # one at a time: after the notebooks, whose figures a deck may show
        else:
            worker = threading.Thread(target=other_work, name="build-meanwhile")
            worker.start()
            try:
                for fut in as_completed(self.futures):
                    fut.result()  # re-raises BuildError naming the notebook and cell
                    say(f"      {_label(self.futures[fut])} done after {time.perf_counter() - t0:.1f} s")
            finally:
                worker.join()
                self.close()
        if failed:
            raise failed[0]

    def cancel(self) -> None:
        """Stop kernels still waiting at the gate and drop notebooks not started."""
        if self.gate is not None and not (self.gate / "go").exists():
            (self.gate / "stop").touch()
        self.close()

    def close(self) -> None:
        import shutil

        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        if self.gate is not None:
            shutil.rmtree(self.gate, ignore_errors=True)
            self.gate = None


def run_notebooks(jobs_list: list[Job], root: Path | None, jobs: int, meanwhile: Callable[[], None] | None = None) -> None:
    """Run notebooks ``jobs`` at a time, printing each as it finishes; raise on the first failure.

    ``meanwhile`` (optional) runs in a thread of this process while the kernels work.
    """
    NotebookBatch(jobs_list, root, jobs).wait(meanwhile)
