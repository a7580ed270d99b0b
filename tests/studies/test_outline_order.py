"""The rows of one outline heading stay together in report order: a row that returns to a heading already
closed stops the load naming the file and row, instead of printing the heading twice. Fixtures are generated."""

from __future__ import annotations

import pytest

from analysis import load_study
from analysis.core.errors import ManifestError

from conftest import SYN_PROVINCE, TARGET_COLUMNS, target_row, write_csv_grid, write_study

SHARE = dict(
    indicator="share_industry",
    kind="about",
    lower=36,
    upper=37,
    unit="percent",
    measure="final_year_share",
    about_tolerance=0.5,
    base_year=2020,
    target_year=2025,
)


def _study(project, items: list[tuple[int, int]]) -> None:
    """One target per (order, outline item), written in file order."""
    raw = project / "data" / "raw"
    folder = write_study(raw, "outline", SYN_PROVINCE, [], base_year=2020, target_year=2025)
    rows = [
        target_row(id=f"O{i}", order=order, outline_item=item, outline_vi=f"Mục {item}", **SHARE)[: len(TARGET_COLUMNS)]
        for i, (order, item) in enumerate(items, 1)
    ]
    write_csv_grid(folder / "targets.csv", [TARGET_COLUMNS] + rows)


def test_a_heading_reopened_later_names_the_row(synthetic_project):
    _study(synthetic_project, [(1, 1), (2, 2), (3, 2), (4, 1), (5, 3)])
    with pytest.raises(ManifestError, match=r"outline item 1 \('Mục 1'\) after outline item 2") as err:
        load_study("outline", synthetic_project)
    assert "targets.csv" in str(err.value) and "row 5" in str(err.value)  # the header is row 1: O4 is row 5


def test_rows_of_a_heading_together_load_in_any_file_order(synthetic_project):
    _study(synthetic_project, [(3, 2), (1, 1), (4, 3), (2, 1)])
    st = load_study("outline", synthetic_project)
    assert [t.outline_item for t in st.targets] == [1, 1, 2, 3]
