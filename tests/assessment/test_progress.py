"""open-sdg progress measure (analysis.assessment.progress): hand-computed cases and properties.

Expected numbers are computed here by hand (``math.exp(math.log(x) / k)`` for
compound growth, not the implementation's ``numpy.power``) or written as the
decimal they round to.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from analysis.assessment.progress import progress_frame
from analysis.assessment.progress_bands import (
    BAND_CODES,
    BAND_LABELS,
    RATIO_DECIMALS,
    THRESHOLDS,
    band_from_ratio,
    goal_and_direction,
    is_met,
)

NAN = float("nan")
SETTINGS = settings(max_examples=300, deadline=None)
#: best first; the two "no band" codes are not ranked
RANK = {"achieved": 0, "on_track": 1, "acceleration_needed": 2, "limited_progress": 3, "deterioration": 4}


def row(
    kind: str = "at_least",
    lower: float = NAN,
    upper: float = NAN,
    measure: str = "final_year_share",
    base_value: float = NAN,
    value: float = NAN,
    elapsed: int = 1,
    total: int = 5,
    **extra: object,
) -> dict[str, object]:
    return dict(
        kind=kind,
        lower=lower,
        upper=upper,
        measure=measure,
        base_value=base_value,
        value=value,
        elapsed=elapsed,
        total=total,
        **extra,
    )


def one(**kw: object) -> pd.Series:
    return progress_frame(pd.DataFrame([row(**kw)])).iloc[0]


def cagr_pct(start: float, end: float, years: float) -> float:
    """Compound growth, %/yr, by logarithms (independent of the implementation's power)."""
    return (math.exp(math.log(end / start) / years) - 1.0) * 100.0


# --- the three defects of the old trajectory -------------------------------------------------------------


def test_above_target_met_in_base_year_then_lost_is_deterioration():
    """ "trên 30 %": 32 in the base year, 29 after 3 of 5 years."""
    r = one(kind="above", lower=30, base_value=32, value=29, elapsed=3, total=5)
    obs, req = cagr_pct(32, 29, 3), cagr_pct(32, 30, 5)
    assert r["observed_avg_growth"] == pytest.approx(obs, rel=1e-12)
    assert r["required_avg_growth"] == pytest.approx(req, rel=1e-12)
    assert obs / req > 2  # the old ratio observed / required: "on track"
    assert r["ratio"] == pytest.approx(-2.517)  # +1 · (−3.228) / |−1.282|
    assert r["band"] == "deterioration" and r["band_vi"] == "đi xuống"
    assert r["goal"] == 30 and r["direction"] == 1


def test_at_most_target_met_in_base_year_then_lost_is_deterioration():
    """ "tối đa 30 %": 28 in the base year, 31 after 3 of 5 years."""
    r = one(kind="at_most", upper=30, base_value=28, value=31, elapsed=3, total=5)
    assert r["observed_avg_growth"] == pytest.approx(cagr_pct(28, 31, 3), rel=1e-12)  # +3.45 %/yr
    assert r["required_avg_growth"] == pytest.approx(cagr_pct(28, 30, 5), rel=1e-12)  # +1.39 %/yr
    assert r["ratio"] == pytest.approx(-2.484)  # −1 · 3.451 / 1.389
    assert r["band"] == "deterioration"
    assert r["goal"] == 30 and r["direction"] == -1


def test_at_most_target_approached_from_above_is_progress():
    """ "tối đa 30": 40 → 35 after 3 of 5 years, required −5.59 %/yr, observed −4.35 %/yr."""
    r = one(kind="at_most", upper=30, base_value=40, value=35, elapsed=3, total=5)
    expected = -cagr_pct(40, 35, 3) / abs(cagr_pct(40, 30, 5))
    assert r["ratio"] == pytest.approx(round(expected, 3))
    assert 0.6 <= expected < 0.95 and r["band"] == "acceleration_needed"


def test_base_equal_to_goal_has_zero_required_growth():
    met = one(kind="at_least", lower=30, base_value=30, value=31, elapsed=2, total=5)
    lost = one(kind="at_least", lower=30, base_value=30, value=29, elapsed=2, total=5)
    assert met["required_avg_growth"] == 0 and lost["required_avg_growth"] == 0
    assert met["band"] == "achieved"
    assert lost["band"] == "deterioration" and np.isnan(lost["ratio"])
    assert "required growth is zero" in lost["band_reason"]
    # strict kind with base on the bound: not met at the bound itself
    still = one(kind="above", lower=30, base_value=30, value=30, elapsed=2, total=5)
    assert still["band"] == "deterioration" and "zero" in still["band_reason"]


def test_no_base_value_is_banded_no_base_with_a_reason():
    r = one(kind="at_least", lower=10, base_value=NAN, value=8, elapsed=2, total=5)
    assert r["band"] == "no_base" and r["band_vi"] == "chưa có số liệu năm gốc"
    assert r["band_reason"] == "no base-year value"
    assert np.isnan(r["ratio"]) and np.isnan(r["observed_avg_growth"])
    # meeting the target does not need a base
    assert one(kind="at_least", lower=10, base_value=NAN, value=12, elapsed=2, total=5)["band"] == "achieved"


def test_non_positive_base_or_value_is_not_computable():
    for base, value in [(0.0, 5.0), (-1.0, 5.0), (3.0, 0.0)]:
        r = one(kind="at_least", lower=10, base_value=base, value=value, elapsed=2, total=5)
        assert r["band"] == "not_computable" and "non-positive" in r["band_reason"]


def test_missing_value_qualitative_and_missing_bound_are_not_computable():
    assert one(kind="at_least", lower=10, base_value=5, value=NAN)["band_reason"] == "no value for this year"
    assert one(kind="qualitative", measure="qualitative", value=NAN)["band_reason"] == "qualitative target"
    r = one(kind="at_least", lower=NAN, base_value=5, value=6)
    assert r["band"] == "not_computable" and r["band_reason"] == "target bound missing"


# --- thresholds and rounding -------------------------------------------------------------------------------


def test_band_from_ratio_rounds_to_three_decimals_before_comparing():
    ratios = [0.9499999999999999, 0.95, 0.94949, 0.94951, 0.5999999999999999, 0.6, 0.59949, 0.0, -0.0004, -0.0006, NAN, 12.0]
    expected = [
        "on_track",
        "on_track",
        "acceleration_needed",
        "on_track",
        "acceleration_needed",
        "acceleration_needed",
        "limited_progress",
        "limited_progress",
        "limited_progress",
        "deterioration",
        "not_computable",
        "on_track",
    ]
    assert band_from_ratio(ratios).tolist() == expected
    assert RATIO_DECIMALS == 3 and THRESHOLDS == (0.95, 0.60, 0.0)


def test_level_ratio_exactly_on_the_thresholds_despite_float_noise():
    """Required 10 %/yr (goal 100·1.1⁵ in 5 years); observed 9.5 %/yr → R = 0.95; observed 6 %/yr → R = 0.6."""
    goal = 100 * 1.1**5
    on = one(kind="at_least", lower=goal, base_value=100, value=100 * 1.095**3, elapsed=3, total=5)
    raw = on["observed_avg_growth"] / on["required_avg_growth"]
    assert raw == pytest.approx(0.95, abs=1e-12)  # 0.9499999999999988 with numpy's power on this machine
    assert on["ratio"] == 0.95 and on["band"] == "on_track"
    acc = one(kind="at_least", lower=goal, base_value=100, value=100 * 1.06**3, elapsed=3, total=5)
    assert acc["ratio"] == 0.6 and acc["band"] == "acceleration_needed"
    lim = one(kind="at_least", lower=goal, base_value=100, value=100 * 1.0599**3, elapsed=3, total=5)
    assert lim["ratio"] == 0.599 and lim["band"] == "limited_progress"


def test_growth_ratio_on_the_thresholds():
    """Goal 8 %/yr: 7.6 → 0.95; 7.5959 → 0.9494875 → 0.949; 4.8 → 0.6; 4.79 → 0.59875 → 0.599."""

    def band(obs: float) -> tuple[float, str]:
        r = one(kind="range", lower=8, upper=9, measure="period_avg_growth", value=obs, elapsed=2, total=5)
        return r["ratio"], r["band"]

    assert band(7.6) == (0.95, "on_track")
    assert band(7.5959) == (0.949, "acceleration_needed")
    assert band(4.8) == (0.6, "acceleration_needed")
    assert band(4.79) == (0.599, "limited_progress")
    assert band(-0.2) == (-0.025, "deterioration")


# --- range targets, growth targets and remaining growth ----------------------------------------------------


def test_about_target_aims_at_its_lower_bound_as_written():
    """ "khoảng 36–37 %": goal 36 as written (as the scorecard's required growth); 30 → 33 after 3 of 5 years."""
    r = one(kind="about", lower=36, upper=37, base_value=30, value=33, elapsed=3, total=5)
    assert r["goal"] == 36
    assert r["required_avg_growth"] == pytest.approx(cagr_pct(30, 36, 5), rel=1e-12)  # 3.7137 %/yr
    assert r["ratio"] == 0.869  # 3.2280 / 3.7137 = 0.86922
    assert r["band"] == "acceleration_needed"
    assert r["remaining_required"] == pytest.approx((math.sqrt(36 / 33) - 1) * 100, rel=1e-12)  # 4.45 %/yr
    # inside the band ("đạt") and above it ("vượt") the target is met; within the "khoảng" tolerance
    # below the band ("cơ bản đạt", 35.6) it is not: 30 → 35.6 in 3 years, R = 5.871 / 3.714 = 1.581
    inside, above = (one(kind="about", lower=36, upper=37, base_value=30, value=v, elapsed=3) for v in (36, 38))
    assert inside["band"] == above["band"] == "achieved"
    basically = one(kind="about", lower=36, upper=37, base_value=30, value=35.6, elapsed=3)
    assert basically["band"] == "on_track" and basically["ratio"] == 1.581


def test_growth_target_mid_period_and_final_year():
    """Range 8–9 %/yr over 5 years."""
    mid = one(kind="range", lower=8, upper=9, measure="period_avg_growth", base_value=NAN, value=6.0, elapsed=2, total=5)
    assert mid["observed_avg_growth"] == 6.0 and mid["required_avg_growth"] == 8.0
    assert mid["ratio"] == 0.75 and mid["band"] == "acceleration_needed"  # base_value is not needed
    # remaining 3 years: (1.08⁵ / 1.06²)^(1/3) − 1 = 9.354 %/yr
    assert mid["remaining_required"] == pytest.approx((((1.08**5) / (1.06**2)) ** (1 / 3) - 1) * 100, rel=1e-10)
    assert mid["remaining_required"] == pytest.approx(9.354254, abs=1e-6)
    ahead = one(kind="range", lower=8, upper=9, measure="period_avg_growth", value=8.5, elapsed=2, total=5)
    assert ahead["band"] == "on_track"  # achieved only in the target year
    final = one(kind="range", lower=8, upper=9, measure="period_avg_growth", value=8.2, elapsed=5, total=5)
    assert final["band"] == "achieved" and np.isnan(final["remaining_required"])
    short = one(kind="range", lower=8, upper=9, measure="period_avg_growth", value=7.9, elapsed=5, total=5)
    assert short["ratio"] == 0.988 and short["band"] == "on_track"


def test_growth_ceiling_met_mid_period_is_on_track_not_deterioration():
    """ "tối đa 5 %/năm": 3 %/yr to date is within the target although d · g / |G| = −0.6."""
    r = one(kind="at_most", upper=5, measure="period_avg_growth", value=3.0, elapsed=2, total=5)
    assert r["ratio"] == -0.6 and r["band"] == "on_track"
    assert r["band_reason"] == "average growth to date already meets the target"
    over = one(kind="at_most", upper=5, measure="period_avg_growth", value=6.0, elapsed=2, total=5)
    assert over["ratio"] == -1.2 and over["band"] == "deterioration"


def test_growth_goal_zero_is_handled_like_zero_required_growth():
    final_met = one(kind="at_least", lower=0, measure="period_avg_growth", value=0.5, elapsed=5, total=5)
    final_lost = one(kind="at_least", lower=0, measure="period_avg_growth", value=-0.5, elapsed=5, total=5)
    mid_met = one(kind="at_least", lower=0, measure="period_avg_growth", value=0.5, elapsed=2, total=5)
    assert final_met["band"] == "achieved" and mid_met["band"] == "on_track"
    assert final_lost["band"] == "deterioration" and "zero" in final_lost["band_reason"]


def test_level_remaining_required_hand_computed():
    """ "trên 30": 25 in year 3 of 5 needs (30/25)^(1/2) − 1 = 9.545 %/yr in the last two years."""
    r = one(kind="above", lower=30, base_value=20, value=25, elapsed=3, total=5)
    assert r["remaining_required"] == pytest.approx(9.5445115, abs=1e-6)
    assert np.isnan(one(kind="above", lower=30, base_value=20, value=25, elapsed=5, total=5)["remaining_required"])


# --- helpers, frame contract --------------------------------------------------------------------------------


def test_goal_direction_and_met_per_kind():
    kinds = ["range", "about", "at_least", "above", "at_most", "below"]
    goal, d = goal_and_direction(kinds, [8, 36, 10, 30, NAN, NAN], [9, 37, NAN, NAN, 5, 5])
    assert goal.tolist() == [8, 36, 10, 30, 5, 5]  # the bounds as written
    assert d.tolist() == [1, 1, 1, 1, -1, -1]
    at_bound = is_met(kinds, [8, 36, 10, 30, NAN, NAN], [9, 37, NAN, NAN, 5, 5], [8, 36, 10, 30, 5, 5])
    assert at_bound.tolist() == [True, True, True, False, True, False]
    assert not is_met("about", 36, 37, 35.5)  # within a "khoảng" tolerance: "cơ bản đạt", not met
    assert is_met("range", 8, 9, [7.99, 9.5, NAN]).tolist() == [False, True, False]
    with pytest.raises(ValueError, match="unknown target kind 'around'"):
        goal_and_direction(["around"], [1], [2])


def test_frame_contract_index_columns_and_labels():
    frame = pd.DataFrame(
        [
            row(kind="above", lower=30, base_value=32, value=29, elapsed=3, province="A"),
            row(kind="at_least", lower=10, base_value=NAN, value=8, elapsed=2, province="B"),
        ],
        index=[10, 7],
    )
    before = frame.copy()
    out = progress_frame(frame)
    pd.testing.assert_frame_equal(frame, before)  # input untouched
    assert list(out.index) == [10, 7] and list(out["province"]) == ["A", "B"]
    assert set(out["band"]) <= set(BAND_CODES)
    assert [BAND_LABELS[b][0] for b in out["band"]] == list(out["band_vi"])
    with pytest.raises(ValueError, match="missing column"):
        progress_frame(frame.drop(columns="elapsed"))


def test_every_band_label_is_given():
    assert list(BAND_LABELS) == BAND_CODES
    assert BAND_LABELS["acceleration_needed"] == ("cần tăng tốc", "acceleration needed")
    assert BAND_LABELS["not_computable"] == ("không tính được", "not computable")


# --- properties ------------------------------------------------------------------------------------------------

# levels on a 0.01 grid: distinct values differ by far more than their floating-point error
level = st.integers(min_value=1, max_value=1_000_000).map(lambda i: i / 100)
rate = st.integers(min_value=-5000, max_value=5000).map(lambda i: i / 100)  # −50 … 50 %/yr
years = st.integers(min_value=1, max_value=30).flatmap(lambda n: st.tuples(st.integers(1, n), st.just(n)))
FLOOR_TO_CEILING = {"at_least": "at_most", "above": "below"}


@SETTINGS
@given(obs=rate, goal=rate, kn=years, kind=st.sampled_from(sorted(FLOOR_TO_CEILING)))
def test_growth_mirror_is_exact(obs, goal, kn, kind):
    """Growth measure, exact mirror: a rising rate against a floor ≡ the negated rate against the negated ceiling.

    For ``period_avg_growth`` the level index is ``(1 + g)^k``; its reciprocal has
    growth ``1/(1 + g) − 1``, which is *not* ``−g``, so the reciprocal mirror is not
    exact for this measure. The exact mirror is on the rate itself: ``g → −g``,
    ``G → −G``, floor ↔ ceiling (``at_least`` ↔ ``at_most``, ``above`` ↔ ``below``).
    Then ``d·g/|G|`` is unchanged and "met" is unchanged, and because negation is
    exact in floating point the ratio and band must be identical, not just close.
    """
    k, n = kn
    up = one(kind=kind, lower=goal, measure="period_avg_growth", value=obs, elapsed=k, total=n)
    down = one(kind=FLOOR_TO_CEILING[kind], upper=-goal, measure="period_avg_growth", value=-obs, elapsed=k, total=n)
    assert down["band"] == up["band"] and down["band_reason"] == up["band_reason"]
    assert (np.isnan(up["ratio"]) and np.isnan(down["ratio"])) or down["ratio"] == up["ratio"]
    assert down["direction"] == -up["direction"]


factor = st.integers(min_value=30, max_value=400).map(lambda i: i / 100)  # goal or value / base: 0.3 … 4


@SETTINGS
@given(base=level, gf=factor, vf=factor, kn=years, kind=st.sampled_from(sorted(FLOOR_TO_CEILING)))
def test_level_mirror_by_reciprocal_levels(base, gf, vf, kn, kind):
    """Level measures, reciprocal mirror: x → 1/x for base, value and goal, floor ↔ ceiling.

    "Met" mirrors exactly (``v ≥ g ⇔ 1/v ≤ 1/g``), so ``achieved`` ⇔ ``achieved``. The
    ratio does not: compound growth of reciprocals is ``o' = 1/(1+o) − 1`` (only the
    log-growth is negated), so ``R' = R · (1 + r)/(1 + o)`` — derived by hand, checked
    here on the unrounded columns. For a floor whose goal lies above the base
    (``r > 0``), ``x ↦ x/(1+x)`` is increasing and ``τ·r/(1+r) < τr/(1+τr)`` for
    0 < τ < 1, so ``R ≥ τ ⇒ R' ≥ τ``: the falling mirror is never banded worse
    (hand-computed counterexample to equality: ``test_level_mirror_can_band_better``).
    Excluded: ratios that round to −0.000, where the mirror's larger |R| can cross the
    rounding edge.
    """
    k, n = kn
    goal, value = max(round(base * gf, 2), 0.01), max(round(base * vf, 2), 0.01)  # on the 0.01 grid
    up = one(kind=kind, lower=goal, base_value=base, value=value, elapsed=k, total=n)
    down = one(kind=FLOOR_TO_CEILING[kind], upper=1 / goal, base_value=1 / base, value=1 / value, elapsed=k, total=n)
    assert (up["band"] == "achieved") == (down["band"] == "achieved")
    if up["band"] == "achieved" or goal == base:
        return
    o, r = up["observed_avg_growth"] / 100, up["required_avg_growth"] / 100
    o2, r2 = down["observed_avg_growth"] / 100, down["required_avg_growth"] / 100
    assert o2 == pytest.approx(1 / (1 + o) - 1, rel=1e-9, abs=1e-12)
    raw_up, raw_down = o / abs(r), -o2 / abs(r2)
    assert raw_down == pytest.approx(raw_up * (1 + r) / (1 + o), rel=1e-9, abs=1e-12)
    assume(not (-(10**-RATIO_DECIMALS) < raw_up < 0) and not (-(10**-RATIO_DECIMALS) < raw_down < 0))
    if r > 0:
        assert RANK[down["band"]] <= RANK[up["band"]]
    else:  # goal below the base: the floor was met at the base and is now lost, both deteriorate
        assert up["band"] == down["band"] == "deterioration"


def test_level_mirror_can_band_better():
    """Floor 121 from 100 in 2 years (r = 10 %/yr), 105.8 after one year (o = 5.8 %): R = 0.58.

    Mirror: ceiling 1/121 from 1/100; o' = 100/105.8 − 1 = −5.482 %, r' = −9.091 %:
    R' = 0.05482 / 0.09091 = 0.603 — acceleration needed versus limited progress.
    """
    up = one(kind="at_least", lower=121, base_value=100, value=105.8, elapsed=1, total=2)
    down = one(kind="at_most", upper=1 / 121, base_value=1 / 100, value=1 / 105.8, elapsed=1, total=2)
    assert up["ratio"] == 0.58 and up["band"] == "limited_progress"
    assert down["ratio"] == 0.603 and down["band"] == "acceleration_needed"


@SETTINGS
@given(r1=st.floats(-5, 5, allow_nan=False), r2=st.floats(-5, 5, allow_nan=False))
def test_band_is_monotone_in_the_ratio(r1, r2):
    lo, hi = sorted([r1, r2])
    b_lo, b_hi = band_from_ratio([lo, hi])
    assert RANK[b_hi] <= RANK[b_lo]


@SETTINGS
@given(
    base=level, goal=level, v1=level, v2=level, kn=years, kind=st.sampled_from(["at_least", "above", "at_most", "below", "range"])
)
def test_band_is_monotone_in_the_value(base, goal, v1, v2, kn, kind):
    """For a fixed target and base, a value further in the desired direction never gets a worse band."""
    k, n = kn
    ceiling = kind in {"at_most", "below"}
    worse, better = sorted([v1, v2], reverse=ceiling)
    bounds = dict(upper=goal) if ceiling else dict(lower=goal, upper=goal * 2)
    frame = pd.DataFrame([row(kind=kind, base_value=base, value=v, elapsed=k, total=n, **bounds) for v in (worse, better)])
    b_worse, b_better = progress_frame(frame)["band"]
    assert RANK[b_better] <= RANK[b_worse]


@SETTINGS
@given(base=level, goal=level, kn=years, kind=st.sampled_from(["at_least", "at_most", "range", "about"]))
def test_a_level_series_that_reaches_its_goal_is_achieved(base, goal, kn, kind):
    k, n = kn
    if kind == "at_most":
        r = one(kind=kind, upper=goal, base_value=base, value=goal, elapsed=k, total=n)
    else:
        r = one(kind=kind, lower=goal, upper=goal + 5, base_value=base, value=goal, elapsed=k, total=n)
    assert r["band"] == "achieved" and r["band_reason"] == "target met in this year"
    beyond_above = one(kind="above", lower=goal, base_value=base, value=goal + 0.01, elapsed=k, total=n)
    beyond_below = one(kind="below", upper=goal + 0.01, base_value=base, value=goal, elapsed=k, total=n)
    assert beyond_above["band"] == beyond_below["band"] == "achieved"


@SETTINGS
@given(goal=rate, n=st.integers(1, 30), kind=st.sampled_from(["at_least", "at_most", "range"]))
def test_a_growth_series_that_reaches_its_goal_by_the_target_year_is_achieved(goal, n, kind):
    bounds = dict(upper=goal) if kind == "at_most" else dict(lower=goal, upper=goal + 1)
    r = one(kind=kind, measure="period_avg_growth", value=goal, elapsed=n, total=n, **bounds)
    assert r["band"] == "achieved"


@settings(max_examples=50, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.sampled_from(["at_least", "above", "at_most", "below", "about"]), level, level, level, years, st.booleans()),
        min_size=1,
        max_size=20,
    )
)
def test_rows_are_banded_independently(rows):
    """Banding a stacked frame equals banding each row alone (the vectorised pass mixes no rows)."""
    recs = [
        row(
            kind=kd,
            lower=g,
            upper=g + 1,
            base_value=b,
            value=v,
            elapsed=kn[0],
            total=kn[1],
            measure="period_avg_growth" if growth else "final_year_share",
        )
        for kd, b, v, g, kn, growth in rows
    ]
    together = progress_frame(pd.DataFrame(recs))
    alone = pd.concat([progress_frame(pd.DataFrame([r])) for r in recs], ignore_index=True)
    pd.testing.assert_frame_equal(together, alone)
