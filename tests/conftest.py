"""Shared test helpers. Synthetic data is generated here, never stored in data/raw/."""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import pytest

from analysis.sources.manifest import MANIFEST_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
YEARBOOK = RAW / "yearbook"
TABLES = sorted(p for p in YEARBOOK.glob("*.csv") if not p.name.startswith("SOURCES"))


def read_csv_grid(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [list(r) for r in csv.reader(fh)]


def write_csv_grid(path: Path, rows: list[list[object]], encoding: str = "utf-8") -> Path:
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def grid_to_xlsx(
    rows: list[list[str]], path: Path, *, numbers_as_numbers: bool, blank_rows_after: int | None = None, sheet: str = "Biểu"
) -> Path:
    """Write a yearbook grid to .xlsx like a real yearbook sheet: merged title cells,
    a blank row inserted, numbers stored as text or as numbers."""
    import openpyxl

    from analysis.core.vnnumbers import parse_vn_number

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    width = max(len(r) for r in rows)
    out_r = 0
    for i, row in enumerate(rows):
        out_r += 1
        for c, v in enumerate(row):
            if v == "":
                continue
            val: object = v
            if numbers_as_numbers and c > 0:
                try:
                    p = parse_vn_number(v)
                    if not p.symbol:
                        val = int(p.value) if p.decimals == 0 else p.value
                except ValueError:
                    pass
            ws.cell(row=out_r, column=c + 1, value=val)
        nonempty = [c for c, v in enumerate(row) if v != ""]
        if nonempty == [0] and i < 2:  # title rows: merge across the table width
            ws.merge_cells(start_row=out_r, start_column=1, end_row=out_r, end_column=width)
        if blank_rows_after is not None and i == blank_rows_after:
            out_r += 1  # an empty row, as yearbook sheets often have
    wb.save(path)
    return path


def hash_tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()
    }


#: Test modules that never read the project's data (they generate synthetic projects in tmp, compute on literals
#: or read the package's code). The add-a-table test (tests/test_end_to_end.py) does not run them again in its
#: copy of the project; here they run with QN_PROJECT_ROOT set to an empty folder, so a test added to one of
#: them that reads data/raw/ through the package fails: move it to another module or take the module off this list.
NO_PROJECT_DATA = (
    "test_api.py",
    "test_architecture.py",
    "assessment/test_assessment.py",
    "assessment/test_panel.py",
    "assessment/test_progress.py",
    "core/test_vnnumbers.py",
    "display/test_display.py",
    "evidence/test_definitions.py",
    "evidence/test_indicators.py",
    "evidence/test_properties.py",
    "explore/test_explore.py",
    "explore/test_inyear_explore.py",
    "pipeline/test_outputs.py",
    "pipeline/test_results.py",
    "report/test_inyear_template.py",
    "sources/yearbook/test_reader_unseen_layouts.py",
    "studies/test_restatements.py",
    "wording/test_precision.py",
)
TESTS = Path(__file__).resolve().parent


@pytest.fixture(scope="module", autouse=True)
def _no_project_data(request, tmp_path_factory):
    """Point the package at an empty project for the modules of NO_PROJECT_DATA (module-scoped: their
    module fixtures run under it too)."""
    module = Path(request.module.__file__).resolve()
    if module.is_relative_to(TESTS) and module.relative_to(TESTS).as_posix() in NO_PROJECT_DATA:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("QN_PROJECT_ROOT", str(tmp_path_factory.mktemp("no-project-data")))
            yield
    else:
        yield


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """End-to-end tests (marked slow) live at the top of tests/, where `make test` looks for them."""
    misplaced = [i.nodeid for i in items if i.get_closest_marker("slow") and i.path.parent != TESTS]
    if misplaced:
        raise pytest.UsageError(
            "tests marked slow belong in a module at the top of tests/ (make test runs "
            "`-m slow` over tests/test_*.py only): " + ", ".join(misplaced)
        )


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the project's data/raw (and empty output folders)."""
    shutil.copytree(RAW, tmp_path / "data" / "raw")
    (tmp_path / "data" / "processed").mkdir()
    (tmp_path / "figures").mkdir()
    (tmp_path / "notebooks").mkdir()
    return tmp_path


