"""In-year monitoring keeps g₁ (the part-year growth) and last year's levels L, L₁ on one territory, and the
in-year verdicts at the unrounded edges of their thresholds (analysis.assessment.inyear).

Every figure is generated here (a synthetic project, :mod:`inyear_fixtures`); the expected g₂ are computed by hand
from the synthetic yearbook's levels (:data:`conftest.SYN_VA_CONSTANT`).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from inyear_fixtures import _fig, _plan_project

from analysis.assessment.inyear import IN_YEAR_COLUMNS, InYearRules, growth_codes, level_codes, required_rest_growth
from analysis.wording.labels import FLAG_VI, IN_YEAR_MISSING_VI, IN_YEAR_VI

from conftest import SYN_VA_CONSTANT

RULES = InYearRules(growth_on_track_gap_points=0.0, growth_push_gap_points=2.0, level_on_track_ratio=1.0, level_push_ratio=0.8)
L_YEAR = float(SYN_VA_CONSTANT[-1])  # the synthetic yearbook's 2025 level (pre2025 boundary)
L_PART = 0.4 * L_YEAR  # last year's first half, generated here
G1 = 5.0  # 2026-H1 growth, generated here


def _card(root: Path):
    from analysis.assessment import scorecard
    from analysis.sources.store import build_observations
    from analysis.studies.study import load_study

    return scorecard(build_observations(root), load_study("syn-plan", root)).set_index("target_id")


# ------------------------------------------------------------------------------ verdicts on unrounded values
def test_growth_gap_of_four_thousandths_is_not_on_track():
    goal = 10.0
    assert list(growth_codes(np.array([goal + 0.004, goal, goal - 0.004]), np.full(3, goal), RULES)) == [
        "accelerate",
        "on_track",
        "on_track",
    ]
    # the push bound: +2 points inclusive, +2.004 beyond it
    assert list(growth_codes(np.array([goal + 2.0, goal + 2.004]), np.full(2, goal), RULES)) == ["accelerate", "at_risk"]


def test_a_g2_computed_exactly_on_the_goal_is_on_track_despite_float_noise():
    # g1 = G ⇒ g2 = G exactly by hand; the formula may leave ~1e-14 of noise, which the tolerance absorbs
    goals = np.array([7.1, 8.3, 10.0, 10.7])
    req = required_rest_growth(goals, goals, 1000.0, 430.0)
    assert list(growth_codes(req, goals, RULES)) == ["on_track"] * len(goals)


@pytest.mark.parametrize(
    ("progress", "expected", "code"),
    [
        (45.0, 45.0, "on_track"),  # r = 1 exactly
        (44.99, 45.0, "accelerate"),  # r = 0.99978: rounded to 3 decimals it would read 1,000
        (36.0, 45.0, "accelerate"),  # r = 0.8 exactly: inclusive
        (35.99, 45.0, "at_risk"),  # r = 0.79978: rounded it would read 0,800
    ],
)
def test_level_ratio_edges_are_unrounded(progress, expected, code):
    assert level_codes(np.array([progress]), np.array([expected]), RULES)[0] == code


# ------------------------------------------------------------------------------ one territory for g1, L and L1
def test_g1_of_the_study_boundary_uses_levels_of_that_boundary(tmp_path: Path):
    root = _plan_project(
        tmp_path,
        [
            _fig("F1", "va_industry", "2025-H1", L_PART, "bn_VND", "constant_2010"),
            _fig("F2", "va_industry_growth", "2026-H1", G1, "percent", "constant_2010"),
        ],
    )
    g = _card(root).loc["G1"]
    expected = ((1.08 * L_YEAR - (1 + G1 / 100) * L_PART) / (L_YEAR - L_PART) - 1) * 100
    assert g["in_year_required_rest"] == pytest.approx(expected, abs=1e-9)
    assert g["in_year_to_date_boundary"] == "pre2025"
    assert g["in_year_flags"] == ""
    assert FLAG_VI["boundary_unknown"] not in g["in_year_vi"]


def test_g1_of_another_known_territory_gives_no_g2_and_says_so(tmp_path: Path):
    # the study admits merged2025 figures; the only g1 is of merged2025, the only levels are of pre2025
    root = _plan_project(
        tmp_path,
        [
            _fig("F1", "va_industry", "2025-H1", L_PART, "bn_VND", "constant_2010"),
            _fig("F2", "va_industry_growth", "2026-H1", G1, "percent", "constant_2010", boundary="merged2025"),
        ],
        extra='boundary_fallback = ["merged2025", "unknown"]\n',
    )
    g = _card(root).loc["G1"]
    assert g["in_year_to_date_boundary"] == "merged2025"
    assert math.isnan(g["in_year_required_rest"]) and math.isnan(g["in_year_level_year"])
    assert g["in_year_missing"] == "territory_mismatch"
    assert g["in_year_verdict"] == "missing_weights"
    assert "phạm vi địa giới khác nhau" in IN_YEAR_MISSING_VI["territory_mismatch"]
    assert "phạm vi địa giới khác nhau" in g["in_year_vi"] and "cần tăng" not in g["in_year_vi"]
    for code in ("on_track", "accelerate", "at_risk"):
        assert IN_YEAR_VI[code] not in g["in_year_vi"]


def test_g1_of_another_territory_is_paired_with_levels_of_its_own_territory(tmp_path: Path):
    # levels of merged2025 given too: g1 of merged2025 uses them, never the study boundary's yearbook level
    l_year, l_part = 3.0 * L_YEAR, 1.2 * L_YEAR
    root = _plan_project(
        tmp_path,
        [
            _fig("F1", "va_industry", "2025-H1", L_PART, "bn_VND", "constant_2010"),
            _fig("M1", "va_industry", "2025", l_year, "bn_VND", "constant_2010", boundary="merged2025"),
            _fig("M2", "va_industry", "2025-H1", l_part, "bn_VND", "constant_2010", boundary="merged2025"),
            _fig("F2", "va_industry_growth", "2026-H1", G1, "percent", "constant_2010", boundary="merged2025"),
        ],
        extra='boundary_fallback = ["merged2025", "unknown"]\n',
    )
    g = _card(root).loc["G1"]
    assert g["in_year_level_year"] == pytest.approx(l_year) and g["in_year_level_part"] == pytest.approx(l_part)
    expected = ((1.08 * l_year - (1 + G1 / 100) * l_part) / (l_year - l_part) - 1) * 100
    assert g["in_year_required_rest"] == pytest.approx(expected, abs=1e-9)


def test_g1_of_unstated_territory_is_used_with_a_flag_the_sentence_states(tmp_path: Path):
    root = _plan_project(
        tmp_path,
        [
            _fig("F1", "va_industry", "2025-H1", L_PART, "bn_VND", "constant_2010"),
            _fig("F2", "va_industry_growth", "2026-H1", G1, "percent", "constant_2010", boundary="unknown"),
        ],
    )
    g = _card(root).loc["G1"]
    expected = ((1.08 * L_YEAR - (1 + G1 / 100) * L_PART) / (L_YEAR - L_PART) - 1) * 100
    assert g["in_year_required_rest"] == pytest.approx(expected, abs=1e-9)
    assert g["in_year_to_date_boundary"] == "unknown"
    assert g["in_year_flags"] == "boundary_unknown"
    assert FLAG_VI["boundary_unknown"] in g["in_year_vi"]


def test_g1_of_unstated_territory_is_not_used_when_the_study_does_not_admit_it(tmp_path: Path):
    root = _plan_project(
        tmp_path,
        [
            _fig("F1", "va_industry", "2025-H1", L_PART, "bn_VND", "constant_2010"),
            _fig("F2", "va_industry_growth", "2026-H1", G1, "percent", "constant_2010", boundary="unknown"),
        ],
        extra="boundary_fallback = []\n",
    )
    g = _card(root).loc["G1"]
    assert g["in_year_verdict"] == "no_data" and g["in_year_missing"] == "no_part_year"


def test_the_record_has_the_boundary_and_flag_columns():
    assert {"in_year_to_date_boundary", "in_year_flags"} <= set(IN_YEAR_COLUMNS)


# ------------------------------------------------------------------------------ g1 at the levels' price basis
def _levels_2020(l_year: float = 1000.0, l_part: float = 400.0) -> list[list[str]]:
    return [
        _fig("K1", "va_industry", "2025", l_year, "bn_VND", "constant_2020"),
        _fig("K2", "va_industry", "2025-H1", l_part, "bn_VND", "constant_2020"),
    ]


def test_g1_at_a_constant_basis_is_paired_with_levels_of_that_basis(tmp_path: Path):
    """g1 at 2020 prices, levels at 2010 (yearbook) and 2020 prices: the 2020 levels, by hand
    g2 = (1.08 × 1000 − 1.05 × 400) / (1000 − 400) − 1 = 660 / 600 − 1 = 10 %."""
    root = _plan_project(
        tmp_path,
        [
            _fig("F1", "va_industry", "2025-H1", L_PART, "bn_VND", "constant_2010"),
            *_levels_2020(),
            _fig("F2", "va_industry_growth", "2026-H1", G1, "percent", "constant_2020"),
        ],
    )
    g = _card(root).loc["G1"]
    assert g["in_year_level_basis"] == "constant_2020" and g["in_year_level_year"] == 1000.0
    assert g["in_year_required_rest"] == pytest.approx(10.0, abs=1e-9) and g["in_year_flags"] == ""


@pytest.mark.parametrize("basis", ["current", "constant_2020"])
def test_g1_at_another_stated_basis_gives_no_g2_and_says_so(tmp_path: Path, basis: str):
    """The only levels are at 2010 prices (the yearbook's and F1): g1 at current or 2020 prices gives no g2."""
    root = _plan_project(
        tmp_path,
        [
            _fig("F1", "va_industry", "2025-H1", L_PART, "bn_VND", "constant_2010"),
            _fig("F2", "va_industry_growth", "2026-H1", G1, "percent", basis),
        ],
    )
    g = _card(root).loc["G1"]
    assert math.isnan(g["in_year_required_rest"]) and math.isnan(g["in_year_level_year"])
    assert g["in_year_missing"] == "basis_mismatch" and g["in_year_verdict"] == "missing_weights"
    assert "các loại giá khác nhau" in IN_YEAR_MISSING_VI["basis_mismatch"]
    assert "các loại giá khác nhau" in g["in_year_vi"] and "cần tăng" not in g["in_year_vi"]


def test_g1_of_unstated_basis_is_used_with_a_flag_the_sentence_states(tmp_path: Path):
    root = _plan_project(
        tmp_path,
        [
            _fig("F1", "va_industry", "2025-H1", L_PART, "bn_VND", "constant_2010"),
            _fig("F2", "va_industry_growth", "2026-H1", G1, "percent", "unknown"),
        ],
    )
    g = _card(root).loc["G1"]
    expected = ((1.08 * L_YEAR - (1 + G1 / 100) * L_PART) / (L_YEAR - L_PART) - 1) * 100
    assert g["in_year_required_rest"] == pytest.approx(expected, abs=1e-9)
    assert g["in_year_level_basis"] == "constant_2010" and g["in_year_flags"] == "basis_unknown"
    assert FLAG_VI["basis_unknown"] in g["in_year_vi"] and FLAG_VI["boundary_unknown"] not in g["in_year_vi"]


# ------------------------------------------------------------------------------ level targets: one territory
def _amount(boundary: str = "pre2025", last_boundary: str = "pre2025") -> list[list[str]]:
    """2026-H1 amount 450 mn USD against the plan 1000: progress 45 %; last year 300 of 1000 (seasonal 30 %)."""
    return [
        _fig("I1", "investment_registered", "2025-H1", 300.0, "mn_USD", "na", boundary=last_boundary),
        _fig("I2", "investment_registered", "2025", 1000.0, "mn_USD", "na", boundary=last_boundary),
        _fig("I3", "investment_registered", "2026-H1", 450.0, "mn_USD", "na", boundary=boundary),
    ]


def test_an_amount_uses_last_years_seasonal_share_of_its_own_territory(tmp_path: Path):
    """r = 45 / 30 = 1.5 ≥ 1: on track."""
    a = _card(_plan_project(tmp_path, _amount())).loc["A1"]
    assert a["in_year_expected_basis"] == "seasonal" and a["in_year_expected"] == pytest.approx(30.0)
    assert a["in_year_verdict"] == "on_track" and a["in_year_to_date_boundary"] == "pre2025"
    assert a["in_year_flags"] == "" and a["in_year_missing"] == ""


def test_an_amount_is_not_weighted_by_last_years_figures_of_another_territory(tmp_path: Path):
    """Last year's figures of merged2025 only: months elapsed, 6 / 12 = 50 %; r = 45 / 50 = 0.9: accelerate."""
    root = _plan_project(tmp_path, _amount(last_boundary="merged2025"), extra='boundary_fallback = ["merged2025", "unknown"]\n')
    a = _card(root).loc["A1"]
    assert a["in_year_expected_basis"] == "elapsed" and a["in_year_expected"] == pytest.approx(50.0)
    assert a["in_year_verdict"] == "accelerate" and a["in_year_missing"] == "seasonal_territory_mismatch"
    assert "phạm vi địa giới khác" in a["in_year_vi"] and "I1" not in a["in_year_sources"]


def test_an_amount_of_unstated_territory_is_weighted_with_a_flag_the_sentence_states(tmp_path: Path):
    a = _card(_plan_project(tmp_path, _amount(boundary="unknown"))).loc["A1"]
    assert a["in_year_expected_basis"] == "seasonal" and a["in_year_expected"] == pytest.approx(30.0)
    assert a["in_year_to_date_boundary"] == "unknown" and a["in_year_flags"] == "boundary_unknown"
    assert FLAG_VI["boundary_unknown"] in a["in_year_vi"]
