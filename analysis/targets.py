"""Targets as data: ``data/raw/studies/<study>/targets.csv``, one row per sub-target.

Each row states the kind of target (``range``, ``about``, ``above``, ``at_least``,
``at_most``, ``below``, ``qualitative``), its bounds and unit, the measure
(period-average growth, final-year share or value, cumulative sum, ratio), base
and target years, the
tolerance used for "khoảng" (about), the margin above a one-sided bound within
which a result is reported "đạt" rather than "vượt", the definition choices, the
line of the resolution it comes from and which table or report would settle it.

Review vocabulary (Vietnamese provincial reviews):

* ``vượt``  — exceeded: above the upper bound (+ tolerance) of a range, or above
  a one-sided bound by more than ``exceed_margin``;
* ``đạt``   — met: within the range (± tolerance), or at/above a one-sided bound
  within the margin;
* ``không đạt`` — not met;
* ``chưa có số liệu`` — no data; ``định tính`` — qualitative, not assessed by number.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Location, ManifestError
from .paths import raw_dir
from .vnformat import UNIT_VI, fmt_bound_vi, fmt_vn
from .vocabulary import Verdict

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import numpy as np

_X, _M, _N = Verdict.EXCEEDED.value, Verdict.MET.value, Verdict.NOT_MET.value
_B = Verdict.BASICALLY_MET.value

__all__ = ["Target", "load_targets", "VERDICTS", "KINDS", "MEASURES"]

KINDS = {"range", "about", "above", "at_least", "at_most", "below", "qualitative"}
MEASURES = {"period_avg_growth", "final_year_share", "final_year_value", "cumulative_sum", "ratio", "qualitative"}
#: measures judged on the value of the target year (a share, a rate or a level)
FINAL_YEAR_MEASURES = {"final_year_share", "final_year_value"}
VERDICTS = [v.value for v in Verdict]      # codes; labels in analysis.vocabulary
COLUMNS = ["id", "order", "outline_item", "outline_vi", "indicator", "level_indicator", "annual_indicator",
           "wording_vi", "wording_en", "kind", "lower", "upper", "unit", "measure", "base_year", "target_year",
           "about_tolerance", "exceed_margin", "definition", "resolution_line", "data_needed", "data_from"]
#: optional columns (added after the first release; a targets file without them still loads)
OPTIONAL_COLUMNS = {"theme": "", "translated": "", "numerator": "", "denominator": "", "source_url": "",
                    "published": "", "document": "", "text_vi": "", "reading": ""}
THEMES = ("growth", "structure", "labour", "investment", "environment", "society", "qualitative", "other")


@dataclass(frozen=True)
class Target:
    """One numeric (or qualitative) sub-target of the resolution."""

    id: str
    order: int
    outline_item: int
    outline_vi: str
    indicator: str
    level_indicator: str
    annual_indicator: str
    wording_vi: str
    wording_en: str
    kind: str
    lower: float
    upper: float
    unit: str
    measure: str
    base_year: int
    target_year: int
    about_tolerance: float
    exceed_margin: float
    definition: str
    resolution_line: str
    data_needed: str
    data_from: str
    theme: str = ""
    translated: bool = False
    numerator: str = ""
    denominator: str = ""
    source_url: str = ""
    published: str = ""
    document: str = ""
    display_vi: str = ""      #: the target as the resolution writes it, when text_vi() would paraphrase it
    reading: str = ""         #: how the suite reads a target that can be read two ways
    #: (field, value in the targets file) for each field a what-if (:meth:`with_`) changed; not compared
    file_values: tuple[tuple[str, Any], ...] = field(default=(), compare=False, repr=False)

    def with_(self, **changes: Any) -> Target:
        """A what-if copy with some fields changed; the copy remembers the targets file's values.

        Examples
        --------
        ``t.with_(about_tolerance=1.0)`` judges "khoảng" with ±1 point instead of the file's
        tolerance; ``t.with_(denominator="grdp")`` uses another formula for a derived share
        (see :func:`analysis.explore.what_if`). :meth:`changed_from_file` and
        :meth:`assumptions_vi` name what differs, and
        :meth:`analysis.assessment.Assessment.statement_vi` states it.

        Raises
        ------
        TypeError
            For a name that is not a field of Target (with close matches).
        ValueError
            For an unknown kind or measure, or a negative tolerance or margin.
        """
        return _with(self, changes)

    def changed_from_file(self) -> dict[str, tuple[Any, Any]]:
        """``{field: (value in the targets file, value now)}`` for every what-if change (empty for a file target)."""
        return {k: (v, getattr(self, k)) for k, v in self.file_values}

    def assumptions_vi(self) -> list[str]:
        """Each what-if change in Vietnamese, e.g. ``"dung sai 'khoảng' ±1 điểm % thay vì ±0,5 điểm %"``."""
        return [_assumption_vi(self, k, old, new) for k, (old, new) in self.changed_from_file().items()]

    def _repr_html_(self) -> str:
        from .display import target_html

        return target_html(self)

    @property
    def numeric(self) -> bool:
        return self.kind != "qualitative"

    @property
    def period(self) -> str:
        """The assessed period: ``2021-2025`` for averages and sums, ``2025`` for final-year values."""
        if self.measure in {"period_avg_growth", "cumulative_sum", "ratio"}:
            # averages start the year after the base year; sums and ratios cover base_year..target_year
            return f"{self.base_year + 1 if self.measure == 'period_avg_growth' else self.base_year}-{self.target_year}"
        return str(self.target_year)

    def verdict(self, value: float) -> str:
        """The verdict code (``exceeded`` / ``met`` / ``not_met`` …, see :class:`analysis.vocabulary.Verdict`)
        for a value in the target's unit.

        Examples
        --------
        A range 8–9 %/yr: 8.5 → met (đạt), 11.4 → exceeded (vượt), 7.9 → not_met (không đạt).
        """
        if not self.numeric:
            return Verdict.QUALITATIVE.value
        if value is None or math.isnan(value):
            return Verdict.NO_DATA.value
        tol = self.about_tolerance if self.kind == "about" else 0.0
        lo, hi, m = self.lower, self.upper, self.exceed_margin
        value = round(float(value), 9)           # arithmetic noise: 6.499999999999995 is 6.5
        at_bound = _one_decimal(value) == _one_decimal(self.goal)   # a bound reached as printed (one decimal)
        if self.kind in {"range", "about"}:
            if value > hi + tol:
                return _X
            if lo <= value <= hi:
                return _M
            return _B if lo - tol <= value <= hi + tol else _N
        if self.kind in {"at_least", "above"}:
            if value < lo or (self.kind == "above" and value == lo):
                return _B if at_bound else _N
            return _X if value > lo + m else _M
        if self.kind in {"at_most", "below"}:
            if value > hi or (self.kind == "below" and value == hi):
                return _B if at_bound else _N
            return _X if value < hi - m else _M
        raise ValueError(f"unknown target kind {self.kind!r}")

    def verdicts(self, values: np.ndarray) -> np.ndarray:
        """Vectorised :meth:`verdict` for an array of values (same rules, same strings)."""
        import numpy as np

        v = np.round(np.asarray(values, dtype=float), 9)       # same noise rounding as verdict()
        if not self.numeric:
            return np.full(v.shape, Verdict.QUALITATIVE.value, dtype=object)
        tol = self.about_tolerance if self.kind == "about" else 0.0
        lo, hi, m = self.lower, self.upper, self.exceed_margin
        with np.errstate(invalid="ignore"):
            at_bound = np.zeros(v.shape, dtype=bool)
            near = np.abs(v - self.goal) < 0.1                     # only these can print as the bound
            at_bound[near] = [_one_decimal(x) == _one_decimal(self.goal) for x in v[near]]
            if self.kind in {"range", "about"}:
                conds = [v > hi + tol, (v >= lo) & (v <= hi), (v >= lo - tol) & (v <= hi + tol), v < lo - tol]
            elif self.kind in {"at_least", "above"}:
                short = (v < lo) | ((v == lo) if self.kind == "above" else False)
                conds = [~short & (v > lo + m), ~short & (v <= lo + m), short & at_bound, short & ~at_bound]
            else:  # at_most, below
                short = (v > hi) | ((v == hi) if self.kind == "below" else False)
                conds = [~short & (v < hi - m), ~short & (v >= hi - m), short & at_bound, short & ~at_bound]
        return np.select(conds, [_X, _M, _B, _N], default=Verdict.NO_DATA.value).astype(object)

    @property
    def goal(self) -> float:
        """The level a trajectory aims at: the lower bound (upper for ``at_most``)."""
        return self.upper if self.kind in {"at_most", "below"} else self.lower

    def text_vi(self) -> str:
        """The target in review wording, e.g. ``8–9%/năm``, ``khoảng 36–37%``, ``trên 30%``."""
        if not self.numeric:
            return Verdict.QUALITATIVE.vi
        if self.display_vi:
            return self.display_vi
        u = UNIT_VI.get(self.unit, self.unit)
        if self.unit == "mn_USD" and self.lower >= 1000:
            u = " tỷ USD"
        if self.kind in {"at_most", "below"}:
            lo, hi = fmt_bound_vi(self.upper, self.unit), ""
        else:
            lo = fmt_bound_vi(self.lower, self.unit)
            hi = fmt_bound_vi(self.upper, self.unit) if not math.isnan(self.upper) else ""
        span = lo if not hi or hi == lo else f"{lo}–{hi}"
        prefix = {"range": "", "about": "khoảng ", "above": "trên ", "at_least": "tối thiểu ",
                  "at_most": "tối đa ", "below": "dưới "}[self.kind]
        return f"{prefix}{span}{u}"


#: how each kind of target is written (for what-if statements)
KIND_VI = {"range": "trong khoảng", "about": "khoảng", "above": "trên", "at_least": "tối thiểu", "at_most": "tối đa",
           "below": "dưới", "qualitative": "định tính"}
_FIELD_VI = {"lower": "cận dưới", "upper": "cận trên", "kind": "loại mục tiêu", "unit": "đơn vị",
             "measure": "cách đo", "base_year": "năm gốc", "target_year": "năm mục tiêu", "numerator": "tử số",
             "denominator": "mẫu số", "indicator": "chỉ số", "level_indicator": "chuỗi số tuyệt đối",
             "annual_indicator": "chuỗi tốc độ tăng hằng năm"}
_FLOAT_FIELDS = ("lower", "upper", "about_tolerance", "exceed_margin")
_INT_FIELDS = ("order", "outline_item", "base_year", "target_year")


def _one_decimal(x: float) -> str:
    """The value as reports print it with one decimal (the rounding of ``fmt_vn``)."""
    return f"{x:.1f}"


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b


def _with(t: Target, changes: dict[str, Any]) -> Target:
    from .names import suggest

    names = [f.name for f in fields(t) if f.name != "file_values"]
    for k in changes:
        if k not in names:
            close = suggest(k, names)
            raise TypeError(f"Target has no field {k!r}" + (f"; did you mean {', '.join(close)}?" if close else ""))
    changes = {k: (float(v) if k in _FLOAT_FIELDS and v is not None else int(v) if k in _INT_FIELDS else v)
               for k, v in changes.items()}
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


def _amount_vi(x: float, unit: str, points: bool = False) -> str:
    if points and unit in {"percent", "percent_per_year"}:
        return f"{_num_vi(x)} điểm %" + ("/năm" if unit == "percent_per_year" else "")
    if unit == "mn_USD" and abs(x) >= 1000:
        return f"{_num_vi(x / 1000)} tỷ USD"
    return f"{_num_vi(x)}{UNIT_VI.get(unit, ' ' + unit if unit else '')}"


def _assumption_vi(t: Target, name: str, old: Any, new: Any) -> str:
    """One what-if change in review wording."""
    if name == "about_tolerance":
        return (f"dung sai 'khoảng' ±{_amount_vi(new, t.unit, points=True)} "
                f"thay vì ±{_amount_vi(old, t.unit, points=True)}")
    if name == "exceed_margin":
        return (f"ngưỡng 'vượt' {_amount_vi(new, t.unit, points=True)} "
                f"thay vì {_amount_vi(old, t.unit, points=True)}")
    if name in {"lower", "upper"}:
        return f"{_FIELD_VI[name]} {_amount_vi(new, t.unit)} thay vì {_amount_vi(old, t.unit)}"
    if name == "kind":
        return f"loại mục tiêu '{KIND_VI.get(new, new)}' thay vì '{KIND_VI.get(old, old)}'"
    if name in {"numerator", "denominator"}:
        return (f"{_FIELD_VI[name]} {new or 'theo danh mục chỉ tiêu'} "
                f"thay vì {old or 'theo danh mục chỉ tiêu'}")
    return f"{_FIELD_VI.get(name, name)} {new} thay vì {old}"


def _float(text: str, loc: Location, name: str) -> float:
    if text == "":
        return math.nan
    try:
        return float(text)
    except ValueError:
        raise ManifestError(loc, f"{name} '{text}' is not a number", "a number with '.' as decimal mark") from None


def _zero_if_nan(x: float) -> float:
    return 0.0 if math.isnan(x) else x


def _default_theme(measure: str, kind: str) -> str:
    if kind == "qualitative":
        return "qualitative"
    return {"period_avg_growth": "growth", "cumulative_sum": "investment"}.get(measure, "structure")


def _bounds_problem(kind: str, lower: float, upper: float) -> tuple[str, str] | None:
    """(problem, expected) when the bounds do not fit the kind of target, else None."""
    def nan(x: Any) -> bool:
        return x is None or (isinstance(x, float) and math.isnan(x))

    if kind in {"range", "about"} and (nan(lower) or nan(upper) or lower > upper):
        return f"bounds {lower!r}–{upper!r}", "lower ≤ upper for a range"
    if kind in {"above", "at_least"} and nan(lower):
        return "no lower bound", "a lower bound for 'above'/'at_least'"
    if kind in {"at_most", "below"} and nan(upper):
        return "no upper bound", "an upper bound for 'at_most'/'below'"
    return None


def _check_bounds(kind: str, lower: float, upper: float, what: str) -> None:
    problem = _bounds_problem(kind, lower, upper)
    if problem:
        raise ValueError(f"{what}: {problem[0]}; expected {problem[1]}")


def _known_unit(unit: str) -> bool:
    from .units import SCALES, _split

    return _split(unit)[0] in SCALES


def _check_row(r: dict[str, str], loc: Location, vocab: dict[str, Any]) -> tuple[float, float]:
    """Validate one targets row (kind, measure, keys, bounds, whole numbers); return (lower, upper)."""
    if r["kind"] not in KINDS:
        raise ManifestError(loc, f"kind '{r['kind']}'", f"one of {sorted(KINDS)}")
    if r["measure"] not in MEASURES:
        raise ManifestError(loc, f"measure '{r['measure']}'", f"one of {sorted(MEASURES)}")
    for key in ("indicator", "level_indicator", "annual_indicator"):
        if r[key] and r[key] not in vocab:
            raise ManifestError(loc, f"{key} '{r[key]}' is not in data/raw/indicators.csv",
                                "a key of the indicator vocabulary")
    lower, upper = _float(r["lower"], loc, "lower"), _float(r["upper"], loc, "upper")
    problem = _bounds_problem(r["kind"], lower, upper)
    if problem:
        raise ManifestError(loc, problem[0], problem[1])
    if r["kind"] != "qualitative" and not _known_unit(r["unit"]):
        raise ManifestError(loc, f"unit '{r['unit']}' is not known",
                            "a unit code such as percent, percent_per_year, bn_VND, mn_USD, USD_per_person")
    for col in ("base_year", "target_year", "order", "outline_item"):
        if not re.fullmatch(r"\d+", r[col]):
            raise ManifestError(loc, f"{col} '{r[col]}' is not a whole number", "e.g. 2025")
    return lower, upper


def _target_from_row(r: dict[str, str], loc: Location, vocab: dict[str, Any]) -> Target:
    lower, upper = _check_row(r, loc, vocab)
    for col, default in OPTIONAL_COLUMNS.items():
        r.setdefault(col, default)
    theme = r["theme"] or _default_theme(r["measure"], r["kind"])
    if theme not in THEMES:
        raise ManifestError(loc, f"theme '{r['theme']}'", f"one of {list(THEMES)} or empty")
    return Target(
        id=r["id"], order=int(r["order"]), outline_item=int(r["outline_item"]), outline_vi=r["outline_vi"],
        indicator=r["indicator"], level_indicator=r["level_indicator"],
        annual_indicator=r["annual_indicator"], wording_vi=r["wording_vi"], wording_en=r["wording_en"],
        kind=r["kind"], lower=lower, upper=upper, unit=r["unit"], measure=r["measure"],
        base_year=int(r["base_year"]), target_year=int(r["target_year"]),
        about_tolerance=_zero_if_nan(_float(r["about_tolerance"], loc, "about_tolerance")),
        exceed_margin=_zero_if_nan(_float(r["exceed_margin"], loc, "exceed_margin")),
        definition=r["definition"], resolution_line=r["resolution_line"], data_needed=r["data_needed"],
        data_from=r["data_from"], theme=theme, translated=r["translated"].lower() in {"yes", "true", "1"},
        numerator=r["numerator"], denominator=r["denominator"], source_url=r["source_url"],
        published=r["published"], document=r["document"], display_vi=r["text_vi"], reading=r["reading"])


def load_targets(root: str | Path | None = None, path: str | Path | None = None) -> list[Target]:
    """Read and validate a targets file, sorted by ``order``.

    Parameters
    ----------
    root : path, optional
        Project root (for the indicator vocabulary).
    path : path, optional
        The targets file; default: the default study's (see :func:`analysis.load_study`).

    Raises
    ------
    ManifestError
        Naming the row for an unknown kind or measure, missing bounds, an unknown
        indicator key, or a non-numeric bound.
    """
    import csv

    from .store import load_vocabulary

    if path is None:
        from .study import load_study

        return list(load_study(None, root).targets)
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
        raise ManifestError(Location(shown), f"not UTF-8 ({exc.reason} at byte {exc.start})",
                            "a targets file saved as CSV UTF-8") from None
    with open(p, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ManifestError(Location(shown, row=1), f"missing column(s) {missing}", f"columns {COLUMNS}")
        out = [_target_from_row({k: (v or "").strip() for k, v in rec.items()}, Location(shown, row=reader.line_num),
                                vocab) for rec in reader]
    ids = [t.id for t in out]
    if len(set(ids)) != len(ids):
        raise ManifestError(Location(shown), "duplicate target ids", "unique ids")
    return sorted(out, key=lambda t: t.order)
