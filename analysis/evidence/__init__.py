"""Choosing the best evidence, deriving shares, productivity and growth from levels, the indicator
arithmetic (CAGR, shares, shift-share) and the method checks of yearbook tables.
"""

from .checks import check_index, check_structure, total_series
from .derive import DERIVED_PREFIX, derive_for_study, evidence_for_study, parse_formula
from .indicators import (
    Measured,
    annualised_growth,
    cagr,
    growth_contributions,
    growth_from_levels,
    labour_productivity,
    required_growth,
    shares,
    shift_share,
    weakest_status,
)
from .select import Evidence, find_conflicts, select_best, value_interval

__all__ = [
    "DERIVED_PREFIX",
    "Evidence",
    "Measured",
    "annualised_growth",
    "cagr",
    "check_index",
    "check_structure",
    "derive_for_study",
    "evidence_for_study",
    "find_conflicts",
    "growth_contributions",
    "growth_from_levels",
    "labour_productivity",
    "parse_formula",
    "required_growth",
    "select_best",
    "shares",
    "shift_share",
    "total_series",
    "value_interval",
    "weakest_status",
]
