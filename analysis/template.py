"""A fill-in workbook for the figures agencies hold, and the reader of filled-in copies.

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
(:mod:`analysis.workbook_template`).

The agencies send the filled copy back to the analyst, who saves it into
``data/raw/submissions/``; :func:`read_submissions` turns every filled row of every file there
into an observation with its provenance (file, sheet, row, the document cited). Columns are found
by their header (row 1 or 2), so copies of earlier templates are read too. A bad value is an
:class:`~analysis.errors.InputError` naming the file, sheet and row.
"""
from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from .errors import InputError, Location
from .vocabulary import Status

__all__ = ["write_template", "read_submissions", "TEMPLATE_NAME", "SUBMISSIONS_DIR", "COLUMNS", "GUIDE_SHEET",
           "REASON_COLUMN"]

TEMPLATE_NAME = "mau-nhap-so-lieu.xlsx"
SUBMISSIONS_DIR = "submissions"
GUIDE_SHEET = "Hướng dẫn"
REASON_COLUMN = "Lý do đề nghị"
#: the columns a filled copy must have (found by name; the reason column is only read by people)
_REQUIRED = ["Mã chỉ tiêu", "Chỉ tiêu", "Mã số liệu", "Kỳ", "Giá trị", "Đơn vị", "Tình trạng số liệu",
             "Số văn bản", "Ngày văn bản", "Cơ quan ban hành", "Ghi chú", "Đánh giá (chỉ tiêu định tính)"]
COLUMNS = _REQUIRED[:4] + [REASON_COLUMN] + _REQUIRED[4:]
_WIDTHS = [8, 30, 20, 10, 28, 12, 14, 13, 13, 12, 16, 16, 28]
_WRAP = {"Chỉ tiêu", REASON_COLUMN, "Cơ quan ban hành", "Ghi chú", "Đánh giá (chỉ tiêu định tính)"}
#: sheets that hold no figures (``Huong dan``: the instructions sheet of earlier templates)
_NOT_DATA = {GUIDE_SHEET, "Huong dan", "_study"}
_STATUS_LABELS = {Status.OFFICIAL.vi: "official", Status.PRELIMINARY.vi: "preliminary",
                  Status.ESTIMATE.vi: "estimate"}
_UNIT_LABELS = {"%": "percent", "%/năm": "percent_per_year", "tỷ đồng": "bn_VND", "triệu USD": "mn_USD",
                "người": "persons", "USD/người": "USD_per_person", "triệu đồng/người": "mn_VND_per_person",
                "triệu đồng/lao động": "mn_VND_per_worker", "cái": "count"}
_UNIT_OF_CODE = {v: k for k, v in _UNIT_LABELS.items()}
_INSTRUCTIONS = [
    "HƯỚNG DẪN NHẬP SỐ LIỆU",
    "1. Mỗi trang tính dành cho một cơ quan (tên đầy đủ ở dòng đầu của trang tính); mỗi dòng là một chỉ tiêu và "
    "một kỳ báo cáo cần số liệu.",
    f"2. Cột '{REASON_COLUMN}' cho biết vì sao cần số liệu: chưa có số liệu; báo cáo đang dựa trên số ước tính, số "
    "sơ bộ hoặc nguồn thứ cấp, cần số chính thức để thay; hoặc số hiện có thuộc địa giới khác với địa giới của chỉ "
    "tiêu, cần số đúng địa giới.",
    "3. Nhập giá trị vào cột 'Giá trị' (số, dấu phẩy thập phân hoặc dấu chấm đều được), chọn đơn vị và "
    "tình trạng số liệu (chính thức / sơ bộ / ước tính) trong danh sách.",
    "4. Ghi số, ngày và cơ quan ban hành văn bản có số liệu (công văn, báo cáo); không có văn bản thì ghi rõ ở "
    "cột 'Ghi chú'.",
    "5. Chỉ tiêu định tính: ghi nội dung đánh giá vào cột cuối.",
    "6. Không sửa các cột 'Mã chỉ tiêu', 'Kỳ', dòng tiêu đề và cột mã số liệu (ẩn, dùng để đọc lại tệp); dòng để "
    "trống được bỏ qua.",
    "7. Nhập xong, lưu tệp (giữ nguyên tên tệp và tên các trang tính) và gửi lại cho cơ quan, cán bộ đã gửi mẫu "
    "này để tổng hợp vào báo cáo, kèm văn bản cung cấp số liệu (nếu có).",
]


