"""Labels of a yearbook sheet: year headers, units, block labels and "of which" markers.

Shared by :mod:`analysis.sources.yearbook.header` (titles, header, orientation) and
:mod:`analysis.sources.yearbook.rows` (data rows). Year headers are recognised in the spellings
yearbooks print: ``2016``, ``2016.0`` (a number through a spreadsheet), ``"Năm 2016"``,
``"Năm 2016 - Year 2016"``, ``"2016/2015"``, ``"Bình quân 2016-2020"``, with a status
before or after the year in any of ``"Sơ bộ - Prel."``, ``"Sơ bộ\\nPrel."``, ``"Sơ bộ/Prel."``,
``"Sơ bộ (Prel.)"``, ``"Ước tính - Estimate"``, ``"Ước thực hiện"``, and a trailing footnote
marker (``"2023 (*)"``, ``"2023*"``) that is dropped. Anything else (``"6 tháng 2023"``,
``"Kế hoạch 2025"``) is not a year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .grid import norm_text

__all__ = [
    "YearToken",
    "parse_year_token",
    "status_of_label",
    "of_which_label",
    "is_unit_label",
    "unit_from_unit_label",
    "unit_from_header",
    "measure_and_unit_of_block",
    "is_unit_column",
    "split_header_unit",
]

_PREL = r"(?:s[ơo]\s*b[ộo]|prel(?:iminary)?\b\.?)"
_EST = r"(?:[ưu][ớo]c(?:\s*(?:t[íi]nh|th[ựu]c\s*hi[ệe]n|th)\b)?|ưth\b|est(?:imated?|imation)?\b\.?)"
_OFFICIAL = r"(?:chính thức|official|thực hiện|actual)"
_STATUS = rf"(?:{_PREL}|{_EST})"
# one status in one or two languages: "Sơ bộ - Prel.", "Sơ bộ/Prel.", "Sơ bộ (Prel.)", "Ước tính Estimate"
_QUALS = rf"{_STATUS}(?:\s*[-–/]?\s*\(?\s*{_STATUS}\s*\)?)?"
_YEAR = r"(?:19|20)\d{2}"
_YEAR_TOKEN = re.compile(
    rf"^(?:(?P<pre>{_QUALS})\s*[-–:]?\s*)?"
    rf"(?:năm\s+|year\s+|(?P<avg>bình quân|bq|average|avg\.?)\s*(?:năm\s+)?)?"
    rf"(?P<y1>{_YEAR})(?:\s*(?P<sep>[/-])\s*(?P<y2>{_YEAR}))?"
    rf"(?:\s*[-–(]?\s*(?P<post>{_QUALS})\s*\)?)?\s*$",
    re.IGNORECASE,
)
_STATUS_LABEL = re.compile(rf"^\(?\s*(?:{_QUALS}|{_OFFICIAL}(?:\s*[-–/]?\s*\(?\s*{_OFFICIAL}\s*\)?)?)\s*\)?$", re.IGNORECASE)
_YEAR_FOOTNOTE = re.compile(r"\s*(?:\(\s*\*+\s*\)|\*+|\(\s*\d\s*\))$")
_BILINGUAL_YEAR = re.compile(rf"^năm\s+({_YEAR})\s*[-–/]?\s*year\s+\1$", re.IGNORECASE)
_FLOAT_YEAR = re.compile(rf"^({_YEAR})\.0+$")
_UNIT_WORDS = [
    "triệu đồng",
    "nghìn đồng",
    "ngàn đồng",
    "tỷ đồng",
    "tỉ đồng",
    "đồng",
    "người",
    "nghìn người",
    "đô la mỹ",
    "triệu đô la mỹ",
    "nghìn đô la mỹ",
    "usd",
    "triệu usd",
    "ha",
    "nghìn ha",
    "tấn",
    "nghìn tấn",
    "km",
    "km2",
    "cái",
    "chiếc",
    "doanh nghiệp",
    "cơ sở",
    "%",
    "lần",
    "hộ",
]
_UNIT_PREFIX = re.compile(r"^(?:đơn vị tính|đvt|unit)\b", re.IGNORECASE)
_UNIT_COLUMN = re.compile(r"^(?:đơn vị tính|đvt|đơn vị|unit)(?:\s*-\s*unit)?\s*$", re.IGNORECASE)
_INDEX_HINT = re.compile(r"chỉ số|năm trước\s*=\s*100|index|previous year\s*=\s*100", re.IGNORECASE)
_STRUCTURE_HINT = re.compile(r"cơ cấu|structure", re.IGNORECASE)
_PERCENT_HINT = re.compile(r"\(%\)|-\s*%|%\s*$|:\s*%")
_PAREN_UNIT = re.compile(r"\(([^()]*)\)")
# "Trong đó: …", "Trđ: …", "Tr.đó …", "- Trong đó", English-only "Of which: …" (not "Chia ra - Of which")
_OF_WHICH = re.compile(r"^[-–—+•]?\s*(?:trong\s+đó|tr\s*\.\s*đó|trđ|of\s+which)\b\s*\.?\s*[:,–-]?\s*", re.IGNORECASE)
_OF_WHICH_EN = re.compile(r"(\s*[-–/]\s*)(?:of|in)\s+which\b\s*[:,]?\s*", re.IGNORECASE)


@dataclass
class YearToken:
    """A parsed year header: ``2016``, ``"Sơ bộ - Prel. 2016"`` or ``"2016/2015"``."""

    year: int
    period: str
    status: str  # official / preliminary / estimate

    @property
    def preliminary(self) -> bool:
        """True for a "Sơ bộ - Prel." year."""
        return self.status == "preliminary"


def _status(text: str) -> str:
    """official / preliminary / estimate, from the status words of a header or label."""
    if re.search(_PREL, text, re.IGNORECASE):
        return "preliminary"
    if re.search(_EST, text, re.IGNORECASE):
        return "estimate"
    return "official"


def status_of_label(value: Any) -> str | None:
    """The status a header cell without a year gives the years under it (``"Sơ bộ - Prel."`` →
    ``"preliminary"``, ``"Thực hiện - Actual"`` → ``"official"``); None for any other text."""
    if not isinstance(value, str):
        return None
    text = norm_text(value)
    return _status(text) if _STATUS_LABEL.match(text) else None


def parse_year_token(value: Any) -> YearToken | None:
    """Recognise a year header cell; return None when it is not one.

    For year pairs (``"2016/2015"``) and ranges (``"2011-2015"``) the year is the
    later one and ``period`` keeps the printed pair.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not value.is_integer():
            return None
        y = int(value)
        return YearToken(y, str(y), "official") if 1900 <= y <= 2099 else None
    text = _YEAR_FOOTNOTE.sub("", norm_text(str(value)))  # "2023 (*)": a footnote marker, not part of the year
    text = _FLOAT_YEAR.sub(r"\1", text)  # "2023.0": a number through a spreadsheet
    text = _BILINGUAL_YEAR.sub(r"\1", text)  # "Năm 2023 - Year 2023"
    m = _YEAR_TOKEN.match(text)
    if not m:
        return None
    y1 = int(m.group("y1"))
    y2 = m.group("y2")
    status = _status((m.group("pre") or "") + " " + (m.group("post") or ""))
    if y2:
        y2i = int(y2)
        return YearToken(max(y1, y2i), f"{y1}{m.group('sep')}{y2i}", status)
    return YearToken(y1, str(y1), status)


