"""One-value panels of the briefing figures: a final-year or period value against its target.

Used where a figure's theme holds targets that are neither growth rates nor cumulative
sums (a rate in the final year, a level per person, a ratio over the period), so that every
numeric target of the theme is drawn. The base-year value, where the scorecard has one, is
drawn beside the period value and marked as the base year with its evidence status; a
missing value is labelled "chưa có số liệu" above the target mark, never across it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from analysis.sources.manifest import cached_vocabulary
from analysis.studies.study import Study
from analysis.studies.targets import Target
from analysis.wording.text import amount_text, decimals_of, display_unit, target_reference

from .figure_parts import _NO_DATA, _baseline, _nan, _other_territory, _qualifiers, _unit_text, _vn_axis, _wrap
from .style import OKABE_ITO, STATUS_STYLE, bar_with_evidence, draw_target, vn_tick

if TYPE_CHECKING:  # annotations only; pandas loads with the functions that use it
    import pandas as pd

__all__ = ["level_panel", "base_handles", "BASE_COLOUR"]

#: base-year values are drawn in grey beside the period value (their evidence style kept)
BASE_COLOUR = "#8C8C8C"


def base_handles(statuses: set[str]) -> list[Any]:
    """Legend entries of the base-year values drawn (grey, styled by their evidence status)."""
    from matplotlib.colors import to_rgb
    from matplotlib.patches import Patch

    out = []
    for code, style in STATUS_STYLE.items():
        if code in statuses:
            out.append(
                Patch(
                    facecolor=(*to_rgb(BASE_COLOUR), style["alpha"]) if style["fill"] else "white",
                    edgecolor=BASE_COLOUR,
                    hatch=style["hatch"],
                    label=f"năm gốc ({style['label']})",
                )
            )
    return out


def _target_top(t: Target) -> float:
    tol = t.about_tolerance if t.kind == "about" else 0.0
    hi = t.upper if t.kind in {"range", "about"} and not _nan(t.upper) else t.goal
    return max(t.lower if not _nan(t.lower) else hi, hi) + tol


def level_panel(
    ax: Any, t: Target, row: dict[str, Any], st: Study, ev_obs: pd.DataFrame, title_width: int = 34
) -> tuple[dict[str, str], list[str], list[str], set[str]]:
    """The period value (and the base-year value, if known) of one target against its band or line.

    Returns ``{observation id: evidence status}`` of what is drawn, the statuses and territories of the
    period value, and the statuses of the base-year value (for :func:`base_handles`).
    """

    ref = target_reference(t)
    div, label = display_unit(t.unit, ref)  # drawn in the unit the target is written in

    def fmt(v: float) -> str:  # the period's value, as its source printed it
        return amount_text(v * div, t.unit, ref, decimals_of(row, "actual"))

    base = _baseline(row)
    top = _target_top(t) / div
    by_id: dict[str, str] = {}
    statuses: list[str] = []
    others: list[str] = []
    x_labels = []
    if base is not None:
        b = _other_territory(base["boundary"], st)
        bar_with_evidence(
            ax,
            [0],
            [base["value"] / div],
            [base["status"]],
            [b],
            colour=BASE_COLOUR,
            fmt=fmt,
            qualifiers=_qualifiers(ev_obs, [base["source"]]),
            thickness=0.5,
        )
        x_labels.append(f"{base['year']}\n(năm gốc)")
        by_id[base["source"]] = base["status"]
        others.append(b)
    xp = len(x_labels)
    x_labels.append(t.period.replace("-", "–"))
    used = [x for x in str(row["sources"]).split("; ") if x and x != "nan"]
    if _nan(row["actual"]):
        ax.annotate(
            _NO_DATA, (xp, top), xytext=(0, 4), textcoords="offset points", ha="center", va="bottom", fontsize=7, color="#777777"
        )
    else:
        b = _other_territory(row["boundary"], st)
        bar_with_evidence(
            ax,
            [xp],
            [row["actual"] / div],
            [row["evidence_status"]],
            [b],
            colour=OKABE_ITO[2],
            fmt=fmt,
            qualifiers=_qualifiers(ev_obs, used[:1]) if len(used) == 1 else None,
            thickness=0.5,
            label_at=[top],
        )
        by_id.update({i: row["evidence_status"] for i in used})
        statuses.append(row["evidence_status"])
        others.append(b)
    tol = (t.about_tolerance if t.kind == "about" else 0.0) / div
    upper = None if t.kind not in {"range", "about"} or _nan(t.upper) else t.upper / div
    draw_target(
        ax,
        t.lower if _nan(t.lower) else t.lower / div,
        upper,
        tol,
        label=f"mục tiêu {t.text_vi()}",
        tolerance_label=f"±{vn_tick(tol)}: dung sai 'khoảng' (giả định)",
    )
    ax.set_xticks(range(len(x_labels)), x_labels, fontsize=7)
    ax.set_xlim(-0.8, len(x_labels) - 0.2)
    finite = [v / div for v in ([base["value"]] if base else []) + [row["actual"]] if not _nan(v)]
    ax.set_ylim(0, max(finite + [top]) * 1.45)
    ax.set_ylabel(label or _unit_text(t.unit), fontsize=8)
    _vn_axis(ax)
    name = cached_vocabulary(getattr(st, "root", None)).get(t.indicator, {}).get("label_vi", t.indicator)
    ax.set_title(_wrap(f"{t.id} {name}: {t.text_vi()}", title_width), fontsize=8.5)
    return by_id, statuses, others, {base["status"]} if base else set()
