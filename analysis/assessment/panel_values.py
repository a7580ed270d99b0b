"""Per-target values of a panel, with the price-basis and boundary guards, for :func:`analysis.assessment.panel.assess_panel`.

For one target, a provinces × in-period-years block of the panel cube
(:class:`analysis.assessment.panel_cube._Cube`) becomes the values the verdict and the
trajectory are computed on, the base-year values, and a note code per value
(index into :data:`_NOTES`, 0 = none):

* growth targets (:func:`_growth`): ``G = [(Y_t / Y_base)^(1/(t − base)) − 1] × 100``
  (%/yr) on constant-price levels only (a level at current prices or on an
  unstated basis gives NaN, with the reason); two constant bases or two
  boundaries within one rate raise :class:`~analysis.core.errors.MixedBasisError`
  unless ``allow_mixed``;
* cumulative targets (:func:`_cumulative`): the running total of the flows from
  the base year (every year needed); a sum across a boundary change raises
  unless ``allow_mixed``;
* other measures (:func:`_level`): the value of the year; a base year on another
  boundary withholds the base (no trajectory), the value and verdict stand.

:func:`_target_values` dispatches on the target's measure.
"""

from __future__ import annotations

import numpy as np

from analysis.core.errors import MixedBasisError
from analysis.studies.targets import Target

from .panel_cube import _Cube
from .progress_bands import GROWTH_MEASURE

#: no public names: the underscored helpers are package-internal (imported and re-exported by analysis.assessment.panel)
__all__: list[str] = []

# notes on a value (index 0 = none); the NaN-value notes become the band reason
_NOTES = [
    "",
    "qualitative target",
    "no level indicator for this growth target",
    "level indicator not in the panel",
    "indicator not in the panel",
    "no base-year level",
    "no level for this year",
    "level not at constant prices (current or unstated price basis): growth needs constant-price levels",
    "non-positive base-year level",
    "negative level",
    "no value for this year",
    "a flow between the base year and this year is missing",
    "price bases mixed (allowed by caller)",
    "boundaries mixed (allowed by caller)",
    "price bases and boundaries mixed (allowed by caller)",
    "base year on another boundary: no trajectory",
]
_N = {text: i for i, text in enumerate(_NOTES)}
_NOTE_ARR = np.array(_NOTES, dtype=object)


def _mixed_error(
    cube: _Cube, t: Target, indicator: str, what: str, mask: np.ndarray, codes: np.ndarray, names: list[str]
) -> MixedBasisError:
    """The error for the first province whose values in ``codes`` (P × base..target) mix ``what``."""
    r = int(np.nonzero(mask.any(axis=1))[0][0])
    row = codes[r]
    j = int(np.nonzero(mask[r])[0][0]) + 1  # mask columns are the years base+1.., codes start at the base year
    return MixedBasisError(
        f"target {t.id}: {indicator} for province {cube.provinces[r]!r} combines {what} {names[int(row[0])]!r} "
        f"({t.base_year}) and {names[int(row[j])]!r} ({t.base_year + j}); {int(mask.sum())} value(s) in the panel "
        f"do so. Values on different {what} are not comparable — pass allow_mixed=True only if you have checked "
        "them; the values are then labelled as mixed"
    )


