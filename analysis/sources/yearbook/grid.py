"""The raw cells of a yearbook sheet: reading ``.csv`` and ``.xlsx`` files into a :class:`Grid`.

A :class:`Grid` is the sheet as a list of rows (0-based) plus what the reader needs
to report and trace every value: the file and sheet, the physical source line on
which each row starts, formula cells (never evaluated) and, for workbook cells that
hold numbers, the number of decimals the sheet displays.

Row indices follow the spreadsheet: row ``r`` of the grid is row ``r + 1`` in Excel
(for a CSV, the ``r + 1``-th record). For a CSV, the physical line can be larger
than that when an earlier record holds a quoted cell with a line break, or when the
file starts with Excel's ``sep=;`` line (which Excel does not show as a row).

A workbook cell is read as the sheet displays it: a percent format multiplies by 100, a
scaling format (``#,##0,,`` shows millions) divides, a zero the format displays as ``"-"``
reads as ``"-"``; hidden rows and columns are not printed and read as empty. Text that is
UTF-8 read as Windows-1252/Latin-1 (mojibake such as ``"Tá»•ng sá»‘"``) is refused.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.core.errors import DataWarning, Location, YearbookFormatError

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
    rows: list[list[Any]] = []
    lines: list[int] = []
    start = 1
    sep = re.match(r"^sep=(.)[ \t]*(?:\r\n|\n|\r|$)", text)
    if sep:  # Excel's "sep=;" first line names the separator; Excel does not show it as a row
        text = text[sep.end() :]
        start = 2
    delimiter = sep.group(1) if sep else _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    offset = start - 1
    for record in reader:
        rows.append(list(record))
        lines.append(start)
        start = reader.line_num + 1 + offset  # physical lines consumed so far, quoted line breaks included
    return _refuse_mojibake(Grid(rows, shown, None, lines=lines))


def _delimiter(text: str) -> str:
    """The field separator: ',' or, as Excel writes in locales whose decimal mark is a comma
    (Vietnamese among them), ';' — or a tab. Sniffed on the first lines; when the sniffer cannot
    decide (a quoted line break in a header, few rows), the separator that splits the most records
    into the same number (> 1) of fields; ',' when still unsure."""
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        pass
    best, best_score = ",", 0
    for candidate in (",", ";", "\t"):
        widths = Counter(
            len(r) for r in csv.reader(io.StringIO(text[:8192], newline=""), delimiter=candidate) if any(c.strip() for c in r)
        )
        width, count = max(widths.items(), key=lambda wc: (wc[1], wc[0]), default=(1, 0))
        if width > 1 and count > best_score:
            best, best_score = candidate, count
    return best


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
            Location(shown),
            f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})",
            "an Excel 2010+ workbook (.xlsx)",
        ) from None
    try:
        if sheet is None:
            ws = wb.worksheets[0]
        elif sheet in wb.sheetnames:
            ws = wb[sheet]
        else:
            raise YearbookFormatError(
                Location(shown, sheet),
                "no such sheet",
                f"one of the sheets {wb.sheetnames}",
            )
        grid = Grid([], shown, ws.title)
        hidden_cols = {
            i - 1 for d in ws.column_dimensions.values() if d.hidden and d.min for i in range(d.min, (d.max or d.min) + 1)
        }
        hidden_rows = []
        for r_idx, row in enumerate(ws.iter_rows()):
            dim = ws.row_dimensions.get(r_idx + 1)
            if dim is not None and dim.hidden:  # a hidden row is not printed
                grid.rows.append([None] * len(row))
                hidden_rows.append(r_idx + 1)
            else:
                grid.rows.append(
                    [None if c_idx in hidden_cols else _xlsx_value(grid, r_idx, c_idx, cell) for c_idx, cell in enumerate(row)]
                )
            grid.lines.append(r_idx + 1)  # iter_rows() starts at sheet row 1
        _warn_hidden(shown, ws.title, hidden_rows, sorted(hidden_cols))
        return _refuse_mojibake(grid)
    finally:
        wb.close()


def _warn_hidden(shown: str, sheet: str, rows: list[int], cols: list[int]) -> None:
    """A hidden row or column is not printed and not read: say so (it may hide a year or a series)."""
    if not rows and not cols:
        return
    import warnings

    what = ([f"rows {', '.join(map(str, rows))}"] if rows else []) + (
        [f"columns {', '.join(col_letter(c) for c in cols)}"] if cols else []
    )
    warnings.warn(
        f"{shown} [{sheet}]: hidden {' and '.join(what)} not read (not printed); unhide them in the workbook if they hold values",
        DataWarning,
        stacklevel=4,
    )


def _section(number_format: str, v: float) -> str:
    """The section of a number format that displays ``v`` (positive; negative; zero; text)."""
    sections = str(number_format).split(";")
    if v < 0 and len(sections) > 1:
        return sections[1]
    if v == 0 and len(sections) > 2:
        return sections[2]
    return sections[0]


def _literal(section: str) -> str:
    """The text a format section without digit placeholders displays (``_-* "-"_-`` → ``-``)."""
    text = re.sub(r"_.|\*.|\[[^\]]*\]", "", section)
    text = re.sub(r'"([^"]*)"', r"\1", text)
    return re.sub(r"\\(.)", r"\1", text).strip()


def _xlsx_value(grid: Grid, r: int, c: int, cell: Any) -> Any:
    """The value of one workbook cell as displayed; notes formulas and displayed decimals in ``grid``."""
    v = cell.value
    if cell.data_type == "f" or (isinstance(v, str) and v.startswith("=") and len(v) > 1):
        grid.formulas[(r, c)] = str(v)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        fmt = str(cell.number_format)
        section = _section(fmt, v)
        bare = _QUOTED.sub("", section)
        if v == 0 and ";" in fmt and not re.search(r"[0#?]", bare) and _literal(section):
            return _literal(section)  # a zero the sheet shows as "-" (accounting formats) reads as printed
        if "%" in bare:
            v = round(v * 100.0, 10)  # a cell formatted as percent shows 9,49% for a stored 0.0949
        scale = re.search(r"[0#?.](,+)(?:[^0#?,]|$)", bare)
        if scale and not re.search(r"[0#?]", bare[scale.end() :]):
            v = v / 1000 ** len(scale.group(1))  # "#,##0,," shows millions
        shown = format_decimals(section)
        grid.decimals[(r, c)] = shown if shown is not None else general_decimals(v)
    return v


_CP1252_ONLY = {ch: bytes([b]) for b in range(0x80, 0xA0) if (ch := bytes([b]).decode("cp1252", errors="ignore"))}


def _as_utf8_misread(text: str) -> str | None:
    """``text`` decoded again if it is UTF-8 that was read as Windows-1252 / Latin-1, else None."""
    if all(ord(ch) < 0x80 for ch in text):
        return None
    raw = bytearray()
    for ch in text:
        if ch in _CP1252_ONLY:
            raw += _CP1252_ONLY[ch]
        elif ord(ch) < 0x100:
            raw.append(ord(ch))
        else:
            return None  # a character neither code page has: real Unicode text
    try:
        fixed = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return fixed if fixed != text else None


def _refuse_mojibake(grid: Grid) -> Grid:
    """Raise for a text cell that is UTF-8 misread as a Windows code page (``"Tá»•ng sá»‘"``)."""
    for r, row in enumerate(grid.rows):
        for c, v in enumerate(row):
            if isinstance(v, str) and (fixed := _as_utf8_misread(v)) is not None:
                raise YearbookFormatError(
                    grid.loc(r, c),
                    f"text '{norm_text(v)[:40]}' is mojibake (UTF-8 read as Windows-1252), "
                    f"it reads '{norm_text(fixed)[:40]}' in UTF-8",
                    "the table as printed, saved as UTF-8 from the original (a wrong encoding was used)",
                )
    return grid
