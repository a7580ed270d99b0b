"""The scorecard: every target of a study in the order of its report outline.

``scorecard(obs, study)`` returns (and with ``write=True`` writes
``data/processed/<study>/scorecard.csv``, ``trajectory.csv`` and ``derived.csv``)
one row per target: target, the value of each reporting year (columns
``y<year>``; the years come from the study), the base-year value and the average
growth still required from it, the period value, status in the review
vocabulary, trajectory band, evidence status, boundary, sources and a
one-sentence Vietnamese statement of the result. Targets without data say which
table or report would settle them and who holds it.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.core.atomic import write_csv_atomic
from analysis.core.paths import processed_dir
from analysis.core.vocabulary import JUDGED, Status, Verdict, is_growth_rate, verdict_label
from analysis.evidence.definitions import is_converted, other_definition
from analysis.evidence.select import select_best
from analysis.sources.manifest import cached_vocabulary
from analysis.sources.submissions import read_submissions
from analysis.studies.study import Study
from analysis.studies.targets import Target
from analysis.wording.labels import QUALIFIER_VI
from analysis.wording.sentences import clean_request, restatement
from analysis.wording.text import decimals_text
from analysis.wording.vnformat import fmt_amount_vi, fmt_vn, record_decimals

from .inyear import IN_YEAR_COLUMNS, in_year_table
from .ranking import SCORECARD_RANK_COLUMNS, rank_cells, study_rankings
from .target_evidence import annual_key, study_evidence, vocab_of
from .trajectories import TRAJECTORY_COLUMNS
from .verdicts import Assessment, assess_all

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = ["scorecard", "yearly_values", "scorecard_columns", "baseline", "evidence_roles"]

_HEAD = [
    "order",
    "target_id",
    "outline_item",
    "outline_vi",
    "theme",
    "indicator",
    "target_vi",
    "target_en",
    "target_text_vi",
    "unit",
    "translated",
    "restates",
]
_TAIL = [
    "yearly_unit",
    "yearly_status",
    "base_year",
    "baseline",
    "baseline_status",
    "baseline_boundary",
    "baseline_source",
    "baseline_qualifier",
    "required_avg_growth",
    "period",
    "actual",
    "decimals",
    "method",
    "verdict",
    "status",
    "status_en",
    "trajectory",
    "trajectory_year",
    "evidence_status",
    "boundary",
    "flags",
    "sources",
    "source_refs",
    "statement_vi",
    "data_needed",
    "data_from",
    "definition",
] + IN_YEAR_COLUMNS[1:]  # in-year columns: annual plans only


def scorecard_columns(years: list[int]) -> list[str]:
    """The scorecard's columns for a study reporting on ``years``."""
    return _HEAD + [f"y{y}" for y in years] + _TAIL + SCORECARD_RANK_COLUMNS


def yearly_values(target: Target, obs: pd.DataFrame, study: str | Study | None) -> dict[int, tuple[float, str, str]]:
    """Best annual value of the target's yearly indicator: {year: (value, status, obs_id)}.

    Growth targets show the annual growth indicator; share and ratio targets the
    indicator itself. Years without evidence are absent (shown as gaps).
    """
    obs, st = study_evidence(obs, study)
    key = annual_key(target, vocab_of(obs)) if target.measure == "period_avg_growth" else target.indicator
    out: dict[int, tuple[float, str, str]] = {}
    if not key:
        return out
    unit = None if target.measure == "period_avg_growth" else target.unit
    for y in st.reporting_years:
        ev = select_best(obs, key, str(y), province=st.province, boundary=st.boundary_preference, unit=unit)
        if ev.found:
            out[y] = (ev.value, ev.chosen["status"], ev.chosen["obs_id"])
    return out


