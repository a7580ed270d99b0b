"""The Excel report of a study: Section I of the outline, the sources, the data still needed.

Sheets (one function each):

* ``Muc I`` — every target in the order of Section I of the outline ("I. KẾT QUẢ
  THỰC HIỆN CÁC CHỈ TIÊU"): target, the value of each reporting year, the period
  value, verdict, evidence status, territory, source ids and the result sentence.
  Every value shows its evidence status (upright: official; light yellow: preliminary;
  italic: estimate; italic on grey: secondary source — a legend row says so), its
  qualifier ("hơn 125" for a lower bound) and its source id (column "Nguồn" and a
  note on the cell).
* ``Nguon`` — every observation shown or standing against a verdict (used, agreeing,
  conflicting, of another territory, input of a derived value), with the targets
  and roles, publisher, publication date, URL, raw file and line and the verbatim
  excerpt.
* ``Can so lieu`` — targets not assessed or flagged: the caveats as sentences, the
  table or report that would settle them and who holds it.

Print-ready: A4 landscape, one page wide, Times New Roman 10 pt throughout (also
the default style and the footer), wrapped text with row heights set from the
text length and column width (so nothing overlaps in LibreOffice or Excel),
repeated header row, footer "<study> · Trang n/N". Numbers stay numbers, with
number formats tagged with the Vietnamese locale ``[$-42A]`` (``11,4``; ``5.600``).
No internal code reaches a cell (labels come from :mod:`analysis.report_text`).

The file is written atomically and is byte-identical from run to run
(:func:`analysis.ooxml.normalise_ooxml`).
"""
from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .ooxml import FIXED_DATE, normalise_ooxml, save_ooxml
from .paths import processed_dir
from .report_text import (
    NEEDS_DATA,
    STATUS_LOOK,
    boundary_vi,
    document_title,
    flag_sentences,
    is_missing,
    legend_vi,
    light,
    period_vi,
    price_basis_vi,
    source_records,
    status_vi,
    unit_vi,
    yearly_entries,
)
from .vocabulary import Verdict

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = ["write_workbook", "WORKBOOK_NAME", "normalise_xlsx", "FIXED_DATE", "FONT", "BODY_PT", "estimate_lines"]

WORKBOOK_NAME = "bao-cao-muc-I.xlsx"
FONT = "Times New Roman"
BODY_PT = 10.0
_HEADER_FILL = "1F4E78"
_VERDICT_FILL = {v.value: light(v.colour) for v in Verdict}
_WHOLE_UNITS = {"mn_USD", "bn_VND", "persons", "mn_VND", "count"}
_PREFIX = {"lower_bound": ">", "upper_bound": "<", "approximate": "~"}
#: backwards-compatible name: the normaliser works for any OOXML zip
normalise_xlsx = normalise_ooxml


# ---------------------------------------------------------------------------------------------------------
# layout helpers
# ---------------------------------------------------------------------------------------------------------
def estimate_lines(text: Any, width: float, size: float = BODY_PT, bold: bool = False) -> int:
    """Lines a wrapped cell needs: ``width`` in Excel character units, text in Times New Roman at ``size`` pt.

    Deliberately generous: a width unit holds about 1.25 average characters of
    Times New Roman at 10 pt (LibreOffice and Excel alike), fewer in text with many capitals; counted as 1.1, so the
    height set is never too small.
    """
    if is_missing(text):
        return 1
    per_line = max(1, int((width - 1.0) * (10.0 / size) * (1.0 if bold else 1.1)))
    chunk = max(1, int(per_line * 0.7))     # addresses break at '/' and '-', so their lines run short
    lines = 0
    for para in str(text).split("\n"):
        words = [" ".join(w[i:i + chunk] for i in range(0, len(w), chunk)) if len(w) > per_line else w
                 for w in para.split(" ")]
        lines += max(1, len(textwrap.wrap(" ".join(words), per_line, break_long_words=True,
                                          break_on_hyphens=False)))
    return lines


def _row_height(cells: list[tuple[Any, float, float, bool]]) -> float:
    """Row height in points for cells given as (text, width, size, bold)."""
    return max(round(estimate_lines(t, w, s, b) * s * 1.25 + 3, 1) for t, w, s, b in cells)


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


def _decimals(value: float, least: int) -> int:
    for d in range(least, 3):
        if abs(round(value, d) - value) < 1e-9:
            return d
    return 2


def _numfmt(unit: Any, value: Any = None, qualifier: Any = "") -> str:
    """A Vietnamese number format (``[$-42A]#,##0.0``), with ``"hơn "`` etc. before a qualified value."""
    least = 0 if str(unit) in _WHOLE_UNITS else 1
    d = least if is_missing(value) else _decimals(float(value), least)
    body = "#,##0" + ("." + "0" * d if d else "")
    prefix = _PREFIX.get(str(qualifier or ""), "")
    return f'[$-42A]"{prefix}"{body}' if prefix else f"[$-42A]{body}"