# ---------------------------------------------------------------------------------------------------------
# A synthetic project: vocabulary, yearbook tables, published figures and studies generated here, so the
# tests of the engine never depend on what data/raw/ holds today.
# ---------------------------------------------------------------------------------------------------------
SYN_PROVINCE = "Tỉnh Thử Nghiệm"
OTHER_PROVINCE = "Tỉnh Bên Cạnh"
GRDP_DEN = "grdp | va_agriculture + va_industry_construction + va_services + product_taxes"
VOCAB = [
    # key, unit, kind, numerator, denominator, level
    ("grdp", "bn_VND", "level", "", "", ""),
    ("va_agriculture", "bn_VND", "level", "", "", ""),
    ("va_industry_construction", "bn_VND", "level", "", "", ""),
    ("va_industry", "bn_VND", "level", "", "", ""),
    ("va_services", "bn_VND", "level", "", "", ""),
    ("product_taxes", "bn_VND", "level", "", "", ""),
    ("share_industry", "percent", "share", "va_industry", GRDP_DEN, ""),
    ("share_industry_construction", "percent", "share", "va_industry_construction", GRDP_DEN, ""),
    ("share_industry_services", "percent", "share", "va_industry_construction + va_services", GRDP_DEN, ""),
    ("va_industry_growth", "percent", "growth", "", "", "va_industry"),
    ("va_industry_avg_growth", "percent_per_year", "avg_growth", "", "", "va_industry"),
    ("employed_total", "persons", "level", "", "", ""),
    ("employed_industry", "persons", "level", "", "", ""),
    ("employed_agriculture", "persons", "level", "", "", ""),
    ("employed_share_agriculture", "percent", "share", "employed_agriculture", "employed_total", ""),
    ("labour_productivity_industry", "mn_VND_per_worker", "level", "va_industry", "employed_industry", ""),
    ("industrial_labour_productivity_avg_growth", "percent_per_year", "avg_growth", "", "", "labour_productivity_industry"),
    ("investment_registered", "mn_USD", "flow", "", "", ""),
    ("wastewater_rate", "percent", "ratio", "", "", ""),
]
TARGET_COLUMNS = [
    "id",
    "order",
    "outline_item",
    "outline_vi",
    "indicator",
    "level_indicator",
    "annual_indicator",
    "wording_vi",
    "wording_en",
    "kind",
    "lower",
    "upper",
    "unit",
    "measure",
    "base_year",
    "target_year",
    "about_tolerance",
    "exceed_margin",
    "definition",
    "resolution_line",
    "data_needed",
    "data_from",
]


def write_vocabulary(raw: Path) -> None:
    raw.mkdir(parents=True, exist_ok=True)
    write_csv_grid(
        raw / "indicators.csv",
        [["key", "label_vi", "label_en", "unit", "kind", "numerator", "denominator", "level", "note"]]
        + [[k, f"Chỉ tiêu {k}", f"indicator {k}", u, kind, n, d, lv, "synthetic"] for k, u, kind, n, d, lv in VOCAB],
    )


def vn(x: float, decimals: int) -> str:
    """Vietnamese notation with thousands grouping, as yearbooks print."""
    s = f"{x:,.{decimals}f}"
    return s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def grdp_table(years: list[int], levels: dict[str, list[float]], title: str, with_structure: bool = True) -> list[list[str]]:
    """A yearbook GRDP-by-sector table (current prices) with an 'of which' row and a printed structure block.

    ``levels`` maps agriculture / industry_construction / industry / services / taxes to values per year;
    the total is their sum (without the 'of which' industry row), the structure is rounded to 2 decimals.
    """
    labels = [
        ("TỔNG SỐ - TOTAL", None),
        ("Nông, lâm nghiệp và thủy sản - Agriculture, forestry and fishing", "agriculture"),
        ("Công nghiệp và xây dựng - Industry and construction", "industry_construction"),
        ("Trong đó: Công nghiệp - Of which: Industry", "industry"),
        ("Dịch vụ - Services", "services"),
        ("Thuế sản phẩm trừ trợ cấp sản phẩm - Products taxes less subsidies on production", "taxes"),
    ]
    total = [sum(levels[k][i] for k in ("agriculture", "industry_construction", "services", "taxes")) for i in range(len(years))]
    width = len(years) + 1
    rows = [
        [title] + [""] * len(years),
        ["Synthetic table"] + [""] * len(years),
        [""] * width,
        [""] + [str(y) for y in years[:-1]] + [f"Sơ bộ - Prel. {years[-1]}"],
        ["Tỷ đồng - Bill. dongs"] + [""] * len(years),
    ]
    for label, key in labels:
        vals = total if key is None else levels[key]
        rows.append([label] + [vn(v, 0) for v in vals])
    if with_structure:
        rows.append(["Cơ cấu - Structure (%)"] + [""] * len(years))
        for label, key in labels:
            vals = total if key is None else levels[key]
            rows.append([label] + [vn(v / t * 100, 2) for v, t in zip(vals, total, strict=True)])
    return rows


