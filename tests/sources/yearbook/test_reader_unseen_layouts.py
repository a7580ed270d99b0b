"""Layouts of real GSO / provincial yearbook sheets not among the shipped samples.

Every table here is synthetic and generated inside the test (never stored under data/); every
expected value is worked out by hand from the table written in the test.
"""

from __future__ import annotations

import csv
import datetime
import math
from pathlib import Path

import pytest

from analysis import DataWarning, YearbookFormatError, read_yearbook_table

from conftest import write_csv_grid


def _csv(tmp_path: Path, rows: list[list[object]], name: str = "t.csv"):
    return read_yearbook_table(write_csv_grid(tmp_path / name, rows))


def _xlsx(tmp_path: Path, rows: list[list[object]], name: str = "t.xlsx", formats: dict | None = None, edit=None) -> Path:
    """A workbook written cell by cell (None / "" = empty); ``formats`` maps "B4" to a number format."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Biểu"
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row, start=1):
            if v is not None and v != "":
                ws.cell(row=r, column=c, value=v)
    for ref, fmt in (formats or {}).items():
        ws[ref].number_format = fmt
    if edit:
        edit(ws)
    wb.save(tmp_path / name)
    return tmp_path / name


def _cells(df):
    return df.set_index("cell")


# -- year headers ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "label, year, period, status",
    [
        ("Sơ bộ\nPrel. 2023", 2023, "2023", "preliminary"),
        ("Sơ bộ\nPrel.\n2023", 2023, "2023", "preliminary"),
        ("Sơ bộ/Prel. 2023", 2023, "2023", "preliminary"),
        ("Sơ bộ (Prel.) 2023", 2023, "2023", "preliminary"),
        ("2023\nSơ bộ - Prel.", 2023, "2023", "preliminary"),
        ("Sơ bộ - Prel. 2023 (*)", 2023, "2023", "preliminary"),
        ("2023 (*)", 2023, "2023", "official"),
        ("2023(*)", 2023, "2023", "official"),
        ("2023*", 2023, "2023", "official"),
        ("2023 (**)", 2023, "2023", "official"),
        ("Ước tính\nEstimate 2023", 2023, "2023", "estimate"),
        ("Ước tính - Est. 2023", 2023, "2023", "estimate"),
        ("Ước thực hiện 2023", 2023, "2023", "estimate"),
        ("Năm 2023\nYear 2023", 2023, "2023", "official"),
        ("2023.0", 2023, "2023", "official"),
        ("\u00a02023\u00a0", 2023, "2023", "official"),
    ],
)
def test_year_header_spellings(tmp_path, label, year, period, status):
    rows = [["Bảng 3. Vốn đầu tư (Tỷ đồng)", "", ""], ["", "2022", label], ["Tổng số - Total", "10", "11,5"]]
    df = _cells(_csv(tmp_path, rows))
    assert (df.loc["C3", "year"], df.loc["C3", "period"], df.loc["C3", "status"]) == (year, period, status)
    assert df.loc["C3", "preliminary"] == (status == "preliminary")
    assert df.loc["C3", "value"] == 11.5 and df.loc["B3", "value"] == 10.0


@pytest.mark.parametrize("label", ["Sơ bộ\nPrel. 2023", "2023 (*)", "Ước tính\nEstimate 2023"])
def test_year_spellings_in_column_a(tmp_path, label):
    rows = [
        ["Bảng 7. Dân số (Nghìn người)", "", ""],
        ["", "Tổng số - Total", "Nữ - Female"],
        ["2022", "1.234,5", "620,1"],
        [label, "1.240,2", "623,0"],
    ]
    df = _cells(_csv(tmp_path, rows))
    assert df.loc["B4", "year"] == 2023 and df.loc["B4", "value"] == 1240.2 and df.loc["C4", "value"] == 623.0
    assert set(df["unit"]) == {"Nghìn người"}


@pytest.mark.parametrize("label", ["6 tháng đầu năm 2023", "Quý I/2023", "2023 - tháng 6", "Kế hoạch 2025"])
def test_non_annual_headers_are_refused(tmp_path, label):
    rows = [["Bảng 3 (Tỷ đồng)", "", ""], ["", "2022", label], ["Tổng số", "10", "11"]]
    with pytest.raises(YearbookFormatError, match=r"t\.csv, cell C2: header mixes years and other labels"):
        _csv(tmp_path, rows)


# -- two-row headers, spacer columns, blank rows -----------------------------------------------------------------


def test_two_row_header_with_years_on_the_second_row(tmp_path):
    rows = [
        ["10. Giá trị sản xuất nông nghiệp", "", "", "", ""],
        ["Gross output of agriculture", "", "", "", "Đơn vị tính: Tỷ đồng"],
        ["Chỉ tiêu - Item", "Thực hiện - Actual", "", "Sơ bộ - Prel.", "Ước tính - Estimate"],
        ["", "2021", "2022", "2023", "2024"],
        ["Tổng số - Total", "100", "110", "121", "133,1"],
        ["Trồng trọt - Cultivation", "60", "66", "72,6", "79,86"],
    ]
    df = _cells(_csv(tmp_path, rows))
    assert list(df.index) == ["B5", "C5", "D5", "E5", "B6", "C6", "D6", "E6"]
    assert list(df["status"]) == ["official", "official", "preliminary", "estimate"] * 2
    assert df.loc["E6", "value"] == 79.86 and df.loc["E6", "year"] == 2024
    assert set(df["unit"]) == {"Tỷ đồng"} and df.attrs["title_en"] == "Gross output of agriculture"


def test_two_row_header_year_label_above_years(tmp_path):
    rows = [
        ["Bảng 2. Diện tích (Nghìn ha)", "", "", ""],
        ["", "Năm - Year", "", ""],
        ["", "2021", "2022", "2023"],
        ["Lúa - Paddy", "35,2", "34,9", "34,1"],
    ]
    df = _csv(tmp_path, rows)
    assert list(df["year"]) == [2021, 2022, 2023] and list(df["value"]) == [35.2, 34.9, 34.1]
    assert list(df["cell"]) == ["B4", "C4", "D4"] and df.attrs["title"] == "Bảng 2. Diện tích (Nghìn ha)"


def test_status_row_under_the_year_header(tmp_path):
    rows = [
        ["Bảng 2. Sản lượng (Nghìn tấn)", "", "", ""],
        ["", "2021", "2022", "2023"],
        ["", "", "", "Sơ bộ - Prel."],
        ["Lúa - Paddy", "200", "210", "205,5"],
    ]
    df = _cells(_csv(tmp_path, rows))
    assert list(df["status"]) == ["official", "official", "preliminary"]
    assert df.loc["D4", "value"] == 205.5 and df.loc["D4", "preliminary"]


def test_spacer_columns_blank_rows_and_trailing_columns(tmp_path):
    rows = [
        ["Bảng 4. Số doanh nghiệp - Number of enterprises", "", "", "", "", "", "", ""],
        ["Doanh nghiệp - Enterprise", "", "", "", "", "", "", ""],
        ["", "", "", "", "", "", "", ""],
        ["", "2021", "", "2022", "", "Sơ bộ - Prel. 2023", "", ""],
        ["", "", "", "", "", "", "", ""],
        ["Tổng số - Total", "1.250", "", "1.302", "", "1.377", "", ""],
        ["", "", "", "", "", "", "", ""],
        ["Công nghiệp - Industry", "410", "", "433", "", "-", "", ""],
        ["", "", "", "", "", "", "", ""],
    ]
    df = _cells(_csv(tmp_path, rows))
    assert list(df.index) == ["B6", "D6", "F6", "B8", "D8", "F8"]
    assert list(df["value"].iloc[:5]) == [1250.0, 1302.0, 1377.0, 410.0, 433.0]
    assert math.isnan(df.loc["F8", "value"]) and df.loc["F8", "symbol"] == "-"
    assert list(df["year"]) == [2021, 2022, 2023] * 2 and df.loc["F6", "preliminary"]
    assert set(df["unit"]) == {"Doanh nghiệp - Enterprise"}


# -- labels --------------------------------------------------------------------------------------------------------


def test_bilingual_label_split_over_two_cells(tmp_path):
    rows = [
        ["Bảng 12. GRDP theo giá hiện hành", "", "", ""],
        ["Tỷ đồng - Bill. dongs", "", "", ""],
        ["", "", "2022", "2023"],
        ["Tổng số", "Total", "1.000", "1.100"],
        ["Nông, lâm nghiệp và thủy sản", "Agriculture, forestry and fishing", "200", "210"],
        ["Trong đó: Thủy sản", "Of which: Fishing", "50", "55"],
        ["Thuế sản phẩm", "", "80", "88"],
    ]
    df = _cells(_csv(tmp_path, rows))
    assert list(df.index) == ["C4", "D4", "C5", "D5", "C6", "D6", "C7", "D7"]
    assert df.loc["C4", "series"] == "Tổng số - Total" and df.loc["D4", "value"] == 1100.0
    assert df.loc["C5", "series"] == "Nông, lâm nghiệp và thủy sản - Agriculture, forestry and fishing"
    assert df.loc["C6", "of_which"] and df.loc["C6", "series_clean"] == "Thủy sản - Fishing"
    assert df.loc["D7", "series"] == "Thuế sản phẩm" and df.loc["D7", "value"] == 88.0
    assert set(df["unit"]) == {"Tỷ đồng - Bill. dongs"}


def test_number_in_the_english_label_column_is_refused(tmp_path):
    rows = [
        ["Bảng 12 (Tỷ đồng)", "", "", ""],
        ["", "", "2022", "2023"],
        ["Tổng số", "Total", "1.000", "1.100"],
        ["Công nghiệp", "400", "410", "420"],
    ]
    with pytest.raises(YearbookFormatError, match=r"t\.csv, cell B4: value under an empty header cell"):
        _csv(tmp_path, rows)


def test_numbered_series_and_roman_groups(tmp_path):
    rows = [
        ["Bảng 20. Giá trị sản xuất (Tỷ đồng)", "", ""],
        ["", "2022", "2023"],
        ["TỔNG SỐ - TOTAL", "500", "540"],
        ["I. Phân theo ngành kinh tế - By kinds of economic activity", "", ""],
        ["1. Nông nghiệp - Agriculture", "120", "125"],
        ["2. Lâm nghiệp - Forestry", "30", "32"],
        ["II. Phân theo loại hình kinh tế - By types of ownership", "", ""],
        ["1. Nhà nước - State", "150", "151"],
    ]
    df = _cells(_csv(tmp_path, rows))
    assert df.loc["B5", "series"] == "1. Nông nghiệp - Agriculture" and df.loc["C5", "value"] == 125.0
    assert df.loc["B5", "group"] == "I. Phân theo ngành kinh tế - By kinds of economic activity"
    assert df.loc["C8", "group"] == "II. Phân theo loại hình kinh tế - By types of ownership"
    assert df.loc["C8", "value"] == 151.0
    assert set(df["block"]) == {""} and set(df["unit"]) == {"Tỷ đồng"} and set(df["measure"]) == {"level"}


def test_block_labels_with_their_unit_in_parentheses(tmp_path):
    rows = [
        ["Bảng 30. Cây lúa - Paddy", "", ""],
        ["", "2022", "2023"],
        ["1. Diện tích - Area (Nghìn ha)", "", ""],
        ["Lúa đông xuân - Spring paddy", "36,5", "36,1"],
        ["2. Sản lượng - Production (Nghìn tấn)", "", ""],
        ["Lúa đông xuân - Spring paddy", "240,3", "245,0"],
        ["3. Chỉ số phát triển (Năm trước = 100) - Index (Previous year = 100) - %", "", ""],
        ["Lúa đông xuân - Spring paddy", "101,2", "101,95"],
    ]
    df = _cells(_csv(tmp_path, rows))
    assert (df.loc["C4", "unit"], df.loc["C4", "value"], df.loc["C4", "measure"]) == ("Nghìn ha", 36.1, "level")
    assert (df.loc["B6", "unit"], df.loc["B6", "value"]) == ("Nghìn tấn", 240.3)
    assert df.loc["B6", "block"] == "2. Sản lượng - Production (Nghìn tấn)"
    assert (df.loc["C8", "measure"], df.loc["C8", "unit"], df.loc["C8", "value"]) == ("index", "%", 101.95)


def test_unit_in_the_top_right_cell(tmp_path):
    rows = [
        ["Bảng 5. Thu ngân sách - State budget revenue", "", "", "Đơn vị tính: Tỷ đồng"],
        ["", "2021", "2022", "2023"],
        ["Tổng thu - Total revenue", "5.000", "5.500", "6.050"],
    ]
    df = _csv(tmp_path, rows)
    assert set(df["unit"]) == {"Tỷ đồng"} and list(df["value"]) == [5000.0, 5500.0, 6050.0]
    assert df.attrs["title"] == "Bảng 5. Thu ngân sách - State budget revenue" and df.attrs["table_unit"] == "Tỷ đồng"
    rows2 = [
        ["", "", "", "ĐVT: Triệu USD"],
        ["Bảng 6. Xuất khẩu - Exports", "", "", ""],
        ["", "2021", "2022", "2023"],
        ["Tổng số - Total", "1.300,5", "1.410", "1.502,25"],
    ]
    df = _csv(tmp_path, rows2, "b.csv")
    assert set(df["unit"]) == {"Triệu USD"} and list(df["value"]) == [1300.5, 1410.0, 1502.25]
    assert df.attrs["title"] == "Bảng 6. Xuất khẩu - Exports"


def test_index_block_with_long_bilingual_label(tmp_path):
    rows = [
        ["Bảng 8 (Tỷ đồng)", "", ""],
        ["", "2022", "2023"],
        ["Tổng số - Total", "200", "210"],
        ["Chỉ số phát triển (Năm trước = 100) - Index (Previous year = 100) - %", "", ""],
        ["Tổng số - Total", "104,1", "105"],
    ]
    df = _cells(_csv(tmp_path, rows))
    assert (df.loc["B3", "measure"], df.loc["B3", "unit"]) == ("level", "Tỷ đồng")
    assert (df.loc["C5", "measure"], df.loc["C5", "unit"], df.loc["C5", "value"]) == ("index", "%", 105.0)


def test_year_pair_column_in_a_levels_table_is_an_index(tmp_path):
    rows = [
        ["Bảng 9. Doanh thu (Tỷ đồng)", "", "", ""],
        ["", "2022", "Sơ bộ - Prel. 2023", "2023/2022 (%)"],
        ["Tổng số - Total", "1.000", "1.080", "108,0"],
    ]
    df = _cells(_csv(tmp_path, rows))
    assert (df.loc["B3", "measure"], df.loc["B3", "unit"], df.loc["C3", "value"]) == ("level", "Tỷ đồng", 1080.0)
    assert (df.loc["D3", "measure"], df.loc["D3", "unit"], df.loc["D3", "period"]) == ("index", "%", "2023/2022")
    assert df.loc["D3", "value"] == 108.0


# -- values --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("-1,5", -1.5),
        ("−2,0", -2.0),
        ("1\u00a0234", 1234.0),
        ("\u00a0104,5\u00a0", 104.5),
        ("1\u202f234,5", 1234.5),
        ("12,5 (*)", 12.5),
    ],
)
def test_value_spellings(tmp_path, text, value):
    rows = [["Tốc độ tăng - Growth rate (%)", "", ""], ["", "2022", "2023"], ["Tổng số - Total", "3,1", text]]
    df = _cells(_csv(tmp_path, rows))
    assert df.loc["C3", "value"] == pytest.approx(value, abs=0) and df.loc["C3", "symbol"] == ""
    assert df.loc["B3", "value"] == 3.1


@pytest.mark.parametrize("text, symbol", [("…", "..."), ("..", "..."), ("...", "..."), ("x", "x"), ("X", "x"), ("–", "-")])
def test_symbols(tmp_path, text, symbol):
    rows = [["Bảng (Tỷ đồng)", "", ""], ["", "2022", "2023"], ["Tổng số", "12", text]]
    df = _cells(_csv(tmp_path, rows))
    assert df.loc["C3", "symbol"] == symbol and math.isnan(df.loc["C3", "value"])
    assert df.loc["B3", "value"] == 12.0 and df.loc["C3", "value_text"] == text


@pytest.mark.parametrize("text", ["(1,5)", "(1.234)", "( 0,25 )", "(1)"])
def test_a_number_in_brackets_is_refused_not_guessed_negative(tmp_path, text):
    """'(1,5)' may be an accounting-style negative or a note mark: the reader names the cell and asks."""
    rows = [["Bảng (Tỷ đồng)", "", ""], ["", "2022", "2023"], ["Tổng số", "12", "13"], ["Công nghiệp", text, "5"]]
    with pytest.raises(YearbookFormatError, match=r"t\.csv, cell B4: .*number in brackets.*-1,5"):
        _csv(tmp_path, rows)


@pytest.mark.parametrize("text", ["n/a", "KXĐ", "1,2,3", "12.5", "(1)2", "1 2 3", "?", "(x)", "12,5%%", "()"])
def test_unreadable_values_name_the_cell(tmp_path, text):
    rows = [["Bảng (Tỷ đồng)", "", ""], ["", "2022", "2023"], ["Tổng số", "12", "13"], ["Công nghiệp", text, "5"]]
    with pytest.raises(YearbookFormatError, match=r"t\.csv, cell B4: .*Vietnamese notation"):
        _csv(tmp_path, rows)


def test_percent_sign_in_a_percent_block(tmp_path):
    rows = [["Cơ cấu - Structure (%)", "", ""], ["", "2022", "2023"], ["Công nghiệp - Industry", "9,49%", "10,1 %"]]
    df = _csv(tmp_path, rows)
    assert list(df["value"]) == [9.49, 10.1] and set(df["unit"]) == {"%"} and list(df["decimals"]) == [2, 1]
    bad = [["Bảng (Tỷ đồng)", "", ""], ["", "2022", "2023"], ["Công nghiệp - Industry", "100", "9,49%"]]
    with pytest.raises(YearbookFormatError, match=r"bad\.csv, cell C3: '9,49%' is printed with '%' but the unit is 'Tỷ đồng'"):
        _csv(tmp_path, bad, "bad.csv")


# -- CSV encodings ---------------------------------------------------------------------------------------------


def test_bom_crlf_semicolons_and_sep_line(tmp_path):
    p = tmp_path / "excel.csv"
    text = (
        "sep=;\r\nBảng 1. Dân số - Population;;\r\nNgười - Person;;\r\n;2022;Sơ bộ\nPrel. 2023\r\n"
        "Tổng số - Total;1.234.567;1.240.001\r\n"
    )
    text = text.replace("Sơ bộ\nPrel. 2023", '"Sơ bộ\nPrel. 2023"')
    p.write_bytes("\ufeff".encode() + text.encode("utf-8"))
    df = _cells(read_yearbook_table(p))
    # Excel does not show the sep line as a row: the data row is row 4; it starts on physical line 6
    assert df.loc["B4", "value"] == 1234567.0 and df.loc["C4", "value"] == 1240001.0
    assert df.loc["C4", "preliminary"] and df.attrs["title"] == "Bảng 1. Dân số - Population"
    assert list(df["line"]) == [6, 6] and set(df["unit"]) == {"Người - Person"}


def test_mojibake_is_refused(tmp_path):
    good = [
        ["Bảng 1. Lao động (Người)", "", ""],
        ["", "2022", "2023"],
        ["Tổng số - Total", "1.000", "1.010"],
        ["Đơn vị khác - Other", "5", "6"],
    ]
    bad = [list(r) for r in good]
    bad[2][0] = "Tổng số - Total".encode().decode("cp1252")  # 'Tá»•ng sá»‘ - Total'
    with pytest.raises(YearbookFormatError, match=r"moji\.csv, cell A3: .*(mojibake|encoding)"):
        read_yearbook_table(write_csv_grid(tmp_path / "moji.csv", bad))
    bad = [list(r) for r in good]
    bad[3][0] = "Đơn vị khác - Other".encode().decode("latin-1")  # control characters included
    with pytest.raises(YearbookFormatError, match=r"moji2\.csv, cell A4: .*(mojibake|encoding)"):
        read_yearbook_table(write_csv_grid(tmp_path / "moji2.csv", bad))
    # genuine Vietnamese capitals with Â / Ê / Ô are not mojibake
    ok = [list(r) for r in good]
    ok[3][0] = "CÂY LÂU NĂM - PERENNIAL CROPS Ô TÔ"
    assert len(read_yearbook_table(write_csv_grid(tmp_path / "ok.csv", ok))) == 4


def test_windows_1258_csv_is_refused(tmp_path):
    p = tmp_path / "cp1258.csv"
    text = "Bang 1 (Ty dong)\r\n,2022,2023\r\nT\u00f4\u0309ng s\u00f4\u0301,1,2\r\n"
    p.write_bytes(text.encode("cp1258"))
    with pytest.raises(YearbookFormatError, match=r"cp1258\.csv, row 3: .*not valid UTF-8"):
        read_yearbook_table(p)


# -- workbooks -----------------------------------------------------------------------------------------------------


def test_xlsx_years_and_values_as_numbers_with_formats(tmp_path):
    rows = [
        ["Bảng 11. Giá trị xuất khẩu (Triệu USD)"],
        [None, 2021.0, 2022, "Sơ bộ\nPrel. 2023"],
        ["Tổng số - Total", 1300.5, 1410, 1502.25],
        ["Nông sản - Agricultural products", 120.4, 0, 131],
    ]
    x = _xlsx(
        tmp_path,
        rows,
        formats={
            "B3": "#,##0.0",
            "C3": "#,##0.0",
            "D3": "#,##0.00",
            "D4": "#,##0.0",
            "C4": '_-* #,##0_-;-* #,##0_-;_-* "-"_-;_-@_-',
        },
    )
    df = _cells(read_yearbook_table(x))
    assert list(df["year"]) == [2021, 2022, 2023] * 2 and df.loc["D3", "preliminary"]
    assert (df.loc["B3", "value"], df.loc["B3", "decimals"]) == (1300.5, 1)
    assert (df.loc["C3", "value"], df.loc["C3", "decimals"]) == (1410.0, 1)
    assert (df.loc["D3", "value"], df.loc["D3", "decimals"]) == (1502.25, 2)
    assert (df.loc["D4", "value"], df.loc["D4", "decimals"]) == (131.0, 1)
    # a zero the sheet displays as "-" (accounting format) reads as the CSV of that sheet does
    assert df.loc["C4", "symbol"] == "-" and math.isnan(df.loc["C4", "value"])


def test_xlsx_years_in_rows_as_floats(tmp_path):
    rows = [
        ["Bảng 7. Dân số (Người)"],
        [None, "Tổng số - Total", "Nữ - Female"],
        [2021.0, 1200, 610],
        [2022, 1215, 618],
        ["Sơ bộ - Prel. 2023", 1230, 625],
    ]
    df = _cells(read_yearbook_table(_xlsx(tmp_path, rows)))
    assert list(df["year"]) == [2021, 2021, 2022, 2022, 2023, 2023]
    assert df.loc["C5", "value"] == 625.0 and df.loc["C5", "preliminary"] and df.loc["B3", "value"] == 1200.0


def test_xlsx_display_scaling_formats(tmp_path):
    rows = [
        ["Bảng (Triệu đồng)"],
        [None, 2022, 2023],
        ["Tổng số", 82217160000, 1500000],
        ["Cơ cấu - Structure (%)"],
        ["Tổng số", 0.9949, 100],
    ]
    x = _xlsx(tmp_path, rows, formats={"B3": "#,##0,,", "C3": "#,##0.0,", "B5": "0.00%", "C5": r"0\%"})
    df = _cells(read_yearbook_table(x))
    # displays 82.217 (millions): the stored number scaled as shown, its precision kept
    assert df.loc["B3", "value"] == pytest.approx(82217.16) and df.loc["B3", "decimals"] == 0
    assert df.loc["C3", "value"] == 1500.0 and df.loc["C3", "decimals"] == 1  # displays 1.500,0 (thousands)
    assert df.loc["B5", "value"] == pytest.approx(99.49)  # 0.00% multiplies by 100
    assert df.loc["C5", "value"] == 100.0  # an escaped \% does not


def test_xlsx_hidden_rows_and_columns_are_not_printed(tmp_path):
    rows = [
        ["Bảng 4 (Tỷ đồng)"],
        [None, 2021, 2022, 2023],
        ["Tổng số - Total", 10, 11, 12],
        ["Dòng ẩn - hidden helper", 999, 999, 999],
        ["Công nghiệp - Industry", 4, 5, 6],
    ]

    def hide(ws):
        ws.row_dimensions[4].hidden = True
        ws.column_dimensions["C"].hidden = True

    with pytest.warns(DataWarning, match=r"hidden rows 4 and columns C not read"):
        df = _cells(read_yearbook_table(_xlsx(tmp_path, rows, edit=hide)))
    assert list(df.index) == ["B3", "D3", "B5", "D5"]
    assert list(df["value"]) == [10.0, 12.0, 4.0, 6.0] and list(df["year"]) == [2021, 2023, 2021, 2023]


def test_xlsx_merged_two_row_header(tmp_path):
    rows = [
        ["Bảng 15. Lao động (Nghìn người)"],
        ["Chỉ tiêu - Item", "Chính thức - Official", None, "Sơ bộ - Prel."],
        [None, 2021, 2022, 2023],
        ["Tổng số - Total", 456.5, 460.25, 470],
    ]

    def merge(ws):
        ws.merge_cells("A1:D1")
        ws.merge_cells("A2:A3")
        ws.merge_cells("B2:C2")

    df = _cells(read_yearbook_table(_xlsx(tmp_path, rows, edit=merge)))
    assert list(df.index) == ["B4", "C4", "D4"] and list(df["value"]) == [456.5, 460.25, 470.0]
    assert list(df["status"]) == ["official", "official", "preliminary"] and set(df["unit"]) == {"Nghìn người"}


def test_xlsx_date_in_a_value_cell_is_refused(tmp_path):
    rows = [["Bảng (Tỷ đồng)"], [None, 2022, 2023], ["Tổng số", 10, datetime.datetime(2023, 5, 1)]]
    with pytest.raises(YearbookFormatError, match=r"t\.xlsx, sheet 'Biểu', cell C3: "):
        read_yearbook_table(_xlsx(tmp_path, rows))


def test_xlsx_text_value_with_english_decimal_is_refused(tmp_path):
    rows = [["Bảng (%)"], [None, 2022, 2023], ["Tổng số", "104,49", "104.49"]]
    with pytest.raises(YearbookFormatError, match=r"sheet 'Biểu', cell C3: .*decimal mark is ','"):
        read_yearbook_table(_xlsx(tmp_path, rows))


def test_csv_writer_quoting_all_reads_the_same(tmp_path):
    rows = [["Bảng 1 (Tỷ đồng)", "", ""], ["", "2022", "2023"], ["Tổng số", "1.000,5", "-2,5"]]
    p = tmp_path / "q.csv"
    with open(p, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, quoting=csv.QUOTE_ALL).writerows(rows)
    assert list(read_yearbook_table(p)["value"]) == [1000.5, -2.5]


def test_bilingual_cells_in_unit_group_and_block_rows(tmp_path):
    rows = [
        ["Bảng 13. Vốn đầu tư", "", "", ""],
        ["Tỷ đồng", "Bill. dongs", "", ""],
        ["", "", "2022", "2023"],
        ["Tổng số", "Total", "10", "11"],
        ["Phân theo ngành", "By activity", "", ""],
        ["Công nghiệp", "Industry", "4", "5"],
        ["Cơ cấu", "Structure (%)", "", ""],
        ["Công nghiệp", "Industry", "40", "45,45"],
    ]
    df = _cells(_csv(tmp_path, rows))
    assert df.loc["C4", "unit"] == "Tỷ đồng - Bill. dongs" and df.loc["D4", "value"] == 11.0
    assert df.loc["D6", "group"] == "Phân theo ngành - By activity" and df.loc["D6", "value"] == 5.0
    assert (df.loc["D8", "block"], df.loc["D8", "measure"], df.loc["D8", "unit"]) == ("Cơ cấu - Structure (%)", "structure", "%")
    assert df.loc["D8", "value"] == 45.45 and df.loc["D8", "group"] == ""


def test_year_pair_column_in_a_structure_block_is_refused(tmp_path):
    rows = [
        ["Bảng (Tỷ đồng)", "", "", ""],
        ["", "2022", "2023", "2023/2022"],
        ["A", "1", "2", "200"],
        ["Cơ cấu (%)", "", "", ""],
        ["A", "100", "100", "100"],
    ]
    with pytest.raises(YearbookFormatError, match=r"t\.csv, cell D5: a year-pair column \(2023/2022\) in a structure"):
        _csv(tmp_path, rows)
    df = _cells(_csv(tmp_path, rows[:3], "ok.csv"))
    assert (df.loc["D3", "measure"], df.loc["D3", "unit"], df.loc["D3", "value"]) == ("index", "%", 200.0)


def test_confidential_mark_in_years_in_rows(tmp_path):
    rows = [
        ["Bảng 40. Doanh nghiệp (Doanh nghiệp)", "", ""],
        ["", "Tổng số - Total", "FDI"],
        ["2022", "x", "5"],
        ["Sơ bộ\nPrel. 2023", "12", "x"],
    ]
    df = _cells(_csv(tmp_path, rows))
    assert df.loc["B3", "symbol"] == "x" and math.isnan(df.loc["B3", "value"]) and df.loc["C3", "value"] == 5.0
    assert df.loc["B4", "value"] == 12.0 and df.loc["B4", "preliminary"] and df.loc["C4", "symbol"] == "x"


@pytest.mark.parametrize(
    "upper, lower",
    [
        (["Chỉ tiêu - Item", "Đơn vị tính - Unit", "Năm - Year", ""], ["", "", "2022", "2023"]),
        (["", "", "2022", "2023"], None),
    ],
)
def test_unit_column_in_an_upper_header_or_without_header(tmp_path, upper, lower):
    """Main-indicators tables: a unit column named in the upper header row, or not named at all."""
    rows = [["Bảng 1. Một số chỉ tiêu chủ yếu (Tỷ đồng)", "", "", ""], upper] + ([lower] if lower else [])
    rows += [
        ["GRDP - Gross regional domestic product", "Tỷ đồng", "128.150", "132.653"],
        ["Tốc độ tăng GRDP - GRDP growth", "%", "2,24", "4,07"],
        ["Dân số - Population", "Nghìn người", "1.234,5", "1.240"],
    ]
    df = _csv(tmp_path, rows).set_index("series")
    first = len(rows) - 2
    assert list(df.index.unique()) == [
        "GRDP - Gross regional domestic product",
        "Tốc độ tăng GRDP - GRDP growth",
        "Dân số - Population",
    ]
    assert list(df["unit"]) == ["Tỷ đồng", "Tỷ đồng", "%", "%", "Nghìn người", "Nghìn người"]
    assert list(df["value"]) == [128150.0, 132653.0, 2.24, 4.07, 1234.5, 1240.0]
    assert list(df["cell"])[:2] == [f"C{first}", f"D{first}"]
