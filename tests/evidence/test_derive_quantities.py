"""Annual growth of a quantity without prices (employed persons, population) is derived from its levels, as the
growth of money is from constant-price levels; money at current prices still gives no growth. Fixtures are
generated here."""

from __future__ import annotations

import pytest

from analysis.evidence.derive import derive_for_study

from conftest import make_obs, make_study, make_target

VOCABULARY = {
    "employed_total": {"unit": "persons", "kind": "level"},
    "employed_total_growth": {"unit": "percent", "kind": "growth", "level": "employed_total"},
    "grdp": {"unit": "bn_VND", "kind": "level"},
    "grdp_growth": {"unit": "percent", "kind": "growth", "level": "grdp"},
}


def _study(vocab_root):
    targets = [
        make_target(
            id="L1",
            indicator="employed_total_growth",
            kind="above",
            lower=5.0,
            upper=float("nan"),
            unit="percent",
            measure="final_year_value",
            base_year=2021,
            target_year=2022,
        ),
        make_target(
            id="L2",
            order=2,
            indicator="grdp_growth",
            kind="above",
            lower=5.0,
            upper=float("nan"),
            unit="percent",
            measure="final_year_value",
            base_year=2021,
            target_year=2022,
        ),
    ]
    return make_study(targets, vocab_root)


def test_growth_of_persons_is_derived_from_their_levels(vocab_root):
    obs = make_obs(
        [
            ("employed_total", "2021", 2000.0, "pre2025", "official", "na", "persons"),
            ("employed_total", "2022", 2150.0, "pre2025", "preliminary", "na", "persons"),
        ]
    )
    out = derive_for_study(obs, _study(vocab_root), VOCABULARY)
    got = out[out["indicator"] == "employed_total_growth"]
    assert len(got) == 1
    row = got.iloc[0]
    assert row["period"] == "2022" and row["value"] == pytest.approx(7.5)  # by hand: 2150 / 2000 − 1
    assert row["price_basis"] == "na" and row["status"] == "preliminary" and row["unit"] == "percent"


def test_money_at_current_prices_still_gives_no_growth(vocab_root):
    obs = make_obs(
        [
            ("grdp", "2021", 100.0, "pre2025", "official", "current", "bn_VND"),
            ("grdp", "2022", 120.0, "pre2025", "official", "current", "bn_VND"),
        ]
    )
    out = derive_for_study(obs, _study(vocab_root), VOCABULARY)
    assert out.empty or (out["indicator"] != "grdp_growth").all()
