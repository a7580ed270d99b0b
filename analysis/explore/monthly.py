"""Monthly and cumulative part-year series of a study's province (the in-year view of the explorer).

:func:`monthly_series` lists every figure of a period shorter than a year — a month (``2026-01``, against the
same month a year earlier), year to date (``2026-01..08``), a quarter, a half year, nine months — for the
study's province and its admitted territories, one best value per indicator and period (the evidence
rules of :func:`analysis.select_best`), with its evidence status ("ước tính", "sơ bộ", …). Growth figures
are year-on-year (so với cùng kỳ năm trước). :func:`monthly_view` shows them as a static HTML table;
:func:`in_year_note` gives the in-year sentence of each monitored target (annual plans); the figures are
drawn by :func:`analysis.briefing.in_year_figures`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from analysis.assessment.scorecard_table import scorecard
from analysis.briefing.inyear_figure import in_year_figures as draw_in_year_figures
from analysis.display.blocks import HTML, esc
from analysis.evidence.select import select_best
from analysis.sources.manifest import cached_vocabulary
from analysis.sources.store_schema import PERIOD_FORMS
from analysis.wording.inyear_text import in_year_heading_vi, subyear_period_vi
from analysis.wording.labels import IN_YEAR_LABEL_VI, status_vi
from analysis.wording.vnformat import fmt_amount_vi, fmt_vn

from .assumptions import study_obs

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = ["MONTHLY_COLUMNS", "SUBYEAR_FORMS", "monthly_series", "monthly_view", "in_year_note", "in_year_figures"]

#: the period forms shorter than a year (keys of analysis.sources.store_schema.PERIOD_FORMS)
SUBYEAR_FORMS = ("month", "year_to_date", "quarter", "half_year", "nine_months")
MONTHLY_COLUMNS = [
    "indicator",
    "label_vi",
    "period",
    "period_vi",
    "year",
    "value",
    "unit",
    "status",
    "status_vi",
    "boundary",
    "obs_id",
    "publisher_or_ref",
]
_SUBYEAR = re.compile("|".join(f"(?:{PERIOD_FORMS[k]})" for k in SUBYEAR_FORMS))


def _order(period: str) -> tuple[int, int, str]:
    """Sort key: year, then the last month the period covers, then the text."""
    year, rest = int(period[:4]), period[5:]
    last = {"H1": 6, "H2": 12, "9M": 9}.get(rest)
    if last is None and rest.startswith("Q"):
        last = 3 * int(rest[1:])
    if last is None:
        last = int(rest[-2:])
    return year, last, period


def monthly_series(obs: pd.DataFrame, study: Any) -> pd.DataFrame:
    """Every sub-year figure of the study's province from its base year on: best value per indicator and period.

    Parameters
    ----------
    obs : pandas.DataFrame
        The evidence store.
    study : Study or str
        The study (its province and admitted territories).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`MONTHLY_COLUMNS`; ``value`` as published (growth in % on the same period a year earlier).
    """
    import pandas as pd

    ev, st = study_obs(obs, study)
    voc = cached_vocabulary(ev.attrs.get("root"))
    years = ev["period"].astype(str).str[:4]
    mask = (
        ev["period"].astype(str).str.fullmatch(_SUBYEAR)
        & (ev["status"] != "target")
        & (years.str.isdigit() & (years.where(years.str.isdigit(), "0").astype(int) >= st.base_year))
    )
    pairs = sorted(
        {(i, p) for i, p in zip(ev.loc[mask, "indicator"], ev.loc[mask, "period"].astype(str), strict=True)},
        key=lambda ip: (ip[0], _order(ip[1])),
    )
    rows = []
    for ind, per in pairs:
        best = select_best(ev, ind, per, province=st.province, boundary=st.boundary_preference)
        if not best.found:
            continue
        c = best.chosen
        rows.append(
            {
                "indicator": ind,
                "label_vi": voc.get(ind, {}).get("label_vi", ind),
                "period": per,
                "period_vi": subyear_period_vi(per),
                "year": int(per[:4]),
                "value": float(c["value"]),
                "unit": c["unit"],
                "status": c["status"],
                "status_vi": status_vi(c["status"]),
                "boundary": c["boundary"],
                "obs_id": c["obs_id"],
                "publisher_or_ref": str(c.get("source_ref") or ""),
            }
        )
    return pd.DataFrame(rows, columns=MONTHLY_COLUMNS)


def _value_vi(value: float, unit: str) -> str:
    """A figure with the decimals its source printed (one or two for rates), amounts with their unit."""
    if unit in {"percent", "percent_per_year"}:
        return f"{fmt_vn(value, 1 if round(value, 1) == value else 2)}%"
    return fmt_amount_vi(value, unit)


def monthly_view(obs: pd.DataFrame, study: Any) -> HTML:
    """:func:`monthly_series` as a static table (Vietnamese labels, the source's precision), one block per indicator."""
    df = monthly_series(obs, study)
    _, st = study_obs(obs, study)
    head = (
        f"<p><b>Số liệu tháng, quý và lũy kế từ đầu năm — {esc(st.province)}</b> (tăng/giảm so với cùng kỳ "
        "năm trước; trạng thái của từng số liệu)</p>"
    )
    if df.empty:
        return HTML(head + "<p>Chưa có số liệu tháng, quý hoặc lũy kế từ đầu năm của tỉnh trong kho số liệu.</p>")
    cells = "".join(
        f"<tr><td>{esc(r['label_vi'])}</td><td>{esc(r['period_vi'])}</td>"
        f"<td style='text-align:right'>{esc(_value_vi(r['value'], r['unit']))}</td>"
        f"<td>{esc(r['status_vi'])}</td><td>{esc(r['obs_id'])}</td></tr>"
        for r in df.to_dict("records")
    )
    return HTML(
        head + "<table><thead><tr><th>Chỉ tiêu</th><th>Kỳ</th><th>Giá trị</th><th>Trạng thái</th>"
        f"<th>Nguồn</th></tr></thead><tbody>{cells}</tbody></table>"
    )


def in_year_note(obs: pd.DataFrame, study: Any, card: pd.DataFrame | None = None) -> HTML:
    """The in-year sentence of every monitored target of an annual plan (or why there is none)."""
    _, st = study_obs(obs, study)
    card = scorecard(obs, st) if card is None else card
    rows = card[card["in_year_kind"].fillna("") != ""] if "in_year_kind" in card.columns else card.iloc[0:0]
    if rows.empty:
        return HTML(
            f"<p>Nghiên cứu không theo dõi chỉ tiêu nào trong năm ({esc(IN_YEAR_LABEL_VI)} chỉ áp dụng cho "
            "kế hoạch năm có bảng [in_year] trong study.toml).</p>"
        )
    when = in_year_heading_vi(card, st.target_year)
    items = "".join(f"<li>{esc(s)}</li>" for s in rows["in_year_vi"])
    return HTML(f"<p><b>{esc(when[:1].upper() + when[1:])}</b></p><ul>{items}</ul>")


def in_year_figures(obs: pd.DataFrame, study: Any, card: pd.DataFrame | None = None) -> list[Any]:
    """Draw and save the in-year figure of every monitored growth target (none for other studies)."""
    _, st = study_obs(obs, study)
    return draw_in_year_figures(obs, st, scorecard(obs, st) if card is None else card)
