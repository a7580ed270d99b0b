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
"""
from __future__ import annotations

import csv
import fnmatch
import io
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Location, ManifestError
from .names import nfc
from .paths import project_root, raw_dir
from .units import conversion_factor, unit_code
from .vocabulary import Boundary, PriceBasis, Status

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = [
    "OBSERVATION_COLUMNS", "build_observations", "load_manifest", "load_vocabulary",
    "read_published_figures", "parse_series_map", "STATUS_ORDER",
]

#: evidence tiers, best first (``target`` rows are plans, never evidence); codes from analysis.vocabulary
STATUS_ORDER = {s.value: (9 if s is Status.TARGET else i) for i, s in enumerate(Status)}
BOUNDARIES = set(Boundary.codes())
PRICE_BASES = set(PriceBasis.codes())

OBSERVATION_COLUMNS = [
    "obs_id", "province", "indicator", "period", "year", "value", "unit", "price_basis", "boundary",
    "status", "qualifier", "vintage", "published", "source_kind", "source_url", "source_ref",
    "raw_file", "raw_line", "cell", "series_label", "block", "value_as_printed", "unit_as_printed",
    "transform", "inputs", "of_which", "translated", "note",
]
#: a published figure read in a translation of the Vietnamese original (never cited in an official report)
_TRANSLATION = re.compile(r"\btranslat|\(english\)|\[en\]", re.IGNORECASE)
_TRANSLATED_URL = re.compile(r"vietnam\.vn/(?:fr|de|en|ru|es|it|ja|ko|zh|th|cs|nl|id|pt)/", re.IGNORECASE)


def is_translation(note: str, publisher: str, url: str) -> bool:
    """True when the source is a translation (the vetted notes say so, or the page is a language edition)."""
    return bool(_TRANSLATION.search(note) or _TRANSLATION.search(publisher) or _TRANSLATED_URL.search(url))
#: period forms of published figures: a year, a period of years (average or total), a year pair
#: (change on the previous year), a half year, nine months, year to date (``2025-01..08``),
#: one month (``2026-01``, against the same month a year earlier)
PERIOD_FORMS = {
    "year": r"\d{4}", "years": r"\d{4}-\d{4}", "year_pair": r"\d{4}/\d{4}", "half_year": r"\d{4}-H[12]",
    "quarter": r"\d{4}-Q[1-4]", "nine_months": r"\d{4}-9M", "year_to_date": r"\d{4}-01\.\.(?:0[1-9]|1[0-2])",
    "month": r"\d{4}-(?:0[1-9]|1[0-2])",
}

MANIFEST_COLUMNS = [
    "id", "kind", "file", "sheet", "province", "edition", "table", "page", "published", "boundary",
    "price_basis", "source_url", "series_map", "note",
]
PUBLISHED_COLUMNS = [
    "figure_id", "indicator", "period", "value", "unit", "price_basis", "boundary", "status",
    "published", "publisher", "source_url", "excerpt", "note",
]


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


def _slug(text: str) -> str:
    t = unicodedata.normalize("NFKD", text.split(" - ")[-1] if " - " in text else text)
    t = "".join(ch for ch in t if not unicodedata.combining(ch)).replace("đ", "d").replace("Đ", "D")
    return re.sub(r"[^a-z0-9]+", "_", t.lower()).strip("_") or "x"


def _block_slug(label: str, measure: str) -> str:
    if not label:
        return "main"
    if measure in {"index", "structure"}:
        return measure
    return _slug(re.sub(r"\(.*?\)", "", label))


def _read_csv(path: Path, shown: str, required: list[str]) -> list[tuple[int, dict[str, str]]]:
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
    rows = _read_csv(path, "data/raw/indicators.csv", ["key", "label_vi", "label_en", "unit", "kind"])
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
        return fnmatch.fnmatchcase(_norm(block), _norm(self.block)) and fnmatch.fnmatchcase(
            _norm(series), _norm(self.series)
        )


_RULE = re.compile(r"^(?P<block>.*?)::(?P<series>.*?)=>\s*(?P<key>[A-Za-z0-9_]+)\s*(?P<opts>.*)$")


def parse_series_map(text: str, where: Location, vocabulary: dict[str, dict[str, str]]) -> list[SeriesRule]:
    """Parse a ``series_map`` cell; unknown indicator keys raise :class:`ManifestError`."""
    rules: list[SeriesRule] = []
    for entry in [e.strip() for e in text.split(";") if e.strip()]:
        m = _RULE.match(entry)
        if not m:
            raise ManifestError(where, f"series_map entry '{entry}' not understood",
                                "'[block] :: series => indicator_key [@price_basis] [[unit]]'")
        key = m.group("key")
        if key not in vocabulary:
            raise ManifestError(where, f"unknown indicator key '{key}' in series_map",
                                "a key listed in data/raw/indicators.csv")
        opts = m.group("opts")
        basis = re.search(r"@([a-z0-9_]+)", opts)
        unit = re.search(r"\[([A-Za-z_]+)\]", opts)
        if basis and basis.group(1) not in PRICE_BASES:
            raise ManifestError(where, f"unknown price basis '@{basis.group(1)}'", f"one of {sorted(PRICE_BASES)}")
        rules.append(SeriesRule(m.group("block").strip(), m.group("series").strip(), key,
                                basis.group(1) if basis else None, unit.group(1) if unit else None))
    return rules


def load_manifest(root: Path | None = None) -> list[tuple[int, dict[str, str]]]:
    """Manifest lines with their line numbers, validated."""
    rows = _read_csv(raw_dir(root) / "manifest.csv", "data/raw/manifest.csv", MANIFEST_COLUMNS)
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
            raise ManifestError(loc, f"file '{r['file']}' does not exist under data/raw/",
                                "a path relative to data/raw/ of a file that is there")
    return rows


def _qualifier(note: str) -> str:
    n = note.lower()
    if "lower bound" in n:
        return "lower_bound"
    if "upper bound" in n:
        return "upper_bound"
    if "approximate" in n:
        return "approximate"
    if "expected" in n:
        return "expected"
    return "exact"


def _annual_period(period: str) -> str:
    """``"2016/2015"`` (change on the previous year) is the annual period ``"2016"``."""
    m = re.fullmatch(r"(\d{4})/(\d{4})", period)
    if m and int(m.group(1)) - int(m.group(2)) == 1:
        return m.group(1)
    return period


def _year_of(period: str) -> int | None:
    return int(period) if re.fullmatch(r"\d{4}", period) else None


def read_published_figures(path: Path, shown: str, vocabulary: dict[str, dict[str, str]],
                           manifest_id: str, province: str) -> list[dict[str, Any]]:
    """Rows of a published-figures file (schema of ``published_figures.md``) as observations."""
    out = []
    for line, r in _read_csv(path, shown, PUBLISHED_COLUMNS):
        loc = Location(shown, row=line)
        if r["indicator"] not in vocabulary:
            raise ManifestError(loc, f"unknown indicator key '{r['indicator']}'", "a key in data/raw/indicators.csv")
        try:
            value = float(r["value"])
        except ValueError:
            raise ManifestError(Location(shown, cell=f"D{line}"), f"value '{r['value']}' is not a number",
                                "a number with '.' as decimal mark") from None
        if not any(re.fullmatch(rx, r["period"]) for rx in PERIOD_FORMS.values()):
            raise ManifestError(Location(shown, cell=f"C{line}"), f"period '{r['period']}' not understood",
                                "a period form such as 2025, 2021-2025, 2025-H1, 2025-9M, 2025-01..08 or 2026-01")
        if r["status"] not in STATUS_ORDER:
            raise ManifestError(loc, f"status '{r['status']}'", f"one of {list(STATUS_ORDER)}")
        if r["boundary"] not in BOUNDARIES:
            raise ManifestError(loc, f"boundary '{r['boundary']}'", f"one of {sorted(BOUNDARIES)}")
        if r["price_basis"] not in PRICE_BASES:
            raise ManifestError(loc, f"price_basis '{r['price_basis']}'", f"one of {sorted(PRICE_BASES)}")
        out.append({
            "obs_id": r["figure_id"], "province": nfc(province), "indicator": r["indicator"], "period": r["period"],
            "year": _year_of(r["period"]), "value": value, "unit": r["unit"], "price_basis": r["price_basis"],
            "boundary": r["boundary"], "status": r["status"], "qualifier": _qualifier(r["note"]),
            "vintage": r["published"], "published": r["published"], "source_kind": "published",
            "source_url": r["source_url"], "source_ref": f"{r['publisher']}; figure {r['figure_id']}",
            "raw_file": f"data/raw/{Path(shown).name}" if not shown.startswith("data/raw/") else shown,
            "raw_line": line, "cell": "", "series_label": "", "block": "",
            "value_as_printed": r["value"], "unit_as_printed": r["unit"], "transform": "", "inputs": "",
            "of_which": False, "translated": is_translation(r["note"], r["publisher"], r["source_url"]),
            "note": r["note"], "_manifest": manifest_id,
        })
    return out


def _yearbook_observations(root: Path | None, line: int, m: dict[str, str],
                           vocabulary: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    from .yearbook import read_yearbook_table

    loc = Location("data/raw/manifest.csv", row=line)
    rules = parse_series_map(m["series_map"], loc, vocabulary)
    path = raw_dir(root) / m["file"]
    shown = f"data/raw/{m['file']}"
    table = read_yearbook_table(path, m["sheet"] or None)
    table = table.assign(source_file=shown)
    edition = m["edition"]
    vintage = f"NGTK {edition}" if edition else m["published"]
    ref_parts = [f"Niên giám thống kê {m['province']} {edition}".strip()]
    if m["table"]:
        ref_parts.append(f"biểu {m['table']}")
    if m["page"]:
        ref_parts.append(f"tr. {m['page']}")
    out = []
    used_rules: set[int] = set()
    for rec in table.to_dict("records"):
        rule_i = next((i for i, rule in enumerate(rules) if rule.matches(rec["block"], rec["series"])), None)
        printed_code = unit_code(rec["unit"]) if rec["unit"] else None
        transform = ""
        value = rec["value"]
        if rule_i is None:
            group = f"{_slug(rec['group'])}." if rec["group"] else ""
            key = f"{m['id']}.{_block_slug(rec['block'], rec['measure'])}.{group}{_slug(rec['series'])}"
            unit = printed_code or rec["unit"]
            basis = m["price_basis"] if rec["measure"] == "level" else "na"
        else:
            used_rules.add(rule_i)
            rule = rules[rule_i]
            key = rule.key
            voc = vocabulary[key]
            basis = rule.price_basis or m["price_basis"]
            source_code = rule.unit or printed_code
            if voc["kind"] == "growth" and rec["measure"] == "index":
                value = round(value - 100.0, int(rec["decimals"]))
                transform = "index_minus_100"
                unit = "percent"
            else:
                target_unit = rule.unit or voc["unit"]
                if source_code is None:
                    raise ManifestError(Location(shown, table.attrs.get("sheet") or None, cell=rec["cell"]),
                                        f"unit '{rec['unit']}' not recognised for indicator '{key}'",
                                        "a known unit, or a [unit] option in the manifest series_map")
                try:
                    factor = conversion_factor(source_code, target_unit)
                except ValueError:
                    factor = 1.0
                    target_unit = source_code
                if factor != 1.0:
                    extra = max(0, round(-math.log10(factor))) if factor < 1 else 0
                    value = round(value * factor, int(rec["decimals"]) + extra)
                    transform = f"x{factor:g} ({source_code}->{target_unit})"
                unit = target_unit
        status = rec["status"]
        out.append({
            "obs_id": f"{m['id']}:{rec['cell']}", "province": nfc(m["province"]), "indicator": key,
            "period": _annual_period(rec["period"]), "year": int(rec["year"]), "value": value, "unit": unit, "price_basis": basis,
            "boundary": m["boundary"], "status": status, "qualifier": "exact", "vintage": vintage,
            "published": m["published"], "source_kind": "yearbook", "source_url": m["source_url"],
            "source_ref": ", ".join(ref_parts + [f"ô {rec['cell']}"]), "raw_file": shown,
            "raw_line": int(rec["line"]), "cell": rec["cell"],
            "series_label": f"{rec['group']} / {rec['series']}" if rec["group"] else rec["series"],
            "block": rec["block"], "value_as_printed": rec["value_text"],
            "unit_as_printed": rec["unit"], "transform": transform, "inputs": "", "of_which": bool(rec["of_which"]),
            "translated": False,
            "note": ("" if not rec["symbol"] else {"-": "no occurrence ('-')", "...": "not collected ('...')"}[
                rec["symbol"]]), "_manifest": m["id"],
        })
    unused = [rules[i] for i in range(len(rules)) if i not in used_rules]
    if unused:
        r = unused[0]
        raise ManifestError(loc, f"series_map entry '{r.block} :: {r.series}' matches no series in {shown}",
                            f"a printed label; the table has {sorted(set(table['series']))[:6]}")
    return out


def build_observations(root: Path | None = None) -> pd.DataFrame:
    """Build the evidence store from ``data/raw/`` (read-only).

    Returns
    -------
    pandas.DataFrame
        One row per published figure and per printed yearbook value, columns
        :data:`OBSERVATION_COLUMNS`, sorted deterministically.
    """
    import pandas as pd

    vocabulary = load_vocabulary(root)
    records: list[dict[str, Any]] = []
    for line, m in load_manifest(root):
        path = raw_dir(root) / m["file"]
        if m["kind"] == "published":
            records += read_published_figures(path, f"data/raw/{m['file']}", vocabulary, m["id"], m["province"])
        else:
            records += _yearbook_observations(root, line, m, vocabulary)
    from .template import read_submissions

    records += read_submissions(root)[0]          # figures received by letter, typed into the template
    df = pd.DataFrame.from_records(records)
    dup = df["obs_id"].duplicated(keep=False)
    if dup.any():
        raise ManifestError(Location("data/raw/manifest.csv"), f"duplicate observation ids {sorted(df.loc[dup, 'obs_id'])[:4]}",
                            "unique figure_id values across published-figure files")
    df = df.drop(columns="_manifest")
    df["year"] = df["year"].astype("Int64")
    df["raw_line"] = df["raw_line"].astype("int64")
    df = df[OBSERVATION_COLUMNS].sort_values(["source_kind", "raw_file", "raw_line", "cell"], kind="stable")
    df = df.reset_index(drop=True)
    df.attrs["root"] = str(project_root(root))
    return df


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


STORE_FILE = "observations.csv"
FINGERPRINT_FILE = "observations.inputs.sha256"


def read_observations_csv(path: Path) -> pd.DataFrame:
    """Read a persisted store with the column types :func:`build_observations` gives."""
    import pandas as pd

    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    df["value"] = pd.to_numeric(df["value"].replace("", None), errors="raise").astype(float)
    df["year"] = pd.to_numeric(df["year"].replace("", None)).astype("Int64")
    df["raw_line"] = df["raw_line"].astype("int64")
    for col in ("of_which", "translated"):
        df[col] = df[col].map({"True": True, "False": False, "": False}).astype(bool)
    return df[OBSERVATION_COLUMNS]


def load_observations(root: Path | None = None) -> pd.DataFrame:
    """The evidence store: the persisted ``data/processed/observations.csv`` when it was built from the
    current ``data/raw/`` (same fingerprint), else rebuilt from ``data/raw/`` (nothing is written).
    """
    from .paths import processed_dir

    folder = processed_dir(root)
    path, fp = folder / STORE_FILE, folder / FINGERPRINT_FILE
    if path.exists() and fp.exists() and fp.read_text(encoding="utf-8").strip() == raw_fingerprint(root):
        df = read_observations_csv(path)
        df.attrs["root"] = str(project_root(root))
        return df
    return build_observations(root)
