"""Reader variants: "of which" rows, physical source lines, workbooks on equal terms with CSV,
and the shape of the split reader (header detection + row state machine)."""

from __future__ import annotations

import ast
import csv
import warnings
from pathlib import Path

import pandas as pd
import pytest

from analysis import DataWarning, read_yearbook_table
from analysis.evidence.checks import check_index, check_structure

from conftest import LAYOUT_CASES, ROOT, YEARBOOK, grid_to_xlsx, physical_line_of_row, read_csv_grid, write_csv_grid

ANALYSIS = ROOT / "analysis"
T176 = YEARBOOK / "quang-ngai_2016_t176_industrial-output-by-ownership.csv"

# A GRDP table as printed: sectors add up to the total, "Trong đó" components do not.
GRDP = [
    ["12. Tổng sản phẩm trên địa bàn theo giá hiện hành phân theo khu vực kinh tế", "", ""],
    ["Gross regional domestic product at current prices by economic sector", "", ""],
    ["", "2023", "Sơ bộ - Prel. 2024"],
    ["Tỷ đồng - Bill. dongs", "", ""],
    ["TỔNG SỐ - TOTAL", "128.150", "132.653"],
    ["Nông, lâm nghiệp và thủy sản - Agriculture, forestry and fishing", "20.000", "21.000"],
    ["Công nghiệp và xây dựng - Industry and construction", "60.000", "61.000"],
    ["Trong đó: Công nghiệp - Of which: Industry", "50.000", "50.500"],
    ["Trđ: Công nghiệp chế biến, chế tạo", "45.000", "45.200"],
    ["Dịch vụ - Service", "40.000", "42.000"],
    ["Tr.đó: Bán buôn và bán lẻ - Of which: Wholesale and retail trade", "10.000", "10.500"],
    ["- Trong đó: Vận tải kho bãi", "3.000", "3.100"],
    ["Of which: Real estate", "2.000", "2.100"],
    ["Thuế sản phẩm trừ trợ cấp sản phẩm - Product taxes less subsidies", "8.150", "8.653"],
]


def _read_rows(tmp_path: Path, rows: list[list[str]], name: str = "t.csv") -> pd.DataFrame:
    return read_yearbook_table(write_csv_grid(tmp_path / name, rows))


def _by_series(df: pd.DataFrame) -> pd.DataFrame:
    return df.drop_duplicates("series").set_index("series")


# -- "of which" rows -------------------------------------------------------------------------------------------


def test_of_which_markers_on_value_rows(tmp_path):
    df = _read_rows(tmp_path, GRDP)
    s = _by_series(df)
    marked = {
        "Trong đó: Công nghiệp - Of which: Industry": "Công nghiệp - Industry",
        "Trđ: Công nghiệp chế biến, chế tạo": "Công nghiệp chế biến, chế tạo",
        "Tr.đó: Bán buôn và bán lẻ - Of which: Wholesale and retail trade": "Bán buôn và bán lẻ - Wholesale and retail trade",
        "- Trong đó: Vận tải kho bãi": "Vận tải kho bãi",
        "Of which: Real estate": "Real estate",
    }
    for series, clean in marked.items():
        assert s.loc[series, "of_which"], series
        assert s.loc[series, "series_clean"] == clean
    unmarked = s[~s.index.isin(list(marked))]
    assert not unmarked["of_which"].any()
    assert (unmarked["series_clean"] == unmarked.index).all()  # unchanged where there is no marker
    assert df["of_which"].dtype == bool and int(df["of_which"].sum()) == 2 * len(marked)
    # series stays as printed (manifests match it); the sectors without the "of which" rows add up
    first = df[df["year"] == 2023]
    parts = first[~first["of_which"] & ~first["series"].str.startswith("TỔNG")]["value"].sum()
    assert parts == first[first["series"] == "TỔNG SỐ - TOTAL"]["value"].iloc[0]


