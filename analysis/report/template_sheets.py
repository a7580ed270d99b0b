"""What the fill-in workbook (:mod:`analysis.report.template`) asks for, and how it looks on screen and on paper.

* :func:`requested_rows` — one row per indicator × period the report still needs, with why:
  the figure is missing; the result rests on an estimate, a preliminary figure or a secondary
  source that the report asks to replace with the official figure; or the deciding figure is of
  another territory ("chưa đủ cơ sở đánh giá": the target year on the target's own territory is
  asked for). Read from the scorecard's ``verdict``, ``evidence_status`` and ``boundary``.
* :func:`sheet_name` — an agency's sheet name: Excel allows Vietnamese names of up to 31
  characters without ``[]:*?/\\``; longer names are shortened by the usual abbreviations of
  Vietnamese administrative names (Ban Quản lý → BQL, Khoa học và Công nghệ → KH&CN …), then at
  a word. The full name is written in the sheet's first row.
* :func:`agency_sheet`, :func:`guide_sheet` — A4 landscape, one page wide, header rows repeated,
  wrapped text with row heights set from the text length (LibreOffice does not fit rows when it
  opens a file); a qualitative target's row leaves room for the agency's assessment.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from analysis.assessment.inyear import weightable_level
from analysis.assessment.panel_cube import CONSTANT_BASES
from analysis.assessment.target_evidence import annual_key
from analysis.core.names import nfc
from analysis.core.vocabulary import Status, Verdict
from analysis.sources.manifest import cached_vocabulary
from analysis.sources.periods import MONTHS_IN_YEAR, part_year_months, same_period_of_year
from analysis.sources.submissions import PRICED_UNIT_OF
from analysis.studies.study import Study
from analysis.studies.targets import Target
from analysis.wording.inyear_text import part_year_vi, subyear_period_vi
from analysis.wording.labels import IN_YEAR_LABEL_VI, boundary_vi, status_vi

from .workbook_style import estimate_lines, page_setup

if TYPE_CHECKING:  # annotations only; pandas loads with the functions that use it
    import pandas as pd

__all__ = ["requested_rows", "sheet_name", "agency_sheet", "guide_sheet", "FONT", "WHY_MISSING", "in_year_rows", "in_year_month"]

FONT = "Arial"
_PT = 10.0
WHY_MISSING = "Chưa có số liệu."
#: statuses the report asks to replace with the official figure
_NOT_OFFICIAL = {Status.PRELIMINARY.value, Status.ESTIMATE.value, Status.SECONDARY.value}
#: usual abbreviations of Vietnamese administrative names (applied, in order, only to names over 31 characters)
_ABBREVIATIONS = (
    ("Ban Quản lý", "BQL"),
    ("Ủy ban nhân dân", "UBND"),
    ("Khu kinh tế", "KKT"),
    ("Khu công nghiệp", "KCN"),
    ("Cụm công nghiệp", "CCN"),
    ("Khoa học và Công nghệ", "KH&CN"),
    ("Nông nghiệp và Môi trường", "NN&MT"),
    ("Nông nghiệp và Phát triển nông thôn", "NN&PTNT"),
    ("Tài nguyên và Môi trường", "TN&MT"),
    ("Kế hoạch và Đầu tư", "KH&ĐT"),
    ("Lao động - Thương binh và Xã hội", "LĐ-TB&XH"),
    ("Giao thông vận tải", "GTVT"),
    ("Giáo dục và Đào tạo", "GD&ĐT"),
    ("Thông tin và Truyền thông", "TT&TT"),
    ("Văn hóa, Thể thao và Du lịch", "VH-TT&DL"),
    ("Công Thương", "CT"),
)
_TRAILING = {"và", "các", "của", "tỉnh", "thành", "phố", "-", ",", "&"}


# ---------------------------------------------------------------------------------------------------------
# what is asked for
# ---------------------------------------------------------------------------------------------------------
def _is_nan(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and not v.strip())


def _missing_periods(t: Target, r: pd.Series, years: list[int]) -> list[tuple[str, str, str]]:
    """(indicator, period, unit) of the figures a target still lacks."""
    if t.measure == "cumulative_sum":
        return [(t.indicator, p, t.unit) for p in [t.period] + [str(y) for y in range(t.base_year, t.target_year + 1)]]
    if t.measure == "ratio":
        return [(t.indicator, t.period, t.unit)]
    if t.measure == "period_avg_growth":
        out = [(t.indicator, t.period, t.unit)]
        if t.annual_indicator:
            out += [(t.annual_indicator, str(y), "percent") for y in years if _is_nan(r.get(f"y{y}"))]
        return out
    base_missing = _is_nan(r.get("baseline", math.nan))
    missing = ([t.base_year] if base_missing else []) + [y for y in years if _is_nan(r.get(f"y{y}", math.nan))]
    return [(t.indicator, str(y), t.unit) for y in missing]


def _why_weak(r: pd.Series, study: Study) -> str:
    """Why a figure the report already uses is asked for again ('' when it is official and of the right territory)."""
    parts = []
    if r.get("verdict") == "insufficient":
        parts.append(
            f"Số liệu hiện có của {boundary_vi(r.get('boundary')) or 'địa giới khác'}, khác địa giới của "
            f"chỉ tiêu ({boundary_vi(study.boundary)}): chưa đủ cơ sở đánh giá; đề nghị cung cấp số liệu "
            "đúng địa giới."
        )
    if str(r.get("evidence_status") or "") in _NOT_OFFICIAL:
        parts.append(f"Báo cáo đang dựa trên số {status_vi(r['evidence_status'])}; đề nghị cung cấp số chính thức để thay.")
    if str(r.get("boundary") or "") == "unknown" and parts:
        parts.append("Nguồn hiện có không nêu rõ phạm vi địa giới.")
    return " ".join(parts)


def in_year_month(r: pd.Series) -> tuple[int, int]:
    """(year, month) the template asks an in-year target's figures for: the month after the latest part-year
    figure of the evidence (January of the target year when there is none; December at most)."""
    py = part_year_months(str(r.get("in_year_period") or ""))
    year = int(r["in_year_year"])
    return year, min((py[1] + 1) if py else 1, MONTHS_IN_YEAR)


def in_year_rows(t: Target, r: pd.Series, study: Study) -> list[dict[str, Any]]:
    """This month's and the year-to-date figures of an in-year target (and last year's levels its weights lack).

    A growth target asks for the month's growth on the same month a year earlier and the cumulative growth
    from January; a level target the month's amount and the amount from January; for a growth target
    whose last-year levels are missing (``in_year_missing``), last year's full-year level and the level of
    the same months, at constant prices.
    """
    kind = str(r.get("in_year_kind") or "")
    if not kind:
        return []
    voc = cached_vocabulary(study.root)
    year, month = in_year_month(r)
    this = f"{year}-{month:02d}"
    ytd = this if month == 1 else f"{year}-01..{month:02d}"
    words = f"{IN_YEAR_LABEL_VI[:1].upper()}{IN_YEAR_LABEL_VI[1:]}: "
    if kind == "growth":
        key = annual_key(t, voc) if t.measure == "period_avg_growth" else t.indicator
        unit = "percent"
    else:
        key, unit = t.indicator, t.unit
    rows = [
        {
            "t": t,
            "key": key,
            "period": p,
            "unit": unit,
            "why": f"{words}số liệu {subyear_period_vi(p)}" + (" (so với cùng kỳ năm trước)." if kind == "growth" else "."),
        }
        for p in dict.fromkeys([this, ytd])
    ]
    missing = str(r.get("in_year_missing") or "").split("|")
    level = t.level_indicator or voc.get(key, {}).get("level", "")
    if kind == "growth" and weightable_level(level, voc):  # a ratio or an average has no weights to ask for
        current = str(r.get("in_year_period") or "")
        prev = same_period_of_year(current or ytd, year - 1)
        lv_unit = voc.get(level, {}).get("unit", "")
        basis = str(r.get("in_year_level_basis") or "") or CONSTANT_BASES[0]  # the year's level basis when known
        label = PRICED_UNIT_OF.get((lv_unit, basis))
        if "level_year" in missing:
            rows.append(
                {
                    "t": t,
                    "key": level,
                    "period": str(year - 1),
                    "unit": lv_unit,
                    "unit_label": label,
                    "why": f"{words}quy mô cả năm {year - 1} theo giá so sánh (quyền số của các phần trong năm).",
                }
            )
        if "level_part" in missing or "level_mismatch" in missing or not current:
            rows.append(
                {
                    "t": t,
                    "key": level,
                    "period": prev,
                    "unit": lv_unit,
                    "unit_label": label,
                    "why": f"{words}quy mô {part_year_vi(prev) if part_year_months(prev) else prev} theo giá "
                    "so sánh, cùng loại giá và địa giới với số cả năm (quyền số).",
                }
            )
    if kind == "level" and r.get("in_year_expected_basis") != "seasonal":
        prev = same_period_of_year(ytd, year - 1)
        rows.append(
            {
                "t": t,
                "key": key,
                "period": prev,
                "unit": unit,
                "why": f"{words}số liệu {subyear_period_vi(prev)} (tỷ lệ cùng kỳ năm trước so với cả năm).",
            }
        )
    return rows


def requested_rows(card: pd.DataFrame, study: Study) -> list[dict[str, Any]]:
    """The (target, indicator, period) rows the report asks agencies for, each with ``why`` it is asked."""
    rows: list[dict[str, Any]] = []
    by_id = card.set_index("target_id")
    for t in study.targets:
        if t.restates:  # the same figures as the target it restates: asked for once
            continue
        r = by_id.loc[t.id]
        if t.kind == "qualitative":
            rows.append(
                {
                    "t": t,
                    "key": "",
                    "period": str(t.target_year),
                    "unit": "",
                    "why": "Chỉ tiêu định tính: đề nghị đánh giá kết quả thực hiện.",
                }
            )
            continue
        asked: dict[tuple[str, str], dict[str, Any]] = {}
        why = _why_weak(r, study)
        if why:
            period = str(r["period"]) if not _is_nan(r.get("period")) else t.period
            asked[(t.indicator, period)] = {"t": t, "key": t.indicator, "period": period, "unit": t.unit, "why": why}
        if r["verdict"] in {Verdict.NO_DATA.value, "insufficient"}:
            for key, period, unit in _missing_periods(t, r, study.reporting_years):
                asked.setdefault((key, period), {"t": t, "key": key, "period": period, "unit": unit, "why": WHY_MISSING})
        for rec in in_year_rows(t, r, study):  # an annual plan: this month and the year to date
            asked.setdefault((rec["key"], rec["period"]), rec)
        rows += list(asked.values())
    return rows


# ---------------------------------------------------------------------------------------------------------
# sheet names
# ---------------------------------------------------------------------------------------------------------
def _shorten(name: str, limit: int) -> str:
    for long, short in _ABBREVIATIONS:
        if len(name) <= limit:
            break
        name = re.sub(re.escape(long), short, name, flags=re.IGNORECASE)
    if len(name) > limit:
        words = name[: limit + 1].split(" ")
        words = words[:-1] if len(words) > 1 else [name[:limit]]
        while len(words) > 1 and words[-1].lower() in _TRAILING:
            words.pop()
        name = " ".join(words)
    return name.strip()


def sheet_name(agency: str, used: set[str]) -> str:
    """A sheet name for an agency (≤ 31 characters, abbreviated, unique among ``used``; added to it)."""
    base = re.sub(r"[\[\]\*\?/\\:]", "", nfc(agency)).strip().strip("'") or "Cơ quan khác"
    base = _shorten(base, 31)
    name, i = base, 2
    while name.lower() in {u.lower() for u in used} or name.lower() in {"hướng dẫn", "_study"}:
        name, i = f"{_shorten(base, 28)} {i}", i + 1
    used.add(name)
    return name


# ---------------------------------------------------------------------------------------------------------
# layout
# ---------------------------------------------------------------------------------------------------------
def _height(cells: list[tuple[Any, float, bool]], size: float = _PT, least: int = 1) -> float:
    """Row height (points) for cells given as (text, width, bold) in Arial at ``size``."""

    lines = max([least] + [estimate_lines(t, w, size, b, FONT) for t, w, b in cells])
    return round(lines * size * 1.25 + 4, 1)


def _page(ws: Any, title_rows: str | None) -> None:
    """A4 landscape, one page wide, as many pages tall as needed, header rows repeated."""

    page_setup(ws, title_rows, font=FONT)


def guide_sheet(ws: Any, lines: list[str], width: float = 120) -> None:
    """The instructions: one wrapped line per row, the first as a title."""
    from openpyxl.styles import Alignment, Font

    ws.column_dimensions["A"].width = width
    for r, line in enumerate(lines, 1):
        cell = ws.cell(row=r, column=1, value=line)
        cell.font = Font(name=FONT, size=13 if r == 1 else _PT, bold=r == 1)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[r].height = _height([(line, width, r == 1)], 13 if r == 1 else _PT)
    _page(ws, None)


def agency_sheet(ws: Any, agency: str, columns: list[str], widths: list[float], rows: list[list[Any]], wrap: set[str]) -> None:
    """Row 1: the agency's full name; row 2: the header; then one row per figure asked for."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    title = f"Cơ quan cung cấp số liệu: {agency}"
    ws.cell(row=1, column=1, value=title).font = Font(name=FONT, size=12, bold=True)
    ws.cell(row=1, column=1).alignment = Alignment(vertical="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    ws.row_dimensions[1].height = 24
    ws.row_dimensions[2].height = _height([(h, w, True) for h, w in zip(columns, widths, strict=True)])
    for c, (label, w) in enumerate(zip(columns, widths, strict=True), 1):
        ws.column_dimensions[get_column_letter(c)].width = w
        cell = ws.cell(row=2, column=c, value=label)
        cell.font = Font(name=FONT, size=_PT, bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E78")
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for r, values in enumerate(rows, 3):
        for c, (label, v) in enumerate(zip(columns, values, strict=True), 1):
            cell = ws.cell(row=r, column=c, value=v)
            cell.font = Font(name=FONT, size=_PT)
            cell.alignment = Alignment(wrap_text=label in wrap, vertical="top")
        texts = [
            (v, w, False) for label, v, w in zip(columns, values, widths, strict=True) if label in wrap and isinstance(v, str)
        ]
        ws.row_dimensions[r].height = _height(texts, least=1 if values[columns.index("Mã số liệu")] else 4)
    _page(ws, "1:2")
