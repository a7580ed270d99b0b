"""Every code → Vietnamese label the suite shows, defined once, with one rule for unknown codes.

Statuses, boundaries, price bases, units, assessment methods, evidence roles, flags and
qualifiers. The workbook, the Word draft, the deck, the figures and the HTML displays all
read these tables, so a code is named the same way everywhere. **One fallback rule**: an empty
code is shown as '' and a code outside the vocabulary as a neutral Vietnamese phrase of its
family (:data:`UNKNOWN_VI`), never as the code itself.
"""

from __future__ import annotations

import math
from typing import Any

from analysis.core.vocabulary import Boundary, PriceBasis, Status, Verdict

from .vnformat import UNIT_VI

__all__ = [
    "RANK_ORDER_VI",
    "PEERS_VI",
    "THEME_VI",
    "theme_vi",
    "themes_vi",
    "DEFINITION_VI",
    "definition_vi",
    "NEEDS_DATA",
    "light",
    "PRELIMINARY_FILL",
    "PRELIMINARY_FILL_VI",
    "FLAG_VI",
    "FLAG_PREFIX_VI",
    "METHOD_VI",
    "ROLE_VI",
    "ROLE_COLOUR",
    "QUALIFIER_VI",
    "IN_YEAR_VI",
    "IN_YEAR_COLOUR",
    "IN_YEAR_LABEL_VI",
    "IN_YEAR_MISSING_VI",
    "in_year_vi",
    "STATUS_LOOK",
    "UNKNOWN_VI",
    "unit_vi",
    "status_vi",
    "boundary_vi",
    "price_basis_vi",
    "period_vi",
    "method_vi",
    "flag_sentences",
    "is_missing",
]

#: what an unknown code of each family is shown as (the one fallback rule)
UNKNOWN_VI = {
    "status": "chưa xác định",
    "boundary": "chưa rõ địa giới",
    "price_basis": "chưa rõ loại giá",
    "method": "phương pháp khác",
    "role": "liên quan",
    "flag": "Có lưu ý khác về số liệu; cần kiểm tra lại nguồn.",
}

#: the order of a ranking among provinces (analysis.assessment.ranking, data/raw/ranking.toml)
RANK_ORDER_VI = {"descending": "xếp từ cao xuống thấp", "ascending": "xếp từ thấp lên cao"}
#: what the provinces of a ranking are called
PEERS_VI = "tỉnh, thành phố"

#: the themes of targets (analysis.core.input_schema.THEMES): slide titles, figure groups, report sections
THEME_VI = {
    "growth": "Tăng trưởng",
    "structure": "Cơ cấu kinh tế",
    "labour": "Lao động, năng suất lao động",
    "investment": "Vốn đầu tư",
    "fiscal": "Thu, chi ngân sách",
    "environment": "Môi trường",
    "social": "Xã hội",
    "other": "Chỉ tiêu khác",
}

#: how a published share was defined (analysis.core.input_schema.SHARE_DEFINITIONS; '' is the vocabulary's)
DEFINITION_VI = {
    "": "tỷ trọng trên GRDP (gồm thuế sản phẩm trừ trợ cấp sản phẩm)",
    "incl_taxes": "tỷ trọng trên GRDP (gồm thuế sản phẩm trừ trợ cấp sản phẩm)",
    "excl_taxes": "tỷ trọng trên tổng giá trị tăng thêm các khu vực (không gồm thuế sản phẩm)",
    "100_minus_agriculture": "tính bằng 100 trừ tỷ trọng nông, lâm nghiệp và thủy sản (tính cả thuế sản phẩm)",
}

