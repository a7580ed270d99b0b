"""The sheets of the Excel report (:mod:`analysis.report.workbook`), one function each.

* ``Mục I`` (:func:`_sheet_section_one`) — every target in the order of Section I of the outline;
* ``Nguồn`` (:func:`_sheet_sources`) — every observation shown or standing against a verdict, with
  the raw file and line it was read from (the only place of the documents that names files);
* ``Cần số liệu`` (:func:`_sheet_data_needed`) — targets not assessed or flagged, and what would settle them.

A target's row shows every value in the unit the target is written in (``khoảng 5–6 tỷ USD``:
5,6 tỷ USD, not 5.600 triệu USD), as the Word draft does; a source row shows its value as
:func:`analysis.wording.vnformat.fmt_amount_vi` writes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from analysis.studies.study import Study
from analysis.wording.labels import NEEDS_DATA, boundary_vi, flag_sentences, is_missing, period_vi, price_basis_vi, status_vi
from analysis.wording.ranking_text import rank_note_vi
from analysis.wording.sentences import clean_request
from analysis.wording.text import (
    NO_SOURCES_VI,
    SOURCES_SHEET,
    amount_text,
    decimals_of,
    display_unit,
    document_title,
    legend_vi,
    shown_unit,
    target_heading_vi,
    target_reference,
    target_with_horizon_vi,
    yearly_entries,
)

from .workbook_style import (
    _VERDICT_FILL,
    BODY_PT,
    _banner,
    _border,
    _columns,
    _evidence_cell,
    _fill,
    _font,
    _header,
    _keep_headings_with_rows,
    _print_setup,
    _row_height,
)

if TYPE_CHECKING:  # annotations only; pandas loads with the functions that use it
    import pandas as pd

__all__ = ["_sheet_section_one", "_sheet_sources", "_sheet_data_needed", "SHEET_NAMES", "SECTION_SHEET", "NEEDS_SHEET"]

SECTION_SHEET = "Mục I"
NEEDS_SHEET = "Cần số liệu"
#: the sheets of the report workbook, in order (Vietnamese names: Excel allows them, ≤ 31 characters)
SHEET_NAMES = (SECTION_SHEET, SOURCES_SHEET, NEEDS_SHEET)
#: the unit code of a million-USD value shown in billion USD (number format with up to three decimals)
_SCALED = {"tỷ USD": "bn_USD"}


# ---------------------------------------------------------------------------------------------------------
# sheet "Mục I"
# ---------------------------------------------------------------------------------------------------------
def target_column_vi(study: Study) -> str:
    """Heading of the target column of sheet "Mục I": ``target_column_vi`` of the study's ``[report]``
    (e.g. naming the outline the rows follow), else the neutral "Chỉ tiêu"."""
    return str(study.section("report").get("target_column_vi", "Chỉ tiêu"))


def _muc_columns(study: Study) -> list[tuple[str, float]]:
    """Columns and widths: 170 units in all (one page wide at ≈ 9,6 pt); the result sentence gets the most."""
    n = len(study.reporting_years)
    yw = max(6.0, min(7.0, 33.0 / max(n, 1)))
    years = [(str(y), yw) for y in study.reporting_years]
    head = [("STT", 5), (target_column_vi(study), 20), (target_heading_vi(study), 9), ("Đơn vị", 9)]
    tail = [
        ("Giá trị kỳ đánh giá", 8),
        ("Kỳ", 6.5),
        ("Đánh giá", 8.5),
        ("Tình trạng số liệu", 8),
        ("Địa giới", 9.5),
        ("Nguồn (năm: mã)", 10),
    ]
    used = sum(w for _, w in head + tail) + yw * n
    return head + years + tail + [("Nhận định", max(38.5, round(169.9 - used, 1)))]


def _note(year: Any, status: str, oid: str, src: dict[str, dict[str, Any]]) -> str:
    s = src.get(oid, {})
    pub = ", ".join(x for x in (s.get("publisher", ""), s.get("published", "")) if x)
    return f"{year}: {status_vi(status)}; nguồn {oid}" + (f" ({pub})" if pub else "")


def _in_words(value: Any, unit: Any, ref: Any, div: float, decimals: int | None = None) -> str:
    """``125 triệu USD`` for a value :func:`shown_unit` keeps out of its column's unit, else ''."""
    if div == 1.0 or is_missing(value) or shown_unit(value, unit, ref)[0] == div:
        return ""
    return amount_text(float(value), unit, ref, decimals)


