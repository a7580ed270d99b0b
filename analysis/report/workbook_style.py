"""Cell styles and page layout of the Excel report (:mod:`analysis.report.workbook`).

Times New Roman 10 pt throughout (also the default style), Vietnamese number formats
(``[$-42A]``, with ``"hơn "`` etc. before a qualified value), the look of each evidence
status, row heights estimated from the text length and column width, header and
banner rows, and the print setup (A4 landscape, one page wide, repeated header row,
footer with the study title and page numbers). openpyxl is imported on first use.
"""

from __future__ import annotations

from typing import Any

from analysis.core.vocabulary import Verdict
from analysis.studies.study import Study
from analysis.wording.labels import STATUS_LOOK, is_missing, light

from .properties import document_properties, set_workbook_properties
from .text_width import wrapped_lines

__all__ = [
    "FONT",
    "BODY_PT",
    "estimate_lines",
    "_VERDICT_FILL",
    "_row_height",
    "_font",
    "_border",
    "_fill",
    "_numfmt",
    "_new_workbook",
    "_columns",
    "_header",
    "_banner",
    "_print_setup",
    "_evidence_cell",
    "_keep_headings_with_rows",
    "print_scale",
]

FONT = "Times New Roman"
BODY_PT = 10.0
_HEADER_FILL = "1F4E78"
_VERDICT_FILL = {v.value: light(v.colour) for v in Verdict}
_WHOLE_UNITS = {"mn_USD", "bn_VND", "persons", "mn_VND", "count"}
_PREFIX = {"lower_bound": ">", "upper_bound": "<", "approximate": "~"}
#: points a column width unit prints at 100 % (calibrated on LibreOffice: 162,5 units print one page wide at 96 %)
_PT_PER_UNIT = 5.03
#: a cell's left and right inner margins and grid line, in points
_CELL_PAD_PT = 4.0
#: share of a line's width text is allowed to fill (LibreOffice's screen-resolution layout runs wider)
_WIDTH_SAFETY = 0.9


# ---------------------------------------------------------------------------------------------------------
# layout helpers
# ---------------------------------------------------------------------------------------------------------
def estimate_lines(text: Any, width: float, size: float = BODY_PT, bold: bool = False, font: str = FONT) -> int:
    """Lines a wrapped cell needs: ``width`` in Excel character units, text in ``font`` at ``size`` pt.

    Measured with the font's glyph widths (:mod:`analysis.report.text_width`) against the column's
    printed width less the cell's inner margins, with a safety factor: LibreOffice lays cells
    out at screen resolution, where glyphs run a few per cent wider than their nominal width,
    so an estimate that counted exactly would leave the last line of a long note clipped.
    Explicit line breaks start new lines.
    """
    if is_missing(text):
        return 1
    room = max(1.0, (width * _PT_PER_UNIT - _CELL_PAD_PT) * _WIDTH_SAFETY)
    return wrapped_lines(str(text), room, size, font, bold)


def _row_height(cells: list[tuple[Any, float, float, bool]]) -> float:
    """Row height in points for cells given as (text, width, size, bold)."""
    return max(round(estimate_lines(t, w, s, b) * s * 1.2 + 3, 1) for t, w, s, b in cells)


def _font(bold: bool = False, italic: bool = False, size: float = BODY_PT, colour: str | None = None) -> Any:
    from openpyxl.styles import Font

    return Font(name=FONT, size=size, bold=bold, italic=italic, color=colour)


def _border() -> Any:
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="999999")
    return Border(top=thin, bottom=thin, left=thin, right=thin)


def _fill(colour: str) -> Any:
    from openpyxl.styles import PatternFill

    return PatternFill("solid", fgColor=colour) if colour else PatternFill()


def _decimals(value: float, least: int, most: int = 2) -> int:
    for d in range(least, most + 1):
        if abs(round(value, d) - value) < 1e-9:
            return d
    return most


def _numfmt(unit: Any, value: Any = None, qualifier: Any = "", decimals: int | None = None) -> str:
    """A Vietnamese number format (``[$-42A]#,##0.0``), with ``"hơn "`` etc. before a qualified value.

    ``decimals``: those the value's source printed (:func:`analysis.wording.vnformat.shown_decimals`); a value
    shown in a larger unit than its source's (million USD as billion USD) keeps the digits it has.
    """
    least = 0 if str(unit) in _WHOLE_UNITS else 1
    most = 3 if str(unit) == "bn_USD" else 2  # million USD shown in billion USD: 0,125 keeps its digits
    if decimals is not None and str(unit) != "bn_USD":
        d = decimals
    else:
        d = least if is_missing(value) else _decimals(float(value), least, most)
    body = "#,##0" + ("." + "0" * d if d else "")
    prefix = _PREFIX.get(str(qualifier or ""), "")
    return f'[$-42A]"{prefix}"{body}' if prefix else f"[$-42A]{body}"


