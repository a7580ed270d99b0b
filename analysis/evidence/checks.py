"""Method checks: reproduce printed structure and index blocks from the levels.

A yearbook table that prints levels and a structure block ("Cơ cấu (%)") or an
index block ("Chỉ số phát triển, năm trước = 100") lets us recompute the latter:
share = level / total × 100; index = level_t / level_(t−1) × 100. The differences
must be rounding only; larger ones point to a misread cell, a revision, or a
structure that does not sum to 100.
"""

from __future__ import annotations

import re
import warnings
from typing import TYPE_CHECKING, Any

from analysis.core.errors import DataWarning

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = ["check_structure", "check_index", "total_series"]

_TOTAL = re.compile(r"tổng số|total|toàn ngành|toàn tỉnh", re.IGNORECASE)


def total_series(labels: list[str]) -> str | None:
    """The label of the total row/column (``"Tổng số - Total"``), or None."""
    found = [s for s in labels if _TOTAL.search(s)]
    return found[0] if found else None


def _levels_block(table: pd.DataFrame) -> pd.DataFrame:
    lv = table[(table["measure"] == "level") & table["value"].notna()]
    if lv.empty:
        return lv
    first = lv["block"].iloc[0]
    return lv[lv["block"] == first]


def _level_rows(levels: pd.DataFrame) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """The printed levels by ``(series, year)`` (several when a label is printed in several groups)."""
    rows: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for rec in levels.to_dict("records"):
        rows.setdefault((rec["series"], int(rec["year"])), []).append(rec)
    return rows


def _level_of(levels: dict[tuple[str, int], list[dict[str, Any]]], series: str, year: int, group: str) -> dict[str, Any] | None:
    """The printed level of ``series`` in ``year``: the one row with that label and year or, when the
    label is printed in several groups ("Phân theo …"), the one in the same ``group``; None when absent
    or still ambiguous. Groups are matched only when needed, because a structure or index block
    repeats the labels without the grouping rows of the levels block."""
    rows = levels.get((series, int(year)), [])
    if len(rows) > 1:
        rows = [r for r in rows if r["group"] == group]
    return rows[0] if len(rows) == 1 else None


def check_structure(table: pd.DataFrame, tolerance: float = 0.02) -> pd.DataFrame:
    """Shares recomputed from the levels block versus the printed structure block.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`analysis.read_yearbook_table`.
    tolerance : float
        Largest acceptable absolute difference in percentage points.

    Returns
    -------
    pandas.DataFrame
        series, year, printed, computed (= level / total × 100), diff
        (computed − printed), within_tolerance, level_cell, structure_cell.
        Empty when the table has no structure block or no total.

    Warns
    -----
    DataWarning
        When a difference exceeds ``tolerance`` (naming the cells).
    """
    import pandas as pd

    cols = ["series", "year", "printed", "computed", "diff", "within_tolerance", "level_cell", "structure_cell"]
    st = table[(table["measure"] == "structure") & table["value"].notna()]
    lv = _levels_block(table)
    total = total_series(list(dict.fromkeys(lv["series"])))
    if st.empty or lv.empty or total is None:
        return pd.DataFrame(columns=cols)
    tot = lv[lv["series"] == total].drop_duplicates("year").set_index("year")["value"]
    levels = _level_rows(lv)
    out = []
    for rec in st.to_dict("records"):
        lrow = _level_of(levels, rec["series"], rec["year"], rec["group"])
        if lrow is None or rec["year"] not in tot.index:
            continue
        computed = float(lrow["value"]) / float(tot.loc[rec["year"]]) * 100.0
        diff = computed - rec["value"]
        out.append(
            [rec["series"], rec["year"], rec["value"], computed, diff, abs(diff) <= tolerance + 1e-9, lrow["cell"], rec["cell"]]
        )
    res = pd.DataFrame(out, columns=cols)
    bad = res[~res["within_tolerance"]]
    if len(bad):
        warnings.warn(
            f"{table.attrs.get('source_file', '')}: structure differs from the levels by more than {tolerance} "
            f"pp at {', '.join(bad['structure_cell'].head(4))} (largest {bad['diff'].abs().max():.3f} pp)",
            DataWarning,
            stacklevel=2,
        )
    return res


def check_index(table: pd.DataFrame, tolerance: float | None = None) -> pd.DataFrame:
    """Indices recomputed from the levels (previous year = 100) versus the printed index block.

    Years whose previous-year level is not printed are left out (not computable).
    ``tolerance`` defaults to half a unit of the printed index's last decimal plus
    the rounding of the two printed levels propagated through the ratio.
    """
    import pandas as pd

    cols = ["series", "year", "printed", "computed", "diff", "within_tolerance", "level_cell", "index_cell"]
    ix = table[(table["measure"] == "index") & table["value"].notna()]
    lv = _levels_block(table)
    if ix.empty or lv.empty:
        return pd.DataFrame(columns=cols)
    levels = _level_rows(lv)
    out = []
    for rec in ix.to_dict("records"):
        lc = _level_of(levels, rec["series"], rec["year"], rec["group"])
        lp = _level_of(levels, rec["series"], rec["year"] - 1, rec["group"])
        if lc is None or lp is None:
            continue
        computed = float(lc["value"]) / float(lp["value"]) * 100.0
        # printed index rounding + propagated rounding of the two printed levels
        h_c, h_p = 0.5 * 10 ** (-int(lc["decimals"])), 0.5 * 10 ** (-int(lp["decimals"]))
        tol = (
            tolerance
            if tolerance is not None
            else (0.5 * 10 ** (-int(rec["decimals"])) + computed * (h_c / float(lc["value"]) + h_p / float(lp["value"])))
        )
        diff = computed - rec["value"]
        out.append([rec["series"], rec["year"], rec["value"], computed, diff, abs(diff) <= tol + 1e-9, lc["cell"], rec["cell"]])
    return pd.DataFrame(out, columns=cols)
