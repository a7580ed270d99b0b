"""Result sentences as a Vietnamese review (báo cáo sơ kết / tổng kết) writes them.

One template per verdict and measure, built from the vocabulary (:mod:`analysis.core.vocabulary`):

* judged: ``"<chỉ tiêu> <kỳ> <ước/sơ bộ> <chiếm|tăng bình quân|đạt> <giá trị>, <so sánh> (<mục tiêu>)"`` —
  e.g. "Tỷ trọng công nghiệp trong GRDP năm 2025 ước chiếm 35,0%, thấp hơn mục tiêu (khoảng 36–37%)";
  every target value stands in brackets, so "vượt mục tiêu (trên 63%)" never reads "exceeded by 63 %";
* "chưa đủ cơ sở đánh giá": the figure is quoted with the territory it is for;
* "chưa có số liệu": "… chưa có số liệu để đánh giá; đề nghị <cơ quan> cung cấp <số liệu>." — never
  starting with "Trong đó", without program notation ("ngành C", "VSIC", "15+", "(B-F)");
* notes in brackets: territory ("tỉnh … (mới), gồm địa bàn …, từ ngày 01/7/2025" as the study
  writes it), translations, published averages, lower bounds, derived values, the price basis used.

Abbreviations (KKT, KCN, CCN, CNCB-CT, XLNT) are written in full on first use (Decree
30/2020/NĐ-CP); numbers use Vietnamese notation (``6,5–7%/năm``).
"""

from __future__ import annotations

import math
import re
from typing import Any

from analysis.core.vocabulary import Status, Verdict, is_growth_rate
from analysis.sources.manifest import cached_vocabulary
from analysis.sources.territories import cached_territories

from .labels import QUALIFIER_VI, definition_vi
from .vnformat import fmt_amount_vi

__all__ = [
    "statement",
    "restatement",
    "clean_request",
    "expand_abbreviations",
    "territory_vi",
    "successor_line_vi",
    "ABBREVIATIONS",
]

ABBREVIATIONS = {
    "KKT": "Khu kinh tế",
    "KCN": "khu công nghiệp",
    "CCN": "cụm công nghiệp",
    "CNCB-CT": "công nghiệp chế biến, chế tạo",
    "XLNT": "xử lý nước thải",
}
_VERB_PREFIX = {
    Status.OFFICIAL: "",
    Status.PRELIMINARY: "sơ bộ ",
    Status.ESTIMATE: "ước ",
    Status.SECONDARY: "theo nguồn thứ cấp ",
}
_COMPARE = {Verdict.EXCEEDED: "vượt mục tiêu", Verdict.MET: "đạt mục tiêu", Verdict.BASICALLY_MET: "cơ bản đạt mục tiêu"}
#: sections of the Vietnamese standard industrial classification (VSIC 2018, Quyết định 27/2018/QĐ-TTg)
#: by letter, as a review names them, and the aggregates the statistics office uses
VSIC_SECTIONS_VI = {
    "A": "nông nghiệp, lâm nghiệp và thủy sản",
    "B": "khai khoáng",
    "C": "công nghiệp chế biến, chế tạo",
    "D": "sản xuất và phân phối điện, khí đốt, nước nóng, hơi nước và điều hòa không khí",
    "E": "cung cấp nước; hoạt động quản lý và xử lý rác thải, nước thải",
    "F": "xây dựng",
}
VSIC_AGGREGATES_VI = {
    ("B", "E"): "gồm khai khoáng, chế biến chế tạo, điện, nước và xử lý chất thải",
    ("B", "F"): "gồm công nghiệp và xây dựng",
}


def _section_range(m: re.Match[str]) -> str:
    a, b = m.group(1).upper(), m.group(2).upper()
    name = VSIC_AGGREGATES_VI.get((a, b)) or f"từ ngành {VSIC_SECTIONS_VI[a]} đến ngành {VSIC_SECTIONS_VI[b]}"
    return f" ({name})"