def _agencies(data_from: str) -> list[str]:
    return [a.strip() for a in re.split(r";", data_from) if a.strip()] or ["Cơ quan khác"]


def _validations(ws: Any, first: int) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    col = {c: get_column_letter(COLUMNS.index(c) + 1) for c in ("Giá trị", "Đơn vị", "Tình trạng số liệu")}
    units = DataValidation(type="list", formula1='"' + ",".join(_UNIT_LABELS) + '"', allow_blank=True)
    status = DataValidation(type="list", formula1='"' + ",".join(_STATUS_LABELS) + '"', allow_blank=True)
    number = DataValidation(type="decimal", operator="between", formula1="-1000000000", formula2="1000000000",
                            allow_blank=True, error="Nhập một số", errorTitle="Giá trị không hợp lệ")
    last = max(first, ws.max_row)
    for dv, c in ((units, col["Đơn vị"]), (status, col["Tình trạng số liệu"]), (number, col["Giá trị"])):
        ws.add_data_validation(dv)
        dv.add(f"{c}{first}:{c}{last}")


def _add_sheet(wb: Any, name: str, agency: str, rows: list[dict[str, Any]], vocab: dict[str, dict[str, str]]) -> None:
    from openpyxl.utils import get_column_letter

    from .workbook_template import agency_sheet

    ws = wb.create_sheet(name)
    values = []
    for r in rows:
        t = r["t"]
        label = vocab.get(r["key"], {}).get("label_vi", t.wording_vi) if r["key"] else t.wording_vi
        values.append([t.id, label, r["key"] or None, r["period"], r["why"], None, _UNIT_OF_CODE.get(r["unit"]),
                       None, None, None, None, None, None])
    agency_sheet(ws, agency, COLUMNS, _WIDTHS, values, _WRAP)
    _validations(ws, 3)
    ws.column_dimensions[get_column_letter(COLUMNS.index("Mã số liệu") + 1)].hidden = True   # read back, not shown
    ws.freeze_panes = "C3"


def write_template(card: Any, study: Any, *, path: str | Path | None = None) -> Path:
    """Write the fill-in workbook for the figures a study's report asks for (atomically, byte-identically)."""
    import io

    import openpyxl

    from .atomic import write_bytes_atomic
    from .doc_properties import document_properties, set_workbook_properties
    from .manifest import cached_vocabulary
    from .paths import processed_dir
    from .workbook import normalise_xlsx
    from .workbook_template import guide_sheet, requested_rows, sheet_name

    vocab = cached_vocabulary(study.root)
    wb = openpyxl.Workbook()
    set_workbook_properties(wb, document_properties(study, "template"))
    guide = wb.active
    guide.title = GUIDE_SHEET
    guide_sheet(guide, [f"{_INSTRUCTIONS[0]} — {study.short_title_vi}"] + _INSTRUCTIONS[1:])
    by_agency: dict[str, list[dict[str, Any]]] = {}
    for r in requested_rows(card, study):
        for agency in _agencies(r["t"].data_from)[:1]:      # the first agency named holds the figure
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


