"""Yearbook tables as observations: the printed values of a table named in the manifest.

The manifest line gives the provenance of the whole table (province, edition, table,
page, source URL, boundary, price basis) and its ``series_map`` (syntax in
:mod:`analysis.sources.store`). A mapped series takes the indicator key, with its unit
converted to the vocabulary's (or the map's ``[unit]``); a series from an index block
(previous year = 100) mapped to a ``growth`` indicator is stored as index − 100. A
series not mapped stays under a table-local key ``<manifest id>.<block>.<series>``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from pathlib import Path
from typing import Any

from analysis.core.errors import Location, ManifestError
from analysis.core.names import nfc
from analysis.core.paths import raw_dir
from analysis.core.units import conversion_factor, unit_code
from analysis.sources.yearbook.reader import read_yearbook_table

from .manifest import SeriesRule, parse_series_map

__all__ = ["_yearbook_observations"]

#: (key, value, unit, price basis, transform) of one printed value
_Mapped = tuple[str, Any, str, str, str]


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


def _annual_period(period: str) -> str:
    """``"2016/2015"`` (change on the previous year) is the annual period ``"2016"``."""
    m = re.fullmatch(r"(\d{4})/(\d{4})", period)
    if m and int(m.group(1)) - int(m.group(2)) == 1:
        return m.group(1)
    return period


def _provenance(m: dict[str, str]) -> tuple[str, list[str]]:
    """The vintage (``NGTK <edition>``, else the publication date) and the parts of the source reference."""
    edition = m["edition"]
    vintage = f"NGTK {edition}" if edition else m["published"]
    ref_parts = [f"Niên giám thống kê {m['province']} {edition}".strip()]
    if m["table"]:
        ref_parts.append(f"biểu {m['table']}")
    if m["page"]:
        ref_parts.append(f"tr. {m['page']}")
    return vintage, ref_parts


def _unmapped_series(rec: dict[str, Any], m: dict[str, str], printed_code: str | None) -> _Mapped:
    """A series the series map does not name: a table-local key, the printed unit."""
    group = f"{_slug(rec['group'])}." if rec["group"] else ""
    key = f"{m['id']}.{_block_slug(rec['block'], rec['measure'])}.{group}{_slug(rec['series'])}"
    unit = printed_code or rec["unit"]
    basis = m["price_basis"] if rec["measure"] == "level" else "na"
    return key, rec["value"], unit, basis, ""


def _mapped_series(
    rec: dict[str, Any],
    rule: SeriesRule,
    vocabulary: dict[str, dict[str, str]],
    m: dict[str, str],
    printed_code: str | None,
    shown: str,
    sheet: str | None,
) -> _Mapped:
    """A mapped series: the indicator key, index − 100 for growth, else the value in the vocabulary's unit."""
    transform = ""
    value = rec["value"]
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
            raise ManifestError(
                Location(shown, sheet, cell=rec["cell"]),
                f"unit '{rec['unit']}' not recognised for indicator '{key}'",
                "a known unit, or a [unit] option in the manifest series_map",
            )
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
    return key, value, unit, basis, transform


def _yearbook_record(
    rec: dict[str, Any], m: dict[str, str], shown: str, vintage: str, ref_parts: list[str], mapped: _Mapped
) -> dict[str, Any]:
    """One printed yearbook value as an observation, with its provenance."""
    key, value, unit, basis, transform = mapped
    status = rec["status"]
    return {
        "obs_id": f"{m['id']}:{rec['cell']}",
        "province": nfc(m["province"]),
        "indicator": key,
        "period": _annual_period(rec["period"]),
        "year": int(rec["year"]),
        "value": value,
        "unit": unit,
        "price_basis": basis,
        "boundary": m["boundary"],
        "status": status,
        "qualifier": "exact",
        "vintage": vintage,
        "published": m["published"],
        "source_kind": "yearbook",
        "source_url": m["source_url"],
        "source_ref": ", ".join(ref_parts + [f"ô {rec['cell']}"]),
        "raw_file": shown,
        "raw_line": int(rec["line"]),
        "cell": rec["cell"],
        "series_label": f"{rec['group']} / {rec['series']}" if rec["group"] else rec["series"],
        "block": rec["block"],
        "value_as_printed": rec["value_text"],
        "unit_as_printed": rec["unit"],
        "transform": transform,
        "inputs": "",
        "of_which": bool(rec["of_which"]),
        "translated": False,
        "note": (
            ""
            if not rec["symbol"]
            else {"-": "no occurrence ('-')", "...": "not collected ('...')", "x": "confidential ('x')"}[rec["symbol"]]
        ),
        "_manifest": m["id"],
    }


def _yearbook_observations(
    root: Path | None, line: int, m: dict[str, str], vocabulary: dict[str, dict[str, str]]
) -> list[dict[str, Any]]:
    """The observations of the yearbook table on manifest line ``line``; a map entry matching nothing is an error."""

    loc = Location("data/raw/manifest.csv", row=line)
    rules = parse_series_map(m["series_map"], loc, vocabulary)
    path = raw_dir(root) / m["file"]
    shown = f"data/raw/{m['file']}"
    table = read_yearbook_table(path, m["sheet"] or None)
    table = table.assign(source_file=shown)
    vintage, ref_parts = _provenance(m)
    sheet = table.attrs.get("sheet") or None
    out = []
    used_rules: set[int] = set()
    for rec in table.to_dict("records"):
        rule_i = next((i for i, rule in enumerate(rules) if rule.matches(rec["block"], rec["series"])), None)
        printed_code = unit_code(rec["unit"]) if rec["unit"] else None
        if rule_i is None:
            mapped = _unmapped_series(rec, m, printed_code)
        else:
            used_rules.add(rule_i)
            mapped = _mapped_series(rec, rules[rule_i], vocabulary, m, printed_code, shown, sheet)
        out.append(_yearbook_record(rec, m, shown, vintage, ref_parts, mapped))
    unused = [rules[i] for i in range(len(rules)) if i not in used_rules]
    if unused:
        r = unused[0]
        raise ManifestError(
            loc,
            f"series_map entry '{r.block} :: {r.series}' matches no series in {shown}",
            f"a printed label; the table has {sorted(set(table['series']))[:6]}",
        )
    return out