def _new_workbook(study: Any) -> Any:
    """A workbook whose default style is the house font (so even empty cells and headers are named)."""
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils.indexed_list import IndexedList

    wb = openpyxl.Workbook()
    wb._fonts = IndexedList([Font(name=FONT, sz=BODY_PT, family=1)])
    wb._named_styles["Normal"].font = Font(name=FONT, sz=BODY_PT, family=1)
    wb.properties.creator = "Bộ công cụ phân tích chỉ tiêu"
    wb.properties.title = f"Báo cáo - {study.short_title_vi}"
    wb.properties.subject = study.title_vi
    wb.properties.language = "vi-VN"
    return wb


def _columns(ws: Any, widths: list[float]) -> None:
    from openpyxl.utils import get_column_letter

    for c, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = w


def _header(ws: Any, row: int, labels: list[str], widths: list[float]) -> None:
    from openpyxl.styles import Alignment

    for c, v in enumerate(labels, 1):
        cell = ws.cell(row=row, column=c, value=v)
        cell.font = _font(bold=True, colour="FFFFFF")
        cell.fill = _fill(_HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = _border()
    ws.row_dimensions[row].height = _row_height([(v, w, BODY_PT, True) for v, w in zip(labels, widths, strict=True)])


def _banner(ws: Any, row: int, text: str, width: float, ncols: int, *, size: float = BODY_PT, bold: bool = False,
            italic: bool = False) -> None:
    """A full-width merged line (title, legend), wrapped, with its height set."""
    from openpyxl.styles import Alignment

    cell = ws.cell(row=row, column=1, value=text)
    cell.font = _font(bold=bold, italic=italic, size=size)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
    ws.row_dimensions[row].height = _row_height([(text, width, size, bold)])


def _print_setup(ws: Any, study: Any, header_row: int, freeze_col: int = 1) -> None:
    """A4 landscape, one page wide, repeated header row, footer with the study title and page numbers."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.page import PageMargins

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6, header=0.25, footer=0.25)
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.freeze_panes = f"{get_column_letter(freeze_col)}{header_row + 1}"
    for part, text in ((ws.oddFooter.left, study.short_title_vi), (ws.oddFooter.right, "Trang &P/&N")):
        part.text = text
        part.font = f"{FONT},Regular"
        part.size = 9


# ---------------------------------------------------------------------------------------------------------
# sheet "Muc I"
# ---------------------------------------------------------------------------------------------------------
def _muc_columns(study: Any) -> list[tuple[str, float]]:
    years = [(str(y), 7) for y in study.reporting_years]
    return ([("STT", 5), ("Chỉ tiêu (mục Đề cương)", 22), (f"Mục tiêu đến năm {study.target_year}", 9.5),
             ("Đơn vị", 7)] + years
            + [("Giá trị kỳ đánh giá", 8.5), ("Kỳ", 7), ("Đánh giá", 8.5), ("Tình trạng số liệu", 8.5),
               ("Địa giới", 9), ("Nguồn (năm: mã)", 10.5), ("Nhận định", 38.5)])


def _evidence_cell(ws: Any, r: int, c: int, value: Any, unit: Any, status: str, qualifier: str, note: str) -> None:
    """A number with its status look, qualifier and a note naming its source."""
    from openpyxl.comments import Comment

    cell = ws.cell(row=r, column=c, value=None if is_missing(value) else float(value))
    if is_missing(value):
        return
    italic, fill = STATUS_LOOK.get(status, (False, ""))
    cell.font = _font(italic=italic)
    if fill:
        cell.fill = _fill(fill)
    cell.number_format = _numfmt(unit, value, qualifier)
    if note:
        cell.comment = Comment(note, "Bộ công cụ", width=260, height=90)


def _note(year: Any, status: str, oid: str, src: dict[str, dict[str, Any]]) -> str:
    s = src.get(oid, {})
    pub = ", ".join(x for x in (s.get("publisher", ""), s.get("published", "")) if x)
    return f"{year}: {status_vi(status)}; nguồn {oid}" + (f" ({pub})" if pub else "")


def _target_row(ws: Any, r: int, rec: dict[str, Any], study: Any, cols: list[tuple[str, float]],
                src: dict[str, dict[str, Any]]) -> None:
    from openpyxl.styles import Alignment

    years = study.reporting_years
    yearly = yearly_entries(rec["yearly_status"])
    used = [s for s in str(rec["sources"] or "").split("; ") if s and s != "nan"]
    ids = [f"{y}: {yearly[y][1]}" for y in years if y in yearly] + [f"kỳ: {i}" for i in used]
    texts = [rec["target_id"], rec["target_vi"], rec["target_text_vi"], unit_vi(rec["unit"])]
    texts += [None] * len(years)
    texts += [None, period_vi(rec["period"]), rec["status"], status_vi(rec["evidence_status"]),
              boundary_vi(rec["boundary"]), "\n".join(ids), rec["statement_vi"]]
    for c, v in enumerate(texts, 1):
        cell = ws.cell(row=r, column=c, value=v)
        cell.font = _font()
        cell.border = _border()
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="right" if v is None else None)
    yunit = rec["yearly_unit"] if not is_missing(rec["yearly_unit"]) else rec["unit"]
    for k, y in enumerate(years):
        status, oid = yearly.get(y, ("", ""))
        qual = src.get(oid, {}).get("qualifier", "")
        _evidence_cell(ws, r, 5 + k, rec[f"y{y}"], yunit, status, qual,
                       _note(y, status, oid, src) if oid else "")
    qual = src.get(used[0], {}).get("qualifier", "") if len(used) == 1 else ""
    _evidence_cell(ws, r, 5 + len(years), rec["actual"], rec["unit"], rec["evidence_status"], qual,
                   _note(period_vi(rec["period"]), rec["evidence_status"], "; ".join(used), src) if used else "")
    verdict = ws.cell(row=r, column=7 + len(years))
    verdict.fill = _fill(_VERDICT_FILL.get(rec["verdict"], ""))
    verdict.font = _font(bold=True)
    ws.row_dimensions[r].height = _row_height([(t, w, BODY_PT, c == 7 + len(years))
                                               for c, (t, (_, w)) in enumerate(zip(texts, cols, strict=True), 1)])


def _sheet_section_one(ws: Any, card: Any, study: Any, src: dict[str, dict[str, Any]]) -> None:
    """Sheet ``Muc I``: title, source of the targets, legend, header row 4, one row per target by outline item."""
    from openpyxl.utils import get_column_letter

    cols = _muc_columns(study)
    widths = [w for _, w in cols]
    total = sum(widths)
    ws.title = "Muc I"
    _columns(ws, widths)
    resolution = study.section("resolution")
    _banner(ws, 1, document_title(study), total, len(cols), size=12, bold=True)
    _banner(ws, 2, f"Mục tiêu theo {resolution.get('name_vi', study.title_vi)}"
            + (f", {resolution['section_vi']}" if resolution.get("section_vi") else "")
            + ". Giá trị năm: số liệu năm của chỉ tiêu (chỉ tiêu tăng trưởng: % tăng so với năm trước).",
            total, len(cols), italic=True)
    _banner(ws, 3, legend_vi(), total, len(cols), size=9, italic=True)
    hr = 4
    _header(ws, hr, [h for h, _ in cols], widths)
    r, last = hr, None
    for rec in card.to_dict("records"):
        if rec["outline_item"] != last:
            r += 1
            last = rec["outline_item"]
            ws.cell(row=r, column=1, value=f"{last}.").font = _font(bold=True)
            ws.cell(row=r, column=2, value=f"- {rec['outline_vi']}").font = _font(bold=True)
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=len(cols))
            ws.row_dimensions[r].height = _row_height([(f"- {rec['outline_vi']}", total - widths[0], BODY_PT, True)])
        r += 1
        _target_row(ws, r, rec, study, cols, src)
    _print_setup(ws, study, hr, freeze_col=3)
    ws.auto_filter.ref = f"A{hr}:{get_column_letter(len(cols))}{r}"


# ---------------------------------------------------------------------------------------------------------
# sheet "Nguon"
# ---------------------------------------------------------------------------------------------------------
_SOURCE_COLUMNS = [("Mã", 11), ("Chỉ tiêu: vai trò", 17), ("Nội dung, kỳ", 18), ("Giá trị", 9), ("Đơn vị", 7),
                   ("Tình trạng, địa giới, loại giá", 14), ("Nơi công bố, ngày công bố", 17),
                   ("Trích dẫn nguyên văn", 34), ("Đường dẫn, tệp gốc", 24)]


def _date_vi(text: Any) -> str:
    """``2025-09-11`` → ``11/09/2025``; other forms kept."""
    s = "" if is_missing(text) else str(text)
    parts = s.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return f"{parts[1]}/{parts[0]}"
    return s


def _source_texts(s: dict[str, Any]) -> list[Any]:
    state = "; ".join(x for x in (status_vi(s["status"]), boundary_vi(s["boundary"]),
                                   price_basis_vi(s["price_basis"])) if x)
    raw = f"{s['raw_file'].removeprefix('data/raw/')}, dòng {s['raw_line']}" if s["raw_file"] else ""
    where = "\n".join(x for x in (s["source_url"], raw) if x)
    excerpt = f"“{s['excerpt']}”" if s["excerpt"] and not s["obs_id"].startswith("D:") else s["excerpt"]
    return [s["obs_id"], s["roles_vi"].replace("; ", "\n"), f"{s['indicator_vi']}, {period_vi(s['period'])}", None,
            unit_vi(s["unit"]), state, "\n".join(x for x in (s["publisher"], _date_vi(s["published"])) if x),
            excerpt, where]


def _sheet_sources(ws: Any, sources: list[dict[str, Any]], study: Any) -> None:
    """Sheet ``Nguon``: one row per observation shown or standing against a verdict, with its provenance."""
    from openpyxl.styles import Alignment

    widths = [w for _, w in _SOURCE_COLUMNS]
    _columns(ws, widths)
    _header(ws, 1, [h for h, _ in _SOURCE_COLUMNS], widths)
    for r, s in enumerate(sources, 2):
        texts = _source_texts(s)
        for c, v in enumerate(texts, 1):
            cell = ws.cell(row=r, column=c, value=v)
            cell.font = _font()
            cell.border = _border()
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        _evidence_cell(ws, r, 4, s["value"], s["unit"], s["status"], s["qualifier"], "")
        ws.row_dimensions[r].height = _row_height([(t, w, BODY_PT, False) for t, w in zip(texts, widths, strict=True)])
    _print_setup(ws, study, 1, freeze_col=2)


# ---------------------------------------------------------------------------------------------------------
# sheet "Can so lieu"
# ---------------------------------------------------------------------------------------------------------
_NEED_COLUMNS = [("Mã", 6), ("Chỉ tiêu", 30), ("Đánh giá", 10), ("Lưu ý về số liệu", 32), ("Số liệu cần có", 42),
                 ("Cơ quan nắm số liệu", 24)]


def _sheet_data_needed(ws: Any, card: Any, study: Any) -> None:
    """Sheet ``Can so lieu``: targets not assessed, or assessed with caveats, and what would settle them."""
    from openpyxl.styles import Alignment

    widths = [w for _, w in _NEED_COLUMNS]
    _columns(ws, widths)
    _header(ws, 1, [h for h, _ in _NEED_COLUMNS], widths)
    sel = card[card["verdict"].isin(NEEDS_DATA) | (card["flags"].fillna("") != "")]
    for r, rec in enumerate(sel.to_dict("records"), 2):
        target = study.target(rec["target_id"])
        caveats = flag_sentences(rec["flags"])
        needed = rec["data_needed"] if not is_missing(rec["data_needed"]) else (
            f"Để thay số hiện có bằng số chính thức: {target.data_needed}" if target.data_needed else "")
        texts = [rec["target_id"], rec["target_vi"], rec["status"], "\n".join(caveats), needed, rec["data_from"]]
        for c, v in enumerate(texts, 1):
            cell = ws.cell(row=r, column=c, value=v if not is_missing(v) else None)
            cell.font = _font(bold=c == 3)
            cell.border = _border()
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(row=r, column=3).fill = _fill(_VERDICT_FILL.get(rec["verdict"], ""))
        ws.row_dimensions[r].height = _row_height([(t, w, BODY_PT, c == 3)
                                                   for c, (t, w) in enumerate(zip(texts, widths, strict=True), 1)])
    _print_setup(ws, study, 1, freeze_col=2)


# ---------------------------------------------------------------------------------------------------------
def write_workbook(card: pd.DataFrame, obs: pd.DataFrame, study: Any, *,
                   path: str | Path | None = None) -> Path:
    """Write a study's report workbook (default ``data/processed/<study>/bao-cao-muc-I.xlsx``) atomically.

    Parameters
    ----------
    card : pandas.DataFrame
        The study's scorecard (:func:`analysis.scorecard`).
    obs : pandas.DataFrame
        Evidence store (for the sources sheet; derived observations are added).
    study : Study or str
        The study: titles, headings and reporting years come from it.
    path : path, optional
        Where to write (default ``data/processed/<study>/bao-cao-muc-I.xlsx``).

    Returns
    -------
    Path
        The file written (byte-identical for the same inputs).
    """
    from .assessment import study_evidence

    ev, st = study_evidence(obs, study)
    sources = source_records(card, ev, st)
    wb = _new_workbook(st)
    _sheet_section_one(wb.active, card, st, {s["obs_id"]: s for s in sources})
    _sheet_sources(wb.create_sheet("Nguon"), sources, st)
    _sheet_data_needed(wb.create_sheet("Can so lieu"), card, st)
    target = Path(path) if path else processed_dir(st.root) / st.id / WORKBOOK_NAME
    return save_ooxml(wb, target)