def baseline(target: Target, obs: pd.DataFrame, study: str | Study | None) -> dict[str, Any]:
    """The base-year value of a target's quantity (the study's own territory only) and the growth still required.

    For level, share and ratio targets ``required_avg_growth`` is the average
    growth (%/yr) that takes the base-year value to the goal by the target year,
    ((goal / base)^(1/n) − 1) × 100; for growth targets it is the goal itself and
    the baseline is the base year's annual growth (context only).
    """
    import math

    obs, st = study_evidence(obs, study)
    out = {
        "baseline": math.nan,
        "baseline_status": "",
        "baseline_boundary": "",
        "baseline_source": "",
        "baseline_qualifier": "",
        "required_avg_growth": math.nan,
    }
    if not target.numeric or target.measure == "cumulative_sum":
        return out
    growth = _growth_rate_target(target, vocab_of(obs))
    key = annual_key(target, vocab_of(obs)) if target.measure == "period_avg_growth" else target.indicator
    if not key:
        return out
    ev = select_best(
        obs,
        key,
        str(target.base_year),
        province=st.province,
        boundary=[st.boundary, "unknown"],
        unit=None if growth else target.unit,
    )
    if ev.found:
        out.update(
            baseline=ev.value,
            baseline_status=ev.chosen["status"],
            baseline_boundary=ev.chosen["boundary"],
            baseline_source=ev.chosen["obs_id"],
            baseline_qualifier=ev.chosen["qualifier"],
        )
    if growth:
        out["required_avg_growth"] = target.goal
    elif ev.found and ev.value > 0 and target.goal > 0:
        n = target.target_year - target.base_year
        out["required_avg_growth"] = ((target.goal / ev.value) ** (1 / n) - 1) * 100
    return out


def _growth_rate_target(t: Target, voc: dict[str, dict[str, str]]) -> bool:
    """An average growth target, or a target on the growth rate of one year (an annual plan's "GRDP tăng 10%"):
    :func:`analysis.core.vocabulary.is_growth_rate`."""
    return is_growth_rate(t.measure, voc.get(t.indicator, {}).get("kind", ""))


def _target_vi(t: Target, st: Study) -> str:
    """The target in Vietnamese: its wording, or for one seen only in an English translation, the
    indicator's Vietnamese name and the target in review notation, marked as such."""
    if not t.translated:
        # a table cell starts with a capital even where the wording is quoted from mid-sentence
        return t.wording_vi[:1].upper() + t.wording_vi[1:]

    name = cached_vocabulary(st.root).get(t.indicator, {}).get("label_vi", t.indicator)
    return f"{name} {t.text_vi()} (theo bản dịch tiếng Anh, chưa đối chiếu văn bản tiếng Việt)"


def _printed(obs: Any, ids: list[str]) -> dict[str, dict[str, Any]]:
    """The store's records of ``ids`` (their printed values decide the decimals shown)."""
    sel = obs[obs["obs_id"].isin([i for i in ids if i])]
    cols = ["obs_id", "value", "unit", "value_as_printed", "source_kind", "definition", "transform"]
    return {r["obs_id"]: r for r in sel[[c for c in cols if c in sel]].to_dict("records")}


def _definitions(recs: list[dict[str, Any]]) -> set[str]:
    """The definitions a series' values were published in (a converted value counts as its source's)."""
    return {other_definition(r) or is_converted(r) for r in recs}


def _decimals(rec: dict[str, Any] | None, value: float, unit: str) -> int:
    """Decimals of a value taken from one observation (as printed), in the unit it is shown in."""
    return record_decimals({**(rec or {}), "value": value, "unit": unit})


def _baseline_sentence(t: Target, a: Assessment, bl: dict[str, Any], decimals: int | None = None, growth: bool = False) -> str:
    """For a target without data yet: its base-year value and the average growth the target requires from it
    (for a growth target, ``growth``: the base year's growth, for context)."""
    import math

    if a.status != Verdict.NO_DATA or math.isnan(bl["baseline"]):
        return ""
    status = Status(bl["baseline_status"]).vi if bl["baseline_status"] else ""
    said = QUALIFIER_VI.get(bl["baseline_qualifier"], "")  # "hơn 29,0%" where the source says "hơn 29%"
    if growth or t.measure == "period_avg_growth":
        rate = f"{said} {fmt_vn(bl['baseline'], 2 if decimals is None else decimals)}%".strip()
        return f" Năm gốc {t.base_year} tăng {rate} ({status}, {bl['baseline_source']})."
    need = bl["required_avg_growth"]
    if t.unit == "percent":
        # a share or rate: the change a review states is in percentage points a year, (goal − base) / n
        # (its relative growth, required_avg_growth, would read as points to an official)
        pts = (t.goal - bl["baseline"]) / (t.target_year - t.base_year)
        verb = "tăng" if pts >= 0 else "giảm"
        tail = f"; để đạt mục tiêu cần {verb} bình quân {fmt_vn(abs(pts), 1)} điểm %/năm"
    else:
        tail = f"; để đạt mục tiêu cần tăng bình quân {fmt_vn(need, 1)}%/năm" if not math.isnan(need) else ""
    value = f"{said} {fmt_amount_vi(bl['baseline'], t.unit, decimals)}".strip()
    return f" Năm gốc {t.base_year}: {value} ({status}, {bl['baseline_source']}){tail}."