def _section_list(m: re.Match[str]) -> str:
    letters = tuple(x.strip().upper() for x in m.group(1).split(","))
    order = "ABCDEF"
    contiguous = "".join(letters) in order and len(letters) > 1
    name = VSIC_AGGREGATES_VI.get((letters[0], letters[-1])) if contiguous else None
    return f" ({name or 'gồm ' + '; '.join(VSIC_SECTIONS_VI[x] for x in letters)})"


# program notation → the statistics office's words (the meaning is kept, never dropped)
_PROGRAM_NOTATION: list[tuple[re.Pattern[str], Any]] = [
    (re.compile(r"\s*\(([A-F])\s*[-–]\s*([A-F])\)"), _section_range),
    (re.compile(r"\s*\(([A-F](?:\s*,\s*[A-F])+)\)"), _section_list),  # "(B, C, D, E)"
    (re.compile(r"\bVSIC[ B-F]*[-–][ B-F]*\b"), ""),  # "VSIC B–E": the range is stated beside it
    # "VSIC C10-C33", "VSIC 2018 cấp 2 C10": the divisions of a section
    (
        re.compile(r"\bVSIC(?: 2018)?\s*(?:cấp \d\s*)?([A-F])\d+(?:\s*[-–]\s*[A-F]?\d+)?"),
        lambda m: f"thuộc ngành {VSIC_SECTIONS_VI[m.group(1)]}",
    ),
    (re.compile(r"\bVSIC(?: 2018)?\b"), "Hệ thống ngành kinh tế Việt Nam"),
    (re.compile(r"\bngành ([A-F])\s*\(([^()]+)\)"), lambda m: f"ngành {m.group(2)}"),
    (re.compile(r"\bngành ([A-F])\b"), lambda m: f"ngành {VSIC_SECTIONS_VI[m.group(1)]}"),
    (re.compile(r"\s*15\+"), " từ 15 tuổi trở lên"),
    (re.compile(r"\(\s*\)"), ""),
    (re.compile(r"\s{2,}"), " "),
    (re.compile(r"\s*,(?:\s*,)+"), ","),
    (re.compile(r"\s+,"), ","),
]


def expand_abbreviations(text: str, seen: set[str] | None = None) -> str:
    """Write each abbreviation in full the first time it appears (``seen`` carries a document's state)."""
    seen = set() if seen is None else seen
    for abbr, full in ABBREVIATIONS.items():
        pattern = re.compile(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])")
        if abbr not in seen and pattern.search(text):
            text = pattern.sub(f"{full} ({abbr})", text, count=1)
            seen.add(abbr)
    return text


def clean_request(text: str) -> str:
    """A data request in the statistics office's words instead of program notation.

    '(B-F)' → '(công nghiệp và xây dựng)', 'ngành C' → 'ngành công nghiệp chế biến, chế tạo',
    'VSIC C10-C33' → 'thuộc ngành công nghiệp chế biến, chế tạo', '15+' → 'từ 15 tuổi trở lên'.
    """
    out = text
    for rx, repl in _PROGRAM_NOTATION:
        out = rx.sub(repl, out)
    return out.strip(" ,;")


def successor_line_vi(study: Any) -> str:
    """The line under a report's title for a study of an old province whose successor has another name
    ("Địa bàn: tỉnh Nam Định (cũ), nay thuộc tỉnh Ninh Bình; số liệu theo địa giới tỉnh Nam Định (cũ)."), from
    the territory lineage; '' for any other study (its title already names its province).

    Parameters
    ----------
    study : Study
        Needs ``province``, ``successor`` and ``territory_vi``.

    Returns
    -------
    str
    """
    successor = getattr(study, "successor", None)
    if successor in (None, "", getattr(study, "province", None)):
        return ""
    return f"Địa bàn: {study.territory_vi()}; số liệu theo địa giới {study.territory_vi(short=True)}."


