"""The panel laid out once as arrays ``[indicator, province, year]``, for :func:`analysis.assessment.panel.assess_panel`.

:class:`_Cube` factorises a long panel (columns ``province``, ``indicator``,
``year``, ``value``, optionally ``price_basis`` and ``boundary``) into a dense
float array of values and, when given, int16 arrays of price-basis and boundary
codes (−1 where there is no value). Each target then reads a provinces × years
block of it (:meth:`_Cube.block`) without any loop over provinces or years.
Which price bases may be compounded into growth is :data:`CONSTANT_BASES`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.studies.targets import Target

#: public name; ``_Cube`` is package-internal (used by analysis.assessment.panel and analysis.assessment.panel_values)
__all__ = ["CONSTANT_BASES"]

#: price bases on which levels may be compounded into growth rates
CONSTANT_BASES = ("constant_2010", "constant_2020")


class _Cube:
    """The panel as arrays ``[indicator, province, year]`` (values, price-basis and boundary codes)."""

    def __init__(self, panel: pd.DataFrame, targets: list[Target]):
        missing = [c for c in ("province", "indicator", "year", "value") if c not in panel.columns]
        if missing:
            raise ValueError(
                f"assess_panel: panel lacks column(s) {missing}; expected province, indicator, year, "
                "value (optionally price_basis, boundary)"
            )
        self.prov_codes_all, provinces = pd.factorize(panel["province"], sort=True)
        self.provinces = np.asarray(provinces, dtype=object)
        keep = panel["value"].notna().to_numpy()
        ind_codes, indicators = pd.factorize(panel["indicator"])
        self.indicators = {k: i for i, k in enumerate(indicators)}
        year = panel["year"].to_numpy(dtype=np.int64)
        spans = [(t.base_year, t.target_year) for t in targets] + ([(int(year.min()), int(year.max()))] if len(year) else [])
        self.y0 = min(s[0] for s in spans) if spans else 0
        y1 = max(s[1] for s in spans) if spans else 0
        shape = (len(indicators), len(self.provinces), y1 - self.y0 + 1)
        # first row wins for a duplicated (province, indicator, year)
        sel = np.flatnonzero(keep)
        cell = (ind_codes[sel] * shape[1] + self.prov_codes_all[sel]) * shape[2] + (year[sel] - self.y0)
        sel = sel[~pd.Series(cell).duplicated(keep="first").to_numpy()]
        idx = (ind_codes[sel], self.prov_codes_all[sel], year[sel] - self.y0)
        self.values = np.full(shape, np.nan)
        self.values[idx] = panel["value"].to_numpy(dtype=float)[sel]
        self.basis = self.basis_names = None
        if "price_basis" in panel.columns:
            codes, names = pd.factorize(panel["price_basis"].fillna("unknown"))
            self.basis_names = list(names)
            self.basis = np.full(shape, -1, dtype=np.int16)
            self.basis[idx] = codes[sel]
            self.constant = np.array([n in CONSTANT_BASES for n in names] + [False])  # index −1 → not constant
        self.boundary = self.boundary_names = None
        if "boundary" in panel.columns:
            codes, names = pd.factorize(panel["boundary"].fillna("unknown"))
            self.boundary_names = list(names)
            self.boundary = np.full(shape, -1, dtype=np.int16)
            self.boundary[idx] = codes[sel]

    def block(self, arr: np.ndarray | None, indicator: str, first: int, last: int) -> np.ndarray | None:
        """``arr[indicator, :, first..last]`` (provinces × years)."""
        if arr is None:
            return None
        i = self.indicators[indicator]
        return arr[i, :, first - self.y0 : last - self.y0 + 1]
