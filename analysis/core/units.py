"""Unit codes, recognition of units printed in yearbooks, and exact conversions.

Only conversions that are pure changes of scale are made (million VND → billion
VND, thousand VND → million VND, USD → million USD). Currencies are never
converted into each other.
"""

from __future__ import annotations

import re
import unicodedata

# printed unit (lower-case, Vietnamese part) -> unit code
_PRINTED = [
    (r"^tỷ đồng|^tỉ đồng|bill\. dongs|billion dongs", "bn_VND"),
    (r"^triệu đồng|mill\. dongs|million dongs", "mn_VND"),
    (r"^nghìn đồng|^ngàn đồng|thous\. dongs|thousand dongs", "thousand_VND"),
    (r"^triệu (?:đô la mỹ|usd)|mill\. usd", "mn_USD"),
    (r"^(?:đô la mỹ|usd)$|^đô la mỹ|^usd\b", "USD"),
    (r"^nghìn người|thous\. persons", "thousand_persons"),
    (r"^người|^person", "persons"),
    (r"^%$", "percent"),
]

#: scale of each code relative to its family's base unit
SCALES: dict[str, tuple[str, float]] = {
    "VND": ("VND", 1.0),
    "thousand_VND": ("VND", 1e3),
    "mn_VND": ("VND", 1e6),
    "bn_VND": ("VND", 1e9),
    "USD": ("USD", 1.0),
    "mn_USD": ("USD", 1e6),
    "persons": ("persons", 1.0),
    "thousand_persons": ("persons", 1e3),
    "percent": ("percent", 1.0),
    "percent_per_year": ("percent_per_year", 1.0),
    "count": ("count", 1.0),
}


def unit_code(printed: str) -> str | None:
    """Map a unit as printed in a yearbook to a unit code, or None if unknown.

    Examples
    --------
    >>> unit_code("Triệu đồng - Mill. dongs")
    'mn_VND'
    >>> unit_code("Người - Person")
    'persons'
    """
    t = " ".join(unicodedata.normalize("NFC", printed).lower().split())
    for pattern, code in _PRINTED:
        if re.search(pattern, t):
            return code
    return None


def split_unit(code: str) -> tuple[str, str]:
    for suffix in ("_per_person", "_per_worker"):
        if code.endswith(suffix):
            return code[: -len(suffix)], suffix
    return code, ""


def conversion_factor(from_code: str, to_code: str) -> float:
    """Factor ``f`` such that ``value_in_to = value_in_from * f``.

    Raises
    ------
    ValueError
        When the two units are not the same quantity at different scales.
    """
    if from_code == to_code:
        return 1.0
    a, sa = split_unit(from_code)
    b, sb = split_unit(to_code)
    if sa != sb or a not in SCALES or b not in SCALES or SCALES[a][0] != SCALES[b][0]:
        raise ValueError(f"cannot convert {from_code} to {to_code}: not the same quantity")
    return SCALES[a][1] / SCALES[b][1]


def same_quantity(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ only by scale (e.g. mn_VND and bn_VND)."""
    try:
        conversion_factor(a, b)
        return True
    except ValueError:
        return False
