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
dashed edge = another territory than the study's), a value published as "more
than" is labelled ``>125``, every axis uses Vietnamese notation, the "khoảng"
tolerance is stated as an assumption of this suite, and a note on the chart says
where a value of another territory or definition is compared with a target.
The source line names the observation ids.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from .assessment import _vocab, study_evidence
from .briefing import best_series
from .figures import (
    OKABE_ITO,
    SIZE_16_9,
    TARGET_GREEN,
    bar_with_evidence,
    draw_target,
    evidence_legend,
    house_style,
    new_figure,
    note_line,
    qualified,
    source_line,
    status_board,
    vn_tick,
    wrap_text,
)
from .report_text import flag_sentences, unit_vi, value_text, verdict_counts_vi
from .study import Study
from .targets import Target
from .vnformat import UNIT_VI, fmt_amount_vi, fmt_vn
from .vocabulary import Status

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = ["fig_growth", "fig_shares", "fig_series", "fig_flows", "fig_scorecard", "fig_method_check"]

_NO_DATA = "chưa có\nsố liệu"
#: flags that mean a value is not of the target's own territory or definition (a note goes on the chart)
_COMPARABILITY = ("boundary_merged", "boundary_pre2025", "boundary_unknown", "boundary_mixed", "other_boundary_values",
                  "conflicting_sources", "published_average")


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
    fig.subplots_adjust(left=0.08, right=0.98, top=0.72 if rows == 1 else 0.76, bottom=0.25,
                        wspace=0.3, hspace=0.75)
    fig.suptitle(title, x=0.08, y=0.96, ha="left", fontsize=14, fontweight="bold")
    fig.text(0.08, 0.905, wrap_text(subtitle, 125), ha="left", va="top", fontsize=9.5, color="#444444")
    flat = [a for row in axes for a in row]
    for a in flat[n:]:
        a.set_axis_off()
    return fig, flat[:n]


def _row(card: pd.DataFrame, tid: str) -> dict[str, Any]:
    return card.set_index("target_id").loc[tid].to_dict()


def _qualifiers(ev_obs: Any, ids: list[str]) -> list[str]:
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
    return "số liệu " + "; ".join(f"{i} ({Status(statuses[i]).vi})" if statuses and statuses.get(i) in
                                  Status._value2member_map_ else i for i in seen)


def _target_label(t: Target, study: Any) -> str:
    """The target as a figure label: its wording, or for a target seen only in translation, the
    indicator's Vietnamese name, the target in review notation and '(theo bản dịch)'."""
    if not t.translated:
        return f"{t.id} {t.wording_vi}"
    from .store import cached_vocabulary

    root = getattr(study, "root", None)
    name = cached_vocabulary(root).get(t.indicator, {}).get("label_vi", t.indicator)
    return f"{t.id} {name} {t.text_vi()} (theo bản dịch)"


def fig_growth(obs: pd.DataFrame, study: str | Study, card: pd.DataFrame, targets: list[Target]) -> Any:
    """Annual growth of the base year and each reporting year, and the period average, against each growth target.

    One panel per target; the base year's growth is context ("gốc"); the period value is the
    assessment's (levels, chain of annual rates or published average).
    """
    from .assessment import _annual_key

    ev_obs, st = study_evidence(obs, study)
    voc = _vocab(ev_obs)
    fig, axes = _panels(len(targets), "Tăng trưởng so với mục tiêu",
                        f"%/năm, giá so sánh — {st.short_title_vi}; cột trống: chưa có số liệu")
    ids, statuses, others, by_id = [], [], [], {}
    years = [st.base_year] + st.reporting_years
    for ax, t in zip(axes, targets, strict=True):
        row = _row(card, t.id)
        key = _annual_key(t, voc)
        s = best_series(ev_obs, st, key, years) if key else None
        oids = (list(s["obs_id"]) if s is not None else [""] * len(years)) + [str(row["sources"] or "").split("; ")[0]]
        vals = (list(s["value"]) if s is not None else [math.nan] * len(years)) + [row["actual"]]
        sts = (list(s["status"]) if s is not None else [""] * len(years)) + [row["evidence_status"]]
        bnds = [_other_territory(b, st) for b in (list(s["boundary"]) if s is not None else [""] * len(years))
                + [row["boundary"]]]
        x = list(range(len(vals)))
        bar_with_evidence(ax, x, vals, sts, bnds, colour=OKABE_ITO[0], qualifiers=_qualifiers(ev_obs, oids))
        ax.set_xticks(x, [f"{years[0]}\n(gốc)"] + [str(y) for y in years[1:]] + [f"BQ\n{st.period_text}"],
                      fontsize=7 if len(targets) <= 2 else 5.5)
        ax.set_xlim(-0.6, len(x) - 0.4)
        _growth_gaps(ax, x, vals, len(targets))
        draw_target(ax, t.lower, t.upper if t.kind in {"range", "about"} else None,
                    t.about_tolerance if t.kind == "about" else 0.0, label="mục tiêu")
        finite = [v for v in vals if not _nan(v)] + [t.goal, 1.0]
        ax.set_ylim(min(0, min(finite) * 1.3), max(finite) * 1.45)
        _vn_axis(ax)
        ax.set_title(_wrap(f"{t.id} {voc.get(t.indicator, {}).get('label_vi', t.indicator)}: {t.text_vi()}",
                           34 if len(targets) <= 2 else 20), fontsize=8.5)
        ids += oids + str(row["sources"] or "").split("; ")
        by_id.update({i: s_ for i, s_ in zip(oids, sts, strict=True) if i})
        statuses += sts
        others += bnds
    if axes:
        evidence_legend(axes[0], statuses, merged="merged2025" in others, extra=_target_handles(targets),
                        loc="lower left", legend_kw={"bbox_to_anchor": (0.08, 0.1), "ncol": 5, "fontsize": 7.5,
                                                     "bbox_transform": fig.transFigure})
    _notes(fig, _caveats(card, targets) + [_tolerance_note(targets)])
    source_line(fig, _ids_text(ids, by_id) + " (data/processed/observations.csv).")
    return fig


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


