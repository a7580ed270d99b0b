"""Targets as data: ``data/raw/studies/<study>/targets.csv``, one row per sub-target.

Each row states the kind of target (``range``, ``about``, ``above``, ``at_least``,
``at_most``, ``below``, ``qualitative``), its bounds and unit, the measure
(period-average growth, final-year share or value, cumulative sum, ratio), base
and target years, the
tolerance used for "khoảng" (about), the margin above a one-sided bound within
which a result is reported "đạt" rather than "vượt", the definition choices, the
line of the resolution it comes from and which table or report would settle it.

Review vocabulary (Vietnamese provincial reviews):

* ``vượt``  — exceeded: above the upper bound (+ tolerance) of a range, or above
  a one-sided bound by more than ``exceed_margin``;
* ``đạt``   — met: within the range (± tolerance), or at/above a one-sided bound
  within the margin;
* ``không đạt`` — not met;
* ``chưa có số liệu`` — no data; ``định tính`` — qualitative, not assessed by number.

This module holds the :class:`Target` dataclass; the schema of the file (columns, kinds,
measures, bounds) is in :mod:`analysis.studies.target_schema`, reading and validating it in
:mod:`analysis.studies.targets_csv` (read by :func:`analysis.studies.study.load_targets`), what-if copies
and their wording in :mod:`analysis.studies.whatif`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from analysis.core.vocabulary import Verdict
from analysis.wording.vnformat import UNIT_VI, fmt_bound_vi, larger_unit

from .target_schema import COLUMNS as COLUMNS
from .target_schema import FINAL_YEAR_MEASURES as FINAL_YEAR_MEASURES
from .target_schema import OPTIONAL_COLUMNS as OPTIONAL_COLUMNS
from .target_schema import THEMES as THEMES
from .whatif import KIND_VI as KIND_VI
from .whatif import _assumption_vi, _with
from .whatif import bound_amount_vi as bound_amount_vi

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import numpy as np

_X, _M, _N = Verdict.EXCEEDED.value, Verdict.MET.value, Verdict.NOT_MET.value
_B = Verdict.BASICALLY_MET.value

__all__ = ["Target", "reached_as_shown"]


@dataclass(frozen=True)
class Target:
    """One numeric (or qualitative) sub-target of the resolution."""

    id: str
    order: int
    outline_item: int
    outline_vi: str
    indicator: str
    level_indicator: str
    annual_indicator: str
    wording_vi: str
    wording_en: str
    kind: str
    lower: float
    upper: float
    unit: str
    measure: str
    base_year: int
    target_year: int
    about_tolerance: float
    exceed_margin: float
    definition: str
    resolution_line: str
    data_needed: str
    data_from: str
    theme: str = ""
    translated: bool = False
    numerator: str = ""
    denominator: str = ""
    source_url: str = ""
    published: str = ""
    document: str = ""
    display_vi: str = ""  #: the target as the resolution writes it, when text_vi() would paraphrase it
    reading: str = ""  #: how the suite reads a target that can be read two ways
    #: the id of a target of the same file that this one restates (the same quantity, bounds and period
    #: written again in a second document): reported once, counted once, drawn once
    restates: str = ""
    #: (field, value in the targets file) for each field a what-if (:meth:`with_`) changed; not compared
    file_values: tuple[tuple[str, Any], ...] = field(default=(), compare=False, repr=False)

    def with_(self, **changes: Any) -> Target:
        """A what-if copy with some fields changed; the copy remembers the targets file's values.

        Examples
        --------
        ``t.with_(about_tolerance=1.0)`` judges "khoảng" with ±1 point instead of the file's
        tolerance; ``t.with_(denominator="grdp")`` uses another formula for a derived share
        (see :func:`analysis.explore.what_if`). :meth:`changed_from_file` and
        :meth:`assumptions_vi` name what differs, and
        :meth:`analysis.assessment.verdicts.Assessment.statement_vi` states it.

        Raises
        ------
        TypeError
            For a name that is not a field of Target (with close matches).
        ValueError
            For an unknown kind or measure, or a negative tolerance or margin.
        """
        return _with(self, changes)

    def changed_from_file(self) -> dict[str, tuple[Any, Any]]:
        """``{field: (value in the targets file, value now)}`` for every what-if change (empty for a file target)."""
        return {k: (v, getattr(self, k)) for k, v in self.file_values}

    def assumptions_vi(self) -> list[str]:
        """Each what-if change in Vietnamese, e.g. ``"dung sai 'khoảng' ±1 điểm % thay vì ±0,5 điểm %"``."""
        return [_assumption_vi(self, k, old, new) for k, (old, new) in self.changed_from_file().items()]

    @property
    def numeric(self) -> bool:
        return self.kind != "qualitative"

    @property
    def period(self) -> str:
        """The assessed period: ``2021-2025`` for averages and sums, ``2025`` for final-year values."""
        if self.measure in {"period_avg_growth", "cumulative_sum", "ratio"}:
            # averages start the year after the base year; sums and ratios cover base_year..target_year
            return f"{self.base_year + 1 if self.measure == 'period_avg_growth' else self.base_year}-{self.target_year}"
        return str(self.target_year)

    def verdict(self, value: float, decimals: int = 1) -> str:
        """The verdict code (``exceeded`` / ``met`` / ``not_met`` …, see :class:`analysis.core.vocabulary.Verdict`)
        for a value in the target's unit.

        ``decimals``: the precision the value is shown with (as its source printed it,
        :func:`analysis.wording.vnformat.shown_decimals`); a value short of the bound, or equal
        to a strict bound, is "cơ bản đạt" only when it reaches the bound *as shown*
        (:func:`reached_as_shown`: the bound lies inside the value's printed half-interval; the
        bound is never rounded), so a verdict never rests on a rounding the reader does not see
        (9,46 shown to two decimals has not reached "trên 9,5"; "8" has not reached "trên 8,5").

        Examples
        --------
        A range 8–9 %/yr: 8.5 → met (đạt), 11.4 → exceeded (vượt), 7.9 → not_met (không đạt).
        """
        if not self.numeric:
            return Verdict.QUALITATIVE.value
        if value is None or math.isnan(value):
            return Verdict.NO_DATA.value
        tol = self.about_tolerance if self.kind == "about" else 0.0
        lo, hi, m = self.lower, self.upper, self.exceed_margin
        value = round(float(value), 9)  # arithmetic noise: 6.499999999999995 is 6.5
        at_bound = reached_as_shown(value, self.goal, decimals)
        if self.kind in {"range", "about"}:
            if value > hi + tol:
                return _X
            if lo <= value <= hi:
                return _M
            return _B if lo - tol <= value <= hi + tol else _N
        if self.kind in {"at_least", "above"}:
            if value < lo or (self.kind == "above" and value == lo):
                return _B if at_bound else _N
            return _X if value > lo + m else _M
        if self.kind in {"at_most", "below"}:
            if value > hi or (self.kind == "below" and value == hi):
                return _B if at_bound else _N
            return _X if value < hi - m else _M
        raise ValueError(f"unknown target kind {self.kind!r}")

    def verdicts(self, values: np.ndarray, decimals: int | np.ndarray = 1) -> np.ndarray:
        """Vectorised :meth:`verdict` for an array of values shown with ``decimals`` (same rules, same strings).

        ``decimals``: one precision for every value, or one per value (broadcast against ``values``).
        """
        import numpy as np

        v = np.round(np.asarray(values, dtype=float), 9)  # same noise rounding as verdict()
        if not self.numeric:
            return np.full(v.shape, Verdict.QUALITATIVE.value, dtype=object)
        tol = self.about_tolerance if self.kind == "about" else 0.0
        lo, hi, m = self.lower, self.upper, self.exceed_margin
        with np.errstate(invalid="ignore"):
            at_bound = reached_as_shown(v, self.goal, np.asarray(decimals))  # NaN: False
            if self.kind in {"range", "about"}:
                conds = [v > hi + tol, (v >= lo) & (v <= hi), (v >= lo - tol) & (v <= hi + tol), v < lo - tol]
            elif self.kind in {"at_least", "above"}:
                short = (v < lo) | ((v == lo) if self.kind == "above" else False)
                conds = [~short & (v > lo + m), ~short & (v <= lo + m), short & at_bound, short & ~at_bound]
            else:  # at_most, below
                short = (v > hi) | ((v == hi) if self.kind == "below" else False)
                conds = [~short & (v < hi - m), ~short & (v >= hi - m), short & at_bound, short & ~at_bound]
        return np.select(conds, [_X, _M, _B, _N], default=Verdict.NO_DATA.value).astype(object)

    @property
    def goal(self) -> float:
        """The level a trajectory aims at: the lower bound (upper for ``at_most``)."""
        return self.upper if self.kind in {"at_most", "below"} else self.lower

    def text_vi(self) -> str:
        """The target in review wording, e.g. ``8–9%/năm``, ``khoảng 36–37%``, ``trên 30%``."""
        if not self.numeric:
            return Verdict.QUALITATIVE.vi
        if self.display_vi:
            return self.display_vi
        big = larger_unit(self.unit, self.lower)
        u = f" {big[1]}" if big else UNIT_VI.get(self.unit, self.unit)
        if self.kind in {"at_most", "below"}:
            lo, hi = fmt_bound_vi(self.upper, self.unit), ""
        else:
            lo = fmt_bound_vi(self.lower, self.unit)
            hi = fmt_bound_vi(self.upper, self.unit) if not math.isnan(self.upper) else ""
        span = lo if not hi or hi == lo else f"{lo}–{hi}"
        prefix = {
            "range": "",
            "about": "khoảng ",
            "above": "trên ",
            "at_least": "tối thiểu ",
            "at_most": "tối đa ",
            "below": "dưới ",
        }[self.kind]
        return f"{prefix}{span}{u}"


#: float noise allowed at the edge of a printed half-interval (values are rounded to 9 decimals first)
_EDGE_TOL = 1e-9


def reached_as_shown(value: Any, goal: float, decimals: Any) -> Any:
    """Whether ``value``, shown with ``decimals`` decimals, reaches the bound ``goal`` as printed.

    The shown figure stands for every value within half a unit of its last decimal; the bound is
    reached at printed precision when it lies strictly inside that half-interval,
    ``|value − goal| < 0.5·10^−decimals`` (less a float tolerance, so a bound on the edge is
    consistently outside). The bound is never rounded to the value's precision. A bound exactly on
    the edge is *not* reached: writing it needs one decimal more than the value has ("8" has not
    reached 8,5; 9,5 shown without decimals has not reached 10). The one rule of
    :meth:`Target.verdict` and :meth:`Target.verdicts`.

    Parameters
    ----------
    value : float or numpy.ndarray
        The value(s) in the target's unit (NaN: never reached).
    goal : float
        The bound (:attr:`Target.goal`).
    decimals : int or numpy.ndarray
        The decimals each value is shown with (negative counts as 0); arrays broadcast against ``value``.

    Returns
    -------
    bool or numpy.ndarray
        True where the bound is reached as the value is shown.

    Examples
    --------
    >>> reached_as_shown(10.0, 10.0, 0), reached_as_shown(9.6, 10.0, 1), reached_as_shown(9.96, 10.0, 1)
    (True, False, True)
    >>> reached_as_shown(8.0, 8.5, 0), reached_as_shown(9.5, 10.0, 0), reached_as_shown(9.46, 9.5, 2)
    (False, False, False)
    """
    shown = (abs(decimals) + decimals) // 2  # max(decimals, 0), for an int or an array
    half = 0.5 * 10.0**-shown
    return abs(value - goal) < half - _EDGE_TOL
