"""Indicator arithmetic against hand-computed values, edge cases and guards."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis import (
    Measured,
    MixedBasisError,
    annualised_growth,
    cagr,
    growth_contributions,
    labour_productivity,
    required_growth,
    shares,
    shift_share,
    weakest_status,
)
from analysis.evidence.indicators import growth_from_levels


def test_cagr_hand_values():
    assert cagr(100, 146.93280768, 5) == pytest.approx(8.0, abs=1e-8)  # 1.08^5 = 1.4693280768
    assert cagr(100, 80, 2) == pytest.approx((math.sqrt(0.8) - 1) * 100)  # negative growth: -10.557 %/yr
    assert cagr(100, 80, 2) == pytest.approx(-10.5572809, abs=1e-6)
    assert cagr(50, 55, 1) == pytest.approx(10.0)  # a single year
    assert cagr(100, 100, 5) == 0.0


def test_cagr_vectorised():
    out = cagr(np.array([100.0, 100.0]), np.array([121.0, 81.0]), 2)
    np.testing.assert_allclose(out, [10.0, -10.0])


@pytest.mark.parametrize("start,end,n", [(0, 10, 5), (-5, 10, 5), (10, 20, 0)])
def test_cagr_rejects_zero_base_and_bad_periods(start, end, n):
    with pytest.raises(ValueError):
        cagr(start, end, n)


def test_annualised_growth_is_geometric():
    assert annualised_growth([10, -10]) == pytest.approx((math.sqrt(1.1 * 0.9) - 1) * 100)
    assert annualised_growth([10, -10]) == pytest.approx(-0.50126, abs=1e-5)  # not 0
    assert annualised_growth([7.5]) == pytest.approx(7.5)  # single observation
    assert annualised_growth([104.49, 97.67], kind="index") == pytest.approx((math.sqrt(1.0449 * 0.9767) - 1) * 100)


def test_annualised_growth_refuses_a_gap():
    with pytest.raises(ValueError, match="missing year"):
        annualised_growth([6.0, float("nan"), 8.0])


def test_required_growth():
    # from 112.36 in year 2 to 146.9328 in year 5: three years left
    assert required_growth(112.36, 146.93280768, 3) == pytest.approx(((146.93280768 / 112.36) ** (1 / 3) - 1) * 100)
    assert required_growth(100, 90, 2) < 0  # a target already exceeded needs negative growth


def test_growth_from_levels_keeps_gaps():
    g = growth_from_levels(pd.Series({2020: 100.0, 2022: 121.0, 2023: 133.1}))
    assert math.isnan(g[2020]) and math.isnan(g[2022])  # 2021 missing: no growth invented for 2022
    assert g[2023] == pytest.approx(10.0)
    assert cagr(100, 121, 2) == pytest.approx(10.0)  # the period average still uses the endpoints


def test_shares_with_and_without_taxes():
    lv = pd.Series({"agriculture": 20.0, "industry_construction": 50.0, "services": 30.0})
    s = shares(lv, product_taxes=10.0)
    assert s["industry_construction"] == pytest.approx(50 / 110 * 100)
    assert s["product_taxes"] == pytest.approx(10 / 110 * 100)
    assert s.sum() == pytest.approx(100.0)
    s2 = shares(lv, denominator="sum_of_sectors")
    assert s2["industry_construction"] == pytest.approx(50.0) and "product_taxes" not in s2
    with pytest.raises(ValueError, match="needs product_taxes"):
        shares(lv)


def test_shares_over_years():
    lv = pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 2.0]}, index=[2024, 2025])
    s = shares(lv, product_taxes=pd.Series([0.0, 1.0], index=[2024, 2025]))
    assert s.loc[2024, "a"] == pytest.approx(25.0) and s.loc[2025, "product_taxes"] == pytest.approx(20.0)


def test_labour_productivity_level_and_growth():
    va = pd.Series({2020: 1000.0, 2021: 1100.0})  # bn VND, constant prices
    emp = pd.Series({2020: 500_000.0, 2021: 500_000.0})  # persons
    lp = labour_productivity(va, emp, price_basis="constant_2010")
    assert lp.loc[2020, "productivity_mn_vnd"] == pytest.approx(2.0)  # 1000 bn / 500k persons = 2 mn VND
    assert lp.loc[2021, "growth_percent"] == pytest.approx(10.0)
    cur = labour_productivity(va, emp, price_basis="current")
    assert "growth_percent" not in cur.columns  # growth only at constant prices
    with pytest.raises(ValueError):
        labour_productivity(va, pd.Series({2020: 0.0, 2021: 1.0}))


def test_shift_share_hand_example():
    idx = ["agriculture", "industry"]
    va0, va1 = pd.Series([100.0, 200.0], idx), pd.Series([110.0, 300.0], idx)
    l0, l1 = pd.Series([50_000.0, 50_000.0], idx), pd.Series([40_000.0, 60_000.0], idx)
    t = shift_share(va0, l0, va1, l1, taxes0=30.0, taxes1=50.0)
    assert t.loc["total", "within"] == pytest.approx(0.875)  # 0.5×0.75 + 0.5×1
    assert t.loc["total", "static"] == pytest.approx(0.2)  # 2×(−0.1) + 4×0.1
    assert t.loc["total", "dynamic"] == pytest.approx(0.025)  # 0.75×(−0.1) + 1×0.1
    assert t.loc["total", "taxes"] == pytest.approx(0.2)  # 0.5 − 0.3 mn VND per worker
    assert t.loc["total", "total"] == pytest.approx(4.6 - 3.3)  # aggregate productivity incl. taxes


def test_growth_contributions_hand_example():
    prev = pd.Series({"agri": 100.0, "ind": 200.0, "taxes": 30.0})
    cur = pd.Series({"agri": 110.0, "ind": 230.0, "taxes": 33.0})
    c = growth_contributions(prev, cur)
    assert c["ind"] == pytest.approx(30 / 330 * 100)
    assert c.sum() == pytest.approx((373 / 330 - 1) * 100)


def test_guards_price_basis_and_boundary():
    a = Measured(100.0, "constant_2010", "pre2025", "official", ("A",))
    with pytest.raises(MixedBasisError, match="price bases"):
        cagr(a, Measured(150.0, "current", "pre2025", "official", ("B",)), 5)
    with pytest.raises(MixedBasisError, match="price bases"):
        cagr(a, Measured(150.0, "constant_2020", "pre2025", "official"), 5)
    merged = Measured(150.0, "constant_2010", "merged2025", "estimate", ("C",))
    with pytest.raises(MixedBasisError, match="1 July 2025"):
        cagr(a, merged, 5)
    g = cagr(a, merged, 5, allow_boundary_change=True)
    assert g.boundary == "pre2025→merged2025" and g.status == "estimate" and g.sources == ("A", "C")
    assert g.value == pytest.approx(cagr(100.0, 150.0, 5))


def test_results_carry_the_weakest_status():
    rates = [Measured(6.0, "constant_2010", "pre2025", "official"), Measured(8.0, "constant_2010", "pre2025", "estimate")]
    assert annualised_growth(rates).status == "estimate"
    assert weakest_status(["official", "preliminary"]) == "preliminary"
    assert weakest_status(["secondary", "official"]) == "secondary"


def test_labour_productivity_by_sector():
    va = pd.DataFrame({"industry": [600.0, 660.0], "services": [400.0, 420.0]}, index=[2020, 2021])
    emp = pd.DataFrame({"industry": [100_000.0, 100_000.0], "services": [200_000.0, 175_000.0]}, index=[2020, 2021])
    lp = labour_productivity(va, emp, price_basis="constant_2010")
    assert lp.loc[2020, ("productivity_mn_vnd", "industry")] == pytest.approx(6.0)
    assert lp.loc[2021, ("productivity_mn_vnd", "services")] == pytest.approx(2.4)
    assert lp.loc[2021, ("growth_percent", "industry")] == pytest.approx(10.0)
    assert lp.loc[2021, ("growth_percent", "services")] == pytest.approx(20.0)
