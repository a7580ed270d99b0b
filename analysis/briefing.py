"""Tables and briefing figures the notebooks show (thin notebooks, logic here).

Every function reads the evidence store / scorecard and returns a DataFrame or a
matplotlib figure; nothing here invents or fills a number: years without
evidence are gaps, labelled as such.
"""
from __future__ import annotations

import math
from typing import Any

from .assessment import BOUNDARY_PREFERENCE
from .evidence import EVIDENCE_TIERS, select_best
from .figures import (OKABE_ITO, bar_with_evidence, draw_target, evidence_legend, new_figure, source_line,
                      status_board)
from .vnformat import fmt_amount_vi, fmt_vn

__all__ = [
    "best_series", "evidence_table", "inventory", "coverage", "fig_industry_growth", "fig_structure",
    "fig_labour", "fig_investment", "fig_scorecard", "fig_method_check", "definition_matrix",
    "ownership_decomposition", "method_checks", "data_needed",
]

EVIDENCE_COLS = ["obs_id", "period", "value", "unit", "status", "boundary", "price_basis", "qualifier", "source_ref"]


def best_series(obs: "pd.DataFrame", indicator: str, years: range | list[int], *,  # noqa: F821
                boundary: Any = BOUNDARY_PREFERENCE, unit: str | None = None,
                price_basis: str | None = None) -> "pd.DataFrame":  # noqa: F821
    """Best value per year (gaps stay gaps): year, value, status, boundary, obs_id, conflict."""
    import pandas as pd

    rows = []
    for y in years:
        ev = select_best(obs, indicator, str(y), boundary=boundary, unit=unit, price_basis=price_basis)
        if ev.found:
            rows.append({"year": y, "value": ev.value, "status": ev.chosen["status"], "boundary": ev.chosen["boundary"],
                         "obs_id": ev.chosen["obs_id"], "conflict": ev.conflict,
                         "source_ref": ev.chosen["source_ref"]})
        else:
            rows.append({"year": y, "value": math.nan, "status": "", "boundary": "", "obs_id": "",
                         "conflict": False, "source_ref": "chưa có số liệu / no data"})
    return pd.DataFrame(rows)


def evidence_table(obs: "pd.DataFrame", indicators: list[str], periods: list[str] | None = None) -> "pd.DataFrame":  # noqa: F821
    """All observations of some indicators (targets excluded), sorted by indicator and period."""
    sel = obs[obs["indicator"].isin(indicators) & (obs["status"] != "target")]
    if periods is not None:
        sel = sel[sel["period"].isin(periods)]
    return sel.sort_values(["indicator", "period", "obs_id"])[["indicator"] + EVIDENCE_COLS].reset_index(drop=True)


def inventory(obs: "pd.DataFrame") -> "pd.DataFrame":  # noqa: F821
    """Counts of observations by source kind, status and boundary."""
    return (obs.groupby(["source_kind", "status", "boundary"]).size().rename("observations").reset_index()
            .sort_values(["source_kind", "status", "boundary"]).reset_index(drop=True))


def coverage(obs: "pd.DataFrame", indicators: list[str], years: range = range(2016, 2026)) -> "pd.DataFrame":  # noqa: F821
    """Indicator × year grid of the best evidence status ('' = no data) for the province."""
    import pandas as pd

    q = obs[(obs["province"] == "Quảng Ngãi") & (obs["status"] != "target")]
    grid = {}
    for ind in indicators:
        sub = q[q["indicator"] == ind]
        row = {}
        for y in years:
            cand = sub[sub["period"] == str(y)]
            row[str(y)] = "" if cand.empty else min(cand["status"], key=EVIDENCE_TIERS.index)[:4]
        grid[ind] = row
    return pd.DataFrame(grid).T.rename_axis("indicator")


def data_needed(card: "pd.DataFrame") -> "pd.DataFrame":  # noqa: F821
    """Targets that cannot be assessed yet, with the table or report that would settle them and who holds it."""
    sel = card[card["status"].isin(["chưa có số liệu", "định tính"])]
    return sel[["target_id", "target_vi", "status", "data_needed", "data_from"]].reset_index(drop=True)


