"""Indicator arithmetic following the Vietnamese statistics office's conventions.

Formulas (see ``notes/METHODS.md`` in the project docs and the GSO indicator
definitions):

* period-average growth is geometric on constant-price levels,
  ``G = [(Y_n / Y_0)^(1/n) − 1] × 100`` (percent per year);
* shares are at current prices, ``K_i = Y_i / GRDP × 100`` with GRDP = sum of
  sector value added + product taxes less subsidies, unless the caller asks for
  the sum of sectors explicitly;
* labour productivity = value added / employed persons; whole-economy
  productivity uses GRDP *with* product taxes, sector productivity uses sector
  value added; the level is reported at current prices, its growth at constant
  prices;
* productivity change decomposition (Timmer & de Vries 2009; de Vries, Timmer &
  de Vries 2015): ΔP = Σ s⁰ᵢΔPᵢ + Σ P⁰ᵢΔsᵢ + Σ ΔPᵢΔsᵢ + Δ(T/L);
* sector contribution to growth: 100 × ΔYᵢ / Y(t−1) percentage points.

Guards: growth between values on different price bases or across the 2025
boundary change raises :class:`~analysis.core.errors.MixedBasisError` unless the
caller allows it explicitly; results carry the weakest evidence status of their
inputs (an average over estimates is an estimate).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from analysis.core.errors import MixedBasisError
from analysis.sources.store_schema import STATUS_ORDER

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = [
    "Measured",
    "weakest_status",
    "cagr",
    "annualised_growth",
    "required_growth",
    "growth_from_levels",
    "shares",
    "labour_productivity",
    "shift_share",
    "growth_contributions",
]

_STATUS_RANK = {k: v for k, v in STATUS_ORDER.items() if k != "target"}  # evidence tiers only


def weakest_status(statuses: Iterable[str]) -> str:
    """The weakest evidence status among ``statuses`` (official < preliminary < estimate < secondary).

    Examples
    --------
    >>> weakest_status(["official", "estimate"])
    'estimate'
    """
    items = list(statuses)
    if not items:
        raise ValueError("no statuses given")
    unknown = [s for s in items if s not in _STATUS_RANK]
    if unknown:
        raise ValueError(f"unknown evidence status {unknown[0]!r}; expected one of {list(_STATUS_RANK)}")
    return max(items, key=_STATUS_RANK.__getitem__)


@dataclass(frozen=True)
class Measured:
    """A number with what it is measured on: price basis, boundary and evidence status.

    Parameters
    ----------
    value : float
    price_basis : str
        ``current``, ``constant_2010``, ``constant_2020``, ``na`` or ``unknown``.
    boundary : str
        ``pre2025``, ``merged2025`` or ``unknown``; a result spanning the change
        is ``pre2025→merged2025``.
    status : str
        ``official``, ``preliminary``, ``estimate`` or ``secondary``.
    sources : tuple of str
        Observation ids behind the number.
    """

    value: float
    price_basis: str = "unknown"
    boundary: str = "unknown"
    status: str = "official"
    sources: tuple[str, ...] = ()


def _check_compatible(
    items: Sequence[Measured], allow_mixed_basis: bool, allow_boundary_change: bool, what: str
) -> tuple[str, str]:
    bases = {m.price_basis for m in items}
    if (len(bases) > 1 or "unknown" in bases) and not allow_mixed_basis:
        raise MixedBasisError(
            f"{what} across price bases {sorted(bases)} ({', '.join(s for m in items for s in m.sources)}): "
            "levels at different (or unstated) price bases are not comparable; pass allow_mixed_basis=True "
            "only if you have checked they are the same"
        )
    bounds = {m.boundary for m in items}
    if len(bounds) > 1 and not allow_boundary_change:
        raise MixedBasisError(
            f"{what} across territorial boundaries {sorted(bounds)} (provinces were merged on 1 July 2025); "
            "pass allow_boundary_change=True to compute it anyway and label it as such"
        )
    basis = bases.pop() if len(bases) == 1 else "mixed"
    boundary = bounds.pop() if len(bounds) == 1 else "→".join(sorted({m.boundary for m in items}, reverse=True))
    return basis, boundary


def cagr(start: Any, end: Any, periods: Any, *, allow_mixed_basis: bool = False, allow_boundary_change: bool = False) -> Any:
    """Compound average annual growth rate, in percent per year.

    ``G = [(end / start)^(1 / periods) − 1] × 100``

    Parameters
    ----------
    start, end : float, array-like or Measured
        Levels at constant prices (same unit). With :class:`Measured` inputs the
        price basis and boundary are checked and the result is a Measured with
        the weakest status.
    periods : int or array-like
        Number of years between ``start`` and ``end`` (2020→2025: 5).
    allow_mixed_basis, allow_boundary_change : bool
        Explicit permission to compute across price bases / the 2025 boundary.

    Returns
    -------
    float, numpy.ndarray or Measured

    Raises
    ------
    ValueError
        If a start level is zero or negative, or ``periods`` ≤ 0.
    MixedBasisError
        For Measured inputs on different bases/boundaries without permission.

    Examples
    --------
    >>> round(cagr(100, 146.93280768, 5), 6)
    8.0
    """
    if isinstance(start, Measured) or isinstance(end, Measured):
        if not (isinstance(start, Measured) and isinstance(end, Measured)):
            raise TypeError("cagr: give both levels as Measured or neither")
        basis, boundary = _check_compatible([start, end], allow_mixed_basis, allow_boundary_change, "growth")
        g = cagr(start.value, end.value, periods)
        return Measured(float(g), basis, boundary, weakest_status([start.status, end.status]), start.sources + end.sources)
    s = np.asarray(start, dtype=float)
    e = np.asarray(end, dtype=float)
    n = np.asarray(periods, dtype=float)
    if np.any(n <= 0):
        raise ValueError(f"cagr: periods must be positive (got {periods})")
    if np.any(s <= 0):
        raise ValueError(f"cagr: start level must be positive (got {start}); growth from a zero base is undefined")
    if np.any(e < 0):
        raise ValueError(f"cagr: end level must not be negative (got {end})")
    out = (np.power(e / s, 1.0 / n) - 1.0) * 100.0
    return float(out) if out.ndim == 0 else out


def required_growth(current: Any, target: Any, periods: Any) -> Any:
    """Average growth (percent per year) the remaining ``periods`` years need to reach ``target``.

    ``r = [(target / current)^(1 / periods) − 1] × 100`` — the same formula as
    :func:`cagr`, read forwards.
    """
    return cagr(current, target, periods)


def annualised_growth(rates: Any, *, kind: str = "rate") -> Any:
    """Geometric average of a chain of annual growth rates or indices, percent per year.

    ``G = [Π (1 + gᵢ/100)]^(1/n) − 1`` (× 100). 10 % then −10 % gives −0.50 %/yr,
    not 0.

    Parameters
    ----------
    rates : sequence of float or Measured
        Annual growth in percent (``kind="rate"``) or indices with the previous
        year = 100 (``kind="index"``), one per year, none missing.
    kind : {"rate", "index"}

    Raises
    ------
    ValueError
        If the chain is empty or has a missing year (NaN): an average over an
        incomplete chain is not the period average.
    """
    items = list(rates)
    if not items:
        raise ValueError("annualised_growth: no rates given")
    measured = [r for r in items if isinstance(r, Measured)]
    vals = np.asarray([r.value if isinstance(r, Measured) else r for r in items], dtype=float)
    if np.isnan(vals).any():
        missing = [i for i, v in enumerate(vals) if np.isnan(v)]
        raise ValueError(f"annualised_growth: missing year(s) at positions {missing}; the chain must be complete")
    factors = vals / 100.0 if kind == "index" else 1.0 + vals / 100.0
    if kind not in {"rate", "index"}:
        raise ValueError("kind must be 'rate' or 'index'")
    if np.any(factors <= 0):
        raise ValueError("annualised_growth: a fall of 100 % or more makes the geometric average undefined")
    g = float((np.prod(factors) ** (1.0 / len(factors)) - 1.0) * 100.0)
    if measured:
        if len(measured) != len(items):
            raise TypeError("annualised_growth: give all rates as Measured or none")
        basis, boundary = _check_compatible(measured, False, False, "average growth")
        return Measured(
            g, basis, boundary, weakest_status(m.status for m in measured), tuple(s for m in measured for s in m.sources)
        )
    return g


def growth_from_levels(levels: pd.Series) -> pd.Series:
    """Annual growth (percent on the previous year) of a level series indexed by year.

    A year whose previous year is missing gets no growth (the gap stays a gap; no
    interpolation).
    """
    import pandas as pd

    s = levels.sort_index()
    prev = s.reindex([y - 1 for y in s.index])
    out = (s.to_numpy() / prev.to_numpy() - 1.0) * 100.0
    return pd.Series(out, index=s.index, name="growth_percent")


def shares(
    levels: pd.DataFrame | pd.Series,
    *,
    product_taxes: Any = None,
    denominator: str = "grdp",
    total: Any = None,
    tolerance: float | None = None,
) -> pd.DataFrame | pd.Series:
    """Sector shares in percent; the denominator is always explicit.

    Parameters
    ----------
    levels : pandas.Series or DataFrame
        Sector value added at current prices: a Series indexed by sector (one
        year) or a DataFrame with sectors as columns and years as rows.
    product_taxes : float or Series, optional
        Product taxes less subsidies. Required when ``denominator="grdp"``
        (give 0 explicitly if there are none).
    denominator : {"grdp", "sum_of_sectors"}
        ``grdp``: Σ sectors + product taxes (the official structure; the tax share
        is returned as column ``product_taxes`` so the shares add up to 100);
        ``sum_of_sectors``: Σ sectors only (the convention of older press figures).
    total : float or Series, optional
        The printed total (GRDP, or the sum of sectors). When given, the
        components (plus product taxes for ``grdp``) must add up to it within
        ``tolerance``; an "of which" row passed as a component ("Trong đó: Công
        nghiệp" beside "Công nghiệp và xây dựng") makes the sum too large and is
        refused instead of double-counted silently.
    tolerance : float, optional
        Allowed |Σ components − total|, in the levels' unit; default: half a unit
        per component and the total (printed rounding), i.e. 0.5 × (k + 1).

    Returns
    -------
    Series or DataFrame of percent.

    Raises
    ------
    ValueError
        When the components do not add up to ``total``, naming the components.
    """
    import pandas as pd

    if denominator not in {"grdp", "sum_of_sectors"}:
        raise ValueError("denominator must be 'grdp' or 'sum_of_sectors'")
    frame = levels.to_frame().T if isinstance(levels, pd.Series) else levels
    if (frame < 0).any().any():
        raise ValueError("shares: negative sector value added; check the input")
    if denominator == "grdp":
        if product_taxes is None:
            raise ValueError(
                "shares: denominator='grdp' needs product_taxes (product taxes less subsidies); "
                "pass 0 explicitly or use denominator='sum_of_sectors'"
            )
        frame = frame.assign(product_taxes=product_taxes if not isinstance(levels, pd.Series) else [product_taxes])
    summed = frame.sum(axis=1)
    if (summed <= 0).any():
        raise ValueError("shares: total is zero or negative")
    if total is not None:
        printed = pd.Series([total] if isinstance(levels, pd.Series) else total, index=summed.index, dtype=float)
        tol = 0.5 * (frame.shape[1] + 1) if tolerance is None else tolerance
        bad = (summed - printed).abs() > tol
        if bad.any():
            i = bad.idxmax()
            raise ValueError(
                f"shares: components {list(frame.columns)} add up to {summed[i]:,.2f}, not the total "
                f"{printed[i]:,.2f} (difference {summed[i] - printed[i]:+,.2f}, tolerance {tol:g}); an 'of which' "
                "(Trong đó) row among the components is counted twice, or a component is missing"
            )
    out = frame.div(summed, axis=0) * 100.0
    return out.iloc[0] if isinstance(levels, pd.Series) else out


def labour_productivity(value_added: Any, employed: Any, *, price_basis: str = "current") -> pd.DataFrame:
    """Labour productivity level and, at constant prices, its growth.

    ``P = value_added [bn VND] × 1000 / employed [persons]`` in million VND per
    employed person. Whole-economy productivity takes GRDP including product
    taxes as ``value_added``; sector productivity takes the sector's value added
    and employment.

    Parameters
    ----------
    value_added : pandas.Series or DataFrame
        Billion VND, indexed by year (columns = sectors for a DataFrame).
    employed : pandas.Series or DataFrame
        Persons, same shape and index.
    price_basis : str
        Price basis of ``value_added``; growth is only computed at constant prices.

    Returns
    -------
    pandas.DataFrame
        Column ``productivity_mn_vnd`` (and ``growth_percent`` at constant prices)
        for a Series input; for a DataFrame input, a column MultiIndex
        (measure, sector).
    """
    import pandas as pd

    va = pd.DataFrame(value_added) if not isinstance(value_added, pd.DataFrame) else value_added
    emp = pd.DataFrame(employed) if not isinstance(employed, pd.DataFrame) else employed
    if isinstance(value_added, pd.Series) and isinstance(employed, pd.Series):
        emp.columns = va.columns
    if (emp <= 0).any().any():
        raise ValueError("labour_productivity: employment must be positive")
    prod = va * 1000.0 / emp
    parts = {"productivity_mn_vnd": prod}
    if price_basis.startswith("constant"):
        parts["growth_percent"] = prod.apply(growth_from_levels)
    out = pd.concat(parts, axis=1)
    if isinstance(value_added, pd.Series):
        out.columns = [c[0] for c in out.columns]
    return out


def shift_share(
    va0: pd.Series, emp0: pd.Series, va1: pd.Series, emp1: pd.Series, *, taxes0: float = 0.0, taxes1: float = 0.0
) -> pd.DataFrame:
    """Decompose the change in aggregate labour productivity between two years.

    With Pᵢ = Yᵢ/Lᵢ, sᵢ = Lᵢ/L and aggregate P = (Σ Yᵢ + T)/L (constant prices):

    ``ΔP = Σ sᵢ⁰ΔPᵢ (within) + Σ Pᵢ⁰Δsᵢ (static reallocation)
    + Σ ΔPᵢΔsᵢ (dynamic reallocation) + Δ(T/L) (product taxes)``

    (Timmer & de Vries 2009; de Vries, Timmer & de Vries 2015). The four terms sum
    exactly to ΔP.

    Parameters
    ----------
    va0, va1 : pandas.Series
        Sector value added (bn VND, constant prices) in the first and last year,
        indexed by sector.
    emp0, emp1 : pandas.Series
        Employed persons by sector, same index.
    taxes0, taxes1 : float
        Product taxes less subsidies (bn VND, same prices); 0 for a decomposition
        of value added without taxes.

    Returns
    -------
    pandas.DataFrame
        Rows = sectors plus ``product_taxes`` and ``total``; columns ``within``,
        ``static``, ``dynamic``, ``taxes``, ``total`` in million VND per person.
    """
    import pandas as pd

    idx = va0.index
    for name, s in (("emp0", emp0), ("va1", va1), ("emp1", emp1)):
        if not s.index.equals(idx):
            raise ValueError(f"shift_share: {name} has sectors {list(s.index)}, expected {list(idx)}")
    if (emp0 <= 0).any() or (emp1 <= 0).any():
        raise ValueError("shift_share: employment must be positive in every sector")
    l0, l1 = emp0.sum(), emp1.sum()
    p0, p1 = va0 * 1000.0 / emp0, va1 * 1000.0 / emp1
    s0, s1 = emp0 / l0, emp1 / l1
    dp, ds = p1 - p0, s1 - s0
    within = s0 * dp
    static = p0 * ds
    dynamic = dp * ds
    tax_term = taxes1 * 1000.0 / l1 - taxes0 * 1000.0 / l0
    table = pd.DataFrame({"within": within, "static": static, "dynamic": dynamic})
    table["taxes"] = 0.0
    table.loc["product_taxes"] = [0.0, 0.0, 0.0, tax_term]
    table["total"] = table.sum(axis=1)
    table.loc["total"] = table.sum(axis=0)
    return table


def growth_contributions(levels_prev: pd.Series, levels_curr: pd.Series) -> pd.Series:
    """Each component's contribution to total growth, in percentage points.

    ``cᵢ = 100 × (Yᵢ,t − Yᵢ,t−1) / Σⱼ Yⱼ,t−1``; the contributions sum to the growth
    of the total. Include product taxes as a component to explain GRDP growth.

    Parameters
    ----------
    levels_prev, levels_curr : pandas.Series
        Component levels at constant prices in year t−1 and t, same index.
    """
    if not levels_prev.index.equals(levels_curr.index):
        raise ValueError("growth_contributions: components differ between the two years")
    total_prev = levels_prev.sum()
    if total_prev <= 0:
        raise ValueError("growth_contributions: total of the previous year must be positive")
    return (levels_curr - levels_prev) * 100.0 / total_prev
