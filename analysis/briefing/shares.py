"""Briefing figures of share targets (re-exported by :mod:`analysis.briefing.figures`).

* :func:`fig_shares` — final-year shares (percent) against their bands;
* :func:`fig_series` — a share over time, the target marked at its target year only.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from analysis.assessment.scorecard_table import scorecard
from analysis.assessment.target_evidence import study_evidence
from analysis.core.vocabulary import Status
from analysis.sources.manifest import cached_vocabulary
from analysis.studies.study import Study
from analysis.studies.targets import Target
from analysis.wording.labels import QUALIFIER_VI, status_vi
from analysis.wording.text import actual_qualifier, decimals_of, growth_unit_vi
from analysis.wording.vnformat import fmt_vn, shown_decimals

from .figure_parts import (
    _baseline,
    _caveats,
    _distinct,
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
from .growth import _target_handles, growth_panel
from .panels import BASE_COLOUR, base_handles
from .style import (
    OKABE_ITO,
    TARGET_GREEN,
    bar_with_evidence,
    evidence_legend,
    fit_width,
    new_figure,
    qualified,
    renderer_of,
    source_line,
)
from .tables import FIGURE_DRAWS, best_series, growth_target

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = ["fig_shares", "fig_series"]


def fig_shares(card: pd.DataFrame, study: str | Study, targets: list[Target], title: str) -> Any:
    """Final-year shares (percent) against their targets; the 'khoảng' tolerance is stated as an assumption.

    Two-sided targets are a band (darker: the range; lighter: ± the 'khoảng' tolerance, an
    assumption of this suite) drawn taller than the bar so it stays visible; one-sided targets
    a line at the bound with an arrow in the direction that meets it. A target without a value
    for the period shows its base-year value (grey, marked as the base year, with its status)
    where the scorecard has one. A value of another territory or definition is marked and
    explained under the chart. One row per quantity (a target restating another is left out).
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    st = study if isinstance(study, Study) else None
    voc = cached_vocabulary(getattr(st, "root", None))
    pct = [t for t in _distinct(card, targets) if FIGURE_DRAWS["structure"](t, voc)]
    year = pct[0].target_year if pct else ""
    fig, ax = new_figure(
        title,
        f"% — năm {year}; dải xanh đậm: mục tiêu; dải xanh nhạt: dung sai 'khoảng' (giả định "
        "của bộ công cụ); vạch và mũi tên: mục tiêu một phía",
    )
    ax.grid(axis="x", color="#DDDDDD")
    ax.grid(axis="y", visible=False)
    ys = list(range(len(pct)))[::-1]
    fig.subplots_adjust(left=0.36, bottom=0.3)  # before any label is measured against the canvas
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.6, len(pct) - 0.4)
    statuses, others, by_id, bases = [], [], {}, set()
    for y, t in zip(ys, pct, strict=True):
        r = _row(card, t.id)
        _draw_share_target(ax, t, y)
        drawn = _share_bar(ax, card, t, r, y, st)
        if drawn is None:
            _base_bar(ax, t, r, y, st, by_id, bases, others)
            continue
        statuses.append(r["evidence_status"])
        others.append(drawn)
        by_id.update({i: r["evidence_status"] for i in str(r["sources"]).split("; ") if i and i != "nan"})
    ax.set_yticks(ys, [_wrap(_target_label(t, st), 48) for t in pct], fontsize=7.5)
    _vn_axis(ax, "x")
    ax.set_xlabel("%", fontsize=9, labelpad=1, loc="right")
    marks = [
        Patch(facecolor=TARGET_GREEN, alpha=0.45, label="mục tiêu"),
        Patch(facecolor=TARGET_GREEN, alpha=0.15, label="± dung sai 'khoảng' (giả định)"),
        Line2D([], [], color=TARGET_GREEN, lw=2, label="mục tiêu một phía"),
    ]
    marks += base_handles(bases)
    evidence_legend(
        ax,
        statuses,
        merged="merged2025" in others,
        extra=marks,
        loc="upper center",
        legend_kw={"bbox_to_anchor": (0.3, -0.14), "ncol": 3, "fontsize": 7},
    )
    caveats = _caveats(card, pct)
    _notes(
        fig, ([f"(*) {' '.join(caveats)} Không so sánh trực tiếp được với mục tiêu."] if caveats else []) + [_tolerance_note(pct)]
    )
    source_line(fig, _ids_text(sorted(by_id), by_id) + "; chi tiết ở trang tính 'Nguồn' của báo cáo.")
    return fig


