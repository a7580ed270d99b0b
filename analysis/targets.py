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
from dataclasses import dataclass
from pathlib import Path

from .errors import Location, ManifestError
from .paths import raw_dir
from .vnformat import UNIT_VI, fmt_bound_vi
from .vocabulary import Verdict

_X, _M, _N = Verdict.EXCEEDED.value, Verdict.MET.value, Verdict.NOT_MET.value

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
                    "published": "", "document": ""}
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
        lo, hi = self.lower, self.upper
        if self.kind in {"range", "about"}:
            if value > hi + tol:
                return _X
            return _M if value >= lo - tol else _N
        if self.kind == "at_least":
            if value < lo:
                return _N
            return _X if value > lo + self.exceed_margin else _M
        if self.kind == "above":
            if value <= lo:
                return _N
            return _X if value > lo + self.exceed_margin else _M
        if self.kind == "at_most":
            if value > hi:
                return _N
            return _X if value < hi - self.exceed_margin else _M
        if self.kind == "below":
            if value >= hi:
                return _N
            return _X if value < hi - self.exceed_margin else _M
        raise ValueError(f"unknown target kind {self.kind!r}")

    def verdicts(self, values: "np.ndarray") -> "np.ndarray":  # noqa: F821
        """Vectorised :meth:`verdict` for an array of values (same rules, same strings)."""
        import numpy as np

        v = np.asarray(values, dtype=float)
        if not self.numeric:
            return np.full(v.shape, Verdict.QUALITATIVE.value, dtype=object)
        tol = self.about_tolerance if self.kind == "about" else 0.0
        lo, hi, m = self.lower, self.upper, self.exceed_margin
        if self.kind in {"range", "about"}:
            conds = [v > hi + tol, v >= lo - tol, v < lo - tol]
        elif self.kind == "at_least":
            conds = [v > lo + m, v >= lo, v < lo]
        elif self.kind == "above":
            conds = [v > lo + m, v > lo, v <= lo]
        elif self.kind == "at_most":
            conds = [v < hi - m, v <= hi, v > hi]
        else:  # below
            conds = [v < hi - m, v < hi, v >= hi]
        return np.select(conds, [_X, _M, _N], default=Verdict.NO_DATA.value).astype(object)

    @property
    def goal(self) -> float:
        """The level a trajectory aims at: the lower bound (upper for ``at_most``)."""
        return self.upper if self.kind in {"at_most", "below"} else self.lower

    def text_vi(self) -> str:
        """The target in review wording, e.g. ``8–9%/năm``, ``khoảng 36–37%``, ``trên 30%``."""
        if not self.numeric:
            return Verdict.QUALITATIVE.vi
        u = UNIT_VI.get(self.unit, self.unit)
        if self.unit == "mn_USD" and self.lower >= 1000:
            u = " tỷ USD"
        lo = fmt_bound_vi(self.lower, self.unit)
        hi = fmt_bound_vi(self.upper, self.unit) if not math.isnan(self.upper) else ""
        span = lo if not hi or hi == lo else f"{lo}–{hi}"
        prefix = {"range": "", "about": "khoảng ", "above": "trên ", "at_least": "tối thiểu ",
                  "at_most": "tối đa ", "below": "dưới "}[self.kind]
        return f"{prefix}{span}{u}"


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
    with open(p, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ManifestError(Location(shown, row=1), f"missing column(s) {missing}", f"columns {COLUMNS}")
        out = []
        for rec in reader:
            loc = Location(shown, row=reader.line_num)
            r = {k: (v or "").strip() for k, v in rec.items()}
            if r["kind"] not in KINDS:
                raise ManifestError(loc, f"kind '{r['kind']}'", f"one of {sorted(KINDS)}")
            if r["measure"] not in MEASURES:
                raise ManifestError(loc, f"measure '{r['measure']}'", f"one of {sorted(MEASURES)}")
            for key in ("indicator", "level_indicator", "annual_indicator"):
                if r[key] and r[key] not in vocab:
                    raise ManifestError(loc, f"{key} '{r[key]}' is not in data/raw/indicators.csv",
                                        "a key of the indicator vocabulary")
            lower, upper = _float(r["lower"], loc, "lower"), _float(r["upper"], loc, "upper")
            if r["kind"] in {"range", "about"} and (math.isnan(lower) or math.isnan(upper) or lower > upper):
                raise ManifestError(loc, f"bounds {r['lower']!r}–{r['upper']!r}", "lower ≤ upper for a range")
            if r["kind"] in {"above", "at_least"} and math.isnan(lower):
                raise ManifestError(loc, "no lower bound", "a lower bound for 'above'/'at_least'")
            if r["kind"] in {"at_most", "below"} and math.isnan(upper):
                raise ManifestError(loc, "no upper bound", "an upper bound for 'at_most'/'below'")
            for col, default in OPTIONAL_COLUMNS.items():
                r.setdefault(col, default)
            theme = r["theme"] or _default_theme(r["measure"], r["kind"])
            if theme not in THEMES:
                raise ManifestError(loc, f"theme '{r['theme']}'", f"one of {list(THEMES)} or empty")
            for col in ("base_year", "target_year", "order", "outline_item"):
                if not re.fullmatch(r"\d+", r[col]):
                    raise ManifestError(loc, f"{col} '{r[col]}' is not a whole number", "e.g. 2025")
            out.append(Target(
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
                published=r["published"], document=r["document"]))
    ids = [t.id for t in out]
    if len(set(ids)) != len(ids):
        raise ManifestError(Location(shown), "duplicate target ids", "unique ids")
    return sorted(out, key=lambda t: t.order)
