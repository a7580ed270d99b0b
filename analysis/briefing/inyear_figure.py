"""Briefing figure of the in-year monitoring of a growth target (:func:`fig_in_year`).

For one growth target of an annual plan: the cumulative growth of each part-year period so far
(January, first quarter, first half, …; bars styled by evidence status), the annual target (dashed
line) and the growth the rest of the year needs, g₂ = ((1 + G)·L − (1 + g₁)·L₁) / (L − L₁) − 1
(:func:`analysis.assessment.inyear.required_rest_growth`), as a hollow bar in the colour of the
in-year verdict. Without last year's levels the bar is absent and the note says what is missing.
Always titled as an in-year assessment ("đánh giá giữa kỳ/trong năm"), never a final verdict.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.assessment.inyear import in_year_series
from analysis.studies.study import Study, load_study
from analysis.wording.inyear_text import part_year_vi, rest_of_year_vi
from analysis.wording.labels import IN_YEAR_COLOUR, IN_YEAR_LABEL_VI, in_year_vi, is_missing
from analysis.wording.vnformat import fmt_vn

from .figure_parts import _vn_axis
from .style import (
    OKABE_ITO,
    TARGET_GREEN,
    bar_with_evidence,
    evidence_legend,
    fit_width,
    new_figure,
    save_figure,
    source_line,
    wrap_text,
)

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = ["fig_in_year", "in_year_figures", "in_year_growth_rows"]


def in_year_growth_rows(card: pd.DataFrame) -> pd.DataFrame:
    """The scorecard rows of growth targets monitored within the year that have a part-year figure."""
    if "in_year_kind" not in card.columns:
        return card.iloc[0:0]
    return card[(card["in_year_kind"] == "growth") & (card["in_year_period"].fillna("") != "")]


def _short_period(period: str) -> str:
    """``6 tháng đầu năm 2026`` → ``6 tháng``; ``quý I năm 2026`` → ``quý I`` (the year is in the title)."""
    text = part_year_vi(period)
    return text.split(" đầu năm ")[0].split(" năm ")[0]


def fig_in_year(obs: pd.DataFrame, study: str | Study, card: pd.DataFrame, target_id: str) -> Any:
    """Cumulative growth so far, the annual target and the growth the rest of the year needs, for one target."""
    st = load_study(study) if not isinstance(study, Study) else study
    t = st.target(target_id)
    rec = card.set_index("target_id").loc[target_id].to_dict()
    series = in_year_series(obs, st, target_id)
    fig, ax = new_figure(
        f"Tăng trưởng năm {t.target_year}: {IN_YEAR_LABEL_VI}",
        f"{t.wording_vi[:1].upper()}{t.wording_vi[1:]} — % so với cùng kỳ năm trước, giá so sánh; {st.short_title_vi}",
    )
    labels = [_short_period(p) for p in series["period"]]
    x = list(range(len(labels)))
    # a dashed edge marks a figure of another territory than the study's (bar_with_evidence's convention)
    other = [b != st.boundary for b in series["boundary"]]
    bar_with_evidence(
        ax,
        x,
        list(series["value"]),
        list(series["status"]),
        ["merged2025" if o else "pre2025" for o in other],
        fmt=lambda v: fmt_vn(v, 1 if round(v, 1) == v else 2),
    )
    rest = rec.get("in_year_required_rest")
    code = str(rec.get("in_year_verdict") or "")
    colour = IN_YEAR_COLOUR.get(code, OKABE_ITO[1])
    handles = []
    if not is_missing(rest):
        xr = len(labels)
        ax.bar([xr], [rest], width=0.8, color="white", edgecolor=colour, linewidth=2.5, zorder=2)
        ax.annotate(
            f"{fmt_vn(float(rest), 2)}",
            (xr, max(float(rest), 0)),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            fontsize=10,
            fontweight="bold",
            color=colour,
        )
        labels.append(f"{rest_of_year_vi(int(rec['in_year_months']))}\n(cần đạt)")
        from matplotlib.patches import Patch

        handles.append(
            Patch(
                facecolor="white", edgecolor=colour, linewidth=2.5, label=f"cần đạt trong thời gian còn lại: {in_year_vi(code)}"
            )
        )
    ax.axhline(t.goal, color=TARGET_GREEN, lw=2, ls="--", zorder=1)
    from matplotlib.lines import Line2D

    handles.insert(0, Line2D([], [], color=TARGET_GREEN, lw=2, ls="--", label=f"mục tiêu cả năm: {t.text_vi()}"))
    ax.set_xticks(range(len(labels)), labels)
    ax.set_xlim(-0.6, max(len(labels), 2) - 0.4)
    top = max([t.goal, *series["value"].tolist(), *([] if is_missing(rest) else [float(rest)])])
    ax.set_ylim(min(0.0, *series["value"].tolist()) * 1.15, top * 1.3 if top > 0 else 1)
    ax.set_ylabel("%")
    _vn_axis(ax, "y")
    evidence_legend(ax, list(series["status"]), merged=any(other), extra=handles, loc="upper left")
    fig.subplots_adjust(bottom=0.3)
    fit_width(
        fig,
        fig.text(
            0.08, 0.065, wrap_text(str(rec.get("in_year_vi") or ""), 150), ha="left", va="bottom", fontsize=8.5, color="#333333"
        ),
    )
    ids = [i for i in str(rec.get("in_year_sources") or "").split("; ") if i]
    source_line(
        fig,
        "số liệu "
        + ", ".join(dict.fromkeys([*series["obs_id"], *ids]))
        + " (danh mục nguồn ở trang tính 'Nguồn' của báo cáo Mục I)",
    )
    return fig


def in_year_figures(
    obs: pd.DataFrame, study: str | Study, card: pd.DataFrame, *, root: str | Path | None = None, prefix: str = "08_in_year"
) -> list[Any]:
    """Draw and save one :func:`fig_in_year` per monitored growth target (``figures/<study>/<prefix>_<n>``).

    Returns the saved figures (each displays its PNG in a notebook); none for a study without in-year rows.
    """
    st = load_study(study) if not isinstance(study, Study) else study
    out = []
    for n, tid in enumerate(in_year_growth_rows(card)["target_id"], 1):
        out.append(save_figure(fig_in_year(obs, st, card, tid), f"{prefix}_{n}", root=root or st.root, study=st))
    return out
