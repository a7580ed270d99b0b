"""Names typed by people: Unicode normalisation and "did you mean" suggestions.

Vietnamese keyboards may type decomposed accents (``e`` + combining circumflex +
combining acute) where files hold precomposed letters (``ế``): every name an
analyst types (study, target, indicator, province) is compared after NFC
normalisation (Unicode Standard Annex #15). Unknown names raise
:class:`~analysis.core.errors.UnknownNameError` with the closest known names from
:func:`difflib.get_close_matches`.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

from .errors import UnknownNameError

__all__ = ["nfc", "check_name", "suggest"]


def nfc(text: str) -> str:
    """``text`` in Unicode normal form C, surrounding white space removed."""
    return unicodedata.normalize("NFC", str(text)).strip()


def _fold(text: str) -> str:
    return " ".join(nfc(text).casefold().split())


def suggest(name: str, known: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` known names closest to ``name`` (case- and normalisation-insensitive)."""
    known = [k for k in known if isinstance(k, str)]
    by_fold: dict[str, str] = {}
    for k in known:
        by_fold.setdefault(_fold(k), k)
    hits = difflib.get_close_matches(_fold(name), list(by_fold), n=n, cutoff=0.6)
    return [by_fold[h] for h in hits]


def check_name(name: object, known: Iterable[str], what: str, where: str = "") -> str:
    """Return the known spelling of ``name`` or raise :class:`UnknownNameError`.

    A name that differs from a known one only by Unicode normalisation or case is
    accepted and returned in the known spelling.

    Raises
    ------
    TypeError
        When ``name`` is not a string (e.g. a period given as ``2025`` rather than ``"2025"``).
    UnknownNameError
        When no known name matches; the message suggests close matches.
    """
    if not isinstance(name, str):
        raise TypeError(
            f"{what} must be a string, got {type(name).__name__} {name!r}"
            + (f" — write {str(name)!r}" if isinstance(name, int) else "")
        )
    known = list(known)
    target = _fold(name)
    for k in known:
        if isinstance(k, str) and _fold(k) == target:
            return k
    raise UnknownNameError(what, name, suggest(name, known), where)
