"""The evidence store holds every published figure and every yearbook value with provenance."""
from __future__ import annotations

import csv
import random

import pytest

from analysis import build_observations, read_yearbook_table, select_best
from analysis.build import build_store
from analysis.vnnumbers import parse_vn_number
from conftest import RAW, ROOT, TABLES, hash_tree


@pytest.fixture(scope="module")
def obs():
    return build_observations()


def _published_rows(name):
    with open(RAW / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_holds_every_published_figure(obs):
    for name in ["published_figures.csv", "resolution_figures.csv"]:
        ids = {r["figure_id"] for r in _published_rows(name)}
        assert ids <= set(obs["obs_id"])
    assert (obs["source_kind"] == "published").sum() == 229 + 4


def test_holds_every_yearbook_value(obs):
    printed = sum(len(read_yearbook_table(p)) for p in TABLES)
    assert (obs["source_kind"] == "yearbook").sum() == printed == 275


def test_provenance_is_complete(obs):
    for col in ["indicator", "period", "unit", "price_basis", "boundary", "status", "raw_file", "source_ref"]:
        assert (obs[col].astype(str) != "").all(), col
    yb = obs[obs["source_kind"] == "yearbook"]
    assert (yb["vintage"] != "").all() and (yb["cell"] != "").all() and (yb["source_url"] != "").all()
    assert set(obs["status"]) <= {"official", "preliminary", "estimate", "secondary", "target"}


def test_random_values_trace_back_to_raw_file_and_line(obs):
    rng = random.Random(20211)
    for i in rng.sample(range(len(obs)), 40):
        row = obs.iloc[i]
        path = ROOT / row["raw_file"]
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        line = next(csv.reader([lines[row["raw_line"] - 1]]))
        if row["source_kind"] == "published":
            assert line[0] == row["obs_id"]
            assert float(line[3]) == row["value"]
        else:
            col = ord(row["cell"][0]) - 65
            assert line[col] == row["value_as_printed"]
            printed = parse_vn_number(line[col]).value
            if row["transform"] == "index_minus_100":
                assert row["value"] == pytest.approx(printed - 100)
            elif row["transform"].startswith("x"):
                assert row["value"] == pytest.approx(printed * float(row["transform"].split()[0][1:]))
            else:
                assert row["value"] == printed


def test_yearbook_mapping_and_conversion(obs):
    v = obs.set_index("obs_id")
    assert v.loc["qn2016_t176:B6", "indicator"] == "gross_industrial_output"
    assert v.loc["qn2016_t176:B6", "value"] == 82217.16 and v.loc["qn2016_t176:B6", "unit"] == "bn_VND"
    assert v.loc["qn2016_t24:B14", "indicator"] == "employed_total_growth"
    assert v.loc["qn2016_t24:B14", "value"] == pytest.approx(4.49)
    assert v.loc["na2019_iip:B5", "province"] == "Nghệ An" and v.loc["na2019_iip:B5", "period"] == "2015"
    assert v.loc["qn2016_t176:F6", "status"] == "preliminary"


def test_best_evidence_prefers_official_then_newest(obs):
    # 2016 gross industrial output: a preliminary yearbook value and the same figure published
    ev = select_best(obs, "gross_industrial_output", "2016", price_basis="current")
    assert ev.chosen["status"] == "preliminary" and not ev.conflict
    # 2015 employed: official in the yearbook and in the published file, equal
    ev = select_best(obs, "employed_total", "2015")
    assert ev.chosen["status"] == "official" and ev.value == 742174


def test_conflicts_beyond_rounding_are_exposed(obs):
    ev = select_best(obs, "grdp", "2022", price_basis="current")
    roles = dict(zip(ev.candidates["obs_id"], ev.candidates["role"]))
    assert ev.chosen["obs_id"] == "F012"
    assert roles == {"F012": "chosen", "F013": "agrees", "F014": "conflict", "F011": "other_basis"}
    assert ev.conflict


def test_rounded_figures_do_not_conflict(obs):
    # 92,300 (press conference) and "92 nghìn tỷ" (UBND, rounded) agree within rounding
    ev = select_best(obs, "grdp", "2025", boundary="merged2025", price_basis="constant_2010")
    assert ev.chosen["obs_id"] == "F023"
    assert set(ev.candidates["role"]) == {"chosen", "agrees"}


def test_boundary_preference_falls_back_and_says_so(obs):
    ev = select_best(obs, "share_industry", "2025", boundary=["pre2025", "merged2025", "unknown"])
    assert ev.chosen["obs_id"] == "F134" and ev.boundary_fallback


def test_build_store_never_writes_raw(project_copy):
    before = hash_tree(project_copy / "data" / "raw")
    build_store(project_copy)
    assert hash_tree(project_copy / "data" / "raw") == before
    assert (project_copy / "data" / "processed" / "observations.csv").exists()


def test_adding_a_table_is_one_file_plus_one_manifest_line(project_copy):
    import shutil
    src = project_copy / "data" / "raw" / "yearbook" / "quang-ngai_2016_t24_employed-by-ownership.csv"
    shutil.copy(src, src.with_name("copy_t24.csv"))
    with open(project_copy / "data" / "raw" / "manifest.csv", "a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow(["copy", "yearbook", "yearbook/copy_t24.csv", "", "Tỉnh X", "2016", "24", "", "",
                                 "pre2025", "na", "http://example.invalid/t24", ":: Tổng số - Total => employed_total", ""])
    obs = build_observations(project_copy)
    assert (obs["province"] == "Tỉnh X").sum() == 84
    assert (obs[(obs["province"] == "Tỉnh X")]["indicator"] == "employed_total").sum() == 7
