"""The document properties (title, subject, author, description) of every file a study writes.

In Vietnamese, from the study: the title says what the file is and for which study, the subject
is the resolution, the description says what the file holds and for which years (at most 255
characters); the author is
left empty (the libraries' defaults, "openpyxl" and "generated using python-pptx", never reach
a file). The dates are fixed by :mod:`analysis.report.ooxml`.
"""

from __future__ import annotations

from typing import Any

from analysis.studies.study import Study
from analysis.wording.text import study_years_text

__all__ = ["document_properties", "set_office_properties", "set_workbook_properties", "WHAT_VI"]

#: what each file is, as its title and description name it
WHAT_VI = {
    "workbook": "Bảng tổng hợp kết quả thực hiện các chỉ tiêu",
    "document": "Dự thảo báo cáo kết quả thực hiện các chỉ tiêu",
    "deck": "Trình chiếu tình hình thực hiện các chỉ tiêu",
    "template": "Mẫu nhập số liệu còn thiếu",
}
#: the most characters a core property may hold (python-docx refuses more)
_MAX = 255
_HOLDS_VI = {
    "workbook": "giá trị từng năm, trạng thái và nguồn của từng số liệu, đánh giá và số liệu còn thiếu",
    "document": "kết quả từng chỉ tiêu, bảng tổng hợp, số liệu từng năm và số liệu còn thiếu",
    "deck": "biểu đồ theo nhóm chỉ tiêu, nguồn số liệu và ghi chú cho người trình bày",
    "template": "số liệu các cơ quan cần cung cấp để đánh giá các chỉ tiêu chưa đủ số liệu",
}


def document_properties(study: Study, what: str, title: str | None = None) -> dict[str, str]:
    """Title, subject, author (empty), description and keywords of a study's ``what`` (a key of
    :data:`WHAT_VI`); ``title`` replaces the default ``<what> — <short title>``."""
    return {
        "title": title or f"{WHAT_VI[what]} — {study.short_title_vi}",
        "subject": study.title_vi,
        "author": "",
        "description": _description(study, what),
        "keywords": "",
    }


def _description(study: Study, what: str) -> str:
    """``<what>: <short title>; số liệu các năm 2021–2025: <what it holds>.``, within the 255 characters
    a document property may hold (the part on what it holds dropped first)."""
    head = f"{WHAT_VI[what]}: {study.short_title_vi}; số liệu các năm {study_years_text(study)}"
    text = f"{head}: {_HOLDS_VI[what]}."
    return text if len(text) <= _MAX else (head + ".")[:_MAX]


def set_office_properties(core: Any, props: dict[str, str]) -> None:
    """Set the core properties of a python-docx or python-pptx document."""
    core.title, core.subject, core.keywords = props["title"], props["subject"], props["keywords"]
    core.author = core.last_modified_by = props["author"]
    core.comments = props["description"]
    core.category = ""
    core.language = "vi-VN"
    core.revision = 1


def set_workbook_properties(wb: Any, props: dict[str, str]) -> None:
    """Set the core properties of an openpyxl workbook."""
    p = wb.properties
    p.title, p.subject, p.keywords = props["title"], props["subject"], props["keywords"] or None
    p.creator = props["author"]
    p.lastModifiedBy = props["author"] or None
    p.description = props["description"]
    p.language = "vi-VN"
