"""One vocabulary: every code the program compares, with its Vietnamese and English label and colour.

Program logic compares ASCII codes (``"no_data"``, ``"estimate"``, ``"merged2025"``);
only what is shown to people uses the labels (``"chưa có số liệu"``, ``"ước tính"``,
``"tỉnh mới (từ 01/7/2025)"``). Each family is a :class:`enum.StrEnum`, so a member
*is* its code string (``Verdict.NO_DATA == "no_data"``) and carries ``.vi``,
``.en`` and ``.colour``.

Families: evidence :class:`Status`, target :class:`Verdict`, trajectory
:class:`Band`, territorial :class:`Boundary`, :class:`PriceBasis`.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "Status",
    "Verdict",
    "Band",
    "Boundary",
    "PriceBasis",
    "label_vi",
    "label_en",
    "colour",
    "verdict_from_label",
    "verdict_label",
    "EVIDENCE_TIERS",
    "JUDGED",
    "MET",
    "GROWTH_KINDS",
    "is_growth_rate",
]


class _Coded(StrEnum):
    """A code with labels: ``Member("code", "nhãn", "label", "#colour")``."""

    def __new__(cls, code: str, vi: str = "", en: str = "", colour: str = "#BBBBBB") -> _Coded:
        obj = str.__new__(cls, code)
        obj._value_ = code
        obj.vi = vi
        obj.en = en
        obj.colour = colour
        return obj

    @classmethod
    def codes(cls) -> list[str]:
        return [m.value for m in cls]


class Status(_Coded):
    """Evidence status of an observation, best first (``target`` rows are plans, never evidence)."""

    OFFICIAL = ("official", "chính thức", "official", "#0072B2")
    PRELIMINARY = ("preliminary", "sơ bộ", "preliminary", "#56B4E9")
    ESTIMATE = ("estimate", "ước tính", "estimate", "#E69F00")
    SECONDARY = ("secondary", "nguồn thứ cấp", "secondary source", "#999999")
    TARGET = ("target", "kế hoạch", "plan figure", "#CCCCCC")


class Verdict(_Coded):
    """Review vocabulary of provincial reviews (báo cáo sơ kết / tổng kết)."""

    EXCEEDED = ("exceeded", "vượt", "exceeded", "#009E73")
    MET = ("met", "đạt", "met", "#56B4E9")
    BASICALLY_MET = ("basically_met", "cơ bản đạt", "basically met", "#A6D8F0")
    NOT_MET = ("not_met", "không đạt", "not met", "#D55E00")
    INSUFFICIENT = ("insufficient", "chưa đủ cơ sở đánh giá", "not enough basis to judge", "#F0E442")
    NO_DATA = ("no_data", "chưa có số liệu", "no data", "#BBBBBB")
    QUALITATIVE = ("qualitative", "định tính", "qualitative", "#E5E5E5")


class Band(_Coded):
    """Trajectory bands of the open-sdg progress measure (:mod:`analysis.assessment.progress`)."""

    ACHIEVED = ("achieved", "đã đạt mục tiêu", "target achieved", "#009E73")
    ON_TRACK = ("on_track", "đúng lộ trình", "on track", "#56B4E9")
    ACCELERATION_NEEDED = ("acceleration_needed", "cần tăng tốc", "acceleration needed", "#F0E442")
    LIMITED_PROGRESS = ("limited_progress", "tiến triển hạn chế", "limited progress", "#E69F00")
    DETERIORATION = ("deterioration", "đi xuống", "deterioration", "#D55E00")
    NO_BASE = ("no_base", "chưa có số liệu năm gốc", "no base-year value", "#BBBBBB")
    NOT_COMPUTABLE = ("not_computable", "không tính được", "not computable", "#BBBBBB")


class Boundary(_Coded):
    """Territory a figure is for: Quảng Ngãi merged with Kon Tum on 1 July 2025 (Resolution 202/2025/QH15)."""

    PRE2025 = ("pre2025", "tỉnh cũ (trước 01/7/2025)", "former province (before 1 July 2025)", "#0072B2")
    MERGED2025 = ("merged2025", "tỉnh mới (từ 01/7/2025)", "merged province (from 1 July 2025)", "#CC79A7")
    UNKNOWN = ("unknown", "chưa rõ địa giới", "territory not stated", "#999999")


class PriceBasis(_Coded):
    """Price basis of a monetary value; ``na`` for quantities that have none (persons, shares of persons)."""

    CURRENT = ("current", "giá hiện hành", "current prices")
    CONSTANT_2010 = ("constant_2010", "giá so sánh 2010", "constant 2010 prices")
    CONSTANT_2020 = ("constant_2020", "giá so sánh 2020", "constant 2020 prices")
    NA = ("na", "không áp dụng", "not applicable")
    UNKNOWN = ("unknown", "chưa rõ loại giá", "price basis not stated")


#: evidence tiers, best first
EVIDENCE_TIERS = [Status.OFFICIAL.value, Status.PRELIMINARY.value, Status.ESTIMATE.value, Status.SECONDARY.value]
#: verdicts that judge a number, and those that count as success
JUDGED = {Verdict.EXCEEDED.value, Verdict.MET.value, Verdict.BASICALLY_MET.value, Verdict.NOT_MET.value}
MET = {Verdict.EXCEEDED.value, Verdict.MET.value, Verdict.BASICALLY_MET.value}
#: verdicts that take the "ước" form when the deciding evidence is an estimate
_ESTIMATE_FORMS = JUDGED


def verdict_label(code: str, evidence_status: str = "") -> str:
    """The verdict as a review writes it: ``"ước vượt"`` when the deciding evidence is an estimate.

    Examples
    --------
    >>> verdict_label("exceeded", "estimate"), verdict_label("met", "official"), verdict_label("no_data", "estimate")
    ('ước vượt', 'đạt', 'chưa có số liệu')
    """
    v = Verdict(code)
    return f"ước {v.vi}" if evidence_status == Status.ESTIMATE and code in _ESTIMATE_FORMS else v.vi


_FAMILIES: tuple[type[_Coded], ...] = (Verdict, Status, Band, Boundary, PriceBasis)


def _member(code: str) -> _Coded | None:
    for fam in _FAMILIES:
        if code in fam._value2member_map_:
            return fam(code)
    return None


def label_vi(code: str) -> str:
    """The Vietnamese label of any code (the code itself when unknown, '' for '')."""
    m = _member(code) if code else None
    return m.vi if m is not None else str(code)


def label_en(code: str) -> str:
    """The English label of any code."""
    m = _member(code) if code else None
    return m.en if m is not None else str(code)


def colour(code: str) -> str:
    """The house colour of a verdict, band or status code."""
    m = _member(code) if code else None
    return m.colour if m is not None else "#BBBBBB"


def verdict_from_label(label: str) -> str:
    """The verdict code of a Vietnamese label (``"chưa có số liệu"`` → ``"no_data"``), for reading CSVs back."""
    bare = label.removeprefix("ước ")
    for v in Verdict:
        if bare in (v.vi, v.value):
            return v.value
    raise ValueError(f"unknown verdict label {label!r}; expected one of {[v.vi for v in Verdict]}")


#: the kinds of indicator (``data/raw/indicators.csv`` column ``kind``) whose values are growth rates
GROWTH_KINDS = frozenset({"growth", "avg_growth"})


def is_growth_rate(measure: str, kind: str) -> bool:
    """Whether a target is on a growth rate: the one rule every layer uses.

    Parameters
    ----------
    measure : str
        The target's ``measure`` (``targets.csv``): ``"period_avg_growth"``, ``"final_year_value"`` …
    kind : str
        The ``kind`` of the target's indicator in the vocabulary (``data/raw/indicators.csv``), ``""`` when the
        target has no indicator.

    Returns
    -------
    bool
        True for an average growth over a period, or for a value of an indicator the vocabulary calls a growth
        rate (an annual plan's "GRDP tăng 10%"): such a target is said with ``đạt`` (never ``chiếm``), drawn in a
        growth panel (never on a share axis) and needs the rate itself as its average growth.

    Examples
    --------
    >>> is_growth_rate("period_avg_growth", "avg_growth"), is_growth_rate("final_year_value", "growth")
    (True, True)
    >>> is_growth_rate("final_year_share", "share")
    False
    """
    return measure == "period_avg_growth" or kind in GROWTH_KINDS
