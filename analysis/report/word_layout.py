"""Layout of the Word draft (:mod:`analysis.report.word`): styles, page setup, paragraphs and tables.

Decree 30/2020/NĐ-CP: A4 portrait, Times New Roman 13 pt (tables 11 pt), margins top
and bottom 20 mm, left 30 mm, right 15 mm, page numbers centred at the top from the
second page. The helpers add paragraphs, table cells and bordered tables with fixed
column widths in that house style (python-docx, imported on first use).
"""

from __future__ import annotations

from typing import Any

from analysis.wording.labels import is_missing
from analysis.wording.text import document_title

from .properties import document_properties, set_office_properties

__all__ = [
    "FONT",
    "BODY_PT",
    "TABLE_PT",
    "MARGINS_MM",
    "STT_MM",
    "_new_document",
    "_para",
    "_cell_text",
    "_table",
    "_widths",
    "_add_row",
    "_row_props",
]

FONT = "Times New Roman"
BODY_PT = 13
TABLE_PT = 11
#: top, bottom, left, right (Decree 30/2020/NĐ-CP: 20–25, 20–25, 30–35, 15–20 mm)
MARGINS_MM = (20, 20, 30, 15)
#: width of the number column of every table ("STT", "P13"): room for three characters at 11 pt plus the cell margins
STT_MM = 15


# ---------------------------------------------------------------------------------------------------------
# fonts and styles
# ---------------------------------------------------------------------------------------------------------
def _rfonts(rpr: Any) -> None:
    """Name the house font for every script and drop theme fonts (which would override the name).

    ``rpr`` is a run-properties element (its ``w:rFonts`` is created if absent) or a ``w:rFonts`` itself.
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rfonts = rpr.find(qn("w:rFonts")) if rpr.tag != qn("w:rFonts") else rpr
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in list(rfonts.attrib):
        if attr.endswith(("Theme", "theme")):
            del rfonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT)


def _defaults(doc: Any) -> None:
    """Document defaults: the house font, Vietnamese language, 13 pt."""
    from docx.oxml.ns import qn

    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _rfonts(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        for attr in ("w:val", "w:eastAsia"):
            lang.set(qn(attr), "vi-VN")
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is not None:
            el.set(qn("w:val"), str(BODY_PT * 2))


def _styles(doc: Any) -> None:
    """Normal and headings in Times New Roman, black, sizes and spacing of an administrative document."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    _defaults(doc)
    from docx.oxml.ns import qn

    for style in doc.styles:
        if style.type != 4:  # paragraph, character and table styles (not numbering)
            _rfonts(style.element.get_or_add_rPr())
    for rfonts in list(doc.styles.element.iter(qn("w:rFonts"))):  # also table styles' conditional parts
        _rfonts(rfonts)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    pf = normal.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.space_before, pf.space_after, pf.line_spacing = Pt(0), Pt(6), 1.15
    pf.first_line_indent = Cm(1.0)
    for name, size in (("Heading 1", BODY_PT), ("Heading 2", BODY_PT), ("Heading 3", BODY_PT), ("Title", 14)):
        st = doc.styles[name]
        st.font.size, st.font.bold, st.font.italic = Pt(size), True, False
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.paragraph_format.space_before, st.paragraph_format.space_after = Pt(6), Pt(6)
        st.paragraph_format.first_line_indent = Cm(0 if name == "Title" else 1.0)
        st.paragraph_format.keep_with_next = True
    doc.styles["Heading 3"].font.italic = False


def _page(doc: Any) -> None:
    """A4 portrait with the margins of Decree 30; page number centred at the top from page 2."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = (Mm(m) for m in MARGINS_MM)
    sec.header_distance, sec.footer_distance = Mm(10), Mm(10)
    sec.different_first_page_header_footer = True
    p = sec.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    fld.append(run)
    p._p.append(fld)


def _new_document(study: Any) -> Any:
    import docx

    doc = docx.Document()
    _styles(doc)
    _page(doc)
    title = f"{document_title(study)} — {study.short_title_vi}"
    set_office_properties(doc.core_properties, document_properties(study, "document", title))
    return doc


# ---------------------------------------------------------------------------------------------------------
# paragraphs and tables
# ---------------------------------------------------------------------------------------------------------
def _para(
    doc_or_cell: Any,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    align: str | None = None,
    indent: bool = True,
    after: float | None = None,
) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc_or_cell.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        if size:
            run.font.size = Pt(size)
    if align:
        p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}[
            align
        ]
    if not indent:
        p.paragraph_format.first_line_indent = Pt(0)
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    return p


def _cell_text(
    cell: Any, text: Any, *, bold: bool = False, italic: bool = False, align: str = "left", size: float = TABLE_PT
) -> Any:
    """Fill a table cell with one left-aligned, unindented paragraph (lines split at '\\n')."""
    from docx.shared import Pt

    p = cell.paragraphs[0]
    p.paragraph_format.first_line_indent = Pt(0)
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = 1.0
    p.alignment = {"left": 0, "center": 1, "right": 2}[align]
    for k, line in enumerate(("" if is_missing(text) else str(text)).split("\n")):
        if k:
            p.add_run().add_break()
        run = p.add_run(line)
        run.bold, run.italic = bold or None, italic or None
        run.font.size = Pt(size)
    return p


def _row_props(row: Any, *, header: bool = False) -> None:
    """A row that never splits across pages (``w:cantSplit``); a header row also repeats on every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit",) + (("w:tblHeader",) if header else ()):
        el = OxmlElement(tag)
        el.set(qn("w:val"), "true")
        trpr.append(el)


def _table(doc: Any, header: list[str], widths_mm: list[float]) -> Any:
    """A bordered table with a bold repeated header row, rows that do not split, fixed column widths.

    The header row's paragraphs keep with the next row, so a table never starts with its header
    alone at the bottom of a page.
    """
    from docx.shared import Mm

    t = doc.add_table(rows=1, cols=len(header))
    t.style = doc.styles["Table Grid"]
    _widths(t, widths_mm)
    for cell, h, w in zip(t.rows[0].cells, header, widths_mm, strict=True):
        _cell_text(cell, h, bold=True, align="center").paragraph_format.keep_with_next = True
        cell.width = Mm(w)
    _row_props(t.rows[0], header=True)
    return t


def _widths(t: Any, widths_mm: list[float]) -> None:
    """Fixed column widths (the grid Word and LibreOffice lay the table out by)."""
    from docx.shared import Mm

    t.autofit = False
    for col, w in zip(t.columns, widths_mm, strict=True):
        col.width = Mm(w)


def _add_row(t: Any, texts: list[Any], widths_mm: list[float], looks: dict[int, tuple[bool, bool]] | None = None) -> None:
    from docx.shared import Mm

    row = t.add_row()
    _row_props(row)
    cells = row.cells
    for k, (cell, text, w) in enumerate(zip(cells, texts, widths_mm, strict=True)):
        bold, italic = (looks or {}).get(k, (False, False))
        _cell_text(cell, text, bold=bold, italic=italic)
        cell.width = Mm(w)
