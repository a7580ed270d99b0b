"""The fill-in workbook: written per study, filled by an agency, read back as located evidence."""

from __future__ import annotations

import math

import openpyxl
import pytest

from analysis import build_observations, load_study, scorecard
from analysis.core.errors import InputError
from analysis.report.template import write_template
from analysis.report.template_sheets import sheet_name
from analysis.sources.submissions import COLUMNS, GUIDE_SHEET, REASON_COLUMN, read_submissions

_COL = {c: COLUMNS.index(c) + 1 for c in COLUMNS}
_HEADER_ROW = 2  # row 1: the agency's full name


def _agency_sheets(wb):
    return [ws for ws in wb.worksheets if ws.title not in {GUIDE_SHEET, "_study"}]


def _fill(path, picks, status="chính thức"):
    """Fill the first row of each (target, period) pick with a value meeting the target; return {tid: (sheet, row)}."""
    wb = openpyxl.load_workbook(path)
    where = {}
    for ws in _agency_sheets(wb):
        for r in range(_HEADER_ROW + 1, ws.max_row + 1):
            tid, period = ws.cell(row=r, column=_COL["Mã chỉ tiêu"]).value, ws.cell(row=r, column=_COL["Kỳ"]).value
            if (tid, period) in picks and tid not in where:
                ws.cell(row=r, column=_COL["Giá trị"], value=picks[(tid, period)])
                ws.cell(row=r, column=_COL["Tình trạng số liệu"], value=status)
                ws.cell(row=r, column=_COL["Số văn bản"], value="123/BC-SCT")
                ws.cell(row=r, column=_COL["Ngày văn bản"], value="2026-01-15")
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
    assert path.read_bytes() == again.read_bytes()  # deterministic
    wb = openpyxl.load_workbook(path)
    agencies = {a.split(";")[0].strip()[:20] for a in card.loc[card["verdict"] == "no_data", "data_from"]}
    sheets = _agency_sheets(wb)
    assert wb.sheetnames[0] == GUIDE_SHEET
    assert len(sheets) >= len({a[:20] for a in agencies}) and wb["_study"].sheet_state == "hidden"
    listed = {ws.cell(row=r, column=1).value for ws in sheets for r in range(_HEADER_ROW + 1, ws.max_row + 1)}
    assert set(card.loc[card["verdict"] == "no_data", "target_id"]) <= listed
    assert all([c.value for c in ws[_HEADER_ROW]] == COLUMNS for ws in sheets)
    code = COLUMNS.index("Mã số liệu") + 1  # machine key: hidden from the agencies
    assert all(ws.column_dimensions[openpyxl.utils.get_column_letter(code)].hidden for ws in sheets)
    assert any(dv.formula1 and "chính thức" in dv.formula1 for dv in sheets[0].data_validations.dataValidation)


def test_filled_template_moves_targets_from_no_data_to_traced_verdicts(default_copy):
    root, st, obs, card = default_copy
    # figures agencies hold: environment and investment targets first (e.g. a wastewater rate, cluster capital)
    kinds = {"ratio", "cumulative_sum", "final_year_share"}
    cands = [
        t
        for t in st.targets
        if t.numeric and t.measure in kinds and card.set_index("target_id").loc[t.id, "verdict"] == "no_data"
    ]
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
    assert (new.loc[others.index, "verdict"] == others).all()  # nothing else moved


def test_a_bad_value_names_file_sheet_and_row(default_copy):
    root, st, obs, card = default_copy
    t = next(
        (
            t
            for t in st.targets
            if t.numeric and t.measure != "period_avg_growth" and card.set_index("target_id").loc[t.id, "verdict"] == "no_data"
        ),
        None,
    )
    if t is None:
        pytest.skip("every target of the default study has data: nothing to fill in")
    sub = root / "data" / "raw" / "submissions"
    sub.mkdir()
    path = write_template(card, st, path=sub / "bad.xlsx")
    where = _fill(path, {(t.id, t.period if t.measure != "final_year_share" else str(t.target_year)): "mười"})
    sheet, line = where[t.id]
    with pytest.raises(
        InputError,
        match=rf"data/raw/submissions/bad.xlsx, sheet '{sheet}', row {line}: "
        r"value 'mười' is not a number",
    ):
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
                ws.cell(row=r, column=_COL["Đánh giá (chỉ tiêu định tính)"], value="Đã hình thành hai cụm liên kết ngành.")
                hit = (ws.title, r)
                break
    wb.save(path)
    new = scorecard(build_observations(root), st).set_index("target_id")
    text = new.loc[qual[0].id, "statement_vi"]
    assert "Đã hình thành hai cụm liên kết ngành" in text and f"(theo biểu mẫu q.xlsx, dòng {hit[1]})" in text
    assert "data/raw" not in text  # no folder of ours shown to officials
    # with the agency's document cited, the sentence cites it instead of the form
    wb = openpyxl.load_workbook(path)
    wb[hit[0]].cell(row=hit[1], column=_COL["Số văn bản"], value="12/BC-SCT")
    wb.save(path)
    text = scorecard(build_observations(root), st).set_index("target_id").loc[qual[0].id, "statement_vi"]
    assert text.endswith("(theo văn bản số 12/BC-SCT).")


