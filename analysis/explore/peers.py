"""Peers in the explorer: the study's province beside provinces the analyst chooses, on any indicator the store
holds for them.

* ``peer_choices(obs, indicator)`` — the provinces the store holds the indicator for (besides the study's);
* ``compare(obs, study, indicator, ["Tỉnh A", "Tỉnh B"])`` — each province's best value of every period
  (:func:`analysis.select_best`, the study's boundary first), with status, boundary and source;
  where a ranking of the period is stated (:func:`analysis.rank_provinces`) each province's rank;
* ``peers_html(table, ...)`` — the comparison as a deterministic HTML table (the explorer's output).

Unlike the rest of a study's outputs this view shows other provinces, by the analyst's choice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from analysis.assessment.ranking import rank_all
from analysis.core.names import check_name
from analysis.core.vocabulary import Status, colour
from analysis.display.blocks import badge, esc, num_vi
from analysis.evidence.select import select_best
from analysis.sources.peers import peer_settings
from analysis.wording.labels import PEERS_VI, boundary_vi, status_vi, unit_vi

__all__ = ["peer_choices", "compare", "peers_html", "PEER_COLUMNS"]

PEER_COLUMNS = ["province", "period", "value", "unit", "status", "boundary", "obs_id", "conflict", "rank", "ranked_of"]


def peer_choices(obs: Any, indicator: str, exclude: Iterable[str] = ()) -> list[str]:
    """Provinces with any value of ``indicator`` in the store (sorted), without ``exclude``."""
    rows = obs[(obs["indicator"] == indicator) & (obs["status"] != Status.TARGET.value) & obs["value"].notna()]
    skip = set(exclude)
    return sorted(p for p in rows["province"].unique() if p not in skip)


def compare(obs: Any, study: Any, indicator: str, provinces: Sequence[str], *, periods: Iterable[str] | None = None) -> Any:
    """The study's province and the chosen ones on one indicator, period by period.

    Parameters
    ----------
    obs : pandas.DataFrame
        The evidence store (all provinces).
    study : Study
        The study (its province comes first; its boundary is preferred).
    indicator : str
    provinces : sequence of str
        Provinces to compare with (names as in the store; unknown ones raise with close matches).
    periods : iterable of str, optional
        Default: every period any of the provinces has a value for.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PEER_COLUMNS`, one row per province and period with a value.
    """
    import pandas as pd

    known = peer_choices(obs, indicator)
    chosen = [study.province] + [
        check_name(p, known, "province", f"the evidence store ({indicator})") for p in provinces if p != study.province
    ]
    chosen = list(dict.fromkeys(chosen))
    rows = obs[(obs["indicator"] == indicator) & obs["province"].isin(chosen) & (obs["status"] != "target")]
    pers = sorted(
        {str(p) for p in (periods if periods is not None else rows["period"].unique())}, key=lambda p: (p[:4], len(p), p)
    )
    prefs = list(dict.fromkeys([*study.boundary_preference, "pre2025", "merged2025", "unknown"]))
    ranks = None
    settings = peer_settings(study.root, required=False)
    if settings is not None and settings.provinces:
        ranks = rank_all(obs, settings, indicators=[indicator], periods=pers)
        ranks = ranks[ranks["ranked"]]
    out = []
    for prov in chosen:
        for per in pers:
            ev = select_best(obs, indicator, per, province=prov, boundary=prefs) if prov in known else None
            if ev is None or not ev.found:
                continue
            c = ev.chosen
            rank, of = None, None
            if ranks is not None:
                hit = ranks[(ranks["province"] == prov) & (ranks["period"] == per) & (ranks["boundary"] == c["boundary"])]
                if len(hit):
                    rank, of = int(hit["rank"].iloc[0]), int(hit["provinces"].iloc[0])
            out.append(
                {
                    "province": prov,
                    "period": per,
                    "value": ev.value,
                    "unit": c["unit"],
                    "status": c["status"],
                    "boundary": c["boundary"],
                    "obs_id": c["obs_id"],
                    "conflict": ev.conflict,
                    "rank": rank,
                    "ranked_of": of,
                }
            )
    df = pd.DataFrame(out, columns=PEER_COLUMNS)
    df["rank"] = df["rank"].astype("Int64")
    df["ranked_of"] = df["ranked_of"].astype("Int64")
    return df


def peers_html(table: Any, indicator: str, label_vi: str, study: Any) -> str:
    """The comparison as an HTML table: a row per province (the study's first, in bold), a column per period."""
    if table.empty:
        return f'<div style="color:#666">Chưa có số liệu {esc(label_vi or indicator)} của các {PEERS_VI} đã chọn.</div>'
    pers = list(dict.fromkeys(table["period"]))
    head = "".join(f'<th style="padding:2px 8px;text-align:right">{esc(p)}</th>' for p in pers)
    body = []
    for prov, part in table.groupby("province", sort=False):
        cells = []
        by = {r["period"]: r for r in part.to_dict("records")}
        for p in pers:
            r = by.get(p)
            if r is None:
                cells.append('<td style="padding:2px 8px;text-align:right;color:#999">–</td>')
                continue
            rank = (
                ""
                if r["rank"] is None or str(r["rank"]) == "<NA>"
                else f'<div style="font-size:11px;color:#555">thứ {int(r["rank"])}/{int(r["ranked_of"])}</div>'
            )
            mark = " ≠" if r["conflict"] else ""
            tip = f"{status_vi(r['status'])}; {boundary_vi(r['boundary'])}; {r['obs_id']}"
            cells.append(
                f'<td style="padding:2px 8px;text-align:right" title="{esc(tip)}">'
                f"{esc(num_vi(r['value'], r['unit']))}{esc(mark)} "
                f"{badge(status_vi(r['status']), colour(r['status']))}{rank}</td>"
            )
        weight = "font-weight:700" if prov == study.province else ""
        body.append(f'<tr><td style="padding:2px 8px;{weight}">{esc(prov)}</td>{"".join(cells)}</tr>')
    unit = unit_vi(str(table["unit"].iloc[0]))
    return (
        f'<h4 style="margin:10px 0 4px 0">So sánh với các {PEERS_VI} đã chọn: {esc(label_vi or indicator)}'
        f' ({esc(unit)})</h4><table style="border-collapse:collapse"><tr><th></th>{head}</tr>{"".join(body)}'
        '</table><div style="color:#666;font-size:11px">Số liệu tốt nhất của từng tỉnh, thành phố; ≠: các nguồn '
        'khác nhau; "thứ …/…": thứ hạng trong số các tỉnh, thành phố cùng địa giới, khi đủ số liệu.</div>'
    )
