"""Rich HTML displays for JupyterLab: targets, evidence, assessments, the scorecard, a trajectory chart.

Every function returns HTML text (or :class:`HTML`, a ``str`` that JupyterLab renders)
that is **deterministic** — no ids, timestamps or memory addresses, inline styles
only — so stored notebook outputs compare equal under strict nbval. Every text is
HTML-escaped; numbers use Vietnamese notation (``.`` groups thousands, ``,`` is the
decimal mark) via :mod:`analysis.wording.vnformat`; verdicts, bands and statuses carry the
house colours of :mod:`analysis.core.vocabulary`. Tables use a proportional font with
full Vietnamese coverage and wrap long text at word boundaries.

``Target``, ``Evidence`` and ``Assessment`` call these from their ``_repr_html_``,
so typing ``a`` in a cell shows the assessment as a card, not dataclass text.

This module holds the cards and the scorecard table; the building blocks (escaping,
labels, badges, tables) are in :mod:`analysis.display.blocks` and the inline charts in
:mod:`analysis.display.svg`, all re-exported here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from analysis.assessment.verdicts import Assessment
from analysis.core.vocabulary import Band, colour
from analysis.evidence.select import Evidence
from analysis.studies.targets import Target
from analysis.studies.whatif import KIND_VI, bound_amount_vi
from analysis.wording.labels import boundary_vi, flag_sentences, method_vi, status_vi, unit_vi
from analysis.wording.labels import price_basis_vi as basis_vi
from analysis.wording.vnformat import record_decimals

from .blocks import (
    _MUTED,
    _TD,
    _TD_NUM,
    _TD_WRAP,
    HTML,
    _kv_table,
    _labels_vi,
    _link,
    _table,
    amount_vi,
    badge,
    band_badge,
    esc,
    html_box,
    num_vi,
    role_badge,
    verdict_badge,
)
from .svg import trajectory_svg

if TYPE_CHECKING:  # annotations only; pandas loads with the functions that use it
    import pandas as pd


class HtmlFormatter(Protocol):
    """What :func:`register_views` needs of IPython's HTML formatter."""

    def for_type(self, typ: type, func: Callable[..., str]) -> object: ...


__all__ = [
    "target_html",
    "evidence_html",
    "assessment_html",
    "styled_scorecard",
    "trajectory_table_html",
    "html_view",
    "register_views",
    "VIEWS",
]


# ------------------------------------------------------------------------------------------------ target
def target_html(t: Target) -> HTML:
    """A target as a card: wording, kind and bounds, unit, period, definition, who holds the data."""

    rows = [
        ("Mục tiêu", f"<b>{esc(t.text_vi())}</b>"),
        ("Loại", esc(KIND_VI.get(t.kind, t.kind)) + f' <span style="{_MUTED}">({esc(t.kind)})</span>'),
    ]
    if t.numeric:
        rows += [
            ("Đơn vị", esc(unit_vi(t.unit)) + f' <span style="{_MUTED}">({esc(t.unit)})</span>'),
            ("Kỳ đánh giá", esc(t.period.replace("-", "–"))),
            ("Cách đo", esc(t.measure)),
            ("Chỉ số", f"<code>{esc(t.indicator)}</code>"),
        ]
        if t.kind == "about":
            rows.append(("Dung sai 'khoảng'", "±" + esc(bound_amount_vi(t.about_tolerance, t.unit, points=True))))
        if t.kind in {"above", "at_least", "at_most", "below"} and t.exceed_margin:
            rows.append(("Ngưỡng 'vượt'", esc(bound_amount_vi(t.exceed_margin, t.unit, points=True))))
        for name, label in (("numerator", "Tử số"), ("denominator", "Mẫu số")):
            if getattr(t, name, ""):
                rows.append((label, f"<code>{esc(getattr(t, name))}</code>"))
    rows += [
        ("Định nghĩa", esc(t.definition)),
        ("Câu trong nghị quyết", esc(t.resolution_line)),
        ("Số liệu cần", esc(t.data_needed)),
        ("Cơ quan nắm số liệu", esc(t.data_from)),
    ]
    changed = t.assumptions_vi() if hasattr(t, "assumptions_vi") else []
    if changed:
        rows.append(
            (
                "Giả định khác tệp chỉ tiêu",
                '<span style="background:#FFF3CD;padding:0 4px">' + esc("; ".join(changed)) + "</span>",
            )
        )
    head = (
        f'<div style="font-size:14px"><b>{esc(t.id)}</b> · {esc(t.wording_vi)}</div>'
        f'<div style="{_MUTED};font-style:italic">{esc(t.wording_en)}</div>'
    )
    return html_box(head + _kv_table(rows))


