"""Benchmarks (``make bench``): prints figures measured in one run, as ratios against their floors/goals.

1. Full build (``python -m analysis build``) against its floor: the same number of
   fresh kernels that only import the suite's libraries and exit. Goal ≤ 1.5×.
2. The engine on a synthetic national panel generated here (34 provinces × every
   target × 30 years of sector levels and employment): every target for every
   province. Goal ≤ 50 ms; time should grow linearly at 10× and 100× the provinces.
3. ``import analysis`` time in a fresh interpreter (heavy libraries load lazily). Goal ≤ 0.5 s.
4. The test suite's wall time (unit tests, then strict nbval over the notebooks).

Synthetic data exist only inside this script; nothing is written to data/.
"""
from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - t0


def _import_only_kernel(_: int) -> None:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "import pandas, numpy, matplotlib.pyplot, openpyxl\nimport analysis, analysis.briefing, analysis.store")]
    NotebookClient(nb, kernel_name="python3", timeout=300).execute()


def floor_kernels(n: int, jobs: int = 1) -> float:
    """n fresh kernels that import the suite's libraries and exit, ``jobs`` at a time (the build's floor)."""
    from concurrent.futures import ProcessPoolExecutor

    t0 = time.perf_counter()
    if jobs == 1:
        for i in range(n):
            _import_only_kernel(i)
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            list(pool.map(_import_only_kernel, range(n)))
    return time.perf_counter() - t0


def synthetic_panel(n_provinces: int, years: range, seed: int = 1):
    """Levels, shares, flows and employment for every target's indicators (synthetic)."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    ny = len(years)
    provinces = [f"P{i:05d}" for i in range(n_provinces)]
    frames = []
    level_keys = ["va_industry", "va_manufacturing", "va_services", "va_agriculture", "employed_total",
                  "employed_industry"]
    share_keys = ["share_industry_services", "share_industry", "share_manufacturing", "share_che_tao",
                  "high_tech_share_manufacturing", "employed_share_nonagriculture",
                  "employed_share_industry_construction", "ip_wastewater_compliance_rate", "investment_realised_ratio"]
    flow_keys = ["investment_registered_ez_ip", "investment_registered_clusters"]
    yr = np.tile(np.array(list(years)), n_provinces)
    pv = np.repeat(np.array(provinces), ny)
    for k in level_keys:
        growth = rng.uniform(0.0, 0.12, (n_provinces, ny))
        lv = 1000 * np.cumprod(1 + growth, axis=1)
        frames.append(pd.DataFrame({"province": pv, "indicator": k, "year": yr, "value": lv.ravel()}))
    for k in share_keys:
        frames.append(pd.DataFrame({"province": pv, "indicator": k, "year": yr,
                                    "value": rng.uniform(5, 95, n_provinces * ny)}))
    for k in flow_keys:
        frames.append(pd.DataFrame({"province": pv, "indicator": k, "year": yr,
                                    "value": rng.uniform(100, 2000, n_provinces * ny)}))
    return pd.concat(frames, ignore_index=True)


def engine_time(n_provinces: int, repeats: int = 5) -> float:
    from analysis import assess_panel, load_targets

    targets = load_targets()
    panel = synthetic_panel(n_provinces, range(1996, 2026))
    assess_panel(panel, targets)  # warm-up
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = assess_panel(panel, targets)
        times.append(time.perf_counter() - t0)
    assert len(out) == n_provinces * len(targets)
    return statistics.median(times)


def main() -> int:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}")
    print("\n1. full build vs floor")
    n_nb = len(list((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))
    jobs = max(1, min(4, os.cpu_count() or 1))
    t_build = timed([PY, "-m", "analysis", "build"])
    t_floor_par = floor_kernels(n_nb, jobs)
    t_floor_seq = floor_kernels(n_nb, 1)
    print(f"   build {t_build:.1f} s (notebooks {jobs} at a time)")
    print(f"   floor, {n_nb} import-only kernels {jobs} at a time: {t_floor_par:.1f} s -> ratio "
          f"{t_build / t_floor_par:.2f}x (goal <= 1.5x)")
    print(f"   floor, {n_nb} import-only kernels one after another: {t_floor_seq:.1f} s -> ratio "
          f"{t_build / t_floor_seq:.2f}x")

    print("\n2. engine on a synthetic national panel (34 provinces × 16 targets × 30 years), one core")
    base = engine_time(34)
    t10 = engine_time(340)
    t100 = engine_time(3400, repeats=3)
    print(f"   34 provinces: {base * 1000:.1f} ms (goal <= 50 ms)")
    print(f"   340 provinces: {t10 * 1000:.1f} ms ({t10 / base:.1f}× for 10× the panel)")
    print(f"   3400 provinces: {t100 * 1000:.1f} ms ({t100 / base:.1f}× for 100× the panel)")

    print("\n3. import analysis (fresh interpreter, median of 5)")
    code = "import time; t=time.perf_counter(); import analysis; print(time.perf_counter()-t)"
    imp = statistics.median(float(subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True,
                                                   cwd=ROOT).stdout) for _ in range(5))
    full = "import time; t=time.perf_counter(); import analysis; analysis.build_observations; print(time.perf_counter()-t)"
    imp_full = statistics.median(float(subprocess.run([PY, "-c", full], capture_output=True, text=True, check=True,
                                                        cwd=ROOT).stdout) for _ in range(3))
    print(f"   import analysis {imp * 1000:.0f} ms ({imp / 0.5:.2f}× the 0.5 s goal); "
          f"first use of the store API (loads pandas) {imp_full * 1000:.0f} ms")

    print("\n4. test suite wall time")
    t_unit = timed([PY, "-m", "pytest", "-q", "tests"])
    t_nb = timed([PY, "-m", "pytest", "-q", "--nbval", "--nbval-current-env", "--nbval-sanitize-with",
                  "notebooks/sanitize.cfg", "notebooks"])
    print(f"   unit tests {t_unit:.1f} s; nbval {t_nb:.1f} s; total {t_unit + t_nb:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
