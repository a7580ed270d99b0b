"""The schema of ``targets.csv`` (:mod:`analysis.studies.targets`): columns, kinds, measures, themes and bounds.

Which kinds of target and measures there are, the verdict codes, the columns a
targets file must (and may) have, the themes, and the bounds each kind of target
needs (a range both, ``above``/``at_least`` a lower bound, ``at_most``/``below`` an
upper bound).
"""

from __future__ import annotations

import math
from typing import Any

from analysis.core.input_schema import TARGETS_CSV
from analysis.core.vocabulary import Verdict

__all__ = [
    "KINDS",
    "MEASURES",
    "FINAL_YEAR_MEASURES",
    "VERDICTS",
    "COLUMNS",
    "OPTIONAL_COLUMNS",
    "THEMES",
    "_bounds_problem",
    "_check_bounds",
]

# columns, codes and defaults are described once, in analysis.core.input_schema (rendered into data/raw/README.md)
KINDS = set(TARGETS_CSV.allowed("kind"))
MEASURES = set(TARGETS_CSV.allowed("measure"))
#: measures judged on the value of the target year (a share, a rate or a level)
FINAL_YEAR_MEASURES = {"final_year_share", "final_year_value"}
VERDICTS = [v.value for v in Verdict]  # codes; labels in analysis.core.vocabulary
COLUMNS = TARGETS_CSV.required()
#: optional columns (added after the first release; a targets file without them still loads)
OPTIONAL_COLUMNS = TARGETS_CSV.optional_defaults()
THEMES = TARGETS_CSV.allowed("theme")


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
