"""Briefing figures of share targets (re-exported by :mod:`analysis.briefing_figures`).

* :func:`fig_shares` — final-year shares (percent) against their bands;
* :func:`fig_series` — a share over time, the target marked at its target year only.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from .assessment import study_evidence
from .briefing import best_series
from .briefing_figure_parts import (
    _caveats,
    _ids_text,
    _nan,
    _notes,
    _other_territory,
    _qualifiers,
    _row,
    _target_label,
    _tolerance_note,
    _vn_axis,
    _wrap,
)
from .figures import OKABE_ITO, TARGET_GREEN, bar_with_evidence, evidence_legend, new_figure, qualified, source_line
from .study import Study
from .targets import Target
from .vnformat import fmt_vn
from .vocabulary import Status

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = ["fig_shares", "fig_series"]


def fig_shares(card: pd.DataFrame, study: str | Study, targets: list[Target], title: str) -> Any:
    """Final-year shares (percent) against their targets; the 'khoảng' tolerance is stated as an assumption.

    Two-sided targets are a band (darker: the range; lighter: ± the 'khoảng' tolerance, an
    assumption of this suite) drawn taller than the bar so it stays visible; one-sided targets
    a line at the bound with an arrow in the direction that meets it. A value of another
    territory or definition is marked and explained under the chart.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    st = study if isinstance(study, Study) else None
    pct = [t for t in targets if t.unit == "percent"]
    year = pct[0].target_year if pct else ""
    fig, ax = new_figure(title, f"% — năm {year}; dải xanh đậm: mục tiêu; dải xanh nhạt: dung sai 'khoảng' (giả định "
                                "của bộ công cụ); vạch và mũi tên: mục tiêu một phía")
    ax.grid(axis="x", color="#DDDDDD")
    ax.grid(axis="y", visible=False)
    ys = list(range(len(pct)))[::-1]
    statuses, others, srcs, by_id = [], [], [], {}
    for y, t in zip(ys, pct, strict=True):
        r = _row(card, t.id)
        _draw_share_target(ax, t, y)
        if not _nan(r["actual"]):
            b = _other_territory(r["boundary"], st) if st else "own"
            mark = " *" if _caveats(card, [t]) else ""
            edge = t.upper + t.about_tolerance if t.kind in {"range", "about"} else r["actual"]
            bar_with_evidence(ax, [y], [r["actual"]], [r["evidence_status"]], [b], horizontal=True,
                              fmt=lambda v, m=mark: fmt_vn(v, 1) + m, thickness=0.42, label_at=[edge])
            statuses.append(r["evidence_status"])
            others.append(b)
            ids = [s for s in str(r["sources"]).split("; ") if s and s != "nan"]
            srcs += ids
            by_id.update({i: r["evidence_status"] for i in ids})
        else:
            ax.annotate("chưa có số liệu", (1, y), va="center", fontsize=9, color="#777777")
    ax.set_yticks(ys, [_wrap(_target_label(t, st), 48) for t in pct], fontsize=7.5)
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.6, len(pct) - 0.4)
    _vn_axis(ax, "x")
    ax.set_xlabel("%")
    fig.subplots_adjust(left=0.36, bottom=0.3)
    marks = [Patch(facecolor=TARGET_GREEN, alpha=0.45, label="mục tiêu"),
             Patch(facecolor=TARGET_GREEN, alpha=0.15, label="± dung sai 'khoảng' (giả định)"),
             Line2D([], [], color=TARGET_GREEN, lw=2, label="mục tiêu một phía")]
    evidence_legend(ax, statuses, merged="merged2025" in others, extra=marks, loc="upper center",
                    legend_kw={"bbox_to_anchor": (0.3, -0.12), "ncol": 3, "fontsize": 7})
    caveats = _caveats(card, pct)
    _notes(fig, ([f"(*) {' '.join(caveats)} Không so sánh trực tiếp được với mục tiêu."] if caveats else [])
           + [_tolerance_note(pct)])
    source_line(fig, _ids_text(sorted(set(srcs)), by_id) + " (scorecard.csv).")
    return fig


