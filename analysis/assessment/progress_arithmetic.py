"""The array arithmetic of open-sdg's progress measure: growth rates, ratio, band decision, remaining growth.

:func:`progress_arrays` is the core that :func:`analysis.assessment.progress.progress_frame`
(one DataFrame) and :func:`analysis.assessment.panel.assess_panel` (a national panel) both
call. Every step is element-wise NumPy on 1-d arrays (no Python loop over rows):

1. compound average growth, %/yr — observed ``CAGR_o = ((xₜ / x₀)^(1/elapsed) − 1)·100``
   and required ``CAGR_r = ((x* / x₀)^(1/total) − 1)·100`` for level measures;
   ``CAGR_o = g``, ``CAGR_r = G`` for growth-rate measures (:func:`_observed_and_required`);
2. the ratio ``R = d · CAGR_o / |CAGR_r|`` rounded to
   :data:`~analysis.assessment.progress_bands.RATIO_DECIMALS` decimals;
3. the decision table (:func:`_decision_rules`, first match wins), the rows no rule
   decides being banded on ``R`` (:func:`_decide_bands`);
4. the growth the remaining years need (:func:`_remaining_required`).

The method and the bands are described in :mod:`analysis.assessment.progress`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .progress_bands import _B, _R, GROWTH_MEASURE, RATIO_DECIMALS, _as_float, _band_index, _goal, _met

__all__ = ["progress_arrays"]


def _is_growth(measure: Any, shape: tuple[int, ...]) -> np.ndarray:
    """True where the measure is ``period_avg_growth`` (factorised once: a Categorical is not hashed per row)."""
    if isinstance(measure, str):
        measure = np.full(shape, measure, dtype=object)
    m_codes, m_uniques = pd.factorize(measure)
    return np.asarray([u == GROWTH_MEASURE for u in m_uniques] + [False], dtype=bool)[m_codes]


def _observed_and_required(
    growth: np.ndarray,
    goal: np.ndarray,
    base: np.ndarray,
    value: np.ndarray,
    elapsed: np.ndarray,
    total: np.ndarray,
    years_ok: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """``CAGR_o`` and ``CAGR_r`` in %/yr (NaN where undefined).

    Level measures: compound growth base → year (observed) and base → goal
    (required), ``((x / base)^(1/years) − 1)·100``, defined for a positive base,
    a positive value (observed) or a non-negative goal (required) and years ≥ 1.
    Growth-rate measures: the value and the goal themselves.
    """
    lv_obs = np.where((base > 0) & (value > 0) & years_ok, (np.power(value / base, 1.0 / elapsed) - 1.0) * 100.0, np.nan)
    lv_req = np.where((base > 0) & (goal >= 0) & years_ok, (np.power(goal / base, 1.0 / total) - 1.0) * 100.0, np.nan)
    return np.where(growth, value, lv_obs), np.where(growth, goal, lv_req)


def _decision_rules(
    growth: np.ndarray,
    met: np.ndarray,
    years_ok: np.ndarray,
    goal: np.ndarray,
    base: np.ndarray,
    value: np.ndarray,
    req: np.ndarray,
    direction: np.ndarray,
    final: np.ndarray,
) -> list[tuple[np.ndarray, str, str]]:
    """The decision table: (condition, band, reason) in order, the first match wins for a row.

    Level measures: no goal → no value → met (``achieved``) → no base →
    non-positive base/value → negative goal → invalid years → zero required
    growth. Growth-rate measures: no goal → no value → invalid years → met in the
    target year (``achieved``) → met before it (``on_track``) → zero goal.
    """
    nogoal = np.isnan(goal)
    noval = np.isnan(value)
    qual = direction == 0
    lvl = ~growth
    return [
        (qual, "not_computable", "qualitative target"),
        (nogoal, "not_computable", "target bound missing"),
        (lvl & noval, "not_computable", "no value for this year"),
        (growth & noval, "not_computable", "no observed average growth for this year"),
        (lvl & met, "achieved", "target met in this year"),
        (lvl & np.isnan(base), "no_base", "no base-year value"),
        (lvl & ((base <= 0) | (value <= 0)), "not_computable", "non-positive base or value: compound growth undefined"),
        (lvl & (goal < 0), "not_computable", "negative goal: compound growth undefined"),
        (~years_ok, "not_computable", "elapsed and total years must be at least 1"),
        (growth & met & final, "achieved", "target met over the period"),
        (growth & met, "on_track", "average growth to date already meets the target"),
        (lvl & (req == 0), "deterioration", "required growth is zero (base equals goal) and the target is not met"),
        (growth & (req == 0), "deterioration", "required growth is zero (goal of 0 %/yr) and the target is not met"),
    ]


def _decide_bands(rules: list[tuple[np.ndarray, str, str]], ratio: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Band and reason codes (int8): from the first matching rule, else the band of the rounded ratio (reason 0)."""
    conds = [c for c, _, _ in rules]
    band = np.select(conds, [_B[b] for _, b, _ in rules], default=-1).astype(np.int8)
    reason = np.select(conds, [_R[r] for _, _, r in rules], default=0).astype(np.int8)
    from_ratio = band < 0
    band[from_ratio] = _band_index(ratio[from_ratio])
    return band, reason


