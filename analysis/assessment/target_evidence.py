"""The evidence a study's targets are judged on: the study's store, best values, growth rates.

Shared by the assessment (:mod:`analysis.assessment.verdicts`) and its year-by-year
trajectory (:mod:`analysis.assessment.trajectories`):

* :func:`study_evidence` — the study's province's observations plus the derived
  ones (:func:`analysis.evidence.derive.evidence_for_study`);
* ``_best`` — :func:`analysis.select_best` for the study's province and its
  boundary preference;
* ``_growth_from_levels`` — compound average growth base → year of
  constant-price levels of one basis (2010 prices, else 2020 prices; never mixed,
  never current prices), ``G = [(Y_t / Y_base)^(1/(t − base)) − 1] × 100`` (%/yr);
* ``_growth_from_chain`` — the geometric average of a complete chain of annual
  growth rates; ``_published_average`` — the period average as published.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from analysis.core.errors import MixedBasisError
from analysis.evidence.derive import evidence_for_study
from analysis.evidence.indicators import Measured, annualised_growth, cagr
from analysis.evidence.select import Evidence, select_best
from analysis.sources.manifest import cached_vocabulary
from analysis.studies.study import Study, load_study
from analysis.studies.targets import Target

if TYPE_CHECKING:  # annotations only; pandas loads with the functions that use it
    import pandas as pd

#: public name; the underscored helpers are package-internal (imported by analysis.assessment.verdicts and
#: analysis.assessment.trajectories, and re-exported by analysis.assessment.verdicts where other modules import them)
__all__ = ["study_evidence"]

_CONSTANT_BASES = ("constant_2010", "constant_2020")


def study_evidence(obs: pd.DataFrame, study: str | Study | None) -> tuple[pd.DataFrame, Study]:
    """The study (loaded if given by id) and its evidence: its province's observations plus derived ones."""
    st = load_study(study) if not isinstance(study, Study) else study
    return evidence_for_study(obs, st), st


def vocab_of(ev: pd.DataFrame) -> dict[str, dict[str, str]]:
    """The indicator vocabulary of the project the evidence comes from."""

    return cached_vocabulary(ev.attrs.get("root"))


def _measured(ev: Evidence) -> Measured:
    c = ev.chosen
    return Measured(float(c["value"]), c["price_basis"], c["boundary"], c["status"], (c["obs_id"],))


def _best(ev_obs: pd.DataFrame, st: Study, key: str, period: str, **kw: Any) -> Evidence:
    return select_best(ev_obs, key, period, province=st.province, boundary=st.boundary_preference, **kw)


def _level_key(t: Target, voc: dict[str, dict[str, str]]) -> str:
    return t.level_indicator or voc.get(t.indicator, {}).get("level", "")


def annual_key(t: Target, voc: dict[str, dict[str, str]]) -> str:
    if t.annual_indicator:
        return t.annual_indicator
    level = _level_key(t, voc)
    return next((k for k, v in sorted(voc.items()) if v.get("kind") == "growth" and v.get("level") == level and level), "")


def _growth_from_levels(t: Target, obs: pd.DataFrame, st: Study, end_year: int) -> tuple[Any, list[Evidence], str]:
    """CAGR base → end_year on constant-price levels of one basis; (result or None, evidence, reason)."""
    voc = vocab_of(obs)
    key = _level_key(t, voc)
    if not key:
        return None, [], "no level indicator"
    unit = voc.get(key, {}).get("unit") or None
    current_only = False
    for basis in _CONSTANT_BASES:
        base = _best(obs, st, key, str(t.base_year), price_basis=basis, unit=unit, strict_basis=True)
        end = _best(obs, st, key, str(end_year), price_basis=basis, unit=unit, strict_basis=True)
        if base.found and end.found:
            try:
                g = cagr(_measured(base), _measured(end), end_year - t.base_year)
            except MixedBasisError as exc:
                return None, [base, end], f"levels not comparable: {exc}"
            return g, [base, end], ""
    cur = [_best(obs, st, key, str(y), price_basis="current", unit=unit, strict_basis=True) for y in (t.base_year, end_year)]
    current_only = all(e.found for e in cur)
    return None, [], "only current-price levels" if current_only else "levels missing"


def _growth_from_chain(t: Target, obs: pd.DataFrame, st: Study, end_year: int) -> tuple[Any, list[Evidence], str]:
    key = annual_key(t, vocab_of(obs))
    if not key:
        return None, [], "no annual indicator"
    evs = [_best(obs, st, key, str(y)) for y in range(t.base_year + 1, end_year + 1)]
    if not all(e.found for e in evs):
        return None, [], "annual chain incomplete"
    if any(e.chosen["price_basis"] == "current" for e in evs):
        return None, [], "annual rates at current prices"
    try:
        # annual growth rates are published at constant prices by convention; an unstated basis is read as such
        items = [
            Measured(
                e.value,
                "constant_2010" if e.chosen["price_basis"] in {"constant_2010", "unknown", "na"} else e.chosen["price_basis"],
                e.chosen["boundary"],
                e.chosen["status"],
                (e.chosen["obs_id"],),
            )
            for e in evs
        ]
        g = annualised_growth(items)
    except MixedBasisError as exc:
        return None, evs, f"annual chain not comparable: {exc}"
    return g, evs, ""


def _published_average(t: Target, obs: pd.DataFrame, st: Study) -> Evidence | None:
    for p in (f"{t.base_year + 1}-{t.target_year}", f"{t.base_year}-{t.target_year}"):
        ev = _best(obs, st, t.indicator, p)
        if ev.found:
            return ev
    return None
