"""Tables and narrative pieces the notebooks show (thin notebooks, logic here).

Every function takes the study (:mod:`analysis.studies.study`) and reads the evidence
store / scorecard; nothing here knows a target id, a bound, a year or a province:
they come from the study's targets. Nothing invents or fills a number: years
without evidence are gaps, labelled as such. Figures are in
:mod:`analysis.briefing.figures`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from analysis.assessment.target_evidence import study_evidence
from analysis.assessment.verdicts import Assessment
from analysis.core.names import nfc
from analysis.core.paths import processed_dir, raw_dir
from analysis.core.vocabulary import EVIDENCE_TIERS, MET, Verdict, is_growth_rate
from analysis.evidence.checks import check_index, check_structure
from analysis.evidence.derive import parse_formula
from analysis.evidence.indicators import annualised_growth, cagr, required_growth, shares, shift_share
from analysis.evidence.select import select_best
from analysis.sources.manifest import cached_vocabulary, load_manifest, load_vocabulary
from analysis.sources.yearbook.reader import read_yearbook_table
from analysis.studies.study import Study, load_study
from analysis.studies.targets import Target
from analysis.wording.vnformat import fmt_amount_vi, fmt_vn, record_decimals

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    from pathlib import Path

    import pandas as pd

__all__ = [
    "best_series",
    "evidence_table",
    "inventory",
    "coverage",
    "data_needed",
    "targets_of",
    "theme_indicators",
    "assessment_table",
    "statements_markdown",
    "definition_matrix",
    "matrix_reading",
    "shift_share_from_study",
    "method_checks",
    "yearbook_tables",
    "study_header",
    "worked_example",
    "verdict_summary",
    "THEME_GROUPS",
    "FIGURE_DRAWS",
    "drawn_targets",
    "growth_target",
    "recorded_changes",
]

EVIDENCE_COLS = ["province", "obs_id", "period", "value", "unit", "status", "boundary", "price_basis", "qualifier", "source_ref"]
#: which target themes each narrative notebook covers
THEME_GROUPS = {
    "growth": ("growth",),
    "structure": ("structure",),
    "labour": ("labour",),
    "investment": ("investment", "fiscal", "environment", "social", "other"),
}


def growth_target(t: Target, voc: dict[str, dict[str, str]]) -> bool:
    """A target on a growth rate (:func:`analysis.core.vocabulary.is_growth_rate`): an average growth, or a value
    of an indicator the vocabulary calls a growth (an annual plan's "GRDP tăng 10%"): drawn as growth, never on a
    share axis."""
    return is_growth_rate(t.measure, voc.get(t.indicator, {}).get("kind", ""))


#: which of a group's numeric targets its briefing figure draws (:mod:`analysis.briefing.figures`), given the
#: indicator vocabulary: the structure figure shares in percent (never a growth rate); the labour figure shares
#: and growth rates (a growth rate in a growth panel); the others every numeric target. The deck's slide titles
#: count the same targets (:mod:`analysis.report.deck`).
FIGURE_DRAWS: dict[str, Any] = {
    "structure": lambda t, voc: t.unit == "percent" and not growth_target(t, voc),
    "labour": lambda t, voc: t.unit == "percent" or growth_target(t, voc),
}


def drawn_targets(group: str, targets: list[Target], study: Study | None = None) -> list[Target]:
    """The targets the figure of ``group`` draws: numeric, one per quantity (a restatement is left out)."""
    keep = FIGURE_DRAWS.get(group, lambda t, voc: True)
    voc = cached_vocabulary(getattr(study, "root", None))
    return [t for t in targets if t.numeric and not t.restates and keep(t, voc)]


def study_header(study: Study) -> str:
    """Markdown naming the study, its province and territory — with its successor when that has another name
    ("tỉnh Nam Định (cũ), nay thuộc tỉnh Ninh Bình", from the lineage) — and period (for the top of each
    notebook)."""
    b = {"pre2025": "địa giới trước ngày 01/7/2025", "merged2025": "tỉnh mới từ ngày 01/7/2025"}[study.boundary]
    name = study.territory_vi() if study.successor not in (None, study.province) else f"tỉnh {study.province}"
    return (
        f"**{study.short_title_vi}** — {name} ({b}); năm gốc {study.base_year}, "
        f"năm mục tiêu {study.target_year}; {len(study.targets)} chỉ tiêu.  \n"
        f"*{study.short_title_en}; base year {study.base_year}, target year {study.target_year}.*"
    )


def targets_of(study: Study, group: str) -> list[Target]:
    """The study's targets of one notebook group (see :data:`THEME_GROUPS`), in report order."""
    themes = THEME_GROUPS[group]
    return [t for t in study.targets if t.theme in themes and t.numeric]


def theme_indicators(study: Study, targets: list[Target]) -> list[str]:
    """Indicator keys behind some targets: the target's, its level and annual series, its formula's terms."""

    voc = load_vocabulary(study.root)
    keys: list[str] = []
    for t in targets:
        level = t.level_indicator or voc.get(t.indicator, {}).get("level", "")
        for k in (t.indicator, level, t.annual_indicator):
            if k:
                keys.append(k)
        for spec in (
            t.numerator or voc.get(t.indicator, {}).get("numerator", ""),
            t.denominator or voc.get(t.indicator, {}).get("denominator", ""),
        ):
            keys += [k for alt in parse_formula(spec) for _, k in alt]
    return list(dict.fromkeys(k for k in keys if k in voc))


def best_series(
    obs: pd.DataFrame,
    study: str | Study,
    indicator: str,
    years: list[int],
    *,
    unit: str | None = None,
    price_basis: str | None = None,
) -> pd.DataFrame:
    """Best value per year for the study's province (gaps stay gaps): year, value, status, boundary, obs_id,
    and the decimals its source printed (:func:`analysis.wording.vnformat.record_decimals`)."""
    import pandas as pd

    obs, st = study_evidence(obs, study)
    rows = []
    for y in years:
        ev = select_best(
            obs, indicator, str(y), province=st.province, boundary=st.boundary_preference, unit=unit, price_basis=price_basis
        )
        if ev.found:
            rows.append(
                {
                    "year": y,
                    "value": ev.value,
                    "status": ev.chosen["status"],
                    "boundary": ev.chosen["boundary"],
                    "obs_id": ev.chosen["obs_id"],
                    "conflict": ev.conflict,
                    "source_ref": ev.chosen["source_ref"],
                    "decimals": record_decimals({**ev.chosen, "value": ev.value}),
                }
            )
        else:
            rows.append(
                {
                    "year": y,
                    "value": math.nan,
                    "status": "",
                    "boundary": "",
                    "obs_id": "",
                    "conflict": False,
                    "source_ref": "chưa có số liệu / no data",
                    "decimals": None,
                }
            )
    return pd.DataFrame(rows)


def evidence_table(
    obs: pd.DataFrame, study: str | Study, indicators: list[str], periods: list[str] | None = None
) -> pd.DataFrame:
    """Every observation (published and derived) of some indicators for the study's province only."""
    obs, _ = study_evidence(obs, study)
    sel = obs[obs["indicator"].isin(indicators) & (obs["status"] != "target")]
    if periods is not None:
        sel = sel[sel["period"].isin(periods)]
    return sel.sort_values(["indicator", "period", "obs_id"])[["indicator"] + EVIDENCE_COLS].reset_index(drop=True)


def inventory(obs: pd.DataFrame, study: str | Study) -> pd.DataFrame:
    """Counts of the study's evidence (its province's observations, derived ones included) by source kind,
    status and boundary: another province's figures are not the study's evidence and are not counted."""
    ev, _ = study_evidence(obs, study)
    keys = ["province", "source_kind", "status", "boundary"]
    return ev.groupby(keys).size().rename("observations").reset_index().sort_values(keys).reset_index(drop=True)


def _own_manifest_lines(st: Study, obs: pd.DataFrame | None) -> list[dict[str, str]]:
    """Manifest lines of the study's territory: its province's files, and published files holding any of
    its province's observations (a published file may hold several provinces)."""
    files = set() if obs is None else set(obs.loc[obs["province"] == st.province, "raw_file"])
    return [m for _, m in load_manifest(st.root) if nfc(m["province"]) == nfc(st.province) or f"data/raw/{m['file']}" in files]


def manifest_lines(study: str | Study, obs: pd.DataFrame | None = None) -> pd.DataFrame:
    """The manifest lines (input files) of the study's territory: id, kind, file, province, edition, table,
    boundary and price basis."""
    import pandas as pd

    st = load_study(study) if not isinstance(study, Study) else study
    cols = ["id", "kind", "file", "province", "edition", "table", "boundary", "price_basis"]
    return pd.DataFrame([{c: m.get(c, "") for c in cols} for m in _own_manifest_lines(st, obs)], columns=cols)


def coverage(obs: pd.DataFrame, study: str | Study, indicators: list[str]) -> pd.DataFrame:
    """Indicator × year grid (base year … target year) of the best evidence status ('' = gap), study's province."""
    import pandas as pd

    obs, st = study_evidence(obs, study)
    years = range(st.base_year, st.target_year + 1)
    q = obs[obs["status"] != "target"]
    grid = {}
    for ind in indicators:
        sub = q[q["indicator"] == ind]
        grid[ind] = {
            str(y): (
                ""
                if sub[sub["period"] == str(y)].empty
                else min(sub[sub["period"] == str(y)]["status"], key=EVIDENCE_TIERS.index)[:4]
            )
            for y in years
        }
    return pd.DataFrame(grid, index=[str(y) for y in years]).T.rename_axis("indicator")


def data_needed(card: pd.DataFrame) -> pd.DataFrame:
    """Targets that cannot be assessed yet, with the table or report that would settle them and who holds it."""
    sel = card[card["verdict"].isin([Verdict.NO_DATA, Verdict.QUALITATIVE])]
    return sel[["target_id", "target_vi", "status", "data_needed", "data_from"]].reset_index(drop=True)


def assessment_table(results: list[Assessment]) -> pd.DataFrame:
    """One row per assessed target: target text, value, method, verdict, evidence status, boundary, sources, flags."""
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "target": a.target.id,
                "target_text": a.target.text_vi(),
                "value": fmt_amount_vi(a.value, a.target.unit, a.decimals) if not math.isnan(a.value) else "",
                "method": a.method,
                "status": a.status_vi,
                "evidence": a.evidence_status,
                "boundary": a.boundary,
                "sources": a.sources,
                "flags": "; ".join(a.flags),
            }
            for a in results
        ]
    )


