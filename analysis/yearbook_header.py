"""Labels and header of a yearbook sheet: years, units, block labels, "of which" markers.

:func:`detect_header` finds the title rows, the table's unit, the header row(s)
and the orientation (years in columns or in rows) of a :class:`~analysis.yearbook_grid.Grid`
and returns them as a :class:`Header`; the data rows below are read by
:mod:`analysis.yearbook_rows`. The label helpers (:func:`parse_year_token`,
:func:`of_which_label`, unit and block recognisers) are shared by both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .errors import Location, YearbookFormatError
from .vnnumbers import NotANumber, parse_vn_number
from .yearbook_grid import Grid, norm_text

__all__ = ["YearToken", "parse_year_token", "Header", "detect_header", "of_which_label", "is_unit_label",
           "unit_from_unit_label", "unit_from_header", "measure_and_unit_of_block"]

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
_INDEX_HINT = re.compile(r"chỉ số|năm trước\s*=\s*100|index|previous year\s*=\s*100", re.IGNORECASE)
_STRUCTURE_HINT = re.compile(r"cơ cấu|structure", re.IGNORECASE)
_PERCENT_HINT = re.compile(r"\(%\)|-\s*%|%\s*$|:\s*%")
_PAREN_UNIT = re.compile(r"\(([^()]*)\)")
# "Trong đó: …", "Trđ: …", "Tr.đó …", "- Trong đó", English-only "Of which: …" (not "Chia ra - Of which")
_OF_WHICH = re.compile(r"^[-–—+•]?\s*(?:trong\s+đó|tr\s*\.\s*đó|trđ|of\s+which)\b\s*\.?\s*[:,–-]?\s*",
                       re.IGNORECASE)
_OF_WHICH_EN = re.compile(r"(\s*[-–/]\s*)(?:of|in)\s+which\b\s*[:,]?\s*", re.IGNORECASE)


@dataclass
class YearToken:
    """A parsed year header: ``2016``, ``"Sơ bộ - Prel. 2016"`` or ``"2016/2015"``."""

    year: int
    period: str
    status: str  # official / preliminary / estimate

    @property
    def preliminary(self) -> bool:
        """True for a "Sơ bộ - Prel." year."""
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
    m = _YEAR_TOKEN.match(norm_text(str(value)))
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
        return YearToken(max(y1, y2i), f"{y1}{m.group('sep')}{y2i}", status)
    return YearToken(y1, str(y1), status)


def of_which_label(label: str) -> str | None:
    """The label without its leading "of which" marker, or None when it has none.

    ``"Trong đó: Công nghiệp - Of which: Industry"`` → ``"Công nghiệp - Industry"``;
    ``"Trong đó - Of which"`` → ``""`` (a grouping row); ``"Chia ra - Of which"`` → None
    ("chia ra", divided into, opens components that do add up).
    """
    text = norm_text(label)
    m = _OF_WHICH.match(text)
    if not m:
        return None
    rest = text[m.end():]
    rest = _OF_WHICH_EN.sub(r"\1", rest, count=1)
    rest = re.sub(r"^(?:of|in)\s+which\b\s*[:,]?\s*", "", rest, flags=re.IGNORECASE)  # "Trong đó - Of which" rest
    return rest.strip(" -–:/")


def is_unit_label(text: str) -> bool:
    """True for a unit row or cell (``"Đơn vị tính - Unit: %"``, ``"Triệu đồng - Mill. dongs"``)."""
    t = norm_text(text).lower()
    if _UNIT_PREFIX.match(t):
        return True
    first = re.split(r"\s+-\s+|\s*/\s*", t)[0].strip()
    return first in _UNIT_WORDS


def unit_from_unit_label(text: str) -> str:
    """The unit a unit label gives (``"Đơn vị tính - Unit: %"`` → ``"%"``)."""
    t = norm_text(text)
    m = re.match(r"^(?:đơn vị tính|đvt)\s*(?:-\s*unit)?\s*:?\s*(.*)$", t, re.IGNORECASE)
    if m and m.group(1):
        return m.group(1).strip()
    m = re.match(r"^unit\s*:?\s*(.*)$", t, re.IGNORECASE)
    if m and m.group(1):
        return m.group(1).strip()
    return t


def measure_and_unit_of_block(label: str) -> tuple[str, str | None]:
    """``(measure, unit)`` a label-only row announces: index / structure / level (%) / level (no unit)."""
    if _INDEX_HINT.search(label):
        return "index", "%"
    if _STRUCTURE_HINT.search(label):
        return "structure", "%"
    if _PERCENT_HINT.search(label):
        return "level", "%"
    return "level", None


def unit_from_header(text: str) -> str | None:
    """A unit in parentheses inside a header or title (``"… (Nghìn đồng) - …"`` → ``"Nghìn đồng"``)."""
    for part in _PAREN_UNIT.findall(text):
        p = norm_text(part)
        if is_unit_label(p) or p.lower() in {"usd", "%"}:
            return p
    return None


def is_unit_column(text: str) -> bool:
    """True for a ``"Đơn vị tính - Unit"`` header cell (a column giving each row its unit)."""
    return bool(_UNIT_COLUMN.match(norm_text(text)))


@dataclass
class Header:
    """What the rows above the data say about the table.

    Attributes
    ----------
    row : int
        The last header row (the second one of a two-row header); data rows follow.
    orientation : str
        ``years_in_columns`` or ``years_in_rows``.
    titles : list of str
        Title rows, Vietnamese first.
    table_unit : str or None
        Unit of a unit row above the header, of the header's first cell or of a title.
    tokens : dict
        Column → :class:`YearToken` (years in columns; None for a non-year cell).
    series_by_col : dict
        Column → series label (years in rows; the lower label of a two-row header).
    col_units : dict
        Column → unit printed in its header cell (or None).
    unit_col : int or None
        The ``"Đơn vị tính - Unit"`` column, if any.
    of_which_cols : set of int
        Columns under an upper header cell starting with "Trong đó" (two-row headers).
    pair_index : bool
        True when every header is a year pair (``2016/2015``): an index block.
    """

    row: int
    orientation: str
    titles: list[str]
    table_unit: str | None
    tokens: dict[int, YearToken | None]
    series_by_col: dict[int, str] = field(default_factory=dict)
    col_units: dict[int, str | None] = field(default_factory=dict)
    unit_col: int | None = None
    of_which_cols: set[int] = field(default_factory=set)
    pair_index: bool = False

    def attrs(self, grid: Grid) -> dict[str, Any]:
        """The table-level ``DataFrame.attrs`` (notes start empty)."""
        title = self.titles[0] if self.titles else ""
        m = re.match(r"^(\d+[a-z]?)\s*[.)]\s+", title)
        return {
            "title": title, "title_en": self.titles[1] if len(self.titles) > 1 else "",
            "table_number": m.group(1) if m else "", "orientation": self.orientation, "notes": [],
            "source_file": grid.file, "sheet": grid.sheet or "", "table_unit": self.table_unit or "",
        }


def detect_header(grid: Grid) -> Header:
    """Title rows, table unit, header row(s) and orientation of a yearbook sheet.

    Raises
    ------
    YearbookFormatError
        For an empty sheet, a missing header row, a header that mixes years and
        other labels, or a sheet without years (not a yearbook table).
    """
    rows_nonempty = [r for r in range(len(grid.rows)) if grid.nonempty(r)]
    if not rows_nonempty:
        raise YearbookFormatError(Location(grid.file, grid.sheet), "sheet has no content", "a yearbook table")
    titles, table_unit, header_r = _scan_titles(grid, rows_nonempty)
    year_rows_in_a = [r for r in rows_nonempty if parse_year_token(grid.cell(r, 0))]
    if header_r is None:
        _raise_no_header(grid, year_rows_in_a)
    tokens, unit_col = _header_tokens(grid, header_r)
    orientation = _orientation(grid, header_r, tokens, bool(year_rows_in_a))
    a0 = grid.cell(header_r, 0)
    if isinstance(a0, str) and is_unit_label(a0) and not table_unit:
        table_unit = unit_from_unit_label(a0)  # "Đơn vị tính: Tỷ đồng" in the header's first cell
    if not table_unit:
        for t in titles:  # "… (Tỷ đồng)" at the end of a title
            table_unit = unit_from_header(t) or table_unit
    header = Header(header_r, orientation, titles, table_unit, tokens, unit_col=unit_col)
    if orientation == "years_in_rows":
        _read_series_headers(grid, header)
    else:
        header.col_units = {c: None for c in tokens}
        header.pair_index = all(t is not None and "/" in t.period for t in tokens.values())
    return header


def _scan_titles(grid: Grid, rows_nonempty: list[int]) -> tuple[list[str], str | None, int | None]:
    """Title and unit rows above the header; the header is the first row with content beyond column A
    (a unit written in the last column of a title row does not count)."""
    titles: list[str] = []
    table_unit: str | None = None
    for r in rows_nonempty:
        cols = grid.nonempty(r)
        if cols == [0] or (len(cols) == 1 and isinstance(grid.cell(r, cols[0]), str)):
            label = norm_text(str(grid.cell(r, cols[0])))
            if parse_year_token(label):
                if cols != [0]:
                    return titles, table_unit, r  # the header of a one-year table (",2023")
                return titles, table_unit, None  # a year in column A: data rows start; no header row above
            if is_unit_label(label) and titles:
                table_unit = unit_from_unit_label(label)
            else:
                titles.append(label)
            continue
        others = [c for c in cols if c != 0]
        unit_cell = grid.cell(r, others[0])
        if titles and len(others) == 1 and isinstance(unit_cell, str) and is_unit_label(unit_cell) \
                and not parse_year_token(unit_cell):
            table_unit = unit_from_unit_label(unit_cell)  # a unit cell at the end of a title row
            if grid.cell(r, 0) is not None:
                titles.append(norm_text(str(grid.cell(r, 0))))
            continue
        return titles, table_unit, r
    return titles, table_unit, None


def _raise_no_header(grid: Grid, year_rows_in_a: list[int]) -> None:
    if year_rows_in_a:
        raise YearbookFormatError(
            grid.loc(year_rows_in_a[0], 0), "data rows start without a header row",
            "a header row with series labels (e.g. 'Tổng số - Total') above the first year row",
        )
    raise YearbookFormatError(
        Location(grid.file, grid.sheet), "no header row and no year found: not a yearbook table",
        "a header row with years (2016, 'Sơ bộ - Prel. 2016', '2016/2015') or series labels",
    )


def _header_tokens(grid: Grid, header_r: int) -> tuple[dict[int, YearToken | None], int | None]:
    """Year token (or None) of every header cell beyond column A, without the unit column."""
    tokens = {c: parse_year_token(grid.cell(header_r, c)) for c in grid.nonempty(header_r) if c != 0}
    has_years = any(tokens.values())
    # a "Đơn vị tính - Unit" column between the labels and the years gives each row its unit
    unit_col = next((c for c, t in tokens.items()
                     if has_years and not t and is_unit_column(str(grid.cell(header_r, c)))), None)
    if unit_col is not None:
        del tokens[unit_col]
    return tokens, unit_col


def _orientation(grid: Grid, header_r: int, tokens: dict[int, YearToken | None], years_in_a: bool) -> str:
    if grid.cell(header_r, 0) is not None and parse_year_token(grid.cell(header_r, 0)):
        raise YearbookFormatError(
            grid.loc(header_r, 0), "first data row has a year in column A but no header row above it",
            "a header row with series labels above the first year row",
        )
    n_years = sum(1 for t in tokens.values() if t)
    if n_years and n_years < len(tokens):
        bad = next(c for c, t in tokens.items() if not t)
        raise YearbookFormatError(
            grid.loc(header_r, bad), f"header mixes years and other labels ('{grid.cell(header_r, bad)}')",
            "every header cell a year such as 2016, 'Sơ bộ - Prel. 2016' or '2016/2015'",
        )
    if n_years:
        return "years_in_columns"
    if not years_in_a:  # maybe a years-in-columns table whose header row is missing
        raise YearbookFormatError(
            grid.loc(header_r), "no year found in the header row or in column A: not a yearbook table",
            "years as column headers (2016, 'Sơ bộ - Prel. 2016', '2016/2015') or in column A",
        )
    return "years_in_rows"


def _read_series_headers(grid: Grid, header: Header) -> None:
    """Series labels and units of the columns (years in rows), with a second header row if any:
    "Chia ra - Of which" above "Nam - Male | Nữ - Female" — the lower label wins; an upper
    "Trong đó - Of which" marks the columns under it as "of which" components."""
    upper = {c: norm_text(str(grid.cell(header.row, c))) for c in header.tokens}
    for c, txt in upper.items():
        header.series_by_col[c] = txt
        header.col_units[c] = unit_from_header(txt)
    nxt = next((r for r in range(header.row + 1, len(grid.rows)) if grid.nonempty(r)), None)
    if nxt is None or not _is_subheader(grid, nxt):
        return
    for c in [c for c in grid.nonempty(nxt) if c != 0]:
        txt = norm_text(str(grid.cell(nxt, c)))
        header.series_by_col[c] = txt
        header.col_units[c] = unit_from_header(txt) or header.col_units.get(c)
        above = max((u for u in upper if u <= c), default=None)  # the upper cell spanning this column
        if above is not None and of_which_label(upper[above]) is not None:
            header.of_which_cols.add(c)
    header.row = nxt


def _is_subheader(grid: Grid, r: int) -> bool:
    """A row of text labels in columns B… with column A empty (not a unit row, not data)."""
    cols = [c for c in grid.nonempty(r) if c != 0]
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