def fig_industry_growth(obs: "pd.DataFrame", card: "pd.DataFrame") -> Any:  # noqa: F821
    """Annual industry value-added growth 2021–2025 and the period average against the 8–9 %/yr band."""
    s = best_series(obs, "va_industry_growth", range(2021, 2026))
    row = card.set_index("target_id").loc["T01"]
    fig, ax = new_figure("Tăng trưởng giá trị tăng thêm công nghiệp / Industrial value-added growth",
                         "%/năm, giá so sánh 2010 — cột trống: chưa có số liệu / % a year, 2010 prices; gaps: no data")
    vals, statuses, bounds = _years_and_period(ax, s, row, "BQ 2021–2025\n(avg)", OKABE_ITO[0])
    draw_target(ax, 8, 9, label="Mục tiêu 8–9%/năm / target")
    ax.set_ylabel("%")
    ax.set_ylim(0, max([v for v in vals if not (isinstance(v, float) and math.isnan(v))] + [10]) * 1.45)
    evidence_legend(ax, statuses, merged="merged2025" in bounds, extra=ax.get_legend_handles_labels()[0][:1])
    srcs = "; ".join(sorted({o for o in s["obs_id"] if o} | set(str(row["sources"]).split("; ")) - {""}))
    source_line(fig, f"kho bằng chứng / evidence store, quan sát {srcs} (data/processed/observations.csv). "
                     "Năm 2025 và BQ: tỉnh mới hoặc chưa rõ địa giới / 2025 and average: merged or unstated territory.")
    return fig


def fig_structure(obs: "pd.DataFrame", card: "pd.DataFrame") -> Any:  # noqa: F821
    """Final-year shares against their targets (industry+services, industry, manufacturing, labour)."""
    rows = card.set_index("target_id")
    ids = ["T03", "T04", "T05", "T06", "T08", "T09"]
    labels = {"T03": "CN-XD và DV / ind.+constr.+services (GRDP)", "T04": "Công nghiệp / industry (GRDP)",
              "T05": "CN chế biến, chế tạo / manufacturing (GRDP)", "T06": "CN chế tạo / fabrication (GRDP)",
              "T08": "Lao động CN-XD-DV / non-farm employment",
              "T09": "Lao động CN-XD / ind.+constr. employment"}
    fig, ax = new_figure("Cơ cấu kinh tế và lao động năm 2025 so với mục tiêu / Structure in 2025 vs targets",
                         "% — dải xanh: mục tiêu (± dung sai 'khoảng') / green: target (± 'about' tolerance)")
    ax.grid(axis="x", color="#DDDDDD")
    ax.grid(axis="y", visible=False)
    ys = list(range(len(ids)))[::-1]
    statuses, bounds = [], []
    targets = _targets()
    for y, tid in zip(ys, ids):
        r = rows.loc[tid]
        lo, hi, tol = targets[tid].lower, targets[tid].upper, targets[tid].about_tolerance
        ax.plot([lo - tol, (hi if not math.isnan(hi) else lo) + tol], [y + 0.42, y + 0.42], color="#009E73", lw=5,
                alpha=0.6, solid_capstyle="butt", zorder=3)
        ax.plot([lo, lo], [y - 0.4, y + 0.45], color="#009E73", lw=1.5, zorder=3)
        if not math.isnan(r["actual"]):
            bar_with_evidence(ax, [y], [r["actual"]], [r["evidence_status"]], [_b(r["boundary"])], horizontal=True)
            statuses.append(r["evidence_status"])
            bounds.append(_b(r["boundary"]))
        else:
            ax.annotate("chưa có số liệu / no data", (1, y), va="center", fontsize=9, color="#777777")
    ax.set_yticks(ys, [f"{tid} {labels[tid]}" for tid in ids], fontsize=9)
    ax.set_xlim(0, 80)
    ax.set_xlabel("%")
    fig.subplots_adjust(left=0.42)
    evidence_legend(ax, statuses, merged="merged2025" in bounds, loc="lower right")
    srcs = "; ".join(s for s in rows.loc[ids, "sources"] if s)
    source_line(fig, f"quan sát / observations {srcs} (data/processed/scorecard.csv); định nghĩa và mẫu số: xem "
                     "notebook 02 / definitions: notebook 02.")
    return fig


