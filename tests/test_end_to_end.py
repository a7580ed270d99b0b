"""End to end: an analyst adds a yearbook table of a new province and a study on it, and everything stays green.

Marked slow: `make test` runs it beside the unit tests (conftest keeps every slow test at the top of tests/).
"""

from __future__ import annotations

import csv
import math
import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from analysis import study_ids
from analysis.pipeline.build_steps import build

from conftest import (
    GRDP_MAP,
    NO_PROJECT_DATA,
    ROOT,
    SYN_LEVELS,
    SYN_YEARS,
    grdp_table,
    target_row,
    write_csv_grid,
    write_study,
    years_in_rows_table,
)

# --- an analyst adds a yearbook table of a new province and a study on it ---------------------------------

NEW_PROVINCE = "Tỉnh Mới Thêm"
_NEW_PARTS = {
    "Nông, lâm nghiệp và thủy sản": [250000, 246000, 241000, 237500, 232000, 226000],
    "Công nghiệp và xây dựng": [150000, 156000, 163000, 168000, 175500, 183000],
    "Dịch vụ": [160000, 163500, 167000, 172000, 176000, 181000],
}
NEW_EMPLOYED = {"Tổng số": [sum(v[i] for v in _NEW_PARTS.values()) for i in range(len(SYN_YEARS))]} | _NEW_PARTS


def _copy_project(dst):
    ignore = shutil.ignore_patterns(
        ".venv", ".git", "__pycache__", ".pytest_cache", ".hypothesis", "*.egg-info", ".tmp-*", "preview", "ui"
    )
    shutil.copytree(ROOT, dst, ignore=ignore)
    return dst


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("QN_INNER_TESTS") == "1", reason="runs the suite itself: not recursively")
def test_adding_a_table_and_a_study_keeps_everything_green(tmp_path):
    proj = _copy_project(tmp_path / "copy")
    env = dict(os.environ, QN_PROJECT_ROOT=str(proj), QN_INNER_TESTS="1")
    assert build(proj, notebooks=False) == 0
    before = {
        sid: pd.read_csv(proj / "data" / "processed" / sid / "scorecard.csv")[["target_id", "verdict", "actual"]]
        for sid in study_ids(proj)
    }
    raw = proj / "data" / "raw"
    write_csv_grid(
        raw / "yearbook" / "new-province_grdp.csv",
        grdp_table([2020, 2021, 2022, 2023, 2024, 2025], SYN_LEVELS, "9. GRDP theo giá hiện hành"),
    )
    # years in rows, series in columns, a levels and a structure block (the layout of Hòa Bình 2022 t29)
    write_csv_grid(
        raw / "yearbook" / "new-province_employed.csv",
        years_in_rows_table(SYN_YEARS, NEW_EMPLOYED, "5. Lao động đang làm việc phân theo ngành", "Người"),
    )
    with open(raw / "manifest.csv", "a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow(
            [
                "newprov_t9",
                "yearbook",
                "yearbook/new-province_grdp.csv",
                "",
                NEW_PROVINCE,
                "2025",
                "9",
                "20",
                "",
                "pre2025",
                "current",
                "http://example.invalid/t9",
                GRDP_MAP,
                "",
            ]
        )
        csv.writer(fh).writerow(
            [
                "newprov_t5",
                "yearbook",
                "yearbook/new-province_employed.csv",
                "",
                NEW_PROVINCE,
                "2025",
                "5",
                "8",
                "",
                "pre2025",
                "na",
                "http://example.invalid/t5",
                ":: Tổng số => employed_total; :: Nông* => employed_agriculture",
                "",
            ]
        )
    write_study(
        raw,
        "new-study",
        NEW_PROVINCE,
        [
            target_row(
                id="N1",
                order=1,
                indicator="share_industry_construction",
                kind="about",
                lower=40,
                upper=41,
                unit="percent",
                measure="final_year_share",
                base_year=2020,
                target_year=2025,
                about_tolerance=0.5,
            ),
            target_row(
                id="N2",
                order=2,
                indicator="grdp_avg_growth",
                level_indicator="grdp",
                kind="at_least",
                lower=7,
                unit="percent_per_year",
                measure="period_avg_growth",
                base_year=2020,
                target_year=2025,
            ),
            target_row(
                id="N3",
                order=3,
                indicator="employed_share_agriculture",
                kind="below",
                upper=30,
                unit="percent",
                measure="final_year_share",
                base_year=2020,
                target_year=2025,
            ),
        ],
    )
    r = subprocess.run(
        [sys.executable, "-m", "analysis", "build", "--study", "new-study"], env=env, cwd=proj, capture_output=True, text=True
    )
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert len(list((proj / "data" / "processed" / "new-study" / "notebooks").glob("*.ipynb"))) >= 1
    assert build(proj, notebooks=False) == 0
    card = pd.read_csv(proj / "data" / "processed" / "new-study" / "scorecard.csv").set_index("target_id")
    L = {k: v[-1] for k, v in SYN_LEVELS.items()}
    share = 100 * L["industry_construction"] / (L["agriculture"] + L["industry_construction"] + L["services"] + L["taxes"])
    assert card.loc["N1", "actual"] == pytest.approx(share, abs=1e-4)
    expected = (
        "met" if 40 <= share <= 41 else "basically_met" if 39.5 <= share <= 41.5 else "exceeded" if share > 41.5 else "not_met"
    )
    assert card.loc["N1", "verdict"] == expected
    assert card.loc["N2", "verdict"] == "no_data"  # current prices only: no growth
    agri = 100 * NEW_EMPLOYED["Nông, lâm nghiệp và thủy sản"][-1] / NEW_EMPLOYED["Tổng số"][-1]
    assert card.loc["N3", "actual"] == pytest.approx(agri, abs=1e-4)  # from the years-in-rows table
    for sid, old in before.items():
        new = pd.read_csv(proj / "data" / "processed" / sid / "scorecard.csv")[["target_id", "verdict", "actual"]]
        pd.testing.assert_frame_equal(old, new, obj=f"verdicts of {sid}")
    # every test that reads the project's data runs again in the copy (the modules that never read it do not:
    # conftest.NO_PROJECT_DATA, checked there)
    r = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:nbval", "tests"]
        + [f"--ignore=tests/{m}" for m in NO_PROJECT_DATA],
        env=env,
        cwd=proj,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout[-3000:]
    assert math.isfinite(card.loc["N1", "actual"])