def _new_workbook(study: Study) -> Any:
    """A workbook whose default style is the house font (so even empty cells and headers are named)."""
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils.indexed_list import IndexedList

    wb = openpyxl.Workbook()
    wb._fonts = IndexedList([Font(name=FONT, sz=BODY_PT, family=1)])
    wb._named_styles["Normal"].font = Font(name=FONT, sz=BODY_PT, family=1)
    set_workbook_properties(wb, document_properties(study, "workbook"))
    return wb


def _columns(ws: Any, widths: list[float]) -> None:
    from openpyxl.utils import get_column_letter

    for c, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = w


def _header(ws: Any, row: int, labels: list[str], widths: list[float]) -> float:
    from openpyxl.styles import Alignment

    for c, v in enumerate(labels, 1):
        cell = ws.cell(row=row, column=c, value=v)
        cell.font = _font(bold=True, colour="FFFFFF")
        cell.fill = _fill(_HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = _border()
    height = _row_height([(v, w, BODY_PT, True) for v, w in zip(labels, widths, strict=True)])
    ws.row_dimensions[row].height = height
    return height


def _banner(
    ws: Any, row: int, text: str, width: float, ncols: int, *, size: float = BODY_PT, bold: bool = False, italic: bool = False
) -> float:
    """A full-width merged line (title, legend), wrapped, with its height set."""
    from openpyxl.styles import Alignment

    cell = ws.cell(row=row, column=1, value=text)
    cell.font = _font(bold=bold, italic=italic, size=size)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
    height = _row_height([(text, width, size, bold)])
    ws.row_dimensions[row].height = height
    return height


def page_setup(ws: Any, title_rows: str | None, footer_left: str = "", font: str = FONT) -> None:
    """A4 landscape, one page wide, as many pages tall as needed, ``title_rows`` (``"2:2"``) repeated on
    every page, footer ``footer_left`` and "Trang x/y"."""
    from openpyxl.worksheet.page import PageMargins

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6, header=0.25, footer=0.25)
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows
    for part, text in ((ws.oddFooter.left, footer_left), (ws.oddFooter.right, "Trang &P/&N")):
        if text:
            part.text = text
            part.font = f"{font},Regular"
            part.size = 9


def _print_setup(ws: Any, study: Study, header_row: int, freeze_col: int = 1) -> None:
    """A4 landscape, one page wide, repeated header row, footer with the study title and page numbers."""
    from openpyxl.utils import get_column_letter

    page_setup(ws, f"{header_row}:{header_row}", study.short_title_vi)
    ws.freeze_panes = f"{get_column_letter(freeze_col)}{header_row + 1}"


#: A4 landscape in points, less the margins of :func:`_print_setup` (0,4 in left and right; 0,5 top, 0,6 bottom)
_PAGE_W_PT, _PAGE_H_PT = (11.69 - 0.8) * 72, (8.27 - 1.1) * 72


def print_scale(total_width: float) -> float:
    """The scale a sheet ``total_width`` units wide prints at, one page wide (never above 100 %)."""
    return min(1.0, _PAGE_W_PT / (total_width * _PT_PER_UNIT))


def _keep_headings_with_rows(
    ws: Any, heights: list[float], headings: list[int], header_row: int, total_width: float, *, slack: float = 0.97
) -> list[int]:
    """Set a page break before each heading row that would print last on its page; returns their rows.

    ``heights[i]`` is the height of row ``i + 1`` (every row is set explicitly, so LibreOffice
    and Excel lay the page out with these heights); the repeated header row starts every page
    after the first. ``slack`` keeps the estimate on the safe side of the real page.
    """
    from openpyxl.worksheet.pagebreak import Break

    capacity = _PAGE_H_PT / print_scale(total_width) * slack
    repeat = heights[header_row - 1]
    used, breaks, heads = 0.0, [], set(headings)
    for r, h in enumerate(heights, 1):
        follow = heights[r] if r < len(heights) else 0.0
        if r in heads and used + h + follow > capacity and used > repeat:
            breaks.append(r)
            used = repeat
        elif used + h > capacity:
            used = repeat
        used += h
    for r in breaks:
        ws.row_breaks.append(Break(id=r - 1))
    return breaks


def _evidence_cell(
    ws: Any,
    r: int,
    c: int,
    value: Any,
    unit: Any,
    status: str,
    qualifier: str,
    note: str,
    text: str = "",
    decimals: int | None = None,
) -> None:
    """A number with its status look, qualifier and a note naming its source.

    ``text`` (``125 triệu USD``) writes the value as words instead, for a value shown in another unit than
    its column (:func:`analysis.wording.text.shown_unit`), with the qualifier's sign before it.
    """
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment

    shown = f"{_PREFIX.get(str(qualifier or ''), '')}{text}" if text else None
    cell = ws.cell(row=r, column=c, value=None if is_missing(value) else (shown or float(value)))
    if is_missing(value):
        return
    italic, fill = STATUS_LOOK.get(status, (False, ""))
    cell.font = _font(italic=italic)
    if fill:
        cell.fill = _fill(fill)
    if shown:
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="right")
    else:
        cell.number_format = _numfmt(unit, value, qualifier, decimals)
    if note:
        cell.comment = Comment(note, "Bộ công cụ", width=260, height=90)
