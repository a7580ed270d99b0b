"""The Excel report: Section I of the outline, a sources sheet and a data-needed sheet.

Sheet ``Muc I`` follows the order of Section I of the Department of Industry and
Trade's outline ("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"): indicator, target,
2021…2025 values, period value, verdict, evidence status and source, formatted
for print (A4 landscape, fit to width, repeated header, frozen header, verdict
colours, number formats tagged with the Vietnamese locale ``[$-42A]`` so
Vietnamese Excel shows ``11,4``). Values stay numbers so analysts can compute.

The file is byte-identical from run to run: document timestamps are fixed and
the zip entries carry a fixed date.
"""
from __future__ import annotations

import io
import math
import re
import zipfile
from pathlib import Path
from typing import Any

from .atomic import write_bytes_atomic
from .paths import processed_dir

__all__ = ["write_workbook", "WORKBOOK_NAME", "normalise_xlsx"]

WORKBOOK_NAME = "bao-cao-muc-I.xlsx"
FIXED_DATE = "2000-01-01T00:00:00Z"
_FILL = {"exceeded": "C6EFCE", "met": "DDEBF7", "not_met": "F8CBAD", "no_data": "EDEDED", "qualitative": "F2F2F2"}
_STATUS_VI = {"official": "chính thức", "preliminary": "sơ bộ", "estimate": "ước tính", "secondary": "thứ cấp",
              "": ""}
_BOUNDARY_VI = {"pre2025": "tỉnh cũ (trước 01/7/2025)", "merged2025": "tỉnh mới (từ 01/7/2025)", "unknown": "chưa rõ",
                "": ""}
_NUMFMT = {"percent": "[$-42A]#,##0.0", "percent_per_year": "[$-42A]#,##0.0", "mn_USD": "[$-42A]#,##0",
           "bn_VND": "[$-42A]#,##0"}
_UNIT_LABEL = {"percent": "%", "percent_per_year": "%/năm", "mn_USD": "triệu USD", "bn_VND": "tỷ đồng", "": ""}


