"""Real-browser test of the explorer notebook: JupyterLab + Playwright (Python) + Debian's Chromium.

Run from the project root with the project's Python::

    .venv/bin/python tests_ui/run_ui_test.py

What it does:

1. copies the project (without ``.venv``, ``.git`` and caches) to a temporary folder;
2. starts JupyterLab from this Python on 127.0.0.1 (a free port, a random token,
   ``--no-browser``, root = the copy, clean settings and workspace folders); kernels
   import ``analysis`` from the copy and read the copy's data (``PYTHONPATH`` and
   ``QN_PROJECT_ROOT``);
3. drives it with Playwright's Python package and Chromium from Debian's packages
   (``/usr/bin/chromium``; Playwright's own browser download is never used): opens
   ``notebooks/07_explore.ipynb``, saves it unchanged (the file must not change),
   runs all cells, checks that the explorer's widgets and the static rendering appear,
   then changes the target, the "khoảng" tolerance and the evidence tiers and checks
   that the verdict / tables change each time and that no error output appears; then
   runs the first notebook that shows a figure and checks the saved PNG is displayed;
4. saves screenshots under ``data/processed/ui/`` of this project (not the copy);
5. stops the server it started — by its process id, after asking it to shut down its
   kernels — and deletes the copy.

Without ``/usr/bin/chromium`` or the ``playwright`` package it prints ``SKIPPED: …``
and exits 0. Any failed check prints ``FAILED: …`` and exits 1.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = "notebooks/07_explore.ipynb"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = ROOT / "data" / "processed" / "ui"
IGNORE = shutil.ignore_patterns(
    ".venv", ".git", "__pycache__", "*.egg-info", ".ipynb_checkpoints", ".pytest_cache", "ui", ".tmp-*"
)
TIMEOUT_MS = 120_000
VISIBLE_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook in front (the workspace keeps others open)


class Failure(AssertionError):
    """A check of the UI test failed."""


def check(condition: bool, message: str) -> None:
    if not condition:
        raise Failure(message)


def say(msg: str) -> None:
    print(msg, flush=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_settings(folder: Path) -> None:
    """JupyterLab user settings for a quiet, deterministic session (no news, no update check, no windowing)."""
    settings = {
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
            "fetchNews": "false",
            "checkForUpdates": False,
            "doNotDisturbMode": True,
        },
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
        "@jupyterlab/apputils-extension/themes.jupyterlab-settings": {"theme": "JupyterLab Light"},
    }
    for rel, value in settings.items():
        p = folder / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(json.dumps(value), encoding="utf-8")


class Server:
    """A JupyterLab server started by this script (and only that one is ever stopped)."""

    def __init__(self, copy: Path, work: Path):
        self.copy, self.work = copy, work
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = work / "jupyterlab.log"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        for d in ("config", "data", "runtime", "settings", "workspaces", "ipython"):
            (self.work / d).mkdir(parents=True, exist_ok=True)
        write_settings(self.work / "settings")
        env = dict(
            os.environ,
            QN_PROJECT_ROOT=str(self.copy),
            PYTHONPATH=os.pathsep.join([str(self.copy)] + ([os.environ["PYTHONPATH"]] if os.environ.get("PYTHONPATH") else [])),
            JUPYTER_CONFIG_DIR=str(self.work / "config"),
            JUPYTER_RUNTIME_DIR=str(self.work / "runtime"),
            JUPYTERLAB_SETTINGS_DIR=str(self.work / "settings"),
            JUPYTERLAB_WORKSPACES_DIR=str(self.work / "workspaces"),
            IPYTHONDIR=str(self.work / "ipython"),
            JUPYTER_PLATFORM_DIRS="1",
            PYTHONUNBUFFERED="1",
        )
        cmd = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.copy}",
            "--ServerApp.open_browser=False",
            "--LabApp.news_url=",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI often run as root
            cmd.append("--allow-root")
        self.log = open(self.log_path, "w", encoding="utf-8")  # noqa: SIM115 (closed in stop())
        self.proc = subprocess.Popen(
            cmd, cwd=self.copy, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise Failure(f"JupyterLab exited with code {self.proc.returncode}; log:\n{self.tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/status?token={self.token}", timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.5)
        raise Failure(f"JupyterLab did not answer on {self.url} within 120 s; log:\n{self.tail()}")

    def tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def stop(self) -> None:
        """Ask the server to shut down (it stops its kernels), then end its process by id if it lingers."""
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            req = urllib.request.Request(
                f"{self.url}/api/shutdown", method="POST", headers={"Authorization": f"token {self.token}"}
            )
            urllib.request.urlopen(req, timeout=10).close()
        except (urllib.error.URLError, OSError):
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self.log.close()


def pick_targets(copy: Path) -> tuple[str, str]:
    """Labels of the study's default target and of another target to switch to (a 'khoảng' one in % if any)."""
    nb = json.loads((copy / NOTEBOOK).read_text(encoding="utf-8"))
    params = next("".join(c["source"]) for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
    m = re.search(r"STUDY\s*=\s*['\"]([^'\"]+)['\"]", params)
    study = m.group(1) if m else None  # STUDY = None: the default study
    code = (
        "import json, sys; from analysis import explore, load_study;"
        f"st = load_study({study!r}); ex = explore.Explorer(st.id); o = ex.options();"
        "about = explore.first_target(st, kind='about', percent=True);"
        "labels = dict((v, k) for k, v in o['targets']);"
        "first = ex.selection.target;"
        "other = about if about and about != first else next(v for _, v in o['targets'] if v and v != first);"
        "print(json.dumps([labels[first], labels[other]]))"
    )
    env = dict(os.environ, QN_PROJECT_ROOT=str(copy), PYTHONPATH=str(copy))
    out = subprocess.run([sys.executable, "-c", code], cwd=copy, env=env, capture_output=True, text=True, check=True)
    first, other = json.loads(out.stdout.strip().splitlines()[-1])
    return first, other


def wait_for(predicate, what: str, timeout: float = 120.0, interval: float = 0.25):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(interval)
    raise Failure(f"timed out after {timeout:.0f} s waiting for {what}")


def menu_command(page, menu: str, item: str, done, what: str, attempts: int = 3, timeout: float = 15.0) -> None:
    """Click ``menu`` → ``item`` until ``done()`` holds (at most ``attempts`` times, ``timeout`` s each)."""
    for attempt in range(1, attempts + 1):
        page.locator(".lm-MenuBar-item", has_text=menu).first.click()
        entry = page.locator(".lm-Menu-item", has_text=item).first
        entry.wait_for(state="visible")
        entry.click()
        try:
            wait_for(done, what, timeout=timeout)
            return
        except Failure:
            if attempt == attempts:
                raise
            page.keyboard.press("Escape")


def run_browser(server: Server, copy: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    first_label, other_label = pick_targets(copy)
    nb_path = copy / NOTEBOOK
    original = nb_path.read_bytes()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 2300}, locale="vi-VN")
            page.set_default_timeout(TIMEOUT_MS)
            console_errors: list[str] = []
            page.on("pageerror", lambda exc: console_errors.append(str(exc)))
            page.goto(f"{server.url}/lab/tree/{NOTEBOOK}?token={server.token}")
            page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell")
            page.wait_for_selector(
                ".jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=TIMEOUT_MS
            )
            say("  notebook opened, kernel idle")

            # 1. a save without changes leaves the file as committed
            before = nb_path.stat().st_mtime_ns
            time.sleep(0.05)
            page.locator(".jp-NotebookPanel .jp-Notebook").click(position={"x": 5, "y": 5})
            page.keyboard.press("Control+s")
            wait_for(lambda: nb_path.stat().st_mtime_ns != before, "JupyterLab to write the file", timeout=30)
            time.sleep(0.5)
            saved = nb_path.read_bytes()
            check(
                saved == original,
                "saving the unchanged notebook in JupyterLab changed the file "
                f"({len(original)} → {len(saved)} bytes); the committed notebook is not in JupyterLab's format",
            )
            say("  saved unchanged: file identical")

            # 2. run all cells
            page.locator(".lm-MenuBar-item", has_text="Run").first.click()
            page.locator(".lm-Menu-item", has_text="Run All Cells").first.click()
            wait_for(
                lambda: (
                    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").count()
                    and not page.locator(".jp-InputArea-prompt", has_text="[*]").count()
                    and page.locator(".jp-CodeCell .jp-InputArea-prompt", has_text=":").count()
                    == page.locator(".jp-CodeCell").count()
                    and all(
                        t.strip() not in ("[ ]:", "") for t in page.locator(".jp-CodeCell .jp-InputArea-prompt").all_inner_texts()
                    )
                ),
                "every cell to run",
                timeout=240,
            )
            explorer = page.locator(".qa-explorer")
            explorer.wait_for(state="visible")
            out = page.locator(".qa-explorer-output")
            wait_for(lambda: "Đánh giá chỉ tiêu" in out.inner_text(), "the explorer's first output")
            statics = page.locator(".jp-OutputArea-output", has_text="Bằng chứng")
            check(statics.count() >= 2, "the static rendering and the evidence one-liner are not shown")
            assert_no_errors(page, console_errors)
            shots.append(shot(page, explorer, "01_run_all.png"))
            text1 = out.inner_text()
            check(first_label.split(" · ")[0] in text1, f"the explorer does not show the default target {first_label}")
            say("  all cells ran; explorer shows the default target")

            # 3. change the target
            target_select = explorer.locator(".widget-dropdown", has=page.locator("label", has_text="Chỉ tiêu")).locator("select")
            target_select.select_option(label=other_label)
            text2 = wait_for(
                lambda: (t := out.inner_text()) != text1 and other_label.split(" · ")[0] in t and t,
                "the output to follow the new target",
            )
            check(verdict_line(text2) != verdict_line(text1) or text2 != text1, "the verdict did not change")
            assert_no_errors(page, console_errors)
            shots.append(shot(page, explorer, "02_target_changed.png"))
            say(f"  target changed to {other_label.split(' · ')[0]}: output changed")

            # 4. change the "khoảng" tolerance (when the target has one) through the slider's readout
            slider = explorer.locator(".widget-hslider")
            if not slider.locator("input, .widget-readout").first.is_disabled() and "disabled" not in (
                slider.get_attribute("class") or ""
            ):
                readout = slider.locator(".widget-readout")
                readout.click()
                page.keyboard.press("Control+a")
                page.keyboard.type("1.00")
                page.keyboard.press("Enter")
                text3 = wait_for(
                    lambda: "Giả định khác tệp chỉ tiêu: dung sai" in (t := out.inner_text()) and t,
                    "the sentence to name the new tolerance",
                )
                check(text3 != text2, "changing the tolerance did not change the output")
                assert_no_errors(page, console_errors)
                shots.append(shot(page, explorer, "03_tolerance_changed.png"))
                say("  tolerance changed: the sentence names the assumption")
            else:
                text3 = text2
                say("  (target has no 'khoảng' tolerance: slider disabled, step skipped)")

            # 5. admit fewer evidence tiers: uncheck every tier
            boxes = explorer.locator(".widget-checkbox input[type=checkbox]")
            for i in range(boxes.count()):
                if boxes.nth(i).is_checked():
                    boxes.nth(i).uncheck()
            text4 = wait_for(
                lambda: "không chấp nhận nguồn số liệu nào" in (t := out.inner_text()) and t,
                "the output without any evidence tier",
            )
            check(
                "chưa có số liệu" in text4 and text4 != text3,
                "removing every evidence tier did not change the verdict to 'chưa có số liệu'",
            )
            assert_no_errors(page, console_errors)
            shots.append(shot(page, explorer, "04_no_tiers.png"))
            say("  evidence tiers removed: verdict is 'chưa có số liệu'")
            page.screenshot(path=str(SHOTS / "05_notebook_page.png"), full_page=False)
            shots.append(SHOTS / "05_notebook_page.png")
            shots.append(check_figure_notebook(browser, server, copy))
        finally:
            browser.close()
    return shots


