"""What-if targets and the explorer's callbacks, on synthetic data (no browser, no data/raw numbers)."""

from __future__ import annotations

import math

import pytest

import analysis
from analysis import assess, build_observations, explore, load_study
from analysis.core.errors import UnknownNameError
from analysis.core.vocabulary import EVIDENCE_TIERS, MET, Verdict

from conftest import (
    SYN_LEVELS,
    SYN_PROVINCE,
    make_obs,
    make_study,
    make_target,
    target_row,
    write_study,
)

SUM_OF_SECTORS = "va_agriculture + va_industry_construction + va_services"


@pytest.fixture
def explorer(project, store):
    return explore.Explorer("syn-study", store, root=project)


def _share_obs(vocab_root, rows):
    """Shares of 2025 as (value, status) pairs for the synthetic province (pre-2025 territory)."""
    return make_obs([("share_industry", "2025", v, "pre2025", st, "current", "percent") for v, st in rows], root=vocab_root)


# ------------------------------------------------------------------------------------------------ Target.with_
def test_with_records_what_differs_from_the_file():
    t = make_target(about_tolerance=0.5)
    assert t.changed_from_file() == {} and t.assumptions_vi() == []
    w = t.with_(about_tolerance=1.5)
    assert w.about_tolerance == 1.5 and t.about_tolerance == 0.5  # the original is untouched
    assert w.changed_from_file() == {"about_tolerance": (0.5, 1.5)}
    assert w.assumptions_vi() == ["dung sai 'khoảng' ±1,5 điểm % thay vì ±0,5 điểm %"]
    chained = w.with_(lower=35).with_(about_tolerance=0.5)  # back to the file's tolerance
    assert chained.changed_from_file() == {"lower": (36.0, 35.0)}
    assert chained.with_(lower=36).changed_from_file() == {}
    assert chained.with_(lower=36) == t


def test_with_rejects_unknown_fields_and_bad_values():
    t = make_target()
    with pytest.raises(TypeError, match="about_tolerance"):
        t.with_(about_tolerence=1.0)  # typo: the message suggests the field
    with pytest.raises(ValueError):
        t.with_(kind="roughly")
    with pytest.raises(ValueError):
        t.with_(about_tolerance=-1)


def test_amount_assumptions_are_written_in_the_targets_unit():
    t = make_target(unit="mn_USD", lower=5000, upper=6000, about_tolerance=250, measure="cumulative_sum")
    assert t.with_(about_tolerance=500).assumptions_vi() == ["dung sai 'khoảng' ±500 triệu USD thay vì ±250 triệu USD"]
    assert "tỷ USD" in t.with_(lower=4500).assumptions_vi()[0]


def test_sentence_names_every_non_default_assumption(vocab_root):
    t = make_target(about_tolerance=0.5)
    obs = _share_obs(vocab_root, [(35.2, "estimate")])
    st = make_study([t], vocab_root)
    file_result = assess(t, obs, st)
    what_if = explore.what_if(obs, st, t.id, about_tolerance=1.0)
    assert "Giả định" not in file_result.statement_vi()
    assert file_result.status == Verdict.NOT_MET
    assert what_if.status != file_result.status and what_if.status in MET
    s = what_if.statement_vi()
    assert s.endswith("Giả định khác tệp chỉ tiêu: dung sai 'khoảng' ±1 điểm % thay vì ±0,5 điểm %.")
    assert what_if.value == pytest.approx(35.2)


def test_evidence_tiers_are_an_assumption_too(vocab_root):
    t = make_target()
    obs = _share_obs(vocab_root, [(36.5, "estimate"), (20.0, "secondary")])
    st = make_study([t], vocab_root)
    assert explore.what_if(obs, st, t.id).status == Verdict.MET
    only_official = explore.what_if(obs, st, t.id, tiers=["official", "preliminary"])
    assert only_official.status == Verdict.NO_DATA
    assert "chỉ dùng số liệu chính thức, sơ bộ" in only_official.statement_vi()
    secondary = explore.what_if(obs, st, t.id, tiers=["secondary"])
    assert secondary.value == pytest.approx(20.0) and "nguồn thứ cấp" in secondary.statement_vi()