def test_sheet_names_are_vietnamese_short_and_the_full_agency_name_heads_each_sheet(default_copy, tmp_path):
    root, st, obs, card = default_copy
    wb = openpyxl.load_workbook(write_template(card, st, path=tmp_path / "t.xlsx"))
    firsts = {t.data_from.split(";")[0].strip() for t in st.targets if t.data_from.strip()}
    for ws in _agency_sheets(wb):
        assert len(ws.title) <= 31 and not set(ws.title) & set("[]:*?/\\")
        full = ws.cell(row=1, column=1).value
        assert full.split(": ", 1)[1] in firsts  # the whole name, never cut
    used: set[str] = set()
    long = "Ban Quản lý Khu kinh tế Thử Nghiệm và các Khu công nghiệp tỉnh"
    name = sheet_name(long, used)
    assert len(name) <= 31 and name.startswith("BQL") and not name.endswith((" và", " các"))
    assert sheet_name(long, used) != name and len(used) == 2  # unique
    assert sheet_name("Sở Khoa học và Công nghệ", set()) == "Sở Khoa học và Công nghệ"  # short names kept


def test_every_sheet_prints_a4_landscape_one_page_wide_with_repeated_headers(default_copy, tmp_path):
    root, st, obs, card = default_copy
    wb = openpyxl.load_workbook(write_template(card, st, path=tmp_path / "t.xlsx"))
    for ws in wb.worksheets:
        if ws.title == "_study":
            continue
        ps = ws.page_setup
        assert (ps.orientation, str(ps.paperSize), ps.fitToWidth, ps.fitToHeight) == ("landscape", "9", 1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
    guide = wb[GUIDE_SHEET]
    assert all(c.alignment.wrap_text for row in guide.iter_rows() for c in row if c.value)
    text = " ".join(str(c.value) for row in guide.iter_rows() for c in row if c.value)
    assert "data/" not in text and "make" not in text and "gửi lại" in text and "sheet" not in text
    for ws in _agency_sheets(wb):
        assert ws.print_title_rows.replace("$", "") == f"1:{_HEADER_ROW}"


def test_rows_ask_for_what_the_report_says_is_missing(default_copy, tmp_path):
    """Estimates / secondary sources to replace with official figures, and figures of another territory."""
    root, st, obs, card = default_copy
    wb = openpyxl.load_workbook(write_template(card, st, path=tmp_path / "t.xlsx"))
    asked = {}
    for ws in _agency_sheets(wb):
        for r in range(_HEADER_ROW + 1, ws.max_row + 1):
            key = (ws.cell(row=r, column=_COL["Mã chỉ tiêu"]).value, ws.cell(row=r, column=_COL["Kỳ"]).value)
            asked[key] = ws.cell(row=r, column=_COL[REASON_COLUMN]).value or ""
    assert all(asked.values())  # every row says why it is asked
    weak = card[card["evidence_status"].isin(["estimate", "secondary", "preliminary"])]
    other = card[card["verdict"] == "insufficient"]
    if weak.empty and other.empty:
        pytest.skip("the default study rests on official figures of its own territory only")
    for rec in weak.to_dict("records"):
        assert "chính thức" in asked[(rec["target_id"], str(rec["period"]))], rec["target_id"]
    for rec in other.to_dict("records"):
        assert "địa giới" in asked[(rec["target_id"], str(rec["period"]))], rec["target_id"]


def test_template_rows_fit_their_printed_text_and_name_no_library(default_copy, tmp_path):
    import zipfile

    from analysis.report.template_sheets import FONT
    from tests.report.test_reports import _cells_fit

    root, st, obs, card = default_copy
    path = write_template(card, st, path=tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    assert sum(_cells_fit(ws, FONT, line_em=1.15) for ws in wb.worksheets if ws.sheet_state == "visible") > 5
    with zipfile.ZipFile(path) as z:
        props = z.read("docProps/core.xml").decode() + z.read("docProps/app.xml").decode()
    assert "openpyxl" not in props.lower() and st.short_title_vi in props
