"""A province among its peers, drawn: every province of the boundary as a bar, the study's province (and its
region, where the territory lineage has one) highlighted, the target where it is of the same measure.

* :func:`study_ranking_tables` — the full ranked tables (every province, those without a value
  listed) of the rankings a study shows (:func:`analysis.assessment.ranking.study_rankings`);
* :func:`fig_ranking` — one panel per ranking;
* :func:`ranking_summary` — the study's rank sentences (scorecard column ``rank_vi``) as Markdown.

By design this is the one figure of a study that shows other provinces; its title says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from analysis.assessment.ranking import RANK_KEY, rank_provinces, study_rankings, study_territory_vi
from analysis.assessment.target_evidence import annual_key
from analysis.core.units import conversion_factor, same_quantity
from analysis.sources.manifest import cached_vocabulary
from analysis.sources.peers import peer_settings
from analysis.studies.study import Study
from analysis.studies.targets import Target
from analysis.wording.labels import PEERS_VI, RANK_ORDER_VI, is_missing, status_vi
from analysis.wording.ranking_text import rank_figure_note_vi, rank_period_vi, rank_value_vi
from analysis.wording.vnformat import UNIT_VI

from .style import OKABE_ITO, draw_target, new_figure, note_line, source_line, vn_tick, wrap_text

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = ["study_ranking_tables", "fig_ranking", "ranking_summary", "ranking_targets", "target_bounds_in", "RANKING_FIGURE"]

#: the file name (without extension) of a study's ranking figure
RANKING_FIGURE = "05_ranking"
_OWN, _REGION, _OTHER = OKABE_ITO[0], OKABE_ITO[5], "#BBBBBB"


def study_ranking_tables(obs: pd.DataFrame, study: Study) -> list[pd.DataFrame]:
    """The ranked tables (every province of the boundary, those without a value last) a study shows, one per
    ranking, in the order of the targets they belong to; empty when no ranking is stated."""
    settings = peer_settings(study.root, required=False)
    if settings is None:
        return []
    ranks = study_rankings(obs, study, settings=settings)
    out = []
    for key in ranks[RANK_KEY].drop_duplicates().itertuples(index=False):
        k = dict(zip(RANK_KEY, key, strict=True))
        table = rank_provinces(
            obs,
            k["indicator"],
            k["period"],
            boundary=k["boundary"],
            unit=k["unit"],
            price_basis=k["price_basis"],
            settings=settings,
        )
        out.append(table)
    return out


def ranking_targets(study: Study, indicator: str, unit: str) -> list[Target]:
    """The study's targets of the same measure as a ranking: on the same indicator and quantity, or a
    period-average growth target whose annual growth is the ranked indicator."""
    voc = cached_vocabulary(study.root)
    out = []
    for t in study.targets:
        if not t.numeric or t.restates:
            continue
        own = t.indicator == indicator and same_quantity(t.unit, unit)
        averaged = t.measure == "period_avg_growth" and annual_key(t, voc) == indicator
        if own or averaged:
            out.append(t)
    return out


def target_bounds_in(target: Target, unit: str) -> tuple[float, float | None]:
    """The target's line (lower or, for an upper-bound kind, upper) and the band's other end (range and 'khoảng'
    only) in the ranking's unit: a target of 'trên 60 triệu đồng/người' on a ranking in thousand VND per person
    is drawn at 60 000, not at 60."""
    f = conversion_factor(target.unit, unit) if same_quantity(target.unit, unit) else 1.0
    line = target.lower if target.kind not in {"at_most", "below"} else target.upper
    other = target.upper if target.kind in {"range", "about"} else None
    return line * f, (None if other is None else other * f)


def _phrase(table: pd.DataFrame, study: Study) -> str:
    """``đứng thứ 6/34 tỉnh, thành phố`` (or why there is no rank) for the study province in a ranked table."""
    own = table[(table["province"] == study.province) & table["value"].notna()]
    if own.empty or is_missing(own["rank"].iloc[0]):
        return f"chưa có số liệu của {study_territory_vi(study)}"
    return f"đứng thứ {int(own['rank'].iloc[0])}/{int(own['provinces'].iloc[0])} {PEERS_VI}"


def _panel(ax: Any, table: pd.DataFrame, study: Study) -> bool:
    """One ranking as bars; returns whether regions were drawn."""
    import numpy as np

    has = table[table["value"].notna()]
    names = has["province"].tolist()
    values = has["value"].astype(float).to_numpy()
    own_region = next(
        (r for p, r in zip(table["province"], table["region"], strict=True) if p == study.province and not is_missing(r) and r),
        "",
    )
    colours = [
        _OWN if p == study.province else (_REGION if own_region and r == own_region else _OTHER)
        for p, r in zip(names, has["region"], strict=True)
    ]
    x = np.arange(len(names))
    ax.bar(x, values, color=colours, width=0.75, zorder=2)
    ax.set_xticks(x, names, rotation=90, fontsize=6.5 if len(names) <= 40 else 5)
    for lbl, p in zip(ax.get_xticklabels(), names, strict=True):
        if p == study.province:
            lbl.set_fontweight("bold")
            lbl.set_color(_OWN)
    ax.yaxis.set_major_formatter(vn_tick)
    ax.grid(axis="y", color="#DDDDDD", lw=0.6, zorder=0)
    ax.set_xlim(-0.6, len(names) - 0.4)
    unit = str(table["unit"].iloc[0])
    ax.set_ylabel(UNIT_VI.get(unit, "").strip() or unit, fontsize=8)
    own = has[has["province"] == study.province]
    if own.empty:
        return bool(own_region)
    r = own.iloc[0]
    i = names.index(study.province)
    top = float(r["value"])
    if int(r["conflicts"] or 0) and not is_missing(r["low_value"]):
        lo, hi = float(r["low_value"]), float(r["high_value"])
        ax.errorbar(
            [i],
            [top],
            yerr=[[top - lo], [hi - top]],
            fmt="none",
            ecolor="#333333",
            capsize=3,
            lw=1,
            zorder=3,
            label="khoảng số liệu của các nguồn khác nhau",
        )
        top = max(top, hi)
    ax.annotate(
        rank_value_vi(r["value"], unit, r["decimals"]),
        (i, top),
        xytext=(0, 3),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=8,
        fontweight="bold",
        color=_OWN,
    )
    return bool(own_region)


def fig_ranking(tables: list[pd.DataFrame], study: Study) -> Any:
    """Every province of the boundary on the study's rankings (one panel each), the study's province highlighted.

    Parameters
    ----------
    tables : list of pandas.DataFrame
        Ranked tables (:func:`study_ranking_tables`), at least one.
    study : Study

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    if not tables:
        raise ValueError("no ranking to draw: the study's indicators are not ranked in the store")
    voc = cached_vocabulary(study.root)
    first = tables[0]
    label = (voc.get(first["indicator"].iloc[0]) or {}).get("label_vi", first["indicator"].iloc[0])
    territory = study_territory_vi(study)
    covered, of = int(first["covered"].iloc[0]), int(first["provinces"].iloc[0])
    names = [(voc.get(t["indicator"].iloc[0]) or {}).get("label_vi", t["indicator"].iloc[0]) for t in tables]
    phrases = [
        f"{n} {rank_period_vi(t['period'].iloc[0])}: {_phrase(t, study)}" if len(tables) > 1 else _phrase(t, study)
        for n, t in zip(names, tables, strict=True)
    ]
    fig, ax0 = new_figure(
        f"{label} {rank_period_vi(first['period'].iloc[0])}: {territory} so với các {PEERS_VI}",
        f"{territory[:1].upper()}{territory[1:]} {'; '.join(phrases)}. Thể hiện tất cả các {PEERS_VI}"
        f" có số liệu ({covered}/{of}), {RANK_ORDER_VI.get(str(first['order'].iloc[0]), '')}.",
    )
    axes = [ax0]
    if len(tables) > 1:
        ax0.remove()
        gs = fig.add_gridspec(1, len(tables), left=0.08, right=0.97, top=0.82, bottom=0.3, wspace=0.15)
        axes = [fig.add_subplot(gs[0, k]) for k in range(len(tables))]
    else:
        fig.subplots_adjust(bottom=0.3)
    regions, notes, publishers, statuses = False, [], [], []
    for ax, table, name in zip(axes, tables, names, strict=True):
        regions = _panel(ax, table, study) or regions
        ind, unit = table["indicator"].iloc[0], str(table["unit"].iloc[0])
        if len(tables) > 1:
            ax.set_title(wrap_text(f"{name} {rank_period_vi(table['period'].iloc[0])}", 50), fontsize=9)
        for t in ranking_targets(study, ind, unit):
            what = "mục tiêu" if t.indicator == ind else f"mục tiêu bình quân {t.base_year + 1}–{t.target_year}"
            draw_target(ax, *target_bounds_in(t, unit), label=f"{what}: {t.text_vi()}")
            break  # one target line per panel (the first in report order)
        own = table[(table["province"] == study.province) & table["value"].notna()]
        note = rank_figure_note_vi(own.iloc[0].to_dict(), territory) if not own.empty else ""
        if note:
            notes.append(note)
        absent = table[table["value"].isna()]["province"].tolist()
        if absent:
            notes.append(f"Chưa có số liệu: {', '.join(absent)}.")
        publishers += [str(s).split(";")[0].strip() for s in table["source_ref"].dropna() if str(s).strip()]
        statuses += [s for s in table["status"].dropna()]
        handles, _ = ax.get_legend_handles_labels()
        if handles:
            ax.legend(loc="upper right", fontsize=7, frameon=False)
    if not regions:
        notes.append(f"Dữ liệu địa giới chưa có vùng kinh tế - xã hội: chỉ tô màu {territory}.")
    note_line(fig, " ".join(notes), y=0.055)
    pubs = list(dict.fromkeys(publishers))
    kinds = ", ".join(status_vi(s) for s in dict.fromkeys(statuses))
    source_line(fig, f"{'; '.join(pubs[:5])}{' và các nguồn khác' if len(pubs) > 5 else ''} (số liệu {kinds}).")
    plt.close(fig)
    return fig


def ranking_summary(card: pd.DataFrame) -> str:
    """The study's rank sentences (scorecard column ``rank_vi``) as a Markdown list, or why there are none."""
    rows = card[card["rank_vi"].fillna("") != ""] if "rank_vi" in card else card.iloc[0:0]
    if rows.empty:
        return (
            f"Chưa có bảng xếp hạng: kho số liệu chưa có số liệu của phần lớn các {PEERS_VI} cho các chỉ tiêu "
            "của nghiên cứu (ngưỡng `min_coverage` trong `data/raw/ranking.toml`)."
        )
    return "\n".join(f"- **{r.target_id}** {r.rank_vi}" for r in rows.itertuples())
