"""Progress towards a numeric target: open-sdg's progress measure, vectorised.

The trajectory bands follow the progress measure of Open SDG (``sdg-build``,
``sdg/ProgressMeasure.py``, ``methodology_2`` and ``get_progress_status``),
which implements the method Statistics Canada uses for the Canadian Indicator
Framework, itself adapted from Eurostat's assessment of progress towards
quantified EU SDG targets. For a series with base value ``x₀`` (base year
``t₀``), a value ``xₜ`` in year ``t`` and a goal ``x*`` for the target year
``T``:

* observed compound average growth ``CAGR_o = (xₜ / x₀)^(1 / (t − t₀)) − 1``;
* required compound average growth ``CAGR_r = (x* / x₀)^(1 / (T − t₀)) − 1``;
* ratio ``R = d · CAGR_o / |CAGR_r|`` with the desired direction ``d = +1`` when
  the target is a floor (higher is better) and ``d = −1`` when it is a ceiling.

Using the *direction* and the *absolute* required growth matters when the
target is already met in the base year and then lost ("trên 30 %": 32 in the
base year, 29 three years later): the required growth is then negative (the
series may fall to 30), a plain ``CAGR_o / CAGR_r`` would be a large positive
ratio ("on track"), whereas ``d · CAGR_o / |CAGR_r|`` is negative: deterioration.

Bands, on ``R`` **rounded to** :data:`RATIO_DECIMALS` (3) decimals so that a
ratio computed as 0.94999999999 or 0.6000000001 by floating-point noise falls
on the side its rounded value says:

==========================  =========================  ==============================
band                        Vietnamese                 rule
==========================  =========================  ==============================
``achieved``                đã đạt mục tiêu            target met (see below)
``on_track``                đúng lộ trình              R ≥ 0.95
``acceleration_needed``     cần tăng tốc               0.60 ≤ R < 0.95
``limited_progress``        tiến triển hạn chế         0 ≤ R < 0.60
``deterioration``           đi xuống                   R < 0
``no_base``                 chưa có số liệu năm gốc    no base-year value
``not_computable``          không tính được            growth undefined (reason given)
==========================  =========================  ==============================

Two kinds of measure are handled:

Level measures (a share, a ratio, a value or a running total; any ``measure``
other than ``period_avg_growth``)
    ``CAGR_o`` and ``CAGR_r`` as above, in percent per year. A value that meets
    the target in its year is ``achieved`` whatever the base. A required growth
    of exactly 0 (base equal to the goal) makes ``R`` undefined: the band is
    ``achieved`` if the target is met, else ``deterioration``. A missing base
    value gives ``no_base`` — the base is never silently moved to another year
    (open-sdg moves it to the next year with data). A base or value ≤ 0 gives
    ``not_computable`` (open-sdg replaces a zero base by 0.001).

Growth-rate measures (``period_avg_growth``: the target is an average growth rate)
    The series is treated as the level index it describes: base 1, level
    ``(1 + g/100)^k`` after ``k`` years of observed average growth ``g``, goal level
    ``(1 + G/100)^n`` for a goal of ``G`` %/yr over ``n`` years. Then
    ``CAGR_o = g`` and ``CAGR_r = G``, so ``R = d · g / |G|``. ``achieved`` is
    only possible in the target year; before it, an average growth to date that
    already meets the target is ``on_track`` (this matters for ceilings such as
    "tối đa 5 %/năm", where 3 %/yr gives a negative ``R`` although it is within
    the target). A goal of 0 %/yr is handled like a required growth of 0.

The growth the remaining years need ("remaining_required", %/yr) is
``(x* / xₜ)^(1 / (T − t)) − 1`` for level measures and
``((1 + G/100)^n / (1 + g/100)^k)^(1 / (n − k)) − 1`` for growth-rate measures;
it is undefined (NaN) in the target year.

Differences from open-sdg's code, all deliberate: "met" uses the same bound and
strictness as the review verdict (``trên``/``dưới`` are strict, "khoảng" allows
its tolerance), where open-sdg always compares with ≥ / ≤; a missing, zero or
negative base is reported (``no_base`` / ``not_computable``) instead of being
moved or replaced by 0.001; a zero goal is not replaced by 0.001. Note that the
compound-growth ratio is not symmetric under reciprocal levels (the growth of
``1/x`` is ``1/(1 + g) − 1``, not ``−g``): a falling series against a ceiling
can get a better band than the mirrored rising series against a floor.

References
----------
* Open SDG, ``sdg-build``: ``sdg/ProgressMeasure.py`` (``growth_calculation``,
  ``methodology_2``, ``get_progress_status``; thresholds 0.95 / 0.6 / 0).
* Statistics Canada, progress assessment of the Canadian Indicator Framework in
  its Sustainable Development Goals Data Hub (the method open-sdg implements),
  adapted from Eurostat's assessment of progress towards quantified targets in
  its EU SDG monitoring reports.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = ["BAND_CODES", "BAND_LABELS", "BAND_REASONS", "THRESHOLDS", "RATIO_DECIMALS", "GROWTH_MEASURE",
           "KIND_RULES", "INPUT_COLUMNS", "OUTPUT_COLUMNS", "goal_and_direction", "is_met", "band_from_ratio",
           "progress_arrays", "progress_frame"]

#: band codes, in this order (the order is also the integer code used internally)
BAND_CODES: list[str] = ["achieved", "on_track", "acceleration_needed", "limited_progress", "deterioration",
                         "no_base", "not_computable"]
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

#: kind → (bound the goal is taken from, direction d, strict comparison). The bound is the one
#: :meth:`analysis.targets.Target.verdicts` uses for "đạt": the lower bound (less the "khoảng"
#: tolerance for ``about``) for floors and ranges, the upper bound for ceilings. A range is a floor
#: here: exceeding its upper bound is "vượt", still a success.
KIND_RULES: dict[str, tuple[str | None, int, bool]] = {
    "range": ("lower", 1, False),
    "about": ("lower", 1, False),
    "at_least": ("lower", 1, False),
    "above": ("lower", 1, True),
    "at_most": ("upper", -1, False),
    "below": ("upper", -1, True),
    "qualitative": (None, 0, False),
}
INPUT_COLUMNS = ("kind", "lower", "upper", "tolerance", "measure", "base_value", "value", "elapsed", "total")
OUTPUT_COLUMNS = ("goal", "direction", "observed_avg_growth", "required_avg_growth", "ratio", "band", "band_vi",
                  "band_reason", "remaining_required")

_B = {code: i for i, code in enumerate(BAND_CODES)}
_BAND_ARR = np.array(BAND_CODES, dtype=object)
_BAND_VI_ARR = np.array([BAND_LABELS[c][0] for c in BAND_CODES], dtype=object)

#: the reasons ``band_reason`` can hold (index = reason code of :func:`progress_arrays`; 0 = none)
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


def _kind_rules(kind: Any) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.int8], npt.NDArray[np.bool_],
                                    npt.NDArray[np.bool_]]:
    """Per-element (goal source 0 lower / 1 upper / −1 none, direction, strict, is_about), shaped like ``kind``.

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
    about = np.array([k == "about" for k in uniques], dtype=bool)[codes]
    return src, direction, strict, about


