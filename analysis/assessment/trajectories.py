"""Year-by-year progress of one target of a study (open-sdg progress measure, :mod:`analysis.assessment.progress`).

:func:`trajectory` gathers, for every in-period year with evidence, the value (the
level or share of the year, or the average growth to date) and the base-year value
of the same territory (:func:`_trajectory_inputs`), then bands the rows with
:func:`analysis.assessment.progress.progress_frame`: R = d · observed / |required|, R ≥ 0.95
on track; 0.60–0.95 acceleration needed; 0–0.60 limited progress; R < 0
deterioration; a year that meets the target is "achieved". The columns are
:data:`TRAJECTORY_COLUMNS`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from analysis.evidence.indicators import weakest_status
from analysis.evidence.select import select_best
from analysis.studies.study import Study
from analysis.studies.target_schema import FINAL_YEAR_MEASURES
from analysis.studies.targets import Target

from .progress import progress_frame
from .target_evidence import _best, _growth_from_chain, _growth_from_levels, study_evidence

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = ["TRAJECTORY_COLUMNS", "trajectory"]

TRAJECTORY_COLUMNS = [
    "target_id",
    "year",
    "value",
    "observed_avg_growth",
    "required_avg_growth",
    "ratio",
    "band",
    "band_vi",
    "band_reason",
    "remaining_required",
    "status",
    "boundary",
    "sources",
]


def _trajectory_inputs(t: Target, obs: pd.DataFrame, st: Study) -> list[dict[str, Any]]:
    """One row per in-period year with evidence: the value (average growth to date, or the level) and its base."""
    rows: list[dict[str, Any]] = []
    common = {
        "target_id": t.id,
        "kind": t.kind,
        "lower": t.lower,
        "upper": t.upper,
        "measure": t.measure,
        "total": t.target_year - t.base_year,
    }
    if t.measure == "period_avg_growth":
        for y in range(t.base_year + 1, t.target_year + 1):
            g, _, _ = _growth_from_levels(t, obs, st, y)
            if g is None:
                g, _, _ = _growth_from_chain(t, obs, st, y)
            if g is not None:
                rows.append(
                    common
                    | {
                        "year": y,
                        "elapsed": y - t.base_year,
                        "value": g.value,
                        "base_value": math.nan,
                        "status": g.status,
                        "boundary": g.boundary,
                        "sources": "; ".join(g.sources),
                    }
                )
        return rows
    if t.measure not in FINAL_YEAR_MEASURES and t.measure != "ratio":
        return rows
    # the base must be of the study's own territory and of the same territory as the year compared
    base = select_best(obs, t.indicator, str(t.base_year), province=st.province, boundary=st.boundary_preference, unit=t.unit)
    for y in range(t.base_year + 1, t.target_year + 1):
        ev = _best(obs, st, t.indicator, str(y), unit=t.unit)
        if not ev.found or ev.chosen["boundary"] not in {st.boundary, "unknown"}:
            continue  # a year of another territory says nothing about this target's progress
        same = base.found and base.chosen["boundary"] == ev.chosen["boundary"]
        ids = ev.chosen["obs_id"] + (f"; {base.chosen['obs_id']}" if same else "")
        rows.append(
            common
            | {
                "year": y,
                "elapsed": y - t.base_year,
                "value": ev.value,
                "base_value": base.value if same else math.nan,
                "status": ev.chosen["status"] if not same else weakest_status([ev.chosen["status"], base.chosen["status"]]),
                "boundary": ev.chosen["boundary"],
                "sources": ids,
                "_base_note": "" if same or not base.found else "base year of another territory",
            }
        )
    return rows


def trajectory(target: Target, obs: pd.DataFrame, study: str | Study | None) -> pd.DataFrame:
    """Year-by-year progress towards a target (open-sdg progress measure, :mod:`analysis.assessment.progress`).

    The ratio is R = d · CAGR_observed / |CAGR_required| (d = −1 for "at most"/"below"
    targets), rounded to 3 decimals before the thresholds 0.95 / 0.60 / 0, measured
    against the bound as written (a "cơ bản đạt" year is banded by its ratio). A year whose
    value meets the target is ``achieved``; without a base-year value of the same
    territory the band is ``no_base`` with the reason in ``band_reason``.

    Returns
    -------
    pandas.DataFrame
        One row per in-period year with evidence: ``year``, ``value`` (the level,
        share or average growth to date), ``observed_avg_growth`` and
        ``required_avg_growth`` (%/yr from the base year), ``ratio``, ``band``,
        ``band_vi``, ``band_reason``, ``remaining_required`` (%/yr the remaining years
        need), ``status`` (weakest evidence), ``boundary`` and ``sources``.
    """
    import pandas as pd

    obs, st = study_evidence(obs, study)
    rows = _trajectory_inputs(target, obs, st) if target.numeric else []
    if not rows:
        return pd.DataFrame(columns=TRAJECTORY_COLUMNS)
    out = progress_frame(pd.DataFrame(rows))
    note = out.pop("_base_note") if "_base_note" in out else None
    if note is not None:
        mask = (note != "") & (out["band"] == "no_base")
        out.loc[mask, "band_reason"] = note[mask]
    return out[TRAJECTORY_COLUMNS].reset_index(drop=True)