def split_header_unit(value: Any) -> tuple[Any, str | None]:
    """A header cell without a trailing unit, and that unit: ``"2023/2022 (%)"`` → ``("2023/2022", "%")``."""
    if not isinstance(value, str):
        return value, None
    text = norm_text(value)
    m = re.match(r"^(.*?\d)\s*(?:\(([^()]*)\)|-\s*(%))$", text)
    if not m:
        return value, None
    unit = m.group(3) or norm_text(m.group(2) or "")
    if unit == "%" or is_unit_label(unit):
        return m.group(1), unit
    return value, None


def of_which_label(label: str) -> str | None:
    """The label without its leading "of which" marker, or None when it has none.

    ``"Trong đó: Công nghiệp - Of which: Industry"`` → ``"Công nghiệp - Industry"``;
    ``"Trong đó - Of which"`` → ``""`` (a grouping row); ``"Chia ra - Of which"`` → None
    ("chia ra", divided into, opens components that do add up).
    """
    text = norm_text(label)
    m = _OF_WHICH.match(text)
    if not m:
        return None
    rest = text[m.end() :]
    rest = _OF_WHICH_EN.sub(r"\1", rest, count=1)
    rest = re.sub(r"^(?:of|in)\s+which\b\s*[:,]?\s*", "", rest, flags=re.IGNORECASE)  # "Trong đó - Of which" rest
    return rest.strip(" -–:/")


def is_unit_label(text: str) -> bool:
    """True for a unit row or cell (``"Đơn vị tính - Unit: %"``, ``"Triệu đồng - Mill. dongs"``)."""
    t = norm_text(text).lower()
    if _UNIT_PREFIX.match(t):
        return True
    first = re.split(r"\s+-\s+|\s*/\s*", t)[0].strip()
    return first in _UNIT_WORDS


def unit_from_unit_label(text: str) -> str:
    """The unit a unit label gives (``"Đơn vị tính - Unit: %"`` → ``"%"``)."""
    t = norm_text(text)
    m = re.match(r"^(?:đơn vị tính|đvt)\s*(?:-\s*unit)?\s*:?\s*(.*)$", t, re.IGNORECASE)
    if m and m.group(1):
        return m.group(1).strip()
    m = re.match(r"^unit\s*:?\s*(.*)$", t, re.IGNORECASE)
    if m and m.group(1):
        return m.group(1).strip()
    return t


def measure_and_unit_of_block(label: str) -> tuple[str, str | None]:
    """``(measure, unit)`` a label-only row announces: index / structure / level (%) / level (no unit)."""
    if _INDEX_HINT.search(label):
        return "index", "%"
    if _STRUCTURE_HINT.search(label):
        return "structure", "%"
    if _PERCENT_HINT.search(label):
        return "level", "%"
    return "level", unit_from_header(label)  # "Diện tích - Area (Nghìn ha)"; None for a grouping row


def unit_from_header(text: str) -> str | None:
    """A unit in parentheses inside a header or title (``"… (Nghìn đồng) - …"`` → ``"Nghìn đồng"``)."""
    for part in _PAREN_UNIT.findall(text):
        p = norm_text(part)
        if is_unit_label(p) or p.lower() in {"usd", "%"}:
            return p
    return None


def is_unit_column(text: str) -> bool:
    """True for a ``"Đơn vị tính - Unit"`` header cell (a column giving each row its unit)."""
    return bool(_UNIT_COLUMN.match(norm_text(text)))
