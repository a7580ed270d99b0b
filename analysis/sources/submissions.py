"""The reader of filled-in copies of the fill-in workbook (the template the report module writes).

The agencies send the filled copy back to the analyst, who saves it into
``data/raw/submissions/``; :func:`read_submissions` turns every filled row of every file there
into an observation with its provenance (file, sheet, row, the document cited). Columns are found
by their header (row 1 or 2), so copies of earlier templates are read too. A bad value is an
:class:`~analysis.core.errors.InputError` naming the file, sheet and row.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from analysis.core.errors import InputError, Location
from analysis.core.names import nfc
from analysis.core.paths import raw_dir
from analysis.core.units import same_quantity
from analysis.core.vnnumbers import parse_vn_number
from analysis.core.vocabulary import Status

from .manifest import cached_vocabulary
from .store_schema import PERIOD_FORMS

__all__ = [
    "read_submissions",
    "TEMPLATE_NAME",
    "SUBMISSIONS_DIR",
    "COLUMNS",
    "GUIDE_SHEET",
    "REASON_COLUMN",
    "STATUS_LABELS",
    "UNIT_LABELS",
    "UNIT_OF_CODE",
    "PRICED_UNIT_LABELS",
    "PRICED_UNIT_OF",
]

TEMPLATE_NAME = "mau-nhap-so-lieu.xlsx"
SUBMISSIONS_DIR = "submissions"
GUIDE_SHEET = "Hướng dẫn"
REASON_COLUMN = "Lý do đề nghị"
#: the columns a filled copy must have (found by name; the reason column is only read by people)
_REQUIRED = [
    "Mã chỉ tiêu",
    "Chỉ tiêu",
    "Mã số liệu",
    "Kỳ",
    "Giá trị",
    "Đơn vị",
    "Tình trạng số liệu",
    "Số văn bản",
    "Ngày văn bản",
    "Cơ quan ban hành",
    "Ghi chú",
    "Đánh giá (chỉ tiêu định tính)",
]
COLUMNS = _REQUIRED[:4] + [REASON_COLUMN] + _REQUIRED[4:]
_NOT_DATA = {GUIDE_SHEET, "Huong dan", "_study"}
STATUS_LABELS = {Status.OFFICIAL.vi: "official", Status.PRELIMINARY.vi: "preliminary", Status.ESTIMATE.vi: "estimate"}
UNIT_LABELS = {
    "%": "percent",
    "%/năm": "percent_per_year",
    "tỷ đồng": "bn_VND",
    "triệu USD": "mn_USD",
    "người": "persons",
    "USD/người": "USD_per_person",
    "triệu đồng/người": "mn_VND_per_person",
    "triệu đồng/lao động": "mn_VND_per_worker",
    "cái": "count",
}
UNIT_OF_CODE = {v: k for k, v in UNIT_LABELS.items()}
#: units that also state the price basis (levels at constant prices that weight the parts of a year)
PRICED_UNIT_LABELS = {
    "tỷ đồng (giá so sánh 2010)": ("bn_VND", "constant_2010"),
    "tỷ đồng (giá so sánh 2020)": ("bn_VND", "constant_2020"),
    "tỷ đồng (giá hiện hành)": ("bn_VND", "current"),
}
PRICED_UNIT_OF = {v: k for k, v in PRICED_UNIT_LABELS.items()}


def _number(v: Any, loc: Location) -> float:

    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if not math.isfinite(float(v)):
            raise InputError(loc, f"value {v!r} is not a finite number", "a number such as 92 or 92,5")
        return float(v)
    text = str(v).strip()
    if re.fullmatch(r"[+-]?\d{1,3}\.\d{3}", text):
        raise InputError(
            loc,
            f"value {text!r} is ambiguous (thousands or decimals?)",
            "92,5 for a decimal or 1234 without a separator for thousands",
        )
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


def _row_observation(
    rec: dict[str, Any],
    loc: Location,
    meta: dict[str, str],
    shown: str,
    vocab: dict[str, dict[str, str]],
    cell: str = "",
    agency: str = "",
) -> dict[str, Any]:

    key = str(rec["Mã số liệu"] or "").strip()
    if key not in vocab:
        raise InputError(loc, f"indicator code {key!r} is not in data/raw/indicators.csv", "the code the template wrote")
    value = _number(rec["Giá trị"], loc)
    unit_text = nfc(str(rec["Đơn vị"] or ""))
    unit, basis = UNIT_LABELS.get(unit_text), ""
    if unit is None and unit_text in PRICED_UNIT_LABELS:
        unit, basis = PRICED_UNIT_LABELS[unit_text]
    if unit is None:
        raise InputError(loc, f"unit {rec['Đơn vị']!r}", f"one of {list(UNIT_LABELS) + list(PRICED_UNIT_LABELS)}")
    if not same_quantity(unit, vocab[key]["unit"]):
        raise InputError(
            loc,
            f"unit {rec['Đơn vị']!r} does not measure {vocab[key]['label_vi']!r}",
            f"a unit of the same quantity as {UNIT_OF_CODE.get(vocab[key]['unit'], vocab[key]['unit'])!r}",
        )
    period_text = str(rec["Kỳ"] or "").strip()
    if not any(re.fullmatch(rx, period_text) for rx in PERIOD_FORMS.values()):
        raise InputError(loc, f"period {period_text!r}", "the period the template wrote, e.g. 2025 or 2021-2025")
    status = STATUS_LABELS.get(nfc(str(rec["Tình trạng số liệu"] or "")))
    if status is None:
        raise InputError(loc, f"status {rec['Tình trạng số liệu']!r}", f"one of {list(STATUS_LABELS)}")
    doc = _document_vi(rec)
    agency = str(rec["Cơ quan ban hành"] or agency or loc.sheet or "").strip()
    period = period_text
    money = unit in {"bn_VND", "mn_USD", "mn_VND_per_worker", "USD_per_person", "mn_VND_per_person"}
    return {
        "obs_id": f"SUB:{Path(shown).stem}:{loc.sheet}:{loc.row}",
        "province": meta["province"],
        "indicator": key,
        "period": period,
        "year": int(period) if re.fullmatch(r"\d{4}", period) else None,
        "value": value,
        "unit": unit,
        "price_basis": basis or ("unknown" if money else "na"),
        "boundary": meta["boundary"],
        "status": status,
        "qualifier": "exact",
        "vintage": _doc_date(rec["Ngày văn bản"]),
        "published": _doc_date(rec["Ngày văn bản"]),
        "source_kind": "submission",
        "source_url": "",
        "source_ref": f"{agency}; {doc}".strip("; "),
        "raw_file": shown,
        "raw_line": loc.row,
        "cell": cell,
        "series_label": str(rec["Chỉ tiêu"] or ""),
        "block": loc.sheet or "",
        "value_as_printed": str(rec["Giá trị"]),
        "unit_as_printed": str(rec["Đơn vị"]),
        "transform": "",
        "inputs": "",
        "of_which": False,
        "translated": False,
        "note": str(rec["Ghi chú"] or ""),
    }


def _header_row(rows: list[tuple[Any, ...]]) -> tuple[int, dict[str, int]] | None:
    """(row number, column index by name) of the header: row 1 (earlier templates) or row 2."""
    for k, values in enumerate(rows[:2], 1):
        names = {str(v).strip(): i for i, v in enumerate(values) if v is not None}
        if all(c in names for c in _REQUIRED):
            return k, names
    return None


def _read_sheet(
    ws: Any,
    shown: str,
    meta: dict[str, str],
    vocab: dict[str, dict[str, str]],
    obs: list[dict[str, Any]],
    texts: list[dict[str, Any]],
) -> None:
    """Every filled row of one agency sheet: values to ``obs``, qualitative assessments to ``texts``."""
    rows = list(ws.iter_rows(values_only=True))
    found = _header_row(rows)
    if found is None:
        raise InputError(Location(shown, ws.title, row=2), "header row changed", f"the columns {COLUMNS}")
    head, index = found
    title = str(rows[0][0] or "") if head == 2 and rows[0] else ""
    agency = title.split(":", 1)[1].strip() if ":" in title else ws.title  # the full name, in row 1
    for i, values in enumerate(rows[head:], start=head + 1):
        rec = {c: (values[index[c]] if index[c] < len(values) else None) for c in _REQUIRED}
        loc = Location(shown, ws.title, row=i)
        if rec["Đánh giá (chỉ tiêu định tính)"]:
            texts.append(
                {
                    "study": meta.get("study", ""),
                    "target_id": rec["Mã chỉ tiêu"],
                    "text": str(rec["Đánh giá (chỉ tiêu định tính)"]).strip(),
                    "agency": agency,
                    "document": _document_vi(rec),
                    "raw_file": shown,
                    "raw_line": i,
                }
            )
        if rec["Giá trị"] in (None, ""):
            continue
        obs.append(_row_observation(rec, loc, meta, shown, vocab, cell=_cell(index["Giá trị"], i), agency=agency))


def _document_vi(rec: dict[str, Any]) -> str:
    """The document an agency cites: ``văn bản số 12/BC-SCT, ngày 15/01/2026`` (empty when not given)."""
    return ", ".join(
        x
        for x in (
            f"văn bản số {rec['Số văn bản']}" if rec["Số văn bản"] else "",
            f"ngày {_doc_date(rec['Ngày văn bản'])}" if rec["Ngày văn bản"] else "",
        )
        if x
    )


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

    folder = raw_dir(Path(root) if root else None) / SUBMISSIONS_DIR
    vocab = cached_vocabulary(root)
    obs: list[dict[str, Any]] = []
    texts: list[dict[str, Any]] = []
    files = [p for p in sorted(folder.glob("*.xlsx")) if not p.name.startswith("~$")] if folder.is_dir() else []
    for path in files:  # '~$…' is Excel's lock file while a submission is open
        shown = f"data/raw/{SUBMISSIONS_DIR}/{path.name}"
        try:
            wb = openpyxl.load_workbook(path, read_only=True)
        except Exception as exc:  # a truncated or non-Excel file: say which, never a bare zip error
            raise InputError(
                Location(shown),
                f"cannot be opened as a workbook ({type(exc).__name__}: {exc})",
                "an .xlsx saved from the template",
            ) from None
        if "_study" not in wb.sheetnames:
            raise InputError(
                Location(shown), "no sheet '_study'", "a copy of the template written by 'python -m analysis template'"
            )
        meta = {str(r[0]): str(r[1]) for r in wb["_study"].iter_rows(values_only=True) if r and r[0]}
        missing = [k for k in ("study", "province", "boundary") if not meta.get(k)]
        if missing:
            raise InputError(Location(shown, "_study"), f"missing {missing}", "the rows study, province, boundary")
        for ws in wb.worksheets:
            if ws.title not in _NOT_DATA:
                _read_sheet(ws, shown, meta, vocab, obs, texts)
        wb.close()
    return obs, texts