def _target_row(
    ws: Any, r: int, rec: dict[str, Any], study: Study, cols: list[tuple[str, float]], src: dict[str, dict[str, Any]]
) -> float:
    """One target's row (values in the unit the target is written in); returns the row height set."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment

    years = study.reporting_years
    yearly = yearly_entries(rec["yearly_status"])
    used = [s for s in str(rec["sources"] or "").split("; ") if s and s != "nan"]
    ids = [f"{y}: {yearly[y][1]}" for y in years if y in yearly] + [f"kỳ: {i}" for i in used]
    ref = target_reference(study.target(rec["target_id"]))
    div, unit_text = display_unit(rec["unit"], ref)
    yunit = rec["yearly_unit"] if not is_missing(rec["yearly_unit"]) else rec["unit"]
    ydiv = div if yunit == rec["unit"] else 1.0
    # a value below 1 in the target's unit is written in words in the store's unit (shown_unit)
    words = [_in_words(rec[f"y{y}"], yunit, ref, ydiv, decimals_of(rec, y)) for y in years]
    target = study.target(rec["target_id"])
    texts = [rec["target_id"], rec["target_vi"], target_with_horizon_vi(rec["target_text_vi"], target, study), unit_text]
    texts += [f">{w}" if w else None for w in words]  # room for a qualifier's sign
    texts += [
        None,
        period_vi(rec["period"]),
        rec["status"],
        status_vi(rec["evidence_status"]),
        boundary_vi(rec["boundary"]),
        "\n".join(ids),
        "\n".join(x for x in ("" if is_missing(rec["statement_vi"]) else str(rec["statement_vi"]), rank_note_vi(rec)) if x),
    ]  # the rank as the Word draft states it
    for c, v in enumerate(texts, 1):
        cell = ws.cell(row=r, column=c, value=v)
        cell.font = _font()
        cell.border = _border()
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="right" if v is None else None)
    if target.reading:  # the analyst's reading: a cell note beside the target, never in the official text
        ws.cell(row=r, column=2).comment = Comment(
            f"Ghi chú của người phân tích: {target.reading}", "Bộ công cụ", width=300, height=110
        )
    scaled = _SCALED.get(unit_text, rec["unit"])
    for k, y in enumerate(years):
        status, oid = yearly.get(y, ("", ""))
        qual = src.get(oid, {}).get("qualifier", "")
        value = rec[f"y{y}"] if is_missing(rec[f"y{y}"]) else rec[f"y{y}"] / ydiv
        _evidence_cell(
            ws,
            r,
            5 + k,
            value,
            scaled if ydiv != 1.0 else yunit,
            status,
            qual,
            _note(y, status, oid, src) if oid else "",
            text=words[k],
            decimals=decimals_of(rec, y),
        )
    qual = src.get(used[0], {}).get("qualifier", "") if len(used) == 1 else ""
    actual = rec["actual"] if is_missing(rec["actual"]) else rec["actual"] / div
    _evidence_cell(
        ws,
        r,
        5 + len(years),
        actual,
        scaled,
        rec["evidence_status"],
        qual,
        _note(period_vi(rec["period"]), rec["evidence_status"], "; ".join(used), src) if used else "",
        text=_in_words(rec["actual"], rec["unit"], ref, div, decimals_of(rec, "actual")),
        decimals=decimals_of(rec, "actual"),
    )
    verdict = ws.cell(row=r, column=7 + len(years))
    verdict.fill = _fill(_VERDICT_FILL.get(rec["verdict"], ""))
    verdict.font = _font(bold=True)
    height = _row_height([(t, w, BODY_PT, c == 7 + len(years)) for c, (t, (_, w)) in enumerate(zip(texts, cols, strict=True), 1)])
    ws.row_dimensions[r].height = height
    return height


def _group_row(ws: Any, r: int, item: Any, text: str, total: float, ncols: int) -> float:
    """An outline item's heading row: ``1.`` then its title (no dash), merged across the table."""
    ws.cell(row=r, column=1, value=f"{item}.").font = _font(bold=True)
    ws.cell(row=r, column=2, value=text).font = _font(bold=True)
    ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=ncols)
    height = _row_height([(text, total, BODY_PT, True)])
    ws.row_dimensions[r].height = height
    return height


