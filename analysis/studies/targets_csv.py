"""Reading and validating a targets file (``data/raw/studies/<study>/targets.csv``).

:func:`load_targets` reads the file (UTF-8 CSV, the columns of
:data:`analysis.studies.target_schema.COLUMNS`, optional ones defaulted), checks every row
(kind, measure, indicator keys against the vocabulary, bounds, unit, whole-number years
and orders, theme) and returns the :class:`~analysis.studies.targets.Target` objects sorted by
``order``. Every problem is a :class:`~analysis.core.errors.ManifestError` naming the row.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from analysis.core.errors import Location, ManifestError
from analysis.core.paths import raw_dir
from analysis.core.units import SCALES, split_unit
from analysis.sources.manifest import load_vocabulary

from .target_schema import COLUMNS, KINDS, MEASURES, OPTIONAL_COLUMNS, THEMES, _bounds_problem
from .targets import Target

__all__ = ["read_targets"]


def _float(text: str, loc: Location, name: str) -> float:
    if text == "":
        return math.nan
    try:
        return float(text)
    except ValueError:
        raise ManifestError(loc, f"column {name}: '{text}' is not a number", "a number with '.' as decimal mark") from None


def _zero_if_nan(x: float) -> float:
    return 0.0 if math.isnan(x) else x


def _default_theme(measure: str, kind: str) -> str:
    if kind == "qualitative":
        return "other"
    return {"period_avg_growth": "growth", "cumulative_sum": "investment"}.get(measure, "structure")


def _known_unit(unit: str) -> bool:

    return split_unit(unit)[0] in SCALES


def _check_row(r: dict[str, str], loc: Location, vocab: dict[str, Any]) -> tuple[float, float]:
    """Validate one targets row (kind, measure, keys, bounds, whole numbers); return (lower, upper)."""
    if r["kind"] not in KINDS:
        raise ManifestError(loc, f"column kind: '{r['kind']}'", f"one of {sorted(KINDS)}")
    if r["measure"] not in MEASURES:
        raise ManifestError(loc, f"column measure: '{r['measure']}'", f"one of {sorted(MEASURES)}")
    for key in ("indicator", "level_indicator", "annual_indicator"):
        if r[key] and r[key] not in vocab:
            raise ManifestError(
                loc, f"column {key}: '{r[key]}' is not in data/raw/indicators.csv", "a key of the indicator vocabulary"
            )
    lower, upper = _float(r["lower"], loc, "lower"), _float(r["upper"], loc, "upper")
    problem = _bounds_problem(r["kind"], lower, upper)
    if problem:
        raise ManifestError(loc, problem[0], problem[1])
    if r["kind"] != "qualitative" and not _known_unit(r["unit"]):
        raise ManifestError(
            loc,
            f"column unit: '{r['unit']}' is not known",
            "a unit code such as percent, percent_per_year, bn_VND, mn_USD, USD_per_person",
        )
    for col in ("base_year", "target_year", "order", "outline_item"):
        if not re.fullmatch(r"\d+", r[col]):
            raise ManifestError(loc, f"column {col}: '{r[col]}' is not a whole number", "e.g. 2025")
    return lower, upper


def _target_from_row(r: dict[str, str], loc: Location, vocab: dict[str, Any]) -> Target:
    lower, upper = _check_row(r, loc, vocab)
    for col, default in OPTIONAL_COLUMNS.items():
        r.setdefault(col, default)
    theme = r["theme"] or _default_theme(r["measure"], r["kind"])
    if theme not in THEMES:
        raise ManifestError(loc, f"column theme: '{r['theme']}'", f"one of {list(THEMES)} or empty")
    return Target(
        id=r["id"],
        order=int(r["order"]),
        outline_item=int(r["outline_item"]),
        outline_vi=r["outline_vi"],
        indicator=r["indicator"],
        level_indicator=r["level_indicator"],
        annual_indicator=r["annual_indicator"],
        wording_vi=r["wording_vi"],
        wording_en=r["wording_en"],
        kind=r["kind"],
        lower=lower,
        upper=upper,
        unit=r["unit"],
        measure=r["measure"],
        base_year=int(r["base_year"]),
        target_year=int(r["target_year"]),
        about_tolerance=_zero_if_nan(_float(r["about_tolerance"], loc, "about_tolerance")),
        exceed_margin=_zero_if_nan(_float(r["exceed_margin"], loc, "exceed_margin")),
        definition=r["definition"],
        resolution_line=r["resolution_line"],
        data_needed=r["data_needed"],
        data_from=r["data_from"],
        theme=theme,
        translated=r["translated"].lower() in {"yes", "true", "1"},
        numerator=r["numerator"],
        denominator=r["denominator"],
        source_url=r["source_url"],
        published=r["published"],
        document=r["document"],
        display_vi=r["text_vi"],
        reading=r["reading"],
        restates=r["restates"],
    )


#: what a restatement must share with the target it restates
_RESTATED_FIELDS = ("indicator", "kind", "lower", "upper", "unit", "measure", "base_year", "target_year")


def _same(a: Any, b: Any) -> bool:
    """Equal, a missing bound (NaN) equal to another missing bound."""
    return a == b or (isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b))


def _check_restatements(targets: list[Target], rows: dict[str, Location]) -> None:
    """A ``restates`` id names another target of the file, itself no restatement, of the same quantity."""
    import difflib

    by_id = {t.id: t for t in targets}
    for t in targets:
        if not t.restates:
            continue
        other = by_id.get(t.restates)
        if other is None or other.id == t.id:
            close = difflib.get_close_matches(t.restates, [i for i in by_id if i != t.id], n=3, cutoff=0.5)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise ManifestError(
                rows[t.id],
                f"restates '{t.restates}', which is no other target of this file{hint}",
                "the id of the target this row writes again",
            )
        if other.restates:
            raise ManifestError(
                rows[t.id],
                f"restates '{other.id}', which itself restates '{other.restates}'",
                f"the id of the first statement ('{other.restates}')",
            )
        differ = [f for f in _RESTATED_FIELDS if not _same(getattr(t, f), getattr(other, f))]
        if differ:
            raise ManifestError(
                rows[t.id],
                f"restates '{other.id}' but differs in {', '.join(differ)}",
                "the same indicator, kind, bounds, unit, measure and years (else it is a target "
                "of its own: leave 'restates' empty)",
            )


def _check_outline(targets: list[Target], rows: dict[str, Location]) -> None:
    """In report order (``order``) the rows of one outline heading are next to each other: a row that comes back
    to a heading already closed would print that heading twice ('a) Kinh tế … c) Kinh tế')."""
    seen: list[int] = []
    for t in sorted(targets, key=lambda t: t.order):
        if seen and t.outline_item == seen[-1]:
            continue
        if t.outline_item in seen:
            after = seen[-1]
            raise ManifestError(
                rows[t.id],
                f"column order: {t.order} puts outline item {t.outline_item} "
                f"('{t.outline_vi}') after outline item {after}, although earlier rows of item "
                f"{t.outline_item} came before it",
                f"an order that keeps the rows of outline item {t.outline_item} together (the "
                "report prints one heading per outline item)",
            )
        seen.append(t.outline_item)


def read_targets(root: str | Path | None, path: str | Path) -> list[Target]:
    """Read and validate a targets file, sorted by ``order``.

    Parameters
    ----------
    root : path, optional
        Project root (for the indicator vocabulary).
    path : path
        The targets file (a study's ``targets.csv``; :func:`analysis.studies.study.load_targets` finds the default study's).

    Raises
    ------
    ManifestError
        Naming the row for an unknown kind or measure, missing bounds, an unknown
        indicator key, or a non-numeric bound.
    """
    import csv

    p = Path(path)
    try:
        shown = str(p.resolve().relative_to(raw_dir(root).resolve().parent.parent))
    except ValueError:
        shown = str(p)
    if not p.exists():
        raise ManifestError(Location(shown), "file not found", "a targets file (see data/raw/studies/*/targets.csv)")
    vocab = load_vocabulary(root)
    try:
        p.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ManifestError(
            Location(shown), f"not UTF-8 ({exc.reason} at byte {exc.start})", "a targets file saved as CSV UTF-8"
        ) from None
    with open(p, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ManifestError(Location(shown, row=1), f"missing column(s) {missing}", f"columns {COLUMNS}")
        out, rows = [], {}
        for rec in reader:
            loc = Location(shown, row=reader.line_num)
            out.append(_target_from_row({k: (v or "").strip() for k, v in rec.items()}, loc, vocab))
            rows[out[-1].id] = loc
    ids = [t.id for t in out]
    if len(set(ids)) != len(ids):
        raise ManifestError(Location(shown), "duplicate target ids", "unique ids")
    _check_restatements(out, rows)
    _check_outline(out, rows)
    return sorted(out, key=lambda t: t.order)
