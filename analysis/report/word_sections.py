"""The parts of the Word draft (:mod:`analysis.report.word`), in document order.

The letterhead, the opening paragraph with the verdict counts, one sub-heading per
outline item with one paragraph per target, the results table, the numbered list of
sources and the two annexes (yearly values; data still needed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from analysis.studies.study import Study
from analysis.wording.inyear_text import in_year_heading_vi
from analysis.wording.labels import NEEDS_DATA, STATUS_LOOK, flag_sentences, is_missing, period_vi, status_vi
from analysis.wording.ranking_text import rank_note_vi
from analysis.wording.sentences import clean_request, successor_line_vi
from analysis.wording.text import (
    NO_SOURCES_VI,
    decimals_of,
    display_unit,
    horizon_vi,
    target_heading_vi,
    target_reference,
    target_with_horizon_vi,
    value_text,
    verdict_counts_vi,
    yearly_entries,
)

from .word_layout import STT_MM, TABLE_PT, _add_row, _cell_text, _para, _table, _widths

if TYPE_CHECKING:  # annotations only; pandas loads with the functions that use it
    import pandas as pd

__all__ = ["_letterhead", "_opening", "_outline", "_results_table", "_sources_list", "_annex_yearly", "_annex_needed"]

#: flags the result sentence (analysis.assessment.verdicts.Assessment.statement_vi) already states
_SAID_IN_STATEMENT = {
    "boundary_merged",
    "boundary_pre2025",
    "derived",
    "boundary_unknown",
    "conflicting_sources",
    "not_comparable_territory",
    "other_boundary_values",
    "published_average",
    "lower_bound",
    "definition_converted",
    "definition_other",
}
_LETTERS = "abcdefghiklmnopqrstuvxy"


def _letterhead(doc: Any, study: Study) -> None:
    """Agency and national motto side by side (blanks for the agency, number, place and date), then the title."""
    from docx.shared import Mm

    t = doc.add_table(rows=1, cols=2)
    _widths(t, [60, 105])
    left, right = t.rows[0].cells
    _cell_text(left, "TÊN CƠ QUAN, ĐƠN VỊ\n———", bold=True, align="center", size=12)
    _para(left, "Số: …/BC-…", size=12, align="center", indent=False, after=0)
    _cell_text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n———", bold=True, align="center", size=12)
    _para(right, "…, ngày … tháng … năm …", italic=True, size=12, align="center", indent=False, after=0)
    for cell, w in zip(t.rows[0].cells, (60, 105), strict=True):
        cell.width = Mm(w)
    report = study.section("report")
    _para(doc, "BÁO CÁO", bold=True, size=14, align="center", indent=False, after=0)
    _para(doc, "Tình hình thực hiện các chỉ tiêu", bold=True, size=14, align="center", indent=False, after=0)
    _para(doc, study.title_vi, bold=True, align="center", indent=False, after=0)
    if successor_line_vi(study):  # an old province: the territory it is part of today
        _para(doc, successor_line_vi(study), align="center", indent=False, after=0)
    _para(
        doc, "(Dự thảo phần kết quả thực hiện các chỉ tiêu, lập từ số liệu đã công bố)", italic=True, align="center", indent=False
    )
    if report.get("recipient_vi"):
        _para(doc, f"Kính gửi: {report['recipient_vi']}", align="center", indent=False)


def _opening(doc: Any, card: pd.DataFrame, study: Study) -> None:
    resolution = study.section("resolution")
    report = study.section("report")
    doc.add_heading(report.get("section_vi", "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"), level=1)
    when = in_year_heading_vi(card, study.target_year)  # an annual plan: the report's part-year period
    doc.add_heading(report.get("heading_vi", study.short_title_vi) + (f" ({when})" if when else ""), level=2)
    source = resolution.get("name_vi", study.title_vi)
    where = f", {resolution['section_vi']}," if resolution.get("section_vi") else ""
    judged = card[~card["evidence_status"].fillna("").isin(["", "official"])]  # the rest asks for official figures
    weak = judged["evidence_status"].value_counts()
    basis = ", ".join(f"{int(n)} kết quả dựa trên số {status_vi(s)}" for s, n in weak.items())
    again = int((card["restates"].fillna("") != "").sum()) if "restates" in card else 0
    told = f" ({again} chỉ tiêu được nhắc lại ở văn bản thứ hai, tính một lần)" if again else ""
    _para(
        doc,
        f"{source}{where} đặt {len(card) - again} chỉ tiêu {horizon_vi(study)}{told}. "
        "Theo số liệu hiện có, "
        f"{verdict_counts_vi(card)}."
        + (
            f" Trong đó {basis}; các kết quả này cần được thay bằng số liệu chính thức của cơ quan thống kê khi có."
            if basis
            else ""
        ),
    )


def _numbered(text: str, numbers: dict[str, int]) -> str:
    """A sentence with each source id it quotes (``F050``) written as its number in the list (``[3]``)."""
    import re

    for oid in sorted((i for i in numbers if i in text), key=len, reverse=True):
        text = re.sub(rf"(?<![\w:]){re.escape(oid)}(?![\w:])", f"[{numbers[oid]}]", text)
    return text


def _target_paragraph(doc: Any, rec: dict[str, Any], numbers: dict[str, int]) -> None:
    refs = _refs(rec, numbers)
    extra = [s for f, s in _flags(rec["flags"]) if f not in _SAID_IN_STATEMENT]
    text = f"- {_numbered(rec['statement_vi'], numbers)}" + (f" Lưu ý: {' '.join(extra)}" if extra else "")
    # the province among its peers (scorecard column rank_vi, '' where the target's quantity is not ranked)
    if rank_note_vi(rec):
        text += f" {rank_note_vi(rec)}"
    p = _para(doc, text)
    if refs:
        p.add_run(" " + ", ".join(f"[{n}]" for n in refs))
    if not is_missing(rec.get("in_year_vi")):
        _para(doc, f"  {_numbered(str(rec['in_year_vi']), numbers)}", italic=True)


def _flags(flags: Any) -> list[tuple[str, str]]:
    codes = [f.strip() for f in ("" if is_missing(flags) else str(flags)).split(";") if f.strip()]
    return [(c, flag_sentences(c)[0]) for c in codes]


def _refs(rec: dict[str, Any], numbers: dict[str, int]) -> list[int]:
    ids = [oid for _, (_, oid) in sorted(yearly_entries(rec["yearly_status"]).items())]
    ids += [s for s in ("" if is_missing(rec["sources"]) else str(rec["sources"])).split("; ") if s]
    return sorted({numbers[i] for i in ids if i in numbers})


def _outline(doc: Any, card: pd.DataFrame, numbers: dict[str, int]) -> None:
    """One sub-heading per outline item, in the outline's order, one paragraph per target under it."""
    last, k = None, -1
    for rec in card.to_dict("records"):
        if rec["outline_item"] != last:
            last, k = rec["outline_item"], k + 1
            doc.add_heading(f"{_LETTERS[k % len(_LETTERS)]}) {rec['outline_vi']}", level=3)
        _target_paragraph(doc, rec, numbers)


