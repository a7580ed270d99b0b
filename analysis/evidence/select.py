"""Best-evidence selection and conflict detection over the evidence store.

For one indicator, period, province and boundary the best value is chosen by
evidence tier — official > preliminary ("sơ bộ") > estimate ("ước") > secondary —
then, within a tier, a stated price basis and boundary before an unstated one,
a printed figure before one derived from levels, then the newest vintage
(publication date or yearbook edition) — a later figure of the same tier replaces an
earlier one even when it was read in a translation (a year-end estimate supersedes an
October one; the sentence says it is a translation and asks for the original) —, then a
Vietnamese original before a translation of the same vintage, then the observation id
(so the choice is deterministic).

Every other candidate is compared with the chosen value *beyond rounding*: each
printed value stands for an interval (half a unit of its last printed digit; for
values of 1,000 or more, trailing zeros are read as rounding, so "92000" is
92,000 ± 500); a "lower bound" ("hơn", "trên") is open above, an "approximate"
value ("khoảng", "gần") is widened to a full unit. Two values conflict when their
intervals do not overlap. A candidate with an unstated price basis whose value is
more than 25 % away from a chosen value with a stated basis is reported as
``other_basis`` (probably another price basis, e.g. 2010 prices vs current),
not as a conflict.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from analysis.core.units import conversion_factor, same_quantity
from analysis.sources.store_schema import STATUS_ORDER

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = ["Evidence", "select_best", "value_interval", "find_conflicts", "preference_order"]

from analysis.core.names import check_name, nfc
from analysis.sources.aggregate import AGGREGATED
from analysis.sources.manifest import cached_vocabulary

OTHER_BASIS_RATIO = 0.25
#: source kinds computed by the suite (derived from levels; summed over a merged territory's old provinces)
_COMPUTED = ("derived", AGGREGATED)


_VN_GROUPED = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+(?:,(\d+))?")


def _precision(printed: str, value: float) -> float:
    text = str(printed).strip()
    g = _VN_GROUPED.fullmatch(text)
    if g:  # Vietnamese notation as printed in yearbooks: '.' groups thousands, ',' is the decimal mark
        return 10.0 ** (-len(g.group(1))) if g.group(1) else 1.0
    m = re.fullmatch(r"[+-]?\d+(?:[.,](\d+))?", text)
    if m and m.group(1):
        return 10.0 ** (-len(m.group(1)))
    digits = re.sub(r"\D", "", text.split(".")[0].split(",")[0]) if m else ""
    if digits and abs(value) >= 1000:
        zeros = len(digits) - len(digits.rstrip("0"))
        return 10.0 ** min(zeros, len(digits) - 1)
    return 1.0


def value_interval(
    value: float, qualifier: str = "exact", printed: str | None = None, factor: float = 1.0
) -> tuple[float, float]:
    """Interval of true values consistent with a printed figure.

    Parameters
    ----------
    value : float
        The figure (already in the comparison unit).
    qualifier : {"exact", "lower_bound", "upper_bound", "approximate", "expected"}
        How the source qualified the figure.
    printed : str, optional
        The figure as printed in the source's unit (gives its precision).
    factor : float
        Unit conversion applied to the printed figure to get ``value``.

    Returns
    -------
    (low, high) : tuple of float

    Examples
    --------
    >>> value_interval(8.08, printed="8.08")
    (8.075, 8.085)
    >>> value_interval(92000, printed="92000")
    (91500.0, 92500.0)
    """
    p = _precision(printed if printed is not None else repr(value), value / factor if factor else value) * factor
    h = p / 2
    if qualifier == "lower_bound":
        return (value - h, math.inf)
    if qualifier == "upper_bound":
        return (-math.inf, value + h)
    if qualifier in {"approximate", "expected"}:
        return (value - p, value + p)
    return (value - h, value + h)


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] + 1e-12 and b[0] <= a[1] + 1e-12


@dataclass
class Evidence:
    """The best value for one request, with every candidate and its role.

    Attributes
    ----------
    request : dict
        indicator, period, province, boundary preference, price basis, unit.
    chosen : dict or None
        The chosen observation (a row of the store, value in the requested unit),
        None when there is no evidence.
    candidates : pandas.DataFrame
        All candidates with a ``role`` column: ``chosen``, ``agrees``,
        ``conflict`` or ``other_basis``.
    """

    request: dict[str, Any]
    chosen: dict[str, Any] | None
    rows: list[dict[str, Any]] = field(default_factory=list, repr=False)
    columns: list[str] = field(default_factory=list, repr=False)

    @property
    def candidates(self) -> pd.DataFrame:
        """Every candidate (a row of the store) with its ``role``, as a table."""
        import pandas as pd

        return pd.DataFrame(self.rows, columns=list(self.columns) + ["role"])

    @property
    def found(self) -> bool:
        return self.chosen is not None

    @property
    def conflict(self) -> bool:
        """True when some candidate disagrees with the chosen value beyond rounding."""
        return any(r.get("role") == "conflict" for r in self.rows)

    @property
    def value(self) -> float:
        return math.nan if self.chosen is None else float(self.chosen["value"])

    @property
    def boundary_fallback(self) -> bool:
        """True when the chosen value is not for the first-preferred boundary."""
        pref = self.request.get("boundary")
        if self.chosen is None or not pref:
            return False
        first = pref if isinstance(pref, str) else pref[0]
        return self.chosen["boundary"] != first


def _vintage_key(row: dict[str, Any]) -> str:
    v = str(row.get("published") or "")
    if not v:
        m = re.search(r"(\d{4})", str(row.get("vintage") or ""))
        v = m.group(1) if m else ""
    # a date known only to the year or month ranks before the dated ones of that year/month
    parts = (v.split("-") + ["00", "00"])[:3] if re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", v) else [v]
    return "-".join(parts)


def _vocabulary_keys(obs: pd.DataFrame) -> list[str]:
    """Indicator keys a request may name: the vocabulary of the store's project (``attrs['root']``)."""

    try:
        return list(cached_vocabulary(obs.attrs.get("root")))
    except Exception:  # a store without a project (hand-made frames): only its own keys are known
        return []


