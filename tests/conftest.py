"""Shared test helpers. Synthetic data is generated here, never stored in data/raw/."""
from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import pytest

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


def grid_to_xlsx(rows: list[list[str]], path: Path, *, numbers_as_numbers: bool, blank_rows_after: int | None = None,
                 sheet: str = "Biểu") -> Path:
    """Write a yearbook grid to .xlsx like a real yearbook sheet: merged title cells,
    a blank row inserted, numbers stored as text or as numbers."""
    import openpyxl

    from analysis.vnnumbers import parse_vn_number

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
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the project's data/raw (and empty output folders)."""
    shutil.copytree(RAW, tmp_path / "data" / "raw")
    (tmp_path / "data" / "processed").mkdir()
    (tmp_path / "figures").mkdir()
    (tmp_path / "notebooks").mkdir()
    return tmp_path
