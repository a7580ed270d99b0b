"""Safety: no network, no evaluation of code or formulas from inputs, raw data untouched, panel engine."""
from __future__ import annotations

import re
import socket

import numpy as np
import pandas as pd
import pytest

from analysis import assess, assess_panel, build_observations, load_targets, scorecard
from analysis.workbook import write_workbook
from conftest import ROOT
from test_assessment import make_obs


def test_engine_opens_no_network_connection(monkeypatch, tmp_path):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    obs = build_observations()
    card = scorecard(obs)
    write_workbook(card, obs, path=tmp_path / "r.xlsx")
    assert len(card) == 16


def test_package_never_evaluates_input():
    src = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "analysis").glob("*.py"))
    assert not re.search(r"\beval\(|\bexec\(|pickle\.load|__import__\(|subprocess|os\.system", src)
    assert "data_only=True" not in src            # formulas are detected and refused, never computed


def test_verdicts_vectorised_match_scalar():
    values = np.array([np.nan, -5, 0, 7.99, 8, 8.5, 9, 9.01, 11.4, 35, 35.5, 36, 37.5, 37.6, 62.9, 63, 63.5,
                       64.1, 69.8, 91.9, 92, 95, 5000, 5600, 6300])
    for t in load_targets():
        assert list(t.verdicts(values)) == [t.verdict(v) for v in values], t.id


def test_panel_engine_agrees_with_assess():
    targets = [t for t in load_targets() if t.id in {"T01", "T04", "T08", "T12"}]
    rows, panel = [], []
    rng = np.random.default_rng(7)
    for p in ["A", "B", "C"]:
        lv = 100 * np.cumprod(1 + rng.uniform(0.03, 0.12, 6))
        for k, y in enumerate(range(2020, 2026)):
            rows.append(("va_industry", str(y), lv[k], "pre2025", "official", "constant_2010", "bn_VND"))
            panel.append((p, "va_industry", y, lv[k]))
        share = rng.uniform(30, 40)
        rows.append(("share_industry", "2025", share, "pre2025", "official", "current", "percent"))
        panel.append((p, "share_industry", 2025, share))
        for y in range(2021, 2026):
            panel.append((p, "investment_registered_ez_ip", y, 1100.0))
        per_province = make_obs(rows)
        rows = []
        got = assess_panel(pd.DataFrame([r for r in panel if r[0] == p],
                                        columns=["province", "indicator", "year", "value"]), targets)
        for t in targets:
            g = got[got["target_id"] == t.id].iloc[0]
            if t.id == "T12":
                assert g["value"] == pytest.approx(5500.0) and g["status"] == "đạt"
                continue
            if t.id == "T08":
                assert np.isnan(g["value"]) and g["status"] == "chưa có số liệu"
                continue
            a = assess(t, per_province)
            assert g["value"] == pytest.approx(a.value) and g["status"] == a.status, (p, t.id)
