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
kept in the ``group`` column), "of which" rows ("Trong đó: Công nghiệp", "Trđ: …",
a "Trong đó - Of which" grouping row: flagged in ``of_which``), the unit at the end
of the title ("… (Tỷ đồng)"), "2016 Sơ bộ" / "Ước tính 2024" markers, average
columns ("Bình quân 2016-2020"), cells with line breaks, and workbook cells
formatted as percent.

Also read (layouts of other GSO / provincial offices): year headers spelled
"Sơ bộ\\nPrel. 2023", "Sơ bộ/Prel.", "Sơ bộ (Prel.) 2023", "2023\\nSơ bộ - Prel.",
"Ước tính\\nEstimate 2024", "Ước thực hiện 2024", "Năm 2023 - Year 2023", "2023.0", with
a footnote marker ("2023 (*)", "2023*", dropped); a header over two rows with the years on
the second ("Chỉ tiêu | Thực hiện | Sơ bộ" above "2021 | 2022 | 2023", merged or not; the
upper status applies to the years under it) or a status row under the years; a year-pair
column ("2023/2022 (%)") among single years, read as an index (%); the English label in
its own cell after column A ("Tổng số | Total" → "Tổng số - Total"); empty spacer and
trailing columns, blank rows; the unit in the top-right cell ("Đơn vị tính: Tỷ đồng",
"ĐVT: …"), also on the first title row; block labels carrying their unit
("Diện tích - Area (Nghìn ha)"); values "(1,5)" (accounting negative), grouped with
non-breaking or narrow spaces, "9,49%" (in a % block only), "x" (confidential: symbol
``"x"``, NaN); Excel's "sep=;" first line; workbook number formats as displayed
(scaling "#,##0,," divides, an escaped percent sign does not multiply, a zero shown "-" reads
"-"); hidden rows and columns (not printed: skipped). Text that is UTF-8 misread as
Windows-1252 (mojibake "Tá»•ng") is refused, as are non-UTF-8 files (Windows-1258).

Every printed value becomes one row of a tidy :class:`pandas.DataFrame`, with the
cell and the physical source line it came from. Nothing is guessed: a cell that is
not a number in Vietnamese notation, a duplicated year, a levels block without
unit, a missing header row or a sheet that is no yearbook table raise
:class:`~analysis.core.errors.YearbookFormatError` naming the file, sheet and cell.

The work is split in three steps, one module each: :mod:`analysis.sources.yearbook.grid`
reads the cells, :mod:`analysis.sources.yearbook.header` finds titles, unit, header and
orientation, :mod:`analysis.sources.yearbook.rows` reads the data rows.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .grid import Grid, read_grid
from .header import detect_header
from .rows import RowReader

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["read_yearbook_table", "YEARBOOK_COLUMNS"]

YEARBOOK_COLUMNS = [
    "series",
    "year",
    "period",
    "value",
    "block",
    "group",
    "measure",
    "unit",
    "preliminary",
    "status",
    "symbol",
    "value_text",
    "decimals",
    "source_file",
    "sheet",
    "cell",
    "line",
    "of_which",
    "series_clean",
]

_DTYPES = {"year": "int64", "value": "float64", "preliminary": "bool", "decimals": "int64", "line": "int64", "of_which": "bool"}


def read_yearbook_table(path: str | Path, sheet: str | None = None) -> pd.DataFrame:
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
        ``value``   float (NaN only where ``symbol`` is ``"-"`` no occurrence,
        ``"..."`` not collected or ``"x"`` confidential);
        ``block``   label of the block ("" for the first, unlabelled block);
        ``group``   label of the grouping row above the value, if any;
        ``measure`` ``level`` / ``index`` (previous year = 100) / ``structure`` (%);
        ``unit``    unit as printed; ``preliminary`` (bool) and ``status``
        (official / preliminary / estimate) from "Sơ bộ - Prel." / "Ước" markers;
        ``value_text`` the cell as printed; ``decimals`` printed decimals (for a
        number stored in a workbook: the decimals its number format displays);
        ``source_file``, ``sheet``, ``cell`` (e.g. ``"C7"``: the spreadsheet row,
        for a CSV the record number);
        ``line``    int, 1-based physical line of the file on which the value's
        record starts (CSV: larger than the cell's row when an earlier quoted cell
        holds a line break; XLSX: the sheet row);
        ``of_which`` bool, True for an "of which" component, which does not add up
        with its siblings: a series label starting with "Trong đó", "Trđ",
        "Tr.đó", "- Trong đó" or (English only) "Of which"; a value under a
        label-only row starting so ("Trong đó - Of which", a grouping row or a
        block label), until the next grouping row or block; or a column under an
        upper "Trong đó" cell of a two-row header. "Chia ra - Of which"
        (divided into) is not an "of which" marker;
        ``series_clean`` the series label without its "of which" marker
        (``"Trong đó: Công nghiệp - Of which: Industry"`` → ``"Công nghiệp - Industry"``);
        equal to ``series`` for every other label.

        ``DataFrame.attrs`` holds ``title`` (Vietnamese), ``title_en``,
        ``table_number``, ``orientation`` (``years_in_columns`` or
        ``years_in_rows``), ``notes`` (footnotes), ``source_file``, ``sheet`` and
        ``table_unit``.

    Raises
    ------
    YearbookFormatError
        Naming file, sheet and cell, for anything that does not fit the layout.

    Warns
    -----
    DataWarning
        When thousands grouping is used for some values of 1,000 or more and not
        for others (mixed notation: check the source print). Only cells holding
        text count: a number stored as a number in a workbook has no notation.
    """
    return _parse_grid(read_grid(path, sheet))


def _parse_grid(grid: Grid) -> pd.DataFrame:
    """The tidy table of one sheet's cells (see :func:`read_yearbook_table`)."""
    import pandas as pd

    header = detect_header(grid)
    reader = RowReader(grid, header)
    records = reader.read()
    reader.warn_mixed_notation()
    df = pd.DataFrame.from_records(records, columns=YEARBOOK_COLUMNS).astype(_DTYPES)
    df.attrs.update(header.attrs(grid))
    df.attrs["notes"] = reader.notes
    return df
