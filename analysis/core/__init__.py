"""The vocabulary of codes (with labels and colours), errors, paths, units, names, atomic writes and
Vietnamese number parsing. Imports nothing of the package.
"""

from .names import check_name, nfc, suggest
from .vocabulary import (
    EVIDENCE_TIERS,
    JUDGED,
    MET,
    Band,
    Boundary,
    PriceBasis,
    Status,
    Verdict,
    colour,
    label_en,
    label_vi,
    verdict_from_label,
    verdict_label,
)

__all__ = [
    "Band",
    "Boundary",
    "EVIDENCE_TIERS",
    "JUDGED",
    "MET",
    "PriceBasis",
    "Status",
    "Verdict",
    "check_name",
    "colour",
    "label_en",
    "label_vi",
    "nfc",
    "suggest",
    "verdict_from_label",
    "verdict_label",
]
