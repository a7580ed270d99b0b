"""The Word draft of Section I of a study's report (python-docx).

Laid out as Vietnamese administrative documents are (Decree 30/2020/NĐ-CP):
A4 portrait, Times New Roman 13 pt (tables 11 pt), margins top and bottom 20 mm,
left 30 mm, right 15 mm, page numbers centred at the top from the second page, a
letterhead with blanks for the agency, number and date. Then:

* the section and its heading from the study (``[report]`` in ``study.toml``),
  an opening paragraph with the verdict counts;
* one sub-heading per item of the outline, in the outline's order, and under it
  one paragraph per target: its result sentence, the caveats not already said
  and the numbers of its sources in the list below ("[3]");
* the results table (target, goal, value with its evidence status, verdict, sources);
* the sources as a numbered list: publisher, publication date, the verbatim
  excerpt and the address;
* annex 1: the value of every reporting year with its status and source; annex 2:
  the data still needed for targets that are not assessed, and who holds it.

No internal code reaches the text (labels from :mod:`analysis.report_text`). The
file is written atomically and byte-identically (:mod:`analysis.ooxml`).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .ooxml import save_ooxml
from .paths import processed_dir
from .report_text import (
    NEEDS_DATA,
    STATUS_LOOK,
    document_title,
    flag_sentences,
    is_missing,
    period_vi,
    source_records,
    status_vi,
    unit_vi,
    value_text,
    verdict_counts_vi,
    yearly_entries,
)

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = ["write_docx", "DOCX_NAME", "FONT", "BODY_PT", "TABLE_PT", "MARGINS_MM"]

DOCX_NAME = "bao-cao-muc-I.docx"
FONT = "Times New Roman"
BODY_PT = 13
TABLE_PT = 11
#: top, bottom, left, right (Decree 30/2020/NĐ-CP: 20–25, 20–25, 30–35, 15–20 mm)
MARGINS_MM = (20, 20, 30, 15)
#: flags the result sentence (analysis.assessment.Assessment.statement_vi) already states
_SAID_IN_STATEMENT = {"boundary_merged", "boundary_pre2025", "derived", "boundary_unknown", "conflicting_sources",
                      "not_comparable_territory",
                      "other_boundary_values", "published_average", "lower_bound"}
_LETTERS = "abcdefghiklmnopqrstuvxy"


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
        if style.type != 4:                             # paragraph, character and table styles (not numbering)
            _rfonts(style.element.get_or_add_rPr())
    for rfonts in list(doc.styles.element.iter(qn("w:rFonts"))):   # also table styles' conditional parts
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
    cp = doc.core_properties
    cp.title = f"{document_title(study)} — {study.short_title_vi}"
    cp.subject = study.title_vi
    cp.author = cp.last_modified_by = "Bộ công cụ phân tích chỉ tiêu"
    cp.language = "vi-VN"
    cp.revision = 1
    cp.comments = ""
    cp.keywords = ""
    return doc


# ---------------------------------------------------------------------------------------------------------
# paragraphs and tables
# ---------------------------------------------------------------------------------------------------------
def _para(doc_or_cell: Any, text: str = "", *, bold: bool = False, italic: bool = False, size: float | None = None,
          align: str | None = None, indent: bool = True, after: float | None = None) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc_or_cell.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        if size:
            run.font.size = Pt(size)
    if align:
        p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                       "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    if not indent:
        p.paragraph_format.first_line_indent = Pt(0)
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    return p


def _cell_text(cell: Any, text: Any, *, bold: bool = False, italic: bool = False, align: str = "left",
               size: float = TABLE_PT) -> Any:
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


def _table(doc: Any, header: list[str], widths_mm: list[float]) -> Any:
    """A bordered table with a bold repeated header row and fixed column widths."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    t = doc.add_table(rows=1, cols=len(header))
    t.style = doc.styles["Table Grid"]
    _widths(t, widths_mm)
    for cell, h, w in zip(t.rows[0].cells, header, widths_mm, strict=True):
        _cell_text(cell, h, bold=True, align="center")
        cell.width = Mm(w)
    trpr = t.rows[0]._tr.get_or_add_trPr()
    head = OxmlElement("w:tblHeader")
    head.set(qn("w:val"), "true")
    trpr.append(head)
    return t


def _widths(t: Any, widths_mm: list[float]) -> None:
    """Fixed column widths (the grid Word and LibreOffice lay the table out by)."""
    from docx.shared import Mm

    t.autofit = False
    for col, w in zip(t.columns, widths_mm, strict=True):
        col.width = Mm(w)


def _add_row(t: Any, texts: list[Any], widths_mm: list[float],
             looks: dict[int, tuple[bool, bool]] | None = None) -> None:
    from docx.shared import Mm

    cells = t.add_row().cells
    for k, (cell, text, w) in enumerate(zip(cells, texts, widths_mm, strict=True)):
        bold, italic = (looks or {}).get(k, (False, False))
        _cell_text(cell, text, bold=bold, italic=italic)
        cell.width = Mm(w)


