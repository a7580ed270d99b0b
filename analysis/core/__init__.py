"""The vocabulary of codes (with labels and colours), errors, paths, units, names, atomic writes and
Vietnamese number parsing. Imports nothing of the package.
"""

from .names import check_name, nfc, suggest
from .vocabulary import (
    EVIDENCE_TIERS,
    GROWTH_KINDS,
    JUDGED,
    MET,
    Band,
    Boundary,
    PriceBasis,
    Status,
    Verdict,
    colour,
    is_growth_rate,
    label_en,
    label_vi,
    verdict_from_label,
    verdict_label,
)

__all__ = [
    "Band",
    "Boundary",
    "EVIDENCE_TIERS",
    "GROWTH_KINDS",
    "JUDGED",
    "MET",
    "PriceBasis",
    "Status",
    "Verdict",
    "check_name",
    "colour",
    "is_growth_rate",
    "label_en",
    "label_vi",
    "nfc",
    "suggest",
    "verdict_from_label",
    "verdict_label",
]
