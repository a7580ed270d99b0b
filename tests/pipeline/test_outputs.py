"""Briefing figures, the workbook and the build: deterministic, atomic, readable (on the synthetic project)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import warnings
import zipfile

import nbformat
import openpyxl
import pytest

from analysis import briefing, build_observations, load_study, scorecard
from analysis import briefing as bf
from analysis.briefing.style import save_figure
from analysis.pipeline.build_steps import build
from analysis.pipeline.notebooks_run import inject_parameters
from analysis.report.workbook import write_workbook

from conftest import hash_tree


@pytest.fixture
def syn(synthetic_project):
    obs = build_observations(synthetic_project)
    st = load_study("syn-study", synthetic_project)
    return obs, st, scorecard(obs, st)


def test_figure_is_16_9_200dpi_deterministic_with_diacritics(tmp_path, syn):
    from PIL import Image

    obs, st, card = syn
    growth = briefing.targets_of(st, "growth")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph would warn
        p1 = save_figure(bf.fig_growth(obs, st, card, growth), "fig", root=tmp_path, study=st)
    png1, svg1 = p1["png"].read_bytes(), p1["svg"].read_bytes()
    p2 = save_figure(bf.fig_growth(obs, st, card, growth), "fig", root=tmp_path / "again", study=st)
    assert p2["svg"].read_bytes() == svg1 and p2["png"].read_bytes() == png1
    assert p1["png"].parent.name == st.id
    w, h = Image.open(p1["png"]).size
    assert (w, h) == (2000, 1125) and abs(w / h - 16 / 9) < 1e-3
    svg = svg1.decode("utf-8")
    assert "Tăng trưởng so với mục tiêu" in svg  # text kept (as a comment) with glyph paths
    assert "Nguồn:" in svg and "chính thức" in svg
    assert not re.search(r"<dc:date>", svg)


@pytest.mark.parametrize("group", ["structure", "growth"])
def test_every_figure_kind_renders_for_any_study(syn, group):
    obs, st, card = syn
    targets = briefing.targets_of(st, group)
    fig = bf.fig_growth(obs, st, card, targets) if group == "growth" else bf.fig_shares(card, st, targets, "Cơ cấu / Structure")
    texts = " ".join(t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text")))
    assert all(t.id in texts for t in targets)
    assert not re.search(r"\d\.\d", " ".join(lbl.get_text() for ax in fig.axes for lbl in ax.get_yticklabels()))


def test_workbook_section_one_in_outline_order(tmp_path, syn):
    obs, st, card = syn
    path = write_workbook(card, obs, st, path=tmp_path / "r.xlsx")
    first = path.read_bytes()
    write_workbook(card, obs, st, path=tmp_path / "r.xlsx")
    assert path.read_bytes() == first  # byte-identical, timestamps fixed
    with zipfile.ZipFile(path) as z:
        assert "2000-01-01T00:00:00Z" in z.read("docProps/core.xml").decode()
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Mục I", "Nguồn", "Cần số liệu"]
    ws = wb["Mục I"]
    assert ws.freeze_panes == "C5" and ws.cell(row=4, column=1).value == "STT"
    header = [c.value for c in ws[4]]
    assert [str(y) for y in st.reporting_years] == header[4 : 4 + len(st.reporting_years)]
    ids = [ws.cell(row=r, column=1).value for r in range(5, ws.max_row + 1)]
    assert [i for i in ids if i in set(card["target_id"])] == list(card["target_id"])
    row_1 = ids.index(card["target_id"][0]) + 5
    verdict_col = header.index("Đánh giá") + 1
    assert ws.cell(row=row_1, column=verdict_col).value == card["status"][0]
    value_col = header.index("Giá trị kỳ đánh giá") + 1
    assert ws.cell(row=row_1, column=value_col).number_format.startswith("[$-42A]")
    used = {wb["Nguồn"].cell(row=r, column=1).value for r in range(2, wb["Nguồn"].max_row + 1)}
    assert {i for s in card["sources"].dropna() for i in s.split("; ")} <= used
    text = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
    assert "merged2025" not in text and "pre2025" not in text


def test_build_twice_is_byte_identical_and_leaves_raw_alone(synthetic_project, capsys):
    raw_before = hash_tree(synthetic_project / "data" / "raw")
    assert build(synthetic_project, notebooks=False) == 0
    first = hash_tree(synthetic_project / "data" / "processed")
    assert build(synthetic_project, notebooks=False) == 0
    assert hash_tree(synthetic_project / "data" / "processed") == first
    assert hash_tree(synthetic_project / "data" / "raw") == raw_before
    out = capsys.readouterr().out
    assert re.search(r"\[1/\d\] evidence store .*\n\s+done in \d+\.\d s", out)
    assert {"observations.csv", "conflicts.csv", "syn-study/scorecard.csv", "syn-study/bao-cao-muc-I.xlsx"} <= set(first)


def test_parameters_are_injected_after_the_tagged_cell():
    nb = nbformat.v4.new_notebook()
    p = nbformat.v4.new_code_cell('STUDY = "a"')
    p.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# t"), p, nbformat.v4.new_code_cell("print(STUDY)")]
    inject_parameters(nb, {"STUDY": "b"})
    inject_parameters(nb, {"STUDY": "c"})  # replaces, never stacks
    assert [c.source for c in nb.cells] == ["# t", 'STUDY = "a"', "STUDY = 'c'", "print(STUDY)"]


def test_failing_notebook_is_named_with_its_cell(synthetic_project, capsys):
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# t"),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("y = x / 0  # deliberate"),
    ]
    nbformat.write(nb, synthetic_project / "notebooks" / "07_broken.ipynb")
    assert build(synthetic_project) == 1
    err = capsys.readouterr().err
    assert "07_broken.ipynb: cell 2 ('y = x / 0  # deliberate') failed: ZeroDivisionError" in err


def test_interrupted_build_keeps_previous_outputs(synthetic_project):
    assert build(synthetic_project, notebooks=False) == 0
    before = hash_tree(synthetic_project / "data" / "processed")
    env = dict(os.environ, QN_PROJECT_ROOT=str(synthetic_project), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis", "build", "--no-notebooks"], env=env, stdout=subprocess.PIPE, text=True
    )
    for line in proc.stdout:
        if line.startswith("[2/"):  # the study step has started: kill the build midway
            proc.kill()
            break
    proc.wait()
    assert proc.returncode != 0
    after = {k: v for k, v in hash_tree(synthetic_project / "data" / "processed").items() if ".tmp-" not in k}
    assert after == before  # every output is the previous, complete version
    assert build(synthetic_project, notebooks=False) == 0  # and the next build succeeds
    assert not list((synthetic_project / "data" / "processed").rglob(".tmp-*"))


def test_atomic_writer_is_what_keeps_outputs_whole(tmp_path, monkeypatch):
    """The atomic writer never exposes a partial file; one that writes in place does (the test can fail)."""
    import analysis.core.atomic as atomic

    target = tmp_path / "out.csv"
    atomic.write_bytes_atomic(target, b"old complete content\n")
    seen = []
    real_replace = os.replace

    def spy_replace(src, dst):
        seen.append(target.read_bytes())  # what a reader sees just before the rename
        return real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", spy_replace)
    atomic.write_bytes_atomic(target, b"new content\n")
    assert seen == [b"old complete content\n"] and target.read_bytes() == b"new content\n"


def test_unchanged_steps_are_skipped_and_changed_inputs_rerun(synthetic_project, capsys):
    assert build(synthetic_project, notebooks=False) == 0
    capsys.readouterr()
    assert build(synthetic_project, notebooks=False) == 0
    out = capsys.readouterr().out
    assert out.count("skipped (inputs unchanged)") == 3  # the study, its documents and its deck
    assert re.search(r"\[\d/\d\] study syn-study: scorecard .* skipped", out)
    raw = synthetic_project / "data" / "raw" / "studies" / "syn-study" / "targets.csv"
    raw.write_text(raw.read_text(encoding="utf-8").replace("Chỉ tiêu thử", "Chỉ tiêu thử sửa"), encoding="utf-8")
    assert build(synthetic_project, notebooks=False) == 0
    assert "skipped" not in capsys.readouterr().out  # a raw input changed: everything reruns


def test_build_removes_figures_a_study_no_longer_draws(synthetic_project, capsys):
    """A figure no notebook draws any more (a ranking gone) leaves figures/<study>/ and the deck; files not
    named as the notebooks name figures stay."""
    import pptx

    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    nb.cells = [
        nbformat.v4.new_code_cell(
            "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
            "from analysis.briefing.style import save_figure\n"
            "fig, ax = plt.subplots(figsize=(16, 9))\nax.plot([1, 2], [1, 2])\n"
            "_ = save_figure(fig, '05_scorecard', study='syn-study')"
        )
    ]  # saved, not displayed
    nbformat.write(nb, synthetic_project / "notebooks" / "05_draw.ipynb")
    folder = synthetic_project / "figures" / "syn-study"
    folder.mkdir(parents=True, exist_ok=True)
    stale = [folder / "05_ranking.png", folder / "05_ranking.svg"]
    kept = [folder / "logo.png", folder / "ghi-chu.txt"]
    fig = __import__("matplotlib.pyplot").pyplot.figure(figsize=(16, 9))
    save_figure(fig, "05_ranking", root=synthetic_project, study="syn-study")
    for p in kept:
        p.write_bytes(b"not a figure of the build")
    assert build(synthetic_project) == 0
    assert (folder / "05_scorecard.png").exists() and (folder / "05_scorecard.svg").exists()
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in kept)
    deck = pptx.Presentation(str(synthetic_project / "data" / "processed" / "syn-study" / "trinh-chieu.pptx"))
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == 1  # the scorecard figure only
    assert "05_ranking" in capsys.readouterr().out  # the build says what it removed
