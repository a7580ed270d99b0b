"""A growth rate is never drawn on a share axis: which figure draws a target follows from the vocabulary's kind of
its indicator (not from its unit or id). A one-year growth target of the labour theme (an annual plan's
"năng suất lao động tăng a–b %") gets a growth panel in the labour figure; the structure figure leaves it out.
Vocabulary, targets and studies are generated here."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from analysis.briefing import FIGURE_DRAWS, drawn_targets, fig_series, growth_target  # noqa: E402
from analysis.sources.manifest import cached_vocabulary  # noqa: E402
from tests.conftest import make_obs, make_study, make_target  # noqa: E402


def _key(root, kind: str, unit: str) -> str:
    return next(k for k, v in sorted(cached_vocabulary(root).items()) if v["kind"] == kind and v["unit"] == unit)


@pytest.fixture
def one_year_growth(vocab_root):
    """A labour target on a one-year growth rate in percent (range), and a share target of the same theme."""
    growth = make_target(
        id="G1",
        indicator=_key(vocab_root, "growth", "percent"),
        kind="range",
        lower=8.5,
        upper=9.5,
        unit="percent",
        measure="final_year_value",
        base_year=2030,
        target_year=2031,
        about_tolerance=0.0,
        theme="labour",
        wording_vi="năng suất tăng 8,5–9,5%",
    )
    share = make_target(id="S1", indicator=_key(vocab_root, "share", "percent"), theme="labour", base_year=2030, target_year=2031)
    return growth, share


def test_growth_is_decided_by_the_vocabulary(vocab_root, one_year_growth):
    growth, share = one_year_growth
    voc = cached_vocabulary(vocab_root)
    assert growth_target(growth, voc) and not growth_target(share, voc)
    assert not FIGURE_DRAWS["structure"](growth, voc) and FIGURE_DRAWS["structure"](share, voc)
    st = make_study([growth, share], vocab_root, base_year=2030, target_year=2031)
    assert drawn_targets("labour", [growth, share], st) == [growth, share]
    assert drawn_targets("structure", [growth, share], st) == [share]


@pytest.mark.parametrize("with_share", [False, True])
def test_labour_figure_draws_a_growth_target_in_a_growth_panel(vocab_root, one_year_growth, with_share):
    import matplotlib.pyplot as plt

    growth, share = one_year_growth
    targets = [growth, share] if with_share else [growth]
    st = make_study(targets, vocab_root, base_year=2030, target_year=2031)
    obs = make_obs([], root=vocab_root)
    fig = fig_series(obs, st, targets, "Thử")
    try:
        titled = [a for a in fig.axes if (a.get_title() + a.get_title(loc="left")).startswith(growth.id)]
        assert len(titled) == 1, "the growth target has its own growth panel"
        assert titled[0].get_ylim() != (0.0, 100.0)
        share_axes = [a for a in fig.axes if a.get_ylim() == (0.0, 100.0)]
        labels = [t.get_text() for a in share_axes for t in (a.get_legend().get_texts() if a.get_legend() else [])]
        assert not any(growth.id in text for text in labels), "a growth rate is never a line on the share axis"
        assert bool(share_axes) == with_share, "the share axis is there only when a share target is"
        if with_share:
            assert any(share.id in text for text in labels)
        else:
            assert titled[0].get_legend() is not None, "the target band is named on the growth panel"
    finally:
        plt.close(fig)
