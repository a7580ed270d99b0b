"""Territories as data: published figures name their province (one file, many provinces), the 63 → 34 lineage,
a study of an old province names its successor, and merged-territory levels summed from their old provinces.

Every fixture is generated here (a lineage of made-up provinces); shipped data are checked by invariants only.
"""

from __future__ import annotations

import csv
import unicodedata

import pytest

from analysis import build_observations, select_best
from analysis.core.errors import ManifestError
from analysis.sources.manifest import load_manifest
from analysis.sources.published_figures import PUBLISHED_COLUMNS
from analysis.sources.territories import load_territories

from conftest import MANIFEST_HEADER, RAW, SYN_PROVINCE, make_synthetic_project, read_csv_grid, write_csv_grid

TERRITORY_HEADER = [
    "old_province",
    "new_province",
    "effective",
    "change",
    "legal_act",
    "source_url",
    "aliases",
    "old_level",
    "new_level",
]
#: a made-up lineage: two old provinces merged into one that keeps the first name, one merged into a province
#: of another name, one unchanged city
OLD_A, OLD_B, OLD_C, NEW_D, CITY = SYN_PROVINCE, "Tỉnh Bên Cạnh", "Tỉnh Phía Bắc", "Tỉnh Đồng Bằng", "Phố Thử"
LINEAGE = [
    (OLD_A, OLD_A, "merged", "", "tỉnh", "tỉnh"),
    (OLD_B, OLD_A, "merged", "Bên Cạnh cũ", "tỉnh", "tỉnh"),
    (OLD_C, NEW_D, "merged", "", "tỉnh", "tỉnh"),
    (NEW_D, NEW_D, "merged", "", "tỉnh", "tỉnh"),
    (CITY, CITY, "unchanged", "", "thành phố", "thành phố"),
]
PUB_HEADER = ["province", *PUBLISHED_COLUMNS]  # one file of many provinces


def write_territories(raw, lineage=LINEAGE):
    write_csv_grid(
        raw / "territories.csv",
        [TERRITORY_HEADER]
        + [
            [o, n, "2025-07-01", ch, "Nghị quyết thử", "http://example.invalid/nq", al, lo, ln]
            for o, n, ch, al, lo, ln in lineage
        ],
    )


def pub_row(
    province,
    fid,
    indicator="grdp",
    period="2022",
    value="100",
    boundary="pre2025",
    unit="bn_VND",
    basis="current",
    status="estimate",
):
    return [
        province,
        fid,
        indicator,
        period,
        value,
        unit,
        basis,
        boundary,
        status,
        "2023-01-05",
        "Báo Thử",
        f"http://example.invalid/{fid}",
        f"trích {fid}",
        "",
    ]


def add_published_file(root, rows, name="many.csv", province=""):
    raw = root / "data" / "raw"
    write_csv_grid(raw / name, [PUB_HEADER] + rows)
    manifest = read_csv_grid(raw / "manifest.csv")
    line = dict.fromkeys(MANIFEST_HEADER, "") | {
        "id": name.removesuffix(".csv"),
        "kind": "published",
        "file": name,
        "province": province,
        "note": "synthetic",
    }
    write_csv_grid(raw / "manifest.csv", manifest + [[line[c] for c in MANIFEST_HEADER]])
    return raw / name


@pytest.fixture
def proj(tmp_path):
    root = make_synthetic_project(tmp_path / "p")
    write_territories(root / "data" / "raw")
    return root


# ------------------------------------------------------------------------------------------------ (a) province column
def test_one_file_holds_many_provinces_and_the_manifest_province_is_only_a_default(proj):
    add_published_file(
        proj,
        [pub_row(OLD_B, "M1"), pub_row(NEW_D, "M2", boundary="merged2025", period="2025"), pub_row("", "M3")],
        province=OLD_C,
    )
    obs = build_observations(proj).set_index("obs_id")
    assert obs.loc["M1", "province"] == OLD_B
    assert obs.loc["M2", "province"] == NEW_D
    assert obs.loc["M3", "province"] == OLD_C  # empty cell: the manifest line's province


def test_a_file_without_the_column_takes_the_manifest_province(proj):
    path = add_published_file(proj, [pub_row(OLD_B, "M1")], province=OLD_C)
    rows = read_csv_grid(path)
    write_csv_grid(path, [r[1:] for r in rows])
    assert build_observations(proj).set_index("obs_id").loc["M1", "province"] == OLD_C