def levels_table(years: list[int], series: dict[str, list[float]], title: str, unit: str) -> list[list[str]]:
    """A plain levels table: one row per series label, years in columns."""
    rows = [
        [title] + [""] * len(years),
        ["Synthetic levels"] + [""] * len(years),
        [""] * (len(years) + 1),
        [""] + [str(y) for y in years],
        [unit] + [""] * len(years),
    ]
    for label, vals in series.items():
        rows.append([label] + [vn(v, 0) for v in vals])
    return rows


MANIFEST_HEADER = list(MANIFEST_COLUMNS)  # the manifest columns as the reader defines them
GRDP_MAP = (
    ":: TỔNG SỐ* => grdp; :: Nông* => va_agriculture; :: Công nghiệp và xây dựng* => va_industry_construction;"
    " :: Trong đó: Công nghiệp* => va_industry; :: Dịch vụ* => va_services; :: Thuế* => product_taxes"
)


def target_row(**kw: object) -> list[str]:
    base = {
        "order": "1",
        "outline_item": "1",
        "outline_vi": "Nhóm thử",
        "level_indicator": "",
        "annual_indicator": "",
        "wording_vi": "Chỉ tiêu thử",
        "wording_en": "Test target",
        "lower": "",
        "upper": "",
        "about_tolerance": "0",
        "exceed_margin": "0",
        "definition": "synthetic",
        "resolution_line": "synthetic",
        "data_needed": "Biểu thử nghiệm",
        "data_from": "Cơ quan thử nghiệm",
    }
    base.update({k: str(v) for k, v in kw.items()})
    return [base.get(c, "") for c in TARGET_COLUMNS]


def write_study(
    raw: Path,
    sid: str,
    province: str,
    targets: list[list[str]],
    *,
    boundary: str = "pre2025",
    base_year: int = 2020,
    target_year: int = 2025,
    extra: str = "",
) -> Path:
    folder = raw / "studies" / sid
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "study.toml").write_text(
        f'province = "{province}"\nboundary = "{boundary}"\nbase_year = {base_year}\ntarget_year = {target_year}\n'
        f'title_vi = "Nghiên cứu thử {sid}"\ntitle_en = "Test study {sid}"\n{extra}',
        encoding="utf-8",
    )
    write_csv_grid(folder / "targets.csv", [TARGET_COLUMNS] + targets)
    return folder


SYN_YEARS = [2020, 2021, 2022, 2023, 2024, 2025]
SYN_LEVELS = {
    "agriculture": [9000, 9300, 9500, 9800, 10100, 10300],
    "industry_construction": [14000, 15200, 16900, 18100, 19900, 21700],
    "industry": [10000, 10900, 12200, 13200, 14600, 16000],
    "services": [12000, 12800, 13900, 15000, 16100, 17400],
    "taxes": [3000, 3200, 3400, 3700, 3900, 4100],
}
SYN_VA_CONSTANT = [8000, 8500, 9100, 9700, 10300, 11000]
SYN_EMPLOYED_INDUSTRY = [100000, 102000, 104000, 106500, 108000, 110000]


