"""The study province's rank in what officials receive: the ranking figure, the Word draft and the deck.

A synthetic project (conftest) gets a generated territory lineage, ranking settings and a store of
other provinces' figures on the indicator of one of its targets; the rank is computed by hand.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import build_observations, load_study, scorecard
from analysis.assessment.ranking import ranking_indicators
from analysis.briefing.ranking import (
    RANKING_FIGURE,
    fig_ranking,
    ranking_summary,
    study_ranking_tables,
    target_bounds_in,
)
from analysis.sources.manifest import cached_vocabulary
from analysis.wording.sentences import successor_line_vi

from conftest import make_obs, make_synthetic_project, make_target, write_csv_grid

PEERS = [f"Tỉnh Láng Giềng {i:02d}" for i in range(1, 10)]


@pytest.fixture(scope="module")
def ranked_study(tmp_path_factory):
    root = make_synthetic_project(tmp_path_factory.mktemp("rank-out") / "proj")
    raw = root / "data" / "raw"
    (raw / "ranking.toml").write_text('min_coverage = 0.75\norder = "descending"\n', encoding="utf-8")
    st = load_study(None, root)
    write_csv_grid(raw / "territories.csv", [LINEAGE_HEADER] + [lineage_row(p, "Tỉnh Mới") for p in [st.province, *PEERS]])
    own = build_observations(root)
    key = next(k for ks in ranking_indicators(st, cached_vocabulary(root)).values() for k in ks if k not in set(own["indicator"]))
    values = dict(zip(PEERS[:8], [9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0], strict=True))
    values[st.province] = 7.5  # by hand: 9.0 and 8.0 above → 3rd of 10, 9 with a value
    parts = [
        make_obs([(key, str(st.target_year), v, st.boundary, "estimate", "unknown", "percent")], province=p)
        for p, v in values.items()
    ]
    obs = pd.concat([own, *parts], ignore_index=True)
    obs.loc[len(own) :, "obs_id"] = [f"P{i:03d}" for i in range(len(parts))]
    obs.attrs["root"] = str(root)
    return root, st, obs, scorecard(obs, st)


LINEAGE_HEADER = ["old_province", "new_province", "effective", "change", "legal_act", "source_url"]


def lineage_row(old: str, new: str) -> list[str]:
    """A row of a generated territory lineage (every old province merged into ``new``)."""
    return [old, new, "2025-07-01", "merged", "Nghị quyết thử nghiệm", "http://example.invalid/lineage"]


def test_scorecard_and_summary_state_the_rank(ranked_study):
    _, st, _, card = ranked_study
    said = ranking_summary(card)
    assert "đứng thứ 3/10 tỉnh, thành phố; 9 tỉnh, thành phố có số liệu" in said


def test_figure_draws_every_province(ranked_study, tmp_path):
    from analysis import save_figure

    root, st, obs, _ = ranked_study
    tables = study_ranking_tables(obs, st)
    assert len(tables) == 1 and len(tables[0]) == 1 + len(PEERS)  # the province without a value is listed
    fig = fig_ranking(tables, st)
    ax = fig.axes[0]
    assert len(ax.containers[0]) == 9  # one bar per province with a value
    texts = " ".join(t.get_text() for t in fig.texts)
    assert "đứng thứ 3/10" in texts and PEERS[8] in texts  # the missing one named in the note
    assert "chỉ tô màu" in texts  # no region in the lineage: said so
    saved = save_figure(fig, RANKING_FIGURE, root=root, study=st)
    assert Path(root / "figures" / st.id / f"{RANKING_FIGURE}.png").exists() and saved


def test_word_and_deck_state_the_rank(ranked_study, tmp_path):
    import docx
    import pptx

    from analysis import save_figure
    from analysis.report.deck import write_pptx
    from analysis.report.word import write_docx

    root, st, obs, card = ranked_study
    doc = docx.Document(str(write_docx(card, obs, st, path=tmp_path / "r.docx")))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "đứng thứ 3/10 tỉnh, thành phố; 9 tỉnh, thành phố có số liệu" in text
    png = tmp_path / f"{RANKING_FIGURE}.png"
    fig = fig_ranking(study_ranking_tables(obs, st), st)
    save_figure(fig, RANKING_FIGURE, root=root, study=st)
    png = root / "figures" / st.id / f"{RANKING_FIGURE}.png"
    deck = pptx.Presentation(str(write_pptx(card, obs, st, figures=[png], path=tmp_path / "d.pptx")))
    slide = deck.slides[1]
    title = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert "đứng thứ 3/10 tỉnh, thành phố" in title
    assert "đứng thứ 3/10" in slide.notes_slide.notes_text_frame.text


def test_workbook_states_the_rank_in_the_targets_row(ranked_study, tmp_path):
    """Sheet "Mục I": the ranked target's result text states the rank (as the Word draft does), others not."""
    import openpyxl

    from analysis.report.workbook import write_workbook
    from analysis.report.workbook_sheets import SECTION_SHEET

    _, st, obs, card = ranked_study
    ws = openpyxl.load_workbook(write_workbook(card, obs, st, path=tmp_path / "r.xlsx"))[SECTION_SHEET]
    ranked = set(card.loc[card["rank_vi"].fillna("") != "", "target_id"])
    assert ranked
    rows = {
        row[0].value: " ".join(str(c.value) for c in row if c.value is not None)
        for row in ws.iter_rows()
        if row[0].value in set(card["target_id"])
    }
    said = {tid for tid, text in rows.items() if "đứng thứ 3/10 tỉnh, thành phố; 9 tỉnh, thành phố có số liệu" in text}
    assert said == ranked
    assert all("Xếp hạng:" not in text for tid, text in rows.items() if tid not in ranked)


def test_target_line_in_the_ranking_unit():
    """A target set in million VND per person is drawn on a ranking in thousand VND per person at its value in
    that unit (60 → 60 000), not at the bare number; a percent target stays as it is."""
    per_capita = make_target(
        indicator="grdp_per_capita",
        kind="above",
        lower=60.0,
        upper=float("nan"),
        unit="mn_VND_per_person",
        measure="final_year_value",
    )
    assert target_bounds_in(per_capita, "thousand_VND_per_person") == (60000.0, None)
    band = make_target(kind="range", lower=7.0, upper=8.0, unit="percent")
    assert target_bounds_in(band, "percent") == (7.0, 8.0)
    cap = make_target(kind="at_most", lower=float("nan"), upper=2.5, unit="bn_VND")
    assert target_bounds_in(cap, "mn_VND") == (2500.0, None)


def test_word_and_deck_of_an_old_province_name_its_successor(ranked_study, tmp_path):
    """A study of an old province whose successor has another name says so under the title of the Word draft
    and on the deck's title slide, from the territory lineage."""
    import docx
    import pptx

    from analysis.report.deck import write_pptx
    from analysis.report.word import write_docx

    _, st, obs, card = ranked_study
    assert st.successor not in (None, st.province)
    line = successor_line_vi(st)
    assert st.territory_vi() in line and f"nay thuộc tỉnh {st.successor}" in line
    doc = docx.Document(str(write_docx(card, obs, st, path=tmp_path / "r.docx")))
    assert line in [p.text for p in doc.paragraphs]
    deck = pptx.Presentation(str(write_pptx(card, obs, st, figures=[], path=tmp_path / "d.pptx")))
    assert line in " ".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