def _in_year_row(ws: Any, r: int, text: str, total: float, ncols: int) -> float:
    """An annual plan's in-year sentence ("Đánh giá giữa kỳ/trong năm: …") under its target, merged across the table."""
    from openpyxl.styles import Alignment

    cell = ws.cell(row=r, column=2, value=text)
    cell.font = _font(italic=True)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=ncols)
    height = _row_height([(text, total, BODY_PT, False)])
    ws.row_dimensions[r].height = height
    return height


def _sheet_section_one(ws: Any, card: pd.DataFrame, study: Study, src: dict[str, dict[str, Any]]) -> None:
    """Sheet ``Mục I``: title, source of the targets, legend, header row 4, one row per target by outline item
    (for an annual plan followed by a note row with its in-year sentence).

    A page break is set before an outline item's heading that would otherwise print alone at the
    bottom of a page (:func:`analysis.report.workbook_style._keep_headings_with_rows`).
    """
    from openpyxl.utils import get_column_letter

    cols = _muc_columns(study)
    widths = [w for _, w in cols]
    total = sum(widths)
    ws.title = SECTION_SHEET
    _columns(ws, widths)
    resolution = study.section("resolution")
    heights = [_banner(ws, 1, document_title(study), total, len(cols), size=12, bold=True)]
    heights.append(
        _banner(
            ws,
            2,
            f"Mục tiêu theo {resolution.get('name_vi', study.title_vi)}"
            + (f", {resolution['section_vi']}" if resolution.get("section_vi") else "")
            + ". Giá trị năm: số liệu năm của chỉ tiêu (chỉ tiêu tăng trưởng: % tăng so với năm trước).",
            total,
            len(cols),
            italic=True,
        )
    )
    heights.append(_banner(ws, 3, legend_vi(), total, len(cols), size=9, italic=True))
    hr = 4
    heights.append(_header(ws, hr, [h for h, _ in cols], widths))
    r, last, headings = hr, None, []
    for rec in card.to_dict("records"):
        if rec["outline_item"] != last:
            r += 1
            last = rec["outline_item"]
            heights.append(_group_row(ws, r, last, str(rec["outline_vi"]).lstrip("- "), total - widths[0], len(cols)))
            headings.append(r)
        r += 1
        heights.append(_target_row(ws, r, rec, study, cols, src))
        if not is_missing(rec.get("in_year_vi")) and str(rec.get("in_year_vi") or ""):
            r += 1  # an annual plan: the in-year sentence in a note row under the target
            heights.append(_in_year_row(ws, r, str(rec["in_year_vi"]), total - widths[0], len(cols)))
    _print_setup(ws, study, hr, freeze_col=3)
    _keep_headings_with_rows(ws, heights, headings, hr, total)
    ws.auto_filter.ref = f"A{hr}:{get_column_letter(len(cols))}{r}"


# ---------------------------------------------------------------------------------------------------------
# sheet "Nguồn"
# ---------------------------------------------------------------------------------------------------------
_SOURCE_COLUMNS = [
    ("Mã", 11),
    ("Chỉ tiêu: vai trò", 17),
    ("Nội dung, kỳ", 18),
    ("Giá trị", 9),
    ("Đơn vị", 7),
    ("Tình trạng, địa giới, loại giá", 14),
    ("Nơi công bố, ngày công bố", 17),
    ("Trích dẫn nguyên văn", 32),
    ("Đường dẫn", 20),
    ("Tệp dữ liệu gốc, dòng", 15),
]


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
    state = "; ".join(x for x in (status_vi(s["status"]), boundary_vi(s["boundary"]), price_basis_vi(s["price_basis"])) if x)
    raw = f"{s['raw_file'].removeprefix('data/raw/')}, dòng {s['raw_line']}" if s["raw_file"] else ""
    excerpt = f"“{s['excerpt']}”" if s["excerpt"] and not s["obs_id"].startswith("D:") else s["excerpt"]
    return [
        s["obs_id"],
        s["roles_vi"].replace("; ", "\n"),
        f"{s['indicator_vi']}, {period_vi(s['period'])}",
        None,
        display_unit(s["unit"], s["value"])[1],
        state,
        "\n".join(x for x in (s["publisher"], _date_vi(s["published"])) if x),
        excerpt,
        s["source_url"] or None,
        raw or None,
    ]


