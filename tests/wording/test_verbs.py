"""The verb of a judged sentence follows what the indicator is (the vocabulary's ``kind``): a share 'chiếm', a
growth rate in percent 'đạt' — never 'tốc độ tăng … chiếm 7,17%'. Fixtures are generated here."""
from __future__ import annotations

from analysis import assess

from conftest import make_obs, make_study, make_target


def test_an_annual_growth_rate_is_reached_not_occupied(vocab_root):
    t = make_target(indicator="va_industry_growth", kind="at_least", lower=5.0, upper=float("nan"),
                    unit="percent", measure="final_year_value", target_year=2024)
    obs = make_obs([("va_industry_growth", "2024", 7.25, "pre2025", "official", "constant_2010", "percent")])
    s = assess(t, obs, make_study([t], vocab_root)).statement_vi()
    assert "đạt 7,25%" in s and "chiếm" not in s


def test_a_share_still_occupies(vocab_root):
    t = make_target()                                  # a share 'khoảng 36–37 %' in 2025
    obs = make_obs([("share_industry", "2025", 36.5, "pre2025", "official", "current", "percent")])
    s = assess(t, obs, make_study([t], vocab_root)).statement_vi()
    assert "chiếm 36,5%" in s