def test_of_which_grouping_row_until_next_group_or_block(tmp_path):
    rows = [
        ["Giá trị sản xuất công nghiệp - Industrial output", "", ""],
        ["", "2023", "2024"],
        ["Tỷ đồng", "", ""],
        ["Tổng số - Total", "100", "110"],
        ["Trong đó - Of which", "", ""],
        ["Công nghiệp chế biến, chế tạo - Manufacturing", "80", "90"],
        ["Sản xuất điện - Electricity", "15", "16"],
        ["Phân theo loại hình kinh tế - By ownership", "", ""],
        ["Nhà nước - State", "30", "31"],
        ["Trong đó:", "", ""],
        ["Trung ương - Central", "20", "21"],
        ["Cơ cấu - Structure (%)", "", ""],
        ["Tổng số - Total", "100", "100"],
        ["Công nghiệp chế biến, chế tạo - Manufacturing", "80", "81,82"],
    ]
    df = _read_rows(tmp_path, rows).set_index("cell")
    assert not df.loc["B4", "of_which"]
    assert df.loc["B6", "of_which"] and df.loc["C7", "of_which"]
    assert df.loc["B6", "group"] == "Trong đó - Of which"
    # no marker to remove
    assert df.loc["B6", "series_clean"] == "Công nghiệp chế biến, chế tạo - Manufacturing"
    assert not df.loc["B9", "of_which"]  # a new grouping row ends the "of which" group
    assert df.loc["B11", "of_which"] and df.loc["B11", "group"] == "Trong đó:"
    assert not df.loc[["B13", "B14", "C14"], "of_which"].any()  # a new block ends it too


def test_chia_ra_is_not_of_which(tmp_path):
    """'Chia ra - Of which' (divided into) opens components that add up: never marked."""
    rows_two_headers = [
        ["30. Lao động đang làm việc phân theo giới tính (Nghìn người)", "", "", ""],
        ["Năm - Year", "Tổng số - Total", "Chia ra - Of which", ""],
        ["", "", "Nam - Male", "Nữ - Female"],
        ["2019", "456,5", "235,8", "220,7"],
    ]
    df = _read_rows(tmp_path, rows_two_headers, "two.csv")
    assert not df["of_which"].any()
    assert list(df["series_clean"]) == list(df["series"]) == ["Tổng số - Total", "Nam - Male", "Nữ - Female"]
    rows_group = [
        ["Lao động - Employment (Nghìn người)", "", ""],
        ["", "2019", "2020"],
        ["Tổng số - Total", "456,5", "445,2"],
        ["Chia ra - Of which", "", ""],
        ["Nam - Male", "235,8", "236,6"],
        ["Nữ - Female", "220,7", "208,6"],
    ]
    df = _read_rows(tmp_path, rows_group, "group.csv")
    assert not df["of_which"].any() and set(df["group"]) == {"", "Chia ra - Of which"}


def test_of_which_in_header_columns(tmp_path):
    """Years in rows: a 'Trong đó' upper header spans the columns under it; a marked column label counts too."""
    rows = [
        ["Lao động đang làm việc (Người)", "", "", "", ""],
        ["", "Tổng số - Total", "Trong đó - Of which", "", "Trong đó: Nữ - Of which: Female"],
        ["", "", "Thành thị - Urban", "Công nghiệp - Industry", ""],
        ["2023", "1.000", "300", "250", "480"],
        ["2024", "1.010", "310", "260", "490"],
    ]
    df = _read_rows(tmp_path, rows)
    got = df.drop_duplicates("series").set_index("series")[["of_which", "series_clean"]]
    assert got.to_dict("index") == {
        "Tổng số - Total": {"of_which": False, "series_clean": "Tổng số - Total"},
        "Thành thị - Urban": {"of_which": True, "series_clean": "Thành thị - Urban"},
        "Công nghiệp - Industry": {"of_which": True, "series_clean": "Công nghiệp - Industry"},
        "Trong đó: Nữ - Of which: Female": {"of_which": True, "series_clean": "Nữ - Female"},
    }