def _sheet_sources(ws: Any, sources: list[dict[str, Any]], study: Study) -> None:
    """Sheet ``Nguồn``: one row per observation shown or standing against a verdict, with its provenance.

    The only place of the documents that names the raw file and line a value was read from.
    """
    from openpyxl.styles import Alignment

    widths = [w for _, w in _SOURCE_COLUMNS]
    _columns(ws, widths)
    _header(ws, 1, [h for h, _ in _SOURCE_COLUMNS], widths)
    if not sources:  # never a bare header: say why the sheet is empty
        ws.cell(row=2, column=1, value=NO_SOURCES_VI).font = _font(italic=True)
    for r, s in enumerate(sources, 2):
        texts = _source_texts(s)
        for c, v in enumerate(texts, 1):
            cell = ws.cell(row=r, column=c, value=v)
            cell.font = _font()
            cell.border = _border()
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        div, label = display_unit(s["unit"], s["value"])
        value = s["value"] if is_missing(s["value"]) else s["value"] / div
        _evidence_cell(
            ws, r, 4, value, _SCALED.get(label, s["unit"]), s["status"], s["qualifier"], "", decimals=s.get("decimals")
        )
        ws.row_dimensions[r].height = _row_height([(t, w, BODY_PT, False) for t, w in zip(texts, widths, strict=True)])
    _print_setup(ws, study, 1, freeze_col=2)


# ---------------------------------------------------------------------------------------------------------
# sheet "Cần số liệu"
# ---------------------------------------------------------------------------------------------------------
_NEED_COLUMNS = [
    ("Mã", 6),
    ("Chỉ tiêu", 30),
    ("Đánh giá", 10),
    ("Lưu ý về số liệu", 32),
    ("Số liệu cần có", 42),
    ("Cơ quan nắm số liệu", 24),
]


def _sheet_data_needed(ws: Any, card: pd.DataFrame, study: Study) -> None:
    """Sheet ``Cần số liệu``: targets not assessed, or assessed with caveats, and what would settle them."""
    from openpyxl.styles import Alignment

    widths = [w for _, w in _NEED_COLUMNS]
    _columns(ws, widths)
    _header(ws, 1, [h for h, _ in _NEED_COLUMNS], widths)
    sel = card[card["verdict"].isin(NEEDS_DATA) | (card["flags"].fillna("") != "")]
    for r, rec in enumerate(sel.to_dict("records"), 2):
        target = study.target(rec["target_id"])
        caveats = flag_sentences(rec["flags"])
        needed = (
            rec["data_needed"]
            if not is_missing(rec["data_needed"])
            else (f"Để thay số hiện có bằng số chính thức: {clean_request(target.data_needed)}" if target.data_needed else "")
        )
        texts = [rec["target_id"], rec["target_vi"], rec["status"], "\n".join(caveats), needed, rec["data_from"]]
        for c, v in enumerate(texts, 1):
            cell = ws.cell(row=r, column=c, value=v if not is_missing(v) else None)
            cell.font = _font(bold=c == 3)
            cell.border = _border()
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(row=r, column=3).fill = _fill(_VERDICT_FILL.get(rec["verdict"], ""))
        ws.row_dimensions[r].height = _row_height(
            [(t, w, BODY_PT, c == 3) for c, (t, w) in enumerate(zip(texts, widths, strict=True), 1)]
        )
    _print_setup(ws, study, 1, freeze_col=2)
