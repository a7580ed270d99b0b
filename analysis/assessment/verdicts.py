"""Target assessment with Vietnamese review semantics and open-sdg-style trajectories.

Final-year status: ``vượt`` / ``đạt`` / ``không đạt`` / ``chưa có số liệu`` (see
:mod:`analysis.studies.targets`). Every function takes the study (:mod:`analysis.studies.study`):
evidence comes from the store through :func:`analysis.select_best` for the
study's province only, preferring the study's own territory, then the fallbacks
the study admits (e.g. the merged province, then figures whose territory is
unstated) — every fallback is flagged. Shares, productivity and growth that are
not published are derived from the levels in the store (:mod:`analysis.evidence.derive`).

Growth-rate targets are assessed on levels: the compound growth of the
constant-price level series base → target year (2010 prices, else 2020 prices,
never mixed, never current prices); if the levels are not available, the
geometric average of a complete chain of annual growth rates; if
neither, the period average as published by the statistics office or the
province (which is itself computed geometrically), flagged as such. Rates are
never averaged arithmetically.

Trajectory (open-sdg progress measure, :mod:`analysis.assessment.progress`): for each
in-period year, the observed average growth from the base year and the growth
required from the base to reach the target; R = d · observed / |required|.
R ≥ 0.95 on track; 0.60–0.95 acceleration needed; 0–0.60 limited progress;
R < 0 deterioration; a target already met is "achieved". Also reported: the
average growth the remaining years need to still land in the band.

Layout: the evidence lookups and growth rates shared with the trajectory are in
:mod:`analysis.assessment.target_evidence`, the trajectory in :mod:`analysis.assessment.trajectories`;
both are re-exported here (``study_evidence``, ``trajectory``,
``TRAJECTORY_COLUMNS`` and the private helpers other modules import).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from analysis.core.vocabulary import Verdict
from analysis.evidence.definitions import is_converted, other_definition
from analysis.evidence.indicators import weakest_status
from analysis.evidence.select import Evidence, select_best, value_interval
from analysis.sources.aggregate import AGGREGATED
from analysis.studies.study import Study, load_study
from analysis.studies.targets import Target
from analysis.wording.sentences import statement
from analysis.wording.vnformat import record_decimals, shown_decimals

from .target_evidence import (
    _best,
    _growth_from_chain,
    _growth_from_levels,
    _published_average,
    study_evidence,
)
from .trajectories import trajectory

if TYPE_CHECKING:  # annotations only; pandas loads with the functions that use it
    import pandas as pd

__all__ = ["Assessment", "assess", "assess_all", "value_decimals"]

_VERB = {"official": "đạt", "preliminary": "sơ bộ đạt", "estimate": "ước đạt", "secondary": "theo nguồn thứ cấp đạt"}


@dataclass
class Assessment:
    """The result of assessing one target, with the evidence behind it."""

    target: Target
    status: str  #: verdict code (analysis.core.vocabulary.Verdict)
    value: float = math.nan
    method: str = ""
    evidence: list[dict[str, Any]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    trajectory: pd.DataFrame | None = None
    study: Study | None = field(default=None, repr=False)
    #: what-if assumptions that are not fields of the target (e.g. evidence tiers admitted), in Vietnamese
    assumptions: tuple[str, ...] = ()

    @property
    def status_vi(self) -> str:
        """The verdict as the report writes it (``"chưa có số liệu"``)."""
        return Verdict(self.status).vi

    @property
    def decimals(self) -> int:
        """Decimals the value is shown with: as its one deciding source printed it, else those of a
        computed value (:func:`analysis.wording.vnformat.shown_decimals`); the verdict uses the same."""
        return value_decimals(self.value, self.method, self.evidence, self.target.unit)

    @property
    def evidence_status(self) -> str:
        st = [e["status"] for e in self.evidence if e.get("role", "used") == "used"]
        return weakest_status(st) if st else ""

    @property
    def boundary(self) -> str:
        b = sorted({e["boundary"] for e in self.evidence if e.get("role", "used") == "used"})
        return "/".join(b)

    @property
    def sources(self) -> str:
        return "; ".join(e["obs_id"] for e in self.evidence if e.get("role", "used") == "used")

    @property
    def source_refs(self) -> str:
        return " | ".join(
            f"{e['obs_id']}: {e['source_ref']}" + (f" <{e['source_url']}>" if e.get("source_url") else "")
            for e in self.evidence
            if e.get("role", "used") == "used"
        )

    def statement_vi(self) -> str:
        """One sentence in the style of provincial reviews (and one naming every what-if assumption)."""
        return self._statement_vi() + self._assumptions_sentence_vi()

    def _assumptions_sentence_vi(self) -> str:
        """`` Giả định khác tệp chỉ tiêu: …`` naming every assumption that differs from the targets file."""
        parts = self.target.assumptions_vi() + list(self.assumptions)
        return f" Giả định khác tệp chỉ tiêu: {'; '.join(parts)}." if parts else ""

    def _statement_vi(self) -> str:
        """The result sentence (templates of :mod:`analysis.wording.sentences`)."""

        return statement(self)


#: methods whose value is one printed figure (shown as printed); the others compute it
_PRINTED_METHODS = {"final_year_value", "published_period_total", "published_period_average"}


def value_decimals(value: float, method: str, evidence: list[dict[str, Any]], unit: str) -> int:
    """Decimals a verdict's value is shown with (and judged at, :meth:`analysis.studies.targets.Target.verdict`)."""
    used = [e for e in evidence if e.get("role", "used") == "used"]
    if len(used) == 1 and method in _PRINTED_METHODS:
        return record_decimals({**used[0], "value": value, "unit": unit})
    return shown_decimals(value, unit)