def _statement(
    a: Assessment, st: Study, bl: dict[str, Any], submitted: dict[str, Any] | None, base_decimals: int | None = None
) -> str:
    """The row's result sentence: the assessment's, an agency's assessment of a qualitative target, or,
    for a target that restates another, a pointer to that one's result."""

    t = a.target
    if t.restates:
        return restatement(t, next(o for o in st.targets if o.id == t.restates))
    if submitted:
        # the agency's document when it cites one, else its returned form (file name and row, no folder)
        cited = submitted.get("document") or (f"biểu mẫu {Path(submitted['raw_file']).name}, dòng {submitted['raw_line']}")
        return f"{t.wording_vi}: đánh giá của {submitted['agency']}: {submitted['text'].rstrip('.')} (theo {cited})."
    return a.statement_vi() + _baseline_sentence(t, a, bl, base_decimals, _growth_rate_target(t, cached_vocabulary(st.root)))


def _row(a: Assessment, obs: pd.DataFrame, st: Study, submitted: dict[str, Any] | None = None) -> dict[str, Any]:
    t = a.target
    yv = yearly_values(t, obs, st)
    bl = baseline(t, obs, st)
    traj = a.trajectory
    last = traj.iloc[-1] if traj is not None and len(traj) else None
    row: dict[str, Any] = {
        "order": t.order,
        "target_id": t.id,
        "outline_item": t.outline_item,
        "outline_vi": t.outline_vi,
        "theme": t.theme,
        "indicator": t.indicator,
        "target_vi": _target_vi(t, st),
        "target_en": t.wording_en,
        "target_text_vi": t.text_vi(),
        "unit": t.unit,
        "translated": t.translated,
        "restates": t.restates,
    }
    for y in st.reporting_years:
        row[f"y{y}"] = yv[y][0] if y in yv else math.nan
    # the decimals each value is shown with, as its source printed it (one rule, every output)
    recs = _printed(obs, [o for _, _, o in yv.values()] + [bl["baseline_source"]])
    yunit = "percent" if t.measure == "period_avg_growth" else t.unit
    decimals: dict[str, int] = {str(y): _decimals(recs.get(yv[y][2]), yv[y][0], yunit) for y in sorted(yv)}
    if not math.isnan(bl["baseline"]):
        decimals["baseline"] = _decimals(
            recs.get(bl["baseline_source"]), bl["baseline"], yunit if t.measure == "period_avg_growth" else t.unit
        )
    if not math.isnan(a.value):
        decimals["actual"] = a.decimals
    # a series joining values published in different definitions says so (never silently)
    mixed = len(_definitions([recs[o] for _, _, o in yv.values() if o in recs])) > 1
    flags = a.flags + (["definition_mixed"] if mixed and "definition_mixed" not in a.flags else [])
    row.update(
        {
            "yearly_unit": "percent" if t.measure == "period_avg_growth" else t.unit,
            "yearly_status": "; ".join(f"{y}:{yv[y][1]}:{yv[y][2]}" for y in st.reporting_years if y in yv),
            "base_year": t.base_year,
            **bl,
            "period": t.period if t.numeric else "",
            "actual": a.value,
            "decimals": decimals_text(decimals),
            "method": a.method,
            "verdict": a.status,
            "status": verdict_label(a.status, a.evidence_status),
            "status_en": Verdict(a.status).en,
            # the band of the last year, only beside a verdict it can be read with (judged on the target's territory)
            "trajectory": "" if last is None or a.status not in JUDGED else f"{last['band']} ({last['band_vi']})",
            "trajectory_year": "" if last is None else str(int(last["year"])),
            "evidence_status": a.evidence_status,
            "boundary": a.boundary,
            "flags": "; ".join(flags),
            "sources": a.sources,
            "source_refs": a.source_refs,
            "statement_vi": _statement(a, st, bl, submitted, decimals.get("baseline")),
            # the request in the statistics office's words ("ngành C" → "ngành công nghiệp chế biến, chế tạo")
            "data_needed": clean_request(t.data_needed) if a.status in {Verdict.NO_DATA, Verdict.QUALITATIVE} else "",
            "data_from": t.data_from,
            "definition": t.definition,
        }
    )
    return row


