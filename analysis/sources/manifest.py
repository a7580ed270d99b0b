"""Reading ``data/raw/``: the manifest of input files, the indicator vocabulary and series maps.

* ``manifest.csv`` — one line per input file, validated (:func:`load_manifest`);
* ``indicators.csv`` — the controlled vocabulary of indicator keys and units
  (:func:`load_vocabulary`; :func:`cached_vocabulary` reads it once per file version);
* the ``series_map`` of a yearbook line (:func:`parse_series_map`, syntax in :mod:`analysis.sources.store`).

Every problem is a :class:`~analysis.core.errors.ManifestError` naming the file and row.
"""

from __future__ import annotations

import csv
import fnmatch
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from analysis.core.errors import Location, ManifestError
from analysis.core.paths import raw_dir

from .store_schema import BOUNDARIES, PRICE_BASES

__all__ = [
    "MANIFEST_COLUMNS",
    "load_manifest",
    "load_vocabulary",
    "cached_vocabulary",
    "parse_series_map",
    "SeriesRule",
    "read_csv_rows",
]

MANIFEST_COLUMNS = [
    "id",
    "kind",
    "file",
    "sheet",
    "province",
    "edition",
    "table",
    "page",
    "published",
    "boundary",
    "price_basis",
    "source_url",
    "series_map",
    "note",
]


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


def read_csv_rows(path: Path, shown: str, required: list[str]) -> list[tuple[int, dict[str, str]]]:
    if not path.exists():
        raise ManifestError(Location(shown), "file not found", "an existing file named in the manifest")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ManifestError(Location(shown), f"not UTF-8 ({exc.reason} at byte {exc.start})", "a UTF-8 CSV") from None
    if not text.strip():
        raise ManifestError(Location(shown), "file is empty", f"a CSV with header {required}")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise ManifestError(Location(shown, row=1), f"missing column(s) {missing}", f"a header with {required}")
    out = []
    for rec in reader:
        out.append((reader.line_num, {k: (v or "").strip() for k, v in rec.items() if k is not None}))
    return out


def load_vocabulary(root: Path | None = None) -> dict[str, dict[str, str]]:
    """Indicator vocabulary from ``data/raw/indicators.csv`` keyed by indicator key."""
    path = raw_dir(root) / "indicators.csv"
    rows = read_csv_rows(path, "data/raw/indicators.csv", ["key", "label_vi", "label_en", "unit", "kind"])
    return {r["key"]: r for _, r in rows}


_VOCAB_CACHE: dict[tuple[str, int], dict[str, dict[str, str]]] = {}


def cached_vocabulary(root: str | Path | None = None) -> dict[str, dict[str, str]]:
    """:func:`load_vocabulary`, read once per file version (keyed by path and modification time).

    DataFrames carry only the project root in ``attrs`` (pandas deep-copies ``attrs`` on
    every operation); the vocabulary is looked up here.
    """
    path = raw_dir(Path(root) if root else None) / "indicators.csv"
    key = (str(path.resolve()), path.stat().st_mtime_ns if path.exists() else 0)
    if key not in _VOCAB_CACHE:
        _VOCAB_CACHE[key] = load_vocabulary(Path(root) if root else None)
    return _VOCAB_CACHE[key]


@dataclass(frozen=True)
class SeriesRule:
    """One entry of a manifest ``series_map``."""

    block: str
    series: str
    key: str
    price_basis: str | None = None
    unit: str | None = None

    def matches(self, block: str, series: str) -> bool:
        return fnmatch.fnmatchcase(_norm(block), _norm(self.block)) and fnmatch.fnmatchcase(_norm(series), _norm(self.series))


_RULE = re.compile(r"^(?P<block>.*?)::(?P<series>.*?)=>\s*(?P<key>[A-Za-z0-9_]+)\s*(?P<opts>.*)$")


def parse_series_map(text: str, where: Location, vocabulary: dict[str, dict[str, str]]) -> list[SeriesRule]:
    """Parse a ``series_map`` cell; unknown indicator keys raise :class:`ManifestError`."""
    rules: list[SeriesRule] = []
    for entry in [e.strip() for e in text.split(";") if e.strip()]:
        m = _RULE.match(entry)
        if not m:
            raise ManifestError(
                where,
                f"series_map entry '{entry}' not understood",
                "'[block] :: series => indicator_key [@price_basis] [[unit]]'",
            )
        key = m.group("key")
        if key not in vocabulary:
            raise ManifestError(where, f"unknown indicator key '{key}' in series_map", "a key listed in data/raw/indicators.csv")
        opts = m.group("opts")
        basis = re.search(r"@([a-z0-9_]+)", opts)
        unit = re.search(r"\[([A-Za-z_]+)\]", opts)
        if basis and basis.group(1) not in PRICE_BASES:
            raise ManifestError(where, f"unknown price basis '@{basis.group(1)}'", f"one of {sorted(PRICE_BASES)}")
        rules.append(
            SeriesRule(
                m.group("block").strip(),
                m.group("series").strip(),
                key,
                basis.group(1) if basis else None,
                unit.group(1) if unit else None,
            )
        )
    return rules


def load_manifest(root: Path | None = None) -> list[tuple[int, dict[str, str]]]:
    """Manifest lines with their line numbers, validated."""
    rows = read_csv_rows(raw_dir(root) / "manifest.csv", "data/raw/manifest.csv", MANIFEST_COLUMNS)
    seen: set[str] = set()
    for line, r in rows:
        loc = Location("data/raw/manifest.csv", row=line)
        if r["kind"] not in {"published", "yearbook"}:
            raise ManifestError(loc, f"kind '{r['kind']}'", "'published' or 'yearbook'")
        if not r["id"] or r["id"] in seen:
            raise ManifestError(loc, f"id '{r['id']}' empty or repeated", "a unique id")
        seen.add(r["id"])
        if r["kind"] == "yearbook":
            if r["boundary"] not in BOUNDARIES:
                raise ManifestError(loc, f"boundary '{r['boundary']}'", f"one of {sorted(BOUNDARIES)}")
            if r["price_basis"] not in PRICE_BASES:
                raise ManifestError(loc, f"price_basis '{r['price_basis']}'", f"one of {sorted(PRICE_BASES)}")
            if not r["source_url"] and not r["edition"]:
                raise ManifestError(loc, "no source_url and no edition", "where the table was published")
        if not (raw_dir(root) / r["file"]).exists():
            raise ManifestError(
                loc, f"file '{r['file']}' does not exist under data/raw/", "a path relative to data/raw/ of a file that is there"
            )
    return rows