def make_synthetic_project(root: Path, province: str = SYN_PROVINCE) -> Path:
    """A whole project under ``root``: vocabulary, two yearbook tables, one study with four targets."""
    raw = root / "data" / "raw"
    write_vocabulary(raw)
    (raw / "yearbook").mkdir(parents=True, exist_ok=True)
    write_csv_grid(
        raw / "yearbook" / "grdp_current.csv",
        grdp_table(SYN_YEARS, SYN_LEVELS, "10. GRDP theo giá hiện hành phân theo khu vực kinh tế"),
    )
    write_csv_grid(
        raw / "yearbook" / "industry_constant.csv",
        levels_table(
            SYN_YEARS,
            {"Giá trị tăng thêm công nghiệp - Industry": SYN_VA_CONSTANT},
            "11. Giá trị tăng thêm công nghiệp theo giá so sánh 2010",
            "Tỷ đồng - Bill. dongs",
        ),
    )
    write_csv_grid(
        raw / "yearbook" / "employed_industry.csv",
        levels_table(
            SYN_YEARS, {"Lao động công nghiệp - Industry": SYN_EMPLOYED_INDUSTRY}, "12. Lao động công nghiệp", "Người - Person"
        ),
    )
    write_csv_grid(
        raw / "manifest.csv",
        [
            MANIFEST_HEADER,
            [
                "t10",
                "yearbook",
                "yearbook/grdp_current.csv",
                "",
                province,
                "2025",
                "10",
                "1",
                "",
                "pre2025",
                "current",
                "http://example.invalid/t10",
                GRDP_MAP,
                "synthetic",
            ],
            [
                "t11",
                "yearbook",
                "yearbook/industry_constant.csv",
                "",
                province,
                "2025",
                "11",
                "2",
                "",
                "pre2025",
                "constant_2010",
                "http://example.invalid/t11",
                ":: Giá trị tăng thêm* => va_industry",
                "synthetic",
            ],
            [
                "t12",
                "yearbook",
                "yearbook/employed_industry.csv",
                "",
                province,
                "2025",
                "12",
                "3",
                "",
                "pre2025",
                "na",
                "http://example.invalid/t12",
                ":: Lao động* => employed_industry",
                "synthetic",
            ],
        ],
    )
    write_study(
        raw,
        "syn-study",
        province,
        [
            target_row(
                id="S1",
                order=1,
                indicator="share_industry",
                kind="about",
                lower=36,
                upper=37,
                unit="percent",
                measure="final_year_share",
                base_year=2020,
                target_year=2025,
                about_tolerance=0.5,
            ),
            target_row(
                id="S2",
                order=2,
                indicator="va_industry_avg_growth",
                level_indicator="va_industry",
                annual_indicator="va_industry_growth",
                kind="range",
                lower=6,
                upper=7,
                unit="percent_per_year",
                measure="period_avg_growth",
                base_year=2020,
                target_year=2025,
            ),
            target_row(
                id="S3",
                order=3,
                indicator="industrial_labour_productivity_avg_growth",
                kind="at_least",
                lower=5,
                unit="percent_per_year",
                measure="period_avg_growth",
                base_year=2020,
                target_year=2025,
            ),
            target_row(
                id="S4",
                order=4,
                indicator="share_industry_services",
                kind="above",
                lower=70,
                unit="percent",
                measure="final_year_share",
                base_year=2020,
                target_year=2025,
            ),
        ],
        extra="default = true\n",
    )
    for d in ("data/processed", "figures", "notebooks"):
        (root / d).mkdir(parents=True, exist_ok=True)
    return root


@pytest.fixture
def synthetic_project(tmp_path: Path) -> Path:
    return make_synthetic_project(tmp_path / "proj")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """One synthetic project per test module (read-only use)."""
    return make_synthetic_project(tmp_path_factory.mktemp("module") / "proj")


@pytest.fixture(scope="module")
def store(project: Path):
    """The evidence store of the module's synthetic project."""
    from analysis import build_observations

    return build_observations(project)


