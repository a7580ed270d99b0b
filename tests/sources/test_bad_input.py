"""Bad input gets a clear error naming file, sheet, cell/row and what was expected."""

from __future__ import annotations

import re

import pytest

from analysis import ManifestError, YearbookFormatError, build_observations, read_yearbook_table

from conftest import YEARBOOK, grid_to_xlsx, read_csv_grid, write_csv_grid

T176 = YEARBOOK / "quang-ngai_2016_t176_industrial-output-by-ownership.csv"
T24 = YEARBOOK / "quang-ngai_2016_t24_employed-by-ownership.csv"


def _variant(tmp_path, src, edit, name="bad.csv"):
    rows = read_csv_grid(src)
    edit(rows)
    return write_csv_grid(tmp_path / name, rows)


def test_unreadable_number_names_the_cell(tmp_path):
    def edit(rows):
        rows[6][2] = "146.843,439x"  # row 7, column C

    p = _variant(tmp_path, T176, edit)
    with pytest.raises(YearbookFormatError) as e:
        read_yearbook_table(p)
    msg = str(e.value)
    assert "bad.csv" in msg and "cell C7" in msg and "Vietnamese notation" in msg


def test_english_decimal_in_a_number_cell(tmp_path):
    def edit(rows):
        rows[16][1] = "90.9"

    p = _variant(tmp_path, T176, edit)
    with pytest.raises(YearbookFormatError, match=r"cell B17.*decimal mark is ','"):
        read_yearbook_table(p)


def test_missing_header_row(tmp_path):
    p = _variant(tmp_path, T24, lambda rows: rows.pop(3))  # drop the header row
    with pytest.raises(YearbookFormatError) as e:
        read_yearbook_table(p)
    assert "bad.csv" in str(e.value) and "header row" in str(e.value)
    assert re.search(r"(cell A\d+|row \d+)", str(e.value))


def test_duplicated_year_in_header(tmp_path):
    def edit(rows):
        rows[3][3] = "2013"  # header: 2010, 2013, 2013, 2015, Prel. 2016

    p = _variant(tmp_path, T176, edit)
    with pytest.raises(YearbookFormatError, match=r"cell D6.*year 2013 appears twice.*first at C6"):
        read_yearbook_table(p)


def test_duplicated_year_in_rows(tmp_path):
    def edit(rows):
        rows[6][0] = "2010"  # the 2011 row becomes a second 2010

    p = _variant(tmp_path, T24, edit)
    with pytest.raises(YearbookFormatError, match=r"cell B7.*appears twice"):
        read_yearbook_table(p)


def test_levels_block_without_unit(tmp_path):
    p = _variant(tmp_path, T176, lambda rows: rows.pop(4))  # drop 'Triệu đồng - Mill. dongs'
    with pytest.raises(YearbookFormatError, match=r"bad.csv, cell B5: no unit for the levels in the first block"):
        read_yearbook_table(p)


def test_not_a_yearbook_sheet(tmp_path):
    p = write_csv_grid(tmp_path / "people.csv", [["name", "age"], ["An", "30"], ["Bình", "41"]])
    with pytest.raises(YearbookFormatError, match=r"people.csv.*not a yearbook table"):
        read_yearbook_table(p)


def test_unknown_indicator_key_in_manifest(project_copy):
    path = project_copy / "data" / "raw" / "manifest.csv"
    text = path.read_text(encoding="utf-8").replace("=> gross_industrial_output", "=> gross_output_total")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ManifestError) as e:
        build_observations(project_copy)
    msg = str(e.value)
    assert "manifest.csv, row 4" in msg and "gross_output_total" in msg and "indicators.csv" in msg


def test_manifest_pointing_to_missing_file(project_copy):
    path = project_copy / "data" / "raw" / "manifest.csv"
    text = path.read_text(encoding="utf-8").replace("nghe-an_2019_iip", "nghe-an_2020_iip")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ManifestError, match=r"manifest.csv, row 7: file 'yearbook/nghe-an_2020"):
        build_observations(project_copy)


def test_wrong_sheet_lists_the_sheets(tmp_path):
    x = grid_to_xlsx(read_csv_grid(T176), tmp_path / "t.xlsx", numbers_as_numbers=True)
    with pytest.raises(YearbookFormatError, match=r"t.xlsx, sheet 'Sheet9': no such sheet.*Biểu"):
        read_yearbook_table(x, sheet="Sheet9")


def test_truncated_xlsx(tmp_path):
    x = grid_to_xlsx(read_csv_grid(T176), tmp_path / "t.xlsx", numbers_as_numbers=True)
    data = x.read_bytes()
    x.write_bytes(data[: len(data) // 2])
    with pytest.raises(YearbookFormatError, match=r"t.xlsx: not a readable .xlsx workbook"):
        read_yearbook_table(x)


def test_formula_is_never_evaluated(tmp_path):
    import openpyxl

    x = grid_to_xlsx(read_csv_grid(T176), tmp_path / "t.xlsx", numbers_as_numbers=True)
    wb = openpyxl.load_workbook(x)
    wb.active["C7"] = "=B7*2"
    wb.save(x)
    with pytest.raises(YearbookFormatError, match=r"cell C7: cell holds a formula"):
        read_yearbook_table(x)


def test_non_utf8_csv(tmp_path):
    rows = read_csv_grid(T24)
    # Excel's "Unicode text" and legacy code pages are not UTF-8
    p = write_csv_grid(tmp_path / "utf16.csv", rows, encoding="utf-16")
    with pytest.raises(YearbookFormatError, match=r"utf16.csv, row 1: .*not valid UTF-8.*CSV UTF-8"):
        read_yearbook_table(p)
    q = tmp_path / "cp1252.csv"
    q.write_bytes("title\n,2015,2016\nT\u00f4ng,1,2\n".encode("cp1252"))
    with pytest.raises(YearbookFormatError, match=r"cp1252.csv, row 3: .*not valid UTF-8"):
        read_yearbook_table(q)


def test_empty_file(tmp_path):
    p = tmp_path / "empty.csv"
    p.write_bytes(b"")
    with pytest.raises(YearbookFormatError, match="empty.csv: file is empty"):
        read_yearbook_table(p)


def test_negative_employment(tmp_path):
    def edit(rows):
        rows[5][2] = "-55.818"

    p = _variant(tmp_path, T24, edit)
    with pytest.raises(YearbookFormatError, match=r"cell C6: negative count of persons"):
        read_yearbook_table(p)


def test_year_out_of_order(tmp_path):
    def edit(rows):
        rows[3][2], rows[3][3] = "2014", "2013"

    p = _variant(tmp_path, T176, edit)
    with pytest.raises(YearbookFormatError, match=r"cell D6: year 2013 comes after 2014"):
        read_yearbook_table(p)


def test_mixed_thousands_notation_warns(tmp_path):
    def edit(rows):
        rows[5][1] = "82217160"  # plain digits next to grouped ones

    p = _variant(tmp_path, T176, edit)
    with pytest.warns(UserWarning, match=r"mixed thousands notation.*B6"):
        df = read_yearbook_table(p)
    assert df.set_index("cell").loc["B6", "value"] == 82217160.0


def test_dash_and_dots_are_recorded_as_such(tmp_path):
    def edit(rows):
        rows[9][1] = "-"
        rows[9][2] = "..."

    p = _variant(tmp_path, T176, edit)
    df = read_yearbook_table(p).set_index("cell")
    assert df.loc["B10", "symbol"] == "-" and df.loc["C10", "symbol"] == "..."
    assert df.loc[["B10", "C10"], "value"].isna().all()
    assert df["value"].isna().sum() == 2