def _other_known_territory(used: list[dict[str, Any]], st: Study) -> bool:
    """True when a figure deciding a verdict is for a known territory other than the study's.

    A merged-province figure cannot judge a target set for the former province (or the reverse):
    the verdict is "chưa đủ cơ sở đánh giá" with the figure quoted. Figures of unstated territory
    still judge, with a note asking the statistics office to confirm.
    """
    bounds = {e["boundary"] for e in used}
    return any(b not in {st.boundary, "unknown"} for b in bounds)


def _with_target(st: Study, target: Target) -> Study:
    """The study with ``target`` in place of its namesake (what-if variants get their own derived evidence)."""
    if target in st.targets:
        return st
    return st.with_targets(
        [target if t.id == target.id else t for t in st.targets]
        + ([] if any(t.id == target.id for t in st.targets) else [target])
    )


def _ev_rows(ev: Evidence, role: str = "used") -> list[dict[str, Any]]:
    rows = []
    for r in ev.rows:
        rows.append(
            {
                "obs_id": r["obs_id"],
                "value": r["value"],
                "status": r["status"],
                "boundary": r["boundary"],
                "price_basis": r["price_basis"],
                "period": r["period"],
                "source_ref": r["source_ref"],
                "source_url": r["source_url"],
                "qualifier": r["qualifier"],
                "source_kind": r.get("source_kind", ""),
                "inputs": r.get("inputs", "") or "",
                "translated": bool(r.get("translated")),
                "value_as_printed": r.get("value_as_printed", ""),
                "definition": r.get("definition", "") if isinstance(r.get("definition"), str) else "",
                "converted_from": is_converted(r),
                "role": role if r["role"] == "chosen" else r["role"],
            }
        )
    return rows


def _boundary_flags(boundaries: set[str], study: Study) -> list[str]:
    flags = []
    for b in sorted(boundaries - {study.boundary, "unknown"}):
        flags.append(f"boundary_{'merged' if b == 'merged2025' else b}")
    if "unknown" in boundaries:
        flags.append("boundary_unknown")
    if len(boundaries) > 1:
        flags.append("boundary_mixed")
    return flags


def _compared_with(value: float, ev: Evidence | None) -> list[dict[str, Any]]:
    """Published candidates of the same quantity, labelled agrees / conflict against a computed value."""
    if ev is None:
        return []
    mine = value_interval(value, "approximate", f"{value:.2f}")
    rows = _ev_rows(ev)
    for r in rows:
        other = value_interval(r["value"], r["qualifier"], None if r["source_kind"] == "derived" else None)
        r["role"] = "agrees" if (mine[0] <= other[1] + 1e-12 and other[0] <= mine[1] + 1e-12) else "conflict"
    return rows


def _final_growth(t: Target, obs: pd.DataFrame, st: Study) -> tuple[float, str, list[Evidence], list[str], list[dict]]:
    g, evs, why = _growth_from_levels(t, obs, st, t.target_year)
    flags = [f"levels: {why}"] if why.startswith(("levels not", "only current")) else []
    if g is None:
        g, evs, why_chain = _growth_from_chain(t, obs, st, t.target_year)
        method = "geometric_chain_of_annual_rates"
        if why_chain.startswith("annual chain not comparable"):
            flags.append(f"chain: {why_chain}")
    else:
        method = "cagr_of_levels"
    if g is not None:
        flags += ["derived"] if any(e.chosen.get("source_kind") == "derived" for e in evs) else []
        flags += ["aggregated"] if any(e.chosen.get("source_kind") == AGGREGATED for e in evs) else []
        return g.value, method, evs, flags, _compared_with(g.value, _published_average(t, obs, st))
    ev = _published_average(t, obs, st)
    if ev is not None:
        return ev.value, "published_period_average", [ev], flags + ["published_average"], []
    return math.nan, "", [], flags, []


