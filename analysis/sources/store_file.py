"""The persisted evidence store: ``data/processed/observations.csv`` and the fingerprint of its inputs.

The build writes the store (:data:`STORE_FILE`) and the SHA-256 of ``data/raw/`` it was
built from (:data:`FINGERPRINT_FILE`, :func:`raw_fingerprint`); :func:`read_observations_csv`
reads the store back with the column types :func:`analysis.sources.store.build_observations` gives.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from analysis.core.paths import raw_dir

from .store_schema import OBSERVATION_COLUMNS

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = ["STORE_FILE", "FINGERPRINT_FILE", "raw_fingerprint", "read_observations_csv"]

STORE_FILE = "observations.csv"
FINGERPRINT_FILE = "observations.inputs.sha256"


def raw_fingerprint(root: Path | None = None) -> str:
    """SHA-256 over every file under ``data/raw/`` (paths and bytes): what the store is built from."""
    import hashlib

    h = hashlib.sha256()
    base = raw_dir(root)
    for p in sorted(base.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(base).as_posix().encode("utf-8") + b"\0")
            h.update(p.read_bytes())
    return h.hexdigest()


def read_observations_csv(path: Path) -> pd.DataFrame:
    """Read a persisted store with the column types :func:`analysis.sources.store.build_observations` gives."""
    import pandas as pd

    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    df["value"] = pd.to_numeric(df["value"].replace("", None), errors="raise").astype(float)
    df["year"] = pd.to_numeric(df["year"].replace("", None)).astype("Int64")
    df["raw_line"] = df["raw_line"].astype("int64")
    for col in ("of_which", "translated"):
        df[col] = df[col].map({"True": True, "False": False, "": False}).astype(bool)
    for col in set(OBSERVATION_COLUMNS) - set(df.columns):  # a store written before a column was added
        df[col] = ""
    return df[OBSERVATION_COLUMNS]