def _draw_share_target(ax: Any, t: Target, y: float) -> None:
    """A band for two-sided targets (range ± tolerance), a line and an arrow for one-sided ones."""
    from matplotlib.patches import Rectangle

    h = 0.9
    if t.kind in {"range", "about"}:
        tol = t.about_tolerance if t.kind == "about" else 0.0
        ax.add_patch(Rectangle((t.lower - tol, y - h / 2), t.upper - t.lower + 2 * tol, h, facecolor=TARGET_GREEN,
                               alpha=0.15, lw=0, zorder=0))
        ax.add_patch(Rectangle((t.lower, y - h / 2), max(t.upper - t.lower, 0.3), h, facecolor=TARGET_GREEN,
                               alpha=0.45, lw=0, zorder=0))
        ax.plot([t.lower, t.lower], [y - h / 2, y + h / 2], color=TARGET_GREEN, lw=1, zorder=3)
        ax.plot([t.upper, t.upper], [y - h / 2, y + h / 2], color=TARGET_GREEN, lw=1, zorder=3)
        return
    bound = t.goal
    sign = -1 if t.kind in {"at_most", "below"} else 1
    ax.plot([bound, bound], [y - h / 2, y + h / 2], color=TARGET_GREEN, lw=2, zorder=4)
    ax.annotate("", xy=(bound + sign * 6, y + 0.32), xytext=(bound, y + 0.32),
                arrowprops={"arrowstyle": "->", "color": TARGET_GREEN, "lw": 1.5}, zorder=4)


def _series_points(ax: Any, ok: Any, colour: str, study: Study, qualifiers: list[str]) -> bool:
    """Markers styled by evidence status; '*' after a value of another territory. True if any was marked."""
    marked = False
    for r, q in zip(ok.to_dict("records"), qualifiers, strict=True):
        style = {"official": (colour, 1.0), "preliminary": (colour, 0.85), "estimate": (colour, 0.45)}.get(
            r["status"], ("white", 1.0))
        ax.plot([r["year"]], [r["value"]], "o", ms=8, mfc=style[0], alpha=style[1], mec=colour, mew=1.5, zorder=3)
        other = _other_territory(r["boundary"], study) != "own"
        marked |= other
        ax.annotate(qualified(fmt_vn(r["value"], 1), q) + (" *" if other else ""), (r["year"], r["value"]),
                    xytext=(0, 7), textcoords="offset points", ha="center", fontsize=8, color=colour)
    return marked


def fig_series(obs: pd.DataFrame, study: str | Study, targets: list[Target], title: str) -> Any:
    """Each share target's indicator from the base year to the target year; the target marked at its year only."""
    from matplotlib.lines import Line2D

    ev_obs, st = study_evidence(obs, study)
    pct = [t for t in targets if t.unit == "percent" and t.measure != "period_avg_growth"]
    fig, ax = new_figure(title, f"% — {st.base_year}–{st.target_year}; ◆ và thanh dọc: mục tiêu tại năm mục tiêu; "
                                "năm trống: chưa có số liệu")
    years = list(range(st.base_year, st.target_year + 1))
    srcs, statuses, marked = [], set(), False
    for i, t in enumerate(pct):
        colour = OKABE_ITO[i % len(OKABE_ITO)]
        s = best_series(ev_obs, st, t.indicator, years, unit="percent")
        ok = s[s["value"].notna()]
        ax.plot(ok["year"], ok["value"], "-", color=colour, label=_wrap(_target_label(t, st), 60), zorder=2)
        marked |= _series_points(ax, ok, colour, st, _qualifiers(ev_obs, list(ok["obs_id"])))
        statuses |= set(ok["status"])
        srcs += [f"{r['obs_id']} ({r['year']}, {Status(r['status']).vi})" for r in ok.to_dict("records")]
        mark = [v for v in (t.lower, t.upper) if not math.isnan(v)]
        tol = t.about_tolerance if t.kind == "about" else 0.0
        ax.errorbar([t.target_year], [sum(mark) / len(mark)], yerr=[[(max(mark) - min(mark)) / 2 + tol]],
                    fmt="D", color=colour, capsize=4, ms=7, zorder=4)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylim(0, 100)
    _vn_axis(ax)
    handles = ax.get_legend_handles_labels()[0] + [
        Line2D([], [], marker="D", color="#555555", ls="", label=f"mục tiêu năm {st.target_year} (± dung sai)")]
    for code in ("official", "preliminary", "estimate", "secondary"):
        if code in statuses:
            fill = {"secondary": "white"}.get(code, "#555555")
            handles.append(Line2D([], [], marker="o", ls="", mfc=fill, mec="#555555",
                                  alpha={"estimate": 0.45}.get(code, 1.0), label=Status(code).vi))
    ax.legend(handles=handles, loc="upper left", fontsize=8)
    _notes(fig, (["(*) số liệu của địa giới khác hoặc chưa rõ địa giới, không so sánh trực tiếp được với mục tiêu."]
                 if marked else []) + [_tolerance_note(pct)])
    source_line(fig, ("số liệu " + "; ".join(srcs) if srcs else "chưa có số liệu") + " (observations.csv)")
    return fig
