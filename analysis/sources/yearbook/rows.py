"""The data rows of a yearbook sheet, read by a small state machine (:class:`RowReader`).

Below the header (see :func:`analysis.sources.yearbook.header.detect_header`) every
non-empty row is one of:

* a **label-only row**: a footnote (kept in ``notes``), a unit row (the unit of
  the current block), a **block** label that switches measure and unit
  (``"Cơ cấu - Structure (%)"``, or any label followed by a unit row) or a
  **grouping row** inside the block (``"Phân theo loại hình kinh tế"``,
  ``"Trong đó - Of which"``);
* a **value row**: a series label (years in columns) or a year (years in rows)
  in column A and printed values in the other columns.

The reader's state is explicit: the current block, its unit row, the current
group and whether the group is an "of which" group, whether the block already
had values, label rows not yet followed by values (trailing ones are notes),
and, per series, the years seen (for duplicated and out-of-order years).
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass, field
from typing import Any

from analysis.core.errors import DataWarning, Location, YearbookFormatError
from analysis.core.vnnumbers import NotANumber, ParsedNumber, parse_printed, parse_vn_number

from .grid import Grid, norm_text
from .header import Header
from .labels import YearToken, is_unit_label, measure_and_unit_of_block, of_which_label, parse_year_token, unit_from_unit_label

__all__ = ["RowReader", "Block"]

_FOOTNOTE_PREFIX = re.compile(r"^(?:ghi chú|chú thích|note|nguồn|source|\(\*+\)|\*)", re.IGNORECASE)
_PERSON_UNIT = re.compile(r"\bngười\b|\bperson|\bpersons\b", re.IGNORECASE)


@dataclass
class Block:
    """A block of the table: opened by a label-only row (``label`` "" for the first block)."""

    label: str
    measure: str  # level / index / structure
    unit: str | None
    start_row: int


@dataclass
class RowReader:
    """Reads the rows below the header into value records, one per printed value.

    Parameters
    ----------
    grid : Grid
        The sheet.
    header : Header
        Its header, from :func:`~analysis.sources.yearbook.header.detect_header`.

    Notes
    -----
    Call :meth:`read` once; the records are in :attr:`records`, footnotes and
    trailing label rows in :attr:`notes`.
    """

    grid: Grid
    header: Header
    block: Block = field(init=False)
    block_unit_row: str | None = None  # unit row under the block label
    group: str = ""  # label of the grouping row above, "" for none
    of_which_group: bool = False  # the group (or block) opened with "Trong đó - Of which"
    row_unit: str | None = None  # the row's cell in the "Đơn vị tính" column
    data_seen_in_block: bool = False
    pending_label_rows: list[int] = field(default_factory=list)
    seen: dict[tuple[str, str, str, str], str] = field(default_factory=dict)
    last_year: dict[tuple[str, str, str], tuple[int, str]] = field(default_factory=dict)
    records: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    grouped_cells: list[str] = field(default_factory=list)  # text cells ≥ 1000 printed with '.' grouping
    plain_cells: list[str] = field(default_factory=list)  # text cells ≥ 1000 printed as plain digits

    def __post_init__(self) -> None:
        pair = self.header.pair_index  # header year pairs (2016/2015) imply an index on the previous year
        self.block = Block("", "index" if pair else "level", "%" if pair else None, self.header.row)

    def read(self) -> list[dict[str, Any]]:
        """Read every row below the header; return the value records.

        Raises
        ------
        YearbookFormatError
            Naming the cell, for anything that does not fit the layout.
        """
        grid = self.grid
        rows = [r for r in range(self.header.row + 1, len(grid.rows)) if grid.nonempty(r)]
        for i, r in enumerate(rows):
            unit_col = self.header.unit_col
            cols = self._value_cols(r)
            self.row_unit = norm_text(str(grid.cell(r, unit_col))) if unit_col is not None and grid.cell(r, unit_col) else None
            if not cols:
                self._label_row(r, rows[i + 1] if i + 1 < len(rows) else None)
            else:
                self._value_row(r, cols)
        # label-only rows after the last data row are notes, not blocks
        self.notes += [self._label(r) for r in self.pending_label_rows]
        if not self.records:
            raise YearbookFormatError(
                Location(grid.file, grid.sheet), "no values found under the header", "data rows below the header row"
            )
        return self.records

    def _value_cols(self, r: int) -> list[int]:
        """The value cells of row ``r``: neither column A, nor the unit column, nor a label column holding text
        (a number in a label column is a value under an empty header cell)."""
        skip = {0, self.header.unit_col}
        out = []
        for c in self.grid.nonempty(r):
            if c in skip or (c in self.header.label_cols and _is_text_label(self.grid.cell(r, c))):
                continue
            out.append(c)
        return out

    def _label(self, r: int) -> str:
        """Column A with the label columns: ``"Tổng số" | "Total"`` → ``"Tổng số - Total"``."""
        cols = [0] + [c for c in self.header.label_cols if c not in self._value_cols(r)]
        return " - ".join(norm_text(str(v)) for v in (self.grid.cell(r, c) for c in cols) if v is not None)

    # -- label-only rows ---------------------------------------------------------------------------------------

    def _label_row(self, r: int, next_r: int | None) -> None:
        """A footnote, a unit row, a block label or a grouping row."""
        grid = self.grid
        label = self._label(r)
        if _FOOTNOTE_PREFIX.match(label):
            self.notes.append(label)
            return
        if is_unit_label(label):
            if self.data_seen_in_block:
                raise YearbookFormatError(
                    grid.loc(r, 0),
                    f"unit row '{label}' after data rows of the same block",
                    "a unit row directly under the header or under a block label",
                )
            self.block_unit_row = unit_from_unit_label(label)
            return
        if self.header.orientation == "years_in_rows" and parse_year_token(label):
            raise YearbookFormatError(grid.loc(r, 1), f"year row '{label}' has no values", "values in the series columns")
        measure, unit = measure_and_unit_of_block(label)
        next_is_unit = next_r is not None and not self._value_cols(next_r) and is_unit_label(self._label(next_r))
        self.pending_label_rows.append(r)
        self.of_which_group = of_which_label(label) is not None
        if measure == "level" and unit is None and not next_is_unit:
            # a grouping row ("Phân theo loại hình kinh tế", "Trong đó"): same block, same unit
            self.group = label
            return
        self.block = Block(label, measure, unit, r)
        self.block_unit_row = None
        self.group = ""
        self.data_seen_in_block = False

    # -- value rows --------------------------------------------------------------------------------------------

    def _value_row(self, r: int, cols: list[int]) -> None:
        """A row of printed values: one record per value cell."""
        for c, (series, tok) in self._row_cells(r, cols).items():
            if series is None or tok is None:
                what = "a year" if self.header.orientation == "years_in_columns" else "a series label"
                raise YearbookFormatError(
                    self.grid.loc(r, c), "value under an empty header cell", f"{what} in the header row above this column"
                )
            self._add_value(r, c, series, tok)
        self.data_seen_in_block = True
        self.pending_label_rows.clear()

    def _row_cells(self, r: int, cols: list[int]) -> dict[int, tuple[str | None, YearToken | None]]:
        """Series label and year of every value cell of row ``r``."""
        grid, header = self.grid, self.header
        first = grid.cell(r, 0)
        if first is None and not (header.orientation == "years_in_columns" and self._label(r)):
            raise YearbookFormatError(
                grid.loc(r, 0),
                "values without a label in column A",
                "a series label (years in columns) or a year (years in rows) in column A",
            )
        if header.orientation == "years_in_columns":
            series = self._label(r)
            if parse_year_token(series):
                raise YearbookFormatError(
                    grid.loc(r, 0),
                    f"a year ('{series}') in column A of a table whose header holds years",
                    "one orientation: years in the header row or in column A, not both",
                )
            return {c: (series, header.tokens.get(c)) for c in cols}
        tok = parse_year_token(first)
        if tok is None:
            raise YearbookFormatError(
                grid.loc(r, 0),
                f"'{first}' is not a year",
                "a year such as 2016 or 'Sơ bộ - Prel. 2016' in column A",
            )
        return {c: (header.series_by_col.get(c), tok) for c in cols}

    def _unit_for(self, c: int) -> str | None:
        """Most specific first: the row's unit column, block label, unit row of the block, column header,
        table unit row. With years in columns a unit printed in a year's header cell ("2023/2022 (%)")
        comes right after the row's unit: it holds for that column in every block."""
        col_unit = self.header.col_units.get(c)
        if self.header.orientation == "years_in_columns" and col_unit:
            return self.row_unit or col_unit
        return self.row_unit or self.block.unit or self.block_unit_row or col_unit or self.header.table_unit

    def _measure_and_unit(self, r: int, c: int) -> tuple[str, str | None]:
        """The block's measure and the unit of cell ``(r, c)``; a year-pair column in a header that also has
        single years is an index on the earlier year (%), in a levels or index block alike."""
        if c not in self.header.index_cols:
            return self.block.measure, self._unit_for(c)
        if self.block.measure == "structure":
            raise YearbookFormatError(
                self.grid.loc(r, c),
                f"a year-pair column ({self.header.tokens[c].period}) in a structure block",
                "year pairs (an index on the earlier year) in a levels or index block only",
            )
        return "index", "%"

    def _parse(self, r: int, c: int) -> tuple[ParsedNumber, Any]:
        """The printed value of cell ``(r, c)`` and the raw cell; formulas are refused, never evaluated."""
        loc, raw = self.grid.loc(r, c), self.grid.rows[r][c]
        if (r, c) in self.grid.formulas:
            raise YearbookFormatError(
                loc,
                f"cell holds a formula ({self.grid.formulas[(r, c)]}); formulas are never evaluated",
                "a printed value (paste values in Excel)",
            )
        try:
            return parse_printed(raw), raw
        except NotANumber as exc:
            raise YearbookFormatError(loc, str(exc), "a number in Vietnamese notation, '-', '...' or 'x'") from None

    def _check_value(self, r: int, c: int, series: str, parsed: ParsedNumber, unit: str | None, measure: str) -> None:
        """A levels block needs a unit; counts of persons are not negative; '9,49%' needs a unit in %."""
        loc, block = self.grid.loc(r, c), self.block
        if parsed.percent and "%" not in (unit or ""):
            raise YearbookFormatError(
                loc,
                f"'{self.grid.rows[r][c]}' is printed with '%' but the unit is '{unit}'",
                "a percentage only where the block or column unit is '%'",
            )
        if unit is None and measure == "level":
            where = f"block '{block.label}'" if block.label else "the first block"
            raise YearbookFormatError(
                loc,
                f"no unit for the levels in {where}",
                "a unit row (e.g. 'Triệu đồng - Mill. dongs') or a unit in the header or block label",
            )
        if (
            not math.isnan(parsed.value)
            and parsed.value < 0
            and measure == "level"
            and unit
            and (_PERSON_UNIT.search(unit) or _PERSON_UNIT.search(series))
        ):
            raise YearbookFormatError(loc, f"negative count of persons ({self.grid.rows[r][c]})", "a count of 0 or more")

    def _check_year(self, cell: str, series: str, tok: YearToken) -> None:
        """Each year once per series, group and block, in increasing order."""
        key = (self.block.label, self.group, series, tok.period)
        loc = Location(self.grid.file, self.grid.sheet, cell=cell)
        if key in self.seen:
            raise YearbookFormatError(
                loc,
                f"year {tok.period} appears twice for '{series}' (first at {self.seen[key]})",
                "each year once per series and block",
            )
        self.seen[key] = cell
        prev = self.last_year.get(key[:3])
        if prev and tok.year < prev[0]:
            raise YearbookFormatError(loc, f"year {tok.period} comes after {prev[0]} (at {prev[1]})", "years in increasing order")
        self.last_year[key[:3]] = (tok.year, cell)

    def _add_value(self, r: int, c: int, series: str, tok: YearToken) -> None:
        parsed, raw = self._parse(r, c)
        measure, unit = self._measure_and_unit(r, c)
        self._check_value(r, c, series, parsed, unit, measure)
        cell = self.grid.loc(r, c).cell or ""
        self._check_year(cell, series, tok)
        decimals = parsed.decimals
        if isinstance(raw, str):
            self._note_notation(cell, raw.strip(), parsed)
        else:
            decimals = self.grid.decimals.get((r, c), decimals)  # as the workbook displays the number
        clean = of_which_label(series)
        of_which = clean is not None or self.of_which_group or c in self.header.of_which_cols
        self.records.append(
            {
                "series": series,
                "year": tok.year,
                "period": tok.period,
                "value": parsed.value,
                "block": self.block.label,
                "group": self.group,
                "measure": measure,
                "unit": unit or "",
                "preliminary": tok.preliminary,
                "status": tok.status,
                "symbol": parsed.symbol,
                "value_text": str(raw).strip(),
                "decimals": decimals,
                "source_file": self.grid.file,
                "sheet": self.grid.sheet or "",
                "cell": cell,
                "line": self.grid.line(r),
                "of_which": of_which,
                "series_clean": clean or series,
            }
        )

    def _note_notation(self, cell: str, text: str, parsed: ParsedNumber) -> None:
        """Remember how a printed whole number ≥ 1000 groups its thousands (text cells only: a number
        stored as a number in a workbook has no printed notation)."""
        if parsed.symbol or abs(parsed.value) < 1000 or parsed.decimals != 0:
            return
        if parsed.grouped:
            self.grouped_cells.append(cell)
        elif re.fullmatch(r"[+-]?\d+", text):
            self.plain_cells.append(cell)

    def warn_mixed_notation(self) -> None:
        """Warn (:class:`~analysis.core.errors.DataWarning`) when text cells mix '1.234' and '1234'."""
        if self.grouped_cells and self.plain_cells:
            warnings.warn(
                f"{Location(self.grid.file, self.grid.sheet)}: mixed thousands notation — grouped with '.' at "
                f"{', '.join(self.grouped_cells[:3])} but plain digits at {', '.join(self.plain_cells[:3])}; "
                "check the print",
                DataWarning,
                stacklevel=4,
            )


def _is_text_label(v: Any) -> bool:
    """A cell of a label column that is a label: text that is not a number or a symbol."""
    if not isinstance(v, str):
        return False
    try:
        parse_vn_number(v)
    except NotANumber:
        return True
    return False
