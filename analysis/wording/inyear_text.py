"""Vietnamese wording of the in-year assessment of an annual plan (:mod:`analysis.assessment.inyear`).

Pure functions over period codes and the in-year record of one target. Every sentence starts with
:data:`~analysis.wording.labels.IN_YEAR_LABEL_VI` ("đánh giá giữa kỳ/trong năm"): an in-year result is
never a final verdict. Growth rates are written with two decimals (the precision the statistics office
prints), a part-year figure with the decimals its source printed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from analysis.sources.periods import MONTHS_IN_YEAR, part_year_months, same_period_of_year

from .labels import IN_YEAR_LABEL_VI, IN_YEAR_MISSING_VI, flag_sentences, in_year_vi, price_basis_vi
from .vnformat import fmt_amount_vi, fmt_vn

__all__ = [
    "part_year_vi",
    "subyear_period_vi",
    "rest_of_year_vi",
    "report_period_vi",
    "in_year_sentence",
    "in_year_heading_vi",
    "STATUS_WORD_VI",
]

#: the word a report puts before a figure of each status ("ước tăng", "sơ bộ tăng")
STATUS_WORD_VI = {"estimate": "ước", "preliminary": "sơ bộ", "secondary": "ước", "official": "", "": ""}
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def part_year_vi(period: str) -> str:
    """A cumulative part-year period in words.

    >>> part_year_vi("2026-H1"), part_year_vi("2026-01..08"), part_year_vi("2026-Q1"), part_year_vi("2026-01")
    ('6 tháng đầu năm 2026', '8 tháng đầu năm 2026', 'quý I năm 2026', 'tháng 1 năm 2026')
    """
    py = part_year_months(period)
    if py is None:
        return str(period)
    year, months = py
    if str(period).endswith("-Q1"):
        return f"quý {_ROMAN[1]} năm {year}"
    if months == 1:
        return f"tháng 1 năm {year}"
    return f"{months} tháng đầu năm {year}"


def subyear_period_vi(period: str) -> str:
    """Any period shorter than a year in words (cumulative or not); other periods as :func:`part_year_vi` leaves them.

    >>> subyear_period_vi("2026-03"), subyear_period_vi("2025-Q3"), subyear_period_vi("2025-H2")
    ('tháng 3 năm 2026', 'quý III năm 2025', '6 tháng cuối năm 2025')
    >>> subyear_period_vi("2025-9M")
    '9 tháng đầu năm 2025'
    """
    p = str(period)
    if part_year_months(p) is not None:
        return part_year_vi(p)
    year, rest = p[:4], p[5:]
    if rest.startswith("Q") and rest[1:].isdigit():
        return f"quý {_ROMAN.get(int(rest[1:]), rest[1:])} năm {year}"
    if rest == "H2":
        return f"6 tháng cuối năm {year}"
    if rest == "01..12":
        return f"12 tháng năm {year}"
    if len(rest) == 2 and rest.isdigit():
        return f"tháng {int(rest)} năm {year}"
    return p


def rest_of_year_vi(months: int) -> str:
    """The months still to come after ``months`` months from January, in words.

    >>> rest_of_year_vi(6), rest_of_year_vi(9), rest_of_year_vi(8)
    ('6 tháng cuối năm', 'quý IV', '4 tháng còn lại của năm')
    """
    rest = MONTHS_IN_YEAR - int(months)
    if rest == 6:
        return "6 tháng cuối năm"
    if rest == 3:
        return f"quý {_ROMAN[4]}"
    return f"{rest} tháng còn lại của năm"


def report_period_vi(period: str, status: str) -> str:
    """The report's period for headings, from the latest part-year evidence: ``ước thực hiện 6 tháng đầu năm 2026``."""
    word = STATUS_WORD_VI.get(status, "")
    return f"{word} thực hiện {part_year_vi(period)}".strip()


def _printed(x: float) -> str:
    """A source's growth figure with the decimals it was printed with (one or two)."""
    return fmt_vn(x, 1 if round(x, 1) == x else 2)


def _nan(x: Any) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _missing(rec: Mapping[str, Any], what: str, unit_words: str) -> str:
    period = str(rec.get("in_year_period") or "")
    py = part_year_months(period) if period else None
    year = py[0] if py else int(rec["in_year_year"])
    fill = {
        "year": year,
        "prev": year - 1,
        "what": what,
        "unit": unit_words,
        "period_prev": part_year_vi(same_period_of_year(period, year - 1)) if period else "",
    }
    codes = [c for c in str(rec.get("in_year_missing") or "").split("|") if c]
    return "; ".join(IN_YEAR_MISSING_VI[c].format(**fill) for c in codes if c in IN_YEAR_MISSING_VI)


