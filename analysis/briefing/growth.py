"""Briefing figure of average-growth targets (:func:`fig_growth`, re-exported by :mod:`analysis.briefing.figures`).

The annual rates of the base year (context) and of each reporting year, and the period
value, against the target band: one panel per target.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from analysis.assessment.target_evidence import annual_key, study_evidence, vocab_of
from analysis.studies.study import Study
from analysis.studies.targets import Target
from analysis.wording.text import decimals_of, growth_period_vi, growth_unit_vi

from .figure_parts import (
    _NO_DATA,
    _caveats,
    _distinct,
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
from .style import OKABE_ITO, TARGET_GREEN, bar_with_evidence, draw_target, evidence_legend, source_line
from .tables import best_series

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = ["fig_growth", "growth_panel"]


def fig_growth(obs: pd.DataFrame, study: str | Study, card: pd.DataFrame, targets: list[Target]) -> Any:
    """Annual growth of the base year and each reporting year, and the period average, against each growth target.

    One panel per quantity (a target restating another is left out); the base year's growth is
    context ("gốc"); the period value is the assessment's (levels, chain of annual rates or
    published average).
    """
    ev_obs, st = study_evidence(obs, study)
    targets = _distinct(card, targets)
    units = " và ".join(dict.fromkeys(growth_unit_vi(t) for t in targets)) or "%"
    fig, axes = _panels(
        len(targets), "Tăng trưởng so với mục tiêu", f"{units}, giá so sánh — {st.short_title_vi}; cột trống: chưa có số liệu"
    )
    ids, statuses, others, by_id = [], [], [], {}
    for ax, t in zip(axes, targets, strict=True):
        row = _row(card, t.id)
        oids, sts, bnds = growth_panel(ax, t, row, ev_obs, st, small=len(targets) > 2)
        ids += oids + str(row["sources"] or "").split("; ")
        by_id.update({i: s_ for i, s_ in zip(oids, sts, strict=True) if i})
        statuses += sts
        others += bnds
    if axes:
        evidence_legend(
            axes[0],
            statuses,
            merged="merged2025" in others,
            extra=_target_handles(targets),
            loc="lower left",
            legend_kw={"bbox_to_anchor": (0.08, 0.1), "ncol": 5, "fontsize": 7.5, "bbox_transform": fig.transFigure},
        )
    _notes(fig, _caveats(card, targets) + [_tolerance_note(targets)])
    source_line(fig, _ids_text(ids, by_id) + "; chi tiết ở trang tính 'Nguồn' của báo cáo.")
    return fig


def growth_panel(
    ax: Any,
    t: Target,
    row: dict[str, Any],
    ev_obs: pd.DataFrame,
    st: Study,
    small: bool = False,
    title_width: int | None = None,
    unit: bool = False,
) -> tuple[list[str], list[str], list[str]]:
    """One growth target: the base year's rate (context), each reporting year's and the period value vs the target.

    The period value is named from the target's measure and years (:func:`analysis.wording.text.growth_period_vi`):
    ``BQ 2021–2025`` for an average, ``năm 2026`` for the growth of one year (then the target year is not drawn
    twice among the reporting years). ``unit`` labels the y-axis ``%/năm`` or ``%`` (for a panel among panels of
    other units). Returns the observation ids, evidence statuses and territories of the bars (base year first,
    period last).
    """

    voc = vocab_of(ev_obs)
    one_year = t.measure != "period_avg_growth"  # the assessed value is the target year's own growth
    years = [st.base_year] + [y for y in st.reporting_years if not (one_year and y == t.target_year)]
    key = annual_key(t, voc)
    s = best_series(ev_obs, st, key, years) if key else None
    oids = (list(s["obs_id"]) if s is not None else [""] * len(years)) + [str(row["sources"] or "").split("; ")[0]]
    vals = (list(s["value"]) if s is not None else [math.nan] * len(years)) + [row["actual"]]
    sts = (list(s["status"]) if s is not None else [""] * len(years)) + [row["evidence_status"]]
    bnds = [_other_territory(b, st) for b in (list(s["boundary"]) if s is not None else [""] * len(years)) + [row["boundary"]]]
    x = list(range(len(vals)))
    decs = (list(s["decimals"]) if s is not None else [None] * len(years)) + [decimals_of(row, "actual")]
    bar_with_evidence(
        ax,
        x,
        vals,
        sts,
        bnds,
        colour=OKABE_ITO[0],
        qualifiers=_qualifiers(ev_obs, oids),
        decimals=[None if d is None or d != d else int(d) for d in decs],
    )
    ax.set_xticks(
        x,
        [f"{years[0]}\n(gốc)"] + [str(y) for y in years[1:]] + [growth_period_vi(t).replace(" ", "\n", 1)],
        fontsize=5.5 if small else 7,
    )
    ax.set_xlim(-0.6, len(x) - 0.4)
    _growth_gaps(ax, x, vals, small)
    draw_target(
        ax,
        t.lower,
        t.upper if t.kind in {"range", "about"} else None,
        t.about_tolerance if t.kind == "about" else 0.0,
        label="mục tiêu",
    )
    finite = [v for v in vals if not _nan(v)] + [t.goal, 1.0]
    ax.set_ylim(min(0, min(finite) * 1.3), max(finite) * 1.45)
    _vn_axis(ax)
    if unit:
        ax.set_ylabel(growth_unit_vi(t), fontsize=8)
    ax.set_title(
        _wrap(
            f"{t.id} {voc.get(t.indicator, {}).get('label_vi', t.indicator)}: {t.text_vi()}", title_width or (20 if small else 34)
        ),
        fontsize=8.5,
    )
    return oids, sts, bnds


def _target_handles(targets: list[Target]) -> list[Any]:
    """Legend entries for the target marks used: a band (range), its 'khoảng' tolerance, a line (one-sided)."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    kinds = {t.kind for t in targets}
    out = []
    if kinds & {"range", "about"}:
        out.append(Patch(facecolor=TARGET_GREEN, alpha=0.3, label="mục tiêu (khoảng giá trị)"))
    if any(t.kind == "about" and t.about_tolerance for t in targets):
        out.append(Patch(facecolor=TARGET_GREEN, alpha=0.12, label="dung sai 'khoảng' (giả định)"))
    if kinds - {"range", "about"}:
        out.append(Line2D([], [], color=TARGET_GREEN, lw=2, ls="--", label="mục tiêu một phía"))
    return out


def _growth_gaps(ax: Any, x: list[int], vals: list[float], small: bool) -> None:
    if all(_nan(v) for v in vals):
        ax.text(0.5, 0.5, "chưa có số liệu", transform=ax.transAxes, ha="center", va="center", fontsize=9, color="#777777")
    elif not small:
        for xi, v in zip(x, vals, strict=True):
            if _nan(v):
                ax.annotate(
                    _NO_DATA, (xi, 0), xytext=(0, 3), textcoords="offset points", ha="center", fontsize=6, color="#777777"
                )