def make_obs(rows, province: str = SYN_PROVINCE, root: Path | None = None):
    """A synthetic evidence store: rows of (indicator, period, value, boundary, status, price_basis, unit)."""
    import pandas as pd

    from analysis.sources.store_schema import OBSERVATION_COLUMNS

    recs = []
    for i, (ind, per, val, bnd, st, basis, unit) in enumerate(rows):
        recs.append(
            {c: "" for c in OBSERVATION_COLUMNS}
            | {
                "obs_id": f"S{i:03d}",
                "province": province,
                "indicator": ind,
                "period": per,
                "value": float(val),
                "unit": unit,
                "price_basis": basis,
                "boundary": bnd,
                "status": st,
                "qualifier": "exact",
                "value_as_printed": repr(float(val)),
                "raw_line": i + 2,
                "source_ref": f"synthetic {i}",
                "source_kind": "published",
                "of_which": False,
                "translated": False,
                "year": int(per) if per.isdigit() else None,
            }
        )
    df = pd.DataFrame(recs, columns=OBSERVATION_COLUMNS)
    if root is not None:
        df.attrs["root"] = str(root)
    return df


@pytest.fixture(scope="session")
def vocab_root(tmp_path_factory) -> Path:
    """A project root holding only the synthetic vocabulary (for studies built in memory)."""
    root = tmp_path_factory.mktemp("vocab")
    write_vocabulary(root / "data" / "raw")
    return root


def make_target(**kw):
    """A Target built in the test (defaults: a share 'about 36–37 %' for 2020→2025)."""
    from analysis.studies.targets import Target

    base = dict(
        id="X1",
        order=1,
        outline_item=1,
        outline_vi="Nhóm thử",
        indicator="share_industry",
        level_indicator="",
        annual_indicator="",
        wording_vi="Tỷ trọng thử",
        wording_en="test share",
        kind="about",
        lower=36.0,
        upper=37.0,
        unit="percent",
        measure="final_year_share",
        base_year=2020,
        target_year=2025,
        about_tolerance=0.5,
        exceed_margin=0.0,
        definition="synthetic",
        resolution_line="synthetic",
        data_needed="Biểu thử nghiệm",
        data_from="Cơ quan thử nghiệm",
    )
    base.update(kw)
    return Target(**base)


def make_study(
    targets,
    root: Path,
    province: str = SYN_PROVINCE,
    boundary: str = "pre2025",
    fallback: tuple[str, ...] = ("merged2025", "unknown"),
    base_year: int = 2020,
    target_year: int = 2025,
):
    from analysis.studies.study import Study

    return Study(
        id="mem-study",
        province=province,
        boundary=boundary,
        base_year=base_year,
        target_year=target_year,
        title_vi="Nghiên cứu thử",
        title_en="Test study",
        targets=tuple(targets),
        options={"boundary_fallback": list(fallback)},
        root=root,
    )


# ---------------------------------------------------------------------------------------------------------
# Layouts the reader accepts, generated here (modelled on real yearbooks of other provinces): the reader's
# invariants over "the shipped tables" run over these too, so a correct table of any layout added to
# data/raw/yearbook/ can never break them.
# ---------------------------------------------------------------------------------------------------------
def _series(n: int, start: float, step: float) -> list[float]:
    return [start + step * i + (i * i) % 7 for i in range(n)]


def years_in_rows_table(
    years: list[int], columns: dict[str, list[float]], title: str, unit: str, structure: bool = True
) -> list[list[str]]:
    """Years in rows, series in columns, a levels block then a structure block opened by a label row
    (like Hòa Bình 2022 table 29 or Quảng Ngãi 2016 table 24); monolingual labels, latest year 'Sơ bộ'."""
    names = list(columns)
    width = len(names) + 1
    rows = [[title] + [""] * len(names), [""] * width, [""] + names, [unit] + [""] * len(names)]
    marks = [str(y) for y in years[:-1]] + [f"Sơ bộ {years[-1]}"]
    for i, mark in enumerate(marks):
        rows.append([mark] + [vn(columns[n][i], 0) for n in names])
    if structure:
        rows.append(["Cơ cấu (%)"] + [""] * len(names))
        total = columns[names[0]]
        for i, mark in enumerate(marks):
            rows.append([mark] + [vn(100 * columns[n][i] / total[i], 2) for n in names])
    return rows


