"""In-year monitoring of an annual plan: what the rest of the year must deliver.

Pure arithmetic over the evidence (no file is read here). Applies to a study whose ``study.toml`` has an
``[in_year]`` table (its thresholds, stated as data) and to its numeric targets set for one year Y.

**Growth targets** (annual growth G of a level at constant prices, e.g. GRDP +10 %). With the cumulative
part-year growth g₁ of year Y (year to date, first half, nine months, first quarter: the period forms
of :data:`analysis.sources.store_schema.PERIOD_FORMS` that run from January) and last year's levels of
the same part-year, L₁, and of the whole year, L — at constant prices of one basis and one boundary,
never mixed — the rest of the year needs

    g₂ = ((1 + G)·L − (1 + g₁)·L₁) / (L − L₁) − 1

(rates as fractions; the module takes and returns percent). Without both levels the weights of the two
parts of the year are missing, and the record says which; no split of the year is ever assumed. A level that
does not add up over the months (a ratio or an average: labour productivity, income per person;
:func:`weightable_level`) has no such weights: g₂ is not computed and the record says so (``not_additive``).

**Level targets** (amounts: investment, revenue). With the part-year amount a of year Y and the annual
target A, progress p = a / A against the expected share e of the year: last year's same part-year amount
over last year's total when both are known in the target's unit (seasonal share), else the share of
months elapsed (months / 12).

**In-year verdicts** (codes; labels in :data:`analysis.wording.labels.IN_YEAR_VI`), thresholds from
``[in_year]``: growth — gap = g₂ − G in percentage points; gap ≤ ``growth_on_track_gap_points``
"đúng tiến độ", gap ≤ ``growth_push_gap_points`` "cần đẩy nhanh", else "khó đạt". Level — r = p / e;
r ≥ ``level_on_track_ratio`` "đúng tiến độ", r ≥ ``level_push_ratio`` "cần đẩy nhanh", else "khó đạt".
Gap and ratio are compared unrounded (within :data:`COMPARE_TOLERANCE`, float noise only): the rounding of a
displayed g₂ (0,01) or ratio never decides a verdict. Always shown as "đánh giá giữa kỳ/trong năm", never as a
final verdict.

**One territory.** g₁ and both levels are of one boundary: the levels are sought at g₁'s boundary. A g₁ of a
known boundary other than the levels' gives no g₂ (``territory_mismatch``, the sentence says the figures are of
different territories); a g₁ of unstated boundary (``unknown``, admitted only by the study's
``boundary_fallback``) is used with the levels of the study's boundary and flagged ``boundary_unknown``, which the
sentence states. g₁'s boundary is recorded (``in_year_to_date_boundary``), the flags in ``in_year_flags``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from analysis.core.errors import Location, ManifestError
from analysis.core.vocabulary import is_growth_rate
from analysis.evidence.select import Evidence, select_best
from analysis.sources.aggregate import additive_keys
from analysis.sources.periods import MONTHS_IN_YEAR, part_year_months, same_period_of_year
from analysis.studies.study import Study
from analysis.studies.targets import Target
from analysis.wording.inyear_text import in_year_sentence

from .panel_cube import CONSTANT_BASES
from .progress_bands import FloatArray
from .target_evidence import annual_key, study_evidence, vocab_of

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "IN_YEAR_COLUMNS",
    "IN_YEAR_CODES",
    "STATED_BASES",
    "COMPARE_TOLERANCE",
    "InYearRules",
    "required_rest_growth",
    "growth_codes",
    "expected_share",
    "level_codes",
    "in_year",
    "in_year_table",
    "in_year_rules",
    "latest_part_year",
    "weightable_level",
    "IN_YEAR_FLOATS",
    "IN_YEAR_INTS",
    "IN_YEAR_SERIES_COLUMNS",
    "in_year_series",
]

#: price bases a source states (a growth rate at another basis, or unstated, is not one of these)
STATED_BASES = ("current", *CONSTANT_BASES)
IN_YEAR_CODES = ("on_track", "accelerate", "at_risk", "no_data", "missing_weights")
#: tolerance of the unrounded threshold comparisons (float noise of g₂ − G and of p / e, nothing more)
COMPARE_TOLERANCE = 1e-9
IN_YEAR_COLUMNS = [
    "target_id",
    "in_year_kind",
    "in_year_year",
    "in_year_period",
    "in_year_months",
    "in_year_to_date",
    "in_year_to_date_status",
    "in_year_to_date_boundary",
    "in_year_goal",
    "in_year_level_year",
    "in_year_level_part",
    "in_year_level_basis",
    "in_year_required_rest",
    "in_year_progress",
    "in_year_expected",
    "in_year_expected_basis",
    "in_year_verdict",
    "in_year_missing",
    "in_year_flags",
    "in_year_sources",
    "in_year_vi",
]
#: the in-year columns read back as floats (analysis.pipeline.results)
IN_YEAR_FLOATS = (
    "in_year_to_date",
    "in_year_goal",
    "in_year_level_year",
    "in_year_level_part",
    "in_year_required_rest",
    "in_year_progress",
    "in_year_expected",
)
IN_YEAR_INTS = ("in_year_year", "in_year_months")
_RULE_KEYS = ("growth_on_track_gap_points", "growth_push_gap_points", "level_on_track_ratio", "level_push_ratio")


@dataclass(frozen=True)
class InYearRules:
    """The thresholds of the in-year verdicts, as ``[in_year]`` of ``study.toml`` states them.

    Attributes
    ----------
    growth_on_track_gap_points, growth_push_gap_points : float
        Upper bounds (inclusive) of g₂ − G, in percentage points, for "đúng tiến độ" and "cần đẩy nhanh".
    level_on_track_ratio, level_push_ratio : float
        Lower bounds (inclusive) of (a / A) / e for "đúng tiến độ" and "cần đẩy nhanh".
    """

    growth_on_track_gap_points: float
    growth_push_gap_points: float
    level_on_track_ratio: float
    level_push_ratio: float


def in_year_rules(study: Study) -> InYearRules | None:
    """The study's ``[in_year]`` thresholds; None when the study does no in-year monitoring.

    Raises
    ------
    ManifestError
        When a key is missing, not a number, or the thresholds are out of order.
    """
    sec = study.section("in_year")
    if not sec:
        return None
    shown = f"data/raw/studies/{study.id}/study.toml [in_year]"
    bad = [k for k in _RULE_KEYS if not isinstance(sec.get(k), int | float) or isinstance(sec.get(k), bool)]
    if bad:
        raise ManifestError(Location(shown), f"missing or not a number: {bad}", f"the keys {list(_RULE_KEYS)}")
    rules = InYearRules(**{k: float(sec[k]) for k in _RULE_KEYS})
    if rules.growth_on_track_gap_points > rules.growth_push_gap_points or rules.level_on_track_ratio < rules.level_push_ratio:
        raise ManifestError(
            Location(shown),
            "thresholds out of order",
            "growth_on_track_gap_points ≤ growth_push_gap_points, level_on_track_ratio ≥ level_push_ratio",
        )
    return rules


def required_rest_growth(
    goal: FloatArray | float, to_date: FloatArray | float, level_year: FloatArray | float, level_part: FloatArray | float
) -> FloatArray:
    """Growth (%) the rest of the year needs for the year to grow by ``goal`` (%), vectorised.

    g₂ = ((1 + G)·L − (1 + g₁)·L₁) / (L − L₁) − 1, with G = ``goal`` / 100, g₁ = ``to_date`` / 100,
    L = ``level_year`` and L₁ = ``level_part`` (last year's full-year and part-year levels, constant prices,
    same basis and boundary). NaN where an input is missing or L ≤ L₁.

    >>> float(required_rest_growth(8.0, 5.0, 1000.0, 400.0)).__round__(6)
    10.0
    """
    g, g1, lv, l1 = (np.asarray(x, dtype="float64") for x in (goal, to_date, level_year, level_part))
    rest = lv - l1
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (((1 + g / 100) * lv - (1 + g1 / 100) * l1) / rest - 1) * 100
    return np.where(rest > 0, out, np.nan)


def growth_codes(required: FloatArray, goal: FloatArray, rules: InYearRules) -> np.ndarray:
    """In-year codes of growth targets: gap = g₂ − G, unrounded, against the rules (NaN g₂ → ``missing_weights``).

    Only :data:`COMPARE_TOLERANCE` absorbs float noise: g₂ = 10,004 against G = 10 is a gap of +0,004 points,
    "cần đẩy nhanh" with ``growth_on_track_gap_points`` = 0, although g₂ is displayed as 10,00.
    """
    req = np.asarray(required, dtype="float64")
    gap = req - np.asarray(goal, dtype="float64")
    conds = [
        np.isnan(req),
        gap <= rules.growth_on_track_gap_points + COMPARE_TOLERANCE,
        gap <= rules.growth_push_gap_points + COMPARE_TOLERANCE,
    ]
    return np.select(conds, ["missing_weights", "on_track", "accelerate"], default="at_risk").astype(object)


def expected_share(months: FloatArray, seasonal: FloatArray) -> tuple[FloatArray, np.ndarray]:
    """Expected share (%) of the year's amount by the end of the part-year, and its basis.

    Last year's seasonal share (%) where known, else the share of months elapsed, months / 12 × 100.
    Returns (share, basis) with basis ``seasonal`` or ``elapsed``.
    """
    s = np.asarray(seasonal, dtype="float64")
    elapsed = np.asarray(months, dtype="float64") / MONTHS_IN_YEAR * 100
    known = ~np.isnan(s)
    return np.where(known, s, elapsed), np.where(known, "seasonal", "elapsed").astype(object)


def level_codes(progress: FloatArray, expected: FloatArray, rules: InYearRules) -> np.ndarray:
    """In-year codes of level targets: r = progress / expected, unrounded, against the rules.

    Only :data:`COMPARE_TOLERANCE` absorbs float noise: r = 0,9996 is below ``level_on_track_ratio`` = 1.
    """
    p, e = np.asarray(progress, dtype="float64"), np.asarray(expected, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        r = p / e
    conds = [np.isnan(r), r >= rules.level_on_track_ratio - COMPARE_TOLERANCE, r >= rules.level_push_ratio - COMPARE_TOLERANCE]
    return np.select(conds, ["no_data", "on_track", "accelerate"], default="at_risk").astype(object)


def latest_part_year(obs: pd.DataFrame, key: str, year: int, st: Study, unit: str | None = None) -> Evidence | None:
    """Best evidence of the latest cumulative part-year period of ``year`` for ``key`` (most months first).

    The figure is of the study's boundary or one of its admitted fallbacks (:attr:`Study.boundary_preference`);
    its boundary is not matched here against any level: the caller (:func:`in_year`) pairs it with last year's
    levels of the same boundary, or records why it cannot.
    """
    if obs.empty:
        return None
    rows = obs[(obs["indicator"] == key) & (obs["status"] != "target")]
    periods = sorted(
        {p for p in rows["period"].astype(str).unique() if (py := part_year_months(p)) is not None and py[0] == year},
        key=lambda p: -part_year_months(p)[1],
    )
    for p in periods:
        ev = select_best(obs, key, p, province=st.province, boundary=st.boundary_preference, unit=unit)
        if ev.found:
            return ev
    return None


def weightable_level(key: str, voc: dict[str, dict[str, str]]) -> bool:
    """Whether last year's part-year and full-year levels of ``key`` can weight the parts of the year.

    Only a level that adds up over the months does (a flow such as GRDP, ``additive`` = ``yes`` in
    ``indicators.csv``); a ratio or an average (labour productivity, income per person) does not, and g₂ is
    then not computed. A vocabulary without the ``additive`` column states nothing and every level is admitted.
    """
    stated = any("additive" in v for v in voc.values())
    return bool(key) and (not stated or key in additive_keys(voc))


def _levels(
    obs: pd.DataFrame,
    st: Study,
    key: str,
    year: int,
    period_prev: str,
    boundary: list[str],
    bases: tuple[str, ...] = CONSTANT_BASES,
) -> tuple[Evidence | None, Evidence | None, list[str]]:
    """Last year's full-year and part-year levels at one constant-price basis (of ``bases``) and one boundary
    (of ``boundary``)."""
    unit = vocab_of(obs).get(key, {}).get("unit") or None
    seen_year = seen_part = False
    for basis in bases:
        kw = dict(province=st.province, boundary=boundary, price_basis=basis, unit=unit, strict_basis=True)
        full = select_best(obs, key, str(year), **kw)
        part = select_best(obs, key, period_prev, **kw)
        seen_year, seen_part = seen_year or full.found, seen_part or part.found
        if full.found and part.found:
            if full.chosen["boundary"] == part.chosen["boundary"]:
                return full, part, []
            return None, None, ["level_mismatch"]
    return None, None, [c for c, seen in (("level_year", seen_year), ("level_part", seen_part)) if not seen] or ["level_mismatch"]


def _empty(t: Target, year: int) -> dict[str, Any]:
    rec: dict[str, Any] = dict.fromkeys(IN_YEAR_COLUMNS, "")
    rec.update(target_id=t.id, in_year_year=year, in_year_months=0, **{c: math.nan for c in IN_YEAR_FLOATS})
    return rec


def _kind(t: Target, voc: dict[str, dict[str, str]]) -> str:
    if not t.numeric or t.target_year - t.base_year != 1:
        return ""
    if is_growth_rate(t.measure, voc.get(t.indicator, {}).get("kind", "")):
        return "growth"
    if t.measure in {"final_year_value", "cumulative_sum"} and t.unit not in {"percent", "percent_per_year"}:
        return "level"
    return ""


def _growth_record(rec: dict[str, Any], t: Target, obs: pd.DataFrame, st: Study, voc: dict[str, Any]) -> None:
    key = annual_key(t, voc) if t.measure == "period_avg_growth" else t.indicator
    level_key = t.level_indicator or voc.get(key, {}).get("level", "") or voc.get(t.indicator, {}).get("level", "")
    rec["in_year_goal"] = t.goal
    ev = latest_part_year(obs, key, t.target_year, st) if key else None
    if ev is None:
        rec.update(in_year_verdict="no_data", in_year_missing="no_part_year")
        return
    period = str(ev.chosen["period"])
    rec.update(
        in_year_period=period,
        in_year_months=part_year_months(period)[1],
        in_year_to_date=ev.value,
        in_year_to_date_status=ev.chosen["status"],
    )
    sources = [ev.chosen["obs_id"]]
    bnd = str(ev.chosen["boundary"])
    rec["in_year_to_date_boundary"] = bnd
    flags = ["boundary_unknown"] if bnd == "unknown" else []
    g1_basis = str(ev.chosen.get("price_basis") or "")
    # g₁ at a constant basis: levels of that basis only; at another stated basis (current prices): none;
    # unstated: levels of any one constant basis, flagged
    bases = (g1_basis,) if g1_basis in CONSTANT_BASES else () if g1_basis in STATED_BASES else CONSTANT_BASES
    if level_key and not weightable_level(level_key, voc):
        full, part, missing = None, None, ["not_additive"]  # a ratio or an average: no weights exist
    elif not level_key:
        full, part, missing = None, None, ["level_year", "level_part"]
    else:
        args = (obs, st, level_key, t.target_year - 1, same_period_of_year(period, t.target_year - 1))
        # g₁ of a stated boundary: levels of that boundary (or of unstated boundary when the study admits it,
        # flagged); g₁ of unstated boundary: levels of the study's preference, flagged
        unknown = [b for b in st.boundary_preference if b == "unknown" != bnd]
        own = [bnd] + unknown if bnd != "unknown" else list(st.boundary_preference)
        full, part, missing = _levels(*args, boundary=own, bases=bases)
        if full is None and bnd != "unknown" and _levels(*args, boundary=st.boundary_preference, bases=bases)[0] is not None:
            missing = ["territory_mismatch"]  # levels exist, but of another territory
        elif full is None and bases != CONSTANT_BASES and _levels(*args, boundary=own)[0] is not None:
            missing = ["basis_mismatch"]  # levels exist, but at another price basis than g₁'s
        if full is not None and full.chosen["boundary"] == "unknown" and "boundary_unknown" not in flags:
            flags.append("boundary_unknown")
        if full is not None and g1_basis not in STATED_BASES:
            flags.append("basis_unknown")
    if full is not None and part is not None:
        rec.update(in_year_level_year=full.value, in_year_level_part=part.value, in_year_level_basis=full.chosen["price_basis"])
        sources += [full.chosen["obs_id"], part.chosen["obs_id"]]
    rec["in_year_missing"] = "|".join(missing)
    rec["in_year_flags"] = "; ".join(flags)
    rec["in_year_sources"] = "; ".join(sources)


def _level_record(rec: dict[str, Any], t: Target, obs: pd.DataFrame, st: Study) -> None:
    rec["in_year_goal"] = t.goal
    ev = latest_part_year(obs, t.indicator, t.target_year, st, unit=t.unit)
    if ev is None:
        other = latest_part_year(obs, t.indicator, t.target_year, st)
        rec.update(in_year_verdict="no_data", in_year_missing="amount_unit" if other is not None else "no_part_year")
        return
    period = str(ev.chosen["period"])
    rec.update(
        in_year_period=period,
        in_year_months=part_year_months(period)[1],
        in_year_to_date=ev.value,
        in_year_to_date_status=ev.chosen["status"],
        in_year_progress=ev.value / t.goal * 100,
    )
    sources = [ev.chosen["obs_id"]]
    bnd = str(ev.chosen["boundary"])
    rec["in_year_to_date_boundary"] = bnd
    flags = ["boundary_unknown"] if bnd == "unknown" else []
    prev = t.target_year - 1
    # one territory, as for growth: last year's figures at the amount's boundary (or unstated, when admitted,
    # flagged); an amount of unstated boundary takes the study's preference, flagged
    unknown = [b for b in st.boundary_preference if b == "unknown" != bnd]
    own = [bnd] + unknown if bnd != "unknown" else list(st.boundary_preference)

    def seasonal(boundary: list[str]) -> tuple[Evidence, Evidence] | None:
        kw = dict(province=st.province, boundary=boundary, unit=t.unit)
        full = select_best(obs, t.indicator, str(prev), **kw)
        part = select_best(obs, t.indicator, same_period_of_year(period, prev), **kw)
        same = full.found and part.found and full.chosen["boundary"] == part.chosen["boundary"]
        return (full, part) if same and full.value > 0 else None

    pair = seasonal(own)
    if pair is not None:
        full, part = pair
        rec["in_year_seasonal"] = part.value / full.value * 100
        sources += [part.chosen["obs_id"], full.chosen["obs_id"]]
        if full.chosen["boundary"] == "unknown" and "boundary_unknown" not in flags:
            flags.append("boundary_unknown")
    elif bnd != "unknown" and seasonal(list(st.boundary_preference)) is not None:
        rec["in_year_missing"] = "seasonal_territory_mismatch"  # last year's figures are of another territory
    rec["in_year_flags"] = "; ".join(flags)
    rec["in_year_sources"] = "; ".join(sources)


def in_year(obs: pd.DataFrame, study: str | Study | None) -> pd.DataFrame:
    """The in-year record of every target of a study (empty records where it does not apply).

    Parameters
    ----------
    obs : pandas.DataFrame
        The evidence store.
    study : Study or str
        A study; its ``[in_year]`` table turns the assessment on.

    Returns
    -------
    pandas.DataFrame
        One row per target, columns :data:`IN_YEAR_COLUMNS`; ``in_year_required_rest`` (g₂) and the codes are
        computed in one vectorised pass over the rows.
    """
    ev_obs, st = study_evidence(obs, study)
    return in_year_table(ev_obs, st)


def in_year_table(ev_obs: pd.DataFrame, st: Study) -> pd.DataFrame:
    """:func:`in_year` on evidence already prepared for the study (:func:`analysis.assessment.study_evidence`)."""
    import pandas as pd

    rules = in_year_rules(st)
    voc = vocab_of(ev_obs)
    recs = []
    for t in st.targets:
        rec = _empty(t, t.target_year)
        kind = _kind(t, voc) if rules is not None and not t.restates else ""
        rec["in_year_kind"] = kind
        if kind == "growth":
            _growth_record(rec, t, ev_obs, st, voc)
        elif kind == "level":
            _level_record(rec, t, ev_obs, st)
        recs.append(rec)
    df = pd.DataFrame(recs)
    if "in_year_seasonal" not in df.columns:
        df["in_year_seasonal"] = math.nan
    if rules is not None and len(df):
        growth = (df["in_year_kind"] == "growth") & (df["in_year_verdict"] == "")
        level = (df["in_year_kind"] == "level") & (df["in_year_verdict"] == "")
        req = required_rest_growth(df["in_year_goal"], df["in_year_to_date"], df["in_year_level_year"], df["in_year_level_part"])
        df["in_year_required_rest"] = np.where(growth, req, np.nan)
        exp, basis = expected_share(df["in_year_months"], df["in_year_seasonal"].astype("float64"))
        df["in_year_expected"] = np.where(level, exp, np.nan)
        df["in_year_expected_basis"] = np.where(level, basis, "")
        codes = np.where(
            growth,
            growth_codes(req, df["in_year_goal"], rules),
            np.where(level, level_codes(df["in_year_progress"], exp, rules), df["in_year_verdict"]),
        )
        df["in_year_verdict"] = codes
    df = df.drop(columns="in_year_seasonal")
    targets = {t.id: t for t in st.targets}
    df["in_year_vi"] = [_sentence(r, targets[r["target_id"]], voc) for r in df.to_dict("records")]
    return df[IN_YEAR_COLUMNS].reset_index(drop=True)


def _sentence(rec: dict[str, Any], t: Target, voc: dict[str, dict[str, str]]) -> str:
    if not rec["in_year_kind"]:
        return ""
    key = t.level_indicator or voc.get(t.indicator, {}).get("level", "") if rec["in_year_kind"] == "growth" else t.indicator
    label = voc.get(key, {}).get("label_vi", "") or voc.get(t.indicator, {}).get("label_vi", t.indicator)
    what = label[:1].lower() + label[1:] if not label[1:2].isupper() else label
    return in_year_sentence(rec, what=what, target_text=t.text_vi(), unit=t.unit, agency=t.data_from)


IN_YEAR_SERIES_COLUMNS = ["period", "months", "value", "status", "boundary", "obs_id"]


def in_year_series(obs: pd.DataFrame, study: str | Study | None, target_id: str) -> pd.DataFrame:
    """Cumulative part-year growth of a growth target's year so far: one row per period (fewest months first).

    Columns :data:`IN_YEAR_SERIES_COLUMNS`: the best evidence of each cumulative part-year period of the
    target year (January, first quarter, year to date, first half, nine months) for the study's province.
    """
    import pandas as pd

    ev_obs, st = study_evidence(obs, study)
    t = st.target(target_id)
    voc = vocab_of(ev_obs)
    key = annual_key(t, voc) if t.measure == "period_avg_growth" else t.indicator
    rows = ev_obs[(ev_obs["indicator"] == key) & (ev_obs["status"] != "target")] if key else ev_obs.iloc[0:0]
    periods = sorted(
        {p for p in rows["period"].astype(str).unique() if (py := part_year_months(p)) is not None and py[0] == t.target_year},
        key=lambda p: (part_year_months(p)[1], p),
    )
    out = []
    for p in periods:
        ev = select_best(ev_obs, key, p, province=st.province, boundary=st.boundary_preference)
        if ev.found:
            out.append(
                {
                    "period": p,
                    "months": part_year_months(p)[1],
                    "value": ev.value,
                    "status": ev.chosen["status"],
                    "boundary": ev.chosen["boundary"],
                    "obs_id": ev.chosen["obs_id"],
                }
            )
    return pd.DataFrame(out, columns=IN_YEAR_SERIES_COLUMNS)