def _final_value(t: Target, obs: pd.DataFrame, st: Study) -> tuple[float, str, list[Evidence], list[str], list[dict]]:
    """(value, method, evidence used, flags, compared rows) for the final-year / period value of a target."""
    if t.measure == "period_avg_growth":
        return _final_growth(t, obs, st)
    if t.measure == "cumulative_sum":
        ev = _best(obs, st, t.indicator, t.period, unit=t.unit)
        if ev.found:
            return ev.value, "published_period_total", [ev], [], []
        years = range(t.base_year, t.target_year + 1)
        evs = [_best(obs, st, t.indicator, str(y), unit=t.unit) for y in years]
        if all(e.found for e in evs):
            return sum(e.value for e in evs), "sum_of_annual_values", evs, [], []
        have = [str(y) for y, e in zip(years, evs, strict=True) if e.found]
        return math.nan, "", [], ([f"partial years only: {', '.join(have)}"] if have else []), []
    ev = _best(obs, st, t.indicator, t.period, unit=t.unit)
    if ev.found:
        flags = ["derived"] if ev.chosen.get("source_kind") == "derived" else []
        flags += ["aggregated"] if ev.chosen.get("source_kind") == AGGREGATED else []
        return ev.value, "final_year_value", [ev], flags, []
    return math.nan, "", [], [], []


def _other_boundary_rows(
    t: Target, obs: pd.DataFrame, st: Study, used: list[dict[str, Any]], seen: set[str]
) -> list[dict[str, Any]]:
    """Values of the same indicator and period for another territory than the one used."""
    if not used or len({e["period"] for e in used}) != 1:
        return []
    ev = select_best(
        obs, t.indicator, used[0]["period"], province=st.province, unit=t.unit if t.measure != "period_avg_growth" else None
    )
    rows = [r for r in _ev_rows(ev) if r["obs_id"] not in seen and r["boundary"] not in {e["boundary"] for e in used}]
    for r in rows:
        r["role"] = "other_boundary"
    return rows


def assess(target: Target, obs: pd.DataFrame, study: str | Study | None) -> Assessment:
    """Assess one target of a study against the evidence store.

    Parameters
    ----------
    target : Target
    obs : pandas.DataFrame
        The evidence store (every province); only the study's province is used.
    study : Study or str
        The study the target belongs to (its province, boundary and fallbacks).

    Returns
    -------
    Assessment
        Status in the review vocabulary, the value and method, the evidence used
        (and every conflicting candidate), flags (``conflicting_sources``,
        ``boundary_merged``, ``boundary_unknown``, ``boundary_mixed``,
        ``other_boundary_values``, ``published_average``, ``derived``,
        ``lower_bound``, ``secondary_source``) and the trajectory table.
    """
    st = load_study(study) if not isinstance(study, Study) else study
    ev_obs, st = study_evidence(obs, _with_target(st, target))
    if not target.numeric:
        return Assessment(target, Verdict.QUALITATIVE.value, trajectory=trajectory(target, ev_obs, st), study=st)
    value, method, evs, flags, compared = _final_value(target, ev_obs, st)
    evidence: list[dict[str, Any]] = []
    for ev in evs:
        evidence += _ev_rows(ev)
    seen = {e["obs_id"] for e in evidence}
    evidence += [r for r in compared if r["obs_id"] not in seen]
    used = [e for e in evidence if e["role"] == "used"]
    evidence += _other_boundary_rows(target, ev_obs, st, used, {e["obs_id"] for e in evidence})
    if any(e["role"] == "other_boundary" for e in evidence):
        flags.append("other_boundary_values")
    if any(e["role"] == "conflict" for e in evidence):
        flags.append("conflicting_sources")
    flags += _boundary_flags({e["boundary"] for e in used}, st)
    if any(e["qualifier"] == "lower_bound" for e in used):
        flags.append("lower_bound")
    if any(e["status"] == "secondary" for e in used):
        flags.append("secondary_source")
    if any(e["converted_from"] for e in used):
        flags.append("definition_converted")
    if any(other_definition(e) for e in used):
        flags.append("definition_other")
    status = target.verdict(value, value_decimals(value, method, evidence, target.unit)) if used else Verdict.NO_DATA.value
    if used and _other_known_territory(used, st):
        # the deciding figure is for another territory than the target's: quoted, not judged
        status = Verdict.INSUFFICIENT.value
        flags.append("not_comparable_territory")
    return Assessment(
        target,
        status,
        value if used else math.nan,
        method,
        evidence,
        list(dict.fromkeys(flags)),
        trajectory(target, ev_obs, st),
        study=st,
    )


def assess_all(obs: pd.DataFrame, study: str | Study | None, targets: list[Target] | None = None) -> list[Assessment]:
    """Assess every target of a study (or the ``targets`` given, e.g. what-if variants) in report order."""
    ev_obs, st = study_evidence(obs, study)
    targets = list(targets) if targets is not None else list(st.targets)
    return [assess(t, ev_obs, st) for t in targets]