class _StoreIndex:
    """Rows of a store grouped by (province, indicator, period), built once per DataFrame object.

    ``select_best`` is called hundreds of times per scorecard; filtering the whole store each
    time dominated the run time. The index is rebuilt when the frame's length changes and
    dropped with the frame (weak reference).
    """

    def __init__(self, obs: pd.DataFrame):
        usable = obs[(obs["status"] != "target") & obs["value"].notna()]
        self.columns = list(obs.columns)
        self.groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for rec in usable.to_dict("records"):
            self.groups.setdefault((rec["province"], rec["indicator"], rec["period"]), []).append(rec)
        self.indicators = set(obs["indicator"].unique())
        self.provinces = set(obs["province"].unique())
        self.n = len(obs)
        self.token = _content_token(obs)


def _content_token(obs: pd.DataFrame) -> tuple:
    """A cheap fingerprint of the columns selection reads (an in-place edit changes it)."""
    import numpy as np

    v = obs["value"].to_numpy(dtype=float, na_value=np.nan)
    return (
        len(obs),
        float(np.nansum(v)),
        float(np.nansum(v * np.arange(1, len(v) + 1))),
        int((obs["status"].to_numpy() == "target").sum()),
        hash(tuple(obs["boundary"].to_numpy()[:: max(1, len(v) // 64)])),
    )


_INDEX: dict[int, tuple[Any, _StoreIndex]] = {}


def _index(obs: pd.DataFrame) -> _StoreIndex:
    import weakref

    key = id(obs)
    hit = _INDEX.get(key)
    if hit is not None and hit[0]() is obs and hit[1].n == len(obs) and hit[1].token == _content_token(obs):
        return hit[1]
    idx = _StoreIndex(obs)
    _INDEX[key] = (weakref.ref(obs, lambda _r, k=key: _INDEX.pop(k, None)), idx)
    return idx


def check_request(
    obs: pd.DataFrame, indicator: str, period: str, province: str, idx: _StoreIndex | None = None
) -> tuple[str, str, str]:
    """Validate the names of a request (NFC-normalised); unknown names raise with close matches.

    Raises
    ------
    TypeError
        For a period given as a number (``2025`` instead of ``"2025"``).
    UnknownNameError
        For an indicator neither in the vocabulary nor in the store, or a province not in the store.
    """

    if not isinstance(period, str):
        raise TypeError(f"period must be a string such as '2025' or '2021-2025', got {type(period).__name__} {period!r}")
    idx = idx or _index(obs)
    indicator = nfc(indicator) if isinstance(indicator, str) else indicator
    if indicator not in idx.indicators:
        indicator = check_name(indicator, list(_vocabulary_keys(obs)) + sorted(idx.indicators), "indicator")
    prov_known = sorted(idx.provinces) + list(obs.attrs.get("provinces", []))
    if province not in idx.provinces and province not in prov_known:
        province = check_name(
            nfc(province) if isinstance(province, str) else province, prov_known, "province", "the evidence store"
        )
    return indicator, nfc(period), province


def select_best(
    obs: pd.DataFrame,
    indicator: str,
    period: str,
    *,
    province: str,
    boundary: str | Sequence[str] | None = None,
    price_basis: str | None = None,
    unit: str | None = None,
    strict_basis: bool = False,
) -> Evidence:
    """Pick the best available value and expose every disagreeing one.

    Parameters
    ----------
    obs : pandas.DataFrame
        The evidence store (:func:`analysis.build_observations`).
    indicator, period : str
        Indicator key and period (``"2025"``, ``"2021-2025"``).
    province : str
        Province name as in the store (required: evidence of another province never
        answers a request). Compared after NFC normalisation.
    boundary : str or sequence of str, optional
        A boundary, or boundaries in order of preference (the first with any
        evidence is used, see :attr:`Evidence.boundary_fallback`); None: any.
    price_basis : str, optional
        Required price basis; rows with an unstated basis (``unknown``) remain
        candidates but rank after rows with the stated basis.
    strict_basis : bool
        Admit only rows of exactly ``price_basis`` (for arithmetic such as growth from
        levels: a better-tier row with an unstated basis must not hide them).
    unit : str, optional
        Unit to express values in; rows in another scale of the same quantity are
        converted exactly, rows in other quantities are dropped.

    Returns
    -------
    Evidence
    """

    idx = _index(obs)
    indicator, period, province = check_request(obs, indicator, period, province, idx)
    request = {
        "indicator": indicator,
        "period": period,
        "province": province,
        "boundary": boundary,
        "price_basis": price_basis,
        "unit": unit,
    }
    rows = [dict(r) for r in idx.groups.get((province, indicator, period), [])]
    if price_basis is not None:
        admitted = (price_basis,) if strict_basis else (price_basis, "unknown")
        rows = [r for r in rows if r["price_basis"] in admitted]
    if unit is not None:  # units first: a row in another quantity must not decide the boundary
        kept = []
        for r in rows:
            if same_quantity(r["unit"], unit):
                f = conversion_factor(r["unit"], unit)
                r = {**r, "value": r["value"] * f, "unit": unit, "_factor": f}
                kept.append(r)
        rows = kept
    if boundary is not None:
        prefs = [boundary] if isinstance(boundary, str) else list(boundary)
        first = next((b for b in prefs if any(r["boundary"] == b for r in rows)), None)
        rows = [r for r in rows if r["boundary"] == first]
    if not rows:
        return Evidence(request, None, [], idx.columns)

    def rank(r: dict[str, Any]) -> tuple:
        # within a tier: a share of the vocabulary's definition before one of another stated definition not
        # converted; a printed figure before one derived from levels or summed from the old provinces (the
        # computed one is compared); then the newest vintage (a later translation supersedes an earlier
        # original: the newer evidence of the tier wins, and the sentence asks for its original); then a
        # Vietnamese original before a translation of the same vintage
        return (
            STATUS_ORDER.get(r["status"], 9),
            r["price_basis"] == "unknown",
            r["boundary"] == "unknown",
            _stated_other(r),
            r.get("source_kind") in _COMPUTED,
            _invert(_vintage_key(r)),
            bool(r.get("translated")),
            r["obs_id"],
        )

    rows.sort(key=rank)
    chosen = rows[0]
    ci = value_interval(chosen["value"], chosen["qualifier"], chosen["value_as_printed"], chosen.get("_factor", 1.0))
    for r in rows:
        if r is chosen:
            r["role"] = "chosen"
            continue
        ri = value_interval(r["value"], r["qualifier"], r["value_as_printed"], r.get("_factor", 1.0))
        if _overlap(ci, ri):
            r["role"] = "agrees"
        elif (
            _basis_uncertain(r, chosen)
            and not str(r["unit"]).startswith("percent")
            and chosen["value"]
            and abs(r["value"] / chosen["value"] - 1) > OTHER_BASIS_RATIO
        ):
            r["role"] = "other_basis"
        else:
            r["role"] = "conflict"
    for r in rows:
        r.pop("_factor", None)
    return Evidence(request, {k: v for k, v in chosen.items() if k != "role"}, rows, idx.columns)


def preference_order(rows: pd.DataFrame) -> pd.DataFrame:
    """The order :func:`select_best` prefers candidates in, as sortable columns (vectorised).

    Parameters
    ----------
    rows : pandas.DataFrame
        Rows of the store.

    Returns
    -------
    pandas.DataFrame
        Same index, columns ``_tier``, ``_unstated_basis``, ``_unstated_boundary``, ``_stated_other``,
        ``_computed``, ``_vintage``, ``_translated``, ``_undated`` and ``obs_id``: sorting on them ascending
        puts the row :func:`select_best` would choose first (``_vintage`` is the inverted date, newest first;
        the same order as ``rank`` inside :func:`select_best`). ``_undated`` marks a row without a publication
        date or vintage year (sorted after every dated one by ``_vintage`` already, so it never reorders rows;
        it tells a figure of no date from one of an older date, which a newer figure of its tier supersedes).
    """
    import pandas as pd

    published = rows["published"].fillna("").astype(str)
    year = rows["vintage"].fillna("").astype(str).str.extract(r"(\d{4})", expand=False).fillna("")
    when = published.where(published != "", year)
    dated = when.str.fullmatch(r"\d{4}(?:-\d{2}){0,2}")
    definition = rows["definition"] if "definition" in rows else pd.Series(pd.NA, index=rows.index, dtype=object)
    padded = (when + "-00-00").str.slice(0, 10).where(dated, when)
    return pd.DataFrame(
        {
            "_tier": rows["status"].map(STATUS_ORDER).fillna(9).astype(int),
            "_unstated_basis": rows["price_basis"] == "unknown",
            "_unstated_boundary": rows["boundary"] == "unknown",
            "_stated_other": definition.notna() & ~definition.isin(["", "incl_taxes"]),
            "_computed": rows["source_kind"].isin(_COMPUTED),
            "_vintage": padded.map(_newest_first(padded.unique())),
            "_translated": rows["translated"].fillna(False).astype(bool),
            "_undated": ~dated,
            "obs_id": rows["obs_id"],
        },
        index=rows.index,
    )


def _stated_other(r: dict[str, Any]) -> bool:
    """True for a row whose stated definition is not the vocabulary's (``definition`` column)."""
    d = r.get("definition")
    return isinstance(d, str) and d not in ("", "incl_taxes")


def _basis_uncertain(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True unless both rows state the same price basis."""
    return "unknown" in (a["price_basis"], b["price_basis"]) and a["price_basis"] != "na"


def _newest_first(keys: Any) -> dict[str, int]:
    """{vintage key: its position when sorted as :func:`select_best` sorts them} (one call per distinct date)."""
    return {k: i for i, k in enumerate(sorted(keys, key=_invert))}


def _invert(s: str) -> str:
    # sort newest first with an ascending sort: map each character to its complement
    return "".join(chr(0x10FFFF - ord(ch)) for ch in s) if s else "\U0010ffff"


def find_conflicts(obs: pd.DataFrame, province: str | None = None) -> pd.DataFrame:
    """Every (indicator, period, province, boundary, unit) group whose values disagree.

    Returns
    -------
    pandas.DataFrame
        One row per disagreeing candidate: the group, the chosen observation id and
        value, the other observation id, value, status and source, and its role.
    """
    import pandas as pd

    data = obs[(obs["status"] != "target") & obs["value"].notna()]
    if province is not None:
        data = data[data["province"] == province]
    groups = data.groupby(["indicator", "period", "province", "boundary", "unit"])["price_basis"].agg(list)
    out = []
    seen: set[tuple[str, str]] = set()
    for (ind, per, prov, bnd, unit), bases in groups.items():
        if len(bases) < 2:
            continue
        for basis in sorted(set(bases) - {"unknown"}) or [None]:
            ev = select_best(data, ind, per, province=prov, boundary=bnd, unit=unit, price_basis=basis)
            for r in (r for r in ev.rows if r["role"] in {"conflict", "other_basis"}):
                if (ev.chosen["obs_id"], r["obs_id"]) in seen:
                    continue
                seen.add((ev.chosen["obs_id"], r["obs_id"]))
                out.append(
                    {
                        "indicator": ind,
                        "period": per,
                        "province": prov,
                        "boundary": bnd,
                        "unit": unit,
                        "chosen_id": ev.chosen["obs_id"],
                        "chosen_value": ev.chosen["value"],
                        "chosen_status": ev.chosen["status"],
                        "other_id": r["obs_id"],
                        "other_value": r["value"],
                        "other_status": r["status"],
                        "other_price_basis": r["price_basis"],
                        "role": r["role"],
                        "other_source": r["source_ref"],
                    }
                )
    cols = [
        "indicator",
        "period",
        "province",
        "boundary",
        "unit",
        "chosen_id",
        "chosen_value",
        "chosen_status",
        "other_id",
        "other_value",
        "other_status",
        "other_price_basis",
        "role",
        "other_source",
    ]
    df = pd.DataFrame(out, columns=cols)
    # typed even when empty, so a table read back from conflicts.csv has the same dtypes
    return df.astype({c: "float64" if c.endswith("_value") else "str" for c in cols}) if df.empty else df
