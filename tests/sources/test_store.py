"""The evidence store holds every published figure and every yearbook value with provenance.

Shipped data are checked by invariants computed from the raw files (never by pinned counts or ids);
the store's behaviour is tested on the synthetic project of ``conftest.py``.
"""

from __future__ import annotations

import csv
import io
import random

import pytest

from analysis import build_observations, load_observations, read_yearbook_table, select_best
from analysis.core.errors import UnknownNameError
from analysis.core.paths import raw_dir
from analysis.core.vnnumbers import parse_vn_number
from analysis.pipeline.build_steps import build_store
from analysis.sources.manifest import load_manifest
from analysis.sources.territories import load_territories

from conftest import ROOT, SYN_LEVELS, SYN_PROVINCE, hash_tree, make_obs, write_csv_grid


@pytest.fixture(scope="module")
def obs():
    return build_observations()


def _manifest(kind):
    return [m for _, m in load_manifest() if m["kind"] == kind]


def test_holds_every_published_figure(obs):
    n = 0
    for m in _manifest("published"):
        with open(raw_dir() / m["file"], encoding="utf-8", newline="") as fh:
            ids = {r["figure_id"] for r in csv.DictReader(fh)}
        assert ids <= set(obs["obs_id"]), m["file"]
        n += len(ids)
    assert (obs["source_kind"] == "published").sum() == n


def test_holds_every_yearbook_value(obs):
    printed = sum(len(read_yearbook_table(raw_dir() / m["file"], m["sheet"] or None)) for m in _manifest("yearbook"))
    assert (obs["source_kind"] == "yearbook").sum() == printed > 0


def test_provenance_is_complete(obs):
    read = obs[obs["source_kind"] != "aggregated"]  # read from a file; aggregates name their inputs instead
    for col in ["indicator", "period", "unit", "price_basis", "boundary", "status", "raw_file", "source_ref", "province"]:
        assert (read[col].astype(str) != "").all(), col
    summed = obs[obs["source_kind"] == "aggregated"]
    for col in [
        "indicator",
        "period",
        "unit",
        "price_basis",
        "boundary",
        "status",
        "source_ref",
        "province",
        "inputs",
        "transform",
    ]:
        assert (summed[col].astype(str) != "").all(), col
    assert {i for ids in summed["inputs"] for i in ids.split("; ")} <= set(read["obs_id"])
    yb = obs[obs["source_kind"] == "yearbook"]
    assert (yb["vintage"] != "").all() and (yb["cell"] != "").all() and (yb["source_url"] != "").all()
    assert set(obs["status"]) <= {"official", "preliminary", "estimate", "secondary", "target"}
    known = {m["province"] for _, m in load_manifest()} | set(load_territories().names())
    assert set(obs["province"]) <= known, sorted(set(obs["province"]) - known)


def _record_at(path, line_no):
    """The CSV record starting at physical line ``line_no`` (records may span lines)."""
    text = path.read_bytes().decode("utf-8-sig")
    lines = io.StringIO(text, newline="").readlines()
    return next(csv.reader(io.StringIO("".join(lines[line_no - 1 :]), newline="")))


def test_random_values_trace_back_to_raw_file_and_line(obs):
    rng = random.Random(20211)
    rows = obs[obs["raw_file"].str.endswith(".csv")]
    for i in rng.sample(range(len(rows)), min(60, len(rows))):
        row = rows.iloc[i]
        rec = _record_at(ROOT / row["raw_file"], int(row["raw_line"]))
        if row["source_kind"] == "published":  # columns by header name: a file may order them its own way
            header = _record_at(ROOT / row["raw_file"], 1)
            rec = dict(zip(header, rec, strict=True))
            assert rec["figure_id"] == row["obs_id"] and float(rec["value"]) == row["value"]
            continue
        col = ord(row["cell"][0]) - 65
        assert rec[col] == row["value_as_printed"]
        printed = parse_vn_number(rec[col]).value
        if row["transform"] == "index_minus_100":
            assert row["value"] == pytest.approx(printed - 100)
        elif row["transform"].startswith("x"):
            assert row["value"] == pytest.approx(printed * float(row["transform"].split()[0][1:]))
        else:
            assert row["value"] == printed


