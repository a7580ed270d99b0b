"""Every shipped yearbook table reads with the right values, orientation, blocks and flags."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import read_yearbook_table
from analysis.evidence.checks import check_index, check_structure
from analysis.sources.yearbook.reader import YEARBOOK_COLUMNS

from conftest import LAYOUT_CASES, TABLES, YEARBOOK, grid_to_xlsx, read_csv_grid, write_csv_grid

# (file, values, orientation, {block: (measure, count)}, preliminary count, table number)
EXPECTED = {
    "quang-ngai_2016_t176_industrial-output-by-ownership.csv": (
        90,
        "years_in_columns",
        {"": ("level", 45), "Cơ cấu - Structure (%)": ("structure", 45)},
        18,
        "176",
    ),
    "quang-ngai_2016_t24_employed-by-ownership.csv": (
        84,
        "years_in_rows",
        {
            "": ("level", 28),
            "Chỉ số phát triển (Năm trước = 100) - % / Index (Previous year = 100) - %": ("index", 28),
            "Cơ cấu - Structure (%)": ("structure", 28),
        },
        12,
        "24",
    ),
    "quang-ngai_2016_t41_grdp-per-capita.csv": (
        26,
        "years_in_rows",
        {"": ("level", 14), "Chỉ số phát triển (Năm trước = 100) - % / Index (Previous year = 100) - %": ("index", 12)},
        4,
        "41",
    ),
    "nghe-an_2019_iip-by-industry.csv": (25, "years_in_columns", {"": ("index", 25)}, 0, ""),
    "hoa-binh_2022_t29_employed-by-sex-residence.csv": (
        50,
        "years_in_rows",
        {"": ("level", 25), "So với dân số - Proportion of population (%)": ("level", 25)},
        10,
        "29",
    ),
}


def assert_same_reading(a: pd.DataFrame, b: pd.DataFrame, with_cells: bool = False) -> None:
    """The same printed values, labels, blocks, units and flags (and cells, when the layout is unchanged)."""
    cols = ["series", "year", "period", "value", "block", "measure", "unit", "preliminary", "status", "of_which", "series_clean"]
    cols += ["cell", "line"] if with_cells else []
    pd.testing.assert_frame_equal(a[cols].reset_index(drop=True), b[cols].reset_index(drop=True))


def test_reference_tables_are_shipped():
    """The reference tables below are raw data (never edited); other tables may be added at any time."""
    assert set(EXPECTED) <= {p.name for p in TABLES}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_shape_blocks_and_flags(name):
    n, orientation, blocks, n_prel, number = EXPECTED[name]
    df = read_yearbook_table(YEARBOOK / name)
    assert len(df) == n
    assert df.attrs["orientation"] == orientation
    assert df.attrs["table_number"] == number
    got = {b: (g["measure"].iloc[0], len(g)) for b, g in df.groupby("block", sort=False)}
    assert got == blocks
    assert int(df["preliminary"].sum()) == n_prel
    assert df["value"].notna().all()  # no '-' or '...' printed in these tables
    assert df["cell"].is_unique
    assert list(df.columns) == YEARBOOK_COLUMNS
    assert (df["line"] == df["cell"].str.extract(r"(\d+)$")[0].astype("int64")).all()  # no line breaks in cells
    assert not df["of_which"].any()


def test_values_as_printed_t24():
    df = read_yearbook_table(YEARBOOK / "quang-ngai_2016_t24_employed-by-ownership.csv").set_index("cell")
    assert df.loc["E6", "value"] == 1027.0  # "1.027" is one thousand and twenty-seven
    assert df.loc["E7", "value"] == 521.0
    assert df.loc["B6", "value"] == 718415.0
    assert df.loc["B14", "value"] == pytest.approx(104.49)  # index block, "104,49"
    assert df.loc["B12", "preliminary"] and df.loc["B12", "year"] == 2016
    assert df.loc["E6", "series"] == "Khu vực có vốn đầu tư nước ngoài - Foreign investment sector"
    assert df.loc["B6", "unit"] == "Người - Person"


def test_values_t176_and_units():
    df = read_yearbook_table(YEARBOOK / "quang-ngai_2016_t176_industrial-output-by-ownership.csv").set_index("cell")
    assert df.loc["B6", "value"] == 82217160.0 and df.loc["B6", "unit"] == "Triệu đồng - Mill. dongs"
    assert df.loc["F6", "preliminary"] and df.loc["F6", "status"] == "preliminary"
    assert df.loc["C17", "value"] == pytest.approx(89.45) and df.loc["C17", "unit"] == "%"


def test_year_pairs_take_the_later_year():
    df = read_yearbook_table(YEARBOOK / "nghe-an_2019_iip-by-industry.csv")
    assert list(df["year"].unique()) == [2015, 2016, 2017, 2018, 2019]
    assert df.iloc[0]["period"] == "2015/2014" and df.iloc[0]["value"] == pytest.approx(109.70)
    assert set(df["unit"]) == {"%"}


def test_column_units_and_footnote_t41():
    df = read_yearbook_table(YEARBOOK / "quang-ngai_2016_t41_grdp-per-capita.csv")
    lv = df[df["measure"] == "level"]
    assert set(lv["unit"]) == {"Nghìn đồng", "Đô la Mỹ"}
    assert df.attrs["notes"] == ["Ghi chú: Chỉ tiêu GRDP bình quân đầu người có thay đổi theo điều chỉnh dân số."]
    assert df.attrs["title"].startswith("41. Tổng sản phẩm")
    assert df.attrs["title_en"] == "Gross regional domestic product per capita"


@pytest.mark.parametrize(
    "name", ["quang-ngai_2016_t176_industrial-output-by-ownership.csv", "quang-ngai_2016_t24_employed-by-ownership.csv"]
)
def test_structure_equals_shares_from_levels(name):
    df = read_yearbook_table(YEARBOOK / name)
    res = check_structure(df, tolerance=0.02)
    assert len(res) == (df["measure"] == "structure").sum()
    assert res["within_tolerance"].all(), res[~res["within_tolerance"]]
    # the check can fail: perturb one printed share by 0.05 pp
    bad = df.copy()
    i = bad.index[(bad["measure"] == "structure")][3]
    bad.loc[i, "value"] = bad.loc[i, "value"] + 0.05
    with pytest.warns(UserWarning, match="structure differs"):
        assert not check_structure(bad, tolerance=0.02)["within_tolerance"].all()


def test_index_equals_ratio_of_levels():
    df = read_yearbook_table(YEARBOOK / "quang-ngai_2016_t24_employed-by-ownership.csv")
    res = check_index(df)
    assert len(res) == 24  # 2010 needs the 2009 level, not printed
    assert res["within_tolerance"].all()


@pytest.mark.parametrize("numbers_as_numbers", [False, True])
@pytest.mark.parametrize("layout_table", LAYOUT_CASES, indirect=True)
def test_xlsx_reads_identically(tmp_path, layout_table, numbers_as_numbers):
    path = layout_table
    grid = read_csv_grid(path)
    xlsx = grid_to_xlsx(grid, tmp_path / (path.stem + ".xlsx"), numbers_as_numbers=numbers_as_numbers, blank_rows_after=1)
    a = read_yearbook_table(path)
    b = read_yearbook_table(xlsx, sheet="Biểu")
    assert_same_reading(a, b)
    assert b.attrs["title"] == a.attrs["title"] and b.attrs["sheet"] == "Biểu"


def test_layout_variants_seen_in_other_yearbooks(tmp_path):
    """Two header rows, unit in the title, 'YYYY Sơ bộ' markers, an average column, a stub header cell."""
    rows_two_headers = [
        ["30. Lao động đang làm việc phân theo giới tính (Nghìn người)", "", "", ""],
        ["Employed population by sex", "", "", ""],
        ["Năm - Year", "Tổng số - Total", "Chia ra - Of which", ""],
        ["", "", "Nam - Male", "Nữ - Female"],
        ["2019", "456,5", "235,8", "220,7"],
        ["2020 Sơ bộ", "445,2", "236,6", "208,5"],
    ]
    df = read_yearbook_table(write_csv_grid(tmp_path / "two.csv", rows_two_headers))
    assert list(df["series"].unique()) == ["Tổng số - Total", "Nam - Male", "Nữ - Female"]
    assert set(df["unit"]) == {"Nghìn người"}
    assert df.set_index("cell").loc["C6", "value"] == pytest.approx(236.6)
    assert df.set_index("cell").loc["C6", "preliminary"]

    rows_avg = [
        ["Tốc độ tăng GRDP (%)", "", "", ""],
        ["", "2019", "2020", "Bình quân 2016-2020"],
        ["Tổng số - Total", "9,6", "0,43", "4,83"],
    ]
    df = read_yearbook_table(write_csv_grid(tmp_path / "avg.csv", rows_avg))
    assert list(df["period"]) == ["2019", "2020", "2016-2020"] and set(df["unit"]) == {"%"}


def test_xlsx_percent_formatted_cells_read_as_printed(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Cơ cấu lao động (%)"])
    ws.append([None, 2023, 2024])
    ws.append(["Công nghiệp - Industry", 0.0949, 0.1012])
    for c in ("B3", "C3"):
        ws[c].number_format = "0.00%"
    wb.save(tmp_path / "pct.xlsx")
    df = read_yearbook_table(tmp_path / "pct.xlsx")
    assert list(df["value"]) == [pytest.approx(9.49), pytest.approx(10.12)]


def test_csv_cells_with_line_breaks(tmp_path):
    """Excel writes 'Tổng số<newline>Total' header cells in quotes; rows still match Excel's row numbers,
    ``line`` gives the physical line of the file (the header took three)."""
    p = tmp_path / "nl.csv"
    p.write_text('Bảng 1,,\n,"Tổng số\nTotal","Nam\nMale"\nNgười - Person,,\n2020,"1.000",600\n', encoding="utf-8")
    df = read_yearbook_table(p)
    assert list(df["series"]) == ["Tổng số Total", "Nam Male"]
    assert list(df["cell"]) == ["B4", "C4"] and list(df["value"]) == [1000.0, 600.0]
    assert list(df["line"]) == [6, 6]


def test_unit_column_and_grouping_rows(tmp_path):
    """'Đơn vị tính' as a column (main-indicators tables) and 'Phân theo …' grouping rows inside a block."""
    rows = [
        ["5. Một số chỉ tiêu chủ yếu - Key indicators", "", "", ""],
        ["", "Đơn vị tính - Unit", "2023", "Sơ bộ - Prel. 2024"],
        ["GRDP giá hiện hành - GRDP at current prices", "Tỷ đồng", "128.150", "132.653"],
        ["Tốc độ tăng GRDP - GRDP growth", "%", "2,24", "4,07"],
        ["Phân theo khu vực - By sector", "", "", ""],
        ["Công nghiệp - Industry", "Tỷ đồng", "50.000", "51.000"],
        ["Phân theo loại hình - By ownership", "", "", ""],
        ["Công nghiệp - Industry", "Tỷ đồng", "50.000", "51.000"],
    ]
    df = read_yearbook_table(write_csv_grid(tmp_path / "key.csv", rows)).set_index("cell")
    assert df.loc["C3", "unit"] == "Tỷ đồng" and df.loc["C4", "unit"] == "%"
    assert df.loc["D4", "value"] == pytest.approx(4.07) and df.loc["D4", "preliminary"]
    assert df.loc["C6", "group"] == "Phân theo khu vực - By sector"
    assert df.loc["C8", "group"] == "Phân theo loại hình - By ownership"  # same label, other group: no duplicate
    assert set(df["block"]) == {""} and len(df) == 8


def test_grouping_row_keeps_the_unit_of_its_block(tmp_path):
    rows = read_csv_grid(YEARBOOK / "quang-ngai_2016_t176_industrial-output-by-ownership.csv")
    rows.insert(6, ["Phân theo loại hình kinh tế - By types of ownership", "", "", "", "", ""])
    df = read_yearbook_table(write_csv_grid(tmp_path / "g.csv", rows))
    lv = df[df["measure"] == "level"]
    assert len(df) == 90 and set(lv["unit"]) == {"Triệu đồng - Mill. dongs"}
    assert set(lv[lv["series"] == "TỔNG SỐ - TOTAL"]["group"]) == {""}
    assert set(lv[lv["series"] != "TỔNG SỐ - TOTAL"]["group"]) == {"Phân theo loại hình kinh tế - By types of ownership"}
    assert set(df[df["measure"] == "structure"]["group"]) == {""}  # a new block resets the group


@pytest.mark.parametrize("delimiter", [";", "\t"])
@pytest.mark.parametrize("layout_table", LAYOUT_CASES, indirect=True)
def test_semicolon_and_tab_separated_csv(tmp_path, layout_table, delimiter):
    """Excel in a Vietnamese locale saves CSV with ';' (the comma is the decimal mark)."""
    import csv

    path = layout_table

    out = tmp_path / path.name
    with open(out, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL).writerows(read_csv_grid(path))
    a, b = read_yearbook_table(path), read_yearbook_table(out)
    assert_same_reading(a, b, with_cells=True)
