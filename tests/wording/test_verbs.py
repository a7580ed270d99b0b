"""The verb of a judged sentence follows what the indicator is (the vocabulary's ``kind``): a share 'chiếm', a
growth rate in percent 'đạt' — never 'tốc độ tăng … chiếm 7,17%'. Fixtures are generated here."""

from __future__ import annotations

from analysis import assess
from analysis.sources.manifest import load_vocabulary

from conftest import make_obs, make_study, make_target


def test_an_annual_growth_rate_is_reached_not_occupied(vocab_root):
    t = make_target(
        indicator="va_industry_growth",
        kind="at_least",
        lower=5.0,
        upper=float("nan"),
        unit="percent",
        measure="final_year_value",
        target_year=2024,
    )
    obs = make_obs([("va_industry_growth", "2024", 7.25, "pre2025", "official", "constant_2010", "percent")])
    s = assess(t, obs, make_study([t], vocab_root)).statement_vi()
    assert "đạt 7,25%" in s and "chiếm" not in s


def test_a_share_still_occupies(vocab_root):
    t = make_target()  # a share 'khoảng 36–37 %' in 2025
    obs = make_obs([("share_industry", "2025", 36.5, "pre2025", "official", "current", "percent")])
    s = assess(t, obs, make_study([t], vocab_root)).statement_vi()
    assert "chiếm 36,5%" in s


def test_every_growth_key_of_the_vocabulary_is_labelled_as_a_rate():
    """A growth key holds a rate (a yearbook index less 100), so its label says 'tăng': 'Tốc độ tăng lao động đang
    làm việc … đạt 7,17%', never 'Chỉ số phát triển … đạt 7,17%' (an index would read 107,17)."""
    voc = load_vocabulary(None)
    rates = {k: v["label_vi"] for k, v in voc.items() if v.get("kind") in {"growth", "avg_growth"}}
    assert rates and not {k: label for k, label in rates.items() if "tăng" not in label}
