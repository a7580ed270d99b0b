"""Verdicts on targets: target inputs, assessment, trajectories and the progress measure,
the scorecard and the vectorised panel.
"""

from .inyear import (
    IN_YEAR_CODES,
    IN_YEAR_COLUMNS,
    IN_YEAR_FLOATS,
    IN_YEAR_INTS,
    IN_YEAR_SERIES_COLUMNS,
    InYearRules,
    expected_share,
    growth_codes,
    in_year,
    in_year_rules,
    in_year_series,
    in_year_table,
    latest_part_year,
    level_codes,
    required_rest_growth,
)
from .panel import PANEL_COLUMNS, assess_panel, final_verdicts
from .panel_cube import CONSTANT_BASES
from .progress import INPUT_COLUMNS, OUTPUT_COLUMNS, progress_frame
from .progress_arithmetic import progress_arrays
from .progress_bands import (
    BAND_CODES,
    BAND_LABELS,
    BAND_REASONS,
    GROWTH_MEASURE,
    KIND_RULES,
    RATIO_DECIMALS,
    THRESHOLDS,
    FloatArray,
    band_from_ratio,
    goal_and_direction,
    is_met,
)
from .scorecard_table import baseline, evidence_roles, scorecard, scorecard_columns, yearly_values
from .target_evidence import study_evidence
from .trajectories import TRAJECTORY_COLUMNS, trajectory
from .verdicts import Assessment, assess, assess_all

__all__ = [
    "Assessment",
    "BAND_CODES",
    "BAND_LABELS",
    "BAND_REASONS",
    "CONSTANT_BASES",
    "FloatArray",
    "IN_YEAR_CODES",
    "IN_YEAR_COLUMNS",
    "IN_YEAR_FLOATS",
    "IN_YEAR_INTS",
    "IN_YEAR_SERIES_COLUMNS",
    "InYearRules",
    "expected_share",
    "growth_codes",
    "in_year",
    "in_year_rules",
    "in_year_series",
    "in_year_table",
    "latest_part_year",
    "level_codes",
    "required_rest_growth",
    "GROWTH_MEASURE",
    "INPUT_COLUMNS",
    "KIND_RULES",
    "OUTPUT_COLUMNS",
    "PANEL_COLUMNS",
    "RATIO_DECIMALS",
    "THRESHOLDS",
    "TRAJECTORY_COLUMNS",
    "assess",
    "assess_all",
    "assess_panel",
    "band_from_ratio",
    "baseline",
    "evidence_roles",
    "final_verdicts",
    "goal_and_direction",
    "is_met",
    "progress_arrays",
    "progress_frame",
    "scorecard",
    "scorecard_columns",
    "study_evidence",
    "trajectory",
    "yearly_values",
]
