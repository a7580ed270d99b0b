"""Reading what was published: the manifest and indicator vocabulary, the territory vocabulary (63 → 34
provinces), the evidence store (observations with provenance), published figures, agencies' submissions and
the yearbook reader.
"""

from . import yearbook
from .aggregate import AGGREGATE_PREFIX, AGGREGATED, additive_keys, merged_territory_levels
from .manifest import (
    MANIFEST_COLUMNS,
    SeriesRule,
    cached_vocabulary,
    load_manifest,
    load_vocabulary,
    parse_series_map,
    read_csv_rows,
)
from .peers import RANKING_FILE, PeerSettings, peer_settings
from .periods import MONTHS_IN_YEAR, part_year_months, same_period_of_year
from .published_figures import PUBLISHED_COLUMNS, is_translation, read_published_figures
from .store import build_observations
from .store_file import FINGERPRINT_FILE, STORE_FILE, raw_fingerprint, read_observations_csv
from .store_schema import BOUNDARIES, OBSERVATION_COLUMNS, PERIOD_FORMS, PRICE_BASES, STATUS_ORDER
from .submissions import (
    COLUMNS,
    GUIDE_SHEET,
    PRICED_UNIT_LABELS,
    PRICED_UNIT_OF,
    REASON_COLUMN,
    STATUS_LABELS,
    SUBMISSIONS_DIR,
    TEMPLATE_NAME,
    UNIT_LABELS,
    UNIT_OF_CODE,
    read_submissions,
)
from .territories import TERRITORIES_FILE, Territories, cached_territories, load_territories

__all__ = [
    "AGGREGATED",
    "AGGREGATE_PREFIX",
    "BOUNDARIES",
    "COLUMNS",
    "FINGERPRINT_FILE",
    "GUIDE_SHEET",
    "MANIFEST_COLUMNS",
    "OBSERVATION_COLUMNS",
    "PERIOD_FORMS",
    "MONTHS_IN_YEAR",
    "part_year_months",
    "same_period_of_year",
    "PRICE_BASES",
    "PeerSettings",
    "RANKING_FILE",
    "PRICED_UNIT_LABELS",
    "PRICED_UNIT_OF",
    "PUBLISHED_COLUMNS",
    "REASON_COLUMN",
    "STATUS_LABELS",
    "STATUS_ORDER",
    "STORE_FILE",
    "SUBMISSIONS_DIR",
    "SeriesRule",
    "TERRITORIES_FILE",
    "Territories",
    "TEMPLATE_NAME",
    "UNIT_LABELS",
    "UNIT_OF_CODE",
    "additive_keys",
    "build_observations",
    "cached_territories",
    "cached_vocabulary",
    "is_translation",
    "load_manifest",
    "load_territories",
    "load_vocabulary",
    "merged_territory_levels",
    "parse_series_map",
    "peer_settings",
    "raw_fingerprint",
    "read_csv_rows",
    "read_observations_csv",
    "read_published_figures",
    "read_submissions",
    "yearbook",
]
