"""Briefing figure of the investment theme (:func:`fig_flows`, re-exported by :mod:`analysis.briefing.figures`).

Annual flows and the period total of each cumulative target on separate panels, and a panel for
each other numeric target of the theme (growth rates; final-year or period values with the base
year's value), so that the figure draws every target its slide counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from analysis.assessment.target_evidence import study_evidence
from analysis.studies.study import Study
from analysis.studies.targets import Target
from analysis.wording.labels import themes_vi
from analysis.wording.text import amount_text, decimals_of, display_unit, number_text, target_reference

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
    _unit_text,
    _vn_axis,
    _wrap,
)
from .growth import _target_handles, growth_panel
from .panels import base_handles, level_panel
from .style import OKABE_ITO, bar_with_evidence, draw_target, evidence_legend, source_line, vn_tick
from .tables import best_series

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = ["fig_flows"]


def _flow_panels(
    ax_y: Any,
    ax_t: Any,
    t: Target,
    s: Any,
    r: dict[str, Any],
    st: Study,
    ev_obs: pd.DataFrame,
    title_width: int = 60,
    small: bool = False,
) -> None:
    """Yearly flows (left) and the period total against the target (right) of one cumulative target.

    Both panels in the unit the target is written in (:func:`analysis.wording.text.display_unit`); a
    value below 1 there is labelled in the store's unit (:func:`analysis.wording.text.shown_unit`).
    """
    ref = target_reference(t)
    div, label = display_unit(t.unit, ref)
    years = list(s["year"])
    unit = label or _unit_text(t.unit)
    values = [v / div for v in s["value"]]
    # each label at the decimals its source printed (best_series' ``decimals``: record_decimals, the one rule)
    labels = [
        number_text(v, t.unit, ref, None if _nan(d) else int(d)) if not _nan(v) else ""
        for v, d in zip(s["value"], s["decimals"], strict=True)
    ]
    bar_with_evidence(
        ax_y,
        list(range(len(years))),
        values,
        list(s["status"]),
        [_other_territory(b, st) for b in s["boundary"]],
        colour=OKABE_ITO[1],
        labels=labels,
        qualifiers=_qualifiers(ev_obs, list(s["obs_id"])),
    )
    ax_y.set_xticks(range(len(years)), [str(y) for y in years], fontsize=7)
    ax_y.set_xlim(-0.6, len(years) - 0.4)
    empty = all(_nan(v) for v in values)
    if empty:
        ax_y.text(0.5, 0.5, "chưa có số liệu", transform=ax_y.transAxes, ha="center", va="center", fontsize=8, color="#777777")
    for xi, v in enumerate(values):
        if _nan(v) and not empty:
            ax_y.annotate(
                _NO_DATA,
                (xi, 0),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                fontsize=5 if small else 6,
                color="#777777",
            )
    ax_y.set_title(_wrap(f"{t.id} từng năm ({unit})", title_width), fontsize=8.5 if small else 9)
    finite = [v for v in values if not _nan(v)]
    ax_y.set_ylim(0, max(finite) * 1.25 if finite else 1)
    if not finite:
        ax_y.set_yticks([])
    used = [x for x in str(r["sources"]).split("; ") if x and x != "nan"]
    tol = (t.about_tolerance if t.kind == "about" else 0.0) / div
    lower = t.lower if _nan(t.lower) else t.lower / div
    upper = None if _nan(t.upper) else t.upper / div
    band_top = max([lower, t.goal / div] + ([upper + tol] if upper is not None else []))
    actual = r["actual"] / div
    bar_with_evidence(
        ax_t,
        [0],
        [actual],
        [r["evidence_status"]],
        [_other_territory(r["boundary"], st)],
        colour=OKABE_ITO[1],
        fmt=lambda v: amount_text(v * div, t.unit, ref, decimals_of(r, "actual")),
        qualifiers=_qualifiers(ev_obs, used[:1]) if len(used) == 1 else None,
        thickness=0.5,
        label_at=[band_top],
    )
    draw_target(
        ax_t,
        lower,
        upper if t.kind in {"range", "about"} else None,
        tol,
        label=f"mục tiêu {t.text_vi()}",
        tolerance_label=f"±{vn_tick(tol)} {unit}: dung sai 'khoảng' (giả định)",
    )
    if _nan(actual):
        ax_t.annotate(
            _NO_DATA,
            (0, band_top),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7,
            color="#777777",
        )
    ax_t.set_xticks([0], [f"tổng {t.base_year}–{t.target_year}"], fontsize=7)
    ax_t.set_xlim(-1, 1)
    ax_t.set_ylim(0, max([band_top] + ([actual] if not _nan(actual) else [])) * 1.5)
    ax_t.set_ylabel(unit, fontsize=8)
    ax_t.set_title(_wrap(f"{t.id} tổng kỳ so với mục tiêu {t.text_vi()}", title_width), fontsize=8.5 if small else 9)
    for a in (ax_y, ax_t):
        _vn_axis(a)


def _layout(cum: list[Target], rest: list[Target]) -> tuple[list[tuple[str, Target] | None], int]:
    """Panel slots in reading order and the number of columns.

    A cumulative target takes two slots side by side (``"flows"``, ``"total"``), never split across
    rows; every other target one (``"one"``); ``None`` is an empty slot.
    """
    n = 2 * len(cum) + len(rest)
    cols = n if n <= 4 else 3
    pairs, singles, slots = list(cum), list(rest), []
    while pairs or singles:
        row: list[tuple[str, Target] | None] = []
        while pairs and len(row) + 2 <= cols:
            t = pairs.pop(0)
            row += [("flows", t), ("total", t)]
        while singles and len(row) < cols:
            row.append(("one", singles.pop(0)))
        slots += row + [None] * (cols - len(row))
    return slots, max(cols, 1)


def fig_flows(obs: pd.DataFrame, study: str | Study, card: pd.DataFrame, targets: list[Target]) -> Any:
    """Every numeric target of the theme, one quantity each (a target restating another is left out).

    Cumulative targets: annual flows and the period total against the target, side by side; growth
    targets: the annual rates and the period average; other targets: the period value (and the base
    year's, marked as such) against the target.
    """
    ev_obs, st = study_evidence(obs, study)
    targets = [t for t in _distinct(card, targets) if t.numeric]
    cum = [t for t in targets if t.measure == "cumulative_sum"]
    rest = [t for t in targets if t.measure != "cumulative_sum"]
    slots, cols = _layout(cum, rest)
    # named by the themes it draws, as the deck's slide is ("Vốn đầu tư và môi trường"), never a theme it has not
    title = f"{themes_vi([t.theme for t in targets]) or 'Các chỉ tiêu khác'} so với mục tiêu"
    fig, axes = _panels(
        len(slots),
        title,
        f"{st.short_title_vi} — tổng kỳ: từng năm (trái) và cả kỳ so với mục tiêu" if cum else st.short_title_vi,
        cols=cols,
    )
    # a panel title's characters per line: two panels side by side hold about 44 (60 ran past the canvas)
    width = {1: 60, 2: 44, 3: 32}.get(cols, 26)
    srcs, statuses, others, by_id, bases = [], [], [], {}, set()
    for k, slot in enumerate(slots):
        if slot is None:
            axes[k].set_axis_off()
            continue
        kind, t = slot
        r = _row(card, t.id)
        if kind == "flows":
            s = best_series(ev_obs, st, t.indicator, list(range(t.base_year, t.target_year + 1)), unit=t.unit)
            _flow_panels(axes[k], axes[k + 1], t, s, r, st, ev_obs, width, small=cols > 2)
            used = [x for x in str(r["sources"]).split("; ") if x and x != "nan"]
            ids = {o: st_ for o, st_ in zip(s["obs_id"], s["status"], strict=True) if o}
            ids |= {o: r["evidence_status"] for o in used}
            sts, bnds = list(s["status"]) + [r["evidence_status"]], list(s["boundary"]) + [r["boundary"]]
            bnds = [_other_territory(b, st) for b in bnds]
        elif kind == "one" and t.measure == "period_avg_growth":
            oids, sts, bnds = growth_panel(axes[k], t, r, ev_obs, st, small=True, title_width=width, unit=True)
            ids = {o: s_ for o, s_ in zip(oids, sts, strict=True) if o}
        elif kind == "one":
            ids, sts, bnds, base = level_panel(axes[k], t, r, st, ev_obs, width)
            bases |= base
        else:
            continue
        srcs += list(ids)
        by_id.update(ids)
        statuses += sts
        others += bnds
    if axes:
        _flows_legend(fig, axes[0], targets, statuses, others, bases)
    _notes(fig, _caveats(card, targets) + [_tolerance_note(targets), "Không quy đổi tiền tệ giữa các chỉ tiêu."])
    source_line(fig, _ids_text(sorted(set(srcs)), by_id) + ".")
    return fig


def _flows_legend(fig: Any, ax: Any, targets: list[Target], statuses: list[str], others: list[str], bases: set[str]) -> None:

    extra = _target_handles(targets) + base_handles(bases)
    evidence_legend(
        ax,
        statuses,
        merged="merged2025" in others,
        extra=extra,
        colour=OKABE_ITO[1],
        loc="lower left",
        legend_kw={"bbox_to_anchor": (0.08, 0.105), "bbox_transform": fig.transFigure, "ncol": 5, "fontsize": 7},
    )