def _shown(row: dict[str, Any], key: str, value: float) -> int:
    """Decimals of a share as its source printed it (scorecard column ``decimals``), else the value's own."""
    d = decimals_of(row, key)
    return shown_decimals(value, "percent") if d is None else d


def _share_bar(ax: Any, card: pd.DataFrame, t: Target, r: dict[str, Any], y: float, st: Study | None) -> str | None:
    """The period value's bar, labelled past the target band; its territory mark, or None without a value."""
    if _nan(r["actual"]):
        return None
    b = _other_territory(r["boundary"], st) if st else "own"
    mark = " *" if _caveats(card, [t]) else ""
    # "hơn 70" where the source printed "hơn 70%" (scorecard flag lower_bound), as the base-year label says it
    said = QUALIFIER_VI[q] + " " if (q := actual_qualifier(r)) else ""
    bar_with_evidence(
        ax,
        [y],
        [r["actual"]],
        [r["evidence_status"]],
        [b],
        horizontal=True,
        fmt=lambda v, m=mark: said + fmt_vn(v, _shown(r, "actual", v)) + m,
        thickness=0.42,
        label_at=[_mark_end(t)],
    )
    return b


def _base_bar(
    ax: Any, t: Target, r: dict[str, Any], y: float, st: Study | None, by_id: dict[str, str], bases: set[str], others: list[str]
) -> None:
    """No period value: the base-year value (grey, with its status) if any, and 'chưa có số liệu' off the marks."""
    base = _baseline(r)
    missing = f"chưa có số liệu {t.target_year}"
    if base is None:
        _side_label(ax, missing, y, t, 0.0)
        return
    b = _other_territory(base["boundary"], st) if st else "own"
    bar_with_evidence(
        ax, [y], [base["value"]], [base["status"]], [b], horizontal=True, colour=BASE_COLOUR, fmt=lambda v: "", thickness=0.42
    )
    said = QUALIFIER_VI.get(base["qualifier"], "")  # "hơn 70" where the source printed "hơn 70%"
    shown = fmt_vn(base["value"], _shown(r, "baseline", base["value"]))
    _side_label(
        ax,
        f"năm gốc {base['year']}: {(said + ' ') if said else ''}{shown} ({status_vi(base['status'])}); {missing}",
        y,
        t,
        base["value"],
    )
    by_id[base["source"]] = base["status"]
    bases.add(base["status"])
    others.append(b)


def _side_label(ax: Any, text: str, y: float, t: Target, bar: float) -> None:
    """A label off the target marks and inside the canvas: right of the marks, else left of them (past the
    bar), else inside the bar, else wrapped and shrunk right of the marks."""
    fig = ax.figure
    renderer = renderer_of(fig)
    end, start = max(_mark_end(t), bar), _mark_start(t)
    px = ax.transData.transform
    limit, bar_px, mark_px = fig.bbox.width * 0.99, px((bar, y))[0], px((start, y))[0]
    kw = {"va": "center", "fontsize": 8, "color": "#555555", "textcoords": "offset points"}
    tries = [
        ((end, y), (6, 0), {}, lambda e: e.x1 <= limit),
        ((start, y), (-6, 0), {"ha": "right"}, lambda e: e.x0 >= bar_px + 4 and e.x1 <= mark_px),
        (
            (0, y),
            (4, 0),
            {"color": "#222222", "bbox": {"facecolor": "white", "alpha": 0.85, "lw": 0, "pad": 1}},
            lambda e: e.x1 <= bar_px - 4,
        ),
    ]
    for xy, offset, extra, ok in tries:
        a = ax.annotate(text, xy, xytext=offset, **kw | extra)
        if ok(a.get_window_extent(renderer)):
            return
        a.remove()
    a = ax.annotate(_wrap(text, 16), (end, y), xytext=(6, 0), **kw | {"fontsize": 7})
    fit_width(fig, a, right=0.99, min_size=5)


def _mark_start(t: Target) -> float:
    """Where a target's mark starts along the axis (band less tolerance, or the line / the arrow's tip)."""
    if t.kind in {"range", "about"}:
        return t.lower - (t.about_tolerance if t.kind == "about" else 0.0)
    return t.goal - (6 if t.kind in {"at_most", "below"} else 0)


def _mark_end(t: Target) -> float:
    """Where a target's mark ends along the axis (band plus tolerance, or the one-sided arrow's tip)."""
    if t.kind in {"range", "about"}:
        return t.upper + (t.about_tolerance if t.kind == "about" else 0.0)
    return t.goal + (6 if t.kind not in {"at_most", "below"} else 0)


