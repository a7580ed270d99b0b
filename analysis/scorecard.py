"""The scorecard: every target in the order of Section I of the report outline.

``scorecard()`` returns (and with ``write=True`` writes
``data/processed/scorecard.csv`` and ``trajectory.csv``) one row per target:
target, yearly values 2021–2025, the period value, status in the review
vocabulary, trajectory band, evidence status, boundary, sources and a
one-sentence Vietnamese statement of the result. Targets without data say which
table or report would settle them and who holds it.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from .assessment import BANDS, BOUNDARY_PREFERENCE, Assessment, assess_all
from .evidence import select_best
from .targets import VERDICT_EN, Target

__all__ = ["scorecard", "yearly_values", "SCORECARD_COLUMNS", "YEARS"]

YEARS = [2021, 2022, 2023, 2024, 2025]
SCORECARD_COLUMNS = (
    ["order", "target_id", "outline_item", "outline_vi", "indicator", "target_vi", "target_en", "target_text_vi",
     "unit"]
    + [f"y{y}" for y in YEARS]
    + ["yearly_status", "period", "actual", "method", "status", "status_en", "trajectory", "trajectory_year",
       "evidence_status", "boundary", "flags", "sources", "source_refs", "statement_vi", "data_needed", "data_from",
       "definition"]
)


def yearly_values(target: Target, obs: Any) -> dict[int, tuple[float, str, str]]:
    """Best annual value of the target's yearly indicator: {year: (value, status, obs_id)}.

    Growth targets show the annual growth indicator; share and ratio targets the
    indicator itself. Years without evidence are absent (shown as gaps).
    """
    key = target.annual_indicator if target.measure == "period_avg_growth" else target.indicator
    out: dict[int, tuple[float, str, str]] = {}
    if not key:
        return out
    unit = None if target.measure == "period_avg_growth" else target.unit
    for y in YEARS:
        ev = select_best(obs, key, str(y), boundary=BOUNDARY_PREFERENCE, unit=unit)
        if ev.found:
            out[y] = (ev.value, ev.chosen["status"], ev.chosen["obs_id"])
    return out


def _row(a: Assessment, obs: Any) -> dict[str, Any]:
    t = a.target
    yv = yearly_values(t, obs)
    traj = a.trajectory
    last = traj.iloc[-1] if traj is not None and len(traj) else None
    row: dict[str, Any] = {
        "order": t.order, "target_id": t.id, "outline_item": t.outline_item, "outline_vi": t.outline_vi,
        "indicator": t.indicator, "target_vi": t.wording_vi, "target_en": t.wording_en,
        "target_text_vi": t.text_vi(), "unit": t.unit,
    }
    for y in YEARS:
        row[f"y{y}"] = yv[y][0] if y in yv else math.nan
    row.update({
        "yearly_status": "; ".join(f"{y}:{yv[y][1]}:{yv[y][2]}" for y in YEARS if y in yv),
        "period": t.period if t.numeric else "", "actual": a.value, "method": a.method, "status": a.status,
        "status_en": VERDICT_EN[a.status],
        "trajectory": "" if last is None else f"{last['band']} ({BANDS[last['band']][0]})" if last["band"] else "",
        "trajectory_year": "" if last is None else int(last["year"]),
        "evidence_status": a.evidence_status, "boundary": a.boundary, "flags": "; ".join(a.flags),
        "sources": a.sources, "source_refs": a.source_refs, "statement_vi": a.statement_vi(),
        "data_needed": t.data_needed if a.status in {"chưa có số liệu", "định tính"} else "",
        "data_from": t.data_from, "definition": t.definition,
    })
    return row


def scorecard(obs: Any = None, *, root: str | Path | None = None, write: bool = False) -> "pd.DataFrame":  # noqa: F821
    """Assess every target and return the scorecard (optionally writing the CSVs).

    Parameters
    ----------
    obs : pandas.DataFrame, optional
        Evidence store; rebuilt from ``data/raw/`` when omitted.
    root : path, optional
        Project root (default: this checkout).
    write : bool
        Write ``data/processed/scorecard.csv`` and ``data/processed/trajectory.csv``.
    """
    import pandas as pd

    from .atomic import write_csv_atomic
    from .paths import processed_dir
    from .store import build_observations

    if obs is None:
        obs = build_observations(root)
    results = assess_all(obs, root=root)
    card = pd.DataFrame([_row(a, obs) for a in results], columns=SCORECARD_COLUMNS)
    card = card.sort_values("order", kind="stable").reset_index(drop=True)
    if write:
        write_csv_atomic(card.round(4), processed_dir(root) / "scorecard.csv")
        traj = pd.concat([a.trajectory for a in results if a.trajectory is not None and len(a.trajectory)],
                         ignore_index=True)
        write_csv_atomic(traj.round(4), processed_dir(root) / "trajectory.csv")
    return card
