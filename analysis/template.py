"""A fill-in workbook for the figures agencies hold, and the reader of filled-in copies.

``python -m analysis template --study ID`` writes ``data/processed/<study>/mau-nhap-so-lieu.xlsx``:
one sheet per agency named in the targets' ``data_from``, one row per indicator × period still
missing (a final-year share for the target year and base year, each year of a flow and the
period total, each year's growth and the period average, a ratio for the period), with columns
for the value, unit (validated list), status (validated list: chính thức / sơ bộ / ước tính),
the document the figure comes from (number, date, agency) and a note; qualitative targets get
a text column whose content the report quotes as the agency's assessment. A hidden sheet
``_study`` records the study, province and boundary the rows are for.

An analyst saves a filled copy into ``data/raw/submissions/``; :func:`read_submissions` turns
every filled row of every file there into an observation with its provenance (file, sheet, row,
the document cited). A bad value is an :class:`~analysis.errors.InputError` naming the file,
sheet and row.
"""
from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from .errors import InputError, Location
from .vocabulary import Status

__all__ = ["write_template", "read_submissions", "TEMPLATE_NAME", "SUBMISSIONS_DIR", "COLUMNS"]

TEMPLATE_NAME = "mau-nhap-so-lieu.xlsx"
SUBMISSIONS_DIR = "submissions"
COLUMNS = ["Mã chỉ tiêu", "Chỉ tiêu", "Mã số liệu", "Kỳ", "Giá trị", "Đơn vị", "Tình trạng số liệu",
           "Số văn bản", "Ngày văn bản", "Cơ quan ban hành", "Ghi chú", "Đánh giá (chỉ tiêu định tính)"]
_WIDTHS = [10, 48, 26, 12, 14, 14, 16, 16, 14, 26, 30, 50]
_STATUS_LABELS = {Status.OFFICIAL.vi: "official", Status.PRELIMINARY.vi: "preliminary",
                  Status.ESTIMATE.vi: "estimate"}
_UNIT_LABELS = {"%": "percent", "%/năm": "percent_per_year", "tỷ đồng": "bn_VND", "triệu USD": "mn_USD",
                "người": "persons", "USD/người": "USD_per_person", "triệu đồng/người": "mn_VND_per_person",
                "triệu đồng/lao động": "mn_VND_per_worker", "cái": "count"}
_UNIT_OF_CODE = {v: k for k, v in _UNIT_LABELS.items()}
_INSTRUCTIONS = [
    "HƯỚNG DẪN NHẬP SỐ LIỆU",
    "1. Mỗi sheet dành cho một cơ quan; mỗi dòng là một chỉ tiêu và một kỳ còn thiếu số liệu.",
    "2. Nhập giá trị vào cột 'Giá trị' (số, dấu phẩy thập phân hoặc dấu chấm đều được), chọn đơn vị và "
    "tình trạng số liệu (chính thức / sơ bộ / ước tính) trong danh sách.",
    "3. Ghi số, ngày và cơ quan ban hành văn bản có số liệu (công văn, báo cáo); không có văn bản thì ghi rõ ở cột 'Ghi chú'.",
    "4. Chỉ tiêu định tính: ghi nội dung đánh giá vào cột cuối.",
    "5. Không sửa các cột 'Mã chỉ tiêu', 'Kỳ' và cột mã số liệu (ẩn, dùng để đọc lại tệp); dòng để trống được bỏ qua.",
    "6. Lưu tệp vào thư mục data/raw/submissions/ rồi chạy 'make report'.",
]


def _missing_rows(card: Any, study: Any) -> list[dict[str, Any]]:
    """The (target, indicator, period) rows still without evidence, from the scorecard."""
    rows = []
    years = study.reporting_years
    for t in study.targets:
        r = card.set_index("target_id").loc[t.id]
        if t.kind == "qualitative":
            rows.append({"t": t, "key": "", "period": str(t.target_year), "unit": ""})
            continue
        if r["verdict"] not in {"no_data", "insufficient"}:   # insufficient: the target's own territory is missing
            continue
        if t.measure == "cumulative_sum":
            periods = [t.period] + [str(y) for y in range(t.base_year, t.target_year + 1)]
            rows += [{"t": t, "key": t.indicator, "period": p, "unit": t.unit} for p in periods]
        elif t.measure == "ratio":
            rows.append({"t": t, "key": t.indicator, "period": t.period, "unit": t.unit})
        elif t.measure == "period_avg_growth":
            rows.append({"t": t, "key": t.indicator, "period": t.period, "unit": t.unit})
            if t.annual_indicator:
                rows += [{"t": t, "key": t.annual_indicator, "period": str(y), "unit": "percent"} for y in years
                         if _is_nan(r.get(f"y{y}"))]
        else:
            base_missing = _is_nan(r.get("baseline", math.nan))
            missing = ([t.base_year] if base_missing else []) + [y for y in years if _is_nan(r.get(f"y{y}", math.nan))]
            rows += [{"t": t, "key": t.indicator, "period": str(y), "unit": t.unit} for y in missing]
    return rows


def _is_nan(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _agencies(data_from: str) -> list[str]:
    return [a.strip() for a in re.split(r";", data_from) if a.strip()] or ["Cơ quan khác"]


def _sheet_name(agency: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]\*\?/\\:]", "", agency)[:28] or "Co quan"
    name, i = base, 2
    while name in used:
        name, i = f"{base[:25]} {i}", i + 1
    used.add(name)
    return name