def _draw_share_target(ax: Any, t: Target, y: float) -> None:
    """A band for two-sided targets (range ± tolerance), a line and an arrow for one-sided ones."""
    from matplotlib.patches import Rectangle

    h = 0.9
    if t.kind in {"range", "about"}:
        tol = t.about_tolerance if t.kind == "about" else 0.0
        ax.add_patch(
            Rectangle(
                (t.lower - tol, y - h / 2), t.upper - t.lower + 2 * tol, h, facecolor=TARGET_GREEN, alpha=0.15, lw=0, zorder=0
            )
        )
        ax.add_patch(
            Rectangle((t.lower, y - h / 2), max(t.upper - t.lower, 0.3), h, facecolor=TARGET_GREEN, alpha=0.45, lw=0, zorder=0)
        )
        ax.plot([t.lower, t.lower], [y - h / 2, y + h / 2], color=TARGET_GREEN, lw=1, zorder=3)
        ax.plot([t.upper, t.upper], [y - h / 2, y + h / 2], color=TARGET_GREEN, lw=1, zorder=3)
        return
    bound = t.goal
    sign = -1 if t.kind in {"at_most", "below"} else 1
    ax.plot([bound, bound], [y - h / 2, y + h / 2], color=TARGET_GREEN, lw=2, zorder=4)
    ax.annotate(
        "",
        xy=(bound + sign * 6, y + 0.32),
        xytext=(bound, y + 0.32),
        arrowprops={"arrowstyle": "->", "color": TARGET_GREEN, "lw": 1.5},
        zorder=4,
    )


def _series_points(ax: Any, ok: Any, colour: str, study: Study, qualifiers: list[str]) -> bool:
    """Markers styled by evidence status; '*' after a value of another territory. True if any was marked."""
    marked = False
    for r, q in zip(ok.to_dict("records"), qualifiers, strict=True):
        style = {"official": (colour, 1.0), "preliminary": (colour, 0.85), "estimate": (colour, 0.45)}.get(
            r["status"], ("white", 1.0)
        )
        ax.plot([r["year"]], [r["value"]], "o", ms=8, mfc=style[0], alpha=style[1], mec=colour, mew=1.5, zorder=3)
        other = _other_territory(r["boundary"], study) != "own"
        marked |= other
        d = r.get("decimals")
        text = fmt_vn(r["value"], shown_decimals(r["value"], "percent") if d is None or d != d else int(d))
        ax.annotate(
            qualified(text, q) + (" *" if other else ""),
            (r["year"], r["value"]),
            xytext=(0, 7),
            textcoords="offset points",
            ha="center",
            fontsize=8,
            color=colour,
        )
    return marked


#: the note under a figure whose marked values (*) are of another territory or of unstated territory; worded
#: as the verdict rules read them (unstated territory still judges, with a note; another territory does not)
MARKED_NOTE = (
    "(*) số liệu chưa rõ địa giới (vẫn dùng để đánh giá, đề nghị cơ quan thống kê xác nhận) hoặc của "
    "địa giới khác (chưa đủ cơ sở so sánh với mục tiêu)."
)


