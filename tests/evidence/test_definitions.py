"""Definitions as data: a published share of another definition is converted where the product-tax share of
its period is known, else flagged; a series never joins definitions silently. Fixtures generated here;
expected values worked out by hand in the comments."""

from __future__ import annotations

import math

import pytest

from analysis import assess
from analysis.assessment.scorecard_table import scorecard
from analysis.core.errors import ManifestError
from analysis.sources.published_figures import PUBLISHED_COLUMNS
from analysis.sources.store import build_observations

from conftest import make_obs, make_study, make_synthetic_project, make_target, write_csv_grid

_ROW = ("share_industry_services", "2025", 0.0, "pre2025", "official", "current", "percent")
_TAX = ("share_product_taxes", "2025", 8.0, "pre2025", "official", "current", "percent")


def _target():
    return make_target(indicator="share_industry_services", kind="above", lower=70.0, upper=math.nan, exceed_margin=1.0)


def _obs(value: float, definition: str, with_tax: bool):
    obs = make_obs([(*_ROW[:2], value, *_ROW[3:])] + ([_TAX] if with_tax else []))
    obs.loc[0, ["definition", "value_as_printed"]] = [definition, repr(value)]
    return obs


def test_a_share_excluding_taxes_is_converted_with_the_tax_share(vocab_root):
    """75 % of the sum of sectors, product taxes 8 % of GRDP: 75 × (100 − 8) / 100 = 69 % of GRDP < 70."""
    t = _target()
    a = assess(t, _obs(75.0, "excl_taxes", True), make_study([t], vocab_root))
    assert a.value == pytest.approx(69.0) and a.status == "not_met" and "definition_converted" in a.flags
    s = a.statement_vi()
    assert "69,0%" in s and "không gồm thuế sản phẩm" in s and "đã quy đổi" in s


def test_100_minus_agriculture_is_converted_by_taking_the_taxes_out(vocab_root):
    """'100 − agriculture' = 77,5 counts product taxes in: 77,5 − 8 = 69,5 % (industry, construction, services)."""
    t = _target()
    a = assess(t, _obs(77.5, "100_minus_agriculture", True), make_study([t], vocab_root))
    assert a.value == pytest.approx(69.5) and a.status == "not_met"
    assert "100 trừ tỷ trọng nông" in a.statement_vi()


def test_without_the_tax_share_the_verdict_says_which_definition(vocab_root):
    t = _target()
    a = assess(t, _obs(75.0, "excl_taxes", False), make_study([t], vocab_root))
    assert a.value == 75.0 and "definition_other" in a.flags
    assert "chưa quy đổi được" in a.statement_vi() and "không gồm thuế sản phẩm" in a.statement_vi()


def test_a_standard_value_ranks_before_an_unconverted_one_of_the_same_tier(vocab_root):
    t = _target()
    obs = make_obs([(*_ROW[:2], 75.0, *_ROW[3:]), (*_ROW[:2], 71.2, *_ROW[3:])])
    obs.loc[0, "definition"] = "excl_taxes"
    a = assess(t, obs, make_study([t], vocab_root))
    assert a.value == 71.2 and "definition_other" not in a.flags


def test_a_series_of_mixed_definitions_is_flagged(vocab_root):
    """2021 excluding taxes (no tax share that year), 2022 as the vocabulary defines it: one row, flagged."""
    t = _target()
    obs = make_obs(
        [
            ("share_industry_services", "2021", 74.0, "pre2025", "official", "current", "percent"),
            ("share_industry_services", "2022", 68.0, "pre2025", "official", "current", "percent"),
        ]
    )
    obs.loc[0, "definition"] = "excl_taxes"
    card = scorecard(obs, make_study([t], vocab_root))
    assert "definition_mixed" in card.loc[0, "flags"]
    obs.loc[0, "definition"] = ""
    assert "definition_mixed" not in scorecard(obs, make_study([t], vocab_root)).loc[0, "flags"]


def test_the_published_files_definition_column(tmp_path):
    """The optional column is read; an unknown code is a located error."""
    root = make_synthetic_project(tmp_path / "p")
    raw = root / "data" / "raw"
    head = [*PUBLISHED_COLUMNS, "definition"]
    row = [
        "G1",
        "share_industry_services",
        "2025",
        "75",
        "percent",
        "current",
        "pre2025",
        "estimate",
        "2025-12-20",
        "Báo thử",
        "http://example.invalid/g1",
        "chiếm 75%",
        "synthetic",
        "excl_taxes",
    ]
    write_csv_grid(raw / "pub.csv", [head, row])
    with open(raw / "manifest.csv", "a", encoding="utf-8") as fh:
        fh.write("pub,published,pub.csv,,Tỉnh Thử Nghiệm,,,,,pre2025,current,,,synthetic\n")
    obs = build_observations(root)
    assert obs.loc[obs["obs_id"] == "G1", "definition"].item() == "excl_taxes"
    write_csv_grid(raw / "pub.csv", [head, row[:-1] + ["without taxes"]])
    with pytest.raises(ManifestError, match="definition"):
        build_observations(root)