def _years_and_period(ax: Any, s: "pd.DataFrame", row: Any, period_label: str, colour: str,  # noqa: F821
                      fmt: Any = None) -> tuple[list[float], list[str], list[str]]:
    """Bars for each year of ``s`` plus one for the period value of a scorecard row."""
    labels = [str(y) for y in s["year"]] + [period_label]
    x = list(range(len(labels)))
    vals = list(s["value"]) + [row["actual"]]
    statuses = list(s["status"]) + [row["evidence_status"]]
    bounds = list(s["boundary"]) + [_b(row["boundary"])]
    bar_with_evidence(ax, x, vals, statuses, bounds, colour=colour, fmt=fmt)
    _gaps_and_ticks(ax, x, labels, vals)
    return vals, statuses, bounds


def _gaps_and_ticks(ax: Any, x: list[int], labels: list[str], vals: list[float]) -> None:
    """Category ticks for every year, and a 'no data' mark where a year has no evidence."""
    ax.set_xticks(x, labels)
    ax.set_xlim(-0.6, len(x) - 0.4)
    for xi, v in zip(x, vals):
        if isinstance(v, float) and math.isnan(v):
            ax.annotate("chưa có\nsố liệu", (xi, 0), xytext=(0, 4), textcoords="offset points", ha="center",
                        fontsize=8, color="#777777")


def _sources_text(s: "pd.DataFrame") -> str:  # noqa: F821
    """``F177 (2018, secondary); F179 (2025, estimate, boundary unknown)`` for the years with evidence."""
    parts = []
    for r in s[s["obs_id"] != ""].to_dict("records"):
        extra = "" if r["boundary"] == "pre2025" else f", {r['boundary']}"
        parts.append(f"{r['obs_id']} ({r['year']}, {r['status']}{extra})")
    return "; ".join(parts) or "none"


def _other_units(obs: "pd.DataFrame", indicator: str, unit: str, years: range) -> str:  # noqa: F821
    """Observations of the same indicator and years published in a unit that cannot be converted."""
    from .units import same_quantity

    sel = obs[(obs["indicator"] == indicator) & obs["period"].isin([str(y) for y in years])
              & (obs["status"] != "target")]
    return "; ".join(f"{r['obs_id']} ({r['period']}, {r['unit']})" for r in sel.to_dict("records")
                     if not same_quantity(r["unit"], unit))


def _b(boundary: str) -> str:
    return "merged2025" if "merged2025" in boundary else boundary


def _targets() -> dict[str, Any]:
    from .targets import load_targets

    return {t.id: t for t in load_targets()}


def fig_labour(obs: "pd.DataFrame") -> Any:  # noqa: F821
    """Share of employment outside agriculture over time, against the > 63 % target."""
    s = best_series(obs, "employed_share_nonagriculture", range(2016, 2026), unit="percent")
    fig, ax = new_figure("Tỷ lệ lao động ngoài nông nghiệp / Employment outside agriculture",
                         "% tổng số lao động đang làm việc / % of employed persons — năm trống: chưa có số liệu")
    labels = [str(y) for y in s["year"]]
    x = list(range(len(labels)))
    bar_with_evidence(ax, x, list(s["value"]), list(s["status"]), list(s["boundary"]), colour=OKABE_ITO[2])
    _gaps_and_ticks(ax, x, labels, list(s["value"]))
    draw_target(ax, 63, None, label="Mục tiêu > 63% (2025) / target")
    ax.set_ylim(0, 100)
    ax.set_ylabel("%")
    evidence_legend(ax, list(s["status"]), merged="merged2025" in set(s["boundary"]),
                    extra=ax.get_legend_handles_labels()[0][:1], colour=OKABE_ITO[2])
    source_line(fig, "quan sát / observations " + _sources_text(s) + " (data/processed/observations.csv)")
    return fig


