"""The fill-in workbook: written per study, filled by an agency, read back as located evidence."""
from __future__ import annotations

import math

import openpyxl
import pytest

from analysis import build_observations, load_study, scorecard
from analysis.errors import InputError
from analysis.template import COLUMNS, read_submissions, write_template


def _fill(path, picks, status="chính thức"):
    """Fill the first row of each (target, period) pick with a value meeting the target; return {tid: (sheet, row)}."""
    wb = openpyxl.load_workbook(path)
    where = {}
    for ws in wb.worksheets:
        if ws.title in {"Huong dan", "_study"}:
            continue
        for r in range(2, ws.max_row + 1):
            tid, period = ws.cell(row=r, column=1).value, ws.cell(row=r, column=4).value
            if (tid, period) in picks and tid not in where:
                ws.cell(row=r, column=5, value=picks[(tid, period)])
                ws.cell(row=r, column=7, value=status)
                ws.cell(row=r, column=8, value="123/BC-SCT")
                ws.cell(row=r, column=9, value="2026-01-15")
                where[tid] = (ws.title, r)
    wb.save(path)
    return where


@pytest.fixture
def default_copy(project_copy):
    st = load_study(None, project_copy)
    obs = build_observations(project_copy)
    return project_copy, st, obs, scorecard(obs, st)


def _meeting_value(t):
    """A value that meets the target whatever its kind (from the target's own bounds)."""
    if t.kind in {"at_most", "below"}:
        return t.upper - 0.5 * max(t.exceed_margin, 1)
    return t.lower if t.kind in {"at_least", "range", "about"} else t.lower + max(t.exceed_margin, 1) / 2


def test_template_has_a_sheet_per_agency_and_rows_for_missing_figures(default_copy, tmp_path):
    root, st, obs, card = default_copy
    path = write_template(card, st, path=tmp_path / "t.xlsx")
    again = write_template(card, st, path=tmp_path / "t2.xlsx")
    assert path.read_bytes() == again.read_bytes()                      # deterministic
    wb = openpyxl.load_workbook(path)
    agencies = {a.split(";")[0].strip()[:20] for a in card.loc[card["verdict"] == "no_data", "data_from"]}
    sheets = [ws for ws in wb.worksheets if ws.title not in {"Huong dan", "_study"}]
    assert len(sheets) >= len({a[:20] for a in agencies}) and wb["_study"].sheet_state == "hidden"
    listed = {ws.cell(row=r, column=1).value for ws in sheets for r in range(2, ws.max_row + 1)}
    assert set(card.loc[card["verdict"] == "no_data", "target_id"]) <= listed
    assert [c.value for c in sheets[0][1]] == COLUMNS
    code = COLUMNS.index("Mã số liệu") + 1                  # machine key: hidden from the agencies
    assert all(ws.column_dimensions[openpyxl.utils.get_column_letter(code)].hidden for ws in sheets)
    assert any(dv.formula1 and "chính thức" in dv.formula1 for dv in sheets[0].data_validations.dataValidation)


def test_filled_template_moves_targets_from_no_data_to_traced_verdicts(default_copy):
    root, st, obs, card = default_copy
    # figures agencies hold: environment and investment targets first (e.g. a wastewater rate, cluster capital)
    kinds = {"ratio", "cumulative_sum", "final_year_share"}
    cands = [t for t in st.targets if t.numeric and t.measure in kinds
             and card.set_index("target_id").loc[t.id, "verdict"] == "no_data"]
    todo = sorted(cands, key=lambda t: (t.theme not in {"environment", "investment"}, t.order))[:3]
    if not todo:
        pytest.skip("every target of the default study has data: nothing to fill in")
    sub = root / "data" / "raw" / "submissions"
    sub.mkdir()
    path = write_template(card, st, path=sub / "so-cong-thuong.xlsx")
    where = _fill(path, {(t.id, t.period): _meeting_value(t) for t in todo})
    assert set(where) == {t.id for t in todo}
    new = scorecard(build_observations(root), st).set_index("target_id")
    for t in todo:
        row = new.loc[t.id]
        sheet, line = where[t.id]
        assert row["verdict"] in {"met", "exceeded"}, (t.id, row["actual"])
        assert row["sources"] == f"SUB:so-cong-thuong:{sheet}:{line}"
        assert math.isclose(row["actual"], _meeting_value(t))
    others = card[~card["target_id"].isin([t.id for t in todo])].set_index("target_id")["verdict"]
    assert (new.loc[others.index, "verdict"] == others).all()           # nothing else moved


def test_a_bad_value_names_file_sheet_and_row(default_copy):
    root, st, obs, card = default_copy
    t = next((t for t in st.targets if t.numeric and t.measure != "period_avg_growth"
              and card.set_index("target_id").loc[t.id, "verdict"] == "no_data"), None)
    if t is None:
        pytest.skip("every target of the default study has data: nothing to fill in")
    sub = root / "data" / "raw" / "submissions"
    sub.mkdir()
    path = write_template(card, st, path=sub / "bad.xlsx")
    where = _fill(path, {(t.id, t.period if t.measure != "final_year_share" else str(t.target_year)): "mười"})
    sheet, line = where[t.id]
    with pytest.raises(InputError, match=rf"data/raw/submissions/bad.xlsx, sheet '{sheet}', row {line}: "
                                         r"value 'mười' is not a number"):
        read_submissions(root)


def test_a_qualitative_assessment_is_quoted_in_the_report(default_copy):
    root, st, obs, card = default_copy
    qual = [t for t in st.targets if not t.numeric]
    if not qual:
        pytest.skip("the default study has no qualitative target")
    sub = root / "data" / "raw" / "submissions"
    sub.mkdir()
    path = write_template(card, st, path=sub / "q.xlsx")
    wb = openpyxl.load_workbook(path)
    hit = None
    for ws in wb.worksheets:
        for r in range(2, ws.max_row + 1):
            if ws.cell(row=r, column=1).value == qual[0].id and ws.title != "_study":
                ws.cell(row=r, column=12, value="Đã hình thành hai cụm liên kết ngành.")
                hit = (ws.title, r)
                break
    wb.save(path)
    new = scorecard(build_observations(root), st).set_index("target_id")
    text = new.loc[qual[0].id, "statement_vi"]
    assert "Đã hình thành hai cụm liên kết ngành" in text and f"dòng {hit[1]}" in text
