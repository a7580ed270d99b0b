"""Parsing numbers printed in Vietnamese statistical notation.

Vietnamese yearbooks use ``.`` to group thousands and ``,`` as the decimal mark:
``"1.027"`` is one thousand and twenty-seven, ``"104,49"`` is 104.49 and
``"46811173"`` (plain digits, no grouping) is 46,811,173. Two symbols stand for
"no value": ``"-"`` (no occurrence) and ``"..."`` (not collected, also printed ``"…"``
or ``".."``). A negative number is printed ``"-1,5"``; thousands may be grouped with
(non-breaking or narrow) spaces. A number in brackets (``"(1,5)"``) is refused: it
may be an accounting-style negative or a note mark, and yearbooks print ``"-1,5"``.

:func:`parse_printed` reads a yearbook cell: :func:`parse_vn_number` plus the marks a
printed table may carry — ``"x"`` (confidential, not published) and a trailing ``"%"``.

The parser is strict: anything that is not unambiguously a number in that
notation is rejected, so a wrongly typed cell never becomes a wrong number.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

NO_OCCURRENCE = "-"
NOT_COLLECTED = "..."
CONFIDENTIAL = "x"

_DASHES = {"-", "–", "—", "−"}
_NOT_COLLECTED = {"...", "…", "..", ". . ."}
_GROUPED = re.compile(r"^[+-]?[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?$")
_PLAIN = re.compile(r"^[+-]?\d+(?:,\d+)?$")
_FOOTNOTE = re.compile(r"\s*(?:\(\*+\)|\*+|\([a-z]\))$")
_PAREN_NEGATIVE = re.compile(r"^\(\s*(\d[\d., ]*)\s*\)$")
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})


@dataclass(frozen=True)
class ParsedNumber:
    """Result of parsing one printed cell.

    Attributes
    ----------
    value : float
        The number, or NaN when a symbol was printed instead.
    symbol : str
        ``""`` for a number, ``"-"`` for no occurrence, ``"..."`` for not collected.
    grouped : bool
        True when the text used ``.`` thousands grouping.
    decimals : int
        Number of decimals printed (precision of the printed value).
    footnote : str
        A trailing footnote marker such as ``"(*)"``, if any.
    percent : bool
        True when the text ended with ``"%"`` (:func:`parse_printed` only).
    """

    value: float
    symbol: str = ""
    grouped: bool = False
    decimals: int = 0
    footnote: str = ""
    percent: bool = False


class NotANumber(ValueError):
    """The text is not a number in Vietnamese notation (message says why)."""


def parse_vn_number(raw: object) -> ParsedNumber:
    """Parse one cell printed in Vietnamese notation.

    Parameters
    ----------
    raw : str, int or float
        Cell content. Numbers already stored as numbers (e.g. from a workbook)
        are accepted as they are; text is parsed as Vietnamese notation.

    Returns
    -------
    ParsedNumber

    Raises
    ------
    NotANumber
        If the text is not a number, ``"-"`` or ``"..."``.

    Examples
    --------
    >>> parse_vn_number("1.027").value
    1027.0
    >>> parse_vn_number("104,49").value
    104.49
    >>> parse_vn_number("-").symbol
    '-'
    """
    if isinstance(raw, bool):
        raise NotANumber(f"a boolean ({raw}) is not a number")
    if isinstance(raw, (int, float)):
        v = float(raw)
        if math.isnan(v) or math.isinf(v):
            raise NotANumber(f"{raw!r} is not a finite number")
        text = repr(raw)
        decimals = len(text.split(".")[1]) if "." in text and isinstance(raw, float) else 0
        return ParsedNumber(v, decimals=decimals)
    if not isinstance(raw, str):
        raise NotANumber(f"{raw!r} is not text or a number")
    text = raw.translate(_SPACES).strip()
    if text in _DASHES:
        return ParsedNumber(math.nan, symbol=NO_OCCURRENCE)
    if text in _NOT_COLLECTED:
        return ParsedNumber(math.nan, symbol=NOT_COLLECTED)
    footnote = ""
    m = _FOOTNOTE.search(text)
    if m and m.start() > 0:
        footnote = m.group(0).strip()
        text = text[: m.start()].strip()
    text = text.replace("−", "-")
    if _PAREN_NEGATIVE.match(text):
        raise NotANumber(
            f"'{raw}' is a number in brackets: an accounting-style negative or a note mark? "
            "(yearbooks print a negative as -1,5; type it so, or the note beside the value)"
        )
    compact = text.replace(" ", "")
    if " " in text and not re.fullmatch(r"[+-]?\d{1,3}(?: \d{3})+(?:,\d+)?", text):
        raise NotANumber(f"'{raw}' contains spaces that are not thousands grouping")
    if _GROUPED.match(compact) or (" " in text):
        grouped = True
        intpart, _, frac = compact.partition(",")
        number = float(intpart.replace(".", "") + ("." + frac if frac else ""))
    elif _PLAIN.match(compact):
        grouped = False
        intpart, _, frac = compact.partition(",")
        number = float(intpart + ("." + frac if frac else ""))
    else:
        hint = ""
        if re.fullmatch(r"[+-]?\d+\.\d{1,2}", compact) or re.fullmatch(r"[+-]?\d+\.\d{4,}", compact):
            hint = "; '.' groups thousands in Vietnamese notation, the decimal mark is ','"
        elif re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+\.\d+", compact):
            hint = "; this looks like English notation"
        raise NotANumber(f"'{raw}' is not a number in Vietnamese notation{hint}")
    _, _, frac = compact.partition(",")
    return ParsedNumber(number, grouped=grouped, decimals=len(frac), footnote=footnote)


def parse_printed(raw: object) -> ParsedNumber:
    """Parse one printed yearbook cell: :func:`parse_vn_number`, plus ``"x"`` (confidential: symbol
    ``"x"``, value NaN) and a number followed by ``"%"`` (``"9,49%"``: 9.49 with ``percent`` set; the
    caller checks that the unit is a percentage).

    Raises
    ------
    NotANumber
        As :func:`parse_vn_number`.
    """
    if isinstance(raw, str):
        text = raw.translate(_SPACES).strip()
        if text in {"x", "X"}:
            return ParsedNumber(math.nan, symbol=CONFIDENTIAL)
        m = re.fullmatch(r"(.*\d)\s*%", text)
        if m:
            return replace(parse_vn_number(m.group(1)), percent=True)
    return parse_vn_number(raw)
