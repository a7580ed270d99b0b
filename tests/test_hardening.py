"""Safety: no network, no evaluation of code or formulas from inputs, raw data untouched, panel engine."""

from __future__ import annotations

import re
import socket

import numpy as np

from analysis import build_observations, load_study, scorecard, study_ids
from analysis.report.workbook import write_workbook

from conftest import ROOT, make_target


def test_engine_opens_no_network_connection(monkeypatch, tmp_path):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    obs = build_observations()
    for sid in study_ids():
        st = load_study(sid)
        card = scorecard(obs, st)
        write_workbook(card, obs, st, path=tmp_path / f"{sid}.xlsx")
        assert len(card) == len(st.targets)


def test_package_never_evaluates_input():
    files = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "analysis").glob("*.py")}
    src = "\n".join(files.values())
    assert not re.search(r"\beval\(|\bexec\(|pickle\.load|__import__\(|os\.system|shell=True", src)
    assert "data_only=True" not in src  # formulas are detected and refused, never computed
    # only the preview step starts programs (LibreOffice, pdftoppm), with fixed argument lists
    assert {name for name, text in files.items() if "subprocess" in text} <= {"preview.py"}


def test_verdicts_vectorised_match_scalar():
    values = np.array(
        [
            np.nan,
            -5,
            0,
            7.99,
            8,
            8.5,
            9,
            9.01,
            11.4,
            35,
            35.5,
            36,
            37.5,
            37.6,
            62.9,
            63,
            63.5,
            64.1,
            69.8,
            91.9,
            92,
            95,
            5000,
            5600,
            6300,
        ]
    )
    kinds = [
        ("range", 8, 9, 0, 0),
        ("about", 36, 37, 0.5, 0),
        ("above", 63, np.nan, 0, 1),
        ("at_least", 92, np.nan, 0, 0),
        ("at_most", np.nan, 37, 0, 0.5),
        ("below", np.nan, 38.7, 0, 0),
        ("about", 5000, 6000, 250, 0),
        ("qualitative", np.nan, np.nan, 0, 0),
    ]
    for kind, lo, hi, tol, margin in kinds:
        t = make_target(kind=kind, lower=lo, upper=hi, about_tolerance=tol, exceed_margin=margin)
        assert list(t.verdicts(values)) == [t.verdict(v) for v in values], kind
