"""The statistical-yearbook table reader: the grid of cells, header detection, row labels and
the row state machine (any layout: years in rows or columns, blocks, one- or two-row headers).
"""

from .grid import Grid, col_letter, norm_text, read_grid
from .header import Header, detect_header
from .labels import (
    YearToken,
    is_unit_column,
    is_unit_label,
    measure_and_unit_of_block,
    of_which_label,
    parse_year_token,
    split_header_unit,
    status_of_label,
    unit_from_header,
    unit_from_unit_label,
)
from .reader import YEARBOOK_COLUMNS, read_yearbook_table
from .rows import Block, RowReader

__all__ = [
    "Block",
    "Grid",
    "Header",
    "RowReader",
    "YEARBOOK_COLUMNS",
    "YearToken",
    "col_letter",
    "detect_header",
    "is_unit_column",
    "is_unit_label",
    "measure_and_unit_of_block",
    "norm_text",
    "of_which_label",
    "parse_year_token",
    "read_grid",
    "read_yearbook_table",
    "split_header_unit",
    "status_of_label",
    "unit_from_header",
    "unit_from_unit_label",
]
