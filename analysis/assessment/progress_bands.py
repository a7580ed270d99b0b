"""Bands, thresholds and goal rules of open-sdg's progress measure, element-wise.

The vocabulary the trajectory columns are written in (:data:`BAND_CODES`,
:data:`BAND_LABELS`, :data:`BAND_REASONS`), the thresholds on the progress ratio
``R`` (:data:`THRESHOLDS`, compared after rounding to :data:`RATIO_DECIMALS`
decimals), and the rules that turn a target's kind and bounds into the goal it
aims at, the desired direction and whether a value meets it
(:data:`KIND_RULES`, :func:`goal_and_direction`, :func:`is_met`,
:func:`band_from_ratio`). The method itself is described in
:mod:`analysis.assessment.progress`, which re-exports every public name defined here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = [
    "BAND_CODES",
    "BAND_LABELS",
    "BAND_REASONS",
    "THRESHOLDS",
    "RATIO_DECIMALS",
    "GROWTH_MEASURE",
    "KIND_RULES",
    "FloatArray",
    "goal_and_direction",
    "is_met",
    "band_from_ratio",
]

#: band codes, in this order (the order is also the integer code used internally)
BAND_CODES: list[str] = [
    "achieved",
    "on_track",
    "acceleration_needed",
    "limited_progress",
    "deterioration",
    "no_base",
    "not_computable",
]
#: code → (Vietnamese, English) label
BAND_LABELS: dict[str, tuple[str, str]] = {
    "achieved": ("đã đạt mục tiêu", "target achieved"),
    "on_track": ("đúng lộ trình", "on track"),
    "acceleration_needed": ("cần tăng tốc", "acceleration needed"),
    "limited_progress": ("tiến triển hạn chế", "limited progress"),
    "deterioration": ("đi xuống", "deterioration"),
    "no_base": ("chưa có số liệu năm gốc", "no base-year value"),
    "not_computable": ("không tính được", "not computable"),
}
#: lower edges of on_track, acceleration_needed and limited_progress (open-sdg's high / med / low)
THRESHOLDS: tuple[float, float, float] = (0.95, 0.60, 0.0)
#: the ratio is rounded to this many decimals before it is compared with :data:`THRESHOLDS`
RATIO_DECIMALS: int = 3
#: the measure whose values are average growth rates (%/yr) rather than levels
GROWTH_MEASURE = "period_avg_growth"

#: kind → (bound the goal is taken from, direction d, strict comparison). The goal is the bound as
#: the resolution writes it, the one :meth:`analysis.studies.targets.Target.verdicts` uses for "đạt": the
#: lower bound for floors, ranges and "khoảng", the upper bound for ceilings; the scorecard's
#: required growth aims at the same bound. A range is a floor here: exceeding its upper bound is
#: "vượt", still a success. The "khoảng" tolerance and a strict bound reached at printed precision
#: give the verdict "cơ bản đạt", which is not "met" here: such a year is banded by its ratio.
KIND_RULES: dict[str, tuple[str | None, int, bool]] = {
    "range": ("lower", 1, False),
    "about": ("lower", 1, False),
    "at_least": ("lower", 1, False),
    "above": ("lower", 1, True),
    "at_most": ("upper", -1, False),
    "below": ("upper", -1, True),
    "qualitative": (None, 0, False),
}

_B = {code: i for i, code in enumerate(BAND_CODES)}
_BAND_ARR = np.array(BAND_CODES, dtype=object)
_BAND_VI_ARR = np.array([BAND_LABELS[c][0] for c in BAND_CODES], dtype=object)

#: the reasons ``band_reason`` can hold (index = reason code of :func:`analysis.assessment.progress.progress_arrays`; 0 = none)
BAND_REASONS: list[str] = [
    "",
    "qualitative target",
    "target bound missing",
    "no value for this year",
    "no observed average growth for this year",
    "target met in this year",
    "target met over the period",
    "average growth to date already meets the target",
    "no base-year value",
    "non-positive base or value: compound growth undefined",
    "negative goal: compound growth undefined",
    "elapsed and total years must be at least 1",
    "required growth is zero (base equals goal) and the target is not met",
    "required growth is zero (goal of 0 %/yr) and the target is not met",
]
_R = {text: i for i, text in enumerate(BAND_REASONS)}
_REASON_ARR = np.array(BAND_REASONS, dtype=object)

FloatArray = npt.NDArray[np.float64]


def _kind_rules(kind: Any) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.int8], npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Per-element (goal source 0 lower / 1 upper / −1 none, direction, strict), shaped like ``kind``.

    Kinds are factorised once (hash table), so the cost is one pass over the array
    however many rows share a kind.
    """
    if isinstance(kind, str):
        uniques: Sequence[Any] = [kind]
        codes = np.zeros((), dtype=np.intp)
    elif isinstance(kind, (pd.Series, pd.Index, pd.api.extensions.ExtensionArray)):
        codes, uniques = pd.factorize(kind)
    else:
        arr = np.asarray(kind, dtype=object)
        codes, uniques = pd.factorize(arr.ravel())
        codes = codes.reshape(arr.shape)
    if (codes < 0).any():
        raise ValueError("unknown target kind nan (missing); expected one of " + ", ".join(KIND_RULES))
    unknown = [k for k in uniques if k not in KIND_RULES]
    if unknown:
        raise ValueError(f"unknown target kind {unknown[0]!r}; expected one of {', '.join(KIND_RULES)}")
    rules = [KIND_RULES[k] for k in uniques]
    src = np.array([{"lower": 0, "upper": 1, None: -1}[r[0]] for r in rules], dtype=np.int8)[codes]
    direction = np.array([r[1] for r in rules], dtype=np.int8)[codes]
    strict = np.array([r[2] for r in rules], dtype=bool)[codes]
    return src, direction, strict


