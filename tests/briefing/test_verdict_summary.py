"""The notebooks' verdict summary adds up: every verdict a target has is counted (cơ bản đạt, chưa đủ cơ sở đánh
giá included), so the parts sum to the number of quantitative targets. Scorecards are generated here."""

from __future__ import annotations

import re

import pandas as pd

from analysis.briefing.tables import verdict_summary


def _parts(text: str) -> dict[str, int]:
    inside = re.search(r"\((.*)\)", text).group(1)
    return {m.group(2): int(m.group(1)) for m in re.finditer(r"(\d+) ([^,]+)", inside)}


def test_every_verdict_is_counted_and_the_parts_add_up():
    card = pd.DataFrame(
        {"verdict": ["exceeded", "exceeded", "basically_met", "insufficient", "no_data", "no_data", "qualitative"]}
    )
    said = verdict_summary(card)
    parts = _parts(said)
    assert said.startswith("**3/6**")
    assert parts == {"vượt": 2, "đạt": 0, "cơ bản đạt": 1, "không đạt": 0, "chưa đủ cơ sở đánh giá": 1, "chưa có số liệu": 2}
    assert sum(parts.values()) == 6


def test_the_usual_four_stay_when_nothing_else_occurs():
    card = pd.DataFrame({"verdict": ["met", "not_met", "no_data"]})
    assert verdict_summary(card) == "**1/3** chỉ tiêu định lượng đạt và vượt (0 vượt, 1 đạt, 1 không đạt, 1 chưa có số liệu)."