#: assessment flags (analysis.assessment.verdicts) as short sentences
FLAG_VI = {
    "published_average": "Theo tốc độ bình quân đã công bố; chưa kiểm tra được trên chuỗi số tuyệt đối.",
    "boundary_unknown": "Nguồn không nêu rõ phạm vi địa giới.",
    "basis_unknown": "Nguồn không nêu rõ số tăng từ đầu năm tính theo giá so sánh năm nào; quy mô năm trước dùng "
    "để tính là theo giá so sánh.",
    "boundary_merged": f"Số liệu của {Boundary.MERGED2025.vi}, khác địa giới của chỉ tiêu.",
    "boundary_pre2025": f"Số liệu của {Boundary.PRE2025.vi}, khác địa giới của chỉ tiêu.",
    "boundary_mixed": "Các số liệu được dùng thuộc nhiều phạm vi địa giới khác nhau.",
    "other_boundary_values": "Có số liệu cùng kỳ của phạm vi địa giới khác (xem danh mục nguồn).",
    "conflicting_sources": "Các nguồn công bố chưa thống nhất (xem danh mục nguồn).",
    "derived": "Tính từ số liệu tuyệt đối đã công bố.",
    "aggregated": "Cộng số liệu của các tỉnh cũ hợp thành tỉnh mới (trước ngày sắp xếp).",
    "lower_bound": "Số liệu công bố ở dạng 'hơn' (cận dưới).",
    "secondary_source": "Dựa trên nguồn thứ cấp (báo chí, tạp chí), chưa có số liệu của cơ quan thống kê.",
    "definition_converted": "Số công bố theo định nghĩa khác đã được quy đổi sang tỷ trọng trên GRDP có thuế sản phẩm.",
    "definition_other": "Số công bố theo định nghĩa khác, chưa quy đổi được (thiếu tỷ trọng thuế sản phẩm cùng kỳ).",
    "definition_mixed": "Chuỗi số các năm gồm số liệu theo các định nghĩa khác nhau (xem danh mục nguồn).",
    "not_comparable_territory": "Số liệu của địa giới khác với địa giới của chỉ tiêu: chưa đủ cơ sở đánh giá, "
    "cần số liệu đúng địa giới.",
}
FLAG_PREFIX_VI = {
    "levels": "Chuỗi số tuyệt đối theo giá so sánh chưa dùng được cho chỉ tiêu này.",
    "partial years only": "Mới có số liệu của một số năm: {rest}.",
    "chain": "Chuỗi tốc độ tăng hằng năm không cùng loại giá hoặc địa giới: chưa tính được tốc độ bình quân.",
}
#: assessment methods (analysis.assessment.verdicts)
METHOD_VI = {
    "cagr_of_levels": "tăng bình quân tính từ chuỗi số tuyệt đối theo giá so sánh",
    "geometric_chain_of_annual_rates": "bình quân nhân các tốc độ tăng hằng năm",
    "published_period_average": "tốc độ bình quân kỳ đã công bố",
    "published_period_total": "tổng kỳ đã công bố",
    "sum_of_annual_values": "tổng số liệu các năm",
    "final_year_value": "số liệu năm cuối kỳ",
    "": "",
}
#: roles of an observation towards a verdict (analysis.evidence.select, analysis.assessment.verdicts) and in the documents
ROLE_VI = {
    "used": "dùng để đánh giá",
    "agrees": "khớp với số dùng",
    "conflict": "khác với số dùng",
    "other_boundary": "số của phạm vi địa giới khác",
    "other_basis": "số theo loại giá khác",
    "yearly": "giá trị năm",
    "input": "đầu vào để tính",
    "derived_input": "đầu vào để tính",
    "baseline": "năm gốc",
    "in_year": "đánh giá giữa kỳ/trong năm",
    "chosen": "được chọn",
}
#: the colour of each evidence role in the HTML displays (grey for any other role)
ROLE_COLOUR = {
    "chosen": "#0072B2",
    "used": "#0072B2",
    "agrees": "#009E73",
    "conflict": "#D55E00",
    "other_basis": "#E69F00",
    "other_boundary": "#CC79A7",
}
#: in-year assessments of an annual plan (analysis.assessment.inyear): never a final verdict, always shown
#: after :data:`IN_YEAR_LABEL_VI`
IN_YEAR_LABEL_VI = "đánh giá giữa kỳ/trong năm"
IN_YEAR_VI = {
    "on_track": "đúng tiến độ",
    "accelerate": "cần đẩy nhanh",
    "at_risk": "khó đạt",
    "no_data": "chưa có số liệu trong năm",
    "missing_weights": "chưa đủ số liệu để tính",
}
IN_YEAR_COLOUR = {
    "on_track": "#009E73",
    "accelerate": "#E69F00",
    "at_risk": "#D55E00",
    "no_data": "#BBBBBB",
    "missing_weights": "#BBBBBB",
}
#: what an in-year assessment still lacks (codes of analysis.assessment.inyear; {…} filled by the sentence)
IN_YEAR_MISSING_VI = {
    "no_part_year": "số liệu ước thực hiện từ đầu năm {year} ({what})",
    "level_year": "quy mô {what} cả năm {prev} theo giá so sánh",
    "level_part": "quy mô {what} {period_prev} theo giá so sánh (cùng loại giá, cùng địa giới với số cả năm)",
    "level_mismatch": "quy mô {what} cả năm và {period_prev} cùng loại giá so sánh và cùng địa giới",
    "amount_unit": "số liệu {what} từ đầu năm {year} theo đơn vị của chỉ tiêu ({unit})",
    "territory_mismatch": "quy mô {what} cả năm {prev} và {period_prev} cùng địa giới với số tăng từ đầu năm {year} "
    "(số tăng từ đầu năm và quy mô năm trước hiện có là số liệu của các phạm vi địa giới khác "
    "nhau, không ghép được để tính)",
    "basis_mismatch": "quy mô {what} cả năm {prev} và {period_prev} theo cùng loại giá với số tăng từ đầu năm {year} "
    "(số tăng từ đầu năm hiện có và quy mô năm trước tính theo các loại giá khác nhau, không ghép được để tính)",
    "seasonal_territory_mismatch": "số liệu {what} {period_prev} và cả năm {prev} cùng địa giới với số liệu từ đầu năm "
    "{year} (số liệu năm trước hiện có thuộc phạm vi địa giới khác, không dùng để tính tỷ lệ theo mùa vụ)",
    "not_additive": "quyền số phù hợp: {what} không cộng dồn theo các tháng trong năm nên không tính được theo quy mô "
    "cùng kỳ; cần số liệu ước cả năm {year}",
}
QUALIFIER_VI = {"lower_bound": "hơn", "upper_bound": "dưới", "approximate": "khoảng", "expected": "dự kiến", "exact": ""}
#: how each evidence status looks in a table cell: (italic, fill colour or ""); the preliminary fill (light
#: violet) is none of the verdict fills of :mod:`analysis.core.vocabulary` (yellow marks "chưa đủ cơ sở đánh giá")
PRELIMINARY_FILL, PRELIMINARY_FILL_VI = "E4DFEC", "nền tím nhạt"
STATUS_LOOK = {
    Status.OFFICIAL.value: (False, ""),
    Status.PRELIMINARY.value: (False, PRELIMINARY_FILL),
    Status.ESTIMATE.value: (True, ""),
    Status.SECONDARY.value: (True, "E7E6E6"),
    "": (False, ""),
}
#: verdicts whose targets need more data (the annex of data still needed lists them)
NEEDS_DATA = {Verdict.NO_DATA.value, Verdict.QUALITATIVE.value} | (
    {"insufficient"} if "insufficient" in Verdict._value2member_map_ else set()
)
_UNIT_EXTRA = {"percent_per_year": "%/năm", "": ""}


