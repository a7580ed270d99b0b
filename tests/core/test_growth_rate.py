"""One rule for "is this target a growth rate" (:func:`analysis.core.vocabulary.is_growth_rate`): the scorecard,
the in-year check, the sentence verb and the briefing figures all ask it. Fixtures are generated here."""

from __future__ import annotations

import pytest

from analysis.briefing.tables import growth_target
from analysis.core.vocabulary import GROWTH_KINDS, is_growth_rate
from analysis.sources.manifest import load_vocabulary

from conftest import make_target


@pytest.mark.parametrize(
    "measure,kind,expected",
    [
        ("period_avg_growth", "avg_growth", True),  # an average growth over a period
        ("period_avg_growth", "", True),  # whatever the indicator, the measure is a growth
        ("final_year_value", "growth", True),  # an annual plan's "GRDP tăng 10%"
        ("final_year_value", "avg_growth", True),
        ("final_year_value", "level", False),
        ("final_year_value", "flow", False),
        ("final_year_share", "share", False),
        ("final_year_share", "ratio", False),
        ("ratio", "ratio", False),
        ("cumulative_sum", "flow", False),
        ("qualitative", "", False),
    ],
)
def test_the_rule(measure, kind, expected):
    assert is_growth_rate(measure, kind) is expected


def test_growth_kinds_are_kinds_of_the_vocabulary():
    kinds = {r["kind"] for r in load_vocabulary().values()}  # data/raw/indicators.csv
    assert kinds >= GROWTH_KINDS


@pytest.mark.parametrize("kind", ["growth", "avg_growth", "share", "level", ""])
@pytest.mark.parametrize("measure", ["period_avg_growth", "final_year_value", "final_year_share"])
def test_the_briefing_asks_the_same_rule(measure, kind):
    t = make_target(indicator="x_indicator", measure=measure)
    voc = {"x_indicator": {"kind": kind}} if kind else {}
    assert growth_target(t, voc) is is_growth_rate(measure, kind)