@pytest.mark.parametrize(
    "label, clean",
    [
        ("TRONG ĐÓ: XÂY DỰNG - OF WHICH: CONSTRUCTION", "XÂY DỰNG - CONSTRUCTION"),
        ("Tr. đó Khai khoáng", "Khai khoáng"),
        ("Trong đó, Công nghiệp / Of which, Industry", "Công nghiệp / Industry"),
        ("Trong\u00a0đó:\nCông nghiệp", "Công nghiệp"),  # non-breaking space, line break in the cell
        ("Trong đo\u0301: Công nghiệp", "Công nghiệp"),  # decomposed accent (NFD)
    ],
)
def test_of_which_marker_spellings(tmp_path, label, clean):
    rows = [["Bảng (Tỷ đồng)", "", ""], ["", "2023", "2024"], ["Tổng số", "10", "11"], [label, "4", "5"]]
    df = _read_rows(tmp_path, rows)
    assert list(df["of_which"]) == [False, False, True, True]
    assert df["series_clean"].iloc[-1] == clean


@pytest.mark.parametrize(
    "label",
    ["Trong đóng góp - Contribution", "Công nghiệp - Of which: Industry", "Tổng số trong đó - Total", "Chia ra - Of which: Nam"],
)
def test_not_of_which(tmp_path, label):
    rows = [["Bảng (Tỷ đồng)", "", ""], ["", "2023", "2024"], [label, "4", "5"]]
    df = _read_rows(tmp_path, rows)
    assert not df["of_which"].any() and (df["series_clean"] == df["series"]).all()


def test_of_which_rows_keep_duplicate_checks(tmp_path):
    """The same label in and outside an 'of which' group is two series; twice in one group is an error."""
    from analysis import YearbookFormatError

    rows = [
        ["Bảng (Tỷ đồng)", "", ""],
        ["", "2023", "2024"],
        ["Công nghiệp", "4", "5"],
        ["Trong đó - Of which", "", ""],
        ["Công nghiệp", "3", "4"],
    ]
    df = _read_rows(tmp_path, rows)
    assert list(df["of_which"]) == [False, False, True, True]
    rows.append(["Công nghiệp", "3", "4"])
    with pytest.raises(YearbookFormatError, match=r"cell B6: year 2023 appears twice"):
        _read_rows(tmp_path, rows, "dup.csv")


@pytest.mark.parametrize("layout_table", LAYOUT_CASES, indirect=True)
def test_series_clean_differs_from_series_only_on_of_which_rows(layout_table):
    path = layout_table
    df = read_yearbook_table(path)
    changed = df["series_clean"] != df["series"]
    assert not (changed & ~df["of_which"]).any()


# -- physical source lines -------------------------------------------------------------------------------------


def test_line_counts_physical_lines_of_quoted_line_breaks(tmp_path):
    text = (
        "Bảng 1 - Table 1,,\n"
        ",2020,2021\n"
        "Tỷ đồng,,\n"
        '"Tổng số\nTotal","1.000","1.100"\n'
        '"Công nghiệp\n- Industry\n(B-E)",400,450\n'
        "Xây dựng - Construction,100,110\n"
    )
    p = tmp_path / "nl.csv"
    p.write_text(text, encoding="utf-8")
    df = read_yearbook_table(p)
    assert list(df["cell"]) == ["B4", "C4", "B5", "C5", "B6", "C6"]  # records, as Excel numbers the rows
    assert list(df["line"]) == [4, 4, 6, 6, 9, 9]  # physical lines where each record starts
    physical = text.splitlines()
    for rec in df.to_dict("records"):
        assert physical[rec["line"] - 1].lstrip('"').startswith(rec["series"].split()[0])
    assert df["line"].dtype == "int64"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("delimiter", [",", ";"])
def test_line_with_header_line_breaks_crlf_and_semicolons(tmp_path, newline, delimiter):
    """A header cell 'Tổng số<newline>Total' pushes every data line down; Excel's CRLF and ';' files too."""
    rows = [
        ["Bảng 1"],
        ["", "Tổng số\nTotal", "Nam\nMale"],
        ["Người - Person"],
        ["2020", "1.000", "600"],
        ["2021", "1.010", "610"],
    ]
    p = tmp_path / "h.csv"
    with open(p, "w", encoding="utf-8-sig", newline="") as fh:  # with a BOM, as Excel writes 'CSV UTF-8'
        csv.writer(fh, delimiter=delimiter, lineterminator=newline).writerows(rows)
    df = read_yearbook_table(p)
    assert list(df["cell"]) == ["B4", "C4", "B5", "C5"]
    assert list(df["line"]) == [6, 6, 7, 7]