def in_year_sentence(rec: Mapping[str, Any], *, what: str, target_text: str, unit: str, agency: str) -> str:
    """The in-year sentence of one target.

    Parameters
    ----------
    rec : mapping
        The target's in-year record (columns :data:`analysis.assessment.inyear.IN_YEAR_COLUMNS`).
    what : str
        The quantity in words, lower case ("tổng sản phẩm trên địa bàn (GRDP)").
    target_text : str
        The annual target in review wording ("tối thiểu 10%", "khoảng 2,3 tỷ USD").
    unit : str
        The target's unit code (for amounts).
    agency : str
        Who holds the missing figures ("đề nghị … cung cấp"); agencies separated by ";" are joined with "và".
    """
    kind, code = str(rec.get("in_year_kind") or ""), str(rec.get("in_year_verdict") or "")
    if not kind:
        return ""
    head = IN_YEAR_LABEL_VI[:1].upper() + IN_YEAR_LABEL_VI[1:]
    agencies = [a.strip() for a in agency.split(";") if a.strip()]  # "A; B" → "A và B"
    ask = (
        f" Đề nghị {', '.join(agencies[:-1])} và {agencies[-1]} cung cấp."
        if len(agencies) > 1
        else (f" Đề nghị {agencies[0]} cung cấp." if agencies else "")
    )
    if code == "no_data":
        return f"{head}: chưa có {_missing(rec, what, unit)}.{ask}"
    period = str(rec["in_year_period"])
    word = STATUS_WORD_VI.get(str(rec.get("in_year_to_date_status") or ""), "")
    when = part_year_vi(period)
    if kind == "growth":
        flagged = " ".join(flag_sentences(rec.get("in_year_flags")))  # e.g. a g₁ of unstated territory
        flagged = f" {flagged}" if flagged else ""
        so_far = f"{head} ({when}): {what} {word} tăng {_printed(float(rec['in_year_to_date']))}% so với cùng kỳ"
        rest = rest_of_year_vi(int(rec["in_year_months"]))
        if code == "missing_weights" or _nan(rec.get("in_year_required_rest")):
            return (
                f"{so_far}; chưa tính được mức tăng {rest} cần đạt để đạt mục tiêu cả năm ({target_text}) vì "
                f"còn thiếu {_missing(rec, what, unit)} (không giả định mỗi phần của năm có quy mô bằng nhau)."
                f"{flagged}{ask}"
            ).replace("  ", " ")
        basis = price_basis_vi(rec.get("in_year_level_basis"))
        return (
            f"{so_far}; để đạt mục tiêu cả năm ({target_text}), {rest} cần tăng "
            f"{fmt_vn(float(rec['in_year_required_rest']), 2)}% (tính theo quy mô cùng kỳ và cả năm "
            f"{int(rec['in_year_year']) - 1} {basis}): {in_year_vi(code)}.{flagged}"
        ).replace("  ", " ")
    amount = fmt_amount_vi(float(rec["in_year_to_date"]), unit)
    if rec.get("in_year_expected_basis") == "seasonal":
        pace = f"cùng kỳ năm trước đạt {fmt_vn(float(rec['in_year_expected']), 1)}% cả năm"
    else:
        lacking = _missing(rec, what, unit) or "số liệu cùng kỳ năm trước để tính theo mùa vụ"
        pace = f"đã qua {fmt_vn(float(rec['in_year_expected']), 1)}% thời gian của năm (chưa có {lacking})"
    flagged = " ".join(flag_sentences(rec.get("in_year_flags")))  # e.g. an amount of unstated territory
    return (
        f"{head} ({when}): {what} {word} đạt {amount}, bằng {fmt_vn(float(rec['in_year_progress']), 1)}% "
        f"kế hoạch năm ({target_text}); {pace}: {in_year_vi(code)}.{' ' + flagged if flagged else ''}"
    ).replace("  ", " ")


def in_year_heading_vi(card: Any, target_year: int) -> str:
    """The report's period for the headings of an annual-plan study, from its scorecard's in-year columns.

    The latest cumulative part-year period of the evidence (most months; the status of its figure):
    ``ước thực hiện 6 tháng đầu năm 2026``; ``chưa có số liệu ước thực hiện từ đầu năm 2026`` when the
    study monitors its year but no part-year figure is in the evidence yet; '' for a study without
    in-year monitoring (or a scorecard without the in-year columns).
    """
    if "in_year_kind" not in getattr(card, "columns", ()):
        return ""
    rows = card[card["in_year_kind"].fillna("") != ""]
    if rows.empty:
        return ""
    found = [
        (part_year_months(str(r["in_year_period"])), str(r["in_year_period"]), str(r["in_year_to_date_status"]))
        for r in rows.to_dict("records")
        if str(r.get("in_year_period") or "")
    ]
    found = [f for f in found if f[0] is not None]
    if not found:
        return f"chưa có số liệu ước thực hiện từ đầu năm {target_year}"
    _, period, status = max(found, key=lambda f: f[0])
    return report_period_vi(period, status)