def figure_notebook(copy: Path) -> str:
    """The first numbered notebook whose committed outputs hold a figure (image/png)."""
    for p in sorted((copy / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = json.loads(p.read_text(encoding="utf-8"))
        if any("image/png" in o.get("data", {}) for c in nb["cells"] for o in c.get("outputs", [])):
            return p.relative_to(copy).as_posix()
    raise Failure("no notebook shows a figure")


def check_figure_notebook(browser, server: Server, copy: Path) -> Path:
    """6. a figure notebook, run in JupyterLab, shows the saved briefing PNG at full resolution, without errors."""
    name = figure_notebook(copy)
    page = browser.new_page(viewport={"width": 1500, "height": 1400}, locale="vi-VN")
    page.set_default_timeout(TIMEOUT_MS)
    console_errors: list[str] = []
    page.on("pageerror", lambda exc: console_errors.append(str(exc)))
    page.goto(f"{server.url}/lab/tree/{name}?token={server.token}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell")
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']")
    images = page.locator(f"{VISIBLE_PANEL} .jp-OutputArea-output[data-mime-type='image/png'] img")
    # a menu opened while JupyterLab is still settling can close before its item is clicked: retry
    menu_command(page, "Edit", "Clear Outputs of All Cells", lambda: images.count() == 0, "the committed outputs to be cleared")
    menu_command(
        page,
        "Run",
        "Run All Cells",
        lambda: images.count() or page.locator(".jp-InputArea-prompt", has_text="[*]").count(),
        "the cells to start running",
    )
    wait_for(
        lambda: images.count() and not page.locator(".jp-InputArea-prompt", has_text="[*]").count(),
        "the figure cell to run",
        timeout=240,
    )
    img = images.last
    img.evaluate("i => i.decode ? i.decode() : null")
    natural = img.evaluate("i => i.complete ? i.naturalWidth : 0")
    check(natural >= 1500, f"the figure shown is {natural} px wide, not the saved 200-dpi PNG")
    assert_no_errors(page, console_errors)
    path = shot(page, img, "06_figure_in_notebook.png")
    say(f"  {name}: the saved figure is shown ({natural} px wide), no error")
    page.close()
    return path


def verdict_line(text: str) -> str:
    return next((ln for ln in text.splitlines() if ln.startswith("Đánh giá")), "")


def shot(page, locator, name: str) -> Path:
    path = SHOTS / name
    locator.scroll_into_view_if_needed()
    locator.screenshot(path=str(path))
    return path


def assert_no_errors(page, console_errors: list[str]) -> None:
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    check(errors.count() == 0, "error output in the notebook:\n" + "\n".join(errors.all_inner_texts())[:2000])
    body = page.locator(VISIBLE_PANEL).inner_text()
    for marker in ("Traceback", "Error displaying widget", "Failed to load model class", "Không áp dụng được"):
        check(marker not in body, f"'{marker}' appears in the notebook")
    check(not console_errors, f"JavaScript errors in the page: {console_errors[:3]}")


def main() -> int:
    if not CHROMIUM.exists():
        say(f"SKIPPED: {CHROMIUM} not found (install Debian's package: apt-get install chromium)")
        return 0
    import importlib.util

    if importlib.util.find_spec("playwright") is None:
        say(
            "SKIPPED: the Python package 'playwright' is not installed (pip install 'playwright>=1.40'; "
            "no browser download is needed)"
        )
        return 0
    if importlib.util.find_spec("jupyterlab") is None:
        say("SKIPPED: JupyterLab is not installed in this Python")
        return 0
    t0 = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="qn-ui-"))
    copy = work / "project"
    server = None
    try:
        shutil.copytree(ROOT, copy, ignore=IGNORE)
        say(f"project copied to {copy}")
        server = Server(copy, work)
        server.start()
        say(f"JupyterLab started on {server.url} (pid {server.proc.pid})")
        shots = run_browser(server, copy)
    except Failure as exc:
        say(f"FAILED: {exc}")
        if server is not None:
            say("--- JupyterLab log (last lines) ---\n" + server.tail())
        return 1
    finally:
        if server is not None:
            server.stop()
            say(f"JupyterLab (pid {server.proc.pid}) stopped")
        shutil.rmtree(work, ignore_errors=True)
    say(f"PASSED in {time.perf_counter() - t0:.1f} s; screenshots: " + ", ".join(str(p.relative_to(ROOT)) for p in shots))
    return 0


if __name__ == "__main__":
    sys.exit(main())