def _years_rows_layout() -> list[list[str]]:
    years = list(range(2018, 2024))
    parts = {
        "Nông nghiệp": _series(6, 240000, -3000),
        "Công nghiệp và xây dựng": _series(6, 120000, 5000),
        "Dịch vụ": _series(6, 140000, 2500),
    }
    cols = {"Tổng số": [sum(v[i] for v in parts.values()) for i in range(6)]} | parts
    return years_in_rows_table(years, cols, "5. Lao động đang làm việc phân theo ngành kinh tế", "Người")


def _years_rows_two_row_header_layout() -> list[list[str]]:
    return [
        ["30. Lao động đang làm việc phân theo giới tính (Nghìn người)", "", "", ""],
        ["Employed population by sex", "", "", ""],
        ["Năm - Year", "Tổng số - Total", "Chia ra - Of which", ""],
        ["", "", "Nam - Male", "Nữ - Female"],
        ["2019", "456,5", "235,8", "220,7"],
        ["2020", "445,2", "236,6", "208,6"],
        ["2021 Sơ bộ", "464,2", "242,7", "221,5"],
    ]


def _years_columns_status_row_layout() -> list[list[str]]:
    return [
        ["10. Giá trị sản xuất nông nghiệp", "", "", "", ""],
        ["Gross output of agriculture", "", "", "", "Đơn vị tính: Tỷ đồng"],
        ["Chỉ tiêu - Item", "Thực hiện - Actual", "", "Sơ bộ - Prel.", "Ước tính - Estimate"],
        ["", "2021", "2022", "2023", "2024"],
        ["Tổng số - Total", "100", "110", "121", "133,1"],
        ["Trồng trọt - Cultivation", "60", "66", "72,6", "79,86"],
        ["Chăn nuôi - Livestock", "40", "44", "48,4", "53,24"],
    ]


def _years_columns_header_breaks_layout() -> list[list[str]]:
    """Header cells with line breaks ('Sơ bộ\\nPrel. 2023'), monolingual series labels, an index block."""
    return [
        ["Bảng 7. Giá trị tăng thêm công nghiệp theo giá so sánh 2010", "", "", ""],
        ["", "2021", "2022", "Sơ bộ\nPrel. 2023"],
        ["Tỷ đồng", "", "", ""],
        ["Toàn ngành", "10.000", "10.900", "12.200"],
        ["Khai khoáng", "1.000", "1.050", "1.100"],
        ["Chế biến, chế tạo", "9.000", "9.850", "11.100"],
        ["Chỉ số phát triển (Năm trước = 100) - %", "", "", ""],
        ["Toàn ngành", "108,00", "109,00", "111,93"],
        ["Khai khoáng", "101,00", "105,00", "104,76"],
        ["Chế biến, chế tạo", "108,80", "109,44", "112,69"],
    ]


GENERATED_LAYOUTS = {
    "gen_years-in-rows_blocks": _years_rows_layout,
    "gen_years-in-rows_two-row-header": _years_rows_two_row_header_layout,
    "gen_years-in-columns_status-row": _years_columns_status_row_layout,
    "gen_years-in-columns_header-line-breaks": _years_columns_header_breaks_layout,
}
#: every table layout the reader's invariants run over: the shipped tables, then the generated layouts
LAYOUT_CASES = [p.stem for p in TABLES] + list(GENERATED_LAYOUTS)


@pytest.fixture
def layout_table(request, tmp_path: Path) -> Path:
    """The CSV of one layout case (a shipped table as it is, or a generated layout written to tmp)."""
    shipped = {p.stem: p for p in TABLES}
    if request.param in shipped:
        return shipped[request.param]
    folder = tmp_path / "layouts"
    folder.mkdir(exist_ok=True)
    return write_csv_grid(folder / f"{request.param}.csv", GENERATED_LAYOUTS[request.param]())


def physical_line_of_row(rows: list[list[str]], row: int) -> int:
    """The physical line (1-based) where CSV record ``row`` (1-based) starts: quoted line breaks of earlier
    records push it down."""
    return row + sum(cell.count("\n") for r in rows[: row - 1] for cell in r)