def _results_table(doc: Any, card: pd.DataFrame, study: Study, numbers: dict[str, int], src: dict[str, dict]) -> None:
    doc.add_heading("Bảng kết quả thực hiện các chỉ tiêu", level=3)
    widths = [STT_MM, 70 - STT_MM, 24, 30, 20, 21]
    t = _table(doc, ["STT", "Chỉ tiêu", target_heading_vi(study), "Thực hiện", "Đánh giá", "Nguồn"], widths)
    for rec in card.to_dict("records"):
        used = [s for s in ("" if is_missing(rec["sources"]) else str(rec["sources"])).split("; ") if s]
        qual = src.get(used[0], {}).get("qualifier", "") if len(used) == 1 else ""
        ref = target_reference(study.target(rec["target_id"]))  # in the unit the target is written in
        value = value_text(
            rec["actual"], rec["unit"], qual, rec["evidence_status"], reference=ref, decimals=decimals_of(rec, "actual")
        )
        value = f"{value}\n{period_vi(rec['period'])}" if value else "–"
        italic = STATUS_LOOK.get(rec["evidence_status"] or "", (False, ""))[0]
        horizon = target_with_horizon_vi(rec["target_text_vi"], study.target(rec["target_id"]), study)
        _add_row(
            t,
            [
                rec["target_id"],
                rec["target_vi"],
                horizon,
                value,
                rec["status"],
                ", ".join(f"[{numbers[i]}]" for i in used if i in numbers),
            ],
            widths,
            looks={3: (False, italic), 4: (True, False)},
        )
    _para(
        doc,
        "Số in nghiêng: số ước tính hoặc nguồn thứ cấp; trạng thái của số liệu ghi trong ngoặc. Số trong "
        "ngoặc vuông: số thứ tự trong danh mục nguồn số liệu.",
        italic=True,
        size=TABLE_PT,
        indent=False,
    )


