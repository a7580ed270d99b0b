"""Persisted results read back instead of recomputed; notebooks started ahead of their inputs (synthetic project)."""

from __future__ import annotations

import os
import stat
import time

import nbformat
import pandas as pd
import pytest

from analysis import build_observations, load_result, load_scorecard, load_study, results_fresh, scorecard
from analysis.core.errors import UnknownNameError
from analysis.pipeline.build_steps import build
from analysis.pipeline.buildstate import BuildState
from analysis.pipeline.notebooks_run import NotebookBatch
from analysis.pipeline.results import study_conflicts

from conftest import read_csv_grid, write_csv_grid


@pytest.fixture
def built(synthetic_project):
    assert build(synthetic_project, notebooks=False) == 0
    return synthetic_project


def test_loaded_results_equal_a_fresh_computation(built):
    st = load_study("syn-study", built)
    assert results_fresh(st, built)
    obs = build_observations(built)
    pd.testing.assert_frame_equal(load_scorecard(st, built), scorecard(obs, st))  # values and dtypes
    pd.testing.assert_frame_equal(load_result("conflicts", st, built), study_conflicts(obs, st))
    # full precision on disk: the CSV value is the computed float itself, not a rounding of it
    actual = load_scorecard(st, built).set_index("target_id")["actual"].dropna()
    assert len(actual) and any(round(v, 4) != v for v in actual)


def test_stale_results_are_recomputed_never_shown_outdated(built):
    st = load_study("syn-study", built)
    persisted = load_scorecard(st, built).set_index("target_id")
    table = built / "data" / "raw" / "yearbook" / "industry_constant.csv"
    rows = read_csv_grid(table)
    rows[-1][-1] = "9" + rows[-1][-1]  # the last year's level as printed, now far higher
    write_csv_grid(table, rows)
    assert not results_fresh(st, built)
    now = load_scorecard(st, built).set_index("target_id")
    expected = scorecard(build_observations(built), st).set_index("target_id")
    assert now.loc["S2", "actual"] == pytest.approx(expected.loc["S2", "actual"], abs=0, rel=0)
    assert now.loc["S2", "actual"] > persisted.loc["S2", "actual"] + 10  # the new level, not the file's


def test_unknown_result_name_suggests_the_right_one(built):
    with pytest.raises(UnknownNameError, match="scorecard"):
        load_result("scorecards", "syn-study", built)


def test_build_forgets_steps_that_no_longer_exist(built):
    state = BuildState(built)
    state.done("reports:gone-study", "0" * 64)
    assert build(built, notebooks=False) == 0
    # a partial build (--no-notebooks) keeps the notebook steps it did not plan; a full one keeps only its own
    keys = BuildState(built).keys
    assert "reports:gone-study" in keys and "study:syn-study" in keys
    state = BuildState(built)
    state.keep_only(["study:syn-study"])
    assert set(BuildState(built).keys) == {"study:syn-study"}


def test_outputs_are_readable_like_any_written_file(built):
    mask = os.umask(0)
    os.umask(mask)
    card = built / "data" / "processed" / "syn-study" / "scorecard.csv"
    assert stat.S_IMODE(card.stat().st_mode) == 0o666 & ~mask  # not mkstemp's private 0600


def _notebook(path, *cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    nbformat.write(nb, path)
    return path


def test_gated_notebooks_run_their_cells_only_after_the_gate_opens(tmp_path):
    flag = tmp_path / "input.txt"
    paths = [_notebook(tmp_path / f"0{i}_nb.ipynb", f"print(open({str(flag)!r}).read(), {i})") for i in (1, 2)]
    batch = NotebookBatch([(p, p, {}) for p in paths], tmp_path, 2)
    batch.start(gated=True)
    time.sleep(0.5)  # the kernels start; the input does not exist yet
    flag.write_text("written before the gate")
    batch.wait()  # opens the gate
    for i, p in enumerate(paths, 1):
        out = nbformat.read(p, as_version=4).cells[0].outputs
        assert out and out[0]["text"] == f"written before the gate {i}\n"
    assert not list(tmp_path.glob("qn-*"))


def test_cancelled_gate_runs_nothing(tmp_path):
    paths = [_notebook(tmp_path / f"0{i}_nb.ipynb", "open('ran', 'w').write('x')") for i in (1, 2)]
    before = [p.read_bytes() for p in paths]
    batch = NotebookBatch([(p, p, {}) for p in paths], tmp_path, 2)
    batch.start(gated=True)
    batch.cancel()
    assert [p.read_bytes() for p in paths] == before and not (tmp_path / "ran").exists()


def test_saved_figure_displays_the_saved_png(tmp_path):
    import matplotlib.pyplot as plt

    from analysis.briefing.style import save_figure

    fig, ax = plt.subplots()
    ax.set_title("Tăng trưởng")
    saved = save_figure(fig, "t", root=tmp_path, study="s")
    assert not plt.fignum_exists(fig.number)  # closed: Jupyter will not draw it again
    data, meta = saved._repr_mimebundle_()
    import base64

    assert base64.b64decode(data["image/png"]) == saved["png"].read_bytes()
    assert data["text/plain"].endswith("figures/s/t.png, figures/s/t.svg") and meta["image/png"]["width"] > 0
    assert str(tmp_path) not in data["text/plain"]  # no absolute path in stored outputs