def test_definition_what_if_re_derives_the_share(project, store):
    total = {k: v[-1] for k, v in SYN_LEVELS.items()}
    with_taxes = (
        total["industry"] / (total["agriculture"] + total["industry_construction"] + total["services"] + total["taxes"]) * 100
    )
    without = total["industry"] / (total["agriculture"] + total["industry_construction"] + total["services"]) * 100
    st = load_study("syn-study", project)
    tid = next(t.id for t in st.targets if t.indicator == "share_industry")
    assert assess(st.target(tid), store, st).value == pytest.approx(with_taxes)
    a = explore.what_if(store, st, tid, denominator=SUM_OF_SECTORS)
    assert a.value == pytest.approx(without)
    assert f"mẫu số {SUM_OF_SECTORS} thay vì theo danh mục chỉ tiêu" in a.statement_vi()
    assert "không dùng số công bố" in a.statement_vi()


def test_tiers_filter_inputs_before_shares_are_derived(project, store):
    st = load_study("syn-study", project)
    tid = next(t.id for t in st.targets if t.indicator == "share_industry")
    statuses = set(store["status"])
    kept = [t for t in EVIDENCE_TIERS if t not in statuses or t == "secondary"]  # no yearbook tier admitted
    assert explore.what_if(store, st, tid, tiers=kept).status == Verdict.NO_DATA
    assert not explore.evidence(store, st, "share_industry", "2025", tiers=kept).found


# ------------------------------------------------------------------------------------------------ one-liners
def test_evidence_one_liner_accepts_a_year_as_number(project, store):
    ev = explore.evidence(store, "syn-study", "share_industry", 2025)
    assert ev.found and ev.chosen["source_kind"] == "derived"
    assert ev.value == pytest.approx(explore.evidence(store, "syn-study", "share_industry", "2025").value)
    with pytest.raises(UnknownNameError, match="share_industry"):
        explore.evidence(store, "syn-study", "share_industri", "2025")


def test_scenario_compares_with_the_files_verdicts(project, store):
    st = load_study("syn-study", project)
    card = explore.scenario(store, st, about_tolerance=10.0)
    assert {"verdict_file", "assumed", "changed"} <= set(card.columns)
    about = {t.id for t in st.targets if t.kind == "about" and t.unit.startswith("percent")}
    assert set(card.loc[card["assumed"], "target_id"]) == about
    row = card[card["target_id"].isin(about)].iloc[0]
    assert row["verdict_file"] == Verdict.NOT_MET and row["verdict"] in MET and row["changed"]
    assert "±10 điểm %" in row["statement_vi"]
    untouched = card[~card["assumed"]]
    assert (untouched["verdict"] == untouched["verdict_file"]).all()
    other = next(t.id for t in st.targets if t.id not in about)
    with pytest.raises(ValueError, match="where"):
        explore.scenario(store, st, lower=1.0)
    picked = explore.scenario(store, st, where=[other], lower=0.0)
    assert list(picked.loc[picked["assumed"], "target_id"]) == [other]


def test_definition_choices_come_from_the_vocabulary(project):
    from analysis.sources.manifest import load_vocabulary

    st = load_study("syn-study", project)
    share = next(t for t in st.targets if t.indicator == "share_industry")
    growth = next(t for t in st.targets if t.measure == "period_avg_growth")
    voc = load_vocabulary(project)
    choices = explore.definition_choices(share, voc)
    assert choices["numerator"] == ["va_industry"]
    alternatives = [a.strip() for a in voc["share_industry"]["denominator"].split("|")]
    assert choices["denominator"][: len(alternatives)] == alternatives
    assert explore.definition_choices(growth, voc) == {}
    assert explore.definition_choices(share.with_(denominator="grdp"), voc) == choices  # from the file's values


# ------------------------------------------------------------------------------------------------ explorer
def test_default_selection_is_the_first_numeric_target(explorer, project):
    st = load_study("syn-study", project)
    first = next(t for t in st.targets if t.numeric)
    s = explorer.selection
    assert (s.target, s.indicator, s.period) == (first.id, first.indicator, first.period)
    assert s.tiers == tuple(EVIDENCE_TIERS) and s.changes() == {}


