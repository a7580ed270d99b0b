"""A province among its peers: every province of a boundary ranked on an indicator and period, in one pass.

For each (indicator, period, boundary, unit, price basis) the evidence store holds values for,
every province's best value is chosen as :func:`analysis.select_best` would (status tier, a
stated price basis before an unstated one, a printed figure before a derived one, an original
before a translation, the newest publication, then the observation id), and the provinces are
ranked on it (``rank``; equal values share the best rank, ``n_tied`` says how many share it).
A ranking is *stated* (``ranked``) only where the store holds a value for at least
``min_coverage`` of the provinces of the boundary (``data/raw/ranking.toml``; the provinces of
each boundary come from the territory lineage): ``covered`` of ``provinces``.

Conflicts that could change a rank: a province with several figures that differ beyond
rounding (role ``conflict`` of :func:`analysis.select_best`) gets ``low_value`` and
``high_value`` (the lowest and highest of its candidate values) and the rank it would have
under each, the other provinces' values unchanged (``rank_at_low``, ``rank_at_high``). A figure that
a newer figure of the same status tier supersedes (an older publication date: the rule of
:func:`analysis.select_best` and :func:`analysis.evidence.select.preference_order`) is not such a
candidate; figures of the chosen one's date, or of no date, are.

The range of ranks the province could hold (``rank_best``, ``rank_worst``): the ranks under its
candidate values, the worst one also counting every province of the boundary without a value as
possibly above it (``provinces - covered``). For the study's province (:func:`study_rankings`) the
range also spans the orders that the printed precision of the values leaves open: best rank 1 +
the provinces whose interval (:func:`analysis.evidence.select.value_interval`) lies wholly above
the province's, worst rank 1 + those whose interval reaches above it (and the missing provinces).

Units of one quantity are converted to the vocabulary's unit (million → billion VND); values
of other quantities (VND and USD per person) are ranked apart. A row of unstated price basis
joins every stated basis of its group (it cannot be told apart), as in :func:`analysis.select_best`.

Everything is vectorised (sorts, group-bys and ranks over the whole store); only the few
provinces with several figures are compared one by one with the printed precision of each.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from analysis.core.units import conversion_factor, same_quantity
from analysis.evidence.select import OTHER_BASIS_RATIO, preference_order, select_best, value_interval
from analysis.sources.manifest import cached_vocabulary
from analysis.sources.peers import PeerSettings, peer_settings
from analysis.sources.store_schema import STATUS_ORDER
from analysis.studies.study import Study
from analysis.wording.labels import is_missing
from analysis.wording.ranking_text import rank_range_vi, rank_sentence

from .target_evidence import annual_key

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = [
    "RANK_COLUMNS",
    "RANK_KEY",
    "SCORECARD_RANK_COLUMNS",
    "rank_all",
    "rank_provinces",
    "study_rankings",
    "ranking_indicators",
    "rank_cells",
    "study_territory_vi",
]

#: the columns that name one ranking
RANK_KEY = ["indicator", "period", "boundary", "unit", "price_basis"]
#: the ranked table: one row per province of a ranking
RANK_COLUMNS = [
    *RANK_KEY,
    "province",
    "region",
    "rank",
    "n_tied",
    "value",
    "decimals",
    "qualifier",
    "status",
    "obs_id",
    "source_ref",
    "published",
    "candidates",
    "conflicts",
    "low_value",
    "high_value",
    "rank_at_low",
    "rank_at_high",
    "rank_best",
    "rank_worst",
    "covered",
    "provinces",
    "coverage",
    "min_coverage",
    "ranked",
    "statuses",
    "order",
]
#: columns that hold one value per ranking
_RANKING_WIDE = ("covered", "provinces", "coverage", "min_coverage", "ranked", "statuses", "order")
_ROUND = 9  # values equal to 9 decimals are ties (unit conversion leaves float noise)
#: the scorecard's columns on the study province's rank (text; '' where the target's quantity is not ranked)
SCORECARD_RANK_COLUMNS = ["rank_indicator", "rank_period", "rank", "rank_of", "rank_covered", "rank_range", "rank_vi"]


def _decimals(printed: Any) -> Any:
    """Decimals a printed figure shows ('10.02' → 2, '1.234,5' → 1, '357.760' → 0), vectorised."""
    import pandas as pd

    printed = printed.fillna("").astype(str)
    uniq = pd.Series(printed.unique())
    return printed.map(dict(zip(uniq, _decimals_of(uniq), strict=True))).astype(int)


def _decimals_in_unit(printed: Any, factor: Any) -> Any:
    """Decimals of a printed figure once converted by ``factor`` to the ranking's unit, keeping the precision the
    source printed: '64.74' million VND is 64 740 thousand VND, shown with no decimals (not '64.740,00'); '357.760'
    thousand is 357,760 million (three decimals)."""
    import numpy as np

    shift = np.rint(np.log10(factor.astype(float).fillna(1.0).to_numpy())).astype(int)
    return (_decimals(printed) - shift).clip(lower=0)


def _decimals_of(printed: Any) -> Any:
    import pandas as pd

    text = printed.str.strip()
    grouped = text.str.fullmatch(r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?")
    frac = text.str.extract(r"[.,](\d+)$", expand=False).fillna("")
    dec_grouped = text.str.extract(r",(\d+)$", expand=False).fillna("")
    out = frac.str.len().where(~grouped, dec_grouped.str.len())
    return pd.to_numeric(out, errors="coerce").fillna(0).astype(int)


def _canonical_units(rows: pd.DataFrame, vocabulary: Mapping[str, Mapping[str, str]]) -> tuple[Any, Any]:
    """(unit each row is ranked in, factor to it): the vocabulary's unit where it is the same quantity."""
    import pandas as pd

    pairs = rows[["indicator", "unit"]].drop_duplicates()
    units, factors = [], []
    for ind, unit in pairs.itertuples(index=False):  # one step per distinct (indicator, unit)
        canon = (vocabulary.get(ind) or {}).get("unit") or unit
        same = canon != unit and same_quantity(unit, canon)
        units.append(canon if same else unit)
        factors.append(conversion_factor(unit, canon) if same else 1.0)
    pairs = pairs.assign(_unit=units, _factor=factors)
    idx = pd.MultiIndex.from_frame(rows[["indicator", "unit"]])
    looked = pairs.set_index(["indicator", "unit"]).reindex(idx)
    return looked["_unit"].to_numpy(), looked["_factor"].to_numpy()


