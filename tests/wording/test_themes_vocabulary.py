"""Themes and indicators as vocabulary: every theme has one Vietnamese name, the deck's slide titles name the
themes they show (a budget-revenue target is not "Vốn đầu tư"), and common congress indicators are keys."""

from __future__ import annotations

import pandas as pd

from analysis.core.input_schema import THEMES
from analysis.report.deck import figure_message
from analysis.sources.manifest import load_vocabulary
from analysis.wording.labels import THEME_VI, theme_vi, themes_vi

from conftest import RAW, make_study, make_target


def test_every_theme_has_one_vietnamese_name():
    assert set(THEME_VI) == set(THEMES)
    assert {"fiscal", "social", "environment", "other"} <= set(THEMES)
    assert len(set(THEME_VI.values())) == len(THEME_VI)
    assert theme_vi("") == "" and theme_vi("not-a-theme") == THEME_VI["other"]
    assert themes_vi(["other", "investment"]) == f"{THEME_VI['investment']} và {THEME_VI['other'].lower()}"


def test_a_fiscal_slide_is_titled_by_its_theme(vocab_root):
    t = make_target(
        id="B1",
        indicator="",
        kind="at_least",
        lower=100.0,
        upper=float("nan"),
        unit="bn_VND",
        measure="final_year_value",
        theme="fiscal",
    )
    card = pd.DataFrame(
        [{"target_id": "B1", "theme": "fiscal", "verdict": "no_data", "status": "chưa có số liệu", "restates": ""}]
    )
    title = figure_message("04_investment", card, make_study([t], vocab_root))
    assert title.startswith(THEME_VI["fiscal"]) and THEME_VI["investment"] not in title


def test_common_congress_indicators_are_in_the_shipped_vocabulary():
    """Keys, Vietnamese names, units and kinds only (no numbers): budget revenue and its kin."""
    vocab = load_vocabulary(RAW.parent.parent)
    for key in ("budget_revenue", "exports", "income_per_capita", "poverty_rate", "urbanisation_rate", "retail_sales"):
        assert key in vocab and vocab[key]["label_vi"] and vocab[key]["unit"] and vocab[key]["kind"], key
    assert vocab["budget_revenue"]["label_vi"].lower() == "thu ngân sách nhà nước trên địa bàn"
