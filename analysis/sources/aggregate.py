"""Merged-territory levels: a new province's level before the merger as the sum of its old provinces' levels.

Rule (``data/raw/territories.md``, ``shared/notes/DESIGN.md``): for a province of the 34 formed from two or
more old ones (``data/raw/territories.csv``), the level of an **additive** indicator (column ``additive`` =
``yes`` of ``data/raw/indicators.csv``: GRDP and value added, product taxes, employment, investment,
population) for a period is

    Y(new, merged2025, t) = Σ_{old ∈ members(new)} Y(old, pre2025, t)

only when **every** old province has a level of the same indicator, period, price basis and unit. Each old
province contributes its best observation of that cell (official > preliminary > estimate > secondary, a
Vietnamese original before a translation, then the newest publication, then the id). A price basis the sources
do not state (``unknown``) is summed only when all inputs come from one publication (one table has one basis).

The aggregate is an observation like any other: ``source_kind`` ``aggregated``, ``boundary`` ``merged2025``,
the ids of its inputs in ``inputs``, the weakest of their statuses, the rule in ``transform`` and
``source_ref``. It competes with a published figure of the merged province (which ranks before it in the same
tier) and is compared with it like any two sources. Ratios (shares, productivity, per-capita values) and growth
of the merged territory are derived from such sums (:mod:`analysis.evidence.derive`), never averaged.

Vectorised: one sort, one ``groupby(...).head(1)`` per cell and one aggregation per merged cell.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import TYPE_CHECKING

from .store_schema import OBSERVATION_COLUMNS, STATUS_ORDER
from .territories import Territories

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = ["AGGREGATED", "AGGREGATE_PREFIX", "additive_keys", "merged_territory_levels"]

AGGREGATED = "aggregated"
AGGREGATE_PREFIX = "A:"
#: ASCII words of aggregate ids (readable in a Vietnamese report, no internal codes)
_BASIS_WORDS = {"current": "ghh", "constant_2010": "gss2010", "constant_2020": "gss2020", "na": "", "unknown": "chuaro"}
_CELL = ["indicator", "period", "price_basis", "unit"]


def additive_keys(vocabulary: dict[str, dict[str, str]]) -> set[str]:
    """Indicator keys whose levels add up across territories (``additive`` = ``yes`` in ``indicators.csv``)."""
    return {k for k, v in vocabulary.items() if str(v.get("additive", "")).strip().lower() in {"yes", "true", "1"}}


def _slug(name: str) -> str:
    """'Quảng Ngãi' → 'quang-ngai' (ids stay ASCII)."""
    text = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


_VN_GROUPED = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+(?:,(\d+))?")
_PLAIN = re.compile(r"[+-]?\d+(?:[.,](\d+))?")


def _step(printed: str, value: float) -> float:
    """Rounding step of a printed figure, in the unit of ``value``.

    The same reading as :func:`analysis.evidence.select.value_interval`: the printed decimals ('8,08' → 0.01;
    Vietnamese '1.234,5' → 0.1), else the trailing zeros of an integer of four or more digits ('1780000' →
    10000), else 1. A figure printed in another unit ('1,78' quadrillion for 1 780 000 bn) is scaled by
    value / printed number.

    Parameters
    ----------
    printed : str
        The figure as printed (``value_as_printed``).
    value : float
        The figure in the observation's unit.

    Returns
    -------
    float
        The step (1.0 when the printed text is not a plain number).
    """
    text = str(printed).strip()
    grouped = _VN_GROUPED.fullmatch(text)
    plain = _PLAIN.fullmatch(text)
    if grouped:
        number = float(text.replace(".", "").replace(",", "."))
        step = 10.0 ** (-len(grouped.group(1))) if grouped.group(1) else 1.0
    elif plain:
        number = float(text.replace(",", "."))
        digits = text.lstrip("+-")
        if plain.group(1):
            step = 10.0 ** (-len(plain.group(1)))
        elif abs(number) >= 1000:
            zeros = len(digits) - len(digits.rstrip("0"))
            step = 10.0 ** min(zeros, len(digits) - 1)
        else:
            step = 1.0
    else:
        return 1.0
    factor = value / number if number and value else 1.0
    return step * abs(factor)


def _printed(value: float, step: float) -> str:
    """The sum printed at the coarsest step of its inputs (no precision that an input did not print).

    Examples
    --------
    >>> _printed(9.58, 0.1), _printed(1780123.0, 10000.0), _printed(150.0, 1.0)
    ('9.6', '1780000', '150')
    """
    exponent = math.ceil(math.log10(step) - 1e-9) if step > 0 else 0
    if exponent < 0:
        return f"{round(value, -exponent):.{-exponent}f}"
    unit = 10**exponent
    return str(int(round(value / unit)) * unit)


def merged_territory_levels(obs: pd.DataFrame, territories: Territories, vocabulary: dict[str, dict[str, str]]) -> pd.DataFrame:
    """The merged territories' levels summed from their old provinces (see the module docstring).

    Parameters
    ----------
    obs : pandas.DataFrame
        Observations of the store (columns :data:`OBSERVATION_COLUMNS`; aggregated rows are ignored).
    territories : Territories
        The lineage (empty: nothing is aggregated).
    vocabulary : dict
        The indicator vocabulary (its ``additive`` column).

    Returns
    -------
    pandas.DataFrame
        One row per merged province × indicator × period × price basis × unit whose every old province has a
        level: columns :data:`OBSERVATION_COLUMNS`, ``value`` = Σ inputs, ``status`` = the weakest input's.
    """
    import numpy as np
    import pandas as pd

    empty = pd.DataFrame(columns=OBSERVATION_COLUMNS)
    keys = additive_keys(vocabulary)
    members = {new: territories.members(new) for new in territories.new_names}
    merged = {new: olds for new, olds in members.items() if len(olds) >= 2}
    if not keys or not merged or obs.empty:
        return empty
    successor = {old: new for new, olds in merged.items() for old in olds}
    size = {new: len(olds) for new, olds in merged.items()}

    cand = obs[
        obs["indicator"].isin(keys)
        & (obs["boundary"] == "pre2025")
        & obs["province"].isin(successor)
        & (obs["status"] != "target")
        & obs["value"].notna()
        & ~obs["source_kind"].isin([AGGREGATED, "derived"])
    ].copy()
    if cand.empty:
        return empty
    # the best observation of each old province's cell, in select_best's order: tier, newest vintage (a later
    # translation supersedes an earlier original), then an original before a translation of the same date, id
    cand["_tier"] = cand["status"].map(STATUS_ORDER).fillna(9)
    cand["_date"] = cand["published"].astype(str).where(cand["published"].astype(str) != "", cand["vintage"].astype(str))
    cand = cand.sort_values(["_tier", "_date", "translated", "obs_id"], ascending=[True, False, True, True], kind="stable")
    best = cand.groupby(["province", *_CELL], sort=False).head(1).copy()
    order = {old: i for i, old in enumerate(territories.old_names)}
    best = best.assign(_order=best["province"].map(order)).sort_values("_order", kind="stable")
    best["_new"] = best["province"].map(successor)
    best["_size"] = best["_new"].map(size)
    best["_step"] = [_step(p, v) for p, v in zip(best["value_as_printed"], best["value"], strict=True)]
    # the sum is exact only when every input is; bounds of one direction (or exact) keep that direction;
    # anything else (approximate, expected, bounds of both directions) makes it approximate
    best["_exact"] = best["qualifier"] == "exact"
    best["_low"] = best["qualifier"].isin(["exact", "lower_bound"])
    best["_high"] = best["qualifier"].isin(["exact", "upper_bound"])

    # one row per old province and cell: a cell is complete when it has as many rows as the territory has members
    keys = ["_new", *_CELL]
    n = best.groupby(keys, sort=False)["province"].transform("size")
    sources = best.groupby(keys, sort=False)["source_url"].transform("nunique")
    best = best[(n == best["_size"]) & ((best["price_basis"] != "unknown") | (sources == 1))]
    if best.empty:
        return empty
    g = best.groupby(keys, sort=True)
    agg = g.agg(
        value=("value", "sum"),
        step=("_step", "max"),
        tier=("_tier", "max"),
        exact=("_exact", "all"),
        low=("_low", "all"),
        high=("_high", "all"),
        translated=("translated", "any"),
        published=("published", "max"),
        vintage=("vintage", "max"),
        inputs=("obs_id", "; ".join),
        olds=("province", " + ".join),
    ).reset_index()

    status_of = {rank: code for code, rank in STATUS_ORDER.items()}
    basis_word = agg["price_basis"].map(_BASIS_WORDS).fillna(agg["price_basis"])
    unit_word = np.where(
        agg["unit"] == agg["indicator"].map(lambda k: vocabulary.get(k, {}).get("unit", "")), "", ":" + agg["unit"]
    )
    ids = (
        AGGREGATE_PREFIX
        + agg["indicator"]
        + ":"
        + agg["period"]
        + ":"
        + agg["_new"].map(_slug)
        + np.where(basis_word != "", ":" + basis_word, "")
        + unit_word
    )
    rule = (
        "sum of the pre2025 levels of "
        + agg["olds"]
        + " (every old province of "
        + agg["_new"]
        + ", territories.csv; same indicator, period, price basis and unit)"
    )
    out = pd.DataFrame(
        {
            "obs_id": ids,
            "province": agg["_new"],
            "indicator": agg["indicator"],
            "period": agg["period"],
            "year": pd.to_numeric(agg["period"].where(agg["period"].str.fullmatch(r"\d{4}")), errors="coerce"),
            "value": agg["value"].astype(float),
            "unit": agg["unit"],
            "price_basis": agg["price_basis"],
            "boundary": "merged2025",
            "status": agg["tier"].map(status_of),
            "qualifier": np.select(
                [agg["exact"], agg["low"], agg["high"]], ["exact", "lower_bound", "upper_bound"], "approximate"
            ),
            "vintage": agg["vintage"],
            "published": agg["published"],
            "source_kind": AGGREGATED,
            "source_url": "",
            "source_ref": "cộng các tỉnh cũ / sum of the former provinces: "
            + agg["olds"]
            + "; đầu vào / inputs "
            + agg["inputs"].str.replace("; ", ", "),
            "raw_file": "",
            "raw_line": 0,
            "cell": "",
            "series_label": "",
            "block": "",
            "value_as_printed": [_printed(v, p) for v, p in zip(agg["value"], agg["step"], strict=True)],
            "unit_as_printed": agg["unit"],
            "transform": rule,
            "inputs": agg["inputs"],
            "of_which": False,
            "translated": agg["translated"].astype(bool),
            "note": "aggregated by analysis.sources.aggregate from the observations listed in 'inputs'",
            "definition": "",
        }
    )
    return out[OBSERVATION_COLUMNS].reset_index(drop=True)