def statements_markdown(results: list[Assessment]) -> str:
    """The result sentences as a Markdown list (shown with ``display(Markdown(...))``, never printed)."""
    if not results:
        return "*Nghiên cứu này không có chỉ tiêu thuộc nhóm này / no targets of this kind in this study.*"
    return "\n".join(f"- **{a.target.id}** {a.statement_vi()}" for a in results)


def verdict_summary(card: pd.DataFrame) -> str:
    """``x/y chỉ tiêu định lượng đạt và vượt (…)`` as review reports summarise, from the scorecard: vượt, đạt, không
    đạt and chưa có số liệu always, cơ bản đạt and chưa đủ cơ sở đánh giá when some target has them, so the parts
    add up to y."""
    always = {Verdict.EXCEEDED, Verdict.MET, Verdict.NOT_MET, Verdict.NO_DATA}
    counts = card["verdict"].value_counts()
    n_numeric = int((card["verdict"] != Verdict.QUALITATIVE).sum())
    shown = [k for k in Verdict if k != Verdict.QUALITATIVE and (k in always or counts.get(k.value, 0))]
    parts = ", ".join(f"{int(counts.get(k.value, 0))} {k.vi}" for k in shown)
    n_ok = int(sum(counts.get(k, 0) for k in MET))
    return f"**{n_ok}/{n_numeric}** chỉ tiêu định lượng đạt và vượt ({parts})."


