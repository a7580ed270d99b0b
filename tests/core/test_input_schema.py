"""The schemas of what analysts write (analysis.core.input_schema): one description, rendered into the data guide,
followed by every shipped file, and located errors naming the allowed values."""

from __future__ import annotations

import csv

import pytest

from analysis import load_study, study_ids
from analysis.core.errors import ManifestError
from analysis.core.input_schema import (
    PUBLISHED_FIGURES,
    README_BEGIN,
    README_END,
    SCHEMAS,
    STUDY_TOML,
    TARGETS_CSV,
    render_markdown,
)
from analysis.sources.published_figures import PUBLISHED_COLUMNS
from analysis.studies.study import STUDY_KEYS
from analysis.studies.target_schema import COLUMNS, KINDS, OPTIONAL_COLUMNS, THEMES

from conftest import RAW, make_synthetic_project, read_csv_grid, write_csv_grid


def test_data_guide_section_is_generated_from_the_schemas():
    text = (RAW / "README.md").read_text(encoding="utf-8")
    assert README_BEGIN in text and README_END in text, "data/raw/README.md has no generated schema section"
    section = text[text.index(README_BEGIN) : text.index(README_END) + len(README_END)] + "\n"
    assert section == render_markdown(), (
        "data/raw/README.md: the schema section is out of date; replace it by the output of "
        "python -c 'from analysis.core.input_schema import render_markdown; print(render_markdown(), end=\"\")'"
    )


def test_rendering_lists_every_field_with_its_allowed_values():
    md = render_markdown()
    for s in SCHEMAS:
        for f in s.fields:
            assert f"| `{f.name}` |" in md, f"{s.file}: {f.name} not rendered"
            for a in f.allowed:
                assert f"`{a}`" in md


def test_the_package_takes_columns_keys_and_codes_from_the_schema():
    assert TARGETS_CSV.required() == COLUMNS and TARGETS_CSV.optional_defaults() == OPTIONAL_COLUMNS
    assert set(TARGETS_CSV.allowed("kind")) == KINDS and TARGETS_CSV.allowed("theme") == THEMES
    assert list(STUDY_KEYS) == STUDY_TOML.required()
    assert set(PUBLISHED_COLUMNS) <= set(PUBLISHED_FIGURES.names())
    for name in ("province", "definition"):  # optional published-figure columns
        assert not PUBLISHED_FIGURES.field(name).required


@pytest.mark.parametrize("sid", study_ids())
def test_every_shipped_targets_file_follows_the_one_column_set(sid):
    """Every required column, only described ones, in the schema's order (an optional column may be left out)."""
    header = read_csv_grid(RAW / "studies" / sid / "targets.csv")[0]
    names = TARGETS_CSV.names()
    where = f"data/raw/studies/{sid}/targets.csv row 1"
    assert not (missing := [c for c in TARGETS_CSV.required() if c not in header]), f"{where}: missing {missing}"
    assert not (unknown := [c for c in header if c not in names]), (
        f"{where}: columns {unknown} are not in analysis.core.input_schema.TARGETS_CSV (allowed: {names})"
    )
    assert header == [c for c in names if c in header], f"{where}: columns {header}, expected the order {names}"


@pytest.mark.parametrize("sid", study_ids())
def test_every_shipped_study_uses_only_described_keys(sid):
    import tomllib

    data = tomllib.loads((RAW / "studies" / sid / "study.toml").read_text(encoding="utf-8"))
    unknown = sorted(set(data) - set(STUDY_TOML.names()))
    assert not unknown, f"data/raw/studies/{sid}/study.toml: keys {unknown} are not in analysis.core.input_schema.STUDY_TOML"


@pytest.mark.parametrize("column, bad", [("kind", "abuot"), ("measure", "final_share"), ("theme", "industry")])
def test_a_wrong_code_names_file_row_column_and_allowed_values(tmp_path, column, bad):
    root = make_synthetic_project(tmp_path / "p")
    path = root / "data" / "raw" / "studies" / "syn-study" / "targets.csv"
    rows = read_csv_grid(path)
    if column not in rows[0]:
        rows = [r + [""] for r in rows]
        rows[0][-1] = column
    rows[2][rows[0].index(column)] = bad
    write_csv_grid(path, rows)
    with pytest.raises(ManifestError) as err:
        load_study("syn-study", root=root)
    msg = str(err.value)
    assert "targets.csv" in msg and "row 3" in msg and f"column {column}: '{bad}'" in msg, msg
    assert all(a in msg for a in TARGETS_CSV.allowed(column)), msg


def test_a_targets_file_without_optional_columns_still_loads(tmp_path):
    root = make_synthetic_project(tmp_path / "p")
    path = root / "data" / "raw" / "studies" / "syn-study" / "targets.csv"
    assert set(read_csv_grid(path)[0]) == set(TARGETS_CSV.required())
    st = load_study("syn-study", root=root)
    assert all(t.reading == OPTIONAL_COLUMNS["reading"] for t in st.targets)
    with open(path, encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == COLUMNS