def _add_sheet(wb: Any, name: str, rows: list[dict[str, Any]], vocab: dict[str, dict[str, str]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = wb.create_sheet(name)
    ws.append(COLUMNS)
    for c, w in enumerate(_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(c)].width = w
        cell = ws.cell(row=1, column=c)
        cell.font = Font(name="Arial", bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E78")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for r in rows:
        t = r["t"]
        label = vocab.get(r["key"], {}).get("label_vi", t.wording_vi) if r["key"] else t.wording_vi
        ws.append([t.id, label, r["key"], r["period"], None, _UNIT_OF_CODE.get(r["unit"], ""), None, None, None,
                   None, None, None])
    units = DataValidation(type="list", formula1='"' + ",".join(_UNIT_LABELS) + '"', allow_blank=True)
    status = DataValidation(type="list", formula1='"' + ",".join(_STATUS_LABELS) + '"', allow_blank=True)
    number = DataValidation(type="decimal", operator="between", formula1="-1000000000", formula2="1000000000",
                            allow_blank=True, error="Nhập một số", errorTitle="Giá trị không hợp lệ")
    last = max(2, ws.max_row)
    for dv, col in ((units, "F"), (status, "G"), (number, "E")):
        ws.add_data_validation(dv)
        dv.add(f"{col}2:{col}{last}")
    ws.column_dimensions["C"].hidden = True      # the indicator code: read back by the suite, not for agencies
    ws.freeze_panes = "E2"


def write_template(card: Any, study: Any, *, path: str | Path | None = None) -> Path:
    """Write the fill-in workbook for a study's missing figures (atomically, byte-identically)."""
    import io

    import openpyxl
    from openpyxl.styles import Font

    from .atomic import write_bytes_atomic
    from .paths import processed_dir
    from .store import cached_vocabulary
    from .workbook import normalise_xlsx

    vocab = cached_vocabulary(study.root)
    wb = openpyxl.Workbook()
    guide = wb.active
    guide.title = "Huong dan"
    for line in [f"{_INSTRUCTIONS[0]} — {study.short_title_vi}"] + _INSTRUCTIONS[1:]:
        guide.append([line])
    guide["A1"].font = Font(name="Arial", bold=True, size=13)
    guide.column_dimensions["A"].width = 120
    by_agency: dict[str, list[dict[str, Any]]] = {}
    for r in _missing_rows(card, study):
        for agency in _agencies(r["t"].data_from)[:1]:      # the first agency named holds the figure
            by_agency.setdefault(agency, []).append(r)
    used: set[str] = set()
    for agency, rows in by_agency.items():
        _add_sheet(wb, _sheet_name(agency, used), rows, vocab)
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
                     vocab: dict[str, dict[str, str]]) -> dict[str, Any]:
    from .names import nfc
    from .store import PERIOD_FORMS
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
    doc = ", ".join(x for x in (f"văn bản số {rec['Số văn bản']}" if rec["Số văn bản"] else "",
                                f"ngày {_doc_date(rec['Ngày văn bản'])}" if rec["Ngày văn bản"] else "") if x)
    agency = str(rec["Cơ quan ban hành"] or loc.sheet or "").strip()
    period = period_text
    money = unit in {"bn_VND", "mn_USD", "mn_VND_per_worker", "USD_per_person", "mn_VND_per_person"}
    return {
        "obs_id": f"SUB:{Path(shown).stem}:{loc.sheet}:{loc.row}", "province": meta["province"], "indicator": key,
        "period": period, "year": int(period) if re.fullmatch(r"\d{4}", period) else None, "value": value,
        "unit": unit, "price_basis": "unknown" if money else "na", "boundary": meta["boundary"], "status": status,
        "qualifier": "exact", "vintage": _doc_date(rec["Ngày văn bản"]), "published": _doc_date(rec["Ngày văn bản"]),
        "source_kind": "submission", "source_url": "", "source_ref": f"{agency}; {doc}".strip("; "),
        "raw_file": shown, "raw_line": loc.row, "cell": f"E{loc.row}", "series_label": str(rec["Chỉ tiêu"] or ""),
        "block": loc.sheet or "", "value_as_printed": str(rec["Giá trị"]), "unit_as_printed": str(rec["Đơn vị"]),
        "transform": "", "inputs": "", "of_which": False, "translated": False,
        "note": str(rec["Ghi chú"] or ""),
    }


def read_submissions(root: str | Path | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every filled row of ``data/raw/submissions/*.xlsx``: (observations, qualitative assessments).

    Raises
    ------
    InputError
        Naming the file, sheet and row of a value that is not a number, an unknown unit,
        status or indicator code, or a workbook that is not a filled template.
    """
    import openpyxl

    from .paths import raw_dir
    from .store import cached_vocabulary

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
            if ws.title in {"Huong dan", "_study"}:
                continue
            rows = list(ws.iter_rows(values_only=True))
            if not rows or list(rows[0][:len(COLUMNS)]) != COLUMNS:
                raise InputError(Location(shown, ws.title, row=1), "header row changed", f"the columns {COLUMNS}")
            for i, values in enumerate(rows[1:], start=2):
                rec = dict(zip(COLUMNS, list(values) + [None] * (len(COLUMNS) - len(values)), strict=False))
                loc = Location(shown, ws.title, row=i)
                if rec["Đánh giá (chỉ tiêu định tính)"]:
                    texts.append({"study": meta.get("study", ""), "target_id": rec["Mã chỉ tiêu"], "text":
                                  str(rec["Đánh giá (chỉ tiêu định tính)"]).strip(), "agency": ws.title,
                                  "raw_file": shown, "raw_line": i})
                if rec["Giá trị"] in (None, ""):
                    continue
                obs.append(_row_observation(rec, loc, meta, shown, vocab))
        wb.close()
    return obs, texts
