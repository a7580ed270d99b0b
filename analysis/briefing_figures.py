"""Briefing figures built from a study's targets: one figure per kind of target, never per id.

* :func:`fig_growth` — average-growth targets: the annual rates of the
  reporting years and the period value against the target band, one panel
  per target;
* :func:`fig_shares` — final-year shares (percent) against their bands;
* :func:`fig_series` — a share over time, the target marked at its target year only;
* :func:`fig_flows` — cumulative targets: annual flows and the period total on
  separate panels;
* :func:`fig_scorecard`, :func:`fig_method_check`.

Every bar carries its evidence status (hatched = estimate, hollow = secondary,
dashed edge = another territory than the study's) and the source line names the
observation ids.
"""
from __future__ import annotations

import math
import textwrap
from typing import Any

from .assessment import _vocab, study_evidence
from .briefing import best_series
from .figures import (OKABE_ITO, SIZE_16_9, bar_with_evidence, draw_target, evidence_legend, house_style,
                      new_figure, source_line, status_board, wrap_text)
from .study import Study
from .targets import Target
from .vnformat import UNIT_VI, fmt_amount_vi, fmt_vn

__all__ = ["fig_growth", "fig_shares", "fig_series", "fig_flows", "fig_scorecard", "fig_method_check"]

_NO_DATA = "chưa có\nsố liệu"


