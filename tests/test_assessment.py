"""Target assessment: review vocabulary, levels-based growth, trajectories, scorecard traceability."""
from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd
import pytest

from analysis import assess, build_observations, load_targets, scorecard
from analysis.assessment import band
from analysis.store import OBSERVATION_COLUMNS


def make_obs(rows):
    """A synthetic evidence store: rows of (indicator, period, value, boundary, status, price_basis, unit)."""
    recs = []
    for i, (ind, per, val, bnd, st, basis, unit) in enumerate(rows):
        recs.append({c: "" for c in OBSERVATION_COLUMNS} | {
            "obs_id": f"S{i:03d}", "province": "Quảng Ngãi", "indicator": ind, "period": per, "value": float(val),
            "unit": unit, "price_basis": basis, "boundary": bnd, "status": st, "qualifier": "exact",
            "value_as_printed": repr(float(val)), "raw_line": i + 2, "source_ref": f"synthetic {i}",
            "year": int(per) if per.isdigit() else None})
    return pd.DataFrame(recs, columns=OBSERVATION_COLUMNS)


@pytest.fixture(scope="module")
def targets():
    return {t.id: t for t in load_targets()}


def test_targets_file_has_every_subtarget(targets):
    assert len(targets) == 16
    assert [t.kind for t in targets.values()].count("qualitative") == 2
    t = targets["T01"]
    assert (t.lower, t.upper, t.measure, t.base_year, t.target_year, t.period) == (
        8.0, 9.0, "period_avg_growth", 2020, 2025, "2021-2025")
    assert targets["T04"].about_tolerance == 0.5 and targets["T04"].text_vi() == "khoảng 36–37%"
    assert targets["T12"].text_vi() == "khoảng 5–6 tỷ USD"
    assert targets["T10"].text_vi() == "6,5–7%/năm"


@pytest.mark.parametrize("tid,value,expected", [
    ("T01", 8.5, "đạt"), ("T01", 8.0, "đạt"), ("T01", 9.0, "đạt"), ("T01", 11.4, "vượt"), ("T01", 7.99, "không đạt"),
    ("T04", 35.6, "đạt"), ("T04", 35.0, "không đạt"), ("T04", 37.4, "đạt"), ("T04", 37.6, "vượt"),
    ("T08", 63.0, "không đạt"), ("T08", 63.5, "đạt"), ("T08", 69.8, "vượt"),
    ("T11", 92.0, "đạt"), ("T11", 95.0, "vượt"), ("T11", 91.9, "không đạt"),
    ("T01", float("nan"), "chưa có số liệu"), ("T15", 1.0, "định tính"),
])
def test_review_vocabulary(targets, tid, value, expected):
    assert targets[tid].verdict(value) == expected


@pytest.mark.parametrize("r,expected", [(1.2, "on_track"), (0.95, "on_track"), (0.7, "acceleration_needed"),
                                        (0.3, "limited_progress"), (-0.1, "deterioration")])
def test_open_sdg_bands(r, expected):
    assert band(r) == expected


def _levels(values, boundary="pre2025", status="official", years=range(2020, 2026)):
    return [("va_industry", str(y), v, boundary, status, "constant_2010", "bn_VND") for y, v in zip(years, values)]


def test_growth_target_is_assessed_on_levels(targets):
    lv = [100 * 1.06 ** k for k in range(6)]   # 6 %/yr every year
    obs = make_obs(_levels(lv) + [("va_industry_avg_growth", "2021-2025", 12.0, "pre2025", "estimate",
                                   "unknown", "percent_per_year")])
    a = assess(targets["T01"], obs)
    assert a.method == "cagr_of_levels"
    assert a.value == pytest.approx(6.0)
    assert a.status == "không đạt"        # the published 12 %/yr is not used when levels exist
    assert a.sources == "S000; S005"
    tr = a.trajectory.set_index("year")
    assert tr.loc[2022, "observed_avg_growth"] == pytest.approx(6.0)
    assert tr.loc[2022, "ratio"] == pytest.approx(0.75) and tr.loc[2022, "band"] == "acceleration_needed"
    # growth the remaining three years need to still reach 8 %/yr on average: (1.08^5 / 1.06^2)^(1/3) − 1
    assert tr.loc[2022, "remaining_required"] == pytest.approx(((1.08 ** 5 / 1.06 ** 2) ** (1 / 3) - 1) * 100)
    assert math.isnan(tr.loc[2025, "remaining_required"])


