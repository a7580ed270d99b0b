"""A target written again in a second document (``restates``), the share sentence in points, and the counts."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import build_observations, load_study, scorecard
from analysis.core.errors import ManifestError
from analysis.wording.text import verdict_counts_vi

from conftest import SYN_LEVELS, SYN_PROVINCE, TARGET_COLUMNS, target_row, write_csv_grid, write_study

COLUMNS = TARGET_COLUMNS + ["restates"]
SHARE = dict(
    indicator="share_industry", kind="about", lower=36, upper=37, unit="percent", measure="final_year_share", about_tolerance=0.5
)


def _row(restates: str = "", **kw: object) -> list[str]:
    return target_row(**kw)[: len(TARGET_COLUMNS)] + [restates]


def _study(project, rows: list[list[str]], base_year: int, target_year: int) -> None:
    raw = project / "data" / "raw"
    folder = write_study(raw, "restating", SYN_PROVINCE, [], base_year=base_year, target_year=target_year)
    write_csv_grid(folder / "targets.csv", [COLUMNS] + rows)


def test_a_restated_target_is_reported_once_and_counted_once(synthetic_project):
    """R2 restates R1 (same quantity, bounds, years): its sentence points to R1, the counts skip it."""
    _study(
        synthetic_project,
        [
            _row(id="R1", order=1, wording_vi="Tỷ trọng công nghiệp khoảng 36–37%", base_year=2020, target_year=2025, **SHARE),
            _row(
                id="R2",
                order=2,
                restates="R1",
                wording_vi="Kế hoạch 5 năm: tỷ trọng công nghiệp khoảng 36–37%",
                base_year=2020,
                target_year=2025,
                **SHARE,
            ),
        ],
        2020,
        2025,
    )
    obs = build_observations(synthetic_project)
    card = scorecard(obs, load_study("restating", synthetic_project)).set_index("target_id")
    assert card.loc["R2", "restates"] == "R1" and card.loc["R1", "restates"] == ""
    assert "nhắc lại chỉ tiêu “tỷ trọng công nghiệp khoảng 36–37%”" in card.loc["R2", "statement_vi"]
    assert card.loc["R2", "verdict"] == card.loc["R1", "verdict"]  # the same evidence, the same verdict
    counts = verdict_counts_vi(card.reset_index())
    assert counts.startswith("0/1 chỉ tiêu định lượng")  # 2025 share 29,9 % < 36 − 0,5
    assert counts.endswith("; 1 chỉ tiêu nhắc lại chỉ tiêu khác không tính thêm")


@pytest.mark.parametrize(
    ("restates", "change", "message"),
    [
        ("R9", {}, r"restates 'R9', which is no other target of this file \(did you mean R1"),
        ("R1", {"lower": 35}, "differs in lower"),
        ("R2", {}, "restates 'R2', which is no other target"),  # itself
    ],
)
def test_a_bad_restatement_names_the_row(synthetic_project, restates, change, message):
    _study(
        synthetic_project,
        [
            _row(id="R1", order=1, base_year=2020, target_year=2025, **SHARE),
            _row(id="R2", order=2, restates=restates, base_year=2020, target_year=2025, **(SHARE | change)),
        ],
        2020,
        2025,
    )
    with pytest.raises(ManifestError, match=message) as err:
        load_study("restating", synthetic_project)
    assert "targets.csv" in str(err.value) and "3" in str(err.value)  # the file and its row 3


def test_a_chain_of_restatements_is_refused(synthetic_project):
    _study(
        synthetic_project,
        [
            _row(id="R1", order=1, base_year=2020, target_year=2025, **SHARE),
            _row(id="R2", order=2, restates="R1", base_year=2020, target_year=2025, **SHARE),
            _row(id="R3", order=3, restates="R2", base_year=2020, target_year=2025, **SHARE),
        ],
        2020,
        2025,
    )
    with pytest.raises(ManifestError, match="restates 'R2', which itself restates 'R1'"):
        load_study("restating", synthetic_project)


def test_a_share_without_data_states_the_points_a_year_it_needs(synthetic_project):
    """Base 2025: industry 16 000 of GRDP 53 500 (sectors + product taxes) = 29,907 %; to reach 36 % by 2030
    the share must rise (36 − 29,907) / 5 = 1,22 points a year: "1,2 điểm %/năm", not its relative growth."""
    _study(synthetic_project, [_row(id="R1", order=1, base_year=2025, target_year=2030, **SHARE)], 2025, 2030)
    obs = build_observations(synthetic_project)
    row = scorecard(obs, load_study("restating", synthetic_project)).iloc[0]
    base = SYN_LEVELS["industry"][-1] / (sum(v[-1] for k, v in SYN_LEVELS.items() if k != "industry"))
    assert row["verdict"] == "no_data" and row["baseline"] == pytest.approx(base * 100, abs=0.01)
    assert "cần tăng bình quân 1,2 điểm %/năm" in row["statement_vi"]
    assert row["required_avg_growth"] == pytest.approx(((36 / row["baseline"]) ** (1 / 5) - 1) * 100, rel=1e-12)


def test_counts_use_the_labels_the_rows_show():
    card = pd.DataFrame(
        {
            "verdict": ["exceeded", "exceeded", "met", "no_data", "qualitative", "met"],
            "status": ["ước vượt", "vượt", "đạt", "chưa có số liệu", "định tính", "ước đạt"],
            "restates": ["", "", "", "", "", "X1"],
        }
    )
    assert verdict_counts_vi(card) == (
        "3/4 chỉ tiêu định lượng đạt và vượt (1 ước vượt, 1 vượt, 1 đạt, "
        "1 chưa có số liệu); 1 chỉ tiêu định tính; 1 chỉ tiêu nhắc lại chỉ tiêu "
        "khác không tính thêm"
    )