def _nan(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _other_territory(boundary: str, study: Study) -> str:
    """'merged2025' marks a dashed edge: any boundary other than the study's own."""
    return "merged2025" if boundary and study.boundary not in str(boundary).split("/") else "own"


def _vn_axis(ax: Any, axis: str = "y", decimals: int = 0) -> None:
    from matplotlib.ticker import FuncFormatter

    fmt = FuncFormatter(lambda v, _: fmt_vn(v, decimals))
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def _panels(n: int, title: str, subtitle: str) -> tuple[Any, list[Any]]:
    import matplotlib.pyplot as plt

    house_style()
    cols = min(max(n, 1), 4)
    rows = math.ceil(max(n, 1) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=SIZE_16_9, squeeze=False)
    fig.subplots_adjust(left=0.07, right=0.98, top=0.70, bottom=0.24, wspace=0.3, hspace=0.6)
    fig.suptitle(title, x=0.07, y=0.96, ha="left", fontsize=14, fontweight="bold")
    fig.text(0.07, 0.905, wrap_text(subtitle, 125), ha="left", va="top", fontsize=9.5, color="#444444")
    flat = [a for row in axes for a in row]
    for a in flat[n:]:
        a.set_axis_off()
    return fig, flat[:n]


def _row(card: "pd.DataFrame", tid: str) -> dict[str, Any]:  # noqa: F821
    return card.set_index("target_id").loc[tid].to_dict()


def fig_growth(obs: "pd.DataFrame", study: str | Study, card: "pd.DataFrame", targets: list[Target]) -> Any:  # noqa: F821
    """Annual growth of the base year and each reporting year, and the period average, against each growth target.

    One panel per target; the base year's growth is context ("gốc"); the period value is the
    assessment's (levels, chain of annual rates or published average).
    """
    from .assessment import _annual_key

    ev_obs, st = study_evidence(obs, study)
    voc = _vocab(ev_obs)
    fig, axes = _panels(len(targets), "Tăng trưởng so với mục tiêu / Growth against targets",
                        f"%/năm, giá so sánh — {st.short_title_vi}; cột trống: chưa có số liệu / gaps: no data")
    ids, statuses, others = [], [], []
    years = [st.base_year] + st.reporting_years
    width = 34 if len(targets) <= 2 else 20
    for ax, t in zip(axes, targets, strict=True):
        row = _row(card, t.id)
        key = _annual_key(t, voc)
        s = best_series(ev_obs, st, key, years) if key else None
        vals = (list(s["value"]) if s is not None else [math.nan] * len(years)) + [row["actual"]]
        sts = (list(s["status"]) if s is not None else [""] * len(years)) + [row["evidence_status"]]
        bnds = (list(s["boundary"]) if s is not None else [""] * len(years)) + [row["boundary"]]
        x = list(range(len(vals)))
        bar_with_evidence(ax, x, vals, sts, [_other_territory(b, st) for b in bnds], colour=OKABE_ITO[0])
        ax.set_xticks(x, [f"{years[0]}\n(gốc)"] + [str(y) for y in years[1:]] + [f"BQ\n{st.period_text}"],
                      fontsize=7 if len(targets) <= 2 else 5.5)
        ax.set_xlim(-0.6, len(x) - 0.4)
        if all(_nan(v) for v in vals):
            ax.text(0.5, 0.5, "chưa có số liệu\nno data", transform=ax.transAxes, ha="center", va="center",
                    fontsize=9, color="#777777")
        elif len(targets) <= 2:
            for xi, v in zip(x, vals, strict=True):
                if _nan(v):
                    ax.annotate(_NO_DATA, (xi, 0), xytext=(0, 3), textcoords="offset points", ha="center",
                                fontsize=6, color="#777777")
        draw_target(ax, t.lower, t.upper if t.kind in {"range", "about"} else None, t.about_tolerance,
                    label="mục tiêu / target")
        finite = [v for v in vals if not _nan(v)] + [t.goal, 1.0]
        ax.set_ylim(min(0, min(finite) * 1.3), max(finite) * 1.45)
        _vn_axis(ax)
        ax.set_title(_wrap(f"{t.id} {voc.get(t.indicator, {}).get('label_vi', t.indicator)}: {t.text_vi()}", width),
                     fontsize=8.5)
        ids += [o for o in (list(s["obs_id"]) if s is not None else []) if o] + str(row["sources"] or "").split("; ")
        statuses += sts
        others += [_other_territory(b, st) for b in bnds]
    if axes:
        evidence_legend(axes[0], statuses, merged="merged2025" in others,
                        extra=axes[0].get_legend_handles_labels()[0][:1], loc="upper left",
                        legend_kw={"bbox_to_anchor": (0.0, -0.22), "ncol": 4, "fontsize": 7.5})
    source_line(fig, "quan sát / observations " + ("; ".join(sorted({i for i in ids if i and i != "nan"})) or "none")
                + " (data/processed/observations.csv). Viền nét đứt: địa giới khác hoặc chưa rõ / dashed: other or "
                  "unstated territory.")
    return fig


def fig_shares(card: "pd.DataFrame", study: str | Study, targets: list[Target], title: str) -> Any:  # noqa: F821
    """Final-year shares (percent) against their targets; the 'khoảng' tolerance is stated as an assumption.

    Two-sided targets are a band (darker: the range; lighter: ± the 'khoảng' tolerance, an
    assumption of this suite); one-sided targets a line at the bound with an arrow in the
    direction that meets it.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    st = study if isinstance(study, Study) else None
    pct = [t for t in targets if t.unit == "percent"]
    year = pct[0].target_year if pct else ""
    fig, ax = new_figure(title, f"% — năm {year}; dải xanh: mục tiêu; dải nhạt: dung sai 'khoảng' (giả định của bộ "
                                "công cụ); vạch và mũi tên: mục tiêu một phía / green: target; light: 'about' tolerance "
                                "(assumed); line and arrow: one-sided target")
    ax.grid(axis="x", color="#DDDDDD")
    ax.grid(axis="y", visible=False)
    ys = list(range(len(pct)))[::-1]
    statuses, others, srcs = [], [], []
    for y, t in zip(ys, pct, strict=True):
        r = _row(card, t.id)
        _draw_share_target(ax, t, y)
        if not _nan(r["actual"]):
            b = _other_territory(r["boundary"], st) if st else "own"
            bar_with_evidence(ax, [y], [r["actual"]], [r["evidence_status"]], [b], horizontal=True,
                              fmt=lambda v: fmt_vn(v, 1))
            statuses.append(r["evidence_status"])
            others.append(b)
            srcs += [s for s in str(r["sources"]).split("; ") if s and s != "nan"]
        else:
            ax.annotate("chưa có số liệu / no data", (1, y), va="center", fontsize=9, color="#777777")
    ax.set_yticks(ys, [_wrap(f"{t.id} {t.wording_vi}", 48) for t in pct], fontsize=7.5)
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.6, len(pct) - 0.4)
    _vn_axis(ax, "x")
    ax.set_xlabel("%")
    fig.subplots_adjust(left=0.36, bottom=0.27)
    marks = [Patch(facecolor="#009E73", alpha=0.45, label="mục tiêu / target"),
             Patch(facecolor="#009E73", alpha=0.15, label="± 'khoảng' (giả định) / tolerance (assumed)"),
             Line2D([], [], color="#009E73", lw=2, label="mục tiêu một phía / one-sided target")]
    evidence_legend(ax, statuses, merged="merged2025" in others, extra=marks, loc="upper center",
                    legend_kw={"bbox_to_anchor": (0.3, -0.12), "ncol": 3, "fontsize": 7})
    if "merged2025" in others:
        fig.text(0.08, 0.06, _wrap("Lưu ý: cột viền nét đứt là số liệu của địa giới khác với địa giới của chỉ tiêu (hoặc "
                                   "chưa rõ) — không so sánh trực tiếp được với mục tiêu / dashed: another or unstated "
                                   "territory, not directly comparable with the target.", 170),
                 fontsize=7.5, color="#D55E00")
    source_line(fig, f"quan sát / observations {'; '.join(sorted(set(srcs))) or 'none'} (scorecard.csv).")
    return fig


def _draw_share_target(ax: Any, t: Target, y: float) -> None:
    """A band for two-sided targets (range ± tolerance), a line and an arrow for one-sided ones."""
    from matplotlib.patches import Rectangle

    h = 0.9
    if t.kind in {"range", "about"}:
        tol = t.about_tolerance
        ax.add_patch(Rectangle((t.lower - tol, y - h / 2), t.upper - t.lower + 2 * tol, h, facecolor="#009E73",
                               alpha=0.15, lw=0, zorder=0))
        ax.add_patch(Rectangle((t.lower, y - h / 2), max(t.upper - t.lower, 0.3), h, facecolor="#009E73",
                               alpha=0.45, lw=0, zorder=0))
        return
    bound = t.goal
    sign = -1 if t.kind in {"at_most", "below"} else 1
    ax.plot([bound, bound], [y - h / 2, y + h / 2], color="#009E73", lw=2, zorder=4)
    ax.annotate("", xy=(bound + sign * 6, y + 0.32), xytext=(bound, y + 0.32),
                arrowprops={"arrowstyle": "->", "color": "#009E73", "lw": 1.5}, zorder=4)


def fig_series(obs: "pd.DataFrame", study: str | Study, targets: list[Target], title: str) -> Any:  # noqa: F821
    """Each share target's indicator from the base year to the target year; the target marked at its year only."""
    ev_obs, st = study_evidence(obs, study)
    pct = [t for t in targets if t.unit == "percent" and t.measure != "period_avg_growth"]
    fig, ax = new_figure(title, f"% — {st.base_year}–{st.target_year}; ◆ mục tiêu tại năm mục tiêu / target in its year;"
                                " năm trống: chưa có số liệu")
    years = list(range(st.base_year, st.target_year + 1))
    srcs = []
    for i, t in enumerate(pct):
        colour = OKABE_ITO[i % len(OKABE_ITO)]
        s = best_series(ev_obs, st, t.indicator, years, unit="percent")
        ok = s[s["value"].notna()]
        ax.plot(ok["year"], ok["value"], "o-", color=colour, label=_wrap(f"{t.id} {t.wording_vi}", 60))
        for r in ok.to_dict("records"):
            ax.annotate(fmt_vn(r["value"], 1), (r["year"], r["value"]), xytext=(0, 5), textcoords="offset points",
                        ha="center", fontsize=8, color=colour)
            srcs.append(f"{r['obs_id']} ({r['year']}, {r['status']})")
        lo, hi = t.lower, t.upper
        mark = [v for v in (lo, hi) if not math.isnan(v)]
        ax.errorbar([t.target_year], [sum(mark) / len(mark)], yerr=[[(max(mark) - min(mark)) / 2 + t.about_tolerance]],
                    fmt="D", color=colour, capsize=4, ms=7)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylim(0, 100)
    _vn_axis(ax)
    ax.legend(loc="upper left", fontsize=8)
    source_line(fig, "quan sát / observations " + ("; ".join(srcs) or "none") + " (observations.csv)")
    return fig


def fig_flows(obs: "pd.DataFrame", study: str | Study, card: "pd.DataFrame", targets: list[Target]) -> Any:  # noqa: F821
    """Cumulative targets: annual flows (left panel) and the period total against the target (right panel)."""
    ev_obs, st = study_evidence(obs, study)
    cum = [t for t in targets if t.measure == "cumulative_sum"]
    fig, axes = _panels(2 * len(cum), "Thu hút đầu tư / Investment attracted",
                        f"{st.short_title_vi} — trái: từng năm; phải: tổng kỳ so với mục tiêu / left: yearly, right: total")
    srcs = []
    for k, t in enumerate(cum):
        ax_y, ax_t = axes[2 * k], axes[2 * k + 1]
        years = list(range(t.base_year, t.target_year + 1))
        s = best_series(ev_obs, st, t.indicator, years, unit=t.unit)
        bar_with_evidence(ax_y, list(range(len(years))), list(s["value"]), list(s["status"]),
                          [_other_territory(b, st) for b in s["boundary"]], colour=OKABE_ITO[1],
                          fmt=lambda v: fmt_vn(v, 0))
        ax_y.set_xticks(range(len(years)), [str(y) for y in years], fontsize=7)
        for xi, v in enumerate(s["value"]):
            if _nan(v):
                ax_y.annotate(_NO_DATA, (xi, 0), xytext=(0, 3), textcoords="offset points", ha="center", fontsize=6,
                              color="#777777")
        unit = UNIT_VI.get(t.unit, t.unit).strip()
        ax_y.set_title(_wrap(f"{t.id} từng năm / yearly ({unit})", 40), fontsize=9)
        r = _row(card, t.id)
        bar_with_evidence(ax_t, [0], [r["actual"]], [r["evidence_status"]], [_other_territory(r["boundary"], st)],
                          colour=OKABE_ITO[1], fmt=lambda v, u=t.unit: fmt_amount_vi(v, u))
        draw_target(ax_t, t.lower, t.upper if t.kind in {"range", "about"} else None, t.about_tolerance,
                    label=f"mục tiêu / target {t.text_vi()}")
        if _nan(r["actual"]):
            ax_t.annotate(_NO_DATA, (0, 0), xytext=(0, 3), textcoords="offset points", ha="center", fontsize=7)
        ax_t.set_xticks([0], [f"tổng / total\n{t.base_year}–{t.target_year}"], fontsize=7)
        ax_t.set_ylim(0, max([t.goal * 1.4] + [v * 1.2 for v in [r["actual"]] if not _nan(v)]))
        ax_t.set_title(_wrap(f"{t.id} {t.text_vi()}", 40), fontsize=9)
        ax_t.legend(loc="upper left", fontsize=7)
        for a in (ax_y, ax_t):
            _vn_axis(a)
        srcs += [o for o in s["obs_id"] if o] + [x for x in str(r["sources"]).split("; ") if x and x != "nan"]
    source_line(fig, "quan sát / observations " + ("; ".join(sorted(set(srcs))) or "none")
                + ". Không quy đổi tiền tệ / currencies are not converted.")
    return fig


def fig_scorecard(card: "pd.DataFrame", study: str | Study) -> Any:  # noqa: F821
    """The status board of every target in report order."""
    from .briefing import verdict_summary

    c = card.copy()
    c["actual_text"] = [fmt_amount_vi(v, u) if not _nan(v) else "" for v, u in zip(c["actual"], c["unit"], strict=True)]
    title = study.short_title_vi if isinstance(study, Study) else str(study)
    fig = status_board(c, f"Kết quả thực hiện các chỉ tiêu / Results — {title}")
    fig.text(0.02, 0.015, verdict_summary(card).replace("**", "") + " Nguồn / Source: scorecard.csv", fontsize=8,
             color="#444444")
    return fig


def fig_method_check(paths: list[Any]) -> Any:
    """Distribution of recomputed − printed differences for structure and index blocks."""
    from .checks import check_index, check_structure
    from .yearbook import read_yearbook_table

    fig, ax = new_figure("Kiểm tra phương pháp: tính lại cơ cấu và chỉ số / Method check",
                         "chênh lệch tính lại − in trong niên giám (điểm %) / recomputed − printed (points)")
    diffs: dict[str, list[float]] = {"structure": [], "index": []}
    for p in paths:
        t = read_yearbook_table(p)
        diffs["structure"] += list(check_structure(t)["diff"])
        diffs["index"] += list(check_index(t)["diff"])
    ax.hist([diffs["structure"], diffs["index"]], bins=20, range=(-0.07, 0.07), stacked=True,
            color=[OKABE_ITO[0], OKABE_ITO[1]],
            label=[f"cơ cấu / structure (n={len(diffs['structure'])})", f"chỉ số / index (n={len(diffs['index'])})"])
    ax.axvspan(-0.05, 0.05, color="#E69F00", alpha=0.08, lw=0,
               label="±0,05: nửa đơn vị chữ số cuối của chỉ số in / half a unit of the printed index")
    ax.axvline(-0.02, color="#D55E00", ls=":", lw=1)
    ax.axvline(0.02, color="#D55E00", ls=":", lw=1, label="±0,02 điểm %: ngưỡng cơ cấu / structure tolerance")
    ax.set_xlabel("điểm phần trăm / percentage points")
    ax.set_ylabel("số giá trị / values")
    _vn_axis(ax, "x", 2)
    ax.legend(loc="upper left")
    source_line(fig, "các biểu niên giám trong data/raw/manifest.csv / yearbook tables of the manifest: "
                + ", ".join(p.name for p in paths))
    return fig