def test_an_unknown_province_names_file_row_column_and_suggests(proj):
    typo = OLD_B[:-2]  # "Tỉnh Bên Cạ"
    add_published_file(proj, [pub_row(OLD_A, "M1"), pub_row(typo, "M2")])
    with pytest.raises(ManifestError) as err:
        build_observations(proj)
    msg = str(err.value)
    assert "data/raw/many.csv" in msg and "row 3" in msg and "'province' (cell A3)" in msg
    assert repr(OLD_B) in msg and "did you mean" in msg


def test_an_old_name_for_a_merged_figure_names_the_successor(proj):
    add_published_file(proj, [pub_row(OLD_C, "M1", boundary="merged2025", period="2025")])
    with pytest.raises(ManifestError, match=rf"row 2: column 'province' \(cell A2\): '{OLD_C}' .*part of '{NEW_D}'"):
        build_observations(proj)


def test_old_and_new_names_decomposed_accents_and_aliases_are_accepted(proj):
    decomposed = unicodedata.normalize("NFD", NEW_D)
    add_published_file(
        proj,
        [
            pub_row(decomposed, "M1", boundary="merged2025", period="2025"),
            pub_row(NEW_D, "M2", boundary="unknown", period="2025"),
            pub_row("bên cạnh cũ", "M3"),
        ],
    )
    obs = build_observations(proj).set_index("obs_id")
    assert obs.loc["M1", "province"] == NEW_D == obs.loc["M2", "province"]
    assert obs.loc["M3", "province"] == OLD_B and "bên cạnh cũ" in obs.loc["M3", "note"]


def test_without_a_territory_file_the_manifest_provinces_are_the_known_names(tmp_path):
    root = make_synthetic_project(tmp_path / "p")
    add_published_file(root, [pub_row(SYN_PROVINCE, "M1")])
    assert build_observations(root).set_index("obs_id").loc["M1", "province"] == SYN_PROVINCE
    add_published_file(root, [pub_row("Tỉnh Không Có", "M2")], name="other.csv")
    with pytest.raises(ManifestError, match="unknown province 'Tỉnh Không Có'"):
        build_observations(root)


def test_every_shipped_figure_names_a_known_territory():
    """Invariant over data/raw: every province in the store is a name the territory file (or the manifest) knows,
    valid for the figure's boundary."""
    obs = build_observations()
    t = load_territories()
    manifest = {m["province"] for _, m in load_manifest() if m["province"]}
    for (prov, bnd), rows in obs.groupby(["province", "boundary"]):
        ok = prov in manifest or t.canonical(prov, bnd if bnd != "unknown" else None) == prov
        assert ok, f"{sorted(set(rows['raw_file']))}: province '{prov}' with boundary {bnd} is not in territories.csv"


