"""Benchmarks (``make bench``): prints figures measured in one run, as ratios against their floors/goals.

1. Full build (``python -m analysis build``) against its floor: the same number of
   fresh kernels (notebooks × studies) that only import the suite's libraries and exit,
   the same number at a time. Goal ≤ 1.3×; also prints how often the store is built.
2. The engine on a synthetic national panel generated here (34 provinces × every
   target × 30 years of sector levels and employment): every target for every
   province. Goal ≤ 50 ms; time should grow linearly at 10× and 100× the provinces.
3. ``import analysis`` time in a fresh interpreter (heavy libraries load lazily). Goal ≤ 0.5 s.
4. The test suite's wall time (unit tests, then strict nbval over the notebooks).
5. The panel trajectory pass: a synthetic national panel of 34 provinces × 16 synthetic
   targets (every kind and measure) × 30 years, every year verdicted and banded
   (``assess_panel(..., years="all")``: values, verdicts and open-sdg bands in one
   vectorised pass), pinned to one core, best of several runs; then 10× and 100× the
   provinces. Goal ≤ 100 ms at 34 provinces; time should grow roughly linearly.

6. The national ranking (:func:`analysis.assessment.ranking.rank_all`): a synthetic store of every
   province of both maps (the provinces of each boundary counted in the territory lineage
   ``data/raw/territories.csv``; skipped without it) × every indicator of the vocabulary × 30 years, about 5 % of the
   provinces with a second, conflicting figure, ranked in one pass; as a ratio to one study's scorecard
   on the shipped store (the single-province path), both pinned to one core, best of several runs.

Run a subset with section names: ``python benchmarks/run_benchmarks.py panel engine``
(names: build, engine, import, tests, panel, ranking). A section that fails is reported and the
others still run. Sections ``build`` and ``tests`` execute the whole build and test suite
in the project they run from (the build rewrites data/processed/, figures/ and notebooks).

Synthetic data exist only inside this script; nothing is written to data/.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def timed(cmd: list[str], env: dict[str, str] | None = None, check: bool = True) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=check, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - t0


def timed_status(cmd: list[str]) -> tuple[float, int]:
    """Wall time and exit status (a failing test run still has a wall time)."""
    t0 = time.perf_counter()
    rc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    return time.perf_counter() - t0, rc


def _import_only_kernel(_: int) -> None:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "import pandas, numpy, matplotlib.pyplot, openpyxl\nimport analysis, analysis.briefing.tables, analysis.sources.store"
        )
    ]
    client = NotebookClient(nb, kernel_name="python3", timeout=300)
    # the same transport as the build's kernels (analysis.pipeline.notebooks_run): IPC sockets in a private folder
    with tempfile.TemporaryDirectory(prefix="qn-floor-") as sockets:
        client.km = client.create_kernel_manager()
        client.km.transport, client.km.ip = "ipc", str(Path(sockets) / "kernel")
        client.execute()


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
    level_keys = ["va_industry", "va_manufacturing", "va_services", "va_agriculture", "employed_total", "employed_industry"]
    share_keys = [
        "share_industry_services",
        "share_industry",
        "share_manufacturing",
        "share_che_tao",
        "high_tech_share_manufacturing",
        "employed_share_nonagriculture",
        "employed_share_industry_construction",
        "ip_wastewater_compliance_rate",
        "investment_realised_ratio",
    ]
    flow_keys = ["investment_registered_ez_ip", "investment_registered_clusters"]
    yr = np.tile(np.array(list(years)), n_provinces)
    pv = np.repeat(np.array(provinces), ny)
    for k in level_keys:
        growth = rng.uniform(0.0, 0.12, (n_provinces, ny))
        lv = 1000 * np.cumprod(1 + growth, axis=1)
        frames.append(pd.DataFrame({"province": pv, "indicator": k, "year": yr, "value": lv.ravel()}))
    for k in share_keys:
        frames.append(pd.DataFrame({"province": pv, "indicator": k, "year": yr, "value": rng.uniform(5, 95, n_provinces * ny)}))
    for k in flow_keys:
        frames.append(
            pd.DataFrame({"province": pv, "indicator": k, "year": yr, "value": rng.uniform(100, 2000, n_provinces * ny)})
        )
    return pd.concat(frames, ignore_index=True)


def engine_time(n_provinces: int, repeats: int = 5) -> float:
    from analysis import assess_panel, load_targets

    targets = load_targets()
    panel = synthetic_panel(n_provinces, range(1996, 2026))
    assess_panel(panel, targets, years="final")  # warm-up
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = assess_panel(panel, targets, years="final")
        times.append(time.perf_counter() - t0)
    assert len(out) == n_provinces * len(targets)
    return statistics.median(times)


TRAJECTORY_BASE, TRAJECTORY_END = 1995, 2025  # 30 banded years, 1996–2025


def synthetic_targets() -> list:
    """16 synthetic targets covering every kind and every measure, base 1995, target 2025."""
    from dataclasses import replace

    from analysis.studies.targets import Target

    nan = float("nan")
    base = Target(
        id="",
        order=0,
        outline_item=0,
        outline_vi="",
        indicator="",
        level_indicator="",
        annual_indicator="",
        wording_vi="",
        wording_en="",
        kind="at_least",
        lower=nan,
        upper=nan,
        unit="percent",
        measure="final_year_share",
        base_year=TRAJECTORY_BASE,
        target_year=TRAJECTORY_END,
        about_tolerance=0.0,
        exceed_margin=0.0,
        definition="",
        resolution_line="",
        data_needed="",
        data_from="",
    )
    g = dict(measure="period_avg_growth", unit="percent_per_year")
    specs = [
        dict(kind="range", lower=8, upper=9, level_indicator="lv_industry", **g),
        dict(kind="about", lower=7, upper=8, about_tolerance=0.5, level_indicator="lv_manufacturing", **g),
        dict(kind="at_least", lower=6.5, level_indicator="lv_productivity", **g),
        dict(kind="at_most", upper=2.0, level_indicator="lv_employed", **g),
        dict(kind="below", upper=1.5, level_indicator="lv_energy", **g),
        dict(kind="about", lower=36, upper=37, about_tolerance=0.5, indicator="sh_industry"),
        dict(kind="above", lower=30, exceed_margin=1, indicator="sh_manufacturing"),
        dict(kind="at_least", lower=10, exceed_margin=1, indicator="sh_hightech"),
        dict(kind="at_most", upper=20, indicator="sh_agriculture_labour"),
        dict(kind="below", upper=5, indicator="sh_poverty"),
        dict(kind="range", lower=1000, upper=1200, indicator="val_grdp_per_capita", measure="final_year_value", unit="USD"),
        dict(kind="at_least", lower=5000, indicator="val_exports", measure="final_year_value", unit="mn_USD"),
        dict(
            kind="about",
            lower=50000,
            upper=60000,
            about_tolerance=2500,
            indicator="fl_investment",
            measure="cumulative_sum",
            unit="mn_USD",
        ),
        dict(kind="at_least", lower=24000, indicator="fl_clusters", measure="cumulative_sum", unit="bn_VND"),
        dict(kind="at_least", lower=75, indicator="rt_realised", measure="ratio"),
        dict(kind="qualitative", measure="qualitative", unit=""),
    ]
    return [replace(base, id=f"S{i + 1:02d}", order=i + 1, **spec) for i, spec in enumerate(specs)]


def synthetic_trajectory_panel(n_provinces: int, seed: int = 2):
    """Constant-price levels, shares, values, flows and ratios for the synthetic targets, 1995–2025."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    years = np.arange(TRAJECTORY_BASE, TRAJECTORY_END + 1)
    ny = len(years)
    pv = np.repeat(np.array([f"P{i:05d}" for i in range(n_provinces)], dtype=object), ny)
    yr = np.tile(years, n_provinces)
    keys = {
        "lv_industry": "level",
        "lv_manufacturing": "level",
        "lv_productivity": "level",
        "lv_employed": "level",
        "lv_energy": "level",
        "sh_industry": "share",
        "sh_manufacturing": "share",
        "sh_hightech": "share",
        "sh_agriculture_labour": "share",
        "sh_poverty": "share",
        "val_grdp_per_capita": "value",
        "val_exports": "value",
        "fl_investment": "flow",
        "fl_clusters": "flow",
        "rt_realised": "share",
    }
    frames = []
    for k, what in keys.items():
        if what == "level":
            v = 1000 * np.cumprod(1 + rng.uniform(-0.03, 0.12, (n_provinces, ny)), axis=1)
        elif what == "share":
            v = np.clip(rng.uniform(5, 60, (n_provinces, 1)) + np.cumsum(rng.normal(0, 1, (n_provinces, ny)), axis=1), 0.5, 99.5)
        elif what == "value":
            v = rng.uniform(300, 3000, (n_provinces, 1)) * np.cumprod(1 + rng.uniform(-0.02, 0.1, (n_provinces, ny)), axis=1)
        else:
            v = rng.uniform(500, 3000, (n_provinces, ny))
        frames.append(
            pd.DataFrame(
                {
                    "province": pv,
                    "indicator": k,
                    "year": yr,
                    "value": v.ravel(),
                    "price_basis": "constant_2010" if what == "level" else "current",
                    "boundary": "pre2025",
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def trajectory_time(n_provinces: int, repeats: int) -> tuple[float, int]:
    """Best time of ``repeats`` runs of the full panel pass (every year banded) and the number of rows."""
    from analysis.assessment.panel import assess_panel

    targets = synthetic_targets()
    panel = synthetic_trajectory_panel(n_provinces)
    out = assess_panel(panel, targets)  # warm-up
    expected = n_provinces * len(targets) * (TRAJECTORY_END - TRAJECTORY_BASE)
    assert len(out) == expected, (len(out), expected)
    assert (out["band"] != "").all()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        assess_panel(panel, targets)
        times.append(time.perf_counter() - t0)
    return min(times), len(out)


def _pin_one_core() -> str:
    """Pin this process to one CPU (Linux); return a description."""
    if hasattr(os, "sched_setaffinity"):
        cpu = sorted(os.sched_getaffinity(0))[-1]
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity)"


def section_build(rounds: int = 3) -> None:
    """The full build against its floor, ``rounds`` times alternately (the machine's load varies between runs)."""
    print("\n1. full build vs floor")
    sys.path.insert(0, str(ROOT))
    from analysis.studies.study import study_ids

    n_nb = len(list((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))
    n_runs = n_nb * len(study_ids(ROOT))
    jobs = max(1, min(4, os.cpu_count() or 1))
    print(
        f"   {n_runs} notebook runs ({n_nb} notebooks × {len(study_ids(ROOT))} studies, {jobs} at a time); "
        f"floor: {n_runs} import-only kernels {jobs} at a time"
    )
    ratios = []
    for i in range(1, rounds + 1):
        t0 = time.perf_counter()
        out = subprocess.run(
            [PY, "-m", "analysis", "build", "--force"], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout
        t_build = time.perf_counter() - t0
        t_floor = floor_kernels(n_runs, jobs)
        ratios.append(t_build / t_floor)
        print(
            f"   round {i}: build {t_build:.1f} s (evidence store built {out.count('evidence store')}×), "
            f"floor {t_floor:.1f} s -> {ratios[-1]:.2f}x"
        )
    print(f"   median ratio {statistics.median(ratios):.2f}x over {rounds} rounds (goal <= 1.3x)")


def section_engine() -> None:
    print("\n2. engine on a synthetic national panel (34 provinces × 16 targets × 30 years), one core, target-year verdicts")
    base = engine_time(34)
    t10 = engine_time(340)
    t100 = engine_time(3400, repeats=3)
    print(f"   34 provinces: {base * 1000:.1f} ms (goal <= 50 ms)")
    print(f"   340 provinces: {t10 * 1000:.1f} ms ({t10 / base:.1f}× for 10× the panel)")
    print(f"   3400 provinces: {t100 * 1000:.1f} ms ({t100 / base:.1f}× for 100× the panel)")


def section_import() -> None:
    print("\n3. import analysis (fresh interpreter, median of 5)")
    code = "import time; t=time.perf_counter(); import analysis; print(time.perf_counter()-t)"
    imp = statistics.median(
        float(subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout) for _ in range(5)
    )
    full = "import time; t=time.perf_counter(); import analysis; analysis.build_observations; print(time.perf_counter()-t)"
    imp_full = statistics.median(
        float(subprocess.run([PY, "-c", full], capture_output=True, text=True, check=True, cwd=ROOT).stdout) for _ in range(3)
    )
    print(
        f"   import analysis {imp * 1000:.0f} ms ({imp / 0.5:.2f}× the 0.5 s goal); "
        f"first use of the store API (loads pandas) {imp_full * 1000:.0f} ms"
    )


def section_tests() -> None:
    print("\n4. test suite wall time")
    t_unit, rc_unit = timed_status([PY, "-m", "pytest", "-q", "tests"])
    t_nb, rc_nb = timed_status(
        [
            PY,
            "-m",
            "pytest",
            "-q",
            "--nbval",
            "--nbval-current-env",
            "--nbval-sanitize-with",
            "notebooks/sanitize.cfg",
            "notebooks",
        ]
    )
    status = {0: "passed"}
    print(
        f"   unit tests {t_unit:.1f} s ({status.get(rc_unit, f'FAILED, exit {rc_unit}')}); "
        f"nbval {t_nb:.1f} s ({status.get(rc_nb, f'FAILED, exit {rc_nb}')}); total {t_unit + t_nb:.1f} s"
    )
    if rc_unit or rc_nb:
        raise RuntimeError("the test suite did not pass (times above are for the failing run)")


def section_panel() -> None:
    n_targets = len(synthetic_targets())
    n_years = TRAJECTORY_END - TRAJECTORY_BASE
    print(
        f"\n5. panel trajectory pass: 34 provinces × {n_targets} synthetic targets × {n_years} years, "
        "every year verdicted and banded"
    )
    saved = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    print(f"   {_pin_one_core()}; best of 7 / 5 / 3 runs")
    try:
        base, rows = trajectory_time(34, repeats=7)
        t10, rows10 = trajectory_time(340, repeats=5)
        t100, rows100 = trajectory_time(3400, repeats=3)
    finally:
        if saved is not None:
            os.sched_setaffinity(0, saved)
    print(f"   34 provinces ({rows} rows): {base * 1000:.1f} ms (goal <= 100 ms: {base / 0.1:.2f}× the goal)")
    print(f"   340 provinces ({rows10} rows): {t10 * 1000:.1f} ms ({t10 / base:.1f}× for 10×; {t10 / base / 10:.2f} of linear)")
    print(
        f"   3400 provinces ({rows100} rows): {t100 * 1000:.1f} ms ({t100 / base:.1f}× for 100×; "
        f"{t100 / base / 100:.2f} of linear)"
    )


def synthetic_national_store(sizes: dict[str, int], keys: list[str], years: range, seed: int = 4):
    """Every province of each boundary × every indicator × every year, one figure each; about 5 % of the
    (province, indicator, year) cells get a second, older figure that conflicts (synthetic)."""
    import numpy as np
    import pandas as pd

    from analysis.sources.store_schema import OBSERVATION_COLUMNS

    rng = np.random.default_rng(seed)
    frames = []
    for boundary, n in sizes.items():
        prov = np.array([f"{boundary}-{i:03d}" for i in range(n)])
        cells = pd.MultiIndex.from_product(
            [prov, keys, [str(y) for y in years]], names=["province", "indicator", "period"]
        ).to_frame(index=False)
        cells["boundary"] = boundary
        cells["value"] = np.round(rng.normal(7, 2, len(cells)), 2)
        cells["published"] = "2026-01-05"
        extra = cells.sample(frac=0.05, random_state=seed).assign(value=lambda d: d["value"] + 1.5, published="2025-11-20")
        frames += [cells, extra]
    df = pd.concat(frames, ignore_index=True)
    df["obs_id"] = [f"B{i:07d}" for i in range(len(df))]
    df["value_as_printed"] = df["value"].map(lambda v: f"{v:.2f}")
    df = df.assign(
        unit="percent",
        price_basis="unknown",
        status="estimate",
        qualifier="exact",
        vintage="",
        source_kind="published",
        translated=False,
        source_ref="synthetic",
    )
    return df.reindex(columns=OBSERVATION_COLUMNS)


def _best_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def section_ranking() -> None:
    sys.path.insert(0, str(ROOT))
    from analysis import load_observations, scorecard
    from analysis.assessment.ranking import rank_all
    from analysis.sources.manifest import load_vocabulary
    from analysis.sources.peers import PeerSettings, peer_settings
    from analysis.studies.study import load_study

    conf = peer_settings(ROOT, required=False)
    sizes = {b: len(p) for b, p in conf.provinces.items()} if conf and conf.provinces else {}
    if not sizes:
        print(
            "\n6. national ranking: SKIPPED (no territory lineage data/raw/territories.csv: the number of "
            "provinces of each boundary comes from it)"
        )
        return
    keys = sorted(load_vocabulary(ROOT))
    years = range(1996, 2026)
    store = synthetic_national_store(sizes, keys, years)
    settings = PeerSettings(0.75, "descending", {b: tuple(f"{b}-{i:03d}" for i in range(n)) for b, n in sizes.items()})
    print(
        f"\n6. national ranking: {' + '.join(f'{n} ({b})' for b, n in sizes.items())} provinces × {len(keys)} "
        f"indicators × {len(years)} years = {len(store)} figures, ranked in one pass"
    )
    saved = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    print(f"   {_pin_one_core()}; best of 3 runs each")
    try:
        obs = load_observations(ROOT)
        study = load_study(None, ROOT)
        scorecard(obs, study)  # warm-up (caches, imports)
        t_card = _best_time(lambda: scorecard(obs, study), 3)
        table = rank_all(store, settings, vocabulary={})
        t_rank = _best_time(lambda: rank_all(store, settings, vocabulary={}), 3)
    finally:
        if saved is not None:
            os.sched_setaffinity(0, saved)
    n_rankings = table.groupby(["indicator", "period", "boundary"]).ngroups
    print(f"   one study's scorecard ({study.id}, shipped store): {t_card * 1000:.0f} ms")
    print(
        f"   every ranking ({n_rankings} rankings, {len(table)} ranked provinces, "
        f"{int((table['conflicts'] > 0).sum())} with conflicting figures): {t_rank * 1000:.0f} ms "
        f"= {t_rank / t_card:.2f}× the single-province scorecard"
    )


SECTIONS = {
    "build": section_build,
    "engine": section_engine,
    "import": section_import,
    "tests": section_tests,
    "panel": section_panel,
    "ranking": section_ranking,
}


def main(argv: list[str] | None = None) -> int:
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    names = list(argv if argv is not None else sys.argv[1:]) or list(SECTIONS)
    unknown = [n for n in names if n not in SECTIONS]
    if unknown:
        print(f"unknown section(s) {unknown}; choose from {list(SECTIONS)}", file=sys.stderr)
        return 2
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )
    failed = []
    for name in names:
        try:
            SECTIONS[name]()
        except Exception as exc:  # report and go on with the other sections
            failed.append(name)
            print(f"   section {name!r} FAILED: {type(exc).__name__}: {exc}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
