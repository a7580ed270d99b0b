"""Briefing figures, the workbook and the build: deterministic, atomic, readable."""
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

from analysis import build_observations, scorecard
from analysis import briefing
from analysis.build import build
from analysis.figures import save_figure
from analysis.workbook import write_workbook
from conftest import ROOT, hash_tree


@pytest.fixture(scope="module")
def obs_card():
    obs = build_observations()
    return obs, scorecard(obs)


def test_figure_is_16_9_200dpi_deterministic_with_diacritics(tmp_path, obs_card):
    from PIL import Image

    obs, card = obs_card
    with warnings.catch_warnings():
        warnings.simplefilter("error")          # a missing glyph would warn
        fig = briefing.fig_industry_growth(obs, card)
        p1 = save_figure(fig, "fig", root=tmp_path)
    png1, svg1 = p1["png"].read_bytes(), p1["svg"].read_bytes()
    fig2 = briefing.fig_industry_growth(obs, card)
    p2 = save_figure(fig2, "fig", root=tmp_path / "again")
    assert p2["svg"].read_bytes() == svg1 and p2["png"].read_bytes() == png1
    w, h = Image.open(p1["png"]).size
    assert (w, h) == (2000, 1125) and abs(w / h - 16 / 9) < 1e-3
    svg = svg1.decode("utf-8")
    assert "Tăng trưởng giá trị tăng thêm công nghiệp" in svg   # text kept (as a comment) with glyph paths
    assert "Nguồn / Source:" in svg and "ước tính / estimate" in svg
    assert not re.search(r"<dc:date>", svg)


def test_workbook_section_one_in_outline_order(tmp_path, obs_card):
    obs, card = obs_card
    path = write_workbook(card, obs, path=tmp_path / "r.xlsx")
    first = path.read_bytes()
    write_workbook(card, obs, path=tmp_path / "r.xlsx")
    assert path.read_bytes() == first                      # byte-identical, timestamps fixed
    with zipfile.ZipFile(path) as z:
        core = z.read("docProps/core.xml").decode()
        assert "2000-01-01T00:00:00Z" in core
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Muc I", "Nguon", "Can so lieu"]
    ws = wb["Muc I"]
    assert ws.freeze_panes == "C5"
    assert ws.cell(row=4, column=1).value == "STT"
    ids = [ws.cell(row=r, column=1).value for r in range(5, ws.max_row + 1)]
    targets = [i for i in ids if i and str(i).startswith("T")]
    assert targets == list(card["target_id"])
    headings = [i for i in ids if i and str(i).endswith(".")]
    assert headings == ["1.", "2.", "3.", "4.", "5.", "6.", "7."]
    row_t01 = ids.index("T01") + 5
    verdict_col = [c.value for c in ws[4]].index("Đánh giá") + 1
    assert ws.cell(row=row_t01, column=verdict_col).value == card.set_index("target_id").loc["T01", "status"]
    assert ws.cell(row=row_t01, column=verdict_col).fill.fgColor.rgb.endswith("C6EFCE")
    value_col = [c.value for c in ws[4]].index("Giá trị kỳ đánh giá") + 1
    assert ws.cell(row=row_t01, column=value_col).number_format.startswith("[$-42A]")
    used = {wb["Nguon"].cell(row=r, column=1).value for r in range(2, wb["Nguon"].max_row + 1)}
    assert {"F101", "F134"} <= used


def test_build_twice_is_byte_identical_and_leaves_raw_alone(project_copy, capsys):
    raw_before = hash_tree(project_copy / "data" / "raw")
    assert build(project_copy, notebooks=False) == 0
    first = hash_tree(project_copy / "data" / "processed")
    assert build(project_copy, notebooks=False) == 0
    assert hash_tree(project_copy / "data" / "processed") == first
    assert hash_tree(project_copy / "data" / "raw") == raw_before
    out = capsys.readouterr().out
    assert re.search(r"\[1/3\] evidence store .*\n\s+done in \d+\.\d s", out)
    assert set(first) == {"observations.csv", "conflicts.csv", "scorecard.csv", "trajectory.csv",
                          "bao-cao-muc-I.xlsx"}


def test_failing_notebook_is_named_with_its_cell(project_copy, capsys):
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    nb.cells = [nbformat.v4.new_markdown_cell("# t"), nbformat.v4.new_code_cell("x = 1"),
                nbformat.v4.new_code_cell("y = x / 0  # deliberate")]
    nbformat.write(nb, project_copy / "notebooks" / "07_broken.ipynb")
    assert build(project_copy) == 1
    err = capsys.readouterr().err
    assert "07_broken.ipynb: cell 2 ('y = x / 0  # deliberate') failed: ZeroDivisionError" in err


def test_interrupted_build_keeps_previous_outputs(project_copy):
    assert build(project_copy, notebooks=False) == 0
    before = hash_tree(project_copy / "data" / "processed")
    env = dict(os.environ, QN_PROJECT_ROOT=str(project_copy), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "analysis", "build", "--no-notebooks"], env=env,
                            stdout=subprocess.PIPE, text=True)
    for line in proc.stdout:
        if line.startswith("[2/"):       # the scorecard step has started: kill the build midway
            proc.kill()
            break
    proc.wait()
    assert proc.returncode != 0
    after = {k: v for k, v in hash_tree(project_copy / "data" / "processed").items() if not k.startswith(".tmp-")}
    assert after == before                               # every output is the previous, complete version
    assert build(project_copy, notebooks=False) == 0      # and the next build succeeds
    assert not list((project_copy / "data" / "processed").glob(".tmp-*"))