def _sources_list(doc: Any, sources: list[dict[str, Any]]) -> None:
    """The sources as a numbered list: [n] id — publisher, date: “excerpt”. Address. (targets and roles)"""
    doc.add_heading("Nguồn số liệu", level=3)
    if not sources:  # a heading never stands alone: say why the list is empty
        _para(doc, NO_SOURCES_VI, size=TABLE_PT + 1, indent=False, after=3, align="left")
    for n, s in enumerate(sources, 1):
        when = f", {s['published']}" if s["published"] else ""
        quote = (
            f": “{s['excerpt']}”"
            if s["excerpt"] and not s["obs_id"].startswith("D:")
            else (f": {s['excerpt']}" if s["excerpt"] else "")
        )
        value = value_text(s["value"], s["unit"], s["qualifier"], s["status"], decimals=s.get("decimals"))
        text = (
            f"[{n}] {s['obs_id']} — {s['publisher']}{when}{quote}. Giá trị: {value}, "
            f"{period_vi(s['period'])}. " + (f"{s['source_url']}. " if s["source_url"] else "") + f"({s['roles_vi']})"
        )
        _para(doc, text, size=TABLE_PT + 1, indent=False, after=3, align="left")


def _annex_yearly(
    doc: Any, card: pd.DataFrame, study: Study, numbers: dict[str, int], src: dict[str, dict], annex: int = 1
) -> int:
    """Annex ``annex``: every yearly value (when there is one); returns the next annex's number."""
    rows = [r for r in card.to_dict("records") if yearly_entries(r["yearly_status"])]
    if not rows:
        return annex
    years = study.reporting_years
    doc.add_heading(f"Phụ lục {annex}. Số liệu từng năm", level=3)
    widths = [STT_MM, 60 - STT_MM] + [105 / len(years)] * len(years)
    t = _table(doc, ["STT", "Chỉ tiêu"] + [str(y) for y in years], widths)
    for rec in rows:
        yearly = yearly_entries(rec["yearly_status"])
        unit = rec["yearly_unit"] if not is_missing(rec["yearly_unit"]) else rec["unit"]
        ref = target_reference(study.target(rec["target_id"])) if unit == rec["unit"] else None
        label = display_unit(unit, ref)[1]
        cells, looks = [rec["target_id"], f"{rec['target_vi']} ({label})"], {}
        for k, y in enumerate(years, 2):
            status, oid = yearly.get(y, ("", ""))
            qual = src.get(oid, {}).get("qualifier", "")
            text = value_text(
                rec[f"y{y}"], unit, qual, reference=ref if ref is not None else rec[f"y{y}"], decimals=decimals_of(rec, y)
            )
            text = text.replace(label, "").strip() if label else text
            cells.append(f"{text}\n{status_vi(status)} [{numbers.get(oid, '')}]" if oid else "")
            looks[k] = (False, STATUS_LOOK.get(status, (False, ""))[0])
        _add_row(t, cells, widths, looks)
    _para(
        doc,
        "Mỗi ô: giá trị, trạng thái số liệu và số thứ tự nguồn. Ô trống: chưa có số liệu.",
        italic=True,
        size=TABLE_PT,
        indent=False,
    )
    return annex + 1


def _annex_needed(doc: Any, card: pd.DataFrame, study: Study, annex: int = 2) -> None:
    """Annex ``annex`` (numbered after the annexes before it): the figures still needed and who holds them."""
    sel = card[card["verdict"].isin(NEEDS_DATA)]
    if sel.empty:
        return
    doc.add_heading(f"Phụ lục {annex}. Số liệu còn thiếu để đánh giá", level=3)
    widths = [STT_MM, 67 - STT_MM, 60, 38]
    t = _table(doc, ["STT", "Chỉ tiêu", "Số liệu cần có", "Cơ quan nắm số liệu"], widths)
    for rec in sel.to_dict("records"):
        needed = rec["data_needed"]
        if is_missing(needed):
            needed = clean_request(study.target(rec["target_id"]).data_needed)
        _add_row(t, [rec["target_id"], rec["target_vi"], needed, rec["data_from"]], widths)
