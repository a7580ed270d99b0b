"""A province among its peers (analysis.assessment.ranking): generated stores, ranks computed by hand.

Provinces, values and the territory lineage are generated here; the synthetic project of conftest
supplies a study. Nothing of data/raw/ is read except the shipped store in the invariant test.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import load_study, rank_provinces, scorecard, select_best
from analysis.assessment.ranking import RANK_COLUMNS, rank_all, study_rankings
from analysis.evidence.select import preference_order
from analysis.sources.peers import PeerSettings, peer_settings
from analysis.wording.ranking_text import rank_figure_note_vi, rank_sentence

from conftest import make_obs, make_synthetic_project, write_csv_grid

NEW = [f"Tỉnh Mới {i:02d}" for i in range(1, 11)]  # ten provinces of the new map
OLD = [f"Tỉnh Cũ {i:02d}" for i in range(1, 21)]  # twenty of the old map


LINEAGE_HEADER = ["old_province", "new_province", "effective", "change", "legal_act", "source_url"]


def lineage_row(old: str, new: str) -> list[str]:
    """A row of a generated territory lineage (every old province merged into ``new``)."""
    return [old, new, "2025-07-01", "merged", "Nghị quyết thử nghiệm", "http://example.invalid/lineage"]


def settings(share: float = 0.75, provinces: dict | None = None, regions: dict | None = None) -> PeerSettings:
    return PeerSettings(share, "descending", provinces or {"merged2025": tuple(NEW), "pre2025": tuple(OLD)}, regions or {})


def store(
    values: dict[str, float | list[tuple[float, str, str]]],
    *,
    indicator: str = "grdp_growth",
    period: str = "2025",
    boundary: str = "merged2025",
    status: str = "estimate",
) -> pd.DataFrame:
    """One figure per province, or several (value, status, published) for a province with conflicting figures."""
    parts = []
    for prov, v in values.items():
        figs = v if isinstance(v, list) else [(v, status, "2026-01-05")]
        obs = make_obs([(indicator, period, x, boundary, s, "unknown", "percent") for x, s, _ in figs], province=prov)
        obs["published"] = [p for _, _, p in figs]
        obs["value_as_printed"] = [f"{x:.2f}" for x, _, _ in figs]
        parts.append(obs)
    out = pd.concat(parts, ignore_index=True)
    out["obs_id"] = [f"G{i:03d}" for i in range(len(out))]
    return out


def ranked(table: pd.DataFrame) -> dict[str, object]:
    return dict(zip(table["province"], table["rank"], strict=True))


def test_ranks_descending_with_ties_by_hand():
    values = dict(zip(NEW[:8], [5.0, 7.0, 7.0, 3.0, 9.5, 7.0, 1.0, 6.0], strict=True))
    t = rank_all(store(values), settings())
    # by hand: 9.5 → 1; the three 7.0 share 2; 6.0 → 5; 5.0 → 6; 3.0 → 7; 1.0 → 8
    assert ranked(t) == {NEW[4]: 1, NEW[1]: 2, NEW[2]: 2, NEW[5]: 2, NEW[7]: 5, NEW[0]: 6, NEW[3]: 7, NEW[6]: 8}
    assert t.set_index("province").loc[NEW[1], "n_tied"] == 3
    assert t.set_index("province").loc[NEW[0], "n_tied"] == 1
    assert (t["covered"] == 8).all() and (t["provinces"] == len(NEW)).all() and t["ranked"].all()
    assert list(t.columns) == RANK_COLUMNS


def test_tied_rank_in_words():
    values = dict(zip(NEW[:8], [5.0, 7.0, 7.0, 3.0, 9.5, 7.0, 1.0, 6.0], strict=True))
    rec = rank_all(store(values), settings()).set_index("province").loc[NEW[2]].to_dict()
    text = rank_sentence(rec, "Tốc độ tăng GRDP", NEW[2])
    assert f"đứng thứ 2/{len(NEW)} tỉnh, thành phố (đồng hạng với 2 tỉnh, thành phố khác)" in text
    assert "8 tỉnh, thành phố có số liệu" in text and "7,00%" in text


def test_conflicting_figures_give_a_range_of_ranks():
    values: dict = dict(zip(NEW[:8], [9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0], strict=True))
    # the sixth province has two estimates of one date: 4.0 (chosen, the first id) and 8.5 (beyond rounding: a
    # conflict), and a third figure that agrees with the chosen one at printed precision
    values[NEW[5]] = [(4.0, "estimate", "2026-01-05"), (8.5, "estimate", "2026-01-05"), (4.0, "secondary", "2026-01-06")]
    t = rank_all(store(values), settings()).set_index("province")
    row = t.loc[NEW[5]]
    assert row["value"] == 4.0 and row["rank"] == 6
    assert row["candidates"] == 3 and row["conflicts"] == 1
    assert (row["low_value"], row["high_value"]) == (4.0, 8.5)
    # by hand: with 8.5 only 9.0 is above → 2nd; with 4.0 → 6th
    assert (row["rank_at_high"], row["rank_at_low"]) == (2, 6)
    assert pd.isna(t.loc[NEW[0], "rank_at_high"]) and t.loc[NEW[0], "conflicts"] == 0
    text = rank_sentence(row.to_dict() | {"province": NEW[5]}, "Tốc độ tăng GRDP", NEW[5])
    assert "từ 4,00% đến 8,50%" in text and "theo số cao nhất đứng thứ 2" in text
    # the range: best under 8.5, worst under 4.0 with the two provinces without a value above it
    missing = len(NEW) - 8
    assert (row["rank_best"], row["rank_worst"]) == (2, 6 + missing)
    assert f"có thể đứng từ thứ 2 đến thứ {6 + missing}" in text
    note = rank_figure_note_vi(row.to_dict(), NEW[5])
    assert f"có thể từ thứ 2 đến thứ {6 + missing}" in note and "từ 4,00% đến 8,50%" in note
    assert f"{missing} tỉnh, thành phố chưa có số liệu có thể đứng trên" in note


def test_provinces_without_a_value_widen_the_worst_rank():
    values = dict(zip(NEW[:8], [9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0], strict=True))
    t = rank_all(store(values), settings()).set_index("province")
    missing = len(NEW) - 8
    row = t.loc[NEW[2]]
    # by hand: 7.0 is third of those with a value; the missing ones could all stand above it; best unchanged
    assert (row["rank"], row["rank_best"], row["rank_worst"]) == (3, 3, 3 + missing)
    text = rank_sentence(row.to_dict(), "Tốc độ tăng GRDP", NEW[2])
    assert f"8 tỉnh, thành phố có số liệu; {missing} tỉnh, thành phố chưa có số liệu có thể đứng trên" in text
    assert f"Tính cả các tỉnh, thành phố chưa có số liệu, {NEW[2]} có thể đứng từ thứ 3 đến thứ {3 + missing}" in text
    # every province with a value: no range, no clause
    full = rank_all(store(dict(zip(NEW, range(len(NEW), 0, -1), strict=True))), settings()).set_index("province")
    assert (full["rank_best"] == full["rank"]).all() and (full["rank_worst"] == full["rank"]).all()
    said = rank_sentence(full.loc[NEW[2]].to_dict(), "Tốc độ tăng GRDP", NEW[2])
    assert "chưa có số liệu" not in said and "có thể đứng từ" not in said


def _superseded_case(other: tuple[float, str, str]) -> pd.Series:
    """The sixth of ten provinces with a chosen estimate 4.0 (published 2026-01-05) and ``other`` beside it."""
    values: dict = dict(zip(NEW, [9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0, 0.5], strict=True))
    values[NEW[5]] = [(4.0, "estimate", "2026-01-05"), other]
    return rank_all(store(values), settings()).set_index("province").loc[NEW[5]]


def test_an_older_figure_of_the_same_tier_does_not_widen_the_range():
    row = _superseded_case((8.5, "estimate", "2025-11-20"))  # superseded by the newer estimate
    assert row["value"] == 4.0 and row["rank"] == 6
    assert row["candidates"] == 2 and row["conflicts"] == 0
    assert pd.isna(row["rank_at_high"]) and (row["rank_best"], row["rank_worst"]) == (6, 6)
    assert "khác nhau" not in rank_sentence(row.to_dict(), "Tốc độ tăng GRDP", NEW[5])


@pytest.mark.parametrize(
    "other",
    [
        (8.5, "estimate", "2026-01-05"),  # the same date
        (8.5, "estimate", ""),  # no date
        (8.5, "secondary", "2025-11-20"),
    ],
)  # an older figure of another tier
def test_a_figure_not_superseded_still_widens_the_range(other):
    row = _superseded_case(other)
    # by hand: with 8.5 only 9.0 is above → 2nd; with 4.0 → 6th (every province has a value)
    assert row["value"] == 4.0 and row["conflicts"] == 1
    assert (row["rank_at_high"], row["rank_at_low"]) == (2, 6)
    assert (row["rank_best"], row["rank_worst"]) == (2, 6)
    text = rank_sentence(row.to_dict(), "Tốc độ tăng GRDP", NEW[5])
    assert "theo số cao nhất đứng thứ 2" in text
    assert f"Tính cả số liệu khác nhau giữa các nguồn, {NEW[5]} có thể đứng từ thứ 2 đến thứ 6." in text


def test_choice_follows_select_best():
    values: dict = {p: float(i) for i, p in enumerate(NEW[:8], 1)}
    values[NEW[0]] = [(1.0, "secondary", "2026-02-01"), (20.0, "estimate", "2025-01-01")]  # a better tier wins
    obs = store(values)
    t = rank_all(obs, settings()).set_index("province")
    ev = select_best(obs, "grdp_growth", "2025", province=NEW[0], boundary="merged2025")
    assert t.loc[NEW[0], "obs_id"] == ev.chosen["obs_id"] and t.loc[NEW[0], "rank"] == 1


def test_too_few_provinces_states_no_rank():
    values = dict(zip(OLD[:5], [5.0, 4.0, 3.0, 2.0, 1.0], strict=True))  # 5 of 20: below three quarters
    t = rank_all(store(values, boundary="pre2025"), settings())
    assert not t["ranked"].any() and t["rank"].isna().all()
    assert (t["covered"] == 5).all() and (t["provinces"] == len(OLD)).all()
    assert rank_sentence(t.iloc[0].to_dict(), "Tốc độ tăng GRDP", OLD[0]) == ""
    # the threshold is a setting: a quarter suffices
    assert rank_all(store(values, boundary="pre2025"), settings(0.25))["ranked"].all()


def test_boundaries_and_units_are_ranked_apart():
    new = store(dict(zip(NEW, range(10), strict=True)))
    old = store(dict(zip(OLD, range(20), strict=True)), boundary="pre2025")
    t = rank_all(pd.concat([new, old], ignore_index=True), settings())
    assert t.groupby("boundary")["covered"].first().to_dict() == {"merged2025": len(NEW), "pre2025": len(OLD)}
    stranger = store({"Tỉnh Lạ": 99.0})  # a province not of the boundary is not ranked among it
    assert "Tỉnh Lạ" not in set(rank_all(pd.concat([new, stranger]), settings())["province"])


def test_analyst_table_lists_the_provinces_without_a_value():
    values = dict(zip(NEW[:9], range(9, 0, -1), strict=True))
    t = rank_provinces(store(values), "grdp_growth", "2025", boundary="merged2025", settings=settings())
    assert len(t) == len(NEW) and t["rank"].tolist()[:9] == list(range(1, 10))
    last = t.iloc[-1]
    assert last["province"] == NEW[9] and pd.isna(last["rank"]) and pd.isna(last["value"])
    with pytest.raises(TypeError):
        rank_provinces(store(values), "grdp_growth", 2025, settings=settings())


def test_scale_pass_matches_counting():
    import numpy as np

    rng = np.random.default_rng(3)
    frames = []
    for ind in ("grdp_growth", "iip_growth"):
        for year in range(2018, 2026):
            vals = np.round(rng.normal(7, 2, len(OLD)), 1)  # one decimal: ties happen
            frames.append(store(dict(zip(OLD, vals, strict=True)), indicator=ind, period=str(year), boundary="pre2025"))
    obs = pd.concat(frames, ignore_index=True)
    obs["obs_id"] = [f"R{i:05d}" for i in range(len(obs))]
    t = rank_all(obs, settings())
    assert len(t) == 2 * 8 * len(OLD)
    for _, g in t.groupby(["indicator", "period"]):
        v = g["value"].to_numpy()
        assert g["rank"].tolist() == [1 + int((v > x).sum()) for x in v]


def test_preference_order_agrees_with_select_best_on_the_shipped_store():
    from analysis import load_observations

    obs = load_observations()
    rows = obs[(obs["status"] != "target") & obs["value"].notna()]
    order = preference_order(rows)
    rows = pd.concat([rows, order.drop(columns="obs_id")], axis=1)
    key = ["province", "indicator", "period", "boundary"]
    first = rows.sort_values([*key, *order.columns], kind="stable").drop_duplicates(key)
    for r in first.sample(min(len(first), 150), random_state=0).itertuples():
        ev = select_best(obs, r.indicator, r.period, province=r.province, boundary=r.boundary)
        assert ev.chosen["obs_id"] == r.obs_id, (r.province, r.indicator, r.period, r.boundary)


# ---------------------------------------------------------------------------------------------------------
# the study: which rankings it shows follows from its targets and the store
@pytest.fixture(scope="module")
def peer_project(tmp_path_factory) -> Path:
    root = make_synthetic_project(tmp_path_factory.mktemp("peers") / "proj")
    raw = root / "data" / "raw"
    (raw / "ranking.toml").write_text('min_coverage = 0.75\norder = "descending"\n', encoding="utf-8")
    st = load_study(None, root)
    old = [st.province, *OLD[:9]]
    write_csv_grid(raw / "territories.csv", [LINEAGE_HEADER] + [lineage_row(p, NEW[i // 2]) for i, p in enumerate(old)])
    return root


def _study_store(root: Path, values: dict[str, float]) -> pd.DataFrame:
    from analysis import build_observations
    from analysis.assessment.ranking import ranking_indicators
    from analysis.sources.manifest import cached_vocabulary

    st = load_study(None, root)
    own = build_observations(root)
    key = next(k for ks in ranking_indicators(st, cached_vocabulary(root)).values() for k in ks if k not in set(own["indicator"]))
    peers = store(values, indicator=key, period=str(st.target_year), boundary=st.boundary)
    out = pd.concat([own, peers], ignore_index=True)
    out.attrs["root"] = str(root)
    return out


def test_study_rank_in_the_scorecard(peer_project):
    st = load_study(None, peer_project)
    others = peer_settings(peer_project).provinces[st.boundary]
    values = dict(zip([p for p in others if p != st.province][:7], [9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0], strict=True))
    values[st.province] = 6.5  # by hand: three above → 4th of the 10, 8 with a value
    card = scorecard(_study_store(peer_project, values), st)
    ranks = card[card["rank"] != ""]
    assert len(ranks) >= 1
    row = ranks.iloc[0]
    assert (row["rank"], row["rank_of"], row["rank_covered"]) == ("4", str(len(others)), "8")
    assert f"đứng thứ 4/{len(others)} tỉnh, thành phố; 8 tỉnh, thành phố có số liệu" in row["rank_vi"]
    # two provinces of the ten have no value: they could stand above it (values two decimals apart: no overlap)
    assert row["rank_range"] == f"4–{4 + len(others) - 8}"
    assert f"{len(others) - 8} tỉnh, thành phố chưa có số liệu có thể đứng trên" in row["rank_vi"]


def test_study_rank_spans_ties_at_printed_precision(peer_project):
    st = load_study(None, peer_project)
    others = [p for p in peer_settings(peer_project).provinces[st.boundary] if p != st.province]
    values = dict(zip(others[:7], [9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0], strict=True))
    values[st.province] = 8.06
    obs = _study_store(peer_project, values)
    obs.loc[(obs["province"] == others[1]) & (obs["value"] == 8.0), "value_as_printed"] = "8"  # 7,5–8,5
    ranks = study_rankings(obs, st)
    row = ranks.iloc[0]
    missing = len(others) + 1 - 8
    # by hand: only 9.0 is above 8.06 → 2nd; 9.0's interval lies wholly above (best 2); "8" reaches above 8.06's
    # interval (8.055–8.065), so the worst is 1 + 2 + the provinces without a value
    assert row["rank"] == 2 and (row["rank_best"], row["rank_worst"]) == (2, 3 + missing)
    said = rank_sentence(row.to_dict(), "Tốc độ tăng GRDP", st.province)
    assert f"Tính cả độ chính xác của số công bố và các tỉnh, thành phố chưa có số liệu, {st.province}" in said
    # printed with two decimals the neighbour stays below: the worst rank is the missing provinces only
    exact = study_rankings(_study_store(peer_project, values), st).iloc[0]
    assert (exact["rank_best"], exact["rank_worst"]) == (2, 2 + missing)
    # and the other way round: the province printed "8" beside a neighbour at 8.06
    values = dict(zip(others[:7], [9.0, 8.06, 7.0, 6.0, 5.0, 4.0, 3.0], strict=True)) | {st.province: 8.0}
    obs = _study_store(peer_project, values)
    obs.loc[(obs["province"] == st.province) & (obs["value"] == 8.0), "value_as_printed"] = "8"
    row = study_rankings(obs, st).iloc[0]
    # by hand: 9.0 and 8.06 above → 3rd; 8.06 lies inside 7,5–8,5 → best 2; 9.0 lies wholly above
    assert row["rank"] == 3 and (row["rank_best"], row["rank_worst"]) == (2, 3 + missing)


def test_study_province_absent_from_a_ranking(peer_project):
    st = load_study(None, peer_project)
    others = [p for p in peer_settings(peer_project).provinces[st.boundary] if p != st.province]
    ranks = study_rankings(_study_store(peer_project, dict.fromkeys(others, 5.0)), st)
    assert len(ranks) >= 1 and ranks["rank"].isna().all() and ranks["value"].isna().all()
    card = scorecard(_study_store(peer_project, dict.fromkeys(others, 5.0)), st)
    said = card[card["rank_vi"] != ""]["rank_vi"].iloc[0]
    assert "chưa xếp hạng được" in said and f"{len(others)}/{len(others) + 1}" in said


def test_no_ranking_settings_no_rank(synthetic_project):
    st = load_study(None, synthetic_project)
    assert peer_settings(synthetic_project, required=False) is None
    assert study_rankings(_study_store(synthetic_project, dict.fromkeys(NEW, 1.0)), st).empty


def test_units_converted_and_unstated_basis_joins_the_stated_one():
    values = dict(zip(NEW[:8], [300.0, 200.0, 100.0, 50.0, 40.0, 30.0, 20.0, 10.0], strict=True))
    obs = store(values, indicator="grdp")
    obs["unit"] = "bn_VND"
    mn = obs["province"] == NEW[7]
    obs.loc[mn, ["value", "unit", "value_as_printed"]] = [250000.0, "mn_VND", "250000"]  # 250 bn VND
    obs.loc[obs["province"] == NEW[0], "price_basis"] = "current"
    t = rank_all(obs, settings(), vocabulary={"grdp": {"unit": "bn_VND"}}).set_index("province")
    assert (t["unit"] == "bn_VND").all() and (t["price_basis"] == "current").all()
    assert t.loc[NEW[7], "value"] == 250.0 and t.loc[NEW[7], "rank"] == 2  # by hand: only 300 above


def test_region_of_the_lineage_is_carried():
    values = dict(zip(NEW[:8], range(8, 0, -1), strict=True))
    regions = {("merged2025", p): ("Vùng Một" if i % 2 else "Vùng Hai") for i, p in enumerate(NEW)}
    t = rank_all(store(values), settings(regions=regions)).set_index("province")
    assert t.loc[NEW[1], "region"] == "Vùng Một" and t.loc[NEW[2], "region"] == "Vùng Hai"


def test_converted_value_keeps_the_printed_precision():
    """A figure printed '64.74' million VND per person, ranked in thousand VND, is 64 740 with no decimals: the
    conversion neither invents decimals ('64.740,00') nor drops printed ones; the other way, '357760' thousand
    is 357,760 million (three decimals)."""
    values = dict(zip(NEW[:8], [90.0, 80.0, 70.0, 60.0, 50.0, 40.0, 30.0, 20.0], strict=True))
    obs = store(values, indicator="grdp_per_capita")
    obs["unit"] = "mn_VND_per_person"
    voc = {"grdp_per_capita": {"unit": "thousand_VND_per_person"}}
    t = rank_all(obs, settings(), vocabulary=voc).set_index("province")
    assert t.loc[NEW[0], "value"] == 90000.0 and t.loc[NEW[0], "decimals"] == 0
    said = rank_sentence(t.reset_index().iloc[0].to_dict(), "GRDP bình quân", "tỉnh Thử")
    assert "90.000 nghìn đồng/người" in said and "90.000,00" not in said
    obs["unit"], obs["value"] = "thousand_VND_per_person", obs["value"] * 1000
    obs["value_as_printed"] = [f"{int(v)}" for v in obs["value"]]
    t = rank_all(obs, settings(), vocabulary={"grdp_per_capita": {"unit": "mn_VND_per_person"}})
    assert (t.dropna(subset=["value"])["decimals"] == 3).all()


def test_rank_sentence_names_an_old_province_as_the_lineage_does(peer_project):
    """A study of an old province (its successor has another name) is ranked as 'tỉnh X (cũ)', never the bare
    manifest name: the rank sentence names the territory the lineage gives it."""
    st = load_study(None, peer_project)
    assert st.boundary == "pre2025" and st.successor not in (None, st.province)
    others = peer_settings(peer_project).provinces[st.boundary]
    values = dict(zip([p for p in others if p != st.province][:7], [9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0], strict=True))
    values[st.province] = 6.5
    said = " ".join(scorecard(_study_store(peer_project, values), st)["rank_vi"])
    assert f"của tỉnh {st.province} (cũ) (" in said and f"của {st.province} (" not in said
