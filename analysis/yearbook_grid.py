"""The raw cells of a yearbook sheet: reading ``.csv`` and ``.xlsx`` files into a :class:`Grid`.

A :class:`Grid` is the sheet as a list of rows (0-based) plus what the reader needs
to report and trace every value: the file and sheet, the physical source line on
which each row starts, formula cells (never evaluated) and, for workbook cells that
hold numbers, the number of decimals the sheet displays.

Row indices follow the spreadsheet: row ``r`` of the grid is row ``r + 1`` in Excel
(for a CSV, the ``r + 1``-th record). For a CSV, the physical line can be larger
than that when an earlier record holds a quoted cell with a line break.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Location, YearbookFormatError

__all__ = ["Grid", "read_grid", "col_letter", "norm_text"]


def norm_text(text: str) -> str:
    """NFC-normalise ``text`` and collapse every run of white space (line breaks too) to one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def col_letter(idx: int) -> str:
    """0-based column index to spreadsheet letters (0 → ``A``, 26 → ``AA``)."""
    s = ""
    idx += 1
    while idx:
        idx, r = divmod(idx - 1, 26)
        s = chr(65 + r) + s
    return s


@dataclass
class Grid:
    """Cells of one sheet as a list of rows (0-based), with their origin.

    Attributes
    ----------
    rows : list of list
        Cell values; CSV cells are text, workbook cells text or numbers.
    file : str
        The path as given (shown in messages).
    sheet : str or None
        Worksheet title (workbooks only).
    formulas : dict
        ``(row, col) → formula`` for cells holding a formula.
    lines : list of int
        1-based physical line (CSV) or sheet row number (XLSX) on which each row
        starts; empty means ``row + 1``.
    decimals : dict
        ``(row, col) → decimals displayed`` for workbook cells holding numbers.
    """

    rows: list[list[Any]]
    file: str
    sheet: str | None = None
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)
    decimals: dict[tuple[int, int], int] = field(default_factory=dict)

    def loc(self, r: int, c: int | None = None) -> Location:
        """The location of row ``r`` (or of cell ``(r, c)``) for messages."""
        if c is None:
            return Location(self.file, self.sheet, row=r + 1)
        return Location(self.file, self.sheet, cell=f"{col_letter(c)}{r + 1}")

    def cell(self, r: int, c: int) -> Any:
        """The value of cell ``(r, c)``; text is stripped and empty text is None."""
        row = self.rows[r]
        v = row[c] if c < len(row) else None
        if isinstance(v, str):
            v = v.strip()
            return v if v else None
        return v

    def nonempty(self, r: int) -> list[int]:
        """Columns of row ``r`` that hold something."""
        return [c for c in range(len(self.rows[r])) if self.cell(r, c) is not None]

    def line(self, r: int) -> int:
        """1-based physical line of the source on which row ``r`` starts."""
        return self.lines[r] if r < len(self.lines) else r + 1


def read_grid(path: str | Path, sheet: str | None = None) -> Grid:
    """Read the raw cells of a ``.csv`` (UTF-8) or ``.xlsx`` sheet.

    Parameters
    ----------
    path : str or Path
        The file; shown in messages as given.
    sheet : str, optional
        Worksheet name (workbooks only; default: the first sheet).

    Returns
    -------
    Grid

    Raises
    ------
    YearbookFormatError
        For a missing, empty, unreadable or non-UTF-8 file, or a missing sheet.
    """
    p = Path(path)
    shown = str(path)
    if not p.exists():
        raise YearbookFormatError(Location(shown), "file not found", "an existing .csv or .xlsx file")
    if p.stat().st_size == 0:
        raise YearbookFormatError(Location(shown), "file is empty", "a yearbook table")
    suffix = p.suffix.lower()
    if suffix == ".csv":
        return _read_csv_grid(p, shown)
    if suffix in {".xlsx", ".xlsm"}:
        return _read_xlsx_grid(p, shown, sheet)
    raise YearbookFormatError(Location(shown), f"unsupported file type '{p.suffix}'", "a .csv or .xlsx file")


def _read_csv_grid(p: Path, shown: str) -> Grid:
    raw = p.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YearbookFormatError(
            Location(shown, row=line),
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
            "a CSV saved as UTF-8 (in Excel: 'CSV UTF-8'); re-save the file, do not edit numbers",
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[list[Any]] = []
    lines: list[int] = []
    start = 1
    for record in reader:
        rows.append(list(record))
        lines.append(start)
        start = reader.line_num + 1  # physical lines consumed so far, quoted line breaks included
    return Grid(rows, shown, None, lines=lines)


def _delimiter(text: str) -> str:
    """The field separator: ',' or, as Excel writes in locales whose decimal mark is a comma
    (Vietnamese among them), ';' — or a tab. Sniffed on the first lines; ',' when unsure."""
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def format_decimals(number_format: str) -> int | None:
    """Decimals an Excel number format displays (``"#,##0.00"`` → 2, ``"0%"`` → 0).

    None for ``General`` and text formats, whose display depends on the value.
    """
    section = _QUOTED.sub("", str(number_format).split(";")[0])
    if not re.search(r"[0#?]", section):
        return None
    m = re.search(r"\.([0#?]+)", section)
    return len(m.group(1)) if m else 0


def general_decimals(value: int | float) -> int:
    """Decimals Excel's ``General`` format shows for a number (at most 15 significant digits)."""
    if isinstance(value, int) or float(value).is_integer():
        return 0
    text = f"{value:.15g}"
    if "e" in text:
        mantissa, _, exp = text.partition("e")
        frac = mantissa.partition(".")[2]
        return max(0, len(frac) - int(exp))
    return len(text.partition(".")[2])


def _read_xlsx_grid(p: Path, shown: str, sheet: str | None) -> Grid:
    import zipfile

    import openpyxl

    try:
        wb = openpyxl.load_workbook(p, data_only=False, read_only=False)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise YearbookFormatError(
            Location(shown), f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})",
            "an Excel 2010+ workbook (.xlsx)",
        ) from None
    try:
        if sheet is None:
            ws = wb.worksheets[0]
        elif sheet in wb.sheetnames:
            ws = wb[sheet]
        else:
            raise YearbookFormatError(
                Location(shown, sheet), "no such sheet",
                f"one of the sheets {wb.sheetnames}",
            )
        grid = Grid([], shown, ws.title)
        for r_idx, row in enumerate(ws.iter_rows()):
            grid.rows.append([_xlsx_value(grid, r_idx, c_idx, cell) for c_idx, cell in enumerate(row)])
            grid.lines.append(r_idx + 1)  # iter_rows() starts at sheet row 1
        return grid
    finally:
        wb.close()


def _xlsx_value(grid: Grid, r: int, c: int, cell: Any) -> Any:
    """The value of one workbook cell as displayed; notes formulas and displayed decimals in ``grid``."""
    v = cell.value
    if cell.data_type == "f" or (isinstance(v, str) and v.startswith("=") and len(v) > 1):
        grid.formulas[(r, c)] = str(v)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        fmt = str(cell.number_format)
        if "%" in fmt:
            v = round(v * 100.0, 10)  # a cell formatted as percent shows 9,49% for a stored 0.0949
        shown = format_decimals(fmt)
        grid.decimals[(r, c)] = shown if shown is not None else general_decimals(v)
    return v