def _growth(cube: _Cube, t: Target, allow_mixed: bool, P: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Average growth base → year of the constant-price levels (P × n), base levels (P,), notes (P × n)."""
    n = t.target_year - t.base_year
    if not t.level_indicator or t.level_indicator not in cube.indicators:
        note = "no level indicator for this growth target" if not t.level_indicator else "level indicator not in the panel"
        return np.full((P, n), np.nan), np.full(P, np.nan), np.full((P, n), _N[note], dtype=np.int8)
    ind = t.level_indicator
    L = cube.block(cube.values, ind, t.base_year, t.target_year)
    b, Ly = L[:, :1], L[:, 1:]
    have = ~np.isnan(b) & ~np.isnan(Ly)
    bad_basis = mixed_basis = mixed_bound = np.zeros((P, n), dtype=bool)
    if cube.basis is not None:
        pb = cube.block(cube.basis, ind, t.base_year, t.target_year)
        pb0, pby = pb[:, :1], pb[:, 1:]
        const0, consty = cube.constant[pb0], cube.constant[pby]
        bad_basis = have & ~(const0 & consty)
        mixed_basis = have & const0 & consty & (pb0 != pby)
        if mixed_basis.any() and not allow_mixed:
            raise _mixed_error(cube, t, ind, "price bases", mixed_basis, pb, cube.basis_names)
    if cube.boundary is not None:
        bd = cube.block(cube.boundary, ind, t.base_year, t.target_year)
        bd0, bdy = bd[:, :1], bd[:, 1:]
        mixed_bound = have & ~bad_basis & (bd0 != bdy)
        if mixed_bound.any() and not allow_mixed:
            raise _mixed_error(cube, t, ind, "boundaries", mixed_bound, bd, cube.boundary_names)
    ok = have & ~bad_basis & (b > 0) & (Ly >= 0)
    k = np.arange(1, n + 1, dtype=float)
    with np.errstate(all="ignore"):
        g = np.where(ok, (np.power(Ly / b, 1.0 / k) - 1.0) * 100.0, np.nan)
    notes = np.select(
        [
            np.isnan(np.broadcast_to(b, Ly.shape)),
            np.isnan(Ly),
            bad_basis,
            np.broadcast_to(b <= 0, Ly.shape),
            Ly < 0,
            mixed_basis & mixed_bound,
            mixed_basis,
            mixed_bound,
        ],
        [
            _N["no base-year level"],
            _N["no level for this year"],
            _N["level not at constant prices (current or unstated price basis): growth needs constant-price levels"],
            _N["non-positive base-year level"],
            _N["negative level"],
            _N["price bases and boundaries mixed (allowed by caller)"],
            _N["price bases mixed (allowed by caller)"],
            _N["boundaries mixed (allowed by caller)"],
        ],
        default=0,
    ).astype(np.int8)
    return g, b[:, 0].copy(), notes


def _cumulative(cube: _Cube, t: Target, allow_mixed: bool, P: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Running totals of the flows base..year (P × n), base-year flow (P,), notes (P × n)."""
    n = t.target_year - t.base_year
    if t.indicator not in cube.indicators:
        return np.full((P, n), np.nan), np.full(P, np.nan), np.full((P, n), _N["indicator not in the panel"], dtype=np.int8)
    F = cube.block(cube.values, t.indicator, t.base_year, t.target_year)
    present = ~np.isnan(F)
    complete = np.logical_and.accumulate(present, axis=1)
    S = np.where(complete, np.cumsum(np.where(present, F, 0.0), axis=1), np.nan)
    mixed = np.zeros((P, n), dtype=bool)
    if cube.boundary is not None:
        bd = cube.block(cube.boundary, t.indicator, t.base_year, t.target_year)
        changed = np.logical_or.accumulate(present & present[:, :1] & (bd != bd[:, :1]), axis=1)[:, 1:]
        mixed = changed & complete[:, 1:]
        if mixed.any() and not allow_mixed:
            raise _mixed_error(cube, t, t.indicator, "boundaries", mixed, bd, cube.boundary_names)
    notes = np.select(
        [~complete[:, 1:], mixed],
        [_N["a flow between the base year and this year is missing"], _N["boundaries mixed (allowed by caller)"]],
        default=0,
    ).astype(np.int8)
    return S[:, 1:], S[:, 0].copy(), notes


def _level(cube: _Cube, t: Target, allow_mixed: bool, P: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Values in each year (P × n), base-year values (P × n, NaN where not usable), notes (P × n)."""
    n = t.target_year - t.base_year
    if t.indicator not in cube.indicators:
        return (
            np.full((P, n), np.nan),
            np.full((P, n), np.nan),
            np.full((P, n), _N["indicator not in the panel"], dtype=np.int8),
        )
    X = cube.block(cube.values, t.indicator, t.base_year, t.target_year)
    b, Xy = np.broadcast_to(X[:, :1], (P, n)), X[:, 1:]
    notes = np.where(np.isnan(Xy), _N["no value for this year"], 0).astype(np.int8)
    withheld = np.zeros((P, n), dtype=bool)
    if cube.boundary is not None:
        bd = cube.block(cube.boundary, t.indicator, t.base_year, t.target_year)
        # the value of a year stands on its own; only its growth from the base crosses the boundary change
        other = ~np.isnan(b) & ~np.isnan(Xy) & (bd[:, :1] != bd[:, 1:])
        if allow_mixed:
            notes = np.where(other, _N["boundaries mixed (allowed by caller)"], notes).astype(np.int8)
        else:
            withheld = other
            notes = np.where(other, _N["base year on another boundary: no trajectory"], notes).astype(np.int8)
    return Xy, np.where(withheld, np.nan, b), notes


def _target_values(cube: _Cube, t: Target, allow_mixed: bool, P: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Values (P × n), base values (P × n), note codes (P × n, int8) and the no-base mask (P × n) of one target.

    ``n = target_year − base_year`` in-period years. The no-base mask is set for
    growth targets whose base-year level is missing (banded ``no_base``).
    """
    n = t.target_year - t.base_year
    nobase = np.zeros((P, n), dtype=bool)
    if not t.numeric:
        value = np.full((P, n), np.nan)
        base = np.full((P, n), np.nan)
        note = np.full((P, n), _N["qualitative target"], dtype=np.int8)
    elif t.measure == GROWTH_MEASURE:
        value, b, note = _growth(cube, t, allow_mixed, P)
        base = np.broadcast_to(b[:, None], (P, n))
        nobase = np.isnan(base) & (note == _N["no base-year level"])
    elif t.measure == "cumulative_sum":
        value, b, note = _cumulative(cube, t, allow_mixed, P)
        base = np.broadcast_to(b[:, None], (P, n))
    else:
        value, base, note = _level(cube, t, allow_mixed, P)
    return value, base, note, nobase