def _goal(kind: Any, lower: Any, upper: Any, *more: Any) -> tuple[np.ndarray, ...]:
    """Broadcast the inputs; return goal, direction, strict and the broadcast extra arrays."""
    src, direction, strict = _kind_rules(kind)
    arrays = np.broadcast_arrays(src, direction, strict, _as_float(lower), _as_float(upper), *[_as_float(m) for m in more])
    src, direction, strict, lo, hi = arrays[:5]
    goal = np.where(src == 0, lo, np.where(src == 1, hi, np.nan))
    return (goal, np.array(direction), np.array(strict), *arrays[5:])


def _met(goal: np.ndarray, direction: np.ndarray, strict: np.ndarray, value: np.ndarray) -> npt.NDArray[np.bool_]:
    # d·v ≥ d·goal (negation is exact in floating point, so d = −1 gives exactly v ≤ goal)
    dv, dg = direction * value, direction * goal
    with np.errstate(invalid="ignore"):
        met = np.where(strict, dv > dg, dv >= dg)
    return met & (direction != 0)


def _as_float(x: Any) -> FloatArray:
    if isinstance(x, (pd.Series, pd.Index)):
        return x.to_numpy(dtype=float, na_value=np.nan)
    return np.asarray(x, dtype=float)


def goal_and_direction(kind: Any, lower: Any, upper: Any) -> tuple[FloatArray, npt.NDArray[np.int8]]:
    """The level a trajectory aims at and the desired direction, element-wise.

    Parameters
    ----------
    kind : str or array-like of str
        ``range``, ``about``, ``above``, ``at_least``, ``at_most``, ``below`` or
        ``qualitative``.
    lower, upper : float or array-like
        Bounds in the target's unit (NaN where not applicable).
    Returns
    -------
    goal : numpy.ndarray of float
        The bound as written: ``lower`` for ``range``, ``about``, ``at_least`` and
        ``above``; ``upper`` for ``at_most`` and ``below``; NaN for ``qualitative``.
        The same bound the verdict uses for "đạt" and the scorecard for the growth
        still required.
    direction : numpy.ndarray of int8
        ``+1`` (higher is better) for ``range``, ``about``, ``at_least``,
        ``above``; ``−1`` for ``at_most``, ``below``; ``0`` for ``qualitative``.

    Raises
    ------
    ValueError
        For an unknown kind.

    Examples
    --------
    >>> goal_and_direction(["about", "below"], [36, float("nan")], [37, 5.0])
    (array([36.,  5.]), array([ 1, -1], dtype=int8))
    """
    goal, direction, _ = _goal(kind, lower, upper)
    return goal, direction


def is_met(kind: Any, lower: Any, upper: Any, value: Any) -> npt.NDArray[np.bool_]:
    """Whether ``value`` meets the target ("đạt" or "vượt"), element-wise.

    ``range``/``about``: ``value ≥ lower`` (above the upper bound is "vượt", still a
    success; a "khoảng" value within its tolerance below the band, "cơ bản đạt", is
    not met); ``at_least``:
    ``value ≥ lower``; ``above``: ``value > lower``; ``at_most``: ``value ≤ upper``;
    ``below``: ``value < upper``. NaN values and qualitative targets are not met.

    Parameters
    ----------
    kind, lower, upper
        As in :func:`goal_and_direction`.
    value : float or array-like
        In the target's unit.

    Returns
    -------
    numpy.ndarray of bool

    Examples
    --------
    >>> is_met(["above", "at_least", "below", "at_most"], 30, 30, 30.0).tolist()
    [False, True, False, True]
    """
    goal, direction, strict, v = _goal(kind, lower, upper, value)
    return _met(goal, direction, strict, v)


def _band_index(ratio: FloatArray) -> npt.NDArray[np.int8]:
    """Band codes of already-rounded ratios (NaN → not_computable)."""
    high, med, low = THRESHOLDS
    with np.errstate(invalid="ignore"):
        return np.select(
            [np.isnan(ratio), ratio >= high, ratio >= med, ratio >= low],
            [_B["not_computable"], _B["on_track"], _B["acceleration_needed"], _B["limited_progress"]],
            default=_B["deterioration"],
        ).astype(np.int8)


def band_from_ratio(ratio: Any) -> npt.NDArray[np.object_]:
    """open-sdg band of a progress ratio ``R``, after rounding ``R`` to 3 decimals.

    ``R`` is first rounded to :data:`RATIO_DECIMALS` decimals (``numpy.round``),
    then ``R ≥ 0.95`` → ``on_track``; ``0.60 ≤ R < 0.95`` →
    ``acceleration_needed``; ``0 ≤ R < 0.60`` → ``limited_progress``; ``R < 0`` →
    ``deterioration``; NaN → ``not_computable``. The band is monotone in ``R``
    (a larger ratio never gets a worse band).

    Parameters
    ----------
    ratio : float or array-like
        ``d · CAGR_o / |CAGR_r|`` (dimensionless).

    Returns
    -------
    numpy.ndarray of object (band codes from :data:`BAND_CODES`)

    Examples
    --------
    >>> band_from_ratio([0.9499999999, 0.9494, 0.6, -0.0004, -0.0006]).tolist()
    ['on_track', 'acceleration_needed', 'acceleration_needed', 'limited_progress', 'deterioration']
    """
    r = np.round(_as_float(ratio), RATIO_DECIMALS)
    return _BAND_ARR[_band_index(r)]