def _growth_gaps(ax: Any, x: list[int], vals: list[float], n_targets: int) -> None:
    if all(_nan(v) for v in vals):
        ax.text(0.5, 0.5, "chưa có số liệu", transform=ax.transAxes, ha="center", va="center", fontsize=9,
                color="#777777")
    elif n_targets <= 2:
        for xi, v in zip(x, vals, strict=True):
            if _nan(v):
                ax.annotate(_NO_DATA, (xi, 0), xytext=(0, 3), textcoords="offset points", ha="center", fontsize=6,
                            color="#777777")


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


def fig_scorecard(card: pd.DataFrame, study: str | Study) -> Any:
    """The status board of every target in report order (labels wrapped, never cut)."""
    c = card.copy()
    c["actual_text"] = [value_text(v, u) for v, u in zip(c["actual"], c["unit"], strict=True)]
    title = study.short_title_vi if isinstance(study, Study) else str(study)
    fig = status_board(c, f"Kết quả thực hiện các chỉ tiêu — {title}")
    fig.text(0.02, 0.015, wrap_text(f"{verdict_counts_vi(card)}. Nguồn: bảng đánh giá (scorecard.csv); cột cuối: "
                                    "trạng thái của số liệu.", 190), fontsize=8, color="#444444")
    return fig


def fig_method_check(paths: list[Any]) -> Any:
    """Distribution of recomputed − printed differences for structure and index blocks, with the tolerance bands."""
    from .checks import check_index, check_structure
    from .yearbook import read_yearbook_table

    fig, ax = new_figure("Kiểm tra phương pháp: tính lại cơ cấu và chỉ số",
                         "chênh lệch giữa số tính lại và số in trong niên giám (điểm %)")
    diffs: dict[str, list[float]] = {"structure": [], "index": []}
    for p in paths:
        t = read_yearbook_table(p)
        diffs["structure"] += list(check_structure(t)["diff"])
        diffs["index"] += list(check_index(t)["diff"])
    ax.hist([diffs["structure"], diffs["index"]], bins=20, range=(-0.07, 0.07), stacked=True,
            color=[OKABE_ITO[0], OKABE_ITO[1]],
            label=[f"cơ cấu (n = {fmt_vn(len(diffs['structure']), 0)})",
                   f"chỉ số (n = {fmt_vn(len(diffs['index']), 0)})"])
    ax.axvspan(-0.05, 0.05, color="#E69F00", alpha=0.15, lw=0,
               label="±0,05 (cộng sai số làm tròn của hai số tuyệt đối): ngưỡng của chỉ số")
    ax.axvline(-0.02, color="#D55E00", ls=":", lw=1)
    ax.axvline(0.02, color="#D55E00", ls=":", lw=1, label="±0,02 điểm %: ngưỡng của cơ cấu")
    ax.set_xlabel("điểm phần trăm")
    ax.set_ylabel("số giá trị")
    _vn_axis(ax, "x", 2)
    _vn_axis(ax, "y")
    ax.legend(loc="upper left", frameon=True, facecolor="white", edgecolor="none", framealpha=0.9)
    source_line(fig, "các biểu niên giám trong data/raw/manifest.csv: " + ", ".join(p.name for p in paths))
    return fig
