"""Derived evidence: shares, productivity and growth computed from levels in the store.

When a target's share or growth rate is not published but the levels it is made
of are in the store, the suite computes it the way the statistics office does and
records the result as a *derived observation*, with the formula, the ids of its
inputs, the weakest of their statuses, their boundary and price basis. Derived and
published values of the same quantity then compete and are compared like any two
sources (:func:`analysis.select_best`: a printed figure ranks before a derived one
of the same tier; the other is labelled ``agrees`` or ``conflict``).

Formulas come from data: the indicator vocabulary (``data/raw/indicators.csv``,
columns ``numerator``, ``denominator``, ``level``), overridable per target
(``targets.csv`` columns ``numerator``, ``denominator``). A formula is a sum of
indicator keys (``va_industry_construction + va_services``; ``-`` subtracts),
with alternatives separated by ``|``, tried in order (``grdp | va_agriculture +
va_industry_construction + va_services + product_taxes``).

Rules (``shared/notes/METHODS.md``):

* shares of GRDP are at **current prices** over GRDP including product taxes less
  subsidies: K = 100 × Σ numerator / GRDP (provincial indicator T0502);
* shares of employment: 100 × employed in the sectors / all employed persons;
* labour productivity = value added (or GRDP) / employed persons, at each price
  basis separately (level at current prices, growth only at constant prices);
* annual growth from constant-price levels: g_t = (Y_t / Y_{t−1} − 1) × 100, both
  levels at the same constant price basis and the same boundary. Growth is never
  computed from current prices or across price bases; a quantity without prices
  (employed persons, population: basis ``na``) grows as its levels do;
* every input of one derived value has the same province, period and boundary.
"""

from __future__ import annotations

import math
import re
from typing import Any

from analysis.core.units import SCALES, conversion_factor
from analysis.sources.manifest import cached_vocabulary
from analysis.sources.store_schema import OBSERVATION_COLUMNS
from analysis.sources.territories import cached_territories

from .definitions import harmonise_definitions
from .indicators import weakest_status
from .select import select_best

__all__ = ["parse_formula", "derive_for_study", "evidence_for_study", "territory_rows", "DERIVED_PREFIX"]

DERIVED_PREFIX = "D:"
#: ASCII words of derived observation ids, readable in a Vietnamese report (no internal codes)
_ID_WORDS = {
    "pre2025": "tinhcu",
    "merged2025": "tinhmoi",
    "unknown": "chuaro",
    "constant_2010": "gss2010",
    "constant_2020": "gss2020",
}
_CONSTANT = ("constant_2010", "constant_2020")
_MAPS = ("pre2025", "merged2025")


def parse_formula(text: str) -> list[list[tuple[int, str]]]:
    """``"a + b | c - d"`` → ``[[(1, 'a'), (1, 'b')], [(1, 'c'), (-1, 'd')]]``.

    Raises
    ------
    ValueError
        For a term that is not an indicator key.
    """
    alternatives = []
    for alt in [a.strip() for a in str(text).split("|") if a.strip()]:
        terms = []
        for sign, key in re.findall(r"([+-]?)\s*([^\s+-]+)", alt):
            if not re.fullmatch(r"[A-Za-z0-9_]+", key):
                raise ValueError(f"formula term '{key}' in '{text}' is not an indicator key")
            terms.append((-1 if sign == "-" else 1, key))
        alternatives.append(terms)
    return alternatives


def _formula_text(terms: list[tuple[int, str]]) -> str:
    out = ""
    for i, (sign, key) in enumerate(terms):
        out += ("" if i == 0 and sign > 0 else (" − " if sign < 0 else " + ")) + key
    return out


def _family(unit: str) -> str:
    base = unit.removesuffix("_per_person").removesuffix("_per_worker")
    return SCALES[base][0] if base in SCALES else unit


