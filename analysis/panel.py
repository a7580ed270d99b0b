"""Vectorised assessment of every target for many provinces at once (a national panel).

The per-target :func:`analysis.assess` walks the evidence store with full
provenance; for a panel where the best value per province, indicator and year
is already chosen, :func:`assess_panel` applies the same rules with array
operations: the compound growth of the level series for growth targets, the
final-year value for shares and ratios, the period sum for cumulative targets,
and the same review vocabulary (:meth:`analysis.targets.Target.verdicts`).
"""
from __future__ import annotations

import numpy as np

from .targets import Target

__all__ = ["assess_panel"]


def assess_panel(panel: "pd.DataFrame", targets: list[Target]) -> "pd.DataFrame":  # noqa: F821
    """Assess every target for every province of a panel.

    Parameters
    ----------
    panel : pandas.DataFrame
        Columns ``province``, ``indicator``, ``year`` (int), ``value`` (levels
        at constant prices for growth targets' ``level_indicator``; shares,
        ratios or flows in the target's unit otherwise). One row per province,
        indicator and year.
    targets : list of Target

    Returns
    -------
    pandas.DataFrame
        One row per province and target: ``province``, ``target_id``, ``value``,
        ``status``.
    """
    import pandas as pd

    wide = panel.pivot_table(index=["indicator", "province"], columns="year", values="value", aggfunc="first")
    provinces = panel["province"].drop_duplicates().sort_values().to_numpy()
    frames = []
    for t in targets:
        if not t.numeric:
            vals = np.full(len(provinces), np.nan)
        elif t.measure == "period_avg_growth":
            vals = _cagr(wide, t.level_indicator, provinces, t.base_year, t.target_year)
        elif t.measure == "cumulative_sum":
            years = list(range(t.base_year, t.target_year + 1))
            block = _block(wide, t.indicator, provinces, years)
            vals = block.sum(axis=1, min_count=len(years)).to_numpy()
        else:
            vals = _block(wide, t.indicator, provinces, [t.target_year]).iloc[:, 0].to_numpy()
        frames.append(pd.DataFrame({"province": provinces, "target_id": t.id, "value": vals,
                                    "status": t.verdicts(vals)}))
    return pd.concat(frames, ignore_index=True)


def _block(wide: "pd.DataFrame", indicator: str, provinces: np.ndarray, years: list[int]) -> "pd.DataFrame":  # noqa: F821
    import pandas as pd

    if indicator not in wide.index.get_level_values(0):
        return pd.DataFrame(np.nan, index=provinces, columns=years)
    return wide.loc[indicator].reindex(index=provinces, columns=years)


def _cagr(wide: "pd.DataFrame", indicator: str, provinces: np.ndarray, y0: int, y1: int) -> np.ndarray:  # noqa: F821
    b = _block(wide, indicator, provinces, [y0, y1]).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        g = (np.power(b[:, 1] / b[:, 0], 1.0 / (y1 - y0)) - 1.0) * 100.0
    g[~(b[:, 0] > 0)] = np.nan
    return g
