"""Reader for statistical-yearbook sheets (Niên giám thống kê) saved as CSV or XLSX.

Layout understood (see ``data/raw/yearbook/README.md``):

* title rows (Vietnamese, then English), only the first column filled
  (in workbooks often a merged cell);
* an optional unit row (``"Đơn vị tính - Unit: %"``, ``"Triệu đồng - Mill. dongs"``,
  ``"Người - Person"``) before or after the header row;
* one header row: either years in columns (``2015``, ``"Sơ bộ - Prel. 2016"``,
  ``"2016/2015"``) with series labels in column A, or series labels in columns with
  years in column A of the data rows;
* blocks opened by a label-only row (``"Cơ cấu - Structure (%)"``,
  ``"Chỉ số phát triển (Năm trước = 100) - %"``) that switch the unit/measure;
* footnotes (``"Ghi chú: …"``) after the data.

Variants seen in other yearbooks are read too: a second header row
("Chia ra - Of which" above "Nam | Nữ"), a ``"Đơn vị tính - Unit"`` column giving
each row its unit, grouping rows inside a block ("Phân theo loại hình kinh tế",
kept in the ``group`` column), the unit at the end of the title ("… (Tỷ đồng)"),
"2016 Sơ bộ" / "Ước tính 2024" markers, average columns ("Bình quân 2016-2020"),
cells with line breaks, and workbook cells formatted as percent.

Every printed value becomes one row of a tidy :class:`pandas.DataFrame`, with the
cell it came from. Nothing is guessed: a cell that is not a number in Vietnamese
notation, a duplicated year, a levels block without unit, a missing header row
or a sheet that is no yearbook table raise :class:`~analysis.errors.YearbookFormatError`
naming the file, sheet and cell.
"""
from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DataWarning, Location, YearbookFormatError
from .vnnumbers import NotANumber, parse_vn_number

__all__ = ["read_yearbook_table", "read_grid", "YEARBOOK_COLUMNS"]

YEARBOOK_COLUMNS = [
    "series", "year", "period", "value", "block", "group", "measure", "unit", "preliminary",
    "status", "symbol", "value_text", "decimals", "source_file", "sheet", "cell",
]

_PREL = r"(?:s[ơo]\s*b[ộo]|prel(?:iminary)?\.?)"
_EST = r"(?:[ưu][ớo]c(?:\s*t[íi]nh)?|est(?:imate)?\.?)"
_YEAR = r"(?:19|20)\d{2}"
_YEAR_TOKEN = re.compile(
    rf"^(?:(?P<pre>(?:{_PREL}|{_EST})(?:\s*[-–]\s*(?:{_PREL}|{_EST}))?)\s*)?"
    rf"(?:năm\s+|year\s+|(?P<avg>bình quân|bq|average|avg\.?)\s*(?:năm\s+)?)?"
    rf"(?P<y1>{_YEAR})(?:\s*(?P<sep>[/-])\s*(?P<y2>{_YEAR}))?"
    rf"(?:\s*[-–(]?\s*(?P<post>{_PREL}|{_EST})\s*\)?)?\s*$",
    re.IGNORECASE,
)
_UNIT_WORDS = [
    "triệu đồng", "nghìn đồng", "ngàn đồng", "tỷ đồng", "tỉ đồng", "đồng", "người", "nghìn người",
    "đô la mỹ", "triệu đô la mỹ", "nghìn đô la mỹ", "usd", "triệu usd", "ha", "nghìn ha", "tấn",
    "nghìn tấn", "km", "km2", "cái", "chiếc", "doanh nghiệp", "cơ sở", "%", "lần", "hộ",
]
_UNIT_PREFIX = re.compile(r"^(?:đơn vị tính|đvt|unit)\b", re.IGNORECASE)
_UNIT_COLUMN = re.compile(r"^(?:đơn vị tính|đvt|đơn vị|unit)(?:\s*-\s*unit)?\s*$", re.IGNORECASE)
_FOOTNOTE_PREFIX = re.compile(r"^(?:ghi chú|chú thích|note|nguồn|source|\(\*+\)|\*)", re.IGNORECASE)
_INDEX_HINT = re.compile(r"chỉ số|năm trước\s*=\s*100|index|previous year\s*=\s*100", re.IGNORECASE)
_STRUCTURE_HINT = re.compile(r"cơ cấu|structure", re.IGNORECASE)
_PERCENT_HINT = re.compile(r"\(%\)|-\s*%|%\s*$|:\s*%")
_PAREN_UNIT = re.compile(r"\(([^()]*)\)")
_PERSON_UNIT = re.compile(r"\bngười\b|\bperson|\bpersons\b", re.IGNORECASE)


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def col_letter(idx: int) -> str:
    """0-based column index to spreadsheet letters (0 → ``A``)."""
    s = ""
    idx += 1
    while idx:
        idx, r = divmod(idx - 1, 26)
        s = chr(65 + r) + s
    return s