# ---------------------------------------------------------------------------------------------------------
# document parts
# ---------------------------------------------------------------------------------------------------------
def _letterhead(doc: Any, study: Any) -> None:
    """Agency and national motto side by side (blanks for the agency, number, place and date), then the title."""
    from docx.shared import Mm

    t = doc.add_table(rows=1, cols=2)
    _widths(t, [60, 105])
    left, right = t.rows[0].cells
    _cell_text(left, "TÊN CƠ QUAN, ĐƠN VỊ\n———", bold=True, align="center", size=12)
    _para(left, "Số: …/BC-…", size=12, align="center", indent=False, after=0)
    _cell_text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n———", bold=True,
               align="center", size=12)
    _para(right, "…, ngày … tháng … năm …", italic=True, size=12, align="center", indent=False, after=0)
    for cell, w in zip(t.rows[0].cells, (60, 105), strict=True):
        cell.width = Mm(w)
    report = study.section("report")
    _para(doc, "BÁO CÁO", bold=True, size=14, align="center", indent=False, after=0)
    _para(doc, "Tình hình thực hiện các chỉ tiêu", bold=True, size=14, align="center", indent=False, after=0)
    _para(doc, study.title_vi, bold=True, align="center", indent=False, after=0)
    _para(doc, "(Dự thảo phần kết quả thực hiện các chỉ tiêu, lập từ số liệu đã công bố)", italic=True,
          align="center", indent=False)
    if report.get("recipient_vi"):
        _para(doc, f"Kính gửi: {report['recipient_vi']}", align="center", indent=False)


def _opening(doc: Any, card: Any, study: Any) -> None:
    resolution = study.section("resolution")
    report = study.section("report")
    doc.add_heading(report.get("section_vi", "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"), level=1)
    doc.add_heading(report.get("heading_vi", study.short_title_vi), level=2)
    source = resolution.get("name_vi", study.title_vi)
    where = f", {resolution['section_vi']}," if resolution.get("section_vi") else ""
    judged = card[card["evidence_status"].fillna("") != ""]
    weak = judged["evidence_status"].value_counts()
    basis = ", ".join(f"{int(n)} kết quả dựa trên số {status_vi(s)}" for s, n in weak.items())
    _para(doc, f"{source}{where} đặt {len(card)} chỉ tiêu đến năm {study.target_year}. Theo số liệu hiện có, "
               f"{verdict_counts_vi(card)}." + (f" Trong đó {basis}; các kết quả này cần được thay bằng số liệu "
                                                 "chính thức của cơ quan thống kê khi có." if basis else ""))


def _target_paragraph(doc: Any, rec: dict[str, Any], numbers: dict[str, int]) -> None:
    refs = _refs(rec, numbers)
    extra = [s for f, s in _flags(rec["flags"]) if f not in _SAID_IN_STATEMENT]
    text = f"- {rec['statement_vi']}" + (f" Lưu ý: {' '.join(extra)}" if extra else "")
    p = _para(doc, text)
    if refs:
        p.add_run(" " + ", ".join(f"[{n}]" for n in refs))


def _flags(flags: Any) -> list[tuple[str, str]]:
    codes = [f.strip() for f in ("" if is_missing(flags) else str(flags)).split(";") if f.strip()]
    return [(c, flag_sentences(c)[0]) for c in codes]


def _refs(rec: dict[str, Any], numbers: dict[str, int]) -> list[int]:
    ids = [oid for _, (_, oid) in sorted(yearly_entries(rec["yearly_status"]).items())]
    ids += [s for s in ("" if is_missing(rec["sources"]) else str(rec["sources"])).split("; ") if s]
    return sorted({numbers[i] for i in ids if i in numbers})


def _outline(doc: Any, card: Any, numbers: dict[str, int]) -> None:
    """One sub-heading per outline item, in the outline's order, one paragraph per target under it."""
    last, k = None, -1
    for rec in card.to_dict("records"):
        if rec["outline_item"] != last:
            last, k = rec["outline_item"], k + 1
            doc.add_heading(f"{_LETTERS[k % len(_LETTERS)]}) {rec['outline_vi']}", level=3)
        _target_paragraph(doc, rec, numbers)


def _results_table(doc: Any, card: Any, study: Any, numbers: dict[str, int], src: dict[str, dict]) -> None:
    doc.add_heading("Bảng kết quả thực hiện các chỉ tiêu", level=3)
    widths = [12, 58, 24, 30, 20, 21]
    t = _table(doc, ["STT", "Chỉ tiêu", f"Mục tiêu đến năm {study.target_year}", "Thực hiện", "Đánh giá", "Nguồn"],
               widths)
    for rec in card.to_dict("records"):
        used = [s for s in ("" if is_missing(rec["sources"]) else str(rec["sources"])).split("; ") if s]
        qual = src.get(used[0], {}).get("qualifier", "") if len(used) == 1 else ""
        value = value_text(rec["actual"], rec["unit"], qual, rec["evidence_status"])
        value = f"{value}\n{period_vi(rec['period'])}" if value else "–"
        italic = STATUS_LOOK.get(rec["evidence_status"] or "", (False, ""))[0]
        _add_row(t, [rec["target_id"], rec["target_vi"], rec["target_text_vi"], value, rec["status"],
                     ", ".join(f"[{numbers[i]}]" for i in used if i in numbers)], widths,
                 looks={3: (False, italic), 4: (True, False)})
    _para(doc, "Số in nghiêng: số ước tính hoặc nguồn thứ cấp; trạng thái của số liệu ghi trong ngoặc. Số trong "
               "ngoặc vuông: số thứ tự trong danh mục nguồn số liệu.", italic=True, size=TABLE_PT, indent=False)


