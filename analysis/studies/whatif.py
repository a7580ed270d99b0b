"""What-if copies of a target (:meth:`analysis.studies.targets.Target.with_`) and their wording in Vietnamese.

:func:`_with` checks and applies the changes and remembers the targets file's values;
:func:`_assumption_vi` states one change in review wording (``"dung sai 'khoảng' ±1
điểm % thay vì ±0,5 điểm %"``), with amounts written by :func:`bound_amount_vi`.
"""

from __future__ import annotations

import math
from dataclasses import fields, replace
from typing import TYPE_CHECKING, Any

from analysis.core.names import suggest
from analysis.wording.vnformat import UNIT_VI, fmt_vn

from .target_schema import KINDS, MEASURES, _check_bounds

if TYPE_CHECKING:  # annotations only (the dataclass imports this module)
    from .targets import Target

__all__ = ["KIND_VI", "_with", "bound_amount_vi", "_assumption_vi"]

#: how each kind of target is written (for what-if statements)
KIND_VI = {
    "range": "trong khoảng",
    "about": "khoảng",
    "above": "trên",
    "at_least": "tối thiểu",
    "at_most": "tối đa",
    "below": "dưới",
    "qualitative": "định tính",
}
_FIELD_VI = {
    "lower": "cận dưới",
    "upper": "cận trên",
    "kind": "loại mục tiêu",
    "unit": "đơn vị",
    "measure": "cách đo",
    "base_year": "năm gốc",
    "target_year": "năm mục tiêu",
    "numerator": "tử số",
    "denominator": "mẫu số",
    "indicator": "chỉ số",
    "level_indicator": "chuỗi số tuyệt đối",
    "annual_indicator": "chuỗi tốc độ tăng hằng năm",
}
_FLOAT_FIELDS = ("lower", "upper", "about_tolerance", "exceed_margin")
_INT_FIELDS = ("order", "outline_item", "base_year", "target_year")


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b


def _with(t: Target, changes: dict[str, Any]) -> Target:

    names = [f.name for f in fields(t) if f.name != "file_values"]
    for k in changes:
        if k not in names:
            close = suggest(k, names)
            raise TypeError(f"Target has no field {k!r}" + (f"; did you mean {', '.join(close)}?" if close else ""))
    changes = {
        k: (float(v) if k in _FLOAT_FIELDS and v is not None else int(v) if k in _INT_FIELDS else v) for k, v in changes.items()
    }
    if changes.get("kind", t.kind) not in KINDS:
        raise ValueError(f"kind {changes['kind']!r}: expected one of {sorted(KINDS)}")
    if changes.get("measure", t.measure) not in MEASURES:
        raise ValueError(f"measure {changes['measure']!r}: expected one of {sorted(MEASURES)}")
    for k in ("about_tolerance", "exceed_margin"):
        if k in changes and not changes[k] >= 0:
            raise ValueError(f"{k} must be ≥ 0, got {changes[k]!r}")
    original = dict(t.file_values)
    for k in changes:
        original.setdefault(k, getattr(t, k))
    new = replace(t, **changes)
    _check_bounds(new.kind, new.lower, new.upper, f"target {t.id}")
    kept = tuple((k, original[k]) for k in names if k in original and not _same(original[k], getattr(new, k)))
    return replace(new, file_values=kept)


def _num_vi(x: float) -> str:
    """Up to two decimals, Vietnamese notation, no trailing zeros (0,25; 1,5; 250)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    s = fmt_vn(float(x), 2)
    return s.rstrip("0").rstrip(",") if "," in s else s


def bound_amount_vi(x: float, unit: str, points: bool = False) -> str:
    if points and unit in {"percent", "percent_per_year"}:
        return f"{_num_vi(x)} điểm %" + ("/năm" if unit == "percent_per_year" else "")
    if unit == "mn_USD" and abs(x) >= 1000:
        return f"{_num_vi(x / 1000)} tỷ USD"
    return f"{_num_vi(x)}{UNIT_VI.get(unit, ' ' + unit if unit else '')}"


def _assumption_vi(t: Target, name: str, old: Any, new: Any) -> str:
    """One what-if change in review wording."""
    if name == "about_tolerance":
        return (
            f"dung sai 'khoảng' ±{bound_amount_vi(new, t.unit, points=True)} thay vì ±{bound_amount_vi(old, t.unit, points=True)}"
        )
    if name == "exceed_margin":
        return f"ngưỡng 'vượt' {bound_amount_vi(new, t.unit, points=True)} thay vì {bound_amount_vi(old, t.unit, points=True)}"
    if name in {"lower", "upper"}:
        return f"{_FIELD_VI[name]} {bound_amount_vi(new, t.unit)} thay vì {bound_amount_vi(old, t.unit)}"
    if name == "kind":
        return f"loại mục tiêu '{KIND_VI.get(new, new)}' thay vì '{KIND_VI.get(old, old)}'"
    if name in {"numerator", "denominator"}:
        return f"{_FIELD_VI[name]} {new or 'theo danh mục chỉ tiêu'} thay vì {old or 'theo danh mục chỉ tiêu'}"
    return f"{_FIELD_VI.get(name, name)} {new} thay vì {old}"