def _goal(kind: Any, lower: Any, upper: Any, tolerance: Any, *more: Any) -> tuple[np.ndarray, ...]:
    """Broadcast the inputs; return goal, direction, strict and the broadcast extra arrays."""
    src, direction, strict, about = _kind_rules(kind)
    arrays = np.broadcast_arrays(src, direction, strict, about, _as_float(lower), _as_float(upper),
                                 _as_float(tolerance), *[_as_float(m) for m in more])
    src, direction, strict, about, lo, hi, tol = arrays[:7]
    tol_eff = np.where(about, np.nan_to_num(tol, nan=0.0), 0.0)
    goal = np.where(src == 0, lo - tol_eff, np.where(src == 1, hi, np.nan))
    return (goal, np.array(direction), np.array(strict), *arrays[7:])


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


def goal_and_direction(kind: Any, lower: Any, upper: Any, tolerance: Any) -> tuple[FloatArray, npt.NDArray[np.int8]]:
    """The level a trajectory aims at and the desired direction, element-wise.

    Parameters
    ----------
    kind : str or array-like of str
        ``range``, ``about``, ``above``, ``at_least``, ``at_most``, ``below`` or
        ``qualitative``.
    lower, upper : float or array-like
        Bounds in the target's unit (NaN where not applicable).
    tolerance : float or array-like
        The "khoảng" tolerance in the target's unit. Used for ``about`` only (as
        in :meth:`analysis.targets.Target.verdicts`); ignored for other kinds.

    Returns
    -------
    goal : numpy.ndarray of float
        ``lower − tolerance`` for ``about``; ``lower`` for ``range``,
        ``at_least`` and ``above``; ``upper`` for ``at_most`` and ``below``; NaN
        for ``qualitative``. The same bound the verdict uses for "đạt".
    direction : numpy.ndarray of int8
        ``+1`` (higher is better) for ``range``, ``about``, ``at_least``,
        ``above``; ``−1`` for ``at_most``, ``below``; ``0`` for ``qualitative``.

    Raises
    ------
    ValueError
        For an unknown kind.

    Examples
    --------
    >>> goal_and_direction(["about", "below"], [36, float("nan")], [37, 5.0], [0.5, 0])
    (array([35.5,  5. ]), array([ 1, -1], dtype=int8))
    """
    goal, direction, _ = _goal(kind, lower, upper, tolerance)
    return goal, direction