# ------------------------------------------------------------------------------------------------ evidence
def _printed(r: dict[str, Any], unit: str) -> int | None:
    """Decimals of an observation as its source printed it (None for a row without its printed text)."""
    return record_decimals({**r, "unit": unit}) if r.get("value_as_printed") not in (None, "") else None


def _evidence_rows(records: Iterable[dict[str, Any]], unit: str | None = None) -> list[list[tuple[str, str]]]:
    rows = []
    for r in records:
        u = unit or str(r.get("unit", "") or "")
        rows.append(
            [
                (role_badge(str(r.get("role", ""))), _TD),
                (esc(r.get("obs_id", "")), _TD),
                (esc(r.get("period", "")), _TD),
                (esc(num_vi(r.get("value"), u, _printed(r, u))), _TD_NUM),
                (esc(unit_vi(u)), _TD),
                (esc(status_vi(r.get("status"))), _TD),
                (esc(boundary_vi(r.get("boundary"))), _TD),
                (esc(basis_vi(r.get("price_basis"))), _TD),
                (_link(str(r.get("source_ref", "")), r.get("source_url")), _TD_WRAP),
            ]
        )
    return rows


_EVIDENCE_HEAD = ["Vai trò", "Mã", "Kỳ", "Giá trị", "Đơn vị", "Tình trạng", "Địa giới", "Loại giá", "Nguồn"]


def evidence_html(ev: Evidence, title: str | None = None) -> HTML:
    """The chosen value of a :class:`~analysis.evidence.select.Evidence` and every candidate with its role."""
    req = ev.request
    pref = req.get("boundary")
    prefs = [pref] if isinstance(pref, str) else list(pref or [])
    what = title or f"Bằng chứng: {req.get('indicator', '')} · {req.get('period', '')} · {req.get('province', '')}"
    sub = []
    if prefs:
        sub.append("địa giới ưu tiên: " + " → ".join(boundary_vi(b) for b in prefs))
    if req.get("price_basis"):
        sub.append("loại giá: " + basis_vi(req["price_basis"]))
    head = f'<div style="font-size:14px"><b>{esc(what)}</b></div>'
    if sub:
        head += f'<div style="{_MUTED}">{esc("; ".join(sub))}</div>'
    if ev.chosen is None:
        return html_box(head + "<p><b>Chưa có số liệu</b> cho yêu cầu này (trong các nguồn được chấp nhận).</p>")
    c = ev.chosen
    unit = str(c.get("unit", ""))
    chosen = (
        f'<p>Giá trị được chọn: <b style="font-size:15px">{esc(amount_vi(c["value"], unit, _printed(c, unit)))}</b> '
        f"{badge(status_vi(c['status']), colour(c['status']))} · {esc(boundary_vi(c['boundary']))} · "
        f"{esc(basis_vi(c['price_basis']))} · <code>{esc(c['obs_id'])}</code>: "
        f"{_link(str(c.get('source_ref', '')), c.get('source_url'))}</p>"
    )
    n = len(ev.candidates)
    note = (
        f'<div style="{_MUTED}">{n} nguồn cho cùng chỉ số và kỳ'
        + ('; <b style="color:#D55E00">có nguồn mâu thuẫn</b>' if ev.conflict else "")
        + "</div>"
    )
    table = _table(_EVIDENCE_HEAD, _evidence_rows(ev.candidates.to_dict("records")))
    return html_box(head + chosen + note + table)


