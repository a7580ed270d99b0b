"""The fill-in template asks for this month's and the year-to-date figures of each in-year target, and reads
them back (with the price basis a level's unit states) so the in-year assessment moves."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from inyear_fixtures import _fig, _plan_project

from analysis.sources.submissions import COLUMNS, GUIDE_SHEET

_COL = {c: COLUMNS.index(c) + 1 for c in COLUMNS}


def _rows(path: Path) -> dict[tuple[str, str], tuple[str, int]]:
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        if ws.title in {GUIDE_SHEET, "_study"}:
            continue
        for r in range(3, ws.max_row + 1):
            key = (ws.cell(row=r, column=_COL["Mã chỉ tiêu"]).value, ws.cell(row=r, column=_COL["Kỳ"]).value)
            out.setdefault(key, (ws.title, r))
    return out


def test_template_asks_for_this_month_year_to_date_and_missing_weights_and_reads_them_back(tmp_path: Path):
    from analysis.assessment import scorecard
    from analysis.report.template import write_template
    from analysis.sources.store import build_observations
    from analysis.studies.study import load_study

    # growth so far: H1 2026; last year's H1 level is missing → the template asks for July, Jan–Jul and 2025-H1
    root = _plan_project(tmp_path, [_fig("F2", "va_industry_growth", "2026-H1", 5.0, "percent", "constant_2010")])
    st = load_study("syn-plan", root)
    card = scorecard(build_observations(root), st)
    sub = root / "data" / "raw" / "submissions"
    sub.mkdir()
    path = write_template(card, st, path=sub / "thong-ke.xlsx")
    rows = _rows(path)
    for period in ("2026-07", "2026-01..07", "2025-H1"):
        assert ("G1", period) in rows, period
    for period in ("2026-01", "2025-01"):  # the amount target has no figure yet: January, and last
        assert ("A1", period) in rows, period  # year's January for its seasonal share
    wb = openpyxl.load_workbook(path)
    sheet, r = rows[("G1", "2025-H1")]
    ws = wb[sheet]
    assert ws.cell(row=r, column=_COL["Đơn vị"]).value == "tỷ đồng (giá so sánh 2010)"
    # the agency fills last year's H1 level (2010 prices) and January–July growth
    ws.cell(row=r, column=_COL["Giá trị"], value=4400)
    ws.cell(row=r, column=_COL["Tình trạng số liệu"], value="chính thức")
    sheet2, r2 = rows[("G1", "2026-01..07")]
    wb[sheet2].cell(row=r2, column=_COL["Giá trị"], value="5,5")
    wb[sheet2].cell(row=r2, column=_COL["Tình trạng số liệu"], value="ước tính")
    wb.save(path)
    g = scorecard(build_observations(root), st).set_index("target_id").loc["G1"]
    # now Jan–Jul 2026 (+5.5 %) is the latest; its weight (2025 Jan–Jul) is still missing and is named
    assert g["in_year_period"] == "2026-01..07" and g["in_year_verdict"] == "missing_weights"
    assert "7 tháng đầu năm 2025" in g["in_year_vi"]
    # with H1 as the latest figure the filled level weights it: (1.08·11000 − 1.05·4400) / 6600 − 1 = 10.00 %
    wb = openpyxl.load_workbook(path)
    wb[sheet2].cell(row=r2, column=_COL["Giá trị"]).value = None  # (cell(value=None) would keep the value)
    wb.save(sub / "thong-ke-2.xlsx")
    path.unlink()
    g = scorecard(build_observations(root), st).set_index("target_id").loc["G1"]
    assert g["in_year_required_rest"] == pytest.approx(10.0, abs=0.01)
    assert g["in_year_sources"].endswith(f"SUB:thong-ke-2:{sheet}:{r}")
