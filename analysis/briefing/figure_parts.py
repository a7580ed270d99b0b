"""Shared parts of the briefing figures (:mod:`analysis.briefing.figures`).

Panel grids with a title and subtitle, Vietnamese notation on axes, the scorecard row
of a target, the qualifier of each observation, the notes under a chart (the "khoảng"
tolerance as an assumption of this suite; values of another territory or definition)
and the source line naming the observation ids with their evidence status.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from analysis.core.vocabulary import Status
from analysis.sources.manifest import cached_vocabulary
from analysis.studies.study import Study
from analysis.studies.targets import Target
from analysis.wording.labels import flag_sentences, unit_vi
from analysis.wording.vnformat import fmt_vn

from .style import SIZE_16_9, fit_width, house_style, note_line, vi_title, vn_tick, wrap_text

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = [
    "_NO_DATA",
    "_COMPARABILITY",
    "_nan",
    "_wrap",
    "_other_territory",
    "_vn_axis",
    "_panels",
    "_row",
    "_qualifiers",
    "_tolerance_note",
    "_caveats",
    "_notes",
    "_ids_text",
    "_target_label",
    "_restates",
    "_distinct",
    "_baseline",
    "_unit_text",
]

_NO_DATA = "chưa có\nsố liệu"
#: flags that mean a value is not of the target's own territory or definition (a note goes on the chart)
_COMPARABILITY = (
    "boundary_merged",
    "boundary_pre2025",
    "boundary_unknown",
    "boundary_mixed",
    "other_boundary_values",
    "conflicting_sources",
    "published_average",
)


def _nan(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _wrap(text: str, width: int) -> str:
    return wrap_text(text, width)


def _other_territory(boundary: str, study: Study) -> str:
    """'merged2025' marks a dashed edge: any boundary other than the study's own."""
    return "merged2025" if boundary and study.boundary not in str(boundary).split("/") else "own"


def _vn_axis(ax: Any, axis: str = "y", decimals: int | None = None) -> None:
    """Vietnamese notation on an axis (as few decimals as each tick needs, or a fixed number)."""
    from matplotlib.ticker import FuncFormatter

    fmt = FuncFormatter(vn_tick if decimals is None else (lambda v, _: fmt_vn(v, decimals)))
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def _panels(n: int, title: str, subtitle: str, cols: int | None = None) -> tuple[Any, list[Any]]:
    import matplotlib.pyplot as plt

    house_style()
    cols = cols or min(max(n, 1), 4)
    rows = math.ceil(max(n, 1) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=SIZE_16_9, squeeze=False)
    fig.subplots_adjust(left=0.08, right=0.98, top=0.72 if rows == 1 else 0.76, bottom=0.25, wspace=0.3, hspace=0.75)
    fit_width(fig, fig.suptitle(vi_title(title), x=0.08, y=0.96, ha="left", fontsize=14, fontweight="bold"), min_size=12)
    fit_width(fig, fig.text(0.08, 0.905, wrap_text(subtitle, 125), ha="left", va="top", fontsize=9.5, color="#444444"))
    flat = [a for row in axes for a in row]
    for a in flat[n:]:
        a.set_axis_off()
    return fig, flat[:n]


def _row(card: pd.DataFrame, tid: str) -> dict[str, Any]:
    return card.set_index("target_id").loc[tid].to_dict()


def _restates(row: dict[str, Any]) -> str:
    """The id of the target a scorecard row restates from another document ('' for none, or no such column)."""
    v = row.get("restates", "")
    return "" if _nan(v) or str(v).strip().lower() in {"", "nan"} else str(v).strip()


def _distinct(card: pd.DataFrame, targets: list[Target]) -> list[Target]:
    """One target per quantity: those whose scorecard row restates another target are left out."""
    if "restates" not in card.columns:
        return list(targets)
    again = {r["target_id"] for r in card.to_dict("records") if _restates(r)}
    return [t for t in targets if t.id not in again]


def _baseline(row: dict[str, Any]) -> dict[str, Any] | None:
    """The base-year value of a scorecard row (value, status, source id, boundary, year), or None."""
    v = row.get("baseline")
    try:
        v = float(v)
    except (TypeError, ValueError):
        return None
    if math.isnan(v):
        return None
    text = {
        k: ("" if _nan(row.get(k)) else str(row.get(k)))
        for k in ("baseline_status", "baseline_source", "baseline_boundary", "base_year", "baseline_qualifier")
    }
    return {
        "value": v,
        "status": text["baseline_status"],
        "source": text["baseline_source"],
        "boundary": text["baseline_boundary"],
        "year": text["base_year"].split(".")[0],
        "qualifier": text["baseline_qualifier"],
    }


def _unit_text(unit: str) -> str:
    """An axis unit in Vietnamese (``%``, ``tỷ đồng``, ``USD/người``)."""
    return unit_vi(unit).strip() or unit


def _qualifiers(ev_obs: pd.DataFrame, ids: list[str]) -> list[str]:
    """The qualifier (exact / lower_bound / approximate) of each observation id ('' for none)."""
    q = dict(zip(ev_obs["obs_id"], ev_obs["qualifier"].fillna(""), strict=True))
    return [q.get(i, "") if i else "" for i in ids]


def _tolerance_note(targets: list[Target]) -> str:
    """``Dung sai 'khoảng' ±0,5 điểm % (T03, T04): giả định của bộ công cụ, …`` ('' when no 'about' target)."""
    groups: dict[str, list[str]] = {}
    for t in targets:
        if t.kind == "about" and t.about_tolerance:
            unit = "điểm %" if t.unit == "percent" else unit_vi(t.unit)
            groups.setdefault(f"±{vn_tick(t.about_tolerance)} {unit}", []).append(t.id)
    if not groups:
        return ""
    parts = "; ".join(f"{k} ({', '.join(v)})" for k, v in groups.items())
    return f"Dung sai của mục tiêu 'khoảng': {parts} — giả định của bộ công cụ, không có trong nghị quyết."


def _caveats(card: pd.DataFrame, targets: list[Target]) -> list[str]:
    """One note per target whose value is of another territory or definition than the target's."""
    out = []
    rows = card.set_index("target_id")
    for t in targets:
        if t.id not in rows.index or _nan(rows.loc[t.id, "actual"]):
            continue
        flags = [f.strip() for f in str(rows.loc[t.id, "flags"] or "").split(";") if f.strip() in _COMPARABILITY]
        if flags:
            out.append(f"{t.id}: " + " ".join(flag_sentences("; ".join(flags))))
    return out


def _notes(fig: Any, lines: list[str], y: float = 0.058) -> None:
    text = " ".join(x for x in lines if x)
    if text:
        note_line(fig, "Lưu ý: " + text, y)


def _ids_text(ids: list[str], statuses: dict[str, str] | None = None) -> str:
    seen = [i for i in dict.fromkeys(ids) if i and i != "nan"]
    if not seen:
        return "chưa có số liệu"
    return "số liệu " + "; ".join(
        f"{i} ({Status(statuses[i]).vi})" if statuses and statuses.get(i) in Status._value2member_map_ else i for i in seen
    )


def _target_label(t: Target, study: Study) -> str:
    """The target as a figure label: its wording, or for a target seen only in translation, the
    indicator's Vietnamese name, the target in review notation and '(theo bản dịch)'."""
    if not t.translated:
        return f"{t.id} {t.wording_vi}"

    root = getattr(study, "root", None)
    name = cached_vocabulary(root).get(t.indicator, {}).get("label_vi", t.indicator)
    return f"{t.id} {name} {t.text_vi()} (theo bản dịch)"
