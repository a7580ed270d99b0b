"""The schema of the evidence store (:mod:`analysis.sources.store`): its columns and the codes values take.

Evidence tiers (best first), territorial boundaries and price bases (codes from
:mod:`analysis.core.vocabulary`) and the period forms a published figure may have.
"""

from __future__ import annotations

from analysis.core.vocabulary import Boundary, PriceBasis, Status

__all__ = ["STATUS_ORDER", "BOUNDARIES", "PRICE_BASES", "OBSERVATION_COLUMNS", "PERIOD_FORMS"]

#: evidence tiers, best first (``target`` rows are plans, never evidence); codes from analysis.core.vocabulary
STATUS_ORDER = {s.value: (9 if s is Status.TARGET else i) for i, s in enumerate(Status)}
BOUNDARIES = set(Boundary.codes())
PRICE_BASES = set(PriceBasis.codes())

OBSERVATION_COLUMNS = [
    "obs_id",
    "province",
    "indicator",
    "period",
    "year",
    "value",
    "unit",
    "price_basis",
    "boundary",
    "status",
    "qualifier",
    "vintage",
    "published",
    "source_kind",
    "source_url",
    "source_ref",
    "raw_file",
    "raw_line",
    "cell",
    "series_label",
    "block",
    "value_as_printed",
    "unit_as_printed",
    "transform",
    "inputs",
    "of_which",
    "translated",
    "note",
    "definition",
]
#: period forms of published figures: a year, a period of years (average or total), a year pair
#: (change on the previous year), a half year, nine months, year to date (``2025-01..08``),
#: one month (``2026-01``, against the same month a year earlier)
PERIOD_FORMS = {
    "year": r"\d{4}",
    "years": r"\d{4}-\d{4}",
    "year_pair": r"\d{4}/\d{4}",
    "half_year": r"\d{4}-H[12]",
    "quarter": r"\d{4}-Q[1-4]",
    "nine_months": r"\d{4}-9M",
    "year_to_date": r"\d{4}-01\.\.(?:0[1-9]|1[0-2])",
    "month": r"\d{4}-(?:0[1-9]|1[0-2])",
}
