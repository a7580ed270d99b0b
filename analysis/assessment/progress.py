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

The goal ``x*`` is the bound as the resolution writes it (the lower bound of a
range or a "khoảng", the upper bound of a ceiling), so the required growth is the
one the scorecard states for the same target.

Differences from open-sdg's code, all deliberate: "met" uses the same bound and
strictness as the review verdict's "đạt" (``trên``/``dưới`` are strict; a "cơ bản
đạt" year — "khoảng" within its tolerance, a strict bound reached at printed
precision — is banded by its ratio, not ``achieved``), where open-sdg always compares with ≥ / ≤; a missing, zero or
negative base is reported (``no_base`` / ``not_computable``) instead of being
moved or replaced by 0.001; a zero goal is not replaced by 0.001. Note that the
compound-growth ratio is not symmetric under reciprocal levels (the growth of
``1/x`` is ``1/(1 + g) − 1``, not ``−g``): a falling series against a ceiling
can get a better band than the mirrored rising series against a floor.

Layout: the band vocabulary, thresholds and goal rules are in
:mod:`analysis.assessment.progress_bands`, the array arithmetic (:func:`progress_arrays`) in
:mod:`analysis.assessment.progress_arithmetic`; this module assembles the DataFrame
(:func:`progress_frame`) and re-exports every name of both, so
``from analysis.assessment.progress import …`` works for all of them.

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

import pandas as pd

from .progress_arithmetic import progress_arrays
from .progress_bands import (
    _BAND_ARR,
    _BAND_VI_ARR,
    _REASON_ARR,
)

__all__ = ["INPUT_COLUMNS", "OUTPUT_COLUMNS", "progress_frame"]

INPUT_COLUMNS = ("kind", "lower", "upper", "measure", "base_value", "value", "elapsed", "total")
OUTPUT_COLUMNS = (
    "goal",
    "direction",
    "observed_avg_growth",
    "required_avg_growth",
    "ratio",
    "band",
    "band_vi",
    "band_reason",
    "remaining_required",
)


def progress_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Band every row of a long table (one row per series and year) with open-sdg's progress measure.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per (series, year) to band, with the columns :data:`INPUT_COLUMNS`:

        * ``kind``: ``range``, ``about``, ``above``, ``at_least``, ``at_most``, ``below`` (or
          ``qualitative``, banded ``not_computable``);
        * ``lower``, ``upper``: bounds in the target's unit (NaN where not applicable);
        * ``measure``: ``period_avg_growth`` (values are average growth rates, %/yr) or a level
          measure (``final_year_share``, ``final_year_value``, ``ratio``, ``cumulative_sum`` …: values are levels);
        * ``base_value``: level in the base year (NaN: no base); ignored for ``period_avg_growth``;
        * ``value``: level measures, the level in the row's year; ``period_avg_growth``, the observed
          average growth (%/yr) from the base year to the row's year;
        * ``elapsed``: years since the base year (≥ 1); ``total``: years from the base year to the
          target year (≥ 1).

    Returns
    -------
    pandas.DataFrame
        The same rows (same index and order, every input column kept) with the columns
        :data:`OUTPUT_COLUMNS` added (replaced if present):

        * ``goal``: the bound aimed at (see :func:`goal_and_direction`), target unit (%/yr for
          growth-rate measures); ``direction``: +1 floor, −1 ceiling, 0 qualitative;
        * ``observed_avg_growth``: ``CAGR_o`` in %/yr, ``((value/base)^(1/elapsed) − 1)·100`` for level
          measures, ``value`` for growth-rate measures;
        * ``required_avg_growth``: ``CAGR_r`` in %/yr, ``((goal/base)^(1/total) − 1)·100`` for level
          measures, ``goal`` for growth-rate measures;
        * ``ratio``: ``R = direction · CAGR_o / |CAGR_r|``, rounded to 3 decimals (NaN when ``CAGR_r``
          is 0 or undefined); also given for achieved rows;
        * ``band``, ``band_vi``: code from :data:`BAND_CODES` and its Vietnamese label, decided on the
          rounded ratio;
        * ``band_reason``: short English reason for ``achieved``, ``no_base``, ``not_computable``, a
          zero required growth and (growth-rate measures) a target already met mid-period; ``""`` for
          bands read off the ratio;
        * ``remaining_required``: %/yr the remaining ``total − elapsed`` years need to reach the goal
          in the target year; NaN in the target year (and where undefined).

    Raises
    ------
    ValueError
        If a column is missing or a kind is unknown.

    Notes
    -----
    Pure array arithmetic (:func:`progress_arrays`): no Python loop over rows or series, so a
    national panel of provinces × targets × years is banded in one call. Decision order for level
    measures: no goal → no value → met (``achieved``) → no base → non-positive base/value → negative
    goal → invalid years → zero required growth → ratio. For growth-rate measures: no goal → no
    value → invalid years → met in the target year (``achieved``) → met before it (``on_track``) →
    zero goal → ratio.

    Examples
    --------
    "trên 30 %": 32 in the base year, 29 three years into a five-year period:

    >>> import pandas as pd
    >>> f = pd.DataFrame({"kind": ["above"], "lower": [30.0], "upper": [float("nan")],
    ...                   "measure": ["final_year_share"], "base_value": [32.0], "value": [29.0],
    ...                   "elapsed": [3], "total": [5]})
    >>> out = progress_frame(f)
    >>> print(out.loc[0, "ratio"], out.loc[0, "band"])
    -2.517 deterioration
    """
    _check_input_columns(frame)
    a = progress_arrays(
        frame["kind"],
        frame["lower"],
        frame["upper"],
        frame["measure"],
        frame["base_value"],
        frame["value"],
        frame["elapsed"],
        frame["total"],
    )
    return _with_output_columns(frame, a)


def _check_input_columns(frame: pd.DataFrame) -> None:
    """Raise ``ValueError`` naming the :data:`INPUT_COLUMNS` that ``frame`` lacks."""
    missing = [c for c in INPUT_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"progress_frame: missing column(s) {missing}; expected {list(INPUT_COLUMNS)}")


def _with_output_columns(frame: pd.DataFrame, a: dict) -> pd.DataFrame:
    """A shallow copy of ``frame`` with the :data:`OUTPUT_COLUMNS` from :func:`progress_arrays`' result ``a``."""
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