def _number(v: Any, loc: Location) -> float:
    from .vnnumbers import parse_vn_number

    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if not math.isfinite(float(v)):
            raise InputError(loc, f"value {v!r} is not a finite number", "a number such as 92 or 92,5")
        return float(v)
    text = str(v).strip()
    if re.fullmatch(r"[+-]?\d{1,3}\.\d{3}", text):
        raise InputError(loc, f"value {text!r} is ambiguous (thousands or decimals?)",
                         "92,5 for a decimal or 1234 without a separator for thousands")
    if re.fullmatch(r"[+-]?\d+(?:\.\d+)?", text):
        return float(text)
    try:
        p = parse_vn_number(text)
    except ValueError:
        p = None
    if p is None or p.symbol or p.value is None:
        raise InputError(loc, f"value {text!r} is not a number", "a number such as 92 or 92,5")
    return float(p.value)


def _doc_date(v: Any) -> str:
    if hasattr(v, "strftime"):
        return v.strftime("%Y-%m-%d")
    return str(v or "").strip()


def _row_observation(rec: dict[str, Any], loc: Location, meta: dict[str, str], shown: str,
                     vocab: dict[str, dict[str, str]], cell: str = "", agency: str = "") -> dict[str, Any]:
    from .names import nfc
    from .store_schema import PERIOD_FORMS
    from .units import same_quantity

    key = str(rec["Mã số liệu"] or "").strip()
    if key not in vocab:
        raise InputError(loc, f"indicator code {key!r} is not in data/raw/indicators.csv", "the code the template wrote")
    value = _number(rec["Giá trị"], loc)
    unit = _UNIT_LABELS.get(nfc(str(rec["Đơn vị"] or "")))
    if unit is None:
        raise InputError(loc, f"unit {rec['Đơn vị']!r}", f"one of {list(_UNIT_LABELS)}")
    if not same_quantity(unit, vocab[key]["unit"]):
        raise InputError(loc, f"unit {rec['Đơn vị']!r} does not measure {vocab[key]['label_vi']!r}",
                         f"a unit of the same quantity as {_UNIT_OF_CODE.get(vocab[key]['unit'], vocab[key]['unit'])!r}")
    period_text = str(rec["Kỳ"] or "").strip()
    if not any(re.fullmatch(rx, period_text) for rx in PERIOD_FORMS.values()):
        raise InputError(loc, f"period {period_text!r}", "the period the template wrote, e.g. 2025 or 2021-2025")
    status = _STATUS_LABELS.get(nfc(str(rec["Tình trạng số liệu"] or "")))
    if status is None:
        raise InputError(loc, f"status {rec['Tình trạng số liệu']!r}", f"one of {list(_STATUS_LABELS)}")
    doc = _document_vi(rec)
    agency = str(rec["Cơ quan ban hành"] or agency or loc.sheet or "").strip()
    period = period_text
    money = unit in {"bn_VND", "mn_USD", "mn_VND_per_worker", "USD_per_person", "mn_VND_per_person"}
    return {
        "obs_id": f"SUB:{Path(shown).stem}:{loc.sheet}:{loc.row}", "province": meta["province"], "indicator": key,
        "period": period, "year": int(period) if re.fullmatch(r"\d{4}", period) else None, "value": value,
        "unit": unit, "price_basis": "unknown" if money else "na", "boundary": meta["boundary"], "status": status,
        "qualifier": "exact", "vintage": _doc_date(rec["Ngày văn bản"]), "published": _doc_date(rec["Ngày văn bản"]),
        "source_kind": "submission", "source_url": "", "source_ref": f"{agency}; {doc}".strip("; "),
        "raw_file": shown, "raw_line": loc.row, "cell": cell, "series_label": str(rec["Chỉ tiêu"] or ""),
        "block": loc.sheet or "", "value_as_printed": str(rec["Giá trị"]), "unit_as_printed": str(rec["Đơn vị"]),
        "transform": "", "inputs": "", "of_which": False, "translated": False,
        "note": str(rec["Ghi chú"] or ""),
    }


def _header_row(rows: list[tuple[Any, ...]]) -> tuple[int, dict[str, int]] | None:
    """(row number, column index by name) of the header: row 1 (earlier templates) or row 2."""
    for k, values in enumerate(rows[:2], 1):
        names = {str(v).strip(): i for i, v in enumerate(values) if v is not None}
        if all(c in names for c in _REQUIRED):
            return k, names
    return None


