"""Newest evidence of a tier first (a later translation supersedes an earlier original), and targets that
speak for themselves: their own horizon, the agency of their ``data_from``, the analyst's reading kept out
of the official sentence. Fixtures are generated here."""

from __future__ import annotations

from analysis import assess, select_best
from analysis.assessment.verdicts import Assessment
from analysis.wording.text import horizon_vi, target_heading_vi, target_with_horizon_vi

from conftest import SYN_PROVINCE, make_obs, make_study, make_target


def _two_vintages():
    """An October estimate (Vietnamese original) and a later year-end estimate read in a translation."""
    obs = make_obs(
        [
            ("va_industry_growth", "2024", 10.3, "pre2025", "estimate", "constant_2010", "percent"),
            ("va_industry_growth", "2024", 10.01, "pre2025", "estimate", "constant_2010", "percent"),
        ]
    )
    obs.loc[0, ["published", "value_as_printed"]] = ["2024-10-20", "10.3"]
    obs.loc[1, ["published", "value_as_printed", "translated"]] = ["2025-01-06", "10.01", True]
    return obs


def test_a_later_translation_replaces_an_earlier_original_of_the_same_tier():
    ev = select_best(_two_vintages(), "va_industry_growth", "2024", province=SYN_PROVINCE)
    assert ev.value == 10.01 and bool(ev.chosen["translated"])
    roles = dict(zip(ev.candidates["value"], ev.candidates["role"], strict=True))
    assert roles[10.3] == "conflict"  # 10,3 ± 0,05 and 10,01 ± 0,005 do not overlap


def test_same_vintage_the_original_still_wins():
    obs = _two_vintages()
    obs.loc[1, "published"] = "2024-10-20"
    assert select_best(obs, "va_industry_growth", "2024", province=SYN_PROVINCE).value == 10.3


def test_a_higher_tier_still_wins_over_a_newer_one():
    obs = _two_vintages()
    obs.loc[0, "status"] = "preliminary"
    assert select_best(obs, "va_industry_growth", "2024", province=SYN_PROVINCE).value == 10.3


def test_the_sentence_says_translation_and_asks_the_targets_agency(vocab_root):
    t = make_target(
        indicator="va_industry_growth",
        kind="at_least",
        lower=9.0,
        upper=float("nan"),
        unit="percent",
        measure="final_year_value",
        target_year=2024,
        data_from="Sở Tài chính",
    )
    a = assess(t, _two_vintages(), make_study([t], vocab_root))
    s = a.statement_vi()
    assert "10,01%" in s and "bản dịch" in s and "đề nghị Sở Tài chính cung cấp số liệu gốc" in s
    assert "Thống kê tỉnh" not in s


def test_a_2030_goal_in_a_2025_study_says_2030(vocab_root):
    t25 = make_target(id="A1")
    t30 = make_target(id="A2", order=2, target_year=2030, data_from="Sở Tài chính; Cục Thuế")
    st = make_study([t25, t30], vocab_root)  # the study's own horizon: 2025
    assert horizon_vi(st) == "đến năm 2025 và năm 2030" and target_heading_vi(st) == "Mục tiêu"
    assert target_with_horizon_vi(t30.text_vi(), t30, st).endswith("(đến năm 2030)")
    s = Assessment(t30, "no_data", study=st).statement_vi()
    assert "đến năm 2030" in s and "2025" not in s
    assert "đề nghị Sở Tài chính và Cục Thuế cung cấp" in s
    one = make_study([t25], vocab_root)
    assert target_heading_vi(one) == "Mục tiêu đến năm 2025" and target_with_horizon_vi("x", t25, one) == "x"


def test_the_analysts_reading_is_not_in_the_official_sentence(vocab_root):
    note = "Người phân tích hiểu chỉ tiêu theo nghĩa hẹp"
    t = make_target(reading=note)
    obs = make_obs([("share_industry", "2025", 36.5, "pre2025", "official", "current", "percent")])
    assert note not in assess(t, obs, make_study([t], vocab_root)).statement_vi()
    assert note not in Assessment(t, "no_data").statement_vi()
