"""How wide text prints and how many lines a wrapped cell needs (:func:`wrapped_lines`).

Advance widths (thousandths of an em) of the printable ASCII characters in Times New Roman
and Arial, regular and bold, as the metric-compatible Liberation Serif and Liberation Sans
fonts have them (the same numbers as the standard PDF metrics of Times and Helvetica). A
Vietnamese letter is as wide as its base letter (``ệ`` as ``e``), widened for the horn of
``ơ``/``ư``; a character the table does not know counts as a full em, so an estimate errs
on the wide side. Lines are broken only at spaces and at explicit line breaks (LibreOffice
and Excel may also break after a hyphen or a slash, which never needs more lines), and a
word wider than the line is cut where the line is full.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["text_width_pt", "wrapped_lines", "SERIF", "SANS"]

SERIF, SANS = "serif", "sans"
_WIDTHS = {
    (SERIF, False): """250 333 408 500 500 833 778 180 333 333 500 564 250 333 250 278 500 500 500 500 500 500 500
        500 500 500 278 278 564 564 564 444 921 722 667 667 722 611 556 722 722 333 389 722 611 889 722 722 556 722
        667 556 611 722 722 944 722 722 611 333 278 333 469 500 333 444 500 444 500 444 333 500 500 278 278 500 278
        778 500 500 500 500 333 389 278 500 500 722 500 500 444 480 200 480 541""",
    (SERIF, True): """250 333 555 500 500 1000 833 278 333 333 500 570 250 333 250 278 500 500 500 500 500 500 500
        500 500 500 333 333 570 570 570 500 930 722 667 722 722 667 611 778 778 389 500 778 667 944 722 778 611 778
        722 556 667 722 722 1000 722 722 667 333 278 333 581 500 333 500 556 444 556 444 333 500 556 278 333 556 278
        833 556 500 556 556 444 389 333 556 500 722 500 500 444 394 220 394 520""",
    (SANS, False): """278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556
        556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778
        722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 556 500 556 556 278 556 556 222 222 500 222
        833 556 556 556 556 333 500 278 556 500 722 500 500 500 334 260 334 584""",
    (SANS, True): """278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556
        556 556 556 333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 556 722 611 833 722 778 667 778
        722 667 611 722 667 944 667 667 611 333 278 333 584 556 333 556 611 556 611 556 333 611 611 278 278 556 278
        889 611 611 611 611 389 556 333 611 556 778 556 556 500 389 280 389 584""",
}
#: characters outside ASCII that the reports write (the widest of the four fonts)
_OTHER = {
    "Đ": 722,
    "đ": 611,
    "–": 556,
    "—": 1000,
    "…": 1000,
    "’": 333,
    "‘": 333,
    "“": 500,
    "”": 500,
    "≥": 549,
    "≤": 549,
    "°": 400,
    "±": 549,
    "×": 675,
    "·": 333,
    "•": 350,
    "→": 1000,
    "€": 556,
    "\u00a0": 278,
}
#: what the horn of ơ/ư adds (the widest of regular and bold)
_HORN = {SERIF: 75, SANS: 135}


def _family(font: str) -> str:
    return SANS if font.lower() in {SANS, "arial", "liberation sans", "helvetica"} else SERIF


@lru_cache(maxsize=8192)
def _char(ch: str, family: str, bold: bool) -> int:
    table = _WIDTHS[(family, bold)].split()
    if " " <= ch <= "~":
        return int(table[ord(ch) - 32])
    if ch in _OTHER:
        return _OTHER[ch]
    parts = unicodedata.normalize("NFD", ch)
    base = parts[0]
    if len(parts) > 1 and " " <= base <= "~":
        # an accented i is as wide as the accent needs (Arial's í is wider than its i)
        width = max(int(table[ord(base) - 32]), 278)
        return width + (_HORN[family] if "\u031b" in parts else 0)
    return 1000


def text_width_pt(text: str, size: float, font: str = SERIF, bold: bool = False) -> float:
    """Printed width of ``text`` (one line) in points at ``size`` pt."""
    family = _family(font)
    return sum(_char(ch, family, bold) for ch in unicodedata.normalize("NFC", text)) * size / 1000.0


def _cut(word: str, room: float, size: float, family: str, bold: bool) -> list[str]:
    """A word wider than a line, cut into pieces that each fit ``room`` points."""
    pieces, cur, used = [], "", 0.0
    for ch in word:
        w = _char(ch, family, bold) * size / 1000.0
        if cur and used + w > room:
            pieces.append(cur)
            cur, used = "", 0.0
        cur, used = cur + ch, used + w
    return pieces + [cur]


def wrapped_lines(text: str, room: float, size: float, font: str = SERIF, bold: bool = False) -> int:
    """Lines ``text`` takes when wrapped greedily at spaces into lines ``room`` points wide."""
    family = _family(font)
    space = _char(" ", family, bold) * size / 1000.0
    lines = 0
    for para in unicodedata.normalize("NFC", text).split("\n"):
        n, used = 1, 0.0
        for word in para.split(" "):
            w = text_width_pt(word, size, font, bold)
            if w > room:
                pieces = _cut(word, room, size, family, bold)
                n += (len(pieces) - 1) + (1 if used else 0)
                used = text_width_pt(pieces[-1], size, font, bold)
            elif used and used + space + w > room:
                n, used = n + 1, w
            else:
                used = used + space + w if used else w
        lines += n
    return lines