def test_callbacks_change_the_result(explorer, project):
    st = load_study("syn-study", project)
    first = explorer.result()
    tol = explorer.options()["tolerance"]
    assert tol["enabled"] and tol["value"] == explorer.target_of().about_tolerance
    wider = explorer.update(about_tolerance=10.0)
    assert wider.selection.about_tolerance == 10.0
    assert wider.verdict != first.verdict and wider.html != first.html
    assert "±10 điểm %" in wider.statement and "±10 điểm %" in wider.html
    back = explorer.update(about_tolerance=tol["file"])  # the file's value: no assumption
    assert back.selection.about_tolerance is None and back.html == first.html
    other = next(t for t in st.targets if t.numeric and t.id != first.selection.target)
    moved = explorer.update(target=other.id)
    assert (moved.selection.indicator, moved.selection.period) == (other.indicator, other.period)
    assert moved.html != first.html and other.id in moved.html
    assert not explorer.options()["tolerance"]["enabled"] or other.kind == "about"


def test_tiers_and_definitions_through_the_explorer(explorer):
    base = explorer.result()
    none = explorer.update(tiers=[])
    assert none.verdict == Verdict.NO_DATA and "không chấp nhận nguồn số liệu nào" in none.statement
    explorer.update(tiers=EVIDENCE_TIERS)
    redefined = explorer.update(denominator=SUM_OF_SECTORS)
    assert redefined.assessment.value > base.assessment.value  # smaller denominator, larger share
    assert f"mẫu số {SUM_OF_SECTORS}" in redefined.statement
    assert explorer.update(denominator="").selection.denominator is None
    assert explorer.result().html == base.html


def test_indicator_mode_shows_evidence_and_series(explorer, project):
    r = explorer.update(target="", indicator="share_industry", period="2023")
    assert r.assessment is None and r.verdict == ""
    assert r.evidence.found and r.evidence.request["period"] == "2023"
    assert [p["year"] for p in r.series] == list(range(2020, 2026))
    assert "<svg" in r.html and "Giá trị tốt nhất theo năm" in r.html
    assert explorer.update(period=2022).evidence.request["period"] == "2022"


def test_bad_choices_are_reported_not_raised(explorer):
    before = explorer.selection
    with pytest.raises(UnknownNameError):
        explorer.update(indicator="share_industri")
    r = explorer.safe_update(indicator="share_industri")
    assert r.error and "share_industry" in r.error and "Không áp dụng được" in r.html
    assert explorer.selection == before
    with pytest.raises(TypeError):
        explorer.select(tolerance=1.0)
    file_tol = explorer.target_of().about_tolerance
    assert explorer.select(about_tolerance=file_tol).about_tolerance is None
    with pytest.raises(ValueError):
        explorer.select(about_tolerance=-1.0)


def test_options_describe_the_widgets(explorer, project):
    o = explorer.options()
    st = load_study("syn-study", project)
    assert o["studies"] == ["syn-study"]
    assert [v for _, v in o["targets"]] == [""] + [t.id for t in st.targets if t.numeric]
    assert "share_industry" in [v for _, v in o["indicators"]]
    assert [c for _, c in o["tiers"]] == list(EVIDENCE_TIERS)
    assert o["periods"][0] == str(st.base_year) and str(st.target_year) in o["periods"]
    assert set(o["definitions"]) == {"numerator", "denominator"}


def test_widgets_call_back_on_change(explorer, project):
    pytest.importorskip("ipywidgets")
    explorer.widgets()
    ui = explorer._ui
    first = ui["out"].value
    widest = ui["about_tolerance"].max
    ui["about_tolerance"].value = widest
    assert explorer.selection.about_tolerance == pytest.approx(widest) and ui["out"].value != first
    assert "Giả định khác tệp chỉ tiêu" in ui["out"].value
    ui["reset"].click()
    assert explorer.selection.changes() == {} and ui["out"].value == first
    ui["tiers"][0].value = False
    assert "official" not in explorer.selection.tiers
    st = load_study("syn-study", project)
    other = next(t for t in st.targets if t.numeric and t.id != explorer.selection.target)
    ui["target"].value = other.id
    assert ui["period"].value == other.period and ui["indicator"].value == other.indicator
    assert ui["about_tolerance"].disabled == (other.kind != "about")