def normalise_xlsx(data: bytes) -> bytes:
    """Fix the volatile parts of an .xlsx (core-properties dates, zip entry dates)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                                 rb"\g<1>" + FIXED_DATE.encode() + rb"\g<2>", content)
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, content)
    return out.getvalue()


def _header(ws: Any, row: int, values: list[str], widths: list[float] | None = None) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="999999")
    for c, v in enumerate(values, 1):
        cell = ws.cell(row=row, column=c, value=v)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E78")
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
    if widths:
        from openpyxl.utils import get_column_letter

        for c, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(c)].width = w


def _print_setup(ws: Any, header_row: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)


def write_workbook(card: "pd.DataFrame", obs: "pd.DataFrame", study: Any, *,  # noqa: F821
                   path: str | Path | None = None) -> Path:
    """Write a study's report workbook (default ``data/processed/<study>/bao-cao-muc-I.xlsx``) atomically.

    Parameters
    ----------
    card : pandas.DataFrame
        The study's scorecard (:func:`analysis.scorecard`).
    obs : pandas.DataFrame
        Evidence store (for the sources sheet; derived observations included).
    study : Study or str
        The study: titles, headings and reporting years come from it.
    """
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    from .assessment import study_evidence

    obs, st = study_evidence(obs, study)
    years = st.reporting_years
    report = st.section("report")
    resolution = st.section("resolution")
    wb = openpyxl.Workbook()
    wb.properties.creator = "qn-industry-analysis"
    wb.properties.title = f"Báo cáo - {st.short_title_vi}"
    ws = wb.active
    ws.title = "Muc I"
    ws["A1"] = " — ".join(x for x in (report.get("section_vi", ""), report.get("heading_vi", st.short_title_vi)) if x)
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = (f"Mục tiêu: {resolution.get('name_vi', st.title_vi)}"
                + (f", {resolution['section_vi']}" if resolution.get("section_vi") else "")
                + ". Giá trị năm: chỉ số năm của chỉ tiêu (tăng trưởng: % so với năm trước). Ô trống: chưa có số liệu.")
    ws["A2"].font = Font(italic=True, size=9)
    head = ["STT", "Chỉ tiêu (mục Đề cương)", f"Mục tiêu đến {st.target_year}", "Đơn vị"] + [str(y) for y in years] + [
        "Giá trị kỳ đánh giá", "Kỳ", "Đánh giá", "Tình trạng số liệu", "Địa giới", "Nguồn (mã quan sát)",
        "Nhận định"]
    hr = 4
    _header(ws, hr, head, [5, 44, 16, 9] + [9] * len(years) + [11, 10, 13, 12, 12, 16, 70])
    thin = Side(style="thin", color="BBBBBB")
    border = Border(top=thin, bottom=thin, left=thin, right=thin)
    r = hr
    last_item = None
    for rec in card.to_dict("records"):
        if rec["outline_item"] != last_item:
            r += 1
            ws.cell(row=r, column=1, value=f"{rec['outline_item']}.")
            ws.cell(row=r, column=2, value=f"- {rec['outline_vi']}").font = Font(bold=True)
            last_item = rec["outline_item"]
        r += 1
        unit = rec["unit"] if isinstance(rec["unit"], str) else ""
        yearly_unit = rec["yearly_unit"] if isinstance(rec["yearly_unit"], str) else unit
        vals: list[Any] = [rec["target_id"], rec["target_vi"], rec["target_text_vi"], _UNIT_LABEL.get(unit, unit)]
        vals += [None if (isinstance(rec[f"y{y}"], float) and math.isnan(rec[f"y{y}"])) else rec[f"y{y}"]
                 for y in years]
        actual = None if (isinstance(rec["actual"], float) and math.isnan(rec["actual"])) else rec["actual"]
        vals += [actual, rec["period"], rec["status"], _STATUS_VI.get(rec["evidence_status"], rec["evidence_status"]),
                 _BOUNDARY_VI.get(rec["boundary"], rec["boundary"]), rec["sources"], rec["statement_vi"]]
        for c, v in enumerate(vals, 1):
            cell = ws.cell(row=r, column=c, value=v)
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if 5 <= c <= 4 + len(years):
                cell.number_format = _NUMFMT.get(yearly_unit, "[$-42A]#,##0.0")
            if c == 5 + len(years):
                cell.number_format = _NUMFMT.get(unit, "[$-42A]#,##0.0")
        verdict = ws.cell(row=r, column=7 + len(years))
        verdict.fill = PatternFill("solid", fgColor=_FILL.get(rec["verdict"], "FFFFFF"))
        verdict.font = Font(bold=True)
    _print_setup(ws, hr)
    ws.auto_filter.ref = f"A{hr}:{openpyxl.utils.get_column_letter(len(head))}{r}"

    # sources sheet: every observation used or standing against a verdict
    src = wb.create_sheet("Nguon")
    ids: list[str] = []
    for s in card["sources"]:
        ids += [i for i in str(s).split("; ") if i and i != "nan"]
    for s in card["yearly_status"]:
        ids += [part.split(":", 2)[2] for part in str(s).split("; ") if part.count(":") >= 2]
    used = obs[obs["obs_id"].isin(ids)]
    cols = ["obs_id", "indicator", "period", "value", "unit", "status", "boundary", "price_basis", "vintage",
            "source_ref", "source_url", "raw_file", "raw_line", "note"]
    _header(src, 1, ["Mã", "Chỉ tiêu", "Kỳ", "Giá trị", "Đơn vị", "Tình trạng", "Địa giới", "Giá", "Phiên bản",
                     "Nguồn", "URL", "Tệp gốc", "Dòng", "Ghi chú"], [14, 30, 11, 12, 14, 12, 12, 14, 12, 40, 50,
                                                                       30, 7, 50])
    for i, rec in enumerate(used[cols].sort_values("obs_id").to_dict("records"), 2):
        for c, k in enumerate(cols, 1):
            v = rec[k]
            src.cell(row=i, column=c, value=None if (isinstance(v, float) and math.isnan(v)) else v)
    _print_setup(src, 1)

    # data-needed sheet
    need = wb.create_sheet("Can so lieu")
    _header(need, 1, ["Mã", "Chỉ tiêu", "Đánh giá", "Số liệu cần có", "Cơ quan nắm số liệu", "Định nghĩa"],
            [6, 50, 16, 70, 40, 60])
    sel = card[card["verdict"].isin(["no_data", "qualitative"]) | (card["flags"].fillna("") != "")]
    for i, rec in enumerate(sel.to_dict("records"), 2):
        needed = rec["data_needed"] or f"Xác nhận số liệu (cờ: {rec['flags']}); bảng niên giám chính thức thay số ước"
        for c, v in enumerate([rec["target_id"], rec["target_vi"], rec["status"], needed, rec["data_from"],
                               rec["definition"]], 1):
            cell = need.cell(row=i, column=c, value=v)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    _print_setup(need, 1)

    buf = io.BytesIO()
    wb.save(buf)
    target = Path(path) if path else processed_dir(st.root) / st.id / WORKBOOK_NAME
    write_bytes_atomic(target, normalise_xlsx(buf.getvalue()))
    return target