def _row_of(cell: str) -> int:
    return int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))


@pytest.mark.parametrize("layout_table", LAYOUT_CASES, indirect=True)
def test_line_follows_labels_with_line_breaks(tmp_path, layout_table):
    """Line breaks in the title and in every second row label of a table of any layout (years in rows or
    columns, blocks, one- or two-row headers): years, values and cells stay; each record's line is the
    physical line where its row starts, before and after."""
    path = layout_table
    rows = read_csv_grid(path)
    broken = [list(r) for r in rows]
    for i, row in enumerate(broken):
        if i == 0 and " " in row[0].strip():
            row[0] = row[0].strip().replace(" ", "\n", 1)  # the title: every record lies below it
        elif i % 2 and " - " in row[0]:
            row[0] = row[0].replace(" - ", "\n- ", 1)
    out = write_csv_grid(tmp_path / f"broken_{path.name}", broken)
    a, b = read_yearbook_table(path), read_yearbook_table(out)
    assert len(a) > 0, f"{path.name}: no value read"
    pd.testing.assert_frame_equal(
        a[["year", "value", "cell"]],
        b[["year", "value", "cell"]],
        obj=f"{path.name} with line breaks in its labels: years, values, cells",
    )
    for name, grid, df in ((path.name, rows, a), (out.name, broken, b)):
        physical = (path if df is a else out).read_text(encoding="utf-8-sig").splitlines()
        for rec in df.to_dict("records"):
            row = _row_of(rec["cell"])
            want = physical_line_of_row(grid, row)
            assert rec["line"] == want, (
                f"{name}, cell {rec['cell']} (row {row}): line {rec['line']}, expected the "
                f"physical line {want} where row {row} starts"
            )
            first = next((c for c in grid[row - 1] if c), "").split("\n")[0]
            assert physical[want - 1].lstrip('"').startswith(first), (
                f"{name}, row {row}: physical line {want} is {physical[want - 1]!r}, expected it to start with {first!r}"
            )
    assert (b["line"] > a["line"]).all() or " " not in rows[0][0].strip(), (
        f"{path.name}: a line break in the title must move every record one line down"
    )


@pytest.mark.parametrize("layout_table", LAYOUT_CASES, indirect=True)
def test_xlsx_line_is_the_sheet_row(tmp_path, layout_table):
    path = layout_table
    x = grid_to_xlsx(read_csv_grid(path), tmp_path / "t.xlsx", numbers_as_numbers=True, blank_rows_after=1)
    df = read_yearbook_table(x)
    for rec in df.to_dict("records"):
        assert rec["line"] == _row_of(rec["cell"]), f"{path.name} as xlsx, cell {rec['cell']}: line {rec['line']}"
    csv_rows = [_row_of(c) for c in read_yearbook_table(path)["cell"]]
    want = [r + 1 if r > 2 else r for r in csv_rows]  # the blank row inserted after row 2
    assert [_row_of(c) for c in df["cell"]] == want, f"{path.name} as xlsx: rows {list(df['cell'])}"


# -- workbooks on equal terms with CSV ---------------------------------------------------------------------------


