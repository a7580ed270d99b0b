"""A growth figure names its assessed value from the target's measure and years: the growth of one year (an annual
plan's target) is "năm <target year>" in percent, never an average "BQ …" in "%/năm"; an average-growth target
keeps "BQ <period>" and "%/năm". Vocabulary, targets, study and scorecard are generated here."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from analysis.assessment.scorecard_table import scorecard  # noqa: E402
from analysis.briefing import fig_growth, fig_series  # noqa: E402
from analysis.sources.manifest import cached_vocabulary  # noqa: E402
from analysis.wording.text import growth_period_vi, growth_unit_vi  # noqa: E402
from tests.conftest import make_obs, make_study, make_target  # noqa: E402


def _key(root, kind: str) -> str:
    return next(k for k, v in sorted(cached_vocabulary(root).items()) if v["kind"] == kind)


def _texts(fig) -> list[str]:
    from matplotlib.text import Text

    out = [t.get_text() for t in fig.findobj(Text)]
    out += [t.get_text() for a in fig.axes for t in a.get_xticklabels()]
    return [t.replace("\n", " ") for t in out if t]


def _one_year(root, base: int):
    return make_target(
        id="Y1",
        indicator=_key(root, "growth"),
        kind="at_least",
        lower=7.0,
        upper=float("nan"),
        unit="percent",
        measure="final_year_value",
        base_year=base,
        target_year=base + 1,
        about_tolerance=0.0,
        exceed_margin=1.0,
        theme="growth",
        wording_vi="tăng từ 7% trở lên",
    )


def _average(root, base: int, years: int):
    return make_target(
        id="A1",
        indicator=_key(root, "avg_growth"),
        kind="range",
        lower=6.0,
        upper=7.0,
        unit="percent_per_year",
        measure="period_avg_growth",
        base_year=base,
        target_year=base + years,
        about_tolerance=0.0,
        theme="growth",
        wording_vi="bình quân 6–7%/năm",
    )


def test_the_wording_follows_measure_and_years(vocab_root):
    one, avg = _one_year(vocab_root, 2040), _average(vocab_root, 2040, 5)
    assert growth_period_vi(one) == f"năm {one.target_year}" and growth_unit_vi(one) == "%"
    assert growth_period_vi(avg) == f"BQ {avg.base_year + 1}–{avg.target_year}" and growth_unit_vi(avg) == "%/năm"


@pytest.mark.parametrize("draw", ["growth", "series"])
def test_a_one_year_target_is_the_years_growth_not_an_average(vocab_root, draw):
    import matplotlib.pyplot as plt

    t = _one_year(vocab_root, 2040)
    st = make_study([t], vocab_root, base_year=t.base_year, target_year=t.target_year)
    obs = make_obs([], root=vocab_root)
    card = scorecard(obs, st, targets=[t])
    fig = fig_growth(obs, st, card, [t]) if draw == "growth" else fig_series(obs, st, [t], "Thử", card=card)
    try:
        texts = _texts(fig)
        assert not any("%/năm" in x for x in texts), texts
        assert not any(x.startswith("BQ") for x in texts), texts
        assert f"năm {t.target_year}" in texts
        ticks = [x.get_text() for a in fig.axes for x in a.get_xticklabels()]
        assert sum(str(t.target_year) in x for x in ticks) == 1, "the target year is drawn once"
    finally:
        plt.close(fig)


def test_an_average_target_keeps_its_period_average(vocab_root):
    import matplotlib.pyplot as plt

    t = _average(vocab_root, 2040, 5)
    st = make_study([t], vocab_root, base_year=t.base_year, target_year=t.target_year)
    obs = make_obs([], root=vocab_root)
    fig = fig_growth(obs, st, scorecard(obs, st, targets=[t]), [t])
    try:
        texts = _texts(fig)
        assert f"BQ {t.base_year + 1}–{t.target_year}" in texts
        assert any(x.startswith("%/năm") for x in texts)
    finally:
        plt.close(fig)