@dataclass
class YearToken:
    """A parsed year header: ``2016``, ``"Sơ bộ - Prel. 2016"`` or ``"2016/2015"``."""

    year: int
    period: str
    status: str  # official / preliminary / estimate

    @property
    def preliminary(self) -> bool:
        return self.status == "preliminary"


def parse_year_token(value: Any) -> YearToken | None:
    """Recognise a year header cell; return None when it is not one.

    For year pairs (``"2016/2015"``) and ranges (``"2011-2015"``) the year is the
    later one and ``period`` keeps the printed pair.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not value.is_integer():
            return None
        y = int(value)
        return YearToken(y, str(y), "official") if 1900 <= y <= 2099 else None
    text = _norm(str(value))
    m = _YEAR_TOKEN.match(text)
    if not m:
        return None
    y1 = int(m.group("y1"))
    y2 = m.group("y2")
    qual = (m.group("pre") or "") + (m.group("post") or "")
    status = "official"
    if re.search(_EST, qual, re.IGNORECASE):
        status = "estimate"
    if re.search(_PREL, qual, re.IGNORECASE):
        status = "preliminary"
    if y2:
        y2i = int(y2)
        sep = m.group("sep")
        return YearToken(max(y1, y2i), f"{y1}{sep}{y2i}", status)
    return YearToken(y1, str(y1), status)


def _is_unit_label(text: str) -> bool:
    t = _norm(text).lower()
    if _UNIT_PREFIX.match(t):
        return True
    first = re.split(r"\s+-\s+|\s*/\s*", t)[0].strip()
    return first in _UNIT_WORDS


def _unit_from_unit_label(text: str) -> str:
    t = _norm(text)
    m = re.match(r"^(?:đơn vị tính|đvt)\s*(?:-\s*unit)?\s*:?\s*(.*)$", t, re.IGNORECASE)
    if m and m.group(1):
        return m.group(1).strip()
    m = re.match(r"^unit\s*:?\s*(.*)$", t, re.IGNORECASE)
    if m and m.group(1):
        return m.group(1).strip()
    return t


def _measure_and_unit_of_block(label: str) -> tuple[str, str | None]:
    if _INDEX_HINT.search(label):
        return "index", "%"
    if _STRUCTURE_HINT.search(label):
        return "structure", "%"
    if _PERCENT_HINT.search(label):
        return "level", "%"
    return "level", None


def _unit_from_header(text: str) -> str | None:
    for part in _PAREN_UNIT.findall(text):
        p = _norm(part)
        if _is_unit_label(p) or p.lower() in {"usd", "%"}:
            return p
    return None


@dataclass
class Grid:
    """Cells of one sheet as a list of rows (0-based), with their origin."""

    rows: list[list[Any]]
    file: str
    sheet: str | None = None
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)

    def loc(self, r: int, c: int | None = None) -> Location:
        if c is None:
            return Location(self.file, self.sheet, row=r + 1)
        return Location(self.file, self.sheet, cell=f"{col_letter(c)}{r + 1}")

    def cell(self, r: int, c: int) -> Any:
        row = self.rows[r]
        v = row[c] if c < len(row) else None
        if isinstance(v, str):
            v = v.strip()
            return v if v else None
        return v


def read_grid(path: str | Path, sheet: str | None = None) -> Grid:
    """Read the raw cells of a ``.csv`` (UTF-8) or ``.xlsx`` sheet.

    Raises
    ------
    YearbookFormatError
        For an empty, unreadable or non-UTF-8 file, or a missing sheet.
    """
    p = Path(path)
    shown = str(path)
    if not p.exists():
        raise YearbookFormatError(Location(shown), "file not found", "an existing .csv or .xlsx file")
    if p.stat().st_size == 0:
        raise YearbookFormatError(Location(shown), "file is empty", "a yearbook table")
    suffix = p.suffix.lower()
    if suffix == ".csv":
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
        rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))]
        return Grid(rows, shown, None)
    if suffix in {".xlsx", ".xlsm"}:
        return _read_xlsx_grid(p, shown, sheet)
    raise YearbookFormatError(Location(shown), f"unsupported file type '{p.suffix}'", "a .csv or .xlsx file")


def _delimiter(text: str) -> str:
    """The field separator: ',' or, as Excel writes in locales whose decimal mark is a comma
    (Vietnamese among them), ';' — or a tab. Sniffed on the first lines; ',' when unsure."""
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


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
        rows: list[list[Any]] = []
        formulas: dict[tuple[int, int], str] = {}
        for r_idx, row in enumerate(ws.iter_rows()):
            vals = []
            for c_idx, cell in enumerate(row):
                v = cell.value
                if cell.data_type == "f" or (isinstance(v, str) and v.startswith("=") and len(v) > 1):
                    formulas[(r_idx, c_idx)] = str(v)
                if isinstance(v, (int, float)) and not isinstance(v, bool) and "%" in str(cell.number_format):
                    v = round(v * 100.0, 10)  # a cell formatted as percent shows 9,49% for a stored 0.0949
                vals.append(v)
            rows.append(vals)
        return Grid(rows, shown, ws.title, formulas)
    finally:
        wb.close()


def _is_subheader(grid: Grid, r: int) -> bool:
    """A row of text labels in columns B… with column A empty (not a unit row, not data)."""
    cols = [c for c in _nonempty(grid, r) if c != 0]
    if grid.cell(r, 0) is not None or not cols:
        return False
    for c in cols:
        v = grid.cell(r, c)
        if not isinstance(v, str) or parse_year_token(v):
            return False
        try:
            parse_vn_number(v)
            return False
        except NotANumber:
            pass
    return True


def _nonempty(grid: Grid, r: int) -> list[int]:
    return [c for c in range(len(grid.rows[r])) if grid.cell(r, c) is not None]


def read_yearbook_table(path: str | Path, sheet: str | None = None) -> "pd.DataFrame":  # noqa: F821
    """Read one yearbook sheet into a tidy table, one row per printed value.

    Parameters
    ----------
    path : str or Path
        A ``.csv`` (UTF-8) or ``.xlsx`` file laid out as a yearbook sheet.
    sheet : str, optional
        Worksheet name (workbooks only; default: the first sheet).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`YEARBOOK_COLUMNS`:

        ``series``  the non-year label as printed;
        ``year``    int, the (later) year; ``period`` the header as a period
        (``"2016"``, ``"2016/2015"``);
        ``value``   float (NaN only where ``symbol`` is ``"-"`` no occurrence or
        ``"..."`` not collected);
        ``block``   label of the block ("" for the first, unlabelled block);
        ``group``   label of the grouping row above the value, if any;
        ``measure`` ``level`` / ``index`` (previous year = 100) / ``structure`` (%);
        ``unit``    unit as printed; ``preliminary`` (bool) and ``status``
        (official / preliminary / estimate) from "Sơ bộ - Prel." / "Ước" markers;
        ``value_text`` the cell as printed; ``decimals`` printed decimals;
        ``source_file``, ``sheet``, ``cell`` (e.g. ``"C7"``).

        ``DataFrame.attrs`` holds ``title`` (Vietnamese), ``title_en``,
        ``table_number``, ``orientation`` (``years_in_columns`` or
        ``years_in_rows``), ``notes`` (footnotes), ``source_file`` and ``sheet``.

    Raises
    ------
    YearbookFormatError
        Naming file, sheet and cell, for anything that does not fit the layout.

    Warns
    -----
    DataWarning
        When thousands grouping is used for some values of 1,000 or more and not
        for others (mixed notation: check the source print).
    """
    grid = read_grid(path, sheet)
    return _parse_grid(grid)


@dataclass
class _Block:
    label: str
    measure: str
    unit: str | None
    start_row: int


def _parse_grid(grid: Grid) -> "pd.DataFrame":  # noqa: F821
    import pandas as pd

    n = len(grid.rows)
    rows_nonempty = [r for r in range(n) if _nonempty(grid, r)]
    if not rows_nonempty:
        raise YearbookFormatError(Location(grid.file, grid.sheet), "sheet has no content", "a yearbook table")

    # 1. Title/unit rows before the header; header = first row with content beyond column A
    #    (a unit written in the last column of a title row does not count).
    titles: list[str] = []
    table_unit: str | None = None
    header_r: int | None = None
    for r in rows_nonempty:
        cols = _nonempty(grid, r)
        texts = [grid.cell(r, c) for c in cols]
        if cols == [0] or (len(cols) == 1 and isinstance(texts[0], str)):
            label = _norm(str(texts[0]))
            if parse_year_token(label):
                break  # a year in column A: data rows start; no header row above
            if _is_unit_label(label) and titles:
                table_unit = _unit_from_unit_label(label)
            else:
                titles.append(label)
            continue
        # several cells: a unit cell in a title row?
        others = [c for c in cols if c != 0]
        if titles and len(others) == 1 and isinstance(grid.cell(r, others[0]), str) and _is_unit_label(
            str(grid.cell(r, others[0]))
        ) and not parse_year_token(grid.cell(r, others[0])):
            table_unit = _unit_from_unit_label(str(grid.cell(r, others[0])))
            if grid.cell(r, 0) is not None:
                titles.append(_norm(str(grid.cell(r, 0))))
            continue
        header_r = r
        break

    year_rows_in_a = [r for r in rows_nonempty if parse_year_token(grid.cell(r, 0))]
    if header_r is None:
        if year_rows_in_a:
            first = year_rows_in_a[0]
            raise YearbookFormatError(
                grid.loc(first, 0), "data rows start without a header row",
                "a header row with series labels (e.g. 'Tổng số - Total') above the first year row",
            )
        raise YearbookFormatError(
            Location(grid.file, grid.sheet), "no header row and no year found: not a yearbook table",
            "a header row with years (2016, 'Sơ bộ - Prel. 2016', '2016/2015') or series labels",
        )

    header_cols = [c for c in _nonempty(grid, header_r) if c != 0]
    header_tokens = {c: parse_year_token(grid.cell(header_r, c)) for c in header_cols}
    n_year_headers = sum(1 for t in header_tokens.values() if t)
    # a "Đơn vị tính - Unit" column between the labels and the years gives each row its unit
    unit_col = next((c for c in header_cols if n_year_headers and not header_tokens[c]
                     and _UNIT_COLUMN.match(_norm(str(grid.cell(header_r, c))))), None)
    if unit_col is not None:
        header_cols.remove(unit_col)
        del header_tokens[unit_col]
    if grid.cell(header_r, 0) is not None and parse_year_token(grid.cell(header_r, 0)):
        raise YearbookFormatError(
            grid.loc(header_r, 0), "first data row has a year in column A but no header row above it",
            "a header row with series labels above the first year row",
        )
    if n_year_headers and n_year_headers < len(header_cols):
        bad = next(c for c, t in header_tokens.items() if not t)
        raise YearbookFormatError(
            grid.loc(header_r, bad), f"header mixes years and other labels ('{grid.cell(header_r, bad)}')",
            "every header cell a year such as 2016, 'Sơ bộ - Prel. 2016' or '2016/2015'",
        )
    orientation = "years_in_columns" if n_year_headers else "years_in_rows"
    if orientation == "years_in_rows" and not year_rows_in_a:
        # maybe a years-in-columns table whose header row is missing
        raise YearbookFormatError(
            grid.loc(header_r), "no year found in the header row or in column A: not a yearbook table",
            "years as column headers (2016, 'Sơ bộ - Prel. 2016', '2016/2015') or in column A",
        )

    a0 = grid.cell(header_r, 0)
    if isinstance(a0, str) and _is_unit_label(a0) and not table_unit:
        table_unit = _unit_from_unit_label(a0)  # "Đơn vị tính: Tỷ đồng" in the header's first cell
    if not table_unit:
        for t in titles:  # "… (Tỷ đồng)" at the end of a title
            table_unit = _unit_from_header(t) or table_unit
    title = titles[0] if titles else ""
    title_en = titles[1] if len(titles) > 1 else ""
    m = re.match(r"^(\d+[a-z]?)\s*[.)]\s+", title)
    attrs = {
        "title": title, "title_en": title_en, "table_number": m.group(1) if m else "",
        "orientation": orientation, "notes": [], "source_file": grid.file, "sheet": grid.sheet or "",
        "table_unit": table_unit or "",
    }

    # header labels / column units
    col_units: dict[int, str | None] = {}
    series_by_col: dict[int, str] = {}
    if orientation == "years_in_rows":
        for c in header_cols:
            txt = _norm(str(grid.cell(header_r, c)))
            series_by_col[c] = txt
            col_units[c] = _unit_from_header(txt)
        # a second header row ("Chia ra - Of which" above "Nam - Male | Nữ - Female"): the lower label wins
        nxt = next((r for r in range(header_r + 1, n) if _nonempty(grid, r)), None)
        if nxt is not None and _is_subheader(grid, nxt):
            for c in [c for c in _nonempty(grid, nxt) if c != 0]:
                txt = _norm(str(grid.cell(nxt, c)))
                series_by_col[c] = txt
                col_units[c] = _unit_from_header(txt) or col_units.get(c)
            header_r = nxt
    else:
        for c in header_cols:
            col_units[c] = None

    # header year pairs imply an index on the previous year
    pair_index = orientation == "years_in_columns" and all(
        t is not None and "/" in t.period for t in header_tokens.values()
    )

    records: list[dict[str, Any]] = []
    block = _Block("", "index" if pair_index else "level", "%" if pair_index else None, header_r)
    block_unit_row: str | None = None
    seen: dict[tuple[str, str, str, str], str] = {}
    last_year: dict[tuple[str, str, str], tuple[int, str]] = {}
    group = ""
    data_seen_in_block = False
    pending_label_rows: list[int] = []

    row_unit: str | None = None

    def unit_for(c: int) -> str | None:
        # most specific first: unit column of the row, block label, unit row of the block, column header,
        # table unit row
        return row_unit or block.unit or block_unit_row or col_units.get(c) or table_unit

    def add_value(r: int, c: int, series: str, tok: YearToken, raw: Any) -> None:
        loc = grid.loc(r, c)
        if (r, c) in grid.formulas:
            raise YearbookFormatError(
                loc, f"cell holds a formula ({grid.formulas[(r, c)]}); formulas are never evaluated",
                "a printed value (paste values in Excel)",
            )
        try:
            parsed = parse_vn_number(raw)
        except NotANumber as exc:
            raise YearbookFormatError(loc, str(exc), "a number in Vietnamese notation, '-' or '...'") from None
        unit = unit_for(c)
        if unit is None and block.measure == "level":
            where = f"block '{block.label}'" if block.label else "the first block"
            raise YearbookFormatError(
                loc, f"no unit for the levels in {where}",
                "a unit row (e.g. 'Triệu đồng - Mill. dongs') or a unit in the header or block label",
            )
        if (
            not math.isnan(parsed.value) and parsed.value < 0 and block.measure == "level"
            and unit and (_PERSON_UNIT.search(unit) or _PERSON_UNIT.search(series))
        ):
            raise YearbookFormatError(loc, f"negative count of persons ({raw})", "a count of 0 or more")
        key = (block.label, group, series, tok.period)
        if key in seen:
            raise YearbookFormatError(
                loc, f"year {tok.period} appears twice for '{series}' (first at {seen[key]})",
                "each year once per series and block",
            )
        seen[key] = loc.cell or ""
        prev = last_year.get((block.label, group, series))
        if prev and tok.year < prev[0]:
            raise YearbookFormatError(
                loc, f"year {tok.period} comes after {prev[0]} (at {prev[1]})",
                "years in increasing order",
            )
        last_year[(block.label, group, series)] = (tok.year, loc.cell or "")
        status = tok.status
        records.append({
            "series": series, "year": tok.year, "period": tok.period, "value": parsed.value,
            "block": block.label, "group": group, "measure": block.measure, "unit": unit or "",
            "preliminary": tok.preliminary, "status": status, "symbol": parsed.symbol,
            "value_text": str(raw).strip() if not isinstance(raw, str) else raw.strip(),
            "decimals": parsed.decimals, "source_file": grid.file, "sheet": grid.sheet or "",
            "cell": loc.cell, "_grouped": parsed.grouped,
        })

    nonempty_rows = [r for r in range(header_r + 1, n) if _nonempty(grid, r)]
    for i_row, r in enumerate(nonempty_rows):
        cols = [c for c in _nonempty(grid, r) if c != unit_col]
        row_unit = _norm(str(grid.cell(r, unit_col))) if unit_col is not None and grid.cell(r, unit_col) else None
        first = grid.cell(r, 0)
        if cols == [0]:
            label = _norm(str(first))
            if _FOOTNOTE_PREFIX.match(label):
                attrs["notes"].append(label)
                continue
            if _is_unit_label(label):
                if data_seen_in_block:
                    raise YearbookFormatError(
                        grid.loc(r, 0), f"unit row '{label}' after data rows of the same block",
                        "a unit row directly under the header or under a block label",
                    )
                block_unit_row = _unit_from_unit_label(label)
                continue
            if orientation == "years_in_rows" and parse_year_token(label):
                raise YearbookFormatError(grid.loc(r, 1), f"year row '{label}' has no values",
                                          "values in the series columns")
            measure, unit = _measure_and_unit_of_block(label)
            nxt = nonempty_rows[i_row + 1] if i_row + 1 < len(nonempty_rows) else None
            next_is_unit = nxt is not None and _nonempty(grid, nxt) == [0] and _is_unit_label(str(grid.cell(nxt, 0)))
            pending_label_rows.append(r)
            if measure == "level" and unit is None and not next_is_unit:
                # a grouping row ("Phân theo loại hình kinh tế", "Trong đó"): same block, same unit
                group = label
                continue
            block = _Block(label, measure, unit, r)
            block_unit_row = None
            group = ""
            data_seen_in_block = False
            continue
        if first is None:
            raise YearbookFormatError(
                grid.loc(r, 0), "values without a label in column A",
                "a series label (years in columns) or a year (years in rows) in column A",
            )
        if orientation == "years_in_columns":
            series = _norm(str(first))
            if parse_year_token(series):
                raise YearbookFormatError(
                    grid.loc(r, 0), f"a year ('{series}') in column A of a table whose header holds years",
                    "one orientation: years in the header row or in column A, not both",
                )
            cells = {c: (series, header_tokens.get(c)) for c in cols if c != 0}
        else:
            tok = parse_year_token(first)
            if tok is None:
                raise YearbookFormatError(
                    grid.loc(r, 0), f"'{first}' is not a year",
                    "a year such as 2016 or 'Sơ bộ - Prel. 2016' in column A",
                )
            cells = {c: (series_by_col.get(c), tok) for c in cols if c != 0}
        for c, (series, tok) in cells.items():
            if series is None or tok is None:
                what = "a year" if orientation == "years_in_columns" else "a series label"
                raise YearbookFormatError(grid.loc(r, c), "value under an empty header cell",
                                          f"{what} in the header row above this column")
            add_value(r, c, series, tok, grid.rows[r][c])
        data_seen_in_block = True
        pending_label_rows.clear()

    # label-only rows after the last data row are notes, not blocks
    for r in pending_label_rows:
        attrs["notes"].append(_norm(str(grid.cell(r, 0))))

    if not records:
        raise YearbookFormatError(Location(grid.file, grid.sheet), "no values found under the header",
                                  "data rows below the header row")

    big = [rec for rec in records if not rec["symbol"] and abs(rec["value"]) >= 1000 and rec["decimals"] == 0]
    grouped = [rec["cell"] for rec in big if rec["_grouped"]]
    plain = [rec["cell"] for rec in big if not rec["_grouped"] and isinstance(rec["value_text"], str)
             and re.fullmatch(r"[+-]?\d+", rec["value_text"])]
    if grouped and plain:
        warnings.warn(
            f"{Location(grid.file, grid.sheet)}: mixed thousands notation — grouped with '.' at "
            f"{', '.join(grouped[:3])} but plain digits at {', '.join(plain[:3])}; check the print",
            DataWarning, stacklevel=2,
        )

    df = pd.DataFrame.from_records(records).drop(columns="_grouped")
    df = df.astype({"year": "int64", "value": "float64", "preliminary": "bool", "decimals": "int64"})
    df = df[YEARBOOK_COLUMNS]
    df.attrs.update(attrs)
    return df
