"""The method-check figure over the default study's yearbook tables (the project's data)."""

from __future__ import annotations

from analysis import briefing, load_study
from analysis import briefing as bf


def test_method_check_has_a_tolerance_band():
    fig = bf.fig_method_check(briefing.yearbook_tables(load_study(None)))
    labels = fig.axes[0].get_legend_handles_labels()[1]
    assert any(lbl.startswith("±0,05") for lbl in labels) and any(lbl.startswith("±0,02") for lbl in labels)
