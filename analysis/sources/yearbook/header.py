"""Labels and header of a yearbook sheet: years, units, block labels, "of which" markers.

:func:`detect_header` finds the title rows, the table's unit, the header row(s)
and the orientation (years in columns or in rows) of a :class:`~analysis.sources.yearbook.grid.Grid`
and returns them as a :class:`Header`; the data rows below are read by
:mod:`analysis.sources.yearbook.rows`. The label helpers (:func:`parse_year_token`,
:func:`of_which_label`, unit and block recognisers) live in :mod:`analysis.sources.yearbook.labels`
and are re-exported here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from analysis.core.errors import Location, YearbookFormatError
from analysis.core.vnnumbers import NotANumber, parse_vn_number

from .grid import Grid, norm_text
from .labels import (
    YearToken,
    is_unit_column,
    is_unit_label,
    of_which_label,
    parse_year_token,
    split_header_unit,
    status_of_label,
    unit_from_header,
    unit_from_unit_label,
)

__all__ = ["Header", "detect_header"]


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
    index_cols : set of int
        Year-pair columns (``2016/2015``) of a header that also has single years: an index
        on the earlier year, whatever the block.
    label_cols : list of int
        Columns between column A and the first year whose header cell is empty: the rest of
        the series label (the English label printed in its own cell).
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
    index_cols: set[int] = field(default_factory=set)
    label_cols: list[int] = field(default_factory=list)

    def attrs(self, grid: Grid) -> dict[str, Any]:
        """The table-level ``DataFrame.attrs`` (notes start empty)."""
        title = self.titles[0] if self.titles else ""
        m = re.match(r"^(\d+[a-z]?)\s*[.)]\s+", title)
        return {
            "title": title,
            "title_en": self.titles[1] if len(self.titles) > 1 else "",
            "table_number": m.group(1) if m else "",
            "orientation": self.orientation,
            "notes": [],
            "source_file": grid.file,
            "sheet": grid.sheet or "",
            "table_unit": self.table_unit or "",
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
    upper_r, header_r = _two_row_year_header(grid, header_r)
    tokens, unit_col, units = _header_tokens(grid, header_r)
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
        _year_columns(grid, header, upper_r, units)
    return header


def _is_year_row(grid: Grid, r: int) -> bool:
    """Column A empty and every other cell a year header (``2021 | 2022 | Sơ bộ 2023``)."""
    cols = [c for c in grid.nonempty(r) if c != 0]
    return grid.cell(r, 0) is None and bool(cols) and all(parse_year_token(split_header_unit(grid.cell(r, c))[0]) for c in cols)


def _next_nonempty(grid: Grid, r: int) -> int | None:
    return next((n for n in range(r + 1, len(grid.rows)) if grid.nonempty(n)), None)


def _two_row_year_header(grid: Grid, header_r: int) -> tuple[int | None, int]:
    """``(upper row, year row)`` of a header printed over two rows with the years on the second
    ("Chỉ tiêu | Thực hiện | | Sơ bộ" above "| 2021 | 2022 | 2023"); ``(None, header_r)`` otherwise."""
    if any(parse_year_token(split_header_unit(grid.cell(header_r, c))[0]) for c in grid.nonempty(header_r) if c != 0):
        return None, header_r
    nxt = _next_nonempty(grid, header_r)
    if nxt is not None and _is_year_row(grid, nxt):
        return header_r, nxt
    return None, header_r


def _year_columns(grid: Grid, header: Header, upper_r: int | None, units: dict[int, str | None]) -> None:
    """Years in columns: units printed in the header cells, year-pair (index) columns, the status an
    upper header row or a status row under the years gives ("Sơ bộ - Prel." above or below "2023"),
    and the label columns between column A and the first year."""
    tokens = header.tokens
    header.col_units = {c: units.get(c) for c in tokens}
    header.pair_index = all(t is not None and "/" in t.period for t in tokens.values())
    if not header.pair_index:
        header.index_cols = {c for c, t in tokens.items() if t is not None and "/" in t.period}
    status_rows = [upper_r] if upper_r is not None else []
    below = _next_nonempty(grid, header.row)
    below_cols = [c for c in grid.nonempty(below) if c != 0] if below is not None else []
    if (
        below_cols
        and grid.cell(below, 0) is None
        and all(c in tokens and status_of_label(grid.cell(below, c)) for c in below_cols)
    ):
        status_rows.append(below)
        header.row = below
    for sr in status_rows:
        labelled = [c for c in grid.nonempty(sr) if c != 0]
        for c, tok in tokens.items():
            above = max((u for u in labelled if u <= c), default=None)  # the cell spanning this column
            status = status_of_label(grid.cell(sr, above)) if above is not None else None
            if tok is not None and status and tok.status == "official":
                tokens[c] = YearToken(tok.year, tok.period, status)
    if header.unit_col is None and upper_r is not None:  # "Đơn vị tính" in the upper header row
        header.unit_col = next(
            (c for c in grid.nonempty(upper_r) if 0 < c < min(tokens) and is_unit_column(str(grid.cell(upper_r, c)))), None
        )
    header.label_cols = [c for c in range(1, min(tokens)) if c != header.unit_col and grid.cell(header.row, c) is None]
    for c in list(header.label_cols):
        texts = [v for r in range(header.row + 1, len(grid.rows)) if isinstance(v := grid.cell(r, c), str)]
        if header.unit_col is None and texts and all(is_unit_label(t) for t in texts):
            header.unit_col = c  # a column of units under an empty header cell
            header.label_cols.remove(c)


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
            if is_unit_label(label) and (titles or cols != [0]):
                table_unit = unit_from_unit_label(label)  # a unit row, or a unit alone in the top-right cell
            elif cols != [0] and (nxt := _next_nonempty(grid, r)) is not None and _is_year_row(grid, nxt):
                return titles, table_unit, r  # "Năm - Year" above the years: the upper row of the header
            else:
                titles.append(label)
            continue
        others = [c for c in cols if c != 0]
        unit_cell = grid.cell(r, others[0])
        if (
            (titles or grid.cell(r, 0) is not None)
            and len(others) == 1
            and isinstance(unit_cell, str)
            and is_unit_label(unit_cell)
            and not parse_year_token(unit_cell)
        ):
            table_unit = unit_from_unit_label(unit_cell)  # a unit cell at the end of a title row
            if grid.cell(r, 0) is not None:
                titles.append(norm_text(str(grid.cell(r, 0))))
            continue
        if _split_unit_row(grid, r, others):
            table_unit = unit_from_unit_label(f"{norm_text(str(grid.cell(r, 0)))} - {norm_text(unit_cell)}")
            continue
        return titles, table_unit, r
    return titles, table_unit, None


def _split_unit_row(grid: Grid, r: int, others: list[int]) -> bool:
    """A unit row with its English in the next cell ("Tỷ đồng | Bill. dongs") above a header row."""
    a, other = grid.cell(r, 0), grid.cell(r, others[0])
    if others != [1] or not isinstance(a, str) or not isinstance(other, str) or not is_unit_label(a):
        return False
    nxt = _next_nonempty(grid, r)
    return other.isascii() and not parse_year_token(other) and nxt is not None and grid.cell(nxt, 0) is None


def _raise_no_header(grid: Grid, year_rows_in_a: list[int]) -> None:
    if year_rows_in_a:
        raise YearbookFormatError(
            grid.loc(year_rows_in_a[0], 0),
            "data rows start without a header row",
            "a header row with series labels (e.g. 'Tổng số - Total') above the first year row",
        )
    raise YearbookFormatError(
        Location(grid.file, grid.sheet),
        "no header row and no year found: not a yearbook table",
        "a header row with years (2016, 'Sơ bộ - Prel. 2016', '2016/2015') or series labels",
    )


def _header_tokens(grid: Grid, header_r: int) -> tuple[dict[int, YearToken | None], int | None, dict[int, str | None]]:
    """Year token (or None) of every header cell beyond column A, without the unit column, and the unit
    printed after a year ("2023/2022 (%)")."""
    split = {c: split_header_unit(grid.cell(header_r, c)) for c in grid.nonempty(header_r) if c != 0}
    tokens = {c: parse_year_token(text) for c, (text, _) in split.items()}
    units = {c: unit for c, (_, unit) in split.items() if tokens[c] is not None}
    has_years = any(tokens.values())
    # a "Đơn vị tính - Unit" column between the labels and the years gives each row its unit
    unit_col = next((c for c, t in tokens.items() if has_years and not t and is_unit_column(str(grid.cell(header_r, c)))), None)
    if unit_col is not None:
        del tokens[unit_col]
    return tokens, unit_col, units


def _orientation(grid: Grid, header_r: int, tokens: dict[int, YearToken | None], years_in_a: bool) -> str:
    if grid.cell(header_r, 0) is not None and parse_year_token(grid.cell(header_r, 0)):
        raise YearbookFormatError(
            grid.loc(header_r, 0),
            "first data row has a year in column A but no header row above it",
            "a header row with series labels above the first year row",
        )
    n_years = sum(1 for t in tokens.values() if t)
    if n_years and n_years < len(tokens):
        bad = next(c for c, t in tokens.items() if not t)
        raise YearbookFormatError(
            grid.loc(header_r, bad),
            f"header mixes years and other labels ('{grid.cell(header_r, bad)}')",
            "every header cell a year such as 2016, 'Sơ bộ - Prel. 2016' or '2016/2015'",
        )
    if n_years:
        return "years_in_columns"
    if not years_in_a:  # maybe a years-in-columns table whose header row is missing
        raise YearbookFormatError(
            grid.loc(header_r),
            "no year found in the header row or in column A: not a yearbook table",
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