def _remaining_required(
    growth: np.ndarray, goal: np.ndarray, value: np.ndarray, elapsed: np.ndarray, total: np.ndarray
) -> np.ndarray:
    """Growth the remaining ``total − elapsed`` years need to land on the goal in the target year, %/yr.

    Level measures: ``((goal / value)^(1/(total − elapsed)) − 1)·100``; growth-rate
    measures: ``(((1 + G/100)^total / (1 + g/100)^elapsed)^(1/(total − elapsed)) − 1)·100``
    (in logs). NaN in the target year and where undefined.
    """
    left = total - elapsed
    lv_rem = np.where(
        ~growth & (left > 0) & (value > 0) & (goal >= 0), (np.power(goal / value, 1.0 / left) - 1.0) * 100.0, np.nan
    )
    gr_ok = growth & (left > 0) & (value > -100.0) & (goal > -100.0)
    gr_rem = np.where(
        gr_ok, np.expm1((total * np.log1p(goal / 100.0) - elapsed * np.log1p(value / 100.0)) / left) * 100.0, np.nan
    )
    return np.where(growth, gr_rem, lv_rem)


def progress_arrays(
    kind: Any, lower: Any, upper: Any, measure: Any, base_value: Any, value: Any, elapsed: Any, total: Any
) -> dict[str, np.ndarray]:
    """The array core of :func:`~analysis.assessment.progress.progress_frame`: same inputs as 1-d arrays, bands as integer codes.

    Parameters
    ----------
    kind, lower, upper, measure, base_value, value, elapsed, total : array-like
        The columns of :func:`~analysis.assessment.progress.progress_frame`'s input, all of one length
        (``kind`` and ``measure`` may be pandas Categoricals: they are then
        factorised from their codes, without hashing strings).

    Returns
    -------
    dict of numpy.ndarray
        ``goal``, ``direction``, ``observed_avg_growth``, ``required_avg_growth``,
        ``ratio``, ``remaining_required`` as in :func:`~analysis.assessment.progress.progress_frame`;
        ``band_code`` (int8 index into :data:`~analysis.assessment.progress_bands.BAND_CODES`) and
        ``reason_code`` (int8 index into :data:`~analysis.assessment.progress_bands.BAND_REASONS`).
    """
    lower, upper = _as_float(lower), _as_float(upper)
    base, value = _as_float(base_value), _as_float(value)
    elapsed, total = _as_float(elapsed), _as_float(total)
    goal, direction, strict = _goal(kind, lower, upper)
    growth = _is_growth(measure, goal.shape)

    with np.errstate(all="ignore"):
        met = _met(goal, direction, strict, value)
        years_ok = (elapsed >= 1) & (total >= 1)
        obs, req = _observed_and_required(growth, goal, base, value, elapsed, total, years_ok)
        raw = np.where(req != 0, direction * obs / np.abs(req), np.nan)
        ratio = np.round(raw, RATIO_DECIMALS)
        rules = _decision_rules(growth, met, years_ok, goal, base, value, req, direction, final=elapsed >= total)
        band, reason = _decide_bands(rules, ratio)
        remaining = _remaining_required(growth, goal, value, elapsed, total)

    return {
        "goal": goal,
        "direction": direction,
        "observed_avg_growth": obs,
        "required_avg_growth": req,
        "ratio": ratio,
        "band_code": band,
        "reason_code": reason,
        "remaining_required": remaining,
    }