class _Lookup:
    """Exact-cell lookups over one province's observations (no fallback of boundary or basis)."""

    def __init__(self, obs: Any, vocabulary: dict[str, dict[str, str]]):

        self.obs = obs
        self.vocabulary = vocabulary
        self._select = select_best
        self._cache: dict[tuple, Any] = {}

    def get(self, key: str, period: str, province: str, boundary: str, basis: str | None) -> Any:
        unit = self.vocabulary.get(key, {}).get("unit") or None
        if _family(unit or "") != "VND":
            basis = None  # persons, counts: no price basis
        ck = (key, period, boundary, basis)
        if ck not in self._cache:
            ev = None
            if key in self.vocab_keys_present:
                ev = self._select(
                    self.obs,
                    key,
                    period,
                    province=province,
                    boundary=boundary,
                    unit=unit,
                    price_basis=basis if basis not in (None, "na") else None,
                    strict_basis=True,
                )
                if not ev.found or (basis not in (None, "na") and ev.chosen["price_basis"] != basis):
                    ev = None
            self._cache[ck] = ev
        return self._cache[ck]

    @property
    def vocab_keys_present(self) -> set[str]:
        if not hasattr(self, "_present"):
            self._present = set(self.obs["indicator"].unique())
        return self._present


def _evaluate(
    lookup: _Lookup, alternatives: list[list[tuple[int, str]]], period: str, province: str, boundary: str, basis: str | None
) -> tuple[float, list[Any], str] | None:
    """Value of the first alternative whose every term is in the store (converted to the terms' base unit)."""
    for terms in alternatives:
        evs = [lookup.get(k, period, province, boundary, basis) for _, k in terms]
        if all(e is not None for e in evs):
            total = 0.0
            for (sign, _), e in zip(terms, evs, strict=True):
                base = e.chosen["unit"].removesuffix("_per_person").removesuffix("_per_worker")
                fam = SCALES.get(base, (base, 1.0))
                total += sign * e.value * fam[1]
            return total, evs, _formula_text(terms)
    return None


def _bases_for(out_unit: str, first_key: str, vocabulary: dict[str, dict[str, str]]) -> list[str | None]:
    in_unit = vocabulary.get(first_key, {}).get("unit", "")
    if _family(in_unit) != "VND":
        return [None]  # persons, counts: no price basis
    if out_unit.startswith("percent"):
        return ["current"]  # structure at current prices (GSO convention)
    return ["current", *_CONSTANT]  # productivity: a level at each basis


def _ratio_rows(lookup: _Lookup, key: str, num: str, den: str, province: str) -> list[dict[str, Any]]:
    voc = lookup.vocabulary
    out_unit = voc[key]["unit"]
    num_alts, den_alts = parse_formula(num), parse_formula(den)
    firsts = {alt[0][1] for alt in num_alts}
    cells = lookup.obs[lookup.obs["indicator"].isin(firsts) & (lookup.obs["status"] != "target")]
    # figures of unstated territory are never combined: two of them need not be the same territory
    pairs = sorted({(p, b) for p, b in zip(cells["period"], cells["boundary"], strict=True) if b != "unknown"})
    rows = []
    for period, boundary in pairs:
        for basis in _bases_for(out_unit, next(iter(sorted(firsts))), voc):
            n = _evaluate(lookup, num_alts, period, province, boundary, basis)
            d = _evaluate(lookup, den_alts, period, province, boundary, basis) if n else None
            if not (n and d) or d[0] <= 0:
                continue
            if out_unit.startswith("percent"):
                value, formula = 100.0 * n[0] / d[0], f"100 × ({n[2]}) / ({d[2]})"
            else:  # money per person: numerator in VND over persons, expressed in the vocabulary's unit
                value = n[0] / d[0] * conversion_factor("VND", out_unit.split("_per_")[0])
                formula = f"({n[2]}) / ({d[2]})"
            rows.append(_row(key, period, province, boundary, basis or "na", value, out_unit, formula, n[1] + d[1]))
    return rows


def _growth_rows(lookup: _Lookup, key: str, level: str, province: str) -> list[dict[str, Any]]:
    """Annual growth of a level: of money at one constant price basis; of a quantity without prices (persons,
    counts: basis ``na``) from its levels as they are, whatever basis the rows were filed under."""
    priced = _family(lookup.vocabulary.get(level, {}).get("unit") or "") == "VND"
    cells = lookup.obs[(lookup.obs["indicator"] == level) & lookup.obs["period"].str.fullmatch(r"\d{4}")]
    cells = cells[cells["price_basis"].isin(_CONSTANT)] if priced else cells.assign(price_basis="na")
    rows = []
    for period, boundary, basis in sorted(set(zip(cells["period"], cells["boundary"], cells["price_basis"], strict=True))):
        prev = str(int(period) - 1)
        a = lookup.get(level, prev, province, boundary, basis)
        b = lookup.get(level, period, province, boundary, basis)
        if a is None or b is None or a.value <= 0:
            continue
        value = (b.value / a.value - 1.0) * 100.0
        rows.append(
            _row(
                key,
                period,
                province,
                boundary,
                basis,
                value,
                "percent",
                f"100 × ({level}[{period}] / {level}[{prev}] − 1)",
                [a, b],
            )
        )
    return rows