def fig_series(obs: pd.DataFrame, study: str | Study, targets: list[Target], title: str, card: pd.DataFrame | None = None) -> Any:
    """Each share target's indicator from the base year to the target year (the target marked at its year only),
    and beside it a panel per growth target of the same theme (annual rates and the period average).

    One line or panel per quantity (a target restating another is left out); a target of another
    kind is named under the chart as not drawn. ``card`` is the study's scorecard (computed for
    these targets when not given).
    """
    from matplotlib.lines import Line2D

    ev_obs, st = study_evidence(obs, study)
    numeric = [t for t in targets if t.numeric]
    if card is None:
        card = scorecard(obs, st, targets=numeric)
    numeric = _distinct(card, numeric)
    voc = cached_vocabulary(st.root)
    growth = [t for t in numeric if growth_target(t, voc)]  # a growth rate: a growth panel, never a share
    pct = [t for t in numeric if t.unit == "percent" and t not in growth]
    side = (
        (
            "; bên phải: tăng trưởng bình quân"
            if any(t.measure == "period_avg_growth" for t in growth)
            else "; bên phải: tốc độ tăng"
        )
        if growth
        else ""
    )
    fig, ax = new_figure(
        title,
        f"% — {st.base_year}–{st.target_year}; ◆ và thanh dọc: mục tiêu tại năm mục tiêu; năm trống: chưa có số liệu" + side
        if pct or not growth
        else f"tốc độ tăng ({' và '.join(dict.fromkeys(growth_unit_vi(t) for t in growth))}) — "
        f"{st.short_title_vi}; cột trống: chưa có số liệu",
    )
    g_axes = _growth_axes(fig, ax, len(growth), shares=bool(pct))
    years = list(range(st.base_year, st.target_year + 1))
    srcs, statuses, marked = _series_lines(ax, ev_obs, st, pct, years, 60 if not growth else 44)
    ax.set_xticks(years, [str(y) for y in years], fontsize=10 if not growth else 8)
    ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    ax.set_ylim(0, 100)
    _vn_axis(ax)
    for a, t in zip(g_axes, growth, strict=True):
        r = _row(card, t.id)
        oids, sts, _ = growth_panel(a, t, r, ev_obs, st, small=len(growth) > 1, title_width=30, unit=True)
        srcs += [f"{o} ({Status(s_).vi})" if s_ in Status._value2member_map_ else o for o, s_ in zip(oids, sts, strict=True) if o]
    handles = ax.get_legend_handles_labels()[0] + [
        Line2D([], [], marker="D", color="#555555", ls="", label=f"mục tiêu năm {st.target_year} (± dung sai)")
    ]
    for code in ("official", "preliminary", "estimate", "secondary"):
        if code in statuses:
            fill = {"secondary": "white"}.get(code, "#555555")
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="o",
                    ls="",
                    mfc=fill,
                    mec="#555555",
                    alpha={"estimate": 0.45}.get(code, 1.0),
                    label=Status(code).vi,
                )
            )
    if pct or not growth:
        ax.legend(handles=handles, loc="upper left", fontsize=8 if not growth else 7)
    else:  # growth targets only: no share axis at all; the target marks named on the first panel
        ax.remove()
        g_axes[0].legend(handles=_target_handles(growth), loc="upper left", fontsize=7)
    other = [t.id for t in numeric if t not in pct and t not in growth]
    _notes(
        fig,
        ([MARKED_NOTE] if marked else [])
        + [_tolerance_note(pct + growth)]
        + ([f"Không vẽ {', '.join(other)}: không phải tỷ lệ % hay tốc độ tăng."] if other else []),
    )
    srcs = list(dict.fromkeys(srcs))
    source_line(
        fig, ("số liệu " + "; ".join(srcs) if srcs else "chưa có số liệu") + "; chi tiết ở trang tính 'Nguồn' của báo cáo"
    )
    return fig


def _growth_axes(fig: Any, ax: Any, n: int, shares: bool = True) -> list[Any]:
    """Narrow the series axes to the left and add ``n`` growth panels on the right ([] when n = 0); without
    share targets (``shares`` false) the growth panels take the whole width."""
    if not n:
        return []
    ax.set_position([0.08, 0.2, 0.5 if n == 1 else 0.4, 0.62])
    left, right = ((0.68, 0.97) if n == 1 else (0.56, 0.97)) if shares else (0.08, 0.97 if n > 1 else 0.6)
    w = (right - left) / n
    return [fig.add_axes([left + k * w, 0.26, w - 0.05, 0.5]) for k in range(n)]


def _series_lines(
    ax: Any, ev_obs: pd.DataFrame, st: Study, pct: list[Target], years: list[int], width: int
) -> tuple[list[str], set[str], bool]:
    """One line per share target (markers by evidence status) and its target at the target year."""
    srcs, statuses, marked = [], set(), False
    for i, t in enumerate(pct):
        colour = OKABE_ITO[i % len(OKABE_ITO)]
        s = best_series(ev_obs, st, t.indicator, years, unit="percent")
        ok = s[s["value"].notna()]
        label = _target_label(t, st) + ("" if len(ok) else " — chưa có số liệu")
        ax.plot(list(ok["year"]), list(ok["value"]), "-", color=colour, label=_wrap(label, width), zorder=2)
        marked |= _series_points(ax, ok, colour, st, _qualifiers(ev_obs, list(ok["obs_id"])))
        statuses |= set(ok["status"])
        srcs += [f"{r['obs_id']} ({r['year']}, {Status(r['status']).vi})" for r in ok.to_dict("records")]
        mark = [v for v in (t.lower, t.upper) if not math.isnan(v)]
        tol = t.about_tolerance if t.kind == "about" else 0.0
        ax.errorbar(
            [t.target_year],
            [sum(mark) / len(mark)],
            yerr=[[(max(mark) - min(mark)) / 2 + tol]],
            fmt="D",
            color=colour,
            capsize=4,
            ms=7,
            zorder=4,
        )
    return srcs, statuses, marked
