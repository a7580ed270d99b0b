"""Vectorised assessment of every target for many provinces and years at once (a national panel).

The per-target :func:`analysis.assess` walks the evidence store with full
provenance; for a panel where the best value per province, indicator and year
is already chosen, :func:`assess_panel` applies the same rules with array
operations, for every in-period year:

* growth targets (``period_avg_growth``): the compound average growth of the
  ``level_indicator``'s constant-price levels from the base year to the year,
  ``G = [(Y_t / Y_base)^(1/(t − base)) − 1] × 100`` (%/yr);
* cumulative targets (``cumulative_sum``): the running total of the flows from
  the base year to the year (every year needed);
* every other measure (shares, ratios, values): the indicator's value in the year;

then the review verdict (:meth:`analysis.studies.targets.Target.verdicts`) and the
open-sdg trajectory columns (:func:`analysis.assessment.progress.progress_frame`) in one
pass over the whole long table.

Guards (as :func:`analysis.assess` and :func:`analysis.evidence.indicators.cagr`): growth
needs constant-price levels — a level at current prices or on an unstated basis
gives no growth (value NaN, with the reason); levels on two constant bases
(2010 and 2020 prices) or on two territorial boundaries within one growth rate,
and flows summed across a boundary change, raise

Layout: the panel is laid out as arrays by :mod:`analysis.assessment.panel_cube`; the
per-target values, with the price-basis and boundary guards and the notes that
explain a missing value, come from :mod:`analysis.assessment.panel_values`; this module
stacks every target's block into one long table and bands it in a single call of
:func:`analysis.assessment.progress.progress_arrays`.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from analysis.studies.targets import Target
from analysis.wording.vnformat import default_decimals

from .panel_cube import _Cube
from .panel_values import _N, _NOTE_ARR, _NOTES, _target_values
from .progress import OUTPUT_COLUMNS
from .progress_arithmetic import progress_arrays
from .progress_bands import BAND_CODES, BAND_LABELS, BAND_REASONS

__all__ = ["assess_panel", "final_verdicts", "PANEL_COLUMNS"]

#: columns of the long table :func:`assess_panel` returns (before the trajectory columns)
PANEL_COLUMNS = [
    "province",
    "target_id",
    "year",
    "value",
    "status",
    "value_note",
    "kind",
    "lower",
    "upper",
    "tolerance",
    "measure",
    "base_value",
    "elapsed",
    "total",
]
_FLOAT_COLUMNS = {
    "value",
    "lower",
    "upper",
    "tolerance",
    "base_value",
    "goal",
    "observed_avg_growth",
    "required_avg_growth",
    "ratio",
    "remaining_required",
}
_BAND = {code: i for i, code in enumerate(BAND_CODES)}
_BAND_ARR = np.array(BAND_CODES, dtype=object)
_REASON_ARR = np.array(BAND_REASONS, dtype=object)
_BAND_VI_ARR = np.array([BAND_LABELS[c][0] for c in BAND_CODES], dtype=object)


def assess_panel(
    panel: pd.DataFrame, targets: list[Target], *, allow_mixed: bool = False, years: Literal["all", "final"] = "all"
) -> pd.DataFrame:
    """Assess every target for every province and every in-period year of a panel.

    Parameters
    ----------
    panel : pandas.DataFrame
        Columns ``province``, ``indicator``, ``year`` (int), ``value``: levels for growth targets'
        ``level_indicator`` (any unit; compounded), shares, ratios or values in the target's unit, flows
        for cumulative targets. One row per province, indicator and year (if duplicated, the first row
        wins). Optional ``price_basis`` (``constant_2010``, ``constant_2020``, ``current``, ``unknown``…;
        missing = ``unknown``) and ``boundary`` (``pre2025``, ``merged2025``, ``unknown``…). Without a
        ``price_basis`` column the caller asserts that levels are at one constant price basis; without
        ``boundary``, that every value is on one territory.
    targets : list of Target
        Qualitative targets get rows with status ``qualitative`` (verdict codes: :class:`analysis.core.vocabulary.Verdict`).
    allow_mixed : bool
        Compute growth across two constant price bases or two boundaries, and sums of flows across a
        boundary change, instead of raising; such values are labelled in ``value_note``. Never makes a
        growth rate out of levels at current prices or on an unstated basis.
    years : {"all", "final"}
        ``"all"`` (default): the long table below. ``"final"``: only the target-year verdicts, one row per
        province and target with columns ``province``, ``target_id``, ``value``, ``status`` — the shape this
        function returned before trajectories were added (same as ``final_verdicts(assess_panel(...))``).

    Returns
    -------
    pandas.DataFrame
        For ``years="all"``: one row per target × province × year for the years ``base_year + 1 …
        target_year``, in target order, then province (sorted), then year. Columns :data:`PANEL_COLUMNS` —

        * ``value``: growth targets, average growth (%/yr) from the base year to the year; cumulative
          targets, running total of the flows from the base year to the year; others, the indicator's
          value in the year;
        * ``status``: verdict of that value (:meth:`Target.verdicts`): ``vượt`` / ``đạt`` / ``không đạt`` /
          ``chưa có số liệu`` / ``định tính``. Before the target year it judges the value to date (e.g. a
          running total against the whole-period goal); the verdict of the target is the target-year row;
        * ``value_note``: why a value is missing, or that it mixes bases/boundaries (allowed);
        * ``kind`` … ``total``: the inputs of :func:`analysis.assessment.progress.progress_frame` (``base_value``: the
          base-year level, flow or value; ``elapsed = year − base_year``; ``total = target_year − base_year``)

        followed by the trajectory columns of :func:`~analysis.assessment.progress.progress_frame` (``goal``,
        ``direction``, ``observed_avg_growth``, ``required_avg_growth``, ``ratio``, ``band``, ``band_vi``,
        ``band_reason``, ``remaining_required``). For growth targets whose base-year level is missing the
        band is ``no_base``; where a value is missing, ``band_reason`` says why (e.g. current prices).

    Raises
    ------
    MixedBasisError
        A growth rate from levels on two constant price bases or two boundaries, or a sum of flows across
        a boundary change, without ``allow_mixed``. The message names the target, indicator, province and
        years.
    ValueError
        Missing panel columns, an unknown ``years``, or a target whose target year is not after its base year.

    Notes
    -----
    One vectorised pass: the panel is laid out once as an ``[indicator, province, year]`` array; each
    target takes a provinces × years block of it (a loop over targets, none over provinces or years), and
    all targets' rows are banded by a single call of :func:`~analysis.assessment.progress.progress_arrays` (the array
    core of :func:`~analysis.assessment.progress.progress_frame`, same rules). The label columns ``province``,
    ``target_id``, ``kind`` and ``measure`` are pandas Categoricals (built from codes; a 1.6-million-row
    table stays cheap); the other text columns are strings. Growth targets are judged on levels only here
    (the evidence-store path also falls back to chains of annual rates and published averages).

    Examples
    --------
    >>> long = assess_panel(panel, targets)                        # doctest: +SKIP
    >>> final = final_verdicts(long)                               # doctest: +SKIP
    >>> final.equals(assess_panel(panel, targets, years="final"))  # doctest: +SKIP
    True
    """
    _check_arguments(targets, years)
    cube = _Cube(panel, targets)
    parts = _stack_targets(cube, targets, allow_mixed)
    long = _long_table(cube, targets, parts) if targets else _empty_table()
    return final_verdicts(long) if years == "final" else long


def _check_arguments(targets: list[Target], years: str) -> None:
    """Raise ``ValueError`` for an unknown ``years`` or a target year not after the base year."""
    if years not in ("all", "final"):
        raise ValueError(f"years={years!r}; expected 'all' or 'final'")
    for t in targets:
        if t.target_year <= t.base_year:
            raise ValueError(f"target {t.id}: target year {t.target_year} is not after base year {t.base_year}")


def _stack_targets(cube: _Cube, targets: list[Target], allow_mixed: bool) -> dict[str, list[np.ndarray]]:
    """Every target's provinces × years block, flattened (province-major): one list of arrays per column.

    Keys: ``t`` (target index), ``value``, ``base``, ``note`` (note codes), ``nobase``, ``status`` (the
    verdicts of :meth:`Target.verdicts`), ``elapsed`` (years since the base year) and ``year``.
    """
    P = len(cube.provinces)
    parts: dict[str, list[np.ndarray]] = {k: [] for k in ("t", "value", "base", "note", "status", "nobase", "elapsed", "year")}
    for ti, t in enumerate(targets):
        n = t.target_year - t.base_year
        value, base, note, nobase = _target_values(cube, t, allow_mixed, P)
        parts["t"].append(np.full(P * n, ti, dtype=np.int32))
        parts["value"].append(value.ravel())
        parts["base"].append(np.ascontiguousarray(base).ravel())
        parts["note"].append(note.ravel())
        parts["nobase"].append(nobase.ravel())
        # knows strict "below"; a bound is reached at the decimals a computed value of the unit is shown with
        parts["status"].append(np.asarray(t.verdicts(value.ravel(), default_decimals(t.unit)), dtype=object))
        parts["elapsed"].append(np.tile(np.arange(1, n + 1, dtype=np.int64), P))
        parts["year"].append(np.tile(np.arange(t.base_year + 1, t.target_year + 1, dtype=np.int64), P))
    return parts


def _empty_table() -> pd.DataFrame:
    """The long table of no targets: every column, no rows."""
    return pd.DataFrame(
        {c: pd.Series(dtype=float if c in _FLOAT_COLUMNS else object) for c in PANEL_COLUMNS + list(OUTPUT_COLUMNS)}
    )


def _per_target(values: list[object], ti: np.ndarray, dtype: object = float) -> np.ndarray:
    """One value per target, spread to the rows (``ti``: each row's target index)."""
    return np.asarray(values, dtype=dtype)[ti]


def _labels(values: list[str], ti: np.ndarray) -> pd.Categorical:
    """A per-target label as a Categorical built from codes (no string hashing per row)."""
    cats = list(dict.fromkeys(values))
    return pd.Categorical.from_codes(_per_target([cats.index(v) for v in values], ti, np.int32), cats)


def _target_columns(targets: list[Target], ti: np.ndarray) -> dict[str, np.ndarray | pd.Categorical]:
    """The per-target columns of the long table, spread to the rows.

    ``target_id``, ``kind``, ``lower``, ``upper``, ``tolerance`` (the "khoảng" tolerance for ``about``, else
    0), ``measure`` and ``total`` (years from the base year to the target year).
    """
    sizes = np.array([t.target_year - t.base_year for t in targets])
    return {
        "target_id": _labels([t.id for t in targets], ti),
        "kind": _labels([t.kind for t in targets], ti),
        "lower": _per_target([t.lower for t in targets], ti),
        "upper": _per_target([t.upper for t in targets], ti),
        "tolerance": _per_target([t.about_tolerance if t.kind == "about" else 0.0 for t in targets], ti),
        "measure": _labels([t.measure for t in targets], ti),
        "total": sizes[ti],
    }


def _panel_bands(
    a: dict[str, np.ndarray], value: np.ndarray, note: np.ndarray, nobase: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Band codes and reasons of :func:`progress_arrays`' result ``a``, with the panel-level reasons.

    A missing value says why (current prices, missing flow …); a growth target without its base-year level
    has no base; a share whose base year is on another boundary has no trajectory (its own value and verdict
    stand).
    """
    band = a["band_code"]
    reason = _REASON_ARR[a["reason_code"]]
    explain = (note > 0) & np.isnan(value) & (band == _BAND["not_computable"])
    reason[explain] = _NOTE_ARR[note[explain]]
    band[nobase] = _BAND["no_base"]
    reason[nobase] = "no base-year level"
    withheld = (note == _N["base year on another boundary: no trajectory"]) & (band == _BAND["no_base"])
    band[withheld] = _BAND["not_computable"]
    reason[withheld] = _NOTES[_N["base year on another boundary: no trajectory"]]
    return band, reason


def _long_table(cube: _Cube, targets: list[Target], parts: dict[str, list[np.ndarray]]) -> pd.DataFrame:
    """Concatenate the targets' blocks, band every row in one call and assemble the long table."""
    P = len(cube.provinces)
    cat = {k: np.concatenate(v) for k, v in parts.items() if k != "status"}
    ti = cat["t"]
    sizes = np.array([t.target_year - t.base_year for t in targets])
    prov = np.concatenate([np.repeat(np.arange(P, dtype=np.int32), n) for n in sizes])
    tc = _target_columns(targets, ti)
    a = progress_arrays(
        tc["kind"], tc["lower"], tc["upper"], tc["measure"], cat["base"], cat["value"], cat["elapsed"], tc["total"]
    )
    band, reason = _panel_bands(a, cat["value"], cat["note"], cat["nobase"])
    return pd.DataFrame(
        {
            "province": pd.Categorical.from_codes(prov, cube.provinces),
            "target_id": tc["target_id"],
            "year": cat["year"],
            "value": cat["value"],
            "status": np.concatenate(parts["status"]),
            "value_note": _NOTE_ARR[cat["note"]],
            "kind": tc["kind"],
            "lower": tc["lower"],
            "upper": tc["upper"],
            "tolerance": tc["tolerance"],
            "measure": tc["measure"],
            "base_value": cat["base"],
            "elapsed": cat["elapsed"],
            "total": tc["total"],
            "goal": a["goal"],
            "direction": a["direction"],
            "observed_avg_growth": a["observed_avg_growth"],
            "required_avg_growth": a["required_avg_growth"],
            "ratio": a["ratio"],
            "band": _BAND_ARR[band],
            "band_vi": _BAND_VI_ARR[band],
            "band_reason": reason,
            "remaining_required": a["remaining_required"],
        },
        copy=False,
    )  # every array above is fresh: no need to copy them into consolidated blocks


def final_verdicts(long: pd.DataFrame) -> pd.DataFrame:
    """Target-year rows of :func:`assess_panel`'s long table: one per province and target.

    Parameters
    ----------
    long : pandas.DataFrame
        The result of ``assess_panel(..., years="all")``.

    Returns
    -------
    pandas.DataFrame
        Columns ``province``, ``target_id``, ``value``, ``status`` (the verdict of
        the target; text columns as plain strings), in the long table's order
        (target, then province), index 0…n−1.
    """
    final = long["elapsed"].to_numpy() == long["total"].to_numpy()
    out = long.loc[final, ["province", "target_id", "value", "status"]].reset_index(drop=True)
    for c in ("province", "target_id", "status"):
        out[c] = out[c].astype(str)  # plain strings, as before trajectories were added
    return out