EVIDENCE_ROLE_COLUMNS = ["target_id", "period", "obs_id", "role", "value", "status", "boundary"]


def evidence_roles(results: list[Assessment], obs: pd.DataFrame, study: Study) -> pd.DataFrame:
    """Every observation behind or against each verdict, as a table.

    One row per (target, observation): ``role`` is ``used``, ``agrees``, ``conflict``,
    ``other_boundary``, ``other_basis``, ``derived_input`` (an input of a derived value that
    was used) or ``yearly`` (the value shown for a reporting year).
    """
    import pandas as pd

    by_id = obs.set_index("obs_id")
    rows = []
    for a in results:
        t = a.target
        for e in a.evidence:
            rows.append(
                {
                    "target_id": t.id,
                    "period": e["period"],
                    "obs_id": e["obs_id"],
                    "role": e["role"],
                    "value": e["value"],
                    "status": e["status"],
                    "boundary": e["boundary"],
                }
            )
            if e["role"] == "used" and e.get("inputs"):
                for i in str(e["inputs"]).split("; "):
                    r = by_id.loc[i]
                    rows.append(
                        {
                            "target_id": t.id,
                            "period": r["period"],
                            "obs_id": i,
                            "role": "derived_input",
                            "value": r["value"],
                            "status": r["status"],
                            "boundary": r["boundary"],
                        }
                    )
        for y, (v, status, oid) in yearly_values(t, obs, study).items():
            rows.append(
                {
                    "target_id": t.id,
                    "period": str(y),
                    "obs_id": oid,
                    "role": "yearly",
                    "value": v,
                    "status": status,
                    "boundary": by_id.loc[oid, "boundary"],
                }
            )
    return (
        pd.DataFrame(rows, columns=EVIDENCE_ROLE_COLUMNS)
        .drop_duplicates(["target_id", "period", "obs_id", "role"])
        .reset_index(drop=True)
    )


def scorecard(
    obs: pd.DataFrame, study: str | Study | None, *, targets: list[Target] | None = None, write: bool = False
) -> pd.DataFrame:
    """Assess every target of a study and return the scorecard (optionally writing the CSVs).

    Parameters
    ----------
    obs : pandas.DataFrame
        The evidence store (:func:`analysis.build_observations` or the persisted
        ``data/processed/observations.csv``).
    study : Study or str
        The study (its id, or a loaded :class:`~analysis.studies.study.Study`).
    targets : list of Target, optional
        Targets to assess instead of the study's (what-if assumptions).
    write : bool
        Write ``scorecard.csv``, ``trajectory.csv``, ``derived.csv`` and ``evidence.csv``
        (:func:`evidence_roles`) to ``data/processed/<study>/``.
    """
    import pandas as pd

    ev_obs, st = study_evidence(obs, study)
    results = assess_all(ev_obs, st, targets)
    qualitative = {t.id for t in st.targets if not t.numeric}
    texts = {
        r["target_id"]: r
        for r in read_submissions(st.root)[1]  # the agencies' assessments of
        if r["study"] == st.id and r["target_id"] in qualitative
    }  # qualitative targets only
    # the study province among its peers, ranked on the whole store (every province), not the study's evidence
    ranks = rank_cells(study_rankings(obs, st), st, vocab_of(ev_obs))
    blank = dict.fromkeys(SCORECARD_RANK_COLUMNS, "")
    rows = pd.DataFrame([_row(a, ev_obs, st, texts.get(a.target.id)) | ranks.get(a.target.id, blank) for a in results])
    iy = in_year_table(ev_obs, st)
    card = rows.merge(iy, on="target_id", how="left")[scorecard_columns(st.reporting_years)]
    card = card.sort_values("order", kind="stable").reset_index(drop=True)
    if write:
        out = processed_dir(st.root) / st.id
        write_csv_atomic(card, out / "scorecard.csv")  # full precision: read back by analysis.pipeline.results
        trajs = [a.trajectory for a in results if a.trajectory is not None and len(a.trajectory)]
        traj = pd.concat(trajs, ignore_index=True) if trajs else pd.DataFrame(columns=TRAJECTORY_COLUMNS)
        write_csv_atomic(traj.round(4), out / "trajectory.csv")
        write_csv_atomic(ev_obs[ev_obs["source_kind"] == "derived"].round(6), out / "derived.csv")
        write_csv_atomic(evidence_roles(results, ev_obs, st).round(6), out / "evidence.csv")
    return card
