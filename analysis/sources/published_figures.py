"""Published figures as observations: the rows of a published-figures file named in the manifest.

The file's schema is described in ``published_figures.md``: one figure per row with its
indicator key, period, value, unit, price basis, boundary, status and provenance
(publisher, date, address, verbatim excerpt). A figure read in a translation of the
Vietnamese original is marked ``translated``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from analysis.core.errors import Location, ManifestError
from analysis.core.input_schema import SHARE_DEFINITIONS
from analysis.core.names import nfc

from .manifest import read_csv_rows
from .store_schema import BOUNDARIES, PERIOD_FORMS, PRICE_BASES, STATUS_ORDER
from .territories import Territories
from .yearbook.grid import col_letter

__all__ = ["PUBLISHED_COLUMNS", "read_published_figures", "is_translation"]

PUBLISHED_COLUMNS = [
    "figure_id",
    "indicator",
    "period",
    "value",
    "unit",
    "price_basis",
    "boundary",
    "status",
    "published",
    "publisher",
    "source_url",
    "excerpt",
    "note",
]
#: a published figure read in a translation of the Vietnamese original (never cited in an official report)
_TRANSLATION = re.compile(r"\btranslat|\(english\)|\[en\]", re.IGNORECASE)
_TRANSLATED_URL = re.compile(r"vietnam\.vn/(?:fr|de|en|ru|es|it|ja|ko|zh|th|cs|nl|id|pt)/", re.IGNORECASE)


def is_translation(note: str, publisher: str, url: str) -> bool:
    """True when the source is a translation (the vetted notes say so, or the page is a language edition)."""
    return bool(_TRANSLATION.search(note) or _TRANSLATION.search(publisher) or _TRANSLATED_URL.search(url))


#: the qualifier words ``published_figures.md`` puts in ``note`` ("more than" (hơn, trên), "nearly" (gần),
#: "about" (khoảng, ~)), quoted as the source prints them, in any of the languages of the sources
_QUALIFIER_WORDS = (
    ("lower_bound", re.compile(r"lower bound|'(?:more than|hơn|trên|over|topped|über|plus de|mais de)\b")),
    ("upper_bound", re.compile(r"upper bound|'(?:less than|under|dưới|chưa đến)\b")),
    (
        "approximate",
        re.compile(
            r"approximate|'(?:nearly|gần|around|about|khoảng|~|almost|bijna|environ|rund|"
            r"sekitar|khoảng chừng)\b|'~"
        ),
    ),
    ("expected", re.compile(r"expected|projected|'dự kiến'")),
)


def _qualifier(note: str) -> str:
    """The qualifier of a printed figure from its vetted note: the first kind of wording found.

    >>> _qualifier("'more than' (hơn); political report"), _qualifier("'gần' (nearly)"), _qualifier("new key")
    ('lower_bound', 'approximate', 'exact')
    """
    n = note.lower()
    for code, rx in _QUALIFIER_WORDS:
        if rx.search(n):
            return code
    return "exact"


def _year_of(period: str) -> int | None:
    return int(period) if re.fullmatch(r"\d{4}", period) else None


def _province_of(
    r: dict[str, str], line: int, shown: str, default: str, territories: Territories, known: Sequence[str]
) -> tuple[str, str]:
    """The figure's province (its ``province`` cell, else the manifest line's) in its known spelling, and a
    note when the file spells it otherwise (an alias such as "Thừa Thiên Huế" for "Huế")."""
    typed = nfc(r.get("province", ""))
    if not typed:
        if not default:
            raise ManifestError(
                Location(shown, row=line),
                "column 'province' is empty and the manifest line names no province",
                "the figure's province in column 'province' (or in manifest.csv)",
            )
        return nfc(default), ""
    column = f"'province' (cell {col_letter(list(r).index('province'))}{line})"
    if not (territories or known):
        return typed, ""
    name = territories.check(
        typed, r["boundary"], Location(shown, row=line), column, also=[*known, nfc(default)] if default else list(known)
    )
    return name, (f"province written '{typed}' in the source" if name.casefold() != typed.casefold() else "")


def read_published_figures(
    path: Path,
    shown: str,
    vocabulary: dict[str, dict[str, str]],
    manifest_id: str,
    province: str,
    territories: Territories | None = None,
    known: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """Rows of a published-figures file (schema of ``published_figures.md``) as observations.

    Parameters
    ----------
    path, shown : Path, str
        The file, and its path as messages show it.
    vocabulary : dict
        The indicator vocabulary.
    manifest_id, province : str
        The manifest line's id and province; the province is the default of rows whose ``province``
        cell is empty or of a file without that column (one file may hold many provinces).
    territories : Territories, optional
        The territory vocabulary: a ``province`` cell must be an old name (boundary ``pre2025``), a new
        name (``merged2025``) or either (``unknown``), or one of ``known``.
    known : sequence of str
        Other provinces admitted as written (the manifest's).

    Raises
    ------
    ManifestError
        Naming the file, row and column; an unknown province with the closest old and new names.
    """
    territories = territories if territories is not None else Territories()
    out = []
    for line, r in read_csv_rows(path, shown, PUBLISHED_COLUMNS):
        loc = Location(shown, row=line)
        if r["indicator"] not in vocabulary:
            raise ManifestError(loc, f"unknown indicator key '{r['indicator']}'", "a key in data/raw/indicators.csv")
        try:
            value = float(r["value"])
        except ValueError:
            raise ManifestError(
                Location(shown, cell=f"{col_letter(list(r).index('value'))}{line}"),
                f"value '{r['value']}' is not a number",
                "a number with '.' as decimal mark",
            ) from None
        if not any(re.fullmatch(rx, r["period"]) for rx in PERIOD_FORMS.values()):
            raise ManifestError(
                Location(shown, cell=f"{col_letter(list(r).index('period'))}{line}"),
                f"period '{r['period']}' not understood",
                "a period form such as 2025, 2021-2025, 2025-H1, 2025-9M, 2025-01..08 or 2026-01",
            )
        if r["status"] not in STATUS_ORDER:
            raise ManifestError(loc, f"status '{r['status']}'", f"one of {list(STATUS_ORDER)}")
        if r["boundary"] not in BOUNDARIES:
            raise ManifestError(loc, f"boundary '{r['boundary']}'", f"one of {sorted(BOUNDARIES)}")
        if r["price_basis"] not in PRICE_BASES:
            raise ManifestError(loc, f"price_basis '{r['price_basis']}'", f"one of {sorted(PRICE_BASES)}")
        definition = r.get("definition", "")  # optional column
        if definition and definition not in SHARE_DEFINITIONS:
            raise ManifestError(loc, f"definition '{definition}'", f"one of {list(SHARE_DEFINITIONS)} or empty")
        prov, prov_note = _province_of(r, line, shown, province, territories, known)
        out.append(
            {
                "obs_id": r["figure_id"],
                "province": prov,
                "indicator": r["indicator"],
                "period": r["period"],
                "year": _year_of(r["period"]),
                "value": value,
                "unit": r["unit"],
                "price_basis": r["price_basis"],
                "boundary": r["boundary"],
                "status": r["status"],
                "qualifier": _qualifier(r["note"]),
                "vintage": r["published"],
                "published": r["published"],
                "source_kind": "published",
                "source_url": r["source_url"],
                "source_ref": f"{r['publisher']}; figure {r['figure_id']}",
                "raw_file": f"data/raw/{Path(shown).name}" if not shown.startswith("data/raw/") else shown,
                "raw_line": line,
                "cell": "",
                "series_label": "",
                "block": "",
                "value_as_printed": r["value"],
                "unit_as_printed": r["unit"],
                "transform": "",
                "inputs": "",
                "of_which": False,
                "translated": is_translation(r["note"], r["publisher"], r["source_url"]),
                "note": "; ".join(n for n in (r["note"], prov_note) if n),
                "definition": "" if definition == "incl_taxes" else definition,
                "_manifest": manifest_id,
            }
        )
    return out