def test_missing_middle_years_do_not_block_the_period_average(targets):
    lv = _levels([100.0, 140.0], years=[2020, 2025])
    a = assess(targets["T01"], make_obs(lv))
    assert a.value == pytest.approx(((1.4) ** 0.2 - 1) * 100) and a.status == "không đạt"
    assert list(a.trajectory["year"]) == [2025]


def test_boundary_change_in_levels_falls_back_and_is_flagged(targets):
    rows = _levels([100.0], years=[2020]) + [("va_industry", "2025", 200.0, "merged2025", "estimate",
                                                 "constant_2010", "bn_VND")]
    rows += [("va_industry_avg_growth", "2021-2025", 11.4, "merged2025", "estimate", "unknown", "percent_per_year")]
    a = assess(targets["T01"], make_obs(rows))
    assert a.method == "published_period_average" and a.value == 11.4 and a.status == "vượt"
    assert any(f.startswith("levels: levels not comparable") for f in a.flags)
    assert "boundary_merged" in a.flags and "published_average" in a.flags
    assert "ước đạt 11,4%/năm, vượt mục tiêu 8–9%/năm" in a.statement_vi()


def test_chain_of_annual_rates_is_geometric(targets):
    rates = [10.0, -10.0, 10.0, -10.0, 50.0]
    rows = [("va_industry_growth", str(2021 + i), r, "pre2025", "official", "constant_2010", "percent")
            for i, r in enumerate(rates)]
    a = assess(targets["T01"], make_obs(rows))
    expected = ((1.1 * 0.9 * 1.1 * 0.9 * 1.5) ** 0.2 - 1) * 100
    assert a.method == "geometric_chain_of_annual_rates" and a.value == pytest.approx(expected)
    assert a.value != pytest.approx(sum(rates) / 5)


def test_target_met_early(targets):
    t = targets["T03"]   # industry+services share about 69–70 %
    rows = [("share_industry_services", y, v, "pre2025", "estimate", "current", "percent")
            for y, v in [("2020", 66.0), ("2022", 67.0), ("2023", 69.2), ("2024", 69.6)]]
    a = assess(t, make_obs(rows))
    tr = a.trajectory.set_index("year")
    assert tr.loc[2022, "band"] == "acceleration_needed"   # R = 0.845
    assert tr.loc[2022, "ratio"] == pytest.approx(
        (((67 / 66) ** (1 / 2) - 1) / ((69 / 66) ** (1 / 5) - 1)))
    assert tr.loc[2023, "band"] == "achieved" and tr.loc[2024, "band"] == "achieved"
    assert a.status == "chưa có số liệu"   # no 2025 value yet: the final verdict waits for it


def test_no_data_says_what_would_settle_it(targets):
    a = assess(targets["T02"], make_obs([]))
    assert a.status == "chưa có số liệu" and math.isnan(a.value)
    assert "GRDP theo giá so sánh 2010" in a.statement_vi()


def test_conflicts_are_flagged(targets):
    rows = [("share_industry", "2025", 35.0, "pre2025", "estimate", "current", "percent"),
            ("share_industry", "2025", 43.0, "pre2025", "estimate", "unknown", "percent")]
    a = assess(targets["T04"], make_obs(rows))
    assert "conflicting_sources" in a.flags and a.status == "không đạt"


@pytest.fixture(scope="module")
def shipped():
    obs = build_observations()
    return obs, scorecard(obs)


def test_scorecard_has_every_target_in_outline_order(shipped):
    obs, card = shipped
    assert list(card["target_id"]) == [f"T{i:02d}" for i in range(1, 17)]
    assert list(card["outline_item"]) == sorted(card["outline_item"])
    assert set(card["status"]) <= {"vượt", "đạt", "không đạt", "chưa có số liệu", "định tính"}
    nodata = card[card["status"] == "chưa có số liệu"]
    assert (nodata["data_needed"] != "").all() and (nodata["data_from"] != "").all()


def test_every_verdict_traces_to_observations(shipped):
    obs, card = shipped
    by_id = obs.set_index("obs_id")
    judged = card[card["status"].isin(["vượt", "đạt", "không đạt"])]
    assert len(judged) >= 3
    for row in judged.to_dict("records"):
        ids = row["sources"].split("; ")
        assert all(i in by_id.index for i in ids), row["target_id"]
        if row["method"] in {"final_year_value", "published_period_average", "published_period_total"}:
            assert by_id.loc[ids[0], "value"] == pytest.approx(row["actual"])
        t = next(t for t in load_targets() if t.id == row["target_id"])
        assert t.verdict(row["actual"]) == row["status"]