def _row(
    key: str, period: str, province: str, boundary: str, basis: str, value: float, unit: str, formula: str, evs: list[Any]
) -> dict[str, Any]:
    chosen = [e.chosen for e in evs]
    ids = list(dict.fromkeys(c["obs_id"] for c in chosen))
    published = max((str(c.get("published") or "") for c in chosen), default="")
    vintage = max((str(c.get("vintage") or "") for c in chosen), default="")
    suffix = f":{_ID_WORDS[basis]}" if basis in _CONSTANT else ""
    return {
        "obs_id": f"{DERIVED_PREFIX}{key}:{period}:{_ID_WORDS.get(boundary, boundary)}{suffix}",
        "province": province,
        "indicator": key,
        "period": period,
        "year": int(period) if re.fullmatch(r"\d{4}", period) else None,
        "value": value,
        "unit": unit,
        "price_basis": basis,
        "boundary": boundary,
        "status": weakest_status([c["status"] for c in chosen]),
        "qualifier": _derived_qualifier(chosen),
        "vintage": vintage,
        "published": published,
        "source_kind": "derived",
        "source_url": "",
        "source_ref": f"tính từ / derived: {formula}; đầu vào / inputs {', '.join(ids)}",
        "raw_file": "",
        "raw_line": 0,
        "cell": "",
        "series_label": "",
        "block": "",
        "value_as_printed": f"{value:.2f}",
        "unit_as_printed": unit,
        "transform": formula,
        "inputs": "; ".join(ids),
        "of_which": False,
        "translated": any(bool(c.get("translated")) for c in chosen),
        "note": "derived by analysis.evidence.derive from the observations listed in 'inputs'",
        "definition": "",
    }


def _derived_qualifier(chosen: list[dict[str, Any]]) -> str:
    """Exact inputs give an exact value; a bound ('hơn', 'khoảng') among them makes the result approximate.

    A ratio of lower bounds is not itself a bound of either sign, so it is never labelled one.
    """
    return "exact" if all(c["qualifier"] == "exact" for c in chosen) else "approximate"


def _keys_to_derive(study: Any, vocabulary: dict[str, dict[str, str]]) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """Ratio keys (key → numerator, denominator) and growth keys (key → level) to derive for a study: every
    key the vocabulary gives a formula for (shares, productivity; annual growth of a level), so the explorer
    and the evidence tables see what the scorecard would see, then the targets' own formulas (a target's
    ``numerator`` / ``denominator`` override the vocabulary's for its indicator)."""
    ratios: dict[str, tuple[str, str]] = {}
    growth: dict[str, str] = {}

    def add_ratio(key: str, num: str = "", den: str = "") -> None:
        voc = vocabulary.get(key, {})
        num, den = num or voc.get("numerator", ""), den or voc.get("denominator", "")
        if key and num and den:
            ratios[key] = (num, den)

    for key, voc in vocabulary.items():
        add_ratio(key)
        if voc.get("kind") == "growth" and voc.get("level"):
            growth[key] = voc["level"]
    for t in study.targets:
        if not t.numeric:
            continue
        if t.measure == "period_avg_growth":
            level = t.level_indicator or vocabulary.get(t.indicator, {}).get("level", "")
            add_ratio(level)
            annual = t.annual_indicator or ""
            if annual and (vocabulary.get(annual, {}).get("level") or level):
                growth[annual] = vocabulary.get(annual, {}).get("level") or level
        else:
            add_ratio(t.indicator, t.numerator, t.denominator)
    return ratios, growth