def territory_vi(boundary: str, study: Any) -> str:
    """The territory of a figure as the study writes it (``study.toml`` table ``[territory]``), else as the
    territory lineage names it (``data/raw/territories.csv``: "tỉnh Nam Định (cũ), nay thuộc tỉnh Ninh Bình";
    "tỉnh Ninh Bình (mới), gồm địa bàn tỉnh Hà Nam (cũ) và tỉnh Nam Định (cũ), từ ngày 01/7/2025")."""
    words = study.section("territory") if study is not None else {}
    province = getattr(study, "province", "")
    lineage = cached_territories(getattr(study, "root", None))

    def name(b: str, short: bool = False) -> str:
        return lineage.name_vi(province, b, short=short)

    if boundary == "unknown":
        old = words.get("pre2025_vi", name("pre2025", short=True))
        new = words.get("merged2025_short_vi", name("merged2025", short=True))
        return f"chưa rõ số liệu của {old} hay {new}"
    if boundary not in ("pre2025", "merged2025"):
        return "số liệu của " + words.get(f"{boundary}_vi", boundary)
    return "số liệu của " + words.get(f"{boundary}_vi", name(boundary))


def _subject(a: Any) -> str:
    """The indicator as the statistics office names it (the vocabulary's label, else the target's wording)."""

    t = a.target
    root = getattr(a.study, "root", None)
    label = cached_vocabulary(root).get(t.indicator, {}).get("label_vi", "") if t.indicator else ""
    label = label or re.split(r" (?:bình quân|khoảng|trên|tối thiểu|tối đa|dưới) ", t.wording_vi)[0]
    return _sentence_case(re.sub(r"^(?:Trong đó|trong đó|Riêng|riêng),?\s*", "", label))


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _when(a: Any) -> str:
    t = a.target
    period = t.period.replace("-", "–")
    if t.measure == "period_avg_growth":
        return f"giai đoạn {period}"
    if t.measure in {"cumulative_sum", "ratio"}:
        return f"giai đoạn {period}"
    return f"năm {period}"


def _horizon(a: Any) -> str:
    """When the target is due, by its own ``target_year``: ``đến năm 2030``, ``giai đoạn 2026–2030``."""
    return _when(a) if a.target.measure in {"period_avg_growth", "cumulative_sum", "ratio"} else f"đến năm {a.target.target_year}"


def _verb(a: Any) -> str:
    """``chiếm`` for a part of a whole (a share), ``đạt`` otherwise: a growth rate in percent 'đạt 7,17%', never
    'chiếm 7,17%' (the vocabulary's ``kind`` says which)."""
    t = a.target
    kind = cached_vocabulary(getattr(a.study, "root", None)).get(t.indicator, {}).get("kind", "") if t.indicator else ""
    if t.unit == "percent" and t.measure != "ratio" and not is_growth_rate(t.measure, kind):
        return "chiếm"
    return "đạt"


def _comparison(a: Any) -> str:
    v = Verdict(a.status)
    if v in _COMPARE:
        return _COMPARE[v]
    if v == Verdict.NOT_MET:
        ceiling = a.target.kind in {"at_most", "below"}
        return "cao hơn mục tiêu" if ceiling else "thấp hơn mục tiêu"
    return "chưa đủ cơ sở đánh giá so với mục tiêu"


def _said(a: Any) -> str:
    """The qualifier the source printed before the deciding figure ("hơn ", "khoảng ", "gần " …), or ""."""

    used = [e for e in a.evidence if e.get("role", "used") == "used"]
    words = {QUALIFIER_VI.get(e.get("qualifier") or "", "") for e in used}
    return f"{words.pop()} " if len(words) == 1 and "" not in words else ""