# ------------------------------------------------------------------------------------------------ assessment
_TRAJ_HEAD = ["Năm", "Giá trị", "Tăng bq đã đạt (%/năm)", "Tăng bq cần (%/năm)", "R", "Lộ trình", "Các năm còn lại cần (%/năm)"]


def trajectory_table_html(traj: pd.DataFrame | None, unit: str = "") -> str:
    """A small year-by-year trajectory table (band in its house colour); '' when there is none."""
    if traj is None or not len(traj):
        return ""
    rows = []
    for r in traj.to_dict("records"):
        rows.append(
            [
                (esc(r.get("year", "")), _TD),
                (esc(num_vi(r.get("value"), unit)), _TD_NUM),
                (esc(num_vi(r.get("observed_avg_growth"), "percent")), _TD_NUM),
                (esc(num_vi(r.get("required_avg_growth"), "percent")), _TD_NUM),
                (esc(num_vi(r.get("ratio"), "", 2)), _TD_NUM),
                (band_badge(str(r.get("band", ""))), _TD),
                (esc(num_vi(r.get("remaining_required"), "percent")), _TD_NUM),
            ]
        )
    return _table(_TRAJ_HEAD, rows)


def assessment_html(a: Assessment, chart: bool = False) -> HTML:
    """An assessment as a card: verdict badge, value against target, the sentence, evidence and trajectory."""
    t = a.target
    head = f'<div style="font-size:14px">{verdict_badge(a.status)} <b>{esc(t.id)}</b> · {esc(t.wording_vi)}</div>'
    value_unit = "percent_per_year" if t.measure == "period_avg_growth" else t.unit
    rows = [
        ("Kết quả", f"<b>{esc(amount_vi(a.value, value_unit))}</b>" if t.numeric else "–"),
        ("Mục tiêu", esc(t.text_vi())),
        ("Kỳ đánh giá", esc(t.period.replace("-", "–")) if t.numeric else ""),
        ("Đánh giá", verdict_badge(a.status)),
    ]
    if a.method:
        rows.append(("Phương pháp", esc(method_vi(a.method))))
    if a.evidence_status:
        rows.append(("Tình trạng số liệu", esc(status_vi(a.evidence_status))))
    if a.boundary:
        rows.append(("Địa giới", esc(_labels_vi(a.boundary))))
    if a.flags:
        rows.append(("Lưu ý", esc(" ".join(flag_sentences("; ".join(a.flags))))))
    out = head + _kv_table(rows)
    out += f'<p style="margin:6px 0;max-width:60em">{esc(a.statement_vi())}</p>'
    if a.evidence:
        out += '<div style="font-weight:600;margin-top:6px">Số liệu dùng và các nguồn khác</div>'
        # final-year evidence is in the target's unit; growth evidence mixes levels and rates (unit not kept)
        out += _table(_EVIDENCE_HEAD, _evidence_rows(a.evidence, None if t.measure == "period_avg_growth" else t.unit))
    traj = trajectory_table_html(a.trajectory, t.unit)
    if traj:
        out += '<div style="font-weight:600;margin-top:6px">Lộ trình theo năm</div>' + traj
        if chart:
            out += trajectory_svg(t, a.trajectory)
    return html_box(out)


# ------------------------------------------------------------------------------------------------ scorecard
def _trajectory_cell(text: Any) -> str:
    m = re.match(r"(\w+)", str(text or ""))
    return band_badge(m.group(1)) if m and m.group(1) in Band._value2member_map_ else esc(text)


