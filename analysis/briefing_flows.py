"""Briefing figure of cumulative targets (:func:`fig_flows`, re-exported by :mod:`analysis.briefing_figures`).

Annual flows and the period total against the target, on separate panels.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .assessment import study_evidence
from .briefing import best_series
from .briefing_figure_parts import (
    _NO_DATA,
    _caveats,
    _ids_text,
    _nan,
    _notes,
    _other_territory,
    _panels,
    _qualifiers,
    _row,
    _tolerance_note,
    _vn_axis,
    _wrap,
)
from .figures import OKABE_ITO, bar_with_evidence, draw_target, evidence_legend, source_line, vn_tick
from .report_text import unit_vi
from .study import Study
from .targets import Target
from .vnformat import UNIT_VI, fmt_amount_vi, fmt_vn

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = ["fig_flows"]


def _flow_panels(ax_y: Any, ax_t: Any, t: Target, s: Any, r: dict[str, Any], st: Study, ev_obs: Any) -> None:
    """Yearly flows (left) and the period total against the target (right) of one cumulative target."""
    years = list(s["year"])
    bar_with_evidence(ax_y, list(range(len(years))), list(s["value"]), list(s["status"]),
                      [_other_territory(b, st) for b in s["boundary"]], colour=OKABE_ITO[1],
                      fmt=lambda v: fmt_vn(v, 0), qualifiers=_qualifiers(ev_obs, list(s["obs_id"])))
    ax_y.set_xticks(range(len(years)), [str(y) for y in years], fontsize=7)
    ax_y.set_xlim(-0.6, len(years) - 0.4)
    for xi, v in enumerate(s["value"]):
        if _nan(v):
            ax_y.annotate(_NO_DATA, (xi, 0), xytext=(0, 3), textcoords="offset points", ha="center", fontsize=6,
                          color="#777777")
    unit = UNIT_VI.get(t.unit, t.unit).strip()
    ax_y.set_title(_wrap(f"{t.id} từng năm ({unit})", 60), fontsize=9)
    finite = [v for v in s["value"] if not _nan(v)]
    ax_y.set_ylim(0, max(finite) * 1.25 if finite else 1)
    if not finite:
        ax_y.set_yticks([])
    used = [x for x in str(r["sources"]).split("; ") if x and x != "nan"]
    bar_with_evidence(ax_t, [0], [r["actual"]], [r["evidence_status"]], [_other_territory(r["boundary"], st)],
                      colour=OKABE_ITO[1], fmt=lambda v, u=t.unit: fmt_amount_vi(v, u),
                      qualifiers=_qualifiers(ev_obs, used[:1]) if len(used) == 1 else None, thickness=0.5)
    tol = t.about_tolerance if t.kind == "about" else 0.0
    unit_text = "điểm %" if t.unit == "percent" else unit_vi(t.unit)
    draw_target(ax_t, t.lower, t.upper if t.kind in {"range", "about"} else None, tol, label=f"mục tiêu {t.text_vi()}",
                tolerance_label=f"±{vn_tick(tol)} {unit_text}: dung sai 'khoảng' (giả định)")
    if _nan(r["actual"]):
        ax_t.annotate(_NO_DATA, (0, 0), xytext=(0, 3), textcoords="offset points", ha="center", fontsize=7)
    ax_t.set_xticks([0], [f"tổng {t.base_year}–{t.target_year}"], fontsize=7)
    ax_t.set_xlim(-1, 1)
    top = max([t.lower, t.goal] + ([t.upper + tol] if not _nan(t.upper) else [])
              + ([r["actual"]] if not _nan(r["actual"]) else []))
    ax_t.set_ylim(0, top * 1.9)
    ax_t.set_title(_wrap(f"{t.id} tổng kỳ so với mục tiêu {t.text_vi()}", 60), fontsize=9)
    ax_t.legend(loc="upper left", fontsize=6.5, ncol=2)
    for a in (ax_y, ax_t):
        _vn_axis(a)


def fig_flows(obs: pd.DataFrame, study: str | Study, card: pd.DataFrame, targets: list[Target]) -> Any:
    """Cumulative targets: annual flows (left panel) and the period total against the target (right panel)."""
    ev_obs, st = study_evidence(obs, study)
    cum = [t for t in targets if t.measure == "cumulative_sum"]
    fig, axes = _panels(2 * len(cum), "Thu hút đầu tư",
                        f"{st.short_title_vi} — trái: từng năm; phải: tổng kỳ so với mục tiêu", cols=2)
    srcs, statuses, others, by_id = [], [], [], {}
    for k, t in enumerate(cum):
        years = list(range(t.base_year, t.target_year + 1))
        s = best_series(ev_obs, st, t.indicator, years, unit=t.unit)
        r = _row(card, t.id)
        _flow_panels(axes[2 * k], axes[2 * k + 1], t, s, r, st, ev_obs)
        used = [x for x in str(r["sources"]).split("; ") if x and x != "nan"]
        srcs += [o for o in s["obs_id"] if o] + used
        by_id.update({o: st_ for o, st_ in zip(s["obs_id"], s["status"], strict=True) if o})
        by_id.update({o: r["evidence_status"] for o in used})
        statuses += list(s["status"]) + [r["evidence_status"]]
        others += [_other_territory(b, st) for b in list(s["boundary"]) + [r["boundary"]]]
    if axes:
        evidence_legend(axes[0], statuses, merged="merged2025" in others, colour=OKABE_ITO[1], loc="lower left",
                        legend_kw={"bbox_to_anchor": (0.08, 0.12), "bbox_transform": fig.transFigure, "ncol": 4,
                                   "fontsize": 7})
    _notes(fig, _caveats(card, cum) + [_tolerance_note(cum), "Không quy đổi tiền tệ giữa các chỉ tiêu."])
    source_line(fig, _ids_text(sorted(set(srcs)), by_id) + ".")
    return fig