def is_met(kind: Any, lower: Any, upper: Any, tolerance: Any, value: Any) -> npt.NDArray[np.bool_]:
    """Whether ``value`` meets the target ("đạt" or "vượt"), element-wise.

    ``range``/``about``: ``value ≥ lower − tolerance`` (tolerance for ``about``
    only; above the upper bound is "vượt", still a success); ``at_least``:
    ``value ≥ lower``; ``above``: ``value > lower``; ``at_most``: ``value ≤ upper``;
    ``below``: ``value < upper``. NaN values and qualitative targets are not met.

    Parameters
    ----------
    kind, lower, upper, tolerance
        As in :func:`goal_and_direction`.
    value : float or array-like
        In the target's unit.

    Returns
    -------
    numpy.ndarray of bool

    Examples
    --------
    >>> is_met(["above", "at_least", "below", "at_most"], 30, 30, 0, 30.0).tolist()
    [False, True, False, True]
    """
    goal, direction, strict, v = _goal(kind, lower, upper, tolerance, value)
    return _met(goal, direction, strict, v)


def _band_index(ratio: FloatArray) -> npt.NDArray[np.int8]:
    """Band codes of already-rounded ratios (NaN → not_computable)."""
    high, med, low = THRESHOLDS
    with np.errstate(invalid="ignore"):
        return np.select(
            [np.isnan(ratio), ratio >= high, ratio >= med, ratio >= low],
            [_B["not_computable"], _B["on_track"], _B["acceleration_needed"], _B["limited_progress"]],
            default=_B["deterioration"]).astype(np.int8)


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