def _sources_list(doc: Any, sources: list[dict[str, Any]]) -> None:
    """The sources as a numbered list: [n] id — publisher, date: “excerpt”. Address. (targets and roles)"""
    doc.add_heading("Nguồn số liệu", level=3)
    for n, s in enumerate(sources, 1):
        when = f", {s['published']}" if s["published"] else ""
        quote = f": “{s['excerpt']}”" if s["excerpt"] and not s["obs_id"].startswith("D:") else (
            f": {s['excerpt']}" if s["excerpt"] else "")
        value = value_text(s["value"], s["unit"], s["qualifier"], s["status"])
        text = (f"[{n}] {s['obs_id']} — {s['publisher']}{when}{quote}. Giá trị: {value}, "
                f"{period_vi(s['period'])}. " + (f"{s['source_url']}. " if s["source_url"] else "")
                + f"({s['roles_vi']})")
        _para(doc, text, size=TABLE_PT + 1, indent=False, after=3, align="left")


def _annex_yearly(doc: Any, card: Any, study: Any, numbers: dict[str, int], src: dict[str, dict]) -> None:
    rows = [r for r in card.to_dict("records") if yearly_entries(r["yearly_status"])]
    if not rows:
        return
    years = study.reporting_years
    doc.add_heading("Phụ lục 1. Số liệu từng năm", level=3)
    widths = [12, 48] + [105 / len(years)] * len(years)
    t = _table(doc, ["STT", "Chỉ tiêu"] + [str(y) for y in years], widths)
    for rec in rows:
        yearly = yearly_entries(rec["yearly_status"])
        unit = rec["yearly_unit"] if not is_missing(rec["yearly_unit"]) else rec["unit"]
        cells, looks = [rec["target_id"], f"{rec['target_vi']} ({unit_vi(unit)})"], {}
        for k, y in enumerate(years, 2):
            status, oid = yearly.get(y, ("", ""))
            qual = src.get(oid, {}).get("qualifier", "")
            text = value_text(rec[f"y{y}"], unit, qual).replace(unit_vi(unit), "").strip()
            cells.append(f"{text}\n{status_vi(status)} [{numbers.get(oid, '')}]" if oid else "")
            looks[k] = (False, STATUS_LOOK.get(status, (False, ""))[0])
        _add_row(t, cells, widths, looks)
    _para(doc, "Mỗi ô: giá trị, trạng thái số liệu và số thứ tự nguồn. Ô trống: chưa có số liệu.", italic=True,
          size=TABLE_PT, indent=False)


def _annex_needed(doc: Any, card: Any, study: Any) -> None:
    sel = card[card["verdict"].isin(NEEDS_DATA)]
    if sel.empty:
        return
    doc.add_heading("Phụ lục 2. Số liệu còn thiếu để đánh giá", level=3)
    widths = [12, 55, 60, 38]
    t = _table(doc, ["STT", "Chỉ tiêu", "Số liệu cần có", "Cơ quan nắm số liệu"], widths)
    for rec in sel.to_dict("records"):
        needed = rec["data_needed"]
        if is_missing(needed):
            needed = study.target(rec["target_id"]).data_needed
        _add_row(t, [rec["target_id"], rec["target_vi"], needed, rec["data_from"]], widths)


def write_docx(card: pd.DataFrame, obs: pd.DataFrame, study: Any, *,
               path: str | Path | None = None) -> Path:
    """Write the Word draft of a study's Section I (default ``data/processed/<study>/bao-cao-muc-I.docx``).

    Parameters
    ----------
    card : pandas.DataFrame
        The study's scorecard (:func:`analysis.scorecard`).
    obs : pandas.DataFrame
        The evidence store (for the sources; derived observations are added).
    study : Study or str
    path : path, optional

    Returns
    -------
    Path
        The file written, atomically and byte-identically for the same inputs.
    """
    from .assessment import study_evidence

    ev, st = study_evidence(obs, study)
    sources = source_records(card, ev, st)
    numbers = {s["obs_id"]: n for n, s in enumerate(sources, 1)}
    src = {s["obs_id"]: s for s in sources}
    doc = _new_document(st)
    _letterhead(doc, st)
    _opening(doc, card, st)
    _outline(doc, card, numbers)
    _results_table(doc, card, st, numbers, src)
    _sources_list(doc, sources)
    _annex_yearly(doc, card, st, numbers, src)
    _annex_needed(doc, card, st)
    target = Path(path) if path else processed_dir(st.root) / st.id / DOCX_NAME
    return save_ooxml(doc, target)