def test_switching_study_brings_its_targets(synthetic_project):
    write_study(
        synthetic_project / "data" / "raw",
        "syn-two",
        SYN_PROVINCE,
        [
            target_row(
                id="Z9",
                order=1,
                indicator="share_industry_construction",
                kind="at_least",
                lower=40,
                unit="percent",
                measure="final_year_share",
                base_year=2020,
                target_year=2025,
            )
        ],
    )
    ex = explore.Explorer("syn-study", build_observations(synthetic_project), root=synthetic_project)
    assert ex.options()["studies"] == ["syn-study", "syn-two"]
    ex.widgets()
    ex._ui["study"].value = "syn-two"
    assert (ex.selection.study, ex.selection.target) == ("syn-two", "Z9")
    assert [v for _, v in ex._ui["target"].options] == ["", "Z9"] and ex._ui["target"].value == "Z9"
    assert ex._ui["about_tolerance"].disabled and "Z9" in ex._ui["out"].value
    assert ex.study().id == "syn-two"


def test_static_rendering_is_deterministic(project, store):
    a = explore.Explorer("syn-study", store, root=project).static()
    b = explore.Explorer("syn-study", store.copy(), root=project).static()
    assert a == b and "0x" not in a and " id=" not in a


def test_headless_run_builds_no_widgets(explorer, capsys):
    assert explore.interactive_frontend() is False
    explorer.show()
    assert "Interactive controls appear here in JupyterLab" in capsys.readouterr().out
    assert explorer._ui == {}


def test_first_target_by_kind(project):
    st = load_study("syn-study", project)
    assert explore.first_target(st, "about") == next(t.id for t in st.targets if t.kind == "about")
    assert explore.first_target(st, "below") is None


# ------------------------------------------------------------------------------------------------ package
def test_dir_shows_the_public_api_only():
    names = dir(analysis)
    assert names == sorted(analysis.__all__)
    assert {"explore", "display", "styled_scorecard", "what_if", "scenario", "Explorer"} <= set(names)
    assert not [n for n in names if n.startswith("_")]
    assert "importlib" not in names and "annotations" not in names
    assert analysis.explore.what_if is explore.what_if


def test_what_if_target_keeps_nan_bounds_equal():
    t = make_target(kind="above", lower=30.0, upper=math.nan)
    assert t.with_(upper=math.nan).changed_from_file() == {}


# ------------------------------------------------------------------------------------------- explorer = build
def test_explorer_derives_an_indicator_no_target_uses_as_the_scorecard_would(synthetic_project):
    """share_industry_construction is used by no target of syn-study, but the levels give it: the explorer's
    evidence and the coverage table show the derived value, equal to the scorecard's pick for a target on it."""
    from analysis import briefing, scorecard

    obs = build_observations(synthetic_project)
    st = load_study("syn-study", root=synthetic_project)
    key = "share_industry_construction"
    assert key not in {t.indicator for t in st.targets}
    L = {k: v[-1] for k, v in SYN_LEVELS.items()}
    want = 100 * L["industry_construction"] / (L["agriculture"] + L["industry_construction"] + L["services"] + L["taxes"])
    ev = explore.evidence(obs, st, key, "2025", root=synthetic_project)
    assert ev.chosen is not None and ev.chosen["source_kind"] == "derived"
    assert ev.chosen["value"] == pytest.approx(want, abs=1e-9)
    assert briefing.coverage(obs, st, [key]).loc[key, "2025"] != ""  # the evidence tables see it too
    write_study(
        synthetic_project / "data" / "raw",
        "syn-ic",
        SYN_PROVINCE,
        [
            target_row(
                id="C1",
                order=1,
                indicator=key,
                kind="above",
                lower=1,
                unit="percent",
                measure="final_year_share",
                base_year=2020,
                target_year=2025,
            )
        ],
    )
    card = scorecard(obs, load_study("syn-ic", root=synthetic_project)).set_index("target_id")
    assert card.loc["C1", "actual"] == pytest.approx(ev.chosen["value"], abs=1e-9)
