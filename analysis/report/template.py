"""A fill-in workbook for the figures agencies hold.

``python -m analysis template --study ID`` writes ``data/processed/<study>/mau-nhap-so-lieu.xlsx``:
a sheet ``Hướng dẫn`` (instructions), then one sheet per agency named first in the targets'
``data_from`` (sheet names abbreviated to Excel's 31 characters, the full name in the sheet's
first row, the header in its second), one row per indicator × period the report asks for, with
why (column ``Lý do đề nghị``): a figure still missing (a final-year share for the target year
and base year, each year of a flow and the period total, each year's growth and the period
average, a ratio for the period); a result resting on an estimate, a preliminary figure or a
secondary source, to be replaced by the official figure; a deciding figure of another territory
(the target year on the target's own territory). Columns for the value, unit (validated list),
status (validated list: chính thức / sơ bộ / ước tính), the document the figure comes from
(number, date, agency) and a note; qualitative targets get a text column whose content the report
quotes as the agency's assessment. A hidden sheet ``_study`` records the study, province and
boundary the rows are for. Every sheet prints A4 landscape, one page wide
(:mod:`analysis.report.template_sheets`).

Filled copies are read back by :mod:`analysis.sources.submissions`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.core.atomic import write_bytes_atomic
from analysis.core.paths import processed_dir
from analysis.sources.manifest import cached_vocabulary
from analysis.sources.submissions import (
    COLUMNS,
    GUIDE_SHEET,
    PRICED_UNIT_LABELS,
    REASON_COLUMN,
    STATUS_LABELS,
    TEMPLATE_NAME,
    UNIT_LABELS,
    UNIT_OF_CODE,
)
from analysis.studies.study import Study

from .properties import document_properties, set_workbook_properties
from .template_sheets import agency_sheet, guide_sheet, requested_rows, sheet_name
from .workbook import normalise_xlsx

if TYPE_CHECKING:  # annotations only; pandas loads with the functions that use it
    import pandas as pd

__all__ = ["write_template"]

_WIDTHS = [8, 30, 20, 10, 28, 12, 14, 13, 13, 12, 16, 16, 28]
_WRAP = {"Chỉ tiêu", REASON_COLUMN, "Cơ quan ban hành", "Ghi chú", "Đánh giá (chỉ tiêu định tính)"}
#: sheets that hold no figures (``Huong dan``: the instructions sheet of earlier templates)
_INSTRUCTIONS = [
    "HƯỚNG DẪN NHẬP SỐ LIỆU",
    "1. Mỗi trang tính dành cho một cơ quan (tên đầy đủ ở dòng đầu của trang tính); mỗi dòng là một chỉ tiêu và "
    "một kỳ báo cáo cần số liệu.",
    f"2. Cột '{REASON_COLUMN}' cho biết vì sao cần số liệu: chưa có số liệu; báo cáo đang dựa trên số ước tính, số "
    "sơ bộ hoặc nguồn thứ cấp, cần số chính thức để thay; hoặc số hiện có thuộc địa giới khác với địa giới của chỉ "
    "tiêu, cần số đúng địa giới.",
    "3. Nhập giá trị vào cột 'Giá trị' (số, dấu phẩy thập phân hoặc dấu chấm đều được), chọn đơn vị và "
    "tình trạng số liệu (chính thức / sơ bộ / ước tính) trong danh sách.",
    "4. Ghi số, ngày và cơ quan ban hành văn bản có số liệu (công văn, báo cáo); không có văn bản thì ghi rõ ở cột 'Ghi chú'.",
    "5. Chỉ tiêu định tính: ghi nội dung đánh giá vào cột cuối.",
    "6. Không sửa các cột 'Mã chỉ tiêu', 'Kỳ', dòng tiêu đề và cột mã số liệu (ẩn, dùng để đọc lại tệp); dòng để "
    "trống được bỏ qua.",
    "7. Nhập xong, lưu tệp (giữ nguyên tên tệp và tên các trang tính) và gửi lại cho cơ quan, cán bộ đã gửi mẫu "
    "này để tổng hợp vào báo cáo, kèm văn bản cung cấp số liệu (nếu có).",
    "8. Kế hoạch năm: các dòng ghi 'Đánh giá giữa kỳ/trong năm' đề nghị số liệu của tháng và lũy kế từ đầu năm "
    "(so với cùng kỳ năm trước); quy mô theo giá so sánh chọn đơn vị có ghi loại giá, ví dụ 'tỷ đồng (giá so "
    "sánh 2010)'.",
]


def _agencies(data_from: str) -> list[str]:
    return [a.strip() for a in re.split(r";", data_from) if a.strip()] or ["Cơ quan khác"]


def _validations(ws: Any, first: int) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    col = {c: get_column_letter(COLUMNS.index(c) + 1) for c in ("Giá trị", "Đơn vị", "Tình trạng số liệu")}
    units = DataValidation(type="list", formula1='"' + ",".join([*UNIT_LABELS, *PRICED_UNIT_LABELS]) + '"', allow_blank=True)
    status = DataValidation(type="list", formula1='"' + ",".join(STATUS_LABELS) + '"', allow_blank=True)
    number = DataValidation(
        type="decimal",
        operator="between",
        formula1="-1000000000",
        formula2="1000000000",
        allow_blank=True,
        error="Nhập một số",
        errorTitle="Giá trị không hợp lệ",
    )
    last = max(first, ws.max_row)
    for dv, c in ((units, col["Đơn vị"]), (status, col["Tình trạng số liệu"]), (number, col["Giá trị"])):
        ws.add_data_validation(dv)
        dv.add(f"{c}{first}:{c}{last}")


def _add_sheet(wb: Any, name: str, agency: str, rows: list[dict[str, Any]], vocab: dict[str, dict[str, str]]) -> None:
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(name)
    values = []
    for r in rows:
        t = r["t"]
        label = vocab.get(r["key"], {}).get("label_vi", t.wording_vi) if r["key"] else t.wording_vi
        unit = r.get("unit_label") or UNIT_OF_CODE.get(r["unit"])  # a level at constant prices names its basis
        values.append([t.id, label, r["key"] or None, r["period"], r["why"], None, unit, None, None, None, None, None, None])
    agency_sheet(ws, agency, COLUMNS, _WIDTHS, values, _WRAP)
    _validations(ws, 3)
    ws.column_dimensions[get_column_letter(COLUMNS.index("Mã số liệu") + 1)].hidden = True  # read back, not shown
    ws.freeze_panes = "C3"


def write_template(card: pd.DataFrame, study: Study, *, path: str | Path | None = None) -> Path:
    """Write the fill-in workbook for the figures a study's report asks for (atomically, byte-identically)."""
    import io

    import openpyxl

    vocab = cached_vocabulary(study.root)
    wb = openpyxl.Workbook()
    set_workbook_properties(wb, document_properties(study, "template"))
    guide = wb.active
    guide.title = GUIDE_SHEET
    guide_sheet(guide, [f"{_INSTRUCTIONS[0]} — {study.short_title_vi}"] + _INSTRUCTIONS[1:])
    by_agency: dict[str, list[dict[str, Any]]] = {}
    for r in requested_rows(card, study):
        for agency in _agencies(r["t"].data_from)[:1]:  # the first agency named holds the figure
            by_agency.setdefault(agency, []).append(r)
    used: set[str] = set()
    for agency, rows in by_agency.items():
        _add_sheet(wb, sheet_name(agency, used), agency, rows, vocab)
    meta = wb.create_sheet("_study")
    for k, v in (("study", study.id), ("province", study.province), ("boundary", study.boundary)):
        meta.append([k, v])
    meta.sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    target = Path(path) if path else processed_dir(study.root) / study.id / TEMPLATE_NAME
    write_bytes_atomic(target, normalise_xlsx(buf.getvalue()))
    return target
