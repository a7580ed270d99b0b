"""Studies as data: loading and validation, derived evidence, per-study outputs, adding a table and a study."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import unicodedata

import pandas as pd
import pytest

from analysis import briefing, build_observations, load_study, scorecard, shares, study_ids
from analysis.core.errors import ManifestError, UnknownNameError
from analysis.evidence.derive import parse_formula
from analysis.pipeline.build_steps import build
from analysis.report.workbook_sheets import target_column_vi
from analysis.sources.manifest import load_vocabulary
from analysis.sources.yearbook.reader import read_yearbook_table

from conftest import (
    GRDP_MAP,
    OTHER_PROVINCE,
    SYN_EMPLOYED_INDUSTRY,
    SYN_LEVELS,
    SYN_PROVINCE,
    SYN_VA_CONSTANT,
    SYN_YEARS,
    grdp_table,
    read_csv_grid,
    write_csv_grid,
    write_study,
)

# --- the shipped studies and vocabulary, checked by invariants ------------------------------------------


@pytest.mark.parametrize("sid", study_ids())
def test_every_shipped_study_loads_with_known_indicators(sid):
    st = load_study(sid)
    voc = load_vocabulary()
    assert st.targets and st.base_year < st.target_year
    for t in st.targets:
        for key in (t.indicator, t.level_indicator, t.annual_indicator):
            assert not key or key in voc, (sid, t.id, key)
        assert t.numeric or t.kind == "qualitative"
    assert [t.order for t in st.targets] == sorted(t.order for t in st.targets)


def test_every_vocabulary_formula_names_known_keys():
    voc = load_vocabulary()
    for key, row in voc.items():
        for col in ("numerator", "denominator", "level"):
            for alt in parse_formula(row.get(col, "")):
                assert all(k in voc for _, k in alt), (key, col, alt)


def test_exactly_one_default_study():
    from analysis.studies.study import default_study_id

    assert default_study_id() in study_ids()


# --- loading and errors ----------------------------------------------------------------------------------


def test_unknown_names_suggest_close_matches(synthetic_project):
    with pytest.raises(UnknownNameError, match="did you mean 'syn-study'"):
        load_study("syn-studdy", synthetic_project)
    st = load_study("syn-study", synthetic_project)
    with pytest.raises(UnknownNameError, match="did you mean 'S1'"):
        st.target("s1x")
    assert st.target("s1").id == "S1"  # case-insensitive, known spelling returned


def test_study_errors_name_the_file_and_key(synthetic_project):
    raw = synthetic_project / "data" / "raw"
    write_study(raw, "broken", SYN_PROVINCE, [])
    toml = raw / "studies" / "broken" / "study.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("base_year = 2020\n", ""), encoding="utf-8")
    with pytest.raises(ManifestError, match=r"data/raw/studies/broken/study.toml: missing key\(s\) \['base_year'\]"):
        load_study("broken", synthetic_project)
    write_study(raw, "elsewhere", "Tỉnh Thử Nghiêm", [])
    with pytest.raises(UnknownNameError, match=f"did you mean '{SYN_PROVINCE}'"):
        load_study("elsewhere", synthetic_project)


def test_province_typed_with_decomposed_accents_is_accepted(synthetic_project):
    raw = synthetic_project / "data" / "raw"
    write_study(raw, "nfd", unicodedata.normalize("NFD", SYN_PROVINCE), [])
    assert load_study("nfd", synthetic_project).province == SYN_PROVINCE


# --- derived evidence ------------------------------------------------------------------------------------


@pytest.fixture
def syn_card(synthetic_project):
    obs = build_observations(synthetic_project)
    st = load_study("syn-study", synthetic_project)
    return obs, st, scorecard(obs, st).set_index("target_id")


def test_shares_are_derived_from_levels_and_match_the_printed_structure(syn_card, synthetic_project):
    obs, st, card = syn_card
    L = {k: v[-1] for k, v in SYN_LEVELS.items()}
    grdp = L["agriculture"] + L["industry_construction"] + L["services"] + L["taxes"]
    assert card.loc["S1", "actual"] == pytest.approx(100 * L["industry"] / grdp)
    assert card.loc["S1", "status"] == "không đạt"  # far below about 36–37
    assert card.loc["S4", "actual"] == pytest.approx(100 * (L["industry_construction"] + L["services"]) / grdp)
    assert card.loc["S4", "status"] == "vượt"
    assert card.loc["S1", "sources"].startswith("D:share_industry:")
    # the derived value agrees with the structure block printed in the same table (±0.02 pp)
    table = read_yearbook_table(synthetic_project / "data" / "raw" / "yearbook" / "grdp_current.csv")
    printed = table[
        (table["measure"] == "structure") & table["series"].str.startswith("Trong đó") & (table["year"] == max(table["year"]))
    ]["value"].iloc[0]
    assert abs(card.loc["S1", "actual"] - printed) <= 0.02
    derived = (
        pd.read_csv(synthetic_project / "data" / "processed" / "syn-study" / "derived.csv")
        if (synthetic_project / "data" / "processed" / "syn-study" / "derived.csv").exists()
        else None
    )
    assert derived is None or len(derived)


def test_derived_rows_record_formula_inputs_and_weakest_status(syn_card):
    from analysis.assessment.target_evidence import study_evidence

    obs, st, _ = syn_card
    ev, _ = study_evidence(obs, st)
    d = ev[ev["source_kind"] == "derived"].set_index("obs_id")
    row = d.loc[[i for i in d.index if i.startswith("D:share_industry:2025:")][0]]
    ids = row["inputs"].split("; ")
    assert all(i in set(obs["obs_id"]) for i in ids) and len(ids) == 2
    assert row["status"] == "preliminary"  # the last year of the table is printed 'Sơ bộ'
    assert "va_industry" in row["transform"] and "grdp" in row["transform"]
    assert row["price_basis"] == "current" and row["boundary"] == "pre2025"


def test_growth_and_productivity_come_from_constant_price_levels(syn_card):
    _, _, card = syn_card
    g = ((SYN_VA_CONSTANT[-1] / SYN_VA_CONSTANT[0]) ** (1 / 5) - 1) * 100
    assert card.loc["S2", "actual"] == pytest.approx(g) and card.loc["S2", "method"] == "cagr_of_levels"
    assert card.loc["S2", "status"] == "đạt"  # 6.58 %/yr against 6–7
    p0 = SYN_VA_CONSTANT[0] / SYN_EMPLOYED_INDUSTRY[0]
    p1 = SYN_VA_CONSTANT[-1] / SYN_EMPLOYED_INDUSTRY[-1]
    assert card.loc["S3", "actual"] == pytest.approx(((p1 / p0) ** (1 / 5) - 1) * 100)
    assert card.loc["S3", "status"] == "không đạt"  # 4.56 %/yr against at least 5
    # yearly growth derived from consecutive levels
    assert card.loc["S2", "y2021"] == pytest.approx((SYN_VA_CONSTANT[1] / SYN_VA_CONSTANT[0] - 1) * 100)


def test_growth_is_no_data_where_only_current_prices_exist(synthetic_project):
    raw = synthetic_project / "data" / "raw"
    with open(raw / "manifest.csv", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    write_csv_grid(raw / "manifest.csv", [r for r in rows if r[0] != "t11"])
    card = scorecard(build_observations(synthetic_project), load_study("syn-study", synthetic_project))
    s2 = card.set_index("target_id").loc["S2"]
    assert s2["status"] == "chưa có số liệu" and "only current-price levels" in s2["flags"]


def test_published_and_derived_values_are_compared(synthetic_project):
    raw = synthetic_project / "data" / "raw"
    header = [
        "figure_id",
        "indicator",
        "period",
        "value",
        "unit",
        "price_basis",
        "boundary",
        "status",
        "published",
        "publisher",
        "source_url",
        "excerpt",
        "note",
    ]
    write_csv_grid(
        raw / "pub.csv",
        [
            header,
            [
                "P1",
                "share_industry",
                "2025",
                "25.0",
                "percent",
                "current",
                "pre2025",
                "estimate",
                "2025-12",
                "Báo thử",
                "http://example.invalid/p1",
                "tỷ trọng 25 %",
                "",
            ],
        ],
    )
    with open(raw / "manifest.csv", "a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow(["pub", "published", "pub.csv", "", SYN_PROVINCE] + [""] * 9)
    obs = build_observations(synthetic_project)
    from analysis import assess

    st = load_study("syn-study", synthetic_project)
    a = assess(st.target("S1"), obs, st)
    roles = {e["obs_id"]: e["role"] for e in a.evidence}
    assert a.sources.startswith("D:share_industry:")  # preliminary (derived) beats an estimate
    assert roles["P1"] == "conflict" and "conflicting_sources" in a.flags


def test_shares_refuse_an_of_which_component():
    L = {k: v[-1] for k, v in SYN_LEVELS.items()}
    total = L["agriculture"] + L["industry_construction"] + L["services"] + L["taxes"]
    ok = pd.Series(
        {"agriculture": L["agriculture"], "industry_construction": L["industry_construction"], "services": L["services"]}
    )
    assert shares(ok, product_taxes=L["taxes"], total=total).sum() == pytest.approx(100)
    bad = ok.copy()
    bad["industry"] = L["industry"]  # 'Trong đó: Công nghiệp' counted again
    with pytest.raises(
        ValueError,
        match=r"components \['agriculture', 'industry_construction', 'services', "
        r"'industry', 'product_taxes'\] add up to",
    ):
        shares(bad, product_taxes=L["taxes"], total=total)


# --- outputs per study -----------------------------------------------------------------------------------


def test_build_writes_per_study_outputs(synthetic_project):
    assert build(synthetic_project, notebooks=False) == 0
    out = synthetic_project / "data" / "processed"
    assert (out / "observations.csv").exists()
    for name in ("scorecard.csv", "trajectory.csv", "derived.csv", "conflicts.csv", "bao-cao-muc-I.xlsx"):
        assert (out / "syn-study" / name).exists(), name
    card = pd.read_csv(out / "syn-study" / "scorecard.csv")
    assert list(card["target_id"]) == ["S1", "S2", "S3", "S4"]


def test_unknown_study_on_the_command_line_fails_with_a_suggestion(synthetic_project):
    env = dict(os.environ, QN_PROJECT_ROOT=str(synthetic_project))
    r = subprocess.run(
        [sys.executable, "-m", "analysis", "scorecard", "--study", "syn-stdy"], env=env, capture_output=True, text=True
    )
    assert r.returncode == 1 and "did you mean 'syn-study'" in r.stderr


# --- a study sees only its territory ------------------------------------------------------------------------


def test_a_study_sees_only_its_own_provinces_files_and_evidence(synthetic_project):
    raw = synthetic_project / "data" / "raw"
    write_csv_grid(raw / "yearbook" / "neighbour_grdp.csv", grdp_table(SYN_YEARS, SYN_LEVELS, "9. GRDP tỉnh bên cạnh"))
    with open(raw / "manifest.csv", "a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow(
            [
                "nb_t9",
                "yearbook",
                "yearbook/neighbour_grdp.csv",
                "",
                OTHER_PROVINCE,
                "2025",
                "9",
                "1",
                "",
                "pre2025",
                "current",
                "http://example.invalid/nb",
                GRDP_MAP,
                "",
            ]
        )
    obs = build_observations(synthetic_project)
    assert OTHER_PROVINCE in set(obs["province"])  # the store holds both provinces
    st = load_study("syn-study", root=synthetic_project)
    own = [r[2].removeprefix("yearbook/") for r in read_csv_grid(raw / "manifest.csv")[1:] if r[4] == SYN_PROVINCE]
    tables = briefing.yearbook_tables(st)
    assert [p.name for p in tables] == own
    assert set(briefing.manifest_lines(st, obs)["province"]) == {SYN_PROVINCE}
    inv = briefing.inventory(obs, st)
    assert set(inv["province"]) == {SYN_PROVINCE}
    assert inv["observations"].sum() >= (obs["province"] == SYN_PROVINCE).sum()  # derived ones counted too
    assert set(briefing.method_check_detail(tables)["table"]) <= set(own)
    assert set(briefing.method_checks(tables)["table"]) <= set(own)
    # a study without any yearbook table: empty checks, no error
    assert briefing.method_check_detail([]).empty and briefing.method_checks([]).empty


def test_target_column_heading_comes_from_the_study(synthetic_project):
    raw = synthetic_project / "data" / "raw"
    assert target_column_vi(load_study("syn-study", root=synthetic_project)) == "Chỉ tiêu"
    toml = raw / "studies" / "syn-study" / "study.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '[report]\ntarget_column_vi = "Chỉ tiêu (mục Thử)"\n', encoding="utf-8")
    assert target_column_vi(load_study("syn-study", root=synthetic_project)) == "Chỉ tiêu (mục Thử)"


@pytest.mark.parametrize("sid", study_ids())
def test_shipped_targets_follow_the_stated_verdict_rules(sid):
    """A study that states its rules ([verdict_rules] in study.toml) applies them to every target."""
    st = load_study(sid)
    rules = st.section("verdict_rules")
    if not rules:
        pytest.skip(f"{sid} states no [verdict_rules]")
    for t in st.targets:
        pct = t.unit in {"percent", "percent_per_year"}
        if t.kind == "about":
            want = rules["about_tolerance_points"] if pct else rules["about_tolerance_share"] * t.lower
            assert t.about_tolerance == pytest.approx(want), t.id
        if t.kind in {"above", "at_least", "at_most", "below"}:
            bound = t.lower if t.kind in {"above", "at_least"} else t.upper
            want = rules["exceed_margin_points"] if pct else rules["exceed_margin_share"] * bound
            assert t.exceed_margin == pytest.approx(want), t.id