def _with_basis(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows with the price basis of the ranking they enter: their own when stated, else every stated basis of
    their group (or ``unknown`` when none is stated)."""
    import pandas as pd

    group = ["indicator", "period", "boundary", "unit"]
    rows = rows.rename(columns={"price_basis": "row_basis"})
    stated = rows[rows["row_basis"] != "unknown"][[*group, "row_basis"]].drop_duplicates()
    known = rows[rows["row_basis"] != "unknown"].assign(price_basis=lambda d: d["row_basis"])
    unknown = rows[rows["row_basis"] == "unknown"]
    joined = unknown.merge(stated.rename(columns={"row_basis": "price_basis"}), on=group, how="left")
    joined["price_basis"] = joined["price_basis"].fillna("unknown")
    return pd.concat([known, joined], ignore_index=True)


def _conflicts(cands: pd.DataFrame, chosen: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """Per province with several figures: how many differ from the chosen one beyond rounding, and the lowest and
    highest candidate value (the chosen one and its conflicts). A figure superseded by the chosen one
    (``_superseded``: the same status tier, an older date) is counted among the candidates but is never a
    conflict."""
    import pandas as pd

    multi = cands[cands.groupby(key)["obs_id"].transform("size") > 1]
    cols = [*key, "candidates", "conflicts", "low_value", "high_value"]
    if multi.empty:
        return pd.DataFrame(columns=cols)
    pick = chosen[[*key, "obs_id", "value", "qualifier", "value_as_printed", "factor", "row_basis"]]
    m = multi.rename(columns={"_superseded": "superseded"}).merge(pick, on=key, suffixes=("", "_c"))
    conflict = []
    for r in m.itertuples(index=False):  # only provinces with several figures: a handful per ranking
        if r.obs_id == r.obs_id_c or r.superseded:
            conflict.append(False)
            continue
        ci = value_interval(r.value_c, r.qualifier_c, r.value_as_printed_c, r.factor_c)
        ri = value_interval(r.value, r.qualifier, r.value_as_printed, r.factor)
        overlap = ci[0] <= ri[1] + 1e-12 and ri[0] <= ci[1] + 1e-12
        other_basis = (
            "unknown" in (r.row_basis, r.row_basis_c)
            and r.row_basis != "na"
            and not str(r.unit).startswith("percent")
            and r.value_c
            and abs(r.value / r.value_c - 1) > OTHER_BASIS_RATIO
        )
        conflict.append(not overlap and not other_basis)
    m["is_conflict"] = conflict
    m["cand"] = m["value"].where(m["is_conflict"] | (m["obs_id"] == m["obs_id_c"]))
    out = (
        m.groupby(key, sort=False)
        .agg(
            candidates=("obs_id", "size"), conflicts=("is_conflict", "sum"), low_value=("cand", "min"), high_value=("cand", "max")
        )
        .reset_index()
    )
    return out[cols]


def _rank_at(table: pd.DataFrame, column: str, ascending: bool) -> Any:
    """The rank a province would have with ``column`` as its value, the others' chosen values unchanged."""
    import numpy as np

    asked = table[table[column].notna() & (table["conflicts"] > 0)][["_g", "_p", column]]
    if asked.empty:
        return np.full(len(table), np.nan)
    peers = table[["_g", "_p", "value"]].rename(columns={"_p": "peer", "value": "peer_value"})
    pairs = asked.reset_index().merge(peers, on="_g")
    pairs = pairs[pairs["peer"] != pairs["_p"]]
    v, pv = pairs[column].round(_ROUND), pairs["peer_value"].round(_ROUND)
    pairs["ahead"] = (pv < v) if ascending else (pv > v)
    ahead = pairs.groupby("index")["ahead"].sum()
    out = np.full(len(table), np.nan)
    pos = table.index.get_indexer(ahead.index)
    out[pos] = ahead.to_numpy() + 1
    return out


def rank_all(
    obs: pd.DataFrame,
    settings: PeerSettings,
    *,
    indicators: Iterable[str] | None = None,
    periods: Iterable[str] | None = None,
    boundaries: Iterable[str] | None = None,
    vocabulary: Mapping[str, Mapping[str, str]] | None = None,
) -> pd.DataFrame:
    """Rank every province on every indicator and period of the store, in one vectorised pass.

    Parameters
    ----------
    obs : pandas.DataFrame
        The evidence store (all provinces).
    settings : PeerSettings
        Coverage threshold, order and the provinces of each boundary (:func:`analysis.sources.peers.peer_settings`).
    indicators, periods, boundaries : iterable of str, optional
        Restrict the pass (default: everything the store holds).
    vocabulary : mapping, optional
        Indicator vocabulary (its units); default the store's project's.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`RANK_COLUMNS`, one row per province with a value, sorted by ranking then rank.
        ``rank`` is missing where the ranking is not stated (``ranked`` False: too few provinces).
    """
    import numpy as np
    import pandas as pd

    if vocabulary is None:
        try:
            vocabulary = cached_vocabulary(obs.attrs.get("root"))
        except Exception:  # a store without a project (hand-made frames): units stay as they are
            vocabulary = {}
    rows = obs[(obs["status"] != "target") & obs["value"].notna()]
    boundaries = list(settings.provinces) if boundaries is None else list(boundaries)
    rows = rows[rows["boundary"].isin(boundaries)]
    if indicators is not None:
        rows = rows[rows["indicator"].isin(list(indicators))]
    if periods is not None:
        rows = rows[rows["period"].isin([str(p) for p in periods])]
    members = pd.DataFrame(
        [(b, p) for b, ps in settings.provinces.items() for p in ps], columns=["boundary", "province"]
    ).drop_duplicates()
    rows = rows.merge(members, on=["boundary", "province"])  # provinces of the boundary only
    if rows.empty:
        return pd.DataFrame(columns=RANK_COLUMNS)
    rows = rows.copy()
    rows["unit"], rows["factor"] = _canonical_units(rows, vocabulary)
    rows["value"] = rows["value"].astype(float) * rows["factor"]
    rows = _with_basis(rows)

    # integer codes for the ranking (_g) and the province (_p): every sort, group-by and merge below is on them
    rows["_g"] = rows.groupby(RANK_KEY, sort=True).ngroup()
    rows["_p"] = rows["province"].factorize()[0]
    prov_key = ["_g", "_p"]
    order = preference_order(rows).drop(columns="obs_id")
    rows = pd.concat([rows, order], axis=1).sort_values([*prov_key, *order.columns, "obs_id"], kind="stable")
    chosen = rows[~rows.duplicated(prov_key)]
    lead = rows.groupby(prov_key, sort=False)[["_tier", "_vintage"]].transform("first")
    rows["_superseded"] = (rows["_tier"] == lead["_tier"]) & (rows["_vintage"] > lead["_vintage"]) & ~rows["_undated"]
    table = chosen.merge(_conflicts(rows, chosen, prov_key), on=prov_key, how="left")
    table["candidates"] = table["candidates"].fillna(1).astype(int)
    table["conflicts"] = table["conflicts"].fillna(0).astype(int)
    no_conflict = table["conflicts"] == 0
    table.loc[no_conflict, ["low_value", "high_value"]] = np.nan

    ascending = settings.order == "ascending"
    table["_v"] = table["value"].round(_ROUND)
    groups = table.groupby("_g", sort=False)
    table["rank"] = groups["_v"].rank(method="min", ascending=ascending)
    table["n_tied"] = table.groupby(["_g", "_v"], sort=False)["_p"].transform("size")
    table["covered"] = groups["_p"].transform("size")
    sizes = {b: len(ps) for b, ps in settings.provinces.items()}
    table["provinces"] = table["boundary"].map(sizes).astype(int)
    table["coverage"] = table["covered"] / table["provinces"]
    table["min_coverage"] = settings.min_coverage
    table["ranked"] = table["coverage"] >= settings.min_coverage - 1e-12
    tiers = table["status"].map(STATUS_ORDER).fillna(9).astype(int)
    statuses = (
        table.assign(_tier=tiers)
        .drop_duplicates(["_g", "status"])
        .sort_values("_tier", kind="stable")
        .groupby("_g", sort=False)["status"]
        .agg("; ".join)
        .rename("statuses")
    )
    table = table.merge(statuses, left_on="_g", right_index=True, how="left")
    table["order"] = settings.order
    table["rank_at_low"] = _rank_at(table, "low_value", ascending)
    table["rank_at_high"] = _rank_at(table, "high_value", ascending)
    alt = table[["rank", "rank_at_low", "rank_at_high"]]
    table["rank_best"] = alt.min(axis=1)
    table["rank_worst"] = alt.max(axis=1) + (table["provinces"] - table["covered"]).clip(lower=0)
    for col in ("rank", "rank_at_low", "rank_at_high", "rank_best", "rank_worst"):
        table[col] = table[col].where(table["ranked"]).astype("Int64")
    table["decimals"] = _decimals_in_unit(table["value_as_printed"], table["factor"])
    regions = pd.Series(settings.regions, dtype=object)
    if regions.empty:
        table["region"] = ""
    else:
        table["region"] = regions.reindex(pd.MultiIndex.from_frame(table[["boundary", "province"]])).fillna("").to_numpy()
    table = table.sort_values(["_g", "_v", "province"], ascending=[True, ascending, True], kind="stable")
    return table[RANK_COLUMNS].reset_index(drop=True)


def rank_provinces(
    obs: pd.DataFrame,
    indicator: str,
    period: str,
    *,
    boundary: str | None = None,
    unit: str | None = None,
    price_basis: str | None = None,
    settings: PeerSettings | None = None,
    with_missing: bool = True,
) -> pd.DataFrame:
    """The provinces of one boundary ranked on an indicator and period (the analyst's function).

    Parameters
    ----------
    obs : pandas.DataFrame
        The evidence store (:func:`analysis.load_observations`).
    indicator, period : str
        Indicator key and period (``"2025"``); a period given as a number is refused.
    boundary : str, optional
        ``pre2025`` or ``merged2025``; default every boundary with values.
    unit, price_basis : str, optional
        Keep only the ranking in this unit or on this price basis (where the store holds several).
    settings : PeerSettings, optional
        Default: ``data/raw/ranking.toml`` and the territory lineage of the store's project.
    with_missing : bool
        Add the provinces of the boundary without a value (value and rank missing) after the ranked ones.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`RANK_COLUMNS`: rank (ties share the best rank; missing when fewer than
        ``min_coverage`` of the boundary's provinces have a value), value, status, source, and for a
        province with conflicting figures the lowest and highest candidate values and the ranks under them.

    Examples
    --------
    >>> table = rank_provinces(load_observations(), "grdp_growth", "2025", boundary="merged2025")  # doctest: +SKIP
    """
    import pandas as pd

    if not isinstance(period, str):
        raise TypeError(f"period must be a string such as '2025', got {type(period).__name__} {period!r}")
    if settings is None:
        settings = peer_settings(obs.attrs.get("root"))
    if obs["indicator"].eq(indicator).any():
        key = indicator
    else:  # an unknown key raises with close matches, as every request does
        key = select_best(obs, indicator, period, province=str(obs["province"].iloc[0])).request["indicator"]
    table = rank_all(obs, settings, indicators=[key], periods=[period], boundaries=None if boundary is None else [boundary])
    if unit is not None:
        table = table[table["unit"] == unit]
    if price_basis is not None:
        table = table[table["price_basis"] == price_basis]
    if not with_missing or table.empty:
        return table.reset_index(drop=True)
    parts = []
    for k, part in table.groupby(RANK_KEY, sort=False):
        absent = [p for p in settings.provinces.get(k[2], ()) if p not in set(part["province"])]
        extra = pd.DataFrame({"province": absent})
        for col, val in zip(RANK_KEY, k, strict=True):
            extra[col] = val
        for col in _RANKING_WIDE:
            extra[col] = part[col].iloc[0]
        extra["region"] = [settings.regions.get((k[2], p), "") for p in absent]
        parts += [part, extra.reindex(columns=RANK_COLUMNS)]
    out = pd.concat(parts, ignore_index=True)
    for col in ("rank", "rank_at_low", "rank_at_high", "rank_best", "rank_worst", "n_tied"):
        out[col] = out[col].astype("Int64")
    return out


def _interval_bounds(part: pd.DataFrame) -> tuple[Any, Any]:
    """(low, high) arrays: the interval of true values each province's chosen value is consistent with, at the
    decimals it was printed with (:func:`analysis.evidence.select.value_interval`), rounded to ``_ROUND``."""
    import numpy as np

    bounds = [
        value_interval(
            float(v), str(q) if isinstance(q, str) and q else "exact", f"{float(v):.{0 if is_missing(d) else int(d)}f}"
        )
        for v, q, d in zip(part["value"], part["qualifier"], part["decimals"], strict=True)
    ]
    arr = np.array(bounds, dtype=float).reshape(-1, 2)
    return arr[:, 0].round(_ROUND), arr[:, 1].round(_ROUND)


def _precision_range(part: pd.DataFrame, own: pd.Series) -> tuple[int, int]:
    """(best, worst) rank of the study's province ``own`` in its ranking ``part`` once the printed precision of
    every value is allowed for, combined with its own range (``rank_best``, ``rank_worst``): best 1 + the
    provinces whose interval lies wholly above the province's, worst 1 + those whose interval reaches above
    it, plus the provinces without a value."""
    low, high = _interval_bounds(part)
    mine = (part["province"] == own["province"]).to_numpy()
    own_low, own_high = low[mine].min(), high[mine].max()
    peers_low, peers_high = low[~mine], high[~mine]
    if str(own["order"]) == "ascending":
        above, reach = (peers_high < own_low).sum(), (peers_low < own_high).sum()
    else:
        above, reach = (peers_low > own_high).sum(), (peers_high > own_low).sum()
    missing = max(int(own["provinces"]) - int(own["covered"]), 0)
    return min(int(own["rank_best"]), 1 + int(above)), max(int(own["rank_worst"]), 1 + int(reach) + missing)


def ranking_indicators(study: Study, vocabulary: Mapping[str, Mapping[str, str]]) -> dict[str, list[str]]:
    """{target id: indicator keys a ranking of the target's quantity may be on}: its own indicator and, for a
    period-average growth target, the annual growth it averages."""
    out: dict[str, list[str]] = {}
    for t in study.targets:
        if not t.numeric or t.restates:
            continue
        keys = [t.indicator]
        if t.measure == "period_avg_growth":
            keys.append(annual_key(t, vocabulary))
        out[t.id] = [k for k in dict.fromkeys(keys) if k]
    return out


def study_rankings(
    obs: pd.DataFrame, study: Study, *, settings: PeerSettings | None = None, years: Sequence[int] | None = None
) -> pd.DataFrame:
    """The rankings a study shows: one per target whose quantity the store ranks (the latest period).

    For each numeric target (a restatement is shown with the target it restates), the rankings
    (stated ones only) of its indicator or, for a period-average growth target, of the annual
    growth it averages, on the study's boundary, for the years from its base year to its
    target year; the latest such period is kept.

    Returns
    -------
    pandas.DataFrame
        One row per (target, ranking): ``target_id`` and the study province's row of the ranked
        table (:data:`RANK_COLUMNS`); a study province without a value in the ranking has
        ``value`` and ``rank`` missing (the ranking exists, the province is absent from it).
    """
    import pandas as pd

    if settings is None:
        settings = peer_settings(study.root, required=False)
    if settings is None:
        return pd.DataFrame(columns=["target_id", *RANK_COLUMNS])
    vocabulary = cached_vocabulary(study.root)
    wanted = ranking_indicators(study, vocabulary)
    years = list(range(study.base_year, study.target_year + 1)) if years is None else list(years)
    keys = sorted({k for ks in wanted.values() for k in ks})
    if not keys or study.boundary not in settings.provinces:
        return pd.DataFrame(columns=["target_id", *RANK_COLUMNS])
    table = rank_all(
        obs, settings, indicators=keys, periods=[str(y) for y in years], boundaries=[study.boundary], vocabulary=vocabulary
    )
    table = table[table["ranked"]]
    if table.empty:
        return pd.DataFrame(columns=["target_id", *RANK_COLUMNS])
    table = table.assign(_year=table["period"].astype(int))
    rows = []
    for tid, ks in wanted.items():
        mine = table[table["indicator"].isin(ks)]
        if mine.empty:
            continue
        latest = mine[mine["_year"] == mine["_year"].max()]
        for k, part in latest.groupby(RANK_KEY, sort=False):
            own = part[part["province"] == study.province]
            if own.empty:
                rec = dict(zip(RANK_KEY, k, strict=True)) | {
                    "province": study.province,
                    "region": settings.regions.get((study.boundary, study.province), ""),
                }
                for col in _RANKING_WIDE:
                    rec[col] = part[col].iloc[0]
                rows.append({"target_id": tid, **rec})
            else:
                rec = own.iloc[0].to_dict()
                rec["rank_best"], rec["rank_worst"] = _precision_range(part, own.iloc[0])
                rows.append({"target_id": tid, **rec})
    out = pd.DataFrame(rows).reindex(columns=["target_id", *RANK_COLUMNS])
    for col in ("rank", "rank_at_low", "rank_at_high", "rank_best", "rank_worst"):
        out[col] = out[col].astype("Int64")
    return out


def study_territory_vi(study: Study) -> str:
    """The study's province named in short, as its ``[territory]`` table or else the territory lineage names it
    ("tỉnh Quảng Ngãi (mới)"; "tỉnh Nam Định (cũ)" for an old province, never the bare "Nam Định")."""
    return study.territory_vi(short=True)


def rank_cells(ranks: pd.DataFrame, study: Study, vocabulary: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    """{target id: the scorecard's rank columns (:data:`SCORECARD_RANK_COLUMNS`)} from :func:`study_rankings`.

    A target with several rankings (its own indicator and its annual growth) states each, in that order.
    """
    out: dict[str, dict[str, str]] = {}
    territory = study_territory_vi(study)
    for tid, part in ranks.groupby("target_id", sort=False):
        recs = part.to_dict("records")
        first = recs[0]
        text = " ".join(
            rank_sentence(r, (vocabulary.get(r["indicator"]) or {}).get("label_vi", r["indicator"]), territory) for r in recs
        )
        rank = first["rank"]
        out[str(tid)] = {
            "rank_indicator": str(first["indicator"]),
            "rank_period": str(first["period"]),
            "rank": "" if is_missing(rank) else str(int(rank)),
            "rank_of": str(int(first["provinces"])),
            "rank_covered": str(int(first["covered"])),
            "rank_range": rank_range_vi(first),
            "rank_vi": text.strip(),
        }
    return out
