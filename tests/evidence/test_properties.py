"""Property tests (hypothesis) of the arithmetic identities."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import annualised_growth, cagr, growth_contributions, shares, shift_share

pos = st.floats(min_value=1e-3, max_value=1e7, allow_nan=False, allow_infinity=False)
SETTINGS = settings(max_examples=200, deadline=None)


@SETTINGS
@given(start=pos, end=pos, n=st.integers(min_value=1, max_value=30))
def test_compounding_a_cagr_reproduces_the_end_value(start, end, n):
    g = cagr(start, end, n)
    assert np.isclose(start * (1 + g / 100) ** n, end, rtol=1e-9)


@SETTINGS
@given(rates=st.lists(st.floats(min_value=-50, max_value=100), min_size=1, max_size=10))
def test_annualised_growth_compounds_like_the_chain(rates):
    g = annualised_growth(rates)
    assert np.isclose((1 + g / 100) ** len(rates), np.prod([1 + r / 100 for r in rates]), rtol=1e-9)


@SETTINGS
@given(levels=st.lists(pos, min_size=1, max_size=8), taxes=st.floats(min_value=0, max_value=1e6))
def test_shares_sum_to_100_including_taxes(levels, taxes):
    s = shares(pd.Series(levels, index=[f"s{i}" for i in range(len(levels))]), product_taxes=taxes)
    assert np.isclose(s.sum(), 100.0)
    assert "product_taxes" in s.index


@SETTINGS
@given(
    data=st.lists(st.tuples(pos, pos, st.integers(1, 10**6), st.integers(1, 10**6)), min_size=1, max_size=6),
    t0=st.floats(min_value=-1e3, max_value=1e5),
    t1=st.floats(min_value=-1e3, max_value=1e5),
)
def test_shift_share_terms_sum_to_total_change(data, t0, t1):
    idx = [f"s{i}" for i in range(len(data))]
    va0, va1 = pd.Series([d[0] for d in data], idx), pd.Series([d[1] for d in data], idx)
    l0, l1 = pd.Series([float(d[2]) for d in data], idx), pd.Series([float(d[3]) for d in data], idx)
    t = shift_share(va0, l0, va1, l1, taxes0=t0, taxes1=t1)
    p0 = (va0.sum() + t0) * 1000 / l0.sum()
    p1 = (va1.sum() + t1) * 1000 / l1.sum()
    parts = t.loc["total", ["within", "static", "dynamic", "taxes"]].sum()
    assert np.isclose(parts, p1 - p0, rtol=1e-9, atol=1e-9 * max(1.0, abs(p0), abs(p1)))


@SETTINGS
@given(pairs=st.lists(st.tuples(pos, pos), min_size=1, max_size=8))
def test_growth_contributions_sum_to_total_growth(pairs):
    idx = [f"s{i}" for i in range(len(pairs))]
    prev, cur = pd.Series([p[0] for p in pairs], idx), pd.Series([p[1] for p in pairs], idx)
    c = growth_contributions(prev, cur)
    assert np.isclose(c.sum(), (cur.sum() / prev.sum() - 1) * 100, rtol=1e-9, atol=1e-9)