def definition_vi(code: Any) -> str:
    """A share's stated definition in words (``excl_taxes`` → ``… không gồm thuế sản phẩm``)."""
    c = "" if is_missing(code) else str(code)
    return DEFINITION_VI.get(c, "định nghĩa khác")


def theme_vi(code: Any) -> str:
    """A theme code in words (``fiscal`` → ``Thu, chi ngân sách``); an unknown one is ``Chỉ tiêu khác``."""
    c = "" if is_missing(code) else str(code)
    return THEME_VI.get(c, THEME_VI["other"]) if c else ""


def themes_vi(codes: Any) -> str:
    """Several themes as one title, in the vocabulary's order: ``Vốn đầu tư, môi trường và chỉ tiêu khác``."""
    present = [c for c in THEME_VI if c in set(codes)] + sorted({str(c) for c in codes} - set(THEME_VI) - {""})
    names = list(dict.fromkeys(theme_vi(c) for c in present))
    names = names[:1] + [n[:1].lower() + n[1:] for n in names[1:]]
    return ", ".join(names[:-1]) + " và " + names[-1] if len(names) > 1 else (names[0] if names else "")


def light(colour: str, keep: float = 0.45) -> str:
    """A verdict colour (``#009E73``) mixed with white for a cell fill (``RRGGBB``)."""
    c = colour.lstrip("#")
    rgb = [int(c[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(255 - (255 - v) * keep):02X}" for v in rgb)


def is_missing(v: Any) -> bool:
    """True for None, NaN and empty strings."""
    return v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and not v.strip())


def unit_vi(unit: Any) -> str:
    """A unit code in words (``bn_VND`` → ``tỷ đồng``)."""
    u = "" if is_missing(unit) else str(unit)
    return _UNIT_EXTRA.get(u, UNIT_VI.get(u, u)).strip()


def status_vi(code: Any) -> str:
    """An evidence status in words (``estimate`` → ``ước tính``)."""
    c = "" if is_missing(code) else str(code)
    return Status(c).vi if c in Status._value2member_map_ else ("" if not c else UNKNOWN_VI["status"])


def boundary_vi(code: Any) -> str:
    """A boundary code (or ``a/b``) in words."""
    c = "" if is_missing(code) else str(code)
    parts = [p for p in c.split("/") if p]
    return "; ".join(Boundary(p).vi if p in Boundary._value2member_map_ else UNKNOWN_VI["boundary"] for p in parts)


def price_basis_vi(code: Any) -> str:
    """A price basis code in words (``na`` → ``không áp dụng``)."""
    c = "" if is_missing(code) else str(code)
    return PriceBasis(c).vi if c in PriceBasis._value2member_map_ else ("" if not c else UNKNOWN_VI["price_basis"])


def period_vi(period: Any) -> str:
    """``2021-2025`` → ``2021–2025`` (other forms kept, '' for none)."""
    return "" if is_missing(period) else str(period).replace("-", "–")


def in_year_vi(code: Any) -> str:
    """An in-year assessment code in words (``accelerate`` → ``cần đẩy nhanh``), '' for none."""
    c = "" if is_missing(code) else str(code)
    return IN_YEAR_VI.get(c, UNKNOWN_VI["status"] if c else "")


def method_vi(code: Any) -> str:
    c = "" if is_missing(code) else str(code)
    return METHOD_VI.get(c, UNKNOWN_VI["method"])


def flag_sentences(flags: Any) -> list[str]:
    """The scorecard's ``flags`` (``"a; b"``) as short Vietnamese sentences, in order, without repeats."""
    out: list[str] = []
    for f in [] if is_missing(flags) else [x.strip() for x in str(flags).split(";")]:
        if not f:
            continue
        if f in FLAG_VI:
            out.append(FLAG_VI[f])
            continue
        head = f.partition(":")[0]
        key = next((k for k in FLAG_PREFIX_VI if head.startswith(k) or f.startswith(k)), "")
        if key == "partial years only":
            out.append(FLAG_PREFIX_VI[key].format(rest=f[len(key) :].strip(" :")))
        elif key:
            out.append(FLAG_PREFIX_VI[key])
        else:
            out.append(UNKNOWN_VI["flag"])
    return list(dict.fromkeys(out))