def territory_rows(obs: Any, study: Any) -> Any:
    """The store's observations of the study's territories (derived ones left out).

    The study's province's rows, and — for a study of an old province whose successor has another name (Nam
    Định, now in Ninh Bình: ``data/raw/territories.csv``) — the successor's ``merged2025`` rows, filed under the
    study's province with their boundary ``merged2025``: in a study's evidence a territory is (study province,
    boundary), ``merged2025`` meaning the new province that includes it, so such a figure is another territory
    for the study (flagged, "chưa đủ cơ sở đánh giá"), never its own. Its note names the province it is of.
    For a province whose territory did not change (``change`` = ``unchanged``), figures of either map are its own
    (filed under the study's boundary, the note says so).
    """
    import pandas as pd

    succ = study.successor if study.boundary == "pre2025" and hasattr(study, "successor") else None
    own = obs[(obs["province"] == study.province) & (obs["source_kind"] != "derived")]
    lineage = cached_territories(getattr(study, "root", None))
    if lineage.same_territory(study.province) and study.boundary in _MAPS:
        # an unchanged province: its territory before and after 1 July 2025 is one, so both maps' figures are its own
        other = own["boundary"].isin(_MAPS) & (own["boundary"] != study.boundary)
        if other.any():
            own = own.assign(
                boundary=own["boundary"].where(~other, study.boundary),
                note=own["note"].where(
                    ~other,
                    own["note"].where(own["note"] == "", own["note"] + "; ") + f"territory unchanged on {lineage.effective}: "
                    "the same territory on both maps",
                ),
            )
        return own
    if not succ or succ == study.province:
        return own

    theirs = obs[(obs["province"] == succ) & (obs["boundary"] == "merged2025") & (obs["source_kind"] != "derived")]
    if theirs.empty:
        return own
    theirs = theirs.assign(
        province=study.province,
        note=theirs["note"].where(theirs["note"] == "", theirs["note"] + "; ")
        + f"figure of {succ} (merged2025), the successor territory of {study.province}",
    )
    return pd.concat([own, theirs], ignore_index=True)


def derive_for_study(obs: Any, study: Any, vocabulary: dict[str, dict[str, str]]) -> Any:
    """Derived observations of ``study``'s province (columns of the store): every share, productivity
    and annual growth the vocabulary defines and the levels allow, with the targets' own formulas.

    Parameters
    ----------
    obs : pandas.DataFrame
        The evidence store (any provinces; only ``study.province`` is used).
    study : Study
    vocabulary : dict
        The indicator vocabulary (:func:`analysis.load_vocabulary`).

    Returns
    -------
    pandas.DataFrame
        One row per derived value, ``source_kind = "derived"``, ``inputs`` = ids.
    """
    import pandas as pd

    own = territory_rows(obs, study)
    lookup = _Lookup(own, vocabulary)
    ratios, growth = _keys_to_derive(study, vocabulary)
    rows: list[dict[str, Any]] = []
    for key, (num, den) in sorted(ratios.items()):
        rows += _ratio_rows(lookup, key, num, den, study.province)
    if rows:  # levels derived above (productivity) can feed growth below
        own = pd.concat([own, pd.DataFrame(rows, columns=OBSERVATION_COLUMNS)], ignore_index=True)
        lookup = _Lookup(own, vocabulary)
    for key, level in sorted(growth.items()):
        rows += _growth_rows(lookup, key, level, study.province)
    rows = [r for r in rows if not math.isnan(r["value"])]
    out = pd.DataFrame(rows, columns=OBSERVATION_COLUMNS)
    out["year"] = out["year"].astype("Int64")  # as in the store (a period such as 2025-H1 has no year)
    return out.sort_values("obs_id", kind="stable").reset_index(drop=True) if rows else out


def _study_key(study: Any) -> str:
    """What the derived evidence depends on: the study and its targets' formulas (what-if variants differ)."""
    import hashlib

    parts = [study.id, study.province, str(getattr(study, "successor", ""))]
    parts += [
        f"{t.id}|{t.indicator}|{t.level_indicator}|{t.annual_indicator}|{t.numerator}|{t.denominator}" for t in study.targets
    ]
    return study.id + ":" + hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:12]


def evidence_for_study(obs: Any, study: Any, vocabulary: dict[str, dict[str, str]] | None = None) -> Any:
    """The study's province's observations plus its derived observations (computed once, marked in ``attrs``)."""
    import pandas as pd

    key = _study_key(study)
    if obs.attrs.get("study") == key:
        return obs
    if vocabulary is None:
        vocabulary = cached_vocabulary(study.root)
    derived = derive_for_study(obs, study, vocabulary)
    own = territory_rows(obs, study)
    out = pd.concat([own, derived], ignore_index=True) if len(derived) else own.reset_index(drop=True)
    out = harmonise_definitions(out)  # shares of another stated definition converted where the levels allow
    # attrs stay small (pandas deep-copies them on every operation): the vocabulary is looked up by root
    out.attrs = {"study": key, "root": str(study.root), "provinces": (study.province,)}
    return out
