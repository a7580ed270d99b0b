"""A study (a province plus a resolution's targets, as data): study.toml, targets.csv, target
schema and what-if copies of targets.
"""

from .study import STUDY_KEYS, Study, default_study_id, load_study, load_targets, study_ids
from .target_schema import COLUMNS, FINAL_YEAR_MEASURES, KINDS, MEASURES, OPTIONAL_COLUMNS, THEMES, VERDICTS
from .targets import Target
from .targets_csv import read_targets
from .whatif import KIND_VI, bound_amount_vi

__all__ = [
    "COLUMNS",
    "FINAL_YEAR_MEASURES",
    "KINDS",
    "KIND_VI",
    "MEASURES",
    "OPTIONAL_COLUMNS",
    "STUDY_KEYS",
    "Study",
    "THEMES",
    "Target",
    "VERDICTS",
    "bound_amount_vi",
    "default_study_id",
    "load_study",
    "load_targets",
    "read_targets",
    "study_ids",
]