def fig_investment(obs: "pd.DataFrame", card: "pd.DataFrame") -> Any:  # noqa: F821
    """Registered investment into Dung Quất EZ and industrial parks: annual flows and the 2021–2025 total."""
    s = best_series(obs, "investment_registered_ez_ip", range(2021, 2026), unit="mn_USD")
    row = card.set_index("target_id").loc["T12"]
    fig, ax = new_figure("Vốn đăng ký vào KKT Dung Quất và các KCN / Registered investment, EZ and IPs",
                         "triệu USD / mn USD — năm trống: chưa có số liệu cùng đơn vị / gaps: no data in USD")
    vals, statuses, bounds = _years_and_period(ax, s, row, "2021–2025\n(tổng / total)", OKABE_ITO[1],
                                               fmt=lambda v: fmt_vn(v, 0))
    draw_target(ax, 5000, 6000, 250, label="Mục tiêu khoảng 5–6 tỷ USD / target about 5–6 bn USD")
    ax.set_ylabel("triệu USD / mn USD")
    ax.set_ylim(0, 8000)
    evidence_legend(ax, statuses, merged="merged2025" in bounds, extra=ax.get_legend_handles_labels()[0][:1],
                    colour=OKABE_ITO[1])
    other = _other_units(obs, "investment_registered_ez_ip", "mn_USD", range(2021, 2026))
    source_line(fig, "quan sát / observations " + _sources_text(s) + f"; tổng / total {row['sources']}"
                + (f". Không quy đổi tiền tệ / not converted: {other}" if other else ""))
    return fig


def fig_scorecard(card: "pd.DataFrame") -> Any:  # noqa: F821
    """The status board of every target in the order of Section I."""
    c = card.copy()
    c["actual_text"] = [fmt_amount_vi(v, u) if not (isinstance(v, float) and math.isnan(v)) else ""
                        for v, u in zip(c["actual"], c["unit"])]
    fig = status_board(c, "Kết quả thực hiện các chỉ tiêu đến 2025 / Results against the 2025 targets")
    n_ok = int(c["status"].isin(["đạt", "vượt"]).sum())
    n_num = int((c["status"] != "định tính").sum())
    fig.text(0.02, 0.015, f"{n_ok}/{n_num} chỉ tiêu định lượng đạt và vượt; các chỉ tiêu còn lại chưa có số liệu "
                          "hoặc không đạt. Nguồn / Source: data/processed/scorecard.csv", fontsize=8, color="#444444")
    return fig


def method_checks(paths: list[Any]) -> "pd.DataFrame":  # noqa: F821
    """Structure and index recomputation for every yearbook table: one summary row per check."""
    import pandas as pd

    from .checks import check_index, check_structure
    from .yearbook import read_yearbook_table

    rows = []
    for p in paths:
        t = read_yearbook_table(p)
        for kind, res in (("structure", check_structure(t)), ("index", check_index(t))):
            if len(res) == 0:
                rows.append({"table": p.name, "check": kind, "values_checked": 0, "max_abs_diff": math.nan,
                             "all_rounding_only": None})
                continue
            rows.append({"table": p.name, "check": kind, "values_checked": len(res),
                         "max_abs_diff": float(res["diff"].abs().max()),
                         "all_rounding_only": bool(res["within_tolerance"].all())})
    return pd.DataFrame(rows)


def fig_method_check(paths: list[Any]) -> Any:
    """Distribution of recomputed − printed differences for structure and index blocks."""
    from .checks import check_index, check_structure
    from .yearbook import read_yearbook_table

    fig, ax = new_figure("Kiểm tra phương pháp: tính lại cơ cấu và chỉ số / Method check",
                         "chênh lệch tính lại − in trong niên giám (điểm %) / recomputed − printed (points)")
    diffs: dict[str, list[float]] = {"structure": [], "index": []}
    for p in paths:
        t = read_yearbook_table(p)
        diffs["structure"] += list(check_structure(t)["diff"])
        diffs["index"] += list(check_index(t)["diff"])
    ax.hist([diffs["structure"], diffs["index"]], bins=20, range=(-0.07, 0.07), stacked=True,
            color=[OKABE_ITO[0], OKABE_ITO[1]],
            label=[f"cơ cấu / structure (n={len(diffs['structure'])})", f"chỉ số / index (n={len(diffs['index'])})"])
    ax.axvline(-0.02, color="#D55E00", ls=":", lw=1)
    ax.axvline(0.02, color="#D55E00", ls=":", lw=1, label="±0,02 điểm %: ngưỡng cơ cấu / structure tolerance")
    ax.set_xlabel("điểm phần trăm / percentage points")
    ax.set_ylabel("số giá trị / values")
    ax.legend(loc="upper left")
    source_line(fig, "các biểu niên giám trong data/raw/yearbook/ (Quảng Ngãi 2016 biểu 24, 41, 176; Nghệ An 2019; "
                     "Hòa Bình 2022 biểu 29) / shipped yearbook tables.")
    return fig