def _no_data_warning(fn, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("error", DataWarning)
        return fn(*args)


@pytest.mark.parametrize("layout_table", LAYOUT_CASES, indirect=True)
def test_xlsx_numbers_never_warn_about_notation(tmp_path, layout_table):
    path = layout_table
    x = grid_to_xlsx(read_csv_grid(path), tmp_path / "t.xlsx", numbers_as_numbers=True)
    _no_data_warning(read_yearbook_table, x)


def test_xlsx_number_cells_among_grouped_text_do_not_warn(tmp_path):
    """A workbook with most values typed as text ('82.217.160') and one stored as a number: no notation to mix."""
    import openpyxl

    x = grid_to_xlsx(read_csv_grid(T176), tmp_path / "t.xlsx", numbers_as_numbers=False)
    wb = openpyxl.load_workbook(x)
    wb.active["B6"] = 82217160
    wb.save(x)
    df = _no_data_warning(read_yearbook_table, x).set_index("cell")
    assert df.loc["B6", "value"] == 82217160.0 and df.loc["C6", "value"] == 164163297.0


@pytest.mark.parametrize("as_xlsx", [False, True])
def test_text_cells_mixing_notations_still_warn(tmp_path, as_xlsx):
    rows = read_csv_grid(T176)
    rows[5][1] = "82217160"
    path = (
        grid_to_xlsx(rows, tmp_path / "t.xlsx", numbers_as_numbers=False) if as_xlsx else write_csv_grid(tmp_path / "t.csv", rows)
    )
    with pytest.warns(DataWarning, match=r"mixed thousands notation — grouped with '.' at C6.*plain digits at B6"):
        read_yearbook_table(path)


@pytest.mark.parametrize("layout_table", LAYOUT_CASES, indirect=True)
def test_checks_identical_on_xlsx(tmp_path, layout_table):
    path = layout_table
    """check_structure / check_index give the same result on the workbook as on the CSV it was written from."""
    grid = read_csv_grid(path)
    a = read_yearbook_table(path)
    same = read_yearbook_table(grid_to_xlsx(grid, tmp_path / "same.xlsx", numbers_as_numbers=True))
    shifted = read_yearbook_table(grid_to_xlsx(grid, tmp_path / "shifted.xlsx", numbers_as_numbers=True, blank_rows_after=1))
    for check in (check_structure, check_index):
        expected = _no_data_warning(check, a)
        pd.testing.assert_frame_equal(_no_data_warning(check, same), expected)
        got = _no_data_warning(check, shifted)
        cells = [c for c in expected.columns if c.endswith("_cell")]
        pd.testing.assert_frame_equal(got.drop(columns=cells), expected.drop(columns=cells))
        for c in cells:  # the same cells, one row lower
            shift = lambda s: s.str.replace(r"\d+$", lambda m: str(int(m.group(0)) + 1), regex=True)  # noqa: E731
            assert list(got[c]) == list(shift(expected[c]))


def _xlsx_with_number_formats(rows: list[list[str]], path: Path) -> Path:
    """Like a real yearbook workbook: numbers stored as numbers, with the printed decimals as number format."""
    import openpyxl

    from analysis.core.vnnumbers import NotANumber, parse_vn_number

    wb = openpyxl.Workbook()
    ws = wb.active
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row, start=1):
            if v == "":
                continue
            cell = ws.cell(row=r, column=c, value=v)
            if c == 1:
                continue
            try:
                p = parse_vn_number(v)
            except NotANumber:
                continue
            if not p.symbol:
                cell.value = p.value
                cell.number_format = "#,##0" + ("." + "0" * p.decimals if p.decimals else "")
    wb.save(path)
    return path


@pytest.mark.parametrize("layout_table", LAYOUT_CASES, indirect=True)
def test_xlsx_number_formats_give_printed_decimals(tmp_path, layout_table):
    path = layout_table
    a = read_yearbook_table(path)
    b = _no_data_warning(read_yearbook_table, _xlsx_with_number_formats(read_csv_grid(path), tmp_path / "f.xlsx"))
    cols = ["series", "year", "value", "block", "measure", "unit", "decimals", "cell", "of_which"]
    pd.testing.assert_frame_equal(a[cols], b[cols], obj=f"{path.name} read from a workbook with number formats")
    for rec in b.to_dict("records"):  # a workbook's line is its sheet row (the CSV's counts quoted line breaks)
        assert rec["line"] == _row_of(rec["cell"]), f"{path.name} as xlsx, cell {rec['cell']}: line {rec['line']}"
    for check in (check_structure, check_index):
        pd.testing.assert_frame_equal(check(a), check(b))