def _notes(a: Any) -> list[str]:
    notes = []
    used = [e for e in a.evidence if e.get("role", "used") == "used"]
    st = a.study
    for b in sorted({e["boundary"] for e in used} - ({st.boundary} if st is not None else set())):
        notes.append(territory_vi(b, st))
    if any(e.get("translated") for e in used):
        # the agency that holds the figure (the target's data_from), never a fixed one
        notes.append(
            "số liệu lấy từ bản dịch tiếng nước ngoài của báo chí, chưa đối chiếu được bản tiếng Việt; "
            f"đề nghị {_agencies(a.target.data_from)} cung cấp số liệu gốc"
        )
    converted = sorted({str(e.get("converted_from") or "") for e in used} - {""})
    if converted:
        notes.append(
            "số công bố "
            + ", ".join(definition_vi(d) for d in converted)
            + ", đã quy đổi sang tỷ trọng trên GRDP có thuế sản phẩm theo tỷ trọng thuế sản phẩm cùng kỳ"
        )
    others = sorted({str(e.get("definition") or "") for e in used} - {"", "incl_taxes"})
    if others:
        notes.append(
            "số công bố "
            + ", ".join(definition_vi(d) for d in others)
            + ", khác định nghĩa của chỉ tiêu; chưa quy đổi được do thiếu tỷ trọng thuế sản phẩm cùng kỳ"
        )
    if "published_average" in a.flags:
        notes.append("theo tốc độ bình quân đã công bố, chưa kiểm tra được trên chuỗi số tuyệt đối")
    if a.method == "cagr_of_levels":
        basis = {e["price_basis"] for e in used} - {"na", "unknown"}
        notes.append(
            "tính từ số liệu tuyệt đối theo "
            + ", ".join(
                {"constant_2010": "giá so sánh 2010", "constant_2020": "giá so sánh 2020"}.get(b, b) for b in sorted(basis)
            )
        )
    elif "derived" in a.flags:
        notes.append("tính từ số liệu tuyệt đối đã công bố")
    if "aggregated" in a.flags:
        notes.append("cộng số liệu của các tỉnh cũ hợp thành tỉnh mới")
    if "conflicting_sources" in a.flags:
        notes.append("các nguồn công bố chưa thống nhất")
    if "other_boundary_values" in a.flags:
        notes.append("có số liệu cùng kỳ của địa giới khác")
    if a.status == Verdict.INSUFFICIENT:
        notes.append("cần số liệu đúng địa giới của chỉ tiêu")
    # the analyst's ``reading`` stays a note for analysts (notebooks, the workbook's cell note): never official text
    return notes


def statement(a: Any, seen: set[str] | None = None) -> str:
    """The result sentence of one assessment (see module docstring)."""
    t = a.target
    if a.status == Verdict.QUALITATIVE:
        text = (
            f"{_sentence_case(t.wording_vi)}: chỉ tiêu định tính, báo cáo bằng mô tả kết quả; "
            f"đề nghị {_agencies(t.data_from)} cung cấp {_lower_first(clean_request(t.data_needed))}."
        )
        return expand_abbreviations(text, seen)
    if a.status == Verdict.NO_DATA:
        text = (
            f"{_subject(a)} (mục tiêu {_horizon(a)}: {t.text_vi()}): chưa có số liệu để đánh giá; đề nghị "
            f"{_agencies(t.data_from)} cung cấp {_lower_first(clean_request(t.data_needed))}."
        )
        return expand_abbreviations(text, seen)
    value = _said(a) + fmt_amount_vi(a.value, t.unit, a.decimals) if not math.isnan(a.value) else "–"
    prefix = _VERB_PREFIX.get(a.evidence_status, "") if a.evidence_status else ""
    text = f"{_subject(a)} {_when(a)} {prefix}{_verb(a)} {value}, {_comparison(a)} ({t.text_vi()})"
    notes = _notes(a)
    text += f" ({'; '.join(notes)})." if notes else "."
    return expand_abbreviations(text, seen)


def restatement(target: Any, first: Any) -> str:
    """The sentence of a target that restates another one (same quantity, bounds and period).

    Its result is the first statement's, reported and counted once: the sentence says so
    instead of repeating it.
    """
    return (
        f"{_sentence_case(target.wording_vi)}: nhắc lại chỉ tiêu “{_lower_first(first.wording_vi)}” "
        f"(cùng chỉ tiêu, cùng mức và cùng kỳ); kết quả như đã đánh giá ở chỉ tiêu đó, không tính thêm."
    )


def _agencies(data_from: str) -> str:
    """``"A; B"`` → ``"A và B"``."""
    parts = [p.strip() for p in data_from.split(";") if p.strip()]
    return ", ".join(parts[:-1]) + " và " + parts[-1] if len(parts) > 1 else (parts[0] if parts else "cơ quan liên quan")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text and not text[:2].isupper() else text