def worked_example(target: Target) -> str:
    """The growth convention illustrated with the target's own lower bound (Markdown)."""

    n = target.target_year - target.base_year
    g = target.goal
    end = 100 * (1 + g / 100) ** n
    if n < 2:  # a target of one year (an annual plan): no average to split; the year's own growth
        return (
            f"Chỉ tiêu của một năm: nếu mức năm {target.base_year} là 100 thì năm {target.target_year} cần đạt "
            f"{fmt_vn(end, 2)} (tăng {fmt_vn(g, 2)} %). Trong năm, mức tăng các tháng còn lại cần đạt được tính "
            f"theo quy mô cùng kỳ và cả năm {target.base_year} theo giá so sánh (đánh giá giữa kỳ/trong năm)."
        )
    k = max(1, n // 2)
    slow = g / 2
    need = required_growth(100 * (1 + slow / 100) ** k, end, n - k)
    swing = annualised_growth([g, -g])
    return (
        f"Nếu mức năm gốc là 100 và năm cuối là {fmt_vn(end, 2)} thì bình quân là "
        f"{fmt_vn(cagr(100, end, n), 2)} %/năm (= mục tiêu {fmt_vn(g, 2)} %/năm). Hai năm +{fmt_vn(g, 1)} % rồi "
        f"−{fmt_vn(g, 1)} % cho bình quân {fmt_vn(swing, 2)} %/năm, không phải 0. Nếu {k} năm đầu chỉ tăng "
        f"{fmt_vn(slow, 1)} %/năm, {n - k} năm còn lại cần {fmt_vn(need, 2)} %/năm."
    )


_SHARE_ROWS = [
    ("công nghiệp / industry (B–E)", "share_industry", ["va_industry"]),
    ("CN-XD / industry + construction (B–F)", "share_industry_construction", ["va_industry_construction"]),
    ("CN-XD và DV / industry, construction, services", "share_industry_services", ["va_industry_construction", "va_services"]),
]
_SECTORS = ["va_agriculture", "va_industry_construction", "va_services"]


def definition_matrix(
    obs: pd.DataFrame, study: str | Study, period: str | None = None, boundary: str | None = None
) -> pd.DataFrame:
    """Shares under each definition and denominator from the current-price levels of one period.

    Rows: industry alone (B–E), industry + construction (B–F), industry + construction
    + services; columns: share of GRDP including product taxes (official), share of
    the sum of sectors (older press convention), and the published share if any.
    The period and boundary default to the latest (period, boundary) of the
    study's province where every component is published at current prices; the
    result is empty when there is none. ``attrs`` carry the period, boundary and
    the ids of the levels used.
    """
    import pandas as pd

    obs, st = study_evidence(obs, study)
    keys = ["va_industry"] + _SECTORS + ["product_taxes"]
    if period is None or boundary is None:
        found = _complete_periods(obs, keys)
        if not found:
            return pd.DataFrame(
                columns=["definition", "share_of_grdp_incl_taxes", "share_of_sum_of_sectors", "published", "published_id"]
            )
        period, boundary = found[-1]
    lv, ids = {}, []
    for k in keys:
        ev = select_best(obs, k, period, province=st.province, boundary=boundary, price_basis="current", unit="bn_VND")
        if not ev.found or ev.chosen["price_basis"] != "current":
            raise ValueError(f"definition_matrix: no current-price {k} for {period} ({boundary})")
        lv[k] = ev.value
        ids.append(ev.chosen["obs_id"])
    sectors = pd.Series({k: lv[k] for k in _SECTORS})
    with_tax = shares(sectors, product_taxes=lv["product_taxes"])
    without = shares(sectors, denominator="sum_of_sectors")
    grdp, sum_sec = sectors.sum() + lv["product_taxes"], sectors.sum()
    out = []
    for label, key, parts in _SHARE_ROWS:
        a = sum(lv[p] for p in parts) / grdp * 100 if parts == ["va_industry"] else sum(with_tax[p] for p in parts)
        b = sum(lv[p] for p in parts) / sum_sec * 100 if parts == ["va_industry"] else sum(without[p] for p in parts)
        pub = select_best(obs, key, period, province=st.province, boundary=boundary)
        pub_ok = pub.found and pub.chosen.get("source_kind") != "derived"
        out.append(
            {
                "definition": label,
                "share_of_grdp_incl_taxes": round(a, 2),
                "share_of_sum_of_sectors": round(b, 2),
                "published": pub.value if pub_ok else math.nan,
                "published_id": pub.chosen["obs_id"] if pub_ok else "",
            }
        )
    df = pd.DataFrame(out)
    df.attrs.update(level_ids=ids, period=period, boundary=boundary)
    return df


def _complete_periods(obs: pd.DataFrame, keys: list[str]) -> list[tuple[str, str]]:
    cur = obs[(obs["price_basis"] == "current") & (obs["source_kind"] != "derived")]
    sets = [
        set(zip(cur.loc[cur["indicator"] == k, "period"], cur.loc[cur["indicator"] == k, "boundary"], strict=True)) for k in keys
    ]
    common = set.intersection(*sets) if sets else set()
    return sorted(common)


def matrix_reading(matrix: pd.DataFrame) -> str:
    """Which denominator the published shares match (generated from the matrix, Markdown)."""
    if matrix.empty:
        return (
            "*Chưa có kỳ nào đủ các cấu phần GRDP theo giá hiện hành (kèm thuế sản phẩm) để tính lại cơ cấu; "
            "cần biểu GRDP theo giá hiện hành phân theo khu vực kinh tế.*"
        )
    lines = []
    for r in matrix.to_dict("records"):
        if math.isnan(r["published"]):
            continue
        d_tax = abs(r["published"] - r["share_of_grdp_incl_taxes"])
        d_sum = abs(r["published"] - r["share_of_sum_of_sectors"])
        which = "mẫu số **có thuế** (GRDP)" if d_tax <= d_sum else "mẫu số **tổng các khu vực** (không thuế)"
        lines.append(
            f"- {r['definition']}: công bố {fmt_vn(r['published'], 2)} % ({r['published_id']}) khớp với "
            f"{which}: {fmt_vn(r['share_of_grdp_incl_taxes'], 2)} % có thuế, "
            f"{fmt_vn(r['share_of_sum_of_sectors'], 2)} % không thuế."
        )
    gap = matrix.iloc[0]["share_of_sum_of_sectors"] - matrix.iloc[0]["share_of_grdp_incl_taxes"]
    lines.append(
        f"- Cùng số liệu, bỏ thuế khỏi mẫu số làm tỷ trọng công nghiệp cao hơn {fmt_vn(gap, 1)} điểm %: "
        "hai định nghĩa không so sánh trực tiếp được."
    )
    return (
        f"Kỳ {matrix.attrs['period']} ({matrix.attrs['boundary']}), các mức dùng: "
        f"{', '.join(matrix.attrs['level_ids'])}.\n\n" + "\n".join(lines)
    )


def shift_share_from_study(obs: pd.DataFrame, study: str | Study) -> pd.DataFrame | None:
    """The shift-share decomposition the study configures in ``study.toml`` (``[shift_share]``), or None.

    The table gives, per sector, the output and employment keys of the store, the
    years and a scale that converts output to billion VND, e.g.::

        [shift_share]
        y0 = 2015
        y1 = 2016
        output_scale = 0.001          # million VND → billion VND
        output = {state = "…", non_state = "…"}
        employment = {state = "…", non_state = "…"}
    """
    import pandas as pd

    st = load_study(study) if not isinstance(study, Study) else study
    cfg = st.section("shift_share")
    if not cfg:
        return None
    obs, st = study_evidence(obs, st)

    def get(keys: dict[str, str], year: int, scale: float) -> pd.Series:
        vals = {}
        for sector, key in keys.items():
            ev = select_best(obs, key, str(year), province=st.province)
            if not ev.found:
                raise ValueError(f"shift_share: {key} {year} not in the store (study.toml [shift_share])")
            vals[sector] = ev.value * scale
        return pd.Series(vals)

    y0, y1, scale = int(cfg["y0"]), int(cfg["y1"]), float(cfg.get("output_scale", 1.0))
    out = shift_share(
        get(cfg["output"], y0, scale),
        get(cfg["employment"], y0, 1.0),
        get(cfg["output"], y1, scale),
        get(cfg["employment"], y1, 1.0),
    )
    out.attrs.update(y0=y0, y1=y1, note=str(cfg.get("note_vi", "")))
    return out


def yearbook_tables(study: str | Study) -> list[Path]:
    """Paths of the yearbook tables (CSV and XLSX) of the study's province, in manifest order: the method
    check of a study runs over its own tables only."""

    st = load_study(study) if not isinstance(study, Study) else study
    return [raw_dir(st.root) / m["file"] for m in _own_manifest_lines(st, None) if m["kind"] == "yearbook"]


def method_check_detail(paths: list[Path]) -> pd.DataFrame:
    """Every recomputed structure and index value of the tables, largest |difference| first (empty when the
    study has no yearbook table yet)."""
    import pandas as pd

    parts = [check(read_yearbook_table(p)).assign(table=p.name) for check in (check_structure, check_index) for p in paths]
    parts = [d for d in parts if len(d)]
    if not parts:
        return pd.DataFrame(columns=["table", "diff"])
    detail = pd.concat(parts, ignore_index=True)
    return detail.reindex(detail["diff"].abs().sort_values(ascending=False).index).reset_index(drop=True)


def method_checks(paths: list[Path]) -> pd.DataFrame:
    """Structure and index recomputation for every yearbook table: one summary row per check."""
    import pandas as pd

    rows = []
    if not paths:
        return pd.DataFrame(columns=["table", "check", "values_checked", "max_abs_diff", "all_rounding_only"])
    for p in paths:
        t = read_yearbook_table(p)
        for kind, res in (("structure", check_structure(t)), ("index", check_index(t))):
            if len(res) == 0:
                rows.append(
                    {"table": p.name, "check": kind, "values_checked": 0, "max_abs_diff": math.nan, "all_rounding_only": None}
                )
                continue
            rows.append(
                {
                    "table": p.name,
                    "check": kind,
                    "values_checked": len(res),
                    "max_abs_diff": float(res["diff"].abs().max()),
                    "all_rounding_only": bool(res["within_tolerance"].all()),
                }
            )
    return pd.DataFrame(rows)


def recorded_changes(study: Study) -> pd.DataFrame:
    """The last recorded verdict changes of a study (``data/processed/<id>/verdict_changes.csv``), or empty.

    The build writes the file whenever a rebuild changes a verdict, a value or the sources of a
    target (new data, a corrected source, a new rule) and keeps it until the next change.
    """
    import pandas as pd

    path = processed_dir(study.root) / study.id / "verdict_changes.csv"
    if not path.exists():
        return pd.DataFrame(
            columns=["target_id", "before_status", "before_actual", "before_sources", "status", "actual", "sources"]
        )
    return pd.read_csv(path, dtype=str, keep_default_na=False)
