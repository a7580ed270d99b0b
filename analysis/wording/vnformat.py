"""Formatting numbers and units the Vietnamese way for statements, tables and figures."""
from __future__ import annotations

import math

UNIT_VI = {
    "percent": "%", "percent_per_year": "%/năm", "bn_VND": " tỷ đồng", "mn_USD": " triệu USD",
    "persons": " người", "thousand_VND_per_person": " nghìn đồng/người", "mn_VND_per_person": " triệu đồng/người",
    "USD_per_person": " USD/người", "mn_VND_per_worker": " triệu đồng/lao động", "count": "",
    "thousand_persons": " nghìn người", "mn_VND": " triệu đồng",
}
UNIT_EN = {
    "percent": "%", "percent_per_year": "%/yr", "bn_VND": " bn VND", "mn_USD": " mn USD", "persons": " persons",
}


def fmt_vn(x: float, decimals: int = 1) -> str:
    """Vietnamese notation: ``.`` groups thousands, ``,`` is the decimal mark.

    Examples
    --------
    >>> fmt_vn(11.4)
    '11,4'
    >>> fmt_vn(5600, 0)
    '5.600'
    """
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    s = f"{x:,.{decimals}f}"
    return s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


#: units written in a larger one from a magnitude on: unit → (divisor, the larger unit in words)
LARGER_UNIT = {"mn_USD": (1000.0, "tỷ USD")}


def larger_unit(unit: str, magnitude: float) -> tuple[float, str] | None:
    """(divisor, unit in words) when ``magnitude`` (a value or a target's bound) is written in a larger
    unit than ``unit`` — million USD of 1,000 or more as billion USD —, else None. The one place of the rule.

    >>> larger_unit("mn_USD", 5000), larger_unit("mn_USD", 125), larger_unit("bn_VND", 5000)
    ((1000.0, 'tỷ USD'), None, None)
    """
    big = LARGER_UNIT.get(unit)
    try:
        return big if big is not None and abs(float(magnitude)) >= big[0] else None
    except (TypeError, ValueError):
        return None


def fmt_amount_vi(value: float, unit: str, decimals: int = 1) -> str:
    """A value with its Vietnamese unit; million USD of 1,000 or more shown in billion USD."""
    big = larger_unit(unit, value)
    if big:
        return f"{fmt_vn(value / big[0], decimals)} {big[1]}"
    if unit in {"bn_VND", "mn_USD", "persons", "USD_per_person", "count"}:
        return f"{fmt_vn(value, 0)}{UNIT_VI[unit]}"
    return f"{fmt_vn(value, decimals)}{UNIT_VI.get(unit, ' ' + unit)}"


def fmt_bound_vi(value: float, unit: str) -> str:
    """A target bound in Vietnamese notation without trailing zeros (8, 6,5; 5 tỷ USD)."""
    big = larger_unit(unit, value)
    if big:
        v = value / big[0]
        return fmt_vn(v, 0 if float(v).is_integer() else 1)
    return fmt_vn(value, 0 if float(value).is_integer() else 1)
