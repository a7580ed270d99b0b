"""The evidence store: one tidy table of observations with provenance on every value.

Inputs live in ``data/raw/`` and are only ever read:

* ``manifest.csv`` — one line per input file: published-figure files (provenance
  per row) and yearbook tables (provenance per file: province, edition, table,
  page, source URL, boundary, price basis and how series map to indicator keys);
* ``indicators.csv`` — the controlled vocabulary of indicator keys and units;
* the files the manifest names.

``build_observations()`` joins them into one table (written to
``data/processed/observations.csv`` by the build). Adding the next yearbook table
an analyst receives is one file plus one manifest line.

Series map syntax (manifest column ``series_map``), entries separated by ``;``::

    [block label] :: series label => indicator_key [@price_basis] [[unit_code]]

Labels match the printed labels case-insensitively after whitespace
normalisation; ``*`` is a wildcard. An empty block label is the first
(unlabelled) block. Series that are not mapped stay in the store under a
table-local key ``<manifest id>.<block>.<series>``. When a series from an index
block (previous year = 100) is mapped to a ``growth`` indicator, the value is
stored as index − 100 (transform ``index_minus_100``), as the vocabulary defines.

Parts: the schema (:mod:`analysis.sources.store_schema`), reading the manifest, vocabulary and
series maps (:mod:`analysis.sources.manifest`), published figures
(:mod:`analysis.sources.published_figures`), yearbook tables
(:mod:`analysis.sources.yearbook_observations`) and the persisted store with its fingerprint
(:mod:`analysis.sources.store_file`); their public names are importable from here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.core.errors import Location, ManifestError
from analysis.core.names import nfc
from analysis.core.paths import processed_dir, project_root, raw_dir

from .aggregate import merged_territory_levels
from .manifest import MANIFEST_COLUMNS as MANIFEST_COLUMNS
from .manifest import SeriesRule as SeriesRule
from .manifest import cached_vocabulary as cached_vocabulary
from .manifest import load_manifest, load_vocabulary
from .published_figures import PUBLISHED_COLUMNS as PUBLISHED_COLUMNS
from .published_figures import is_translation as is_translation
from .published_figures import read_published_figures
from .store_file import FINGERPRINT_FILE, STORE_FILE, raw_fingerprint, read_observations_csv
from .store_schema import BOUNDARIES as BOUNDARIES
from .store_schema import OBSERVATION_COLUMNS
from .store_schema import PERIOD_FORMS as PERIOD_FORMS
from .store_schema import PRICE_BASES as PRICE_BASES
from .submissions import read_submissions
from .territories import load_territories
from .yearbook_observations import _yearbook_observations

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = ["build_observations"]


def build_observations(root: Path | None = None) -> pd.DataFrame:
    """Build the evidence store from ``data/raw/`` (read-only).

    Returns
    -------
    pandas.DataFrame
        One row per published figure and per printed yearbook value, plus the merged territories' levels
        summed from their old provinces (:mod:`analysis.sources.aggregate`), columns
        :data:`OBSERVATION_COLUMNS`, sorted deterministically.
    """
    import pandas as pd

    vocabulary = load_vocabulary(root)
    territories = load_territories(root)
    manifest = load_manifest(root)
    known = sorted({nfc(m["province"]) for _, m in manifest if m["province"]})
    records: list[dict[str, Any]] = []
    for line, m in manifest:
        path = raw_dir(root) / m["file"]
        if m["kind"] == "published":
            records += read_published_figures(
                path, f"data/raw/{m['file']}", vocabulary, m["id"], m["province"], territories, known
            )
        else:
            records += _yearbook_observations(root, line, m, vocabulary)

    records += read_submissions(root)[0]  # figures received by letter, typed into the template
    df = pd.DataFrame.from_records(records)
    merged = merged_territory_levels(df, territories, vocabulary)  # new provinces' levels summed from old ones
    if len(merged):
        df = pd.concat([df, merged.assign(_manifest="")], ignore_index=True)
    dup = df["obs_id"].duplicated(keep=False)
    if dup.any():
        raise ManifestError(
            Location("data/raw/manifest.csv"),
            f"duplicate observation ids {sorted(df.loc[dup, 'obs_id'])[:4]}",
            "unique figure_id values across published-figure files",
        )
    df = df.drop(columns="_manifest")
    # a share's stated definition (published files' optional column; '' = as the vocabulary defines it)
    df["definition"] = df["definition"].fillna("").astype(str) if "definition" in df else ""
    df["year"] = df["year"].astype("Int64")
    df["raw_line"] = df["raw_line"].astype("int64")
    df = df[OBSERVATION_COLUMNS].sort_values(["source_kind", "raw_file", "raw_line", "cell"], kind="stable")
    df = df.reset_index(drop=True)
    df.attrs["root"] = str(project_root(root))
    return df


def load_observations(root: Path | None = None) -> pd.DataFrame:
    """The evidence store: the persisted ``data/processed/observations.csv`` when it was built from the
    current ``data/raw/`` (same fingerprint), else rebuilt from ``data/raw/`` (nothing is written).
    """

    folder = processed_dir(root)
    path, fp = folder / STORE_FILE, folder / FINGERPRINT_FILE
    if path.exists() and fp.exists() and fp.read_text(encoding="utf-8").strip() == raw_fingerprint(root):
        df = read_observations_csv(path)
        df.attrs["root"] = str(project_root(root))
        return df
    return build_observations(root)