def _read_sheet(ws: Any, shown: str, meta: dict[str, str], vocab: dict[str, dict[str, str]],
                obs: list[dict[str, Any]], texts: list[dict[str, Any]]) -> None:
    """Every filled row of one agency sheet: values to ``obs``, qualitative assessments to ``texts``."""
    rows = list(ws.iter_rows(values_only=True))
    found = _header_row(rows)
    if found is None:
        raise InputError(Location(shown, ws.title, row=2), "header row changed", f"the columns {COLUMNS}")
    head, index = found
    title = str(rows[0][0] or "") if head == 2 and rows[0] else ""
    agency = title.split(":", 1)[1].strip() if ":" in title else ws.title     # the full name, in row 1
    for i, values in enumerate(rows[head:], start=head + 1):
        rec = {c: (values[index[c]] if index[c] < len(values) else None) for c in _REQUIRED}
        loc = Location(shown, ws.title, row=i)
        if rec["Đánh giá (chỉ tiêu định tính)"]:
            texts.append({"study": meta.get("study", ""), "target_id": rec["Mã chỉ tiêu"], "text":
                          str(rec["Đánh giá (chỉ tiêu định tính)"]).strip(), "agency": agency,
                          "document": _document_vi(rec), "raw_file": shown, "raw_line": i})
        if rec["Giá trị"] in (None, ""):
            continue
        obs.append(_row_observation(rec, loc, meta, shown, vocab, cell=_cell(index["Giá trị"], i), agency=agency))


def _document_vi(rec: dict[str, Any]) -> str:
    """The document an agency cites: ``văn bản số 12/BC-SCT, ngày 15/01/2026`` (empty when not given)."""
    return ", ".join(x for x in (f"văn bản số {rec['Số văn bản']}" if rec["Số văn bản"] else "",
                                 f"ngày {_doc_date(rec['Ngày văn bản'])}" if rec["Ngày văn bản"] else "") if x)


def _cell(col: int, row: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col + 1)}{row}"


def read_submissions(root: str | Path | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every filled row of ``data/raw/submissions/*.xlsx``: (observations, qualitative assessments).

    Raises
    ------
    InputError
        Naming the file, sheet and row of a value that is not a number, an unknown unit,
        status or indicator code, or a workbook that is not a filled template.
    """
    import openpyxl

    from .manifest import cached_vocabulary
    from .paths import raw_dir

    folder = raw_dir(Path(root) if root else None) / SUBMISSIONS_DIR
    vocab = cached_vocabulary(root)
    obs: list[dict[str, Any]] = []
    texts: list[dict[str, Any]] = []
    files = [p for p in sorted(folder.glob("*.xlsx")) if not p.name.startswith("~$")] if folder.is_dir() else []
    for path in files:            # '~$…' is Excel's lock file while a submission is open
        shown = f"data/raw/{SUBMISSIONS_DIR}/{path.name}"
        try:
            wb = openpyxl.load_workbook(path, read_only=True)
        except Exception as exc:  # a truncated or non-Excel file: say which, never a bare zip error
            raise InputError(Location(shown), f"cannot be opened as a workbook ({type(exc).__name__}: {exc})",
                             "an .xlsx saved from the template") from None
        if "_study" not in wb.sheetnames:
            raise InputError(Location(shown), "no sheet '_study'", "a copy of the template written by "
                                                                   "'python -m analysis template'")
        meta = {str(r[0]): str(r[1]) for r in wb["_study"].iter_rows(values_only=True) if r and r[0]}
        missing = [k for k in ("study", "province", "boundary") if not meta.get(k)]
        if missing:
            raise InputError(Location(shown, "_study"), f"missing {missing}", "the rows study, province, boundary")
        for ws in wb.worksheets:
            if ws.title not in _NOT_DATA:
                _read_sheet(ws, shown, meta, vocab, obs, texts)
        wb.close()
    return obs, texts
