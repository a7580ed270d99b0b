"""Numbers as published: every output shows a value with the decimals its source printed (never fewer),
computed growth rates with two, and a verdict never rests on a rounding the reader does not see.

Fixtures are generated here; every expectation is worked out by hand in the comments.
"""

from __future__ import annotations

import math

import pytest

from analysis import assess
from analysis.wording.text import amount_text, decimals_of, decimals_text, value_text
from analysis.wording.vnformat import fmt_amount_vi, printed_decimals, record_decimals, shown_decimals

from conftest import make_obs, make_study, make_target


def _growth_target(**kw):
    base = dict(
        indicator="va_industry_avg_growth",
        level_indicator="va_industry",
        annual_indicator="va_industry_growth",
        kind="range",
        lower=8.5,
        upper=9.5,
        unit="percent_per_year",
        measure="period_avg_growth",
        about_tolerance=0.0,
        exceed_margin=1.0,
    )
    return make_target(**(base | kw))


def _published_average(value: float, printed: str):
    obs = make_obs([("va_industry_avg_growth", "2021-2025", value, "pre2025", "estimate", "constant_2010", "percent_per_year")])
    obs.loc[0, "value_as_printed"] = printed
    return obs


@pytest.mark.parametrize(
    "printed,vietnamese,decimals",
    [
        ("9.55", False, 2),
        ("17.8", False, 1),
        ("70", False, 0),
        ("6.97", False, 2),
        ("104,49", True, 2),
        ("1.027", True, 0),
        ("46811173", True, 0),
        ("hơn 70", False, None),
        ("", False, None),
    ],
)
def test_printed_decimals(printed, vietnamese, decimals):
    assert printed_decimals(printed, vietnamese) == decimals


def test_shown_decimals_never_drops_a_printed_digit():
    assert shown_decimals(9.55, "percent_per_year", "9.55") == 2  # not 9,6
    assert shown_decimals(6.97, "percent", "6.97") == 2  # not 7,0
    assert shown_decimals(17.8, "percent_per_year", "17.8") == 1  # growth printed to one decimal keeps one
    assert shown_decimals(9.5, "percent", "9.50") == 2  # a printed trailing zero is kept
    # computed (nothing printed): growth rates two decimals, shares the digits they have (one to two)
    assert shown_decimals(100 * ((11000 / 8000) ** 0.2 - 1), "percent_per_year") == 2
    assert shown_decimals(35.0, "percent") == 1 and shown_decimals(6.97, "percent") == 2
    # a printed text that no longer writes the value (converted scale): the unit's decimals
    assert shown_decimals(46811.173, "bn_VND", "46811173", vietnamese=True) == 0
    assert (
        record_decimals({"value": 4.49, "unit": "percent", "value_as_printed": "104,49", "source_kind": "yearbook"}) == 2
    )  # index 104,49 read as growth 4,49


def test_one_function_writes_every_output():
    assert fmt_amount_vi(9.55, "percent_per_year", 2) == "9,55%/năm"
    assert amount_text(6.97, "percent", decimals=2) == "6,97%"
    assert value_text(9.55, "percent_per_year", "", "estimate", decimals=2) == "9,55%/năm (ước tính)"
    assert value_text(70.0, "percent", "lower_bound", decimals=0) == "hơn 70%"
    rec = {"decimals": decimals_text({"2023": 2, "actual": 1})}
    assert decimals_of(rec, 2023) == 2 and decimals_of(rec, "actual") == 1 and decimals_of(rec, "baseline") is None


def test_955_beside_a_band_ending_at_95(vocab_root):
    """A published period average printed 9,55 against 8,5–9,5 %/năm: shown 9,55 (not 9,6), vượt."""
    t = _growth_target()
    a = assess(t, _published_average(9.55, "9.55"), make_study([t], vocab_root))
    assert a.status == "exceeded" and a.decimals == 2
    s = a.statement_vi()
    assert "9,55%/năm" in s and "9,6" not in s and "(8,5–9,5%/năm)" in s


def test_a_strict_bound_is_reached_only_as_shown(vocab_root):
    """'trên 9,5 %/năm': 9,46 printed to two decimals is not 9,5 as shown → không đạt (one decimal would have
    printed 9,5 and said "cơ bản đạt"); 9,5 printed is the bound itself → cơ bản đạt."""
    t = _growth_target(kind="above", lower=9.5, upper=math.nan)
    st = make_study([t], vocab_root)
    below = assess(t, _published_average(9.46, "9.46"), st)
    assert below.status == "not_met" and "9,46%/năm" in below.statement_vi()
    at = assess(t, _published_average(9.5, "9.5"), st)
    assert at.status == "basically_met" and "9,5%/năm" in at.statement_vi()
    # the rule itself: at one decimal 9,46 prints 9,5
    assert t.verdict(9.46, 1) == "basically_met" and t.verdict(9.46, 2) == "not_met"
    assert list(t.verdicts([9.46, 9.5, 9.4], 2)) == ["not_met", "basically_met", "not_met"]


def test_a_share_printed_to_two_decimals_is_quoted_so(vocab_root):
    t = make_target(kind="at_most", lower=math.nan, upper=7.0, exceed_margin=1.0)  # "tối đa 7%"
    obs = make_obs([("share_industry", "2025", 6.97, "pre2025", "official", "current", "percent")])
    obs.loc[0, "value_as_printed"] = "6.97"
    a = assess(t, obs, make_study([t], vocab_root))
    assert a.status == "met" and "6,97%" in a.statement_vi() and "7,0%" not in a.statement_vi()


def test_a_computed_growth_rate_has_two_decimals(vocab_root):
    """Levels 8000 → 11000 over 5 years: (11000/8000)^(1/5) − 1 = 6,5750 % → "6,58%/năm"."""
    t = _growth_target(lower=6.0, upper=7.0)
    rows = [
        ("va_industry", str(y), v, "pre2025", "official", "constant_2010", "bn_VND")
        for y, v in [(2020, 8000), (2021, 8500), (2022, 9100), (2023, 9700), (2024, 10300), (2025, 11000)]
    ]
    a = assess(t, make_obs(rows), make_study([t], vocab_root))
    assert a.method == "cagr_of_levels" and a.decimals == 2
    assert "6,58%/năm" in a.statement_vi()
