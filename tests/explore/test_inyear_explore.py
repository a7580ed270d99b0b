"""The explorer's monthly view (analysis.explore.monthly): sub-year figures of the study's province only."""

from __future__ import annotations

from pathlib import Path

from inyear_fixtures import _fig, _plan_project


def test_monthly_series_lists_sub_year_figures_of_the_study_in_order(tmp_path: Path):
    from analysis import explore
    from analysis.sources.store import build_observations
    from analysis.studies.study import load_study

    root = _plan_project(
        tmp_path,
        [
            _fig("M2", "va_industry_growth", "2026-02", 6.5, "percent", "constant_2010", status="preliminary"),
            _fig("M1", "va_industry_growth", "2026-01", 7.25, "percent", "constant_2010"),
            _fig("C1", "va_industry_growth", "2026-01..02", 6.9, "percent", "constant_2010"),
            _fig("H1", "va_industry_growth", "2025-H1", 9.0, "percent", "constant_2010"),
            _fig("OLD", "va_industry_growth", "2024-H1", 3.0, "percent", "constant_2010"),  # before the base year
            _fig("PLAN", "investment_registered", "2026-H1", 400.0, "mn_USD", "na", status="target"),  # a plan
            _fig("Y", "va_industry_growth", "2026", 8.0, "percent", "constant_2010"),  # a year: not sub-year
        ],
    )
    obs = build_observations(root)
    st = load_study("syn-plan", root)
    df = explore.monthly_series(obs, st)
    assert list(df["obs_id"]) == ["H1", "M1", "C1", "M2"]
    assert list(df["period_vi"]) == ["6 tháng đầu năm 2025", "tháng 1 năm 2026", "2 tháng đầu năm 2026", "tháng 2 năm 2026"]
    assert list(df["status_vi"])[-1] == "sơ bộ"
    html = str(explore.monthly_view(obs, st))
    assert "7,25%" in html and "6,5%" in html and "tháng 2 năm 2026" in html
    note = str(explore.in_year_note(obs, st))
    assert "Ước thực hiện 2 tháng đầu năm 2026" in note
