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

The builders of target figures live in :mod:`analysis.briefing.growth`,
:mod:`analysis.briefing.shares` and :mod:`analysis.briefing.flows` (their shared parts in
:mod:`analysis.briefing.figure_parts`) and are importable from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from analysis.evidence.checks import check_index, check_structure
from analysis.sources.yearbook.reader import read_yearbook_table
from analysis.studies.study import Study
from analysis.wording.text import actual_qualifier, decimals_of, value_text, verdict_counts_vi
from analysis.wording.vnformat import fmt_vn

from .figure_parts import _restates, _vn_axis
from .style import OKABE_ITO, fit_width, new_figure, source_line, status_board, wrap_text

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    from pathlib import Path

    import pandas as pd

__all__ = ["fig_scorecard", "fig_method_check"]


def fig_scorecard(card: pd.DataFrame, study: str | Study) -> Any:
    """The status board of every target in report order (labels wrapped, every text inside the canvas).

    A target that restates another one (scorecard column ``restates``) keeps its row, marked as such.
    """
    c = card.copy()
    c["actual_text"] = [
        value_text(r["actual"], r["unit"], actual_qualifier(r), decimals=decimals_of(r, "actual")) for r in c.to_dict("records")
    ]  # "hơn 70%" as printed
    again = [_restates(r) for r in c.to_dict("records")]
    c["target_vi"] = [f"{t} (trùng chỉ tiêu {a}, văn bản khác)" if a else t for t, a in zip(c["target_vi"], again, strict=True)]
    title = study.short_title_vi if isinstance(study, Study) else str(study)
    fig = status_board(c, f"Kết quả thực hiện các chỉ tiêu — {title}")
    note = (
        f"{verdict_counts_vi(card)}. Nguồn: bảng kết quả các chỉ tiêu (trang tính 'Mục I' của báo cáo); "
        "cột cuối: trạng thái của số liệu."
    )
    fit_width(fig, fig.text(0.02, 0.015, wrap_text(note, 170), fontsize=8, color="#444444"))
    return fig


def fig_method_check(paths: list[Path]) -> Any:
    """Distribution of recomputed − printed differences for structure and index blocks, with the tolerance bands."""

    fig, ax = new_figure(
        "Kiểm tra phương pháp: tính lại cơ cấu và chỉ số", "chênh lệch giữa số tính lại và số in trong niên giám (điểm %)"
    )
    diffs: dict[str, list[float]] = {"structure": [], "index": []}
    for p in paths:
        t = read_yearbook_table(p)
        diffs["structure"] += list(check_structure(t)["diff"])
        diffs["index"] += list(check_index(t)["diff"])
    ax.hist(
        [diffs["structure"], diffs["index"]],
        bins=20,
        range=(-0.07, 0.07),
        stacked=True,
        color=[OKABE_ITO[0], OKABE_ITO[1]],
        label=[f"cơ cấu (n = {fmt_vn(len(diffs['structure']), 0)})", f"chỉ số (n = {fmt_vn(len(diffs['index']), 0)})"],
    )
    ax.axvspan(
        -0.05,
        0.05,
        color="#E69F00",
        alpha=0.15,
        lw=0,
        label="±0,05 (cộng sai số làm tròn của hai số tuyệt đối): ngưỡng của chỉ số",
    )
    ax.axvline(-0.02, color="#D55E00", ls=":", lw=1)
    ax.axvline(0.02, color="#D55E00", ls=":", lw=1, label="±0,02 điểm %: ngưỡng của cơ cấu")
    ax.set_xlabel("điểm phần trăm")
    ax.set_ylabel("số giá trị")
    _vn_axis(ax, "x", 2)
    _vn_axis(ax, "y")
    ax.legend(loc="upper left", frameon=True, facecolor="white", edgecolor="none", framealpha=0.9)
    source_line(fig, "các biểu niên giám thống kê đã đọc: " + ", ".join(p.name for p in paths))
    return fig