def progress_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Band every row of a long table (one row per series and year) with open-sdg's progress measure.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per (series, year) to band, with columns

        ``kind``
            ``range``, ``about``, ``above``, ``at_least``, ``at_most``, ``below``
            (or ``qualitative``, banded ``not_computable``).
        ``lower``, ``upper``
            Bounds in the target's unit (NaN where not applicable).
        ``tolerance``
            The "khoảng" tolerance (used for ``about`` only).
        ``measure``
            ``period_avg_growth`` (values are average growth rates, %/yr) or a
            level measure (``final_year_share``, ``final_year_value``,
            ``ratio``, ``cumulative_sum`` …: values are levels).
        ``base_value``
            Level in the base year (NaN: no base). Ignored for
            ``period_avg_growth``.
        ``value``
            Level measures: the level in the row's year. ``period_avg_growth``:
            the observed average growth (%/yr) from the base year to the row's year.
        ``elapsed``
            Years since the base year (≥ 1).
        ``total``
            Years from the base year to the target year (≥ 1).

    Returns
    -------
    pandas.DataFrame
        The same rows (same index and order, every input column kept) with
        columns added (replaced if present):

        ``goal``
            The bound aimed at (see :func:`goal_and_direction`), target unit
            (%/yr for growth-rate measures).
        ``direction``
            +1 floor, −1 ceiling, 0 qualitative.
        ``observed_avg_growth``
            ``CAGR_o`` in %/yr: ``((value/base)^(1/elapsed) − 1)·100`` for level
            measures, ``value`` for growth-rate measures.
        ``required_avg_growth``
            ``CAGR_r`` in %/yr: ``((goal/base)^(1/total) − 1)·100`` for level
            measures, ``goal`` for growth-rate measures.
        ``ratio``
            ``R = direction · CAGR_o / |CAGR_r|``, rounded to 3 decimals (NaN when
            ``CAGR_r`` is 0 or undefined). Also given for achieved rows.
        ``band``, ``band_vi``
            Code from :data:`BAND_CODES` and its Vietnamese label. The band is
            decided on the rounded ratio.
        ``band_reason``
            Short English reason for ``achieved``, ``no_base``,
            ``not_computable``, a zero required growth and (growth-rate measures)
            a target already met mid-period; ``""`` for bands read off the ratio.
        ``remaining_required``
            %/yr the remaining ``total − elapsed`` years need to reach the goal in
            the target year; NaN in the target year (and where undefined).

    Raises
    ------
    ValueError
        If a column is missing or a kind is unknown.

    Notes
    -----
    Pure array arithmetic: no Python loop over rows or series, so a national
    panel of provinces × targets × years is banded in one call. Decision order
    for level measures: no goal → no value → met (``achieved``) → no base →
    non-positive base/value → negative goal → invalid years → zero required
    growth → ratio. For growth-rate measures: no goal → no value → invalid years
    → met in the target year (``achieved``) → met before it (``on_track``) →
    zero goal → ratio.

    Examples
    --------
    "trên 30 %": 32 in the base year, 29 three years into a five-year period:

    >>> import pandas as pd
    >>> f = pd.DataFrame({"kind": ["above"], "lower": [30.0], "upper": [float("nan")], "tolerance": [0.0],
    ...                   "measure": ["final_year_share"], "base_value": [32.0], "value": [29.0],
    ...                   "elapsed": [3], "total": [5]})
    >>> out = progress_frame(f)
    >>> print(out.loc[0, "ratio"], out.loc[0, "band"])
    -2.517 deterioration
    """
    missing = [c for c in INPUT_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"progress_frame: missing column(s) {missing}; expected {list(INPUT_COLUMNS)}")
    a = progress_arrays(frame["kind"], frame["lower"], frame["upper"], frame["tolerance"], frame["measure"],
                        frame["base_value"], frame["value"], frame["elapsed"], frame["total"])
    out = frame.copy(deep=False)
    out["goal"] = a["goal"]
    out["direction"] = a["direction"]
    out["observed_avg_growth"] = a["observed_avg_growth"]
    out["required_avg_growth"] = a["required_avg_growth"]
    out["ratio"] = a["ratio"]
    out["band"] = _BAND_ARR[a["band_code"]]
    out["band_vi"] = _BAND_VI_ARR[a["band_code"]]
    out["band_reason"] = _REASON_ARR[a["reason_code"]]
    out["remaining_required"] = a["remaining_required"]
    return out


def progress_arrays(kind: Any, lower: Any, upper: Any, tolerance: Any, measure: Any, base_value: Any, value: Any,
                    elapsed: Any, total: Any) -> dict[str, np.ndarray]:
    """The array core of :func:`progress_frame`: same inputs as 1-d arrays, bands as integer codes.

    Parameters
    ----------
    kind, lower, upper, tolerance, measure, base_value, value, elapsed, total : array-like
        The columns of :func:`progress_frame`'s input, all of one length
        (``kind`` and ``measure`` may be pandas Categoricals: they are then
        factorised from their codes, without hashing strings).

    Returns
    -------
    dict of numpy.ndarray
        ``goal``, ``direction``, ``observed_avg_growth``, ``required_avg_growth``,
        ``ratio``, ``remaining_required`` as in :func:`progress_frame`;
        ``band_code`` (int8 index into :data:`BAND_CODES`) and ``reason_code``
        (int8 index into :data:`BAND_REASONS`).
    """
    lower, upper, tol = _as_float(lower), _as_float(upper), _as_float(tolerance)
    base, value = _as_float(base_value), _as_float(value)
    elapsed, total = _as_float(elapsed), _as_float(total)
    goal, direction, strict = _goal(kind, lower, upper, tol)
    if isinstance(measure, str):
        measure = np.full(goal.shape, measure, dtype=object)
    m_codes, m_uniques = pd.factorize(measure)
    growth = np.asarray([u == GROWTH_MEASURE for u in m_uniques] + [False], dtype=bool)[m_codes]

    with np.errstate(all="ignore"):
        met = _met(goal, direction, strict, value)
        years_ok = (elapsed >= 1) & (total >= 1)
        # level measures: compound growth base → year (observed) and base → goal (required), %/yr
        lv_obs = np.where((base > 0) & (value > 0) & years_ok,
                          (np.power(value / base, 1.0 / elapsed) - 1.0) * 100.0, np.nan)
        lv_req = np.where((base > 0) & (goal >= 0) & years_ok,
                          (np.power(goal / base, 1.0 / total) - 1.0) * 100.0, np.nan)
        obs = np.where(growth, value, lv_obs)
        req = np.where(growth, goal, lv_req)
        raw = np.where(req != 0, direction * obs / np.abs(req), np.nan)
        ratio = np.round(raw, RATIO_DECIMALS)
        final = elapsed >= total
        nogoal = np.isnan(goal)
        noval = np.isnan(value)
        qual = direction == 0
        lvl = ~growth
        # (condition, band, reason), first match wins
        rules = [
            (qual, "not_computable", "qualitative target"),
            (nogoal, "not_computable", "target bound missing"),
            (lvl & noval, "not_computable", "no value for this year"),
            (growth & noval, "not_computable", "no observed average growth for this year"),
            (lvl & met, "achieved", "target met in this year"),
            (lvl & np.isnan(base), "no_base", "no base-year value"),
            (lvl & ((base <= 0) | (value <= 0)), "not_computable",
             "non-positive base or value: compound growth undefined"),
            (lvl & (goal < 0), "not_computable", "negative goal: compound growth undefined"),
            (~years_ok, "not_computable", "elapsed and total years must be at least 1"),
            (growth & met & final, "achieved", "target met over the period"),
            (growth & met, "on_track", "average growth to date already meets the target"),
            (lvl & (req == 0), "deterioration", "required growth is zero (base equals goal) and the target is not met"),
            (growth & (req == 0), "deterioration",
             "required growth is zero (goal of 0 %/yr) and the target is not met"),
        ]
        conds = [c for c, _, _ in rules]
        band = np.select(conds, [_B[b] for _, b, _ in rules], default=-1).astype(np.int8)
        reason = np.select(conds, [_R[r] for _, _, r in rules], default=0).astype(np.int8)
        from_ratio = band < 0
        band[from_ratio] = _band_index(ratio[from_ratio])

        # growth the remaining years need to land on the goal in the target year, %/yr
        left = total - elapsed
        lv_rem = np.where(lvl & (left > 0) & (value > 0) & (goal >= 0),
                          (np.power(goal / value, 1.0 / left) - 1.0) * 100.0, np.nan)
        gr_ok = growth & (left > 0) & (value > -100.0) & (goal > -100.0)
        gr_rem = np.where(gr_ok, np.expm1((total * np.log1p(goal / 100.0) - elapsed * np.log1p(value / 100.0)) / left)
                          * 100.0, np.nan)
        remaining = np.where(growth, gr_rem, lv_rem)

    return {"goal": goal, "direction": direction, "observed_avg_growth": obs, "required_avg_growth": req,
            "ratio": ratio, "band_code": band, "reason_code": reason, "remaining_required": remaining}

