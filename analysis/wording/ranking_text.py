"""A province's rank among its peers in words: the sentence the scorecard, the Word draft, the deck and the
ranking figure state ("đứng thứ 6/34 tỉnh, thành phố; 32 tỉnh, thành phố có số liệu").

Pure functions over one row of the ranked table (:data:`analysis.assessment.ranking.RANK_COLUMNS`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from .labels import PEERS_VI, RANK_ORDER_VI, is_missing, period_vi, status_vi
from .vnformat import UNIT_VI, fmt_vn

__all__ = [
    "rank_value_vi",
    "rank_period_vi",
    "rank_sentence",
    "rank_range_vi",
    "rank_headline",
    "rank_note_vi",
    "rank_figure_note_vi",
]


def _int(x: Any) -> int | None:
    return None if is_missing(x) else int(x)


def rank_value_vi(value: Any, unit: str, decimals: Any = None) -> str:
    """A ranked value with the decimals its source printed and its unit (``10,02%``)."""
    if is_missing(value):
        return "–"
    d = 0 if is_missing(decimals) else int(decimals)
    return f"{fmt_vn(float(value), d)}{UNIT_VI.get(unit, '')}"


def rank_period_vi(period: Any) -> str:
    """``2025`` → ``năm 2025``; other periods as :func:`period_vi` writes them, after ``kỳ``."""
    p = "" if is_missing(period) else str(period)
    return f"năm {p}" if re.fullmatch(r"\d{4}", p) else f"kỳ {period_vi(p)}"


def _missing(rec: Mapping[str, Any]) -> int:
    """Provinces of the boundary without a value (each could rank above the province)."""
    of, covered = _int(rec.get("provinces")), _int(rec.get("covered"))
    return max(of - covered, 0) if of is not None and covered is not None else 0


def rank_range_vi(rec: Mapping[str, Any]) -> str:
    """``4–8``: the ranks the province could hold (``rank_best``–``rank_worst``: its conflicting figures, the
    printed precision of the values and the provinces without a value, which could all rank above it), ''
    when that is the one rank stated."""
    ranks = {
        r
        for r in (
            _int(rec.get("rank")),
            _int(rec.get("rank_at_low")),
            _int(rec.get("rank_at_high")),
            _int(rec.get("rank_best")),
            _int(rec.get("rank_worst")),
        )
        if r is not None
    }
    return f"{min(ranks)}–{max(ranks)}" if len(ranks) > 1 else ""


def rank_sentence(rec: Mapping[str, Any], label_vi: str, territory: str) -> str:
    """The study province's rank as one or two sentences.

    Parameters
    ----------
    rec : mapping
        The province's row of a ranked table (value and rank missing when the province has no figure).
    label_vi : str
        The indicator as the statistics office names it (the vocabulary's ``label_vi``).
    territory : str
        The province as the study names it ("tỉnh Quảng Ngãi (mới)").

    Returns
    -------
    str
        '' when the ranking is not stated (too few provinces have a value).
    """
    if not rec or not bool(rec.get("ranked")):
        return ""
    when = rank_period_vi(rec["period"])
    of, covered = int(rec["provinces"]), int(rec["covered"])
    order = RANK_ORDER_VI.get(str(rec.get("order", "")), "")
    statuses = ", ".join(status_vi(s) for s in str(rec.get("statuses") or "").split("; ") if s)
    basis = "; ".join(x for x in (order, f"số liệu của các {PEERS_VI}: {statuses}" if statuses else "") if x)
    rank = _int(rec.get("rank"))
    if rank is None:
        return (
            f"{label_vi} {when}: đã có số liệu của {covered}/{of} {PEERS_VI} nhưng chưa có số liệu của "
            f"{territory}, chưa xếp hạng được."
        )
    value = rank_value_vi(rec["value"], str(rec["unit"]), rec.get("decimals"))
    tied = _int(rec.get("n_tied")) or 1
    tie = f" (đồng hạng với {tied - 1} {PEERS_VI} khác)" if tied > 1 else ""
    missing = _missing(rec)
    absent = f"; {missing} {PEERS_VI} chưa có số liệu có thể đứng trên" if missing else ""
    text = (
        f"{label_vi} {when} của {territory} ({value}, {status_vi(rec['status'])}) đứng thứ {rank}/{of} "
        f"{PEERS_VI}{tie}; {covered} {PEERS_VI} có số liệu{absent}" + (f" ({basis})." if basis else ".")
    )
    conflicts = _int(rec.get("conflicts")) or 0
    low, high = rec.get("low_value"), rec.get("high_value")
    if conflicts and not is_missing(low) and not is_missing(high) and not math.isclose(float(low), float(high)):
        span = (
            f"từ {rank_value_vi(low, str(rec['unit']), rec.get('decimals'))} đến "
            f"{rank_value_vi(high, str(rec['unit']), rec.get('decimals'))}"
        )
        at_low, at_high = _int(rec.get("rank_at_low")), _int(rec.get("rank_at_high"))
        if at_low == at_high == rank:
            text += f" Các nguồn ghi số liệu của {territory} khác nhau ({span}) nhưng thứ hạng không đổi."
        else:
            text += (
                f" Các nguồn ghi số liệu của {territory} khác nhau ({span}): theo số cao nhất đứng thứ "
                f"{at_high}, theo số thấp nhất đứng thứ {at_low}."
            )
    best, worst = _int(rec.get("rank_best")), _int(rec.get("rank_worst"))
    if best is not None and worst is not None and (best, worst) != (rank, rank):
        why = _range_reasons_vi(rec, rank, best, worst)
        text += f" {why[0].upper()}{why[1:]}, {territory} có thể đứng từ thứ {best} đến thứ {worst}."
    return text


def _range_reasons_vi(rec: Mapping[str, Any], rank: int, best: int, worst: int) -> str:
    """What widens the range ("tính cả …"): conflicting figures, the provinces without a value, and the printed
    precision where the range reaches beyond what those two give."""
    own = [r for r in (rank, _int(rec.get("rank_at_low")), _int(rec.get("rank_at_high"))) if r is not None]
    missing = _missing(rec)
    reasons = []
    if max(own) != min(own):
        reasons.append("số liệu khác nhau giữa các nguồn")
    if best < min(own) or worst > max(own) + missing:
        reasons.append("độ chính xác của số công bố")
    if missing:
        reasons.append(f"các {PEERS_VI} chưa có số liệu")
    said = ", ".join(reasons[:-1]) + (" và " if len(reasons) > 1 else "") + reasons[-1] if reasons else ""
    return f"tính cả {said}" if said else "tính cả các khả năng trên"


def rank_headline(row: Mapping[str, Any], label_vi: str) -> str:
    """A slide title from a scorecard row's rank columns: ``Tốc độ tăng GRDP năm 2025 đứng thứ 6/34 tỉnh, thành
    phố (32 có số liệu)``; where the province has no figure, the coverage only."""
    when = rank_period_vi(row.get("rank_period"))
    covered = f"{row.get('rank_covered')}/{row.get('rank_of')}"
    if is_missing(row.get("rank")) or not str(row.get("rank")):
        return f"{label_vi} {when}: {covered} {PEERS_VI} có số liệu, chưa có số liệu của tỉnh"
    span = (
        ""
        if is_missing(row.get("rank_range")) or not str(row.get("rank_range"))
        else f"; có thể từ thứ {str(row['rank_range']).replace('–', ' đến ')}"
    )
    return f"{label_vi} {when} đứng thứ {row['rank']}/{row['rank_of']} {PEERS_VI} ({row['rank_covered']} có số liệu{span})"


def rank_note_vi(row: Mapping[str, Any]) -> str:
    """The rank a target's row states after its result sentence: ``Xếp hạng: <rank_vi>`` from the scorecard
    column ``rank_vi``, '' where the target's quantity is not ranked (the Word draft and the workbook alike).

    >>> rank_note_vi({"rank_vi": "… đứng thứ 6/34 tỉnh, thành phố."}), rank_note_vi({"rank_vi": None})
    ('Xếp hạng: … đứng thứ 6/34 tỉnh, thành phố.', '')
    """
    text = row.get("rank_vi") if hasattr(row, "get") else None
    return "" if is_missing(text) or not str(text).strip() else f"Xếp hạng: {str(text).strip()}"


def rank_figure_note_vi(rec: Mapping[str, Any], territory: str) -> str:
    """The ranking figure's note on the province's range of ranks: its conflicting figures (the ranks under
    the lowest and highest) and the provinces without a value that could stand above it; '' when the rank
    is the one possible.

    >>> rank_figure_note_vi({"rank": 6, "rank_best": 6, "rank_worst": 8, "provinces": 34, "covered": 32}, "tỉnh A")
    'Thứ hạng của tỉnh A có thể từ thứ 6 đến thứ 8 (2 tỉnh, thành phố chưa có số liệu có thể đứng trên).'
    """
    span = rank_range_vi(rec)
    if not span:
        return ""
    unit, d = str(rec.get("unit", "")), rec.get("decimals")
    missing = _missing(rec)
    parts = []
    if (_int(rec.get("conflicts")) or 0) and not is_missing(rec.get("low_value")) and not is_missing(rec.get("high_value")):
        parts.append(
            f"số liệu khác nhau giữa các nguồn, từ {rank_value_vi(rec['low_value'], unit, d)} đến "
            f"{rank_value_vi(rec['high_value'], unit, d)}"
        )
    if missing:
        parts.append(f"{missing} {PEERS_VI} chưa có số liệu có thể đứng trên")
    why = f" ({'; '.join(parts)})" if parts else ""
    return f"Thứ hạng của {territory} có thể từ thứ {span.replace('–', ' đến thứ ')}{why}."