def test_xlsx_general_format_decimals_as_excel_shows_them(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Chỉ số phát triển (%)"])
    ws.append([None, 2023, 2024, 2025])
    ws.append(["Tổng số - Total", 126.0, 0.1 + 0.2, 104.49])
    wb.save(tmp_path / "g.xlsx")
    df = read_yearbook_table(tmp_path / "g.xlsx")
    assert list(df["decimals"]) == [0, 1, 2]  # Excel shows 126, 0.3, 104.49


@pytest.mark.parametrize("numbers_as_numbers", [False, True])
def test_one_year_table_reads_alike_from_csv_and_xlsx(tmp_path, numbers_as_numbers):
    """A header holding a single year (',2023') is a header row in a CSV as in a workbook."""
    rows = [
        ["Số doanh nghiệp công nghiệp - Industrial enterprises", ""],
        ["Doanh nghiệp - Enterprise", ""],
        ["", "2023"],
        ["Tổng số - Total", "1.234"],
        ["Công nghiệp chế biến, chế tạo", "1.100"],
    ]
    a = _read_rows(tmp_path, rows)
    b = read_yearbook_table(grid_to_xlsx(rows, tmp_path / "t.xlsx", numbers_as_numbers=numbers_as_numbers))
    assert list(a["value"]) == [1234.0, 1100.0] and list(a["cell"]) == ["B4", "B5"]
    assert set(a["unit"]) == {"Doanh nghiệp - Enterprise"}
    cols = ["series", "year", "value", "unit", "cell", "line", "of_which"]
    pd.testing.assert_frame_equal(a[cols], b[cols])


@pytest.mark.parametrize(
    "fmt, decimals",
    [
        ("General", None),
        ("@", None),
        ("0", 0),
        ("#,##0", 0),
        ("#,##0.00", 2),
        ("0.0%", 1),
        ('0.00" tỷ"', 2),
        ("[Red]#,##0.0;-#,##0.0", 1),
        ("_(* #,##0.000_)", 3),
    ],
)
def test_format_decimals(fmt, decimals):
    from analysis.sources.yearbook.grid import format_decimals

    assert format_decimals(fmt) == decimals


# -- the split reader ---------------------------------------------------------------------------------------------


def test_public_names_still_in_analysis_yearbook():
    from analysis.sources.yearbook.grid import col_letter, read_grid
    from analysis.sources.yearbook.labels import parse_year_token
    from analysis.sources.yearbook.reader import YEARBOOK_COLUMNS, read_yearbook_table

    assert callable(read_yearbook_table) and callable(read_grid)
    assert col_letter(0) == "A" and col_letter(27) == "AB"
    assert parse_year_token("Sơ bộ - Prel. 2016").preliminary
    assert YEARBOOK_COLUMNS[-3:] == ["line", "of_which", "series_clean"]
    df = read_yearbook_table(T176)
    assert list(df.columns) == YEARBOOK_COLUMNS


def test_row_reader_state_is_explicit():
    """The row state machine can be driven on an in-memory grid; its state says where it stopped."""
    from analysis.sources.yearbook.grid import Grid
    from analysis.sources.yearbook.header import detect_header
    from analysis.sources.yearbook.rows import RowReader

    grid = Grid(
        [
            ["Bảng (Tỷ đồng)"],
            ["", "2023"],
            ["Tổng số", "10"],
            ["Trong đó - Of which"],
            ["A", "4"],
            ["Cơ cấu (%)"],
            ["Tổng số", "100"],
            ["Ghi chú: số liệu sơ bộ"],
        ],
        "mem.csv",
    )
    header = detect_header(grid)
    assert (header.row, header.orientation, header.table_unit) == (1, "years_in_columns", "Tỷ đồng")
    reader = RowReader(grid, header)
    records = reader.read()
    assert [r["of_which"] for r in records] == [False, True, False]
    assert reader.block.label == "Cơ cấu (%)" and reader.block.measure == "structure"
    assert reader.group == "" and not reader.of_which_group
    assert reader.notes == ["Ghi chú: số liệu sơ bộ"]


def test_reader_modules_are_small():
    """Issue 10 part 4: no reader function over ~80 lines, no reader module over ~400 lines."""
    for path in sorted((ANALYSIS / "sources" / "yearbook").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert source.count("\n") <= 400, path.name
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                assert node.end_lineno - node.lineno + 1 <= 80, f"{path.name}: {node.name}"