def styled_scorecard(card: pd.DataFrame, columns: Sequence[str] | None = None) -> HTML:
    """The scorecard as a readable table: verdict colours, Vietnamese notation, a unit column, wrapped text.

    Parameters
    ----------
    card : pandas.DataFrame
        :func:`analysis.scorecard` (or :func:`analysis.explore.scenario`, whose
        ``verdict_file`` column is shown as "Theo tệp").
    columns : sequence of str, optional
        Text columns to show in full after the numbers (default: the result sentence and
        the data still needed).
    """
    years = [c for c in card.columns if re.fullmatch(r"y\d{4}", str(c))]
    text_cols = list(columns) if columns is not None else [c for c in ("statement_vi", "data_needed") if c in card.columns]
    text_head = {
        "statement_vi": "Nhận định",
        "data_needed": "Số liệu còn cần",
        "definition": "Định nghĩa",
        "sources": "Nguồn",
        "source_refs": "Nguồn (chi tiết)",
        "flags": "Lưu ý",
    }
    has_file = "verdict_file" in card.columns
    headers = (
        ["Mã", "Chỉ tiêu", "Mục tiêu", "Đơn vị"]
        + [y[1:] for y in years]
        + ["Kỳ", "Kết quả", "Đánh giá"]
        + (["Theo tệp"] if has_file else [])
        + ["Lộ trình", "Số liệu", "Địa giới"]
        + [text_head.get(c, c) for c in text_cols]
    )
    rows = []
    for r in card.to_dict("records"):
        unit = str(r.get("unit", "") or "")
        yunit = str(r.get("yearly_unit", "") or unit)
        u = unit_vi(unit) + (f" (các năm: {unit_vi(yunit)})" if years and yunit and yunit != unit else "")
        row = [
            (f"<b>{esc(r.get('target_id', ''))}</b>", _TD),
            (esc(r.get("target_vi", "")), _TD_WRAP),
            (esc(r.get("target_text_vi", "")), _TD),
            (esc(u), _TD),
        ]
        row += [(esc(num_vi(r.get(y), yunit)), _TD_NUM) for y in years]
        row += [
            (esc(str(r.get("period", "") or "").replace("-", "–")), _TD),
            (esc(num_vi(r.get("actual"), unit)), _TD_NUM),
            (verdict_badge(str(r.get("verdict", ""))), _TD),
        ]
        if has_file:
            row.append((verdict_badge(str(r.get("verdict_file", ""))), _TD))
        row += [
            (_trajectory_cell(r.get("trajectory", "")), _TD),
            (esc(status_vi(r.get("evidence_status", ""))), _TD),
            (esc(_labels_vi(r.get("boundary", "") or "")), _TD_WRAP if "/" in str(r.get("boundary", "")) else _TD),
        ]
        row += [(esc(r.get(c, "")), _TD_WRAP.replace("min-width:14em", "min-width:24em")) for c in text_cols]
        rows.append(row)
    return html_box(_table([esc(h) for h in headers], rows), wide=True)


# ------------------------------------------------------------------------------------------------ views
#: how each domain type is shown in JupyterLab (the domain never imports its display: the package
#: registers these with IPython's HTML formatter, see :func:`register_views`)
VIEWS = {Target: target_html, Evidence: evidence_html, Assessment: assessment_html}


def html_view(obj: Target | Evidence | Assessment) -> HTML:
    """The HTML card of a target, an evidence selection or an assessment (what JupyterLab shows)."""
    for cls, view in VIEWS.items():
        if isinstance(obj, cls):
            return view(obj)
    raise TypeError(f"no HTML view for {type(obj).__name__}; views exist for {', '.join(c.__name__ for c in VIEWS)}")


def register_views(formatter: HtmlFormatter) -> None:
    """Register every view with an IPython HTML formatter (``get_ipython().display_formatter.formatters['text/html']``)."""
    for cls, view in VIEWS.items():
        formatter.for_type(cls, view)