def definition_matrix(obs: "pd.DataFrame", period: str, boundary: str) -> "pd.DataFrame":  # noqa: F821
    """Shares under each definition and denominator from current-price levels of one period.

    Rows: industry alone (B–E), industry + construction (B–F), industry + construction
    + services; columns: share of GRDP including product taxes (official), share of
    the sum of sectors (older press convention), and the published share if any.
    """
    import pandas as pd

    from .indicators import shares

    keys = ["va_agriculture", "va_industry", "va_industry_construction", "va_services", "product_taxes"]
    lv = {}
    ids = []
    for k in keys:
        ev = select_best(obs, k, period, boundary=boundary, price_basis="current", unit="bn_VND")
        if not ev.found or ev.chosen["price_basis"] != "current":
            raise ValueError(f"definition_matrix: no current-price {k} for {period} ({boundary})")
        lv[k] = ev.value
        ids.append(ev.chosen["obs_id"])
    sectors = pd.Series({"agriculture": lv["va_agriculture"], "industry_construction": lv["va_industry_construction"],
                         "services": lv["va_services"]})
    with_tax = shares(sectors, product_taxes=lv["product_taxes"])
    without = shares(sectors, denominator="sum_of_sectors")
    grdp = sectors.sum() + lv["product_taxes"]
    sum_sec = sectors.sum()
    rows = [
        ("công nghiệp / industry (B–E)", "share_industry", lv["va_industry"] / grdp * 100, lv["va_industry"] / sum_sec * 100),
        ("CN-XD / industry + construction (B–F)", "share_industry_construction", with_tax["industry_construction"],
         without["industry_construction"]),
        ("CN-XD và DV / industry, construction, services", "share_industry_services",
         with_tax["industry_construction"] + with_tax["services"], without["industry_construction"] + without["services"]),
    ]
    out = []
    for label, key, a, b in rows:
        pub = select_best(obs, key, period, boundary=boundary)
        out.append({"definition": label, "share_of_grdp_incl_taxes": round(a, 2),
                    "share_of_sum_of_sectors": round(b, 2),
                    "published": pub.value if pub.found else math.nan,
                    "published_id": pub.chosen["obs_id"] if pub.found else ""})
    df = pd.DataFrame(out)
    df.attrs["level_ids"] = ids
    return df


def ownership_decomposition(obs: "pd.DataFrame", y0: int, y1: int) -> "pd.DataFrame":  # noqa: F821
    """Shift-share of gross output per worker by ownership type (yearbook 2016 tables 176 and 24).

    An illustration of :func:`analysis.shift_share` on real yearbook data: gross
    output (not value added) at *current* prices, so the change is nominal.
    """
    import pandas as pd

    from .indicators import shift_share

    out_keys = {"state": "qn2016_t176.main.state", "non_state": "qn2016_t176.main.non_state",
                "fdi": "qn2016_t176.main.foreign_invested_sector"}
    emp_keys = {"state": "qn2016_t24.main.state", "non_state": "qn2016_t24.main.non_state",
                "fdi": "qn2016_t24.main.foreign_investment_sector"}

    def get(keys: dict[str, str], year: int, scale: float) -> pd.Series:
        vals = {}
        for sector, key in keys.items():
            ev = select_best(obs, key, str(year))
            if not ev.found:
                raise ValueError(f"ownership_decomposition: {key} {year} not in the store")
            vals[sector] = ev.value * scale
        return pd.Series(vals)

    va0, va1 = get(out_keys, y0, 1e-3), get(out_keys, y1, 1e-3)   # million VND → billion VND
    l0, l1 = get(emp_keys, y0, 1.0), get(emp_keys, y1, 1.0)
    return shift_share(va0, l0, va1, l1)
