"""Formatting numbers and units the Vietnamese way for statements, tables and figures.

Numbers as published: a value is shown with the decimals its source printed (never fewer:
"9,55 %/năm" stays 9,55 beside a band ending at 9,5, "6,97" is not "7,0"); a computed value
(a growth rate from levels, a sum) with the decimals of its unit, :data:`COMPUTED_DECIMALS` —
two for growth rates, as the statistics office quotes them. :func:`shown_decimals` is the one
rule; the workbook, the Word draft, the deck, the figures and the sentences all use it.
"""

from __future__ import annotations

import math
import re
from typing import Any

UNIT_VI = {
    "percent": "%",
    "percent_per_year": "%/năm",
    "bn_VND": " tỷ đồng",
    "mn_USD": " triệu USD",
    "persons": " người",
    "thousand_VND_per_person": " nghìn đồng/người",
    "mn_VND_per_person": " triệu đồng/người",
    "USD_per_person": " USD/người",
    "mn_VND_per_worker": " triệu đồng/lao động",
    "count": "",
    "thousand_persons": " nghìn người",
    "mn_VND": " triệu đồng",
}
UNIT_EN = {
    "percent": "%",
    "percent_per_year": "%/yr",
    "bn_VND": " bn VND",
    "mn_USD": " mn USD",
    "persons": " persons",
}


#: units shown as whole numbers when no source printed decimals (amounts in billion VND, persons, counts)
WHOLE_UNITS = frozenset({"bn_VND", "mn_USD", "persons", "USD_per_person", "count"})
#: most decimals a value is shown with (a longer print is a computation's, not a publication's)
MOST_DECIMALS = 4
_PRINTED_VN = re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?")
_PRINTED_DOT = re.compile(r"[+-]?\d+(?:\.(\d+))?")


def _exact(v: float, d: int) -> bool:
    return abs(round(v, d) - v) <= 1e-9 * max(1.0, abs(v))


def default_decimals(unit: Any) -> int:
    """Decimals of a computed value in ``unit``: growth rates two (as the statistics office quotes
    them), amounts and counts none (:data:`WHOLE_UNITS`), other units one.

    >>> default_decimals("percent_per_year"), default_decimals("percent"), default_decimals("bn_VND")
    (2, 1, 0)
    """
    u = "" if unit is None else str(unit)
    return 2 if u == "percent_per_year" else (0 if u in WHOLE_UNITS else 1)


def printed_decimals(printed: Any, vietnamese: bool = False) -> int | None:
    """Decimals of a figure as its source printed it, None when the text is not a plain number.

    ``vietnamese``: the text is in Vietnamese notation (a yearbook cell: ``"104,49"``, ``"1.027"``);
    else ``.`` is the decimal mark (the published-figure files, submissions, derived values).

    >>> printed_decimals("9.55"), printed_decimals("70"), printed_decimals("104,49", True), printed_decimals("1.027", True)
    (2, 0, 2, 0)
    """
    if printed is None or (isinstance(printed, float) and math.isnan(printed)):
        return None
    m = (_PRINTED_VN if vietnamese else _PRINTED_DOT).fullmatch(str(printed).strip())
    if m is None:
        return None
    return len(m.group(1)) if m.group(1) else 0


def shown_decimals(value: Any, unit: Any, printed: Any = None, vietnamese: bool = False) -> int:
    """Decimals ``value`` is shown with — the one rule of every output.

    * the decimals its source printed (``printed``, the store's ``value_as_printed``): never fewer;
    * else (a computed value, or a printed text that no longer writes the value: a figure converted
      to another scale, an index read as growth) a percentage keeps the decimals it has, one to two
      (6,97, not 7,0; a growth rate from levels 11,43), growth rates at least two; other units
      :func:`default_decimals`.

    >>> shown_decimals(9.55, "percent_per_year", "9.55"), shown_decimals(17.8, "percent_per_year", "17.8")
    (2, 1)
    >>> shown_decimals(6.97, "percent"), shown_decimals(35.0, "percent"), shown_decimals(11.4321, "percent_per_year")
    (2, 1, 2)
    >>> shown_decimals(718415.0, "persons", "718415.0"), shown_decimals(1234.5, "bn_VND", "1234.5")
    (0, 1)
    """
    d = printed_decimals(printed, vietnamese)
    try:
        v = float(value)
    except (TypeError, ValueError):
        return default_decimals(unit) if d is None else d
    if math.isnan(v):
        return default_decimals(unit) if d is None else d
    u = "" if unit is None else str(unit)
    if d and u in WHOLE_UNITS and _exact(v, 0):
        d = 0  # "718415.0" (a number stored as a float, e.g. a returned form): no printed decimal
    if d is not None and d <= MOST_DECIMALS and _exact(v, d):
        return d
    if u.startswith("percent"):
        least = default_decimals(u) if d is None and printed is None and u == "percent_per_year" else 1
        return next((k for k in range(min(least, 2), 3) if _exact(v, k)), 2)
    return default_decimals(u)


def record_decimals(rec: Any) -> int:
    """:func:`shown_decimals` of one observation of the store (a mapping with ``value``, ``unit``,
    ``value_as_printed`` and ``source_kind``: a yearbook cell is in Vietnamese notation)."""
    get = rec.get if hasattr(rec, "get") else (lambda k, d=None: getattr(rec, k, d))
    printed = get("value_as_printed")
    printed = None if printed is None or (isinstance(printed, str) and not printed.strip()) else printed
    return shown_decimals(get("value"), get("unit"), printed, get("source_kind") == "yearbook")


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


def fmt_amount_vi(value: float, unit: str, decimals: int | None = None) -> str:
    """A value with its Vietnamese unit; million USD of 1,000 or more shown in billion USD.

    ``decimals``: as printed by the value's source (:func:`shown_decimals`); None: those of a
    computed value, :func:`default_decimals`.

    >>> fmt_amount_vi(9.55, "percent_per_year", 2), fmt_amount_vi(11.4321, "percent_per_year"), fmt_amount_vi(5600, "mn_USD")
    ('9,55%/năm', '11,43%/năm', '5,6 tỷ USD')
    """
    d = shown_decimals(value, unit) if decimals is None else decimals
    big = larger_unit(unit, value)
    if big:
        v = value / big[0]
        # in the larger unit the printed digits move: as many decimals as the value has, up to three
        k = next((k for k in range(0, 4) if abs(round(v, k) - v) < 1e-9), 3)
        return f"{fmt_vn(v, max(k, 1) if decimals is None else k)} {big[1]}"
    return f"{fmt_vn(value, d)}{UNIT_VI.get(unit, ' ' + unit)}"


def fmt_bound_vi(value: float, unit: str) -> str:
    """A target bound in Vietnamese notation without trailing zeros (8, 6,5; 5 tỷ USD)."""
    big = larger_unit(unit, value)
    if big:
        v = value / big[0]
        return fmt_vn(v, 0 if float(v).is_integer() else 1)
    return fmt_vn(value, 0 if float(value).is_integer() else 1)