def test_shipped_territory_file_is_a_lineage():
    """Invariant: every old province has exactly one successor, and every new province contains its namesake."""
    with open(RAW / "territories.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    t = load_territories()
    assert len({r["old_province"] for r in rows}) == len(rows)
    for new in t.new_names:
        assert new in t.members(new), f"data/raw/territories.csv: new province '{new}' keeps no old name"


# ------------------------------------------------------------------------------------- (b) figures of many provinces
def test_a_study_sees_only_its_province_and_conflicts_stay_per_province(proj):
    """A many-province file: the study's evidence and conflicts hold its province's rows only; two sources of
    another province that disagree are kept side by side as that province's conflict."""
    from analysis import load_study
    from analysis.evidence.derive import evidence_for_study
    from analysis.evidence.select import find_conflicts

    add_published_file(
        proj,
        [
            pub_row(OLD_B, "M1", value="500"),
            pub_row(OLD_B, "M2", value="520"),
            pub_row(OLD_A, "M3", indicator="grdp", period="2019", value="40000"),
        ],
    )
    obs = build_observations(proj)
    st = load_study("syn-study", proj)
    ev = evidence_for_study(obs, st)
    assert set(ev["province"]) == {st.province} and "M3" in set(ev["obs_id"]) and "M1" not in set(ev["obs_id"])
    mine = find_conflicts(obs, st.province)
    assert not {"M1", "M2"} & (set(mine["chosen_id"]) | set(mine["other_id"]))
    theirs = find_conflicts(obs, OLD_B)
    assert {frozenset(p) for p in zip(theirs["chosen_id"], theirs["other_id"], strict=True)} == {frozenset({"M1", "M2"})}


def test_shipped_published_files_file_each_figure_under_its_own_province():
    """Invariant: a published row with a province cell is filed under that province (alias resolved), else under
    its manifest line's."""
    obs = build_observations().set_index("obs_id")
    t = load_territories()
    for _, m in load_manifest():
        if m["kind"] != "published":
            continue
        with open(RAW / m["file"], encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                typed = (r.get("province") or "").strip() or m["province"]
                want = t.canonical(typed, None) or typed
                assert obs.loc[r["figure_id"], "province"] == unicodedata.normalize("NFC", want), (m["file"], r)


# ------------------------------------------------------------------------------------------------- (c) lineage, studies
def test_territories_are_named_from_the_lineage(proj):
    t = load_territories(proj)
    assert t.successor(OLD_C) == NEW_D and t.members(OLD_A) == [OLD_A, OLD_B]
    assert t.name_vi(OLD_C, "pre2025") == f"tỉnh {OLD_C} (cũ), nay thuộc tỉnh {NEW_D}"
    assert t.name_vi(OLD_A, "pre2025") == f"tỉnh {OLD_A} (cũ)"  # the successor keeps its name
    assert t.name_vi(OLD_A, "merged2025") == f"tỉnh {OLD_A} (mới), gồm địa bàn tỉnh {OLD_B} (cũ), từ ngày 01/7/2025"
    assert t.name_vi(OLD_C, "merged2025", short=True) == f"tỉnh {NEW_D} (mới)"  # an old name's merged territory
    assert t.name_vi(CITY, "pre2025") == t.name_vi(CITY, "merged2025") == f"thành phố {CITY}"  # unchanged


def _study_of(root, province, boundary="pre2025", extra='boundary_fallback = ["merged2025", "unknown"]\n'):
    from conftest import target_row, write_study

    write_study(
        root / "data" / "raw",
        "old-study",
        province,
        [
            target_row(
                id="Q1",
                order=1,
                indicator="share_industry",
                kind="above",
                lower=30,
                unit="percent",
                measure="final_year_share",
                base_year=2020,
                target_year=2025,
            )
        ],
        boundary=boundary,
        extra=extra,
    )


def test_a_study_of_an_old_province_names_its_successor(proj):
    from analysis import load_study

    _study_of(proj, OLD_C)
    st = load_study("old-study", proj)
    assert st.province == OLD_C and st.successor == NEW_D
    assert st.territory_vi() == f"tỉnh {OLD_C} (cũ), nay thuộc tỉnh {NEW_D}"
    assert st.territory_vi("merged2025").startswith(f"tỉnh {NEW_D} (mới), gồm địa bàn tỉnh {OLD_C} (cũ)")
    from analysis.briefing.tables import study_header

    assert f"nay thuộc tỉnh {NEW_D}" in study_header(st)


def test_the_territory_table_of_the_study_overrides_the_lineage(proj):
    from analysis import load_study

    _study_of(proj, OLD_C, extra='[territory]\npre2025_vi = "địa bàn thử"\n')
    assert load_study("old-study", proj).territory_vi() == "địa bàn thử"


def test_a_figure_of_the_successor_is_another_territory_never_silently_used(proj):
    """The successor's merged figure reaches the study of the old province only as a flagged fallback: the verdict
    is 'chưa đủ cơ sở đánh giá' and the sentence names the successor's territory; without the fallback it is
    not used at all."""
    from analysis import load_study, scorecard

    add_published_file(
        proj,
        [
            pub_row(
                NEW_D,
                "M1",
                indicator="share_industry",
                period="2025",
                value="45",
                unit="percent",
                basis="current",
                boundary="merged2025",
            )
        ],
    )
    _study_of(proj, OLD_C)
    obs = build_observations(proj)
    row = scorecard(obs, load_study("old-study", proj)).iloc[0]
    assert row["verdict"] == "insufficient" and row["boundary"] == "merged2025" and "M1" in row["sources"]
    assert f"tỉnh {NEW_D} (mới)" in row["statement_vi"]
    _study_of(proj, OLD_C, extra='boundary_fallback = ["unknown"]\n')
    row = scorecard(obs, load_study("old-study", proj)).iloc[0]
    assert row["verdict"] == "no_data" and "M1" not in row["sources"]


def test_a_study_province_unknown_or_of_the_wrong_map_is_refused_with_suggestions(proj):
    from analysis import load_study
    from analysis.core.errors import UnknownNameError

    _study_of(proj, NEW_D[:-3])
    with pytest.raises(UnknownNameError, match=rf"did you mean '{NEW_D}'"):
        load_study("old-study", proj)
    _study_of(proj, OLD_C, boundary="merged2025")
    with pytest.raises(ManifestError, match=rf"study.toml.*'{OLD_C}' is a province of the old map, part of '{NEW_D}'"):
        load_study("old-study", proj)


# --------------------------------------------------------------------------------------- (d) merged-territory levels
AGG_VOCAB = [
    # key, unit, kind, numerator, denominator, level, additive
    ("grdp", "bn_VND", "level", "", "", "", "yes"),
    ("va_industry", "bn_VND", "level", "", "", "", "yes"),
    ("grdp_per_capita", "mn_VND_per_person", "level", "", "", "", ""),
    ("share_industry", "percent", "share", "va_industry", "grdp", "", ""),
    ("va_industry_growth", "percent", "growth", "", "", "va_industry", ""),
]


def pub(province, fid, indicator, period, value, basis="current", boundary="pre2025", status="estimate", url=None, unit=None):
    unit = unit or next(u for k, u, *_ in AGG_VOCAB if k == indicator)
    row = pub_row(
        province,
        fid,
        indicator=indicator,
        period=period,
        value=str(value),
        boundary=boundary,
        unit=unit,
        basis=basis,
        status=status,
    )
    row[11] = url or row[11]
    return row


@pytest.fixture
def agg_proj(tmp_path):
    """A project of published figures only: two old provinces (A, B) of one new province (A), another new
    province (D) of which one old province (C) has no figure, an unchanged city."""
    root = tmp_path / "agg"
    raw = root / "data" / "raw"
    raw.mkdir(parents=True)
    write_csv_grid(
        raw / "indicators.csv",
        [["key", "label_vi", "label_en", "unit", "kind", "numerator", "denominator", "level", "note", "additive"]]
        + [[k, f"Chỉ tiêu {k}", k, u, kind, n, d, lv, "", a] for k, u, kind, n, d, lv, a in AGG_VOCAB],
    )
    write_territories(raw)
    write_csv_grid(raw / "manifest.csv", [MANIFEST_HEADER])
    add_published_file(
        root,
        [
            pub(OLD_A, "G1", "grdp", "2022", 100, status="official"),
            pub(OLD_B, "G2", "grdp", "2022", 50),
            pub(OLD_A, "V1", "va_industry", "2022", 40),
            pub(OLD_B, "V2", "va_industry", "2022", 5),
            pub(OLD_A, "K1", "va_industry", "2021", 30, basis="constant_2010"),
            pub(OLD_B, "K2", "va_industry", "2021", 10, basis="constant_2010"),
            pub(OLD_A, "K3", "va_industry", "2022", 36, basis="constant_2010"),
            pub(OLD_B, "K4", "va_industry", "2022", 10, basis="constant_2010"),
            pub(NEW_D, "G3", "grdp", "2022", 70),  # its partner C has none
            pub(OLD_A, "P1", "grdp_per_capita", "2022", 90),
            pub(OLD_B, "P2", "grdp_per_capita", "2022", 60),
            pub(CITY, "G4", "grdp", "2022", 500),  # unchanged: no aggregate
            pub(OLD_A, "U1", "grdp", "2021", 90, basis="unknown", url="http://example.invalid/one"),
            pub(OLD_B, "U2", "grdp", "2021", 45, basis="unknown", url="http://example.invalid/two"),
            pub(OLD_A, "U3", "grdp", "2020", 80, basis="unknown", url="http://example.invalid/table"),
            pub(OLD_B, "U4", "grdp", "2020", 40, basis="unknown", url="http://example.invalid/table"),
            pub(OLD_A, "M1", "grdp", "2022", 170, boundary="merged2025"),  # a published merged figure
        ],
    )
    return root


def _aggregates(obs):
    return obs[obs["source_kind"] == "aggregated"].set_index(["province", "indicator", "period", "price_basis"])


def test_a_merged_level_is_the_sum_of_every_old_province_with_inputs_and_weakest_status(agg_proj):
    agg = _aggregates(build_observations(agg_proj))
    row = agg.loc[(OLD_A, "grdp", "2022", "current")]
    assert row["value"] == 150.0 and row["boundary"] == "merged2025" and row["status"] == "estimate"
    assert row["inputs"] == "G1; G2" and OLD_B in row["transform"] and row["unit"] == "bn_VND"
    assert agg.loc[(OLD_A, "va_industry", "2022", "constant_2010"), "value"] == 46.0


def test_no_merged_level_when_an_old_province_is_missing_or_the_indicator_is_not_additive(agg_proj):
    agg = _aggregates(build_observations(agg_proj))
    provinces_indicators = set(zip(agg.index.get_level_values(0), agg.index.get_level_values(1), strict=True))
    assert (NEW_D, "grdp") not in provinces_indicators  # old province C has no level
    assert (OLD_A, "grdp_per_capita") not in provinces_indicators
    assert CITY not in agg.index.get_level_values(0)
    # an unstated price basis is summed only within one publication
    assert (OLD_A, "grdp", "2020", "unknown") in agg.index and (OLD_A, "grdp", "2021", "unknown") not in agg.index
    assert agg.loc[(OLD_A, "grdp", "2020", "unknown"), "value"] == 120.0


def test_removing_one_old_province_removes_the_merged_level(agg_proj):
    path = agg_proj / "data" / "raw" / "many.csv"
    rows = read_csv_grid(path)
    write_csv_grid(path, [r for r in rows if r[1] != "G2"])
    agg = _aggregates(build_observations(agg_proj))
    assert (OLD_A, "grdp", "2022", "current") not in agg.index


def test_a_published_merged_figure_and_the_aggregate_are_compared_like_two_sources(agg_proj):
    from analysis import select_best

    obs = build_observations(agg_proj)
    ev = select_best(obs, "grdp", "2022", province=OLD_A, boundary="merged2025")
    roles = dict(zip(ev.candidates["obs_id"], ev.candidates["role"], strict=True))
    assert ev.chosen["obs_id"] == "M1" and list(roles.values()).count("conflict") == 1  # 170 against 150


def test_ratios_and_growth_of_the_merged_territory_come_from_the_sums(agg_proj):
    """Share = 100 × (40 + 5) / (100 + 50) = 30 % (not the mean of 40 % and 10 %); growth of the summed constant
    levels = (36 + 10) / (30 + 10) − 1 = 15 % (not the mean of 20 % and 0 %)."""
    from analysis.evidence.derive import derive_for_study
    from analysis.sources.manifest import load_vocabulary

    from conftest import make_study

    obs = build_observations(agg_proj)
    obs = obs[obs["obs_id"] != "M1"]  # the sum, not the published figure, is the denominator
    st = make_study([], agg_proj, province=OLD_A, boundary="merged2025", fallback=())
    d = derive_for_study(obs, st, load_vocabulary(agg_proj)).set_index(["indicator", "period", "boundary"])
    share = d.loc[("share_industry", "2022", "merged2025")]
    assert share["value"] == pytest.approx(30.0)
    assert d.loc[("va_industry_growth", "2022", "merged2025"), "value"] == pytest.approx(15.0)
    assert d.loc[("share_industry", "2022", "pre2025"), "value"] == pytest.approx(40.0)  # the old province alone
    inputs = set(share["inputs"].split("; "))
    assert inputs <= set(obs.loc[obs["source_kind"] == "aggregated", "obs_id"]) and len(inputs) == 2


def test_shipped_aggregates_are_sums_of_every_old_province():
    """Invariant over data/raw: every aggregate equals the sum of its inputs, one per old province of its territory,
    each a pre2025 level of the same indicator, period, price basis and unit; its status is the weakest input's."""
    from analysis.sources.store_schema import STATUS_ORDER

    obs = build_observations()
    t = load_territories()
    by_id = obs.set_index("obs_id")
    for _, a in obs[obs["source_kind"] == "aggregated"].iterrows():
        ins = by_id.loc[a["inputs"].split("; ")]
        assert sorted(ins["province"]) == sorted(t.members(a["province"])), a["obs_id"]
        assert (ins["boundary"] == "pre2025").all() and (ins["indicator"] == a["indicator"]).all()
        assert (ins["period"] == a["period"]).all() and (ins["unit"] == a["unit"]).all()
        assert (ins["price_basis"] == a["price_basis"]).all()
        assert a["value"] == pytest.approx(ins["value"].sum())
        assert STATUS_ORDER[a["status"]] == max(STATUS_ORDER[s] for s in ins["status"])


def test_an_unchanged_province_owns_the_figures_of_both_maps(proj):
    """A province whose territory did not change on 1 July 2025: a figure filed for the new map judges its
    target like its own (not 'chưa đủ cơ sở đánh giá')."""
    from analysis import load_study, scorecard

    add_published_file(
        proj,
        [
            pub_row(
                CITY,
                "M1",
                indicator="share_industry",
                period="2025",
                value="45",
                unit="percent",
                basis="current",
                boundary="merged2025",
            )
        ],
    )
    _study_of(proj, CITY, extra='boundary_fallback = ["unknown"]\n')
    row = scorecard(build_observations(proj), load_study("old-study", proj)).iloc[0]
    assert row["verdict"] == "exceeded" and "M1" in row["sources"] and row["boundary"] == "pre2025"


def test_each_old_province_contributes_its_newest_figure_of_the_tier_even_in_translation(agg_proj):
    """The sum takes each old province's figure in select_best's order: a later translation of the same tier
    supersedes an earlier original (so the merged level and the old province's own choice agree)."""
    path = agg_proj / "data" / "raw" / "many.csv"
    later = pub(OLD_B, "G2T", "grdp", "2022", 55)
    later[9], later[13] = "2024-06-01", "English translation"  # published later, a translation
    write_csv_grid(path, read_csv_grid(path) + [later])
    obs = build_observations(agg_proj)
    row = _aggregates(obs).loc[(OLD_A, "grdp", "2022", "current")]
    assert row["value"] == 100.0 + 55.0 and row["inputs"] == "G1; G2T"
    own = select_best(obs, "grdp", "2022", province=OLD_B, boundary="pre2025")
    assert own.chosen["obs_id"] == "G2T"


def _add_pair(root, a, b, period="2019"):
    """Two figures of one grdp cell (old provinces A and B, current prices); ``a``/``b``: (value, note)."""
    rows = []
    for province, fid, (value, note) in ((OLD_A, "Q1", a), (OLD_B, "Q2", b)):
        row = pub(province, fid, "grdp", period, value)
        row[13] = note
        rows.append(row)
    path = root / "data" / "raw" / "many.csv"
    write_csv_grid(path, read_csv_grid(path) + rows)
    return _aggregates(build_observations(root)).loc[(OLD_A, "grdp", period, "current")]


def test_a_sum_with_a_rounded_input_is_printed_at_the_coarsest_precision_and_its_interval_widens(agg_proj):
    """1 780 000 (printed rounded to ten thousands) + 1 234 = 1 781 234, printed '1780000' (ten thousands):
    the interval is 1 781 234 ± 5 000, not ± 0.5."""
    from analysis.evidence.select import value_interval

    row = _add_pair(agg_proj, ("1780000", ""), ("1234", ""))
    assert row["value"] == 1781234.0 and row["qualifier"] == "exact" and row["value_as_printed"] == "1780000"
    assert value_interval(row["value"], row["qualifier"], row["value_as_printed"]) == (1776234.0, 1786234.0)


def test_a_sum_keeps_the_fewest_printed_decimals(agg_proj):
    """8.08 + 1.5 = 9.58 printed with one decimal: "9.6" (no second decimal that 1.5 did not print)."""
    row = _add_pair(agg_proj, ("8.08", ""), ("1.5", ""))
    assert row["value"] == pytest.approx(9.58) and row["value_as_printed"] == "9.6"


@pytest.mark.parametrize(
    ("note_a", "note_b", "expected"),
    [
        ("", "", "exact"),
        ("'khoảng' (about)", "", "approximate"),
        ("'hơn' (more than)", "", "lower_bound"),
        ("'hơn' (more than)", "'trên' (over)", "lower_bound"),
        ("'dưới' (under)", "", "upper_bound"),
        ("'hơn' (more than)", "'dưới' (under)", "approximate"),
        ("'hơn' (more than)", "'khoảng' (about)", "approximate"),
    ],
)
def test_the_qualifier_of_a_sum_follows_its_inputs(agg_proj, note_a, note_b, expected):
    row = _add_pair(agg_proj, ("100", note_a), ("50", note_b))
    assert row["value"] == 150.0 and row["qualifier"] == expected and row["value_as_printed"] == "150"