def test_workbook_values_trace_back_to_sheet_and_cell(synthetic_project):
    """XLSX inputs on equal terms: every value of a workbook table is found at its sheet and cell."""
    import openpyxl

    from conftest import grid_to_xlsx, read_csv_grid

    raw = synthetic_project / "data" / "raw"
    grid_to_xlsx(
        read_csv_grid(raw / "yearbook" / "grdp_current.csv"),
        raw / "yearbook" / "grdp.xlsx",
        numbers_as_numbers=True,
        blank_rows_after=1,
    )
    with open(raw / "manifest.csv", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    for r in rows:
        if r[0] == "t10":
            r[2] = "yearbook/grdp.xlsx"
    write_csv_grid(raw / "manifest.csv", rows)
    obs = build_observations(synthetic_project)
    xl = obs[obs["raw_file"] == "data/raw/yearbook/grdp.xlsx"]
    ws = openpyxl.load_workbook(raw / "yearbook" / "grdp.xlsx").active
    assert len(xl) > 0
    for rec in xl.to_dict("records"):
        assert float(ws[rec["cell"]].value) == pytest.approx(rec["value"])
        assert rec["raw_line"] == ws[rec["cell"]].row


def test_persisted_store_round_trips_and_goes_stale(project_copy, monkeypatch):
    import pandas as pd

    import analysis.sources.store as store

    built = build_store(project_copy)
    calls = []
    real = store.build_observations
    monkeypatch.setattr(store, "build_observations", lambda root=None: calls.append(root) or real(root))
    loaded = load_observations(project_copy)
    pd.testing.assert_frame_equal(built.reset_index(drop=True), loaded)
    assert calls == []  # read back, not rebuilt
    (project_copy / "data" / "raw" / "yearbook" / "NOTE.txt").write_text("new input", encoding="utf-8")
    load_observations(project_copy)
    assert calls == [project_copy]  # raw changed: rebuilt from data/raw


def test_synthetic_table_maps_converts_and_marks_of_which(synthetic_project):
    obs = build_observations(synthetic_project)
    t10 = obs[obs["raw_file"] == "data/raw/yearbook/grdp_current.csv"]
    ind = t10[(t10["indicator"] == "va_industry")]
    assert list(ind["value"]) == [float(v) for v in SYN_LEVELS["industry"]]
    assert ind["of_which"].all() and not t10[t10["indicator"] == "va_services"]["of_which"].any()
    assert set(ind["unit"]) == {"bn_VND"} and set(ind["price_basis"]) == {"current"}
    assert (obs["province"] == SYN_PROVINCE).all()
    prel = t10[t10["year"] == t10["year"].max()]
    assert set(prel["status"]) == {"preliminary"}


def test_best_evidence_prefers_official_then_newest_and_exposes_conflicts(vocab_root):
    rows = [
        ("grdp", "2022", 100.0, "pre2025", "estimate", "current", "bn_VND"),
        ("grdp", "2022", 100.4, "pre2025", "official", "current", "bn_VND"),
        ("grdp", "2022", 100.0, "pre2025", "secondary", "current", "bn_VND"),
        ("grdp", "2022", 150.0, "pre2025", "estimate", "current", "bn_VND"),
        ("grdp", "2022", 60.0, "pre2025", "secondary", "unknown", "bn_VND"),
    ]
    o = make_obs(rows, root=vocab_root)
    o["value_as_printed"] = ["100", "100.4", "100", "150", "60"]
    ev = select_best(o, "grdp", "2022", province=SYN_PROVINCE, price_basis="current")
    roles = dict(zip(ev.candidates["obs_id"], ev.candidates["role"], strict=True))
    assert ev.chosen["obs_id"] == "S001"
    assert roles == {"S001": "chosen", "S000": "agrees", "S002": "agrees", "S003": "conflict", "S004": "other_basis"}
    assert ev.conflict


def test_rounded_figures_do_not_conflict(vocab_root):
    o = make_obs(
        [
            ("grdp", "2025", 92300, "merged2025", "estimate", "constant_2010", "bn_VND"),
            ("grdp", "2025", 92000, "merged2025", "estimate", "constant_2010", "bn_VND"),
        ],
        root=vocab_root,
    )
    o["value_as_printed"] = ["92300", "92000"]
    ev = select_best(o, "grdp", "2025", province=SYN_PROVINCE, boundary="merged2025")
    assert set(ev.candidates["role"]) == {"chosen", "agrees"}


def test_boundary_preference_falls_back_and_says_so(vocab_root):
    o = make_obs(
        [
            ("share_industry", "2025", 35.0, "merged2025", "estimate", "unknown", "percent"),
            ("share_industry", "2025", 43.0, "unknown", "estimate", "unknown", "percent"),
        ],
        root=vocab_root,
    )
    ev = select_best(o, "share_industry", "2025", province=SYN_PROVINCE, boundary=["pre2025", "merged2025", "unknown"])
    assert ev.chosen["obs_id"] == "S000" and ev.boundary_fallback


def test_requests_name_unknown_things_and_suggest(vocab_root):
    import unicodedata

    o = make_obs([("share_industry", "2025", 35.0, "pre2025", "estimate", "current", "percent")], root=vocab_root)
    with pytest.raises(UnknownNameError, match="did you mean 'share_industry'"):
        select_best(o, "share_industy", "2025", province=SYN_PROVINCE)
    with pytest.raises(UnknownNameError, match=f"did you mean '{SYN_PROVINCE}'"):
        select_best(o, "share_industry", "2025", province=SYN_PROVINCE[:-2])
    with pytest.raises(TypeError, match="'2025'"):
        select_best(o, "share_industry", 2025, province=SYN_PROVINCE)
    decomposed = unicodedata.normalize("NFD", SYN_PROVINCE)
    assert decomposed != SYN_PROVINCE
    assert select_best(o, "share_industry", "2025", province=decomposed).found
    # a vocabulary key without evidence is no error: it is a gap
    assert not select_best(o, "grdp", "2025", province=SYN_PROVINCE).found


def test_build_store_never_writes_raw(project_copy):
    before = hash_tree(project_copy / "data" / "raw")
    build_store(project_copy)
    assert hash_tree(project_copy / "data" / "raw") == before
    assert (project_copy / "data" / "processed" / "observations.csv").exists()


def test_adding_a_table_is_one_file_plus_one_manifest_line(synthetic_project):
    before = build_observations(synthetic_project)
    raw = synthetic_project / "data" / "raw"
    write_csv_grid(
        raw / "yearbook" / "extra.csv",
        [
            ["5. Lao động"],
            ["Employed"],
            [""],
            ["", "2019", "2020"],
            ["Người - Person", "", ""],
            ["Tổng số - Total", "1.000", "1.100"],
        ],
    )
    with open(raw / "manifest.csv", "a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow(
            [
                "extra",
                "yearbook",
                "yearbook/extra.csv",
                "",
                "Tỉnh X",
                "2020",
                "5",
                "",
                "",
                "pre2025",
                "na",
                "http://example.invalid/t5",
                ":: Tổng số - Total => employed_total",
                "",
            ]
        )
    after = build_observations(synthetic_project)
    new = after[after["province"] == "Tỉnh X"]
    assert len(after) == len(before) + 2 and list(new["value"]) == [1000.0, 1100.0]
    assert set(new["indicator"]) == {"employed_total"}


@pytest.mark.parametrize(
    ("note", "qualifier"),
    [
        ("lower bound ('trên'); price basis not stated", "lower_bound"),
        ("'more than' (hơn); political report", "lower_bound"),
        ("new key; 'hơn 10%' (more than); conflicts with F1", "lower_bound"),
        ("German translation; lower bound ('über')", "lower_bound"),
        ("'nearly' (gần); UBND estimate", "approximate"),
        ("cumulative total ('sekitar', about)", "approximate"),
        ("2025 plan figure ('khoảng') of the province", "approximate"),
        ("expected ('dự kiến') full-year result", "expected"),
        ("new key; average over the 23 operating ICs", "exact"),
        ("industry alone ('tính riêng công nghiệp')", "exact"),
    ],
)
def test_the_qualifier_follows_the_wording_the_note_quotes(note, qualifier):
    """published_figures.md: "more than" (hơn, trên), "nearly" (gần) or "about" (khoảng) is given in `note`."""
    from analysis.sources.published_figures import _qualifier

    assert _qualifier(note) == qualifier
