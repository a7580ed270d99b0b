"""The documents' list of sources: every observation shown or standing against a verdict, with provenance.

Used by the workbook's sources sheet, the Word draft's annex and the deck's source lines.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.assessment.target_evidence import study_evidence, vocab_of
from analysis.assessment.verdicts import assess_all
from analysis.sources.aggregate import AGGREGATED
from analysis.sources.territories import cached_territories
from analysis.studies.study import Study
from analysis.wording.labels import ROLE_VI, UNKNOWN_VI, is_missing
from analysis.wording.text import yearly_entries
from analysis.wording.vnformat import record_decimals

if TYPE_CHECKING:  # annotations only; pandas loads with the functions that use it
    import pandas as pd

__all__ = ["source_records"]


# ---------------------------------------------------------------------------------------------------------
def _published_rows(root: Path, raw_file: str, cache: dict[str, dict[str, dict[str, str]]]) -> dict[str, dict]:
    if raw_file not in cache:
        path = root / raw_file
        rows: dict[str, dict[str, str]] = {}
        if path.is_file():
            with open(path, encoding="utf-8-sig", newline="") as fh:
                rows = {r.get("figure_id", ""): r for r in csv.DictReader(fh)}
        cache[raw_file] = rows
    return cache[raw_file]


def _labelled_formula(formula: str, vocab: dict[str, dict[str, str]]) -> str:
    """``100 × (va_industry) / (grdp)`` with every indicator key replaced by its Vietnamese label."""

    def repl(m: re.Match[str]) -> str:
        key = m.group(0)
        return vocab[key].get("label_vi", key) if key in vocab else key

    text = re.sub(r"[A-Za-z][A-Za-z0-9_]*", repl, formula)
    return re.sub(r"\[([^\]]*)\]", r" năm \1", text)


def _provenance(
    rec: dict[str, Any], root: Path, vocab: dict[str, dict[str, str]], cache: dict[str, dict[str, dict[str, str]]]
) -> dict[str, str]:
    """Publisher, publication date and the verbatim excerpt (or the formula of a derived value)."""
    kind = rec.get("source_kind", "")
    if kind == "derived":
        inputs = ", ".join(x for x in str(rec.get("inputs") or "").split("; ") if x)
        return {
            "publisher": "Tính toán từ số liệu đã công bố",
            "published": str(rec.get("published") or ""),
            "excerpt": f"{_labelled_formula(str(rec.get('transform') or ''), vocab)}; đầu vào: {inputs}",
        }
    if kind == AGGREGATED:  # a merged territory's level summed from its old provinces'
        inputs = ", ".join(x for x in str(rec.get("inputs") or "").split("; ") if x)
        return {
            "publisher": "Cộng số liệu các tỉnh cũ hợp thành tỉnh mới",
            "published": str(rec.get("published") or ""),
            "excerpt": f"{_labelled_formula(str(rec.get('indicator') or ''), vocab)} của "
            f"{cached_territories(root).name_vi(str(rec.get('province', '')), 'merged2025', short=True)}"
            f" = tổng số liệu của các tỉnh cũ; đầu vào: {inputs}",
        }
    if kind == "yearbook":
        printed = f"{rec.get('series_label') or ''}: {rec.get('value_as_printed') or ''}".strip(": ")
        unit = str(rec.get("unit_as_printed") or "")
        return {
            "publisher": str(rec.get("source_ref") or ""),
            "published": str(rec.get("vintage") or ""),
            "excerpt": f"{printed} ({unit})" if unit else printed,
        }
    row = _published_rows(root, str(rec.get("raw_file") or ""), cache).get(str(rec.get("obs_id")), {})
    return {
        "publisher": row.get("publisher") or str(rec.get("source_ref") or "").split("; figure")[0],
        "published": row.get("published") or str(rec.get("published") or ""),
        "excerpt": row.get("excerpt") or "",
    }


def _roles(card: pd.DataFrame, obs: pd.DataFrame, study: Study) -> dict[str, list[tuple[str, str]]]:
    """obs_id → [(target id, role)] for every observation a document shows or that stands against a verdict."""
    roles: dict[str, list[tuple[str, str]]] = {}

    def add(oid: Any, tid: str, role: str) -> None:
        if not is_missing(oid) and (tid, role) not in roles.setdefault(str(oid), []):
            roles[str(oid)].append((tid, role))

    shown = set(card["target_id"])
    for a in assess_all(obs, study):
        if a.target.id in shown:
            for e in a.evidence:
                add(e["obs_id"], a.target.id, e.get("role", "used") or "used")
    for rec in card.to_dict("records"):
        for _, (_, oid) in sorted(yearly_entries(rec.get("yearly_status")).items()):
            add(oid, rec["target_id"], "yearly")
        for oid in ("" if is_missing(rec.get("sources")) else str(rec["sources"])).split("; "):
            add(oid, rec["target_id"], "used")
        if not is_missing(rec.get("baseline_source")) and rec.get("baseline_source"):
            add(rec["baseline_source"], rec["target_id"], "baseline")  # quoted in the sentence and figures
        for oid in ("" if is_missing(rec.get("in_year_sources")) else str(rec["in_year_sources"])).split("; "):
            add(oid, rec["target_id"], "in_year")  # the in-year sentence and figure
    return roles


def source_records(card: pd.DataFrame, obs: pd.DataFrame, study: Study) -> list[dict[str, Any]]:
    """Every observation shown in the documents or standing against a verdict, with its provenance.

    Derived observations bring their inputs (role ``input``). Each record has
    ``obs_id``, ``roles`` (``[(target id, role code)]``), ``roles_vi`` (text),
    ``indicator_vi``, ``period``, ``value``, ``unit``, ``qualifier``, ``decimals`` (as printed), ``status``,
    ``boundary``, ``price_basis``, ``publisher``, ``published``, ``source_url``,
    ``excerpt``, ``raw_file``, ``raw_line``; in the order of the targets, then by id.
    """
    ev, st = study_evidence(obs, study)
    vocab = vocab_of(ev)
    roles = _roles(card, ev, st)
    by_id = {r["obs_id"]: r for r in ev[ev["obs_id"].isin(set(roles) | _all_inputs(ev, roles))].to_dict("records")}
    for oid in list(roles):
        rec = by_id.get(oid)
        for inp in [] if rec is None else str(rec.get("inputs") or "").split("; "):
            if inp:
                for tid, _ in roles[oid]:
                    roles.setdefault(inp, [])
                    if (tid, "input") not in roles[inp]:
                        roles[inp].append((tid, "input"))
    order = {tid: i for i, tid in enumerate(card["target_id"])}
    root = Path(st.root) if st.root else Path(".")
    cache: dict[str, dict[str, dict[str, str]]] = {}
    out = []
    for oid, rs in roles.items():
        rec = by_id.get(oid)
        if rec is None:
            continue
        out.append(
            {
                "obs_id": oid,
                "roles": rs,
                "roles_vi": "; ".join(f"{t}: {ROLE_VI.get(r, UNKNOWN_VI['role'])}" for t, r in rs),
                "indicator_vi": vocab.get(rec["indicator"], {}).get("label_vi", rec["indicator"]),
                "period": rec["period"],
                "value": rec["value"],
                "unit": rec["unit"],
                "qualifier": rec["qualifier"],
                "decimals": record_decimals(rec),
                "status": rec["status"],
                "boundary": rec["boundary"],
                "price_basis": rec["price_basis"],
                "source_url": "" if is_missing(rec.get("source_url")) else str(rec["source_url"]),
                "raw_file": "" if is_missing(rec.get("raw_file")) else str(rec["raw_file"]),
                "raw_line": rec.get("raw_line") or 0,
                **_provenance(rec, root, vocab, cache),
                "_key": (min(order.get(t, len(order)) for t, _ in rs), oid),
            }
        )
    return [{k: v for k, v in r.items() if k != "_key"} for r in sorted(out, key=lambda r: r["_key"])]


def _all_inputs(ev: pd.DataFrame, roles: dict[str, list[tuple[str, str]]]) -> set[str]:
    sel = ev[ev["obs_id"].isin(set(roles))]
    return {i for s in sel["inputs"].fillna("") for i in str(s).split("; ") if i}
