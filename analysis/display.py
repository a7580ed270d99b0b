"""Rich HTML displays for JupyterLab: targets, evidence, assessments, the scorecard, a trajectory chart.

Every function returns HTML text (or :class:`HTML`, a ``str`` that JupyterLab renders)
that is **deterministic** — no ids, timestamps or memory addresses, inline styles
only — so stored notebook outputs compare equal under strict nbval. Every text is
HTML-escaped; numbers use Vietnamese notation (``.`` groups thousands, ``,`` is the
decimal mark) via :mod:`analysis.vnformat`; verdicts, bands and statuses carry the
house colours of :mod:`analysis.vocabulary`. Tables use a proportional font with
full Vietnamese coverage and wrap long text at word boundaries.

``Target``, ``Evidence`` and ``Assessment`` call these from their ``_repr_html_``,
so typing ``a`` in a cell shows the assessment as a card, not dataclass text.
"""
from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

from .report_text import FLAG_VI as _REPORT_FLAG_VI
from .report_text import flag_sentences
from .vnformat import UNIT_VI, fmt_amount_vi, fmt_vn
from .vocabulary import Band, Boundary, PriceBasis, Status, Verdict, colour, label_vi

__all__ = ["HTML", "target_html", "evidence_html", "assessment_html", "styled_scorecard", "trajectory_svg",
           "series_svg", "trajectory_table_html", "esc", "num_vi", "unit_vi", "badge", "status_vi", "boundary_vi",
           "basis_vi", "ROLE_VI", "FLAG_VI", "METHOD_VI"]

FONT = "'Noto Sans', 'Segoe UI', 'DejaVu Sans', Arial, sans-serif"
_BOX = f"font-family:{FONT};font-size:13px;line-height:1.45;color:#222;max-width:72em"
_TABLE = "border-collapse:collapse;margin:4px 0 8px 0;font-size:12.5px"
_TH = "text-align:left;vertical-align:bottom;padding:3px 6px;border-bottom:2px solid #888;background:#f4f4f4"
_TD = "text-align:left;vertical-align:top;padding:3px 6px;border-bottom:1px solid #ddd;white-space:nowrap"
_TD_NUM = "text-align:right;vertical-align:top;padding:3px 6px;border-bottom:1px solid #ddd;white-space:nowrap"
_TD_WRAP = ("text-align:left;vertical-align:top;padding:3px 6px;border-bottom:1px solid #ddd;white-space:normal;"
            "overflow-wrap:break-word;word-break:normal;hyphens:manual;min-width:14em;max-width:34em")
_MUTED = "color:#666"

#: roles of evidence rows (select_best candidates and assessment evidence), with a colour each
ROLE_VI = {"chosen": ("được chọn", "#0072B2"), "used": ("được dùng", "#0072B2"), "agrees": ("khớp", "#009E73"),
           "conflict": ("mâu thuẫn", "#D55E00"), "other_basis": ("khác loại giá", "#E69F00"),
           "other_boundary": ("địa giới khác", "#CC79A7")}
#: assessment flags in review wording (one wording for the documents and the notebooks)
FLAG_VI = {k: v.rstrip(".") for k, v in _REPORT_FLAG_VI.items()}
#: assessment methods in review wording
METHOD_VI = {"cagr_of_levels": "tốc độ tăng bình quân tính từ chuỗi số tuyệt đối theo giá so sánh",
             "geometric_chain_of_annual_rates": "bình quân nhân các tốc độ tăng hằng năm",
             "published_period_average": "tốc độ bình quân đã công bố",
             "published_period_total": "tổng của kỳ đã công bố", "sum_of_annual_values": "tổng các năm",
             "final_year_value": "giá trị năm cuối kỳ"}
_ZERO_DECIMALS = {"bn_VND", "mn_USD", "persons", "count", "mn_VND", "thousand_VND_per_person", "USD_per_person"}


class HTML(str):
    """HTML text that JupyterLab renders (``_repr_html_``) and that compares as a plain string."""

    def _repr_html_(self) -> str:
        return str(self)

    def __repr__(self) -> str:   # the plain-text form a notebook stores next to the HTML: short and stable
        return f"<HTML: {len(self)} characters>"


# ------------------------------------------------------------------------------------------------ helpers
def _missing(x: Any) -> bool:
    if x is None or isinstance(x, str):
        return x is None
    try:
        return bool(x != x)          # NaN, NaT
    except (TypeError, ValueError):  # pd.NA: truth value ambiguous
        return True


def esc(x: Any) -> str:
    """HTML-escaped text of ``x`` ('' for None and NaN)."""
    return "" if _missing(x) else html.escape(str(x), quote=True)


def unit_vi(unit: str) -> str:
    """The Vietnamese unit label without its leading space (``tỷ đồng``, ``%/năm``)."""
    return UNIT_VI.get(unit, unit or "").strip()


def num_vi(value: Any, unit: str = "", decimals: int | None = None) -> str:
    """A number in Vietnamese notation: decimals by unit (amounts and persons whole, rates one decimal);
    without a unit, whole from 1,000 up, else up to two decimals without trailing zeros."""
    if _missing(value) or value == "":
        return "–"
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if decimals is not None:
        return fmt_vn(v, decimals)
    if unit:
        return fmt_vn(v, 0 if unit in _ZERO_DECIMALS else 1)
    if abs(v) >= 1000:
        return fmt_vn(v, 0)
    s = fmt_vn(v, 2)
    return s.rstrip("0").rstrip(",") if "," in s else s


def amount_vi(value: Any, unit: str) -> str:
    """A value with its unit, as the result sentences write it (``5,6 tỷ USD``, ``36,9%``)."""
    if _missing(value):
        return "–"
    return fmt_amount_vi(float(value), unit)


def _text_colour(bg: str) -> str:
    m = re.fullmatch(r"#([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})", bg)
    if not m:
        return "#000"
    r, g, b = (int(x, 16) for x in m.groups())
    return "#000" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#fff"


def badge(text: str, bg: str) -> str:
    """A coloured label (text escaped)."""
    return (f'<span style="display:inline-block;padding:1px 7px;border-radius:9px;background:{esc(bg)};'
            f'color:{_text_colour(bg)};font-weight:600;white-space:nowrap">{esc(text)}</span>')


def verdict_badge(code: str) -> str:
    return badge(Verdict(code).vi, Verdict(code).colour) if code in Verdict._value2member_map_ else esc(code)


def band_badge(code: str) -> str:
    return badge(Band(code).vi, Band(code).colour) if code in Band._value2member_map_ else esc(code)


def role_badge(role: str) -> str:
    text, bg = ROLE_VI.get(role, (role, "#BBBBBB"))
    return badge(text, bg)


def _family_vi(family: Any, code: Any) -> str:
    """The label of a code of one vocabulary family ("unknown" is both a boundary and a price basis)."""
    c = "" if _missing(code) else str(code)
    return family(c).vi if c in family._value2member_map_ else label_vi(c)


def status_vi(code: Any) -> str:
    return _family_vi(Status, code)


def boundary_vi(code: Any) -> str:
    return _family_vi(Boundary, code)


def basis_vi(code: Any) -> str:
    return _family_vi(PriceBasis, code)


def _labels_vi(codes: str, sep: str = "/") -> str:
    return " / ".join(boundary_vi(c) for c in str(codes).split(sep) if c)


def _table(headers: Sequence[str], rows: Iterable[Sequence[tuple[str, str]]]) -> str:
    """A table from escaped header texts and rows of (cell HTML, cell style)."""
    head = "".join(f'<th style="{_TH}">{h}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f'<td style="{style}">{cell}</td>' for cell, style in row) + "</tr>"
                   for row in rows)
    return f'<table style="{_TABLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _kv_table(rows: Sequence[tuple[str, str]]) -> str:
    body = "".join(f'<tr><th style="{_TD};font-weight:600;background:#f8f8f8">{esc(k)}</th>'
                   f'<td style="{_TD_WRAP}">{v}</td></tr>' for k, v in rows)
    return f'<table style="{_TABLE}"><tbody>{body}</tbody></table>'


def _link(text: str, url: Any) -> str:
    u = "" if _missing(url) else str(url)
    if re.match(r"https?://", u):
        return f'<a href="{esc(u)}" target="_blank" rel="noopener">{esc(text)}</a>'
    return esc(text)


def _box(inner: str, wide: bool = False) -> HTML:
    style = _BOX.replace(";max-width:72em", "") if wide else _BOX
    return HTML(f'<div style="{style}">{inner}</div>')


# ------------------------------------------------------------------------------------------------ target
def target_html(t: Any) -> HTML:
    """A target as a card: wording, kind and bounds, unit, period, definition, who holds the data."""
    from .targets import KIND_VI, _amount_vi

    rows = [("Mục tiêu", f"<b>{esc(t.text_vi())}</b>"),
            ("Loại", esc(KIND_VI.get(t.kind, t.kind)) + f' <span style="{_MUTED}">({esc(t.kind)})</span>')]
    if t.numeric:
        rows += [("Đơn vị", esc(unit_vi(t.unit)) + f' <span style="{_MUTED}">({esc(t.unit)})</span>'),
                 ("Kỳ đánh giá", esc(t.period.replace("-", "–"))),
                 ("Cách đo", esc(t.measure)), ("Chỉ số", f"<code>{esc(t.indicator)}</code>")]
        if t.kind == "about":
            rows.append(("Dung sai 'khoảng'", "±" + esc(_amount_vi(t.about_tolerance, t.unit, points=True))))
        if t.kind in {"above", "at_least", "at_most", "below"} and t.exceed_margin:
            rows.append(("Ngưỡng 'vượt'", esc(_amount_vi(t.exceed_margin, t.unit, points=True))))
        for name, label in (("numerator", "Tử số"), ("denominator", "Mẫu số")):
            if getattr(t, name, ""):
                rows.append((label, f"<code>{esc(getattr(t, name))}</code>"))
    rows += [("Định nghĩa", esc(t.definition)), ("Câu trong nghị quyết", esc(t.resolution_line)),
             ("Số liệu cần", esc(t.data_needed)), ("Cơ quan nắm số liệu", esc(t.data_from))]
    changed = t.assumptions_vi() if hasattr(t, "assumptions_vi") else []
    if changed:
        rows.append(("Giả định khác tệp chỉ tiêu",
                     '<span style="background:#FFF3CD;padding:0 4px">' + esc("; ".join(changed)) + "</span>"))
    head = (f'<div style="font-size:14px"><b>{esc(t.id)}</b> · {esc(t.wording_vi)}</div>'
            f'<div style="{_MUTED};font-style:italic">{esc(t.wording_en)}</div>')
    return _box(head + _kv_table(rows))


# ------------------------------------------------------------------------------------------------ evidence
def _evidence_rows(records: Iterable[dict[str, Any]], unit: str | None = None) -> list[list[tuple[str, str]]]:
    rows = []
    for r in records:
        u = unit or str(r.get("unit", "") or "")
        rows.append([(role_badge(str(r.get("role", ""))), _TD), (esc(r.get("obs_id", "")), _TD),
                     (esc(r.get("period", "")), _TD), (esc(num_vi(r.get("value"), u)), _TD_NUM),
                     (esc(unit_vi(u)), _TD), (esc(status_vi(r.get("status"))), _TD),
                     (esc(boundary_vi(r.get("boundary"))), _TD), (esc(basis_vi(r.get("price_basis"))), _TD),
                     (_link(str(r.get("source_ref", "")), r.get("source_url")), _TD_WRAP)])
    return rows


_EVIDENCE_HEAD = ["Vai trò", "Mã", "Kỳ", "Giá trị", "Đơn vị", "Tình trạng", "Địa giới", "Loại giá", "Nguồn"]


def evidence_html(ev: Any, title: str | None = None) -> HTML:
    """The chosen value of a :class:`~analysis.evidence.Evidence` and every candidate with its role."""
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
        return _box(head + '<p><b>Chưa có số liệu</b> cho yêu cầu này (trong các nguồn được chấp nhận).</p>')
    c = ev.chosen
    unit = str(c.get("unit", ""))
    chosen = (f'<p>Giá trị được chọn: <b style="font-size:15px">{esc(amount_vi(c["value"], unit))}</b> '
              f'{badge(status_vi(c["status"]), colour(c["status"]))} · {esc(boundary_vi(c["boundary"]))} · '
              f'{esc(basis_vi(c["price_basis"]))} · <code>{esc(c["obs_id"])}</code>: '
              f'{_link(str(c.get("source_ref", "")), c.get("source_url"))}</p>')
    n = len(ev.candidates)
    note = (f'<div style="{_MUTED}">{n} nguồn cho cùng chỉ số và kỳ'
            + ("; <b style=\"color:#D55E00\">có nguồn mâu thuẫn</b>" if ev.conflict else "") + "</div>")
    table = _table(_EVIDENCE_HEAD, _evidence_rows(ev.candidates.to_dict("records")))
    return _box(head + chosen + note + table)


# ------------------------------------------------------------------------------------------------ assessment
_TRAJ_HEAD = ["Năm", "Giá trị", "Tăng bq đã đạt (%/năm)", "Tăng bq cần (%/năm)", "R", "Lộ trình",
              "Các năm còn lại cần (%/năm)"]


def trajectory_table_html(traj: Any, unit: str = "") -> str:
    """A small year-by-year trajectory table (band in its house colour); '' when there is none."""
    if traj is None or not len(traj):
        return ""
    rows = []
    for r in traj.to_dict("records"):
        rows.append([(esc(r.get("year", "")), _TD), (esc(num_vi(r.get("value"), unit)), _TD_NUM),
                     (esc(num_vi(r.get("observed_avg_growth"), "percent")), _TD_NUM),
                     (esc(num_vi(r.get("required_avg_growth"), "percent")), _TD_NUM),
                     (esc(num_vi(r.get("ratio"), "", 2)), _TD_NUM), (band_badge(str(r.get("band", ""))), _TD),
                     (esc(num_vi(r.get("remaining_required"), "percent")), _TD_NUM)])
    return _table(_TRAJ_HEAD, rows)


def assessment_html(a: Any, chart: bool = False) -> HTML:
    """An assessment as a card: verdict badge, value against target, the sentence, evidence and trajectory."""
    t = a.target
    head = (f'<div style="font-size:14px">{verdict_badge(a.status)} <b>{esc(t.id)}</b> · '
            f'{esc(t.wording_vi)}</div>')
    value_unit = "percent_per_year" if t.measure == "period_avg_growth" else t.unit
    rows = [("Kết quả", f"<b>{esc(amount_vi(a.value, value_unit))}</b>" if t.numeric else "–"),
            ("Mục tiêu", esc(t.text_vi())), ("Kỳ đánh giá", esc(t.period.replace("-", "–")) if t.numeric else ""),
            ("Đánh giá", verdict_badge(a.status))]
    if a.method:
        rows.append(("Phương pháp", esc(METHOD_VI.get(a.method, a.method))))
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
        out += _table(_EVIDENCE_HEAD, _evidence_rows(a.evidence, None if t.measure == "period_avg_growth"
                                                     else t.unit))
    traj = trajectory_table_html(a.trajectory, t.unit)
    if traj:
        out += '<div style="font-weight:600;margin-top:6px">Lộ trình theo năm</div>' + traj
        if chart:
            out += trajectory_svg(t, a.trajectory)
    return _box(out)


# ------------------------------------------------------------------------------------------------ charts
def _ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    span = hi - lo if hi > lo else 1.0
    raw = span / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step) * step
    out, v = [], first
    while v <= hi + 1e-9:
        out.append(round(v, 10))
        v += step
    return out


def series_svg(points: Sequence[tuple[int, float, str, str]], years: Sequence[int], unit: str = "", *,
               band: tuple[float, float] | None = None, goal: float | None = None, title: str = "",
               width: int = 560, height: int = 230) -> str:
    """A small line chart as inline SVG (deterministic text): points (year, value, colour, label).

    ``band`` shades a target range, ``goal`` draws a dashed target line. Returns ''
    when there is no point.
    """
    pts = [(int(y), float(v), c, lab) for y, v, c, lab in points if not _missing(v)]
    if not pts or not years:
        return ""
    left, right, top, bottom = 56, 16, 24, 30
    pw, ph = width - left - right, height - top - bottom
    vals = [v for _, v, _, _ in pts] + ([band[0], band[1]] if band else []) + ([goal] if goal is not None else [])
    lo, hi = min(vals), max(vals)
    pad = (hi - lo) * 0.12 or max(abs(hi) * 0.1, 1.0)
    lo, hi = lo - pad, hi + pad
    y0, y1 = min(years), max(years)

    def x(year: float) -> float:
        return left + (pw * (year - y0) / (y1 - y0) if y1 > y0 else pw / 2)

    def y(v: float) -> float:
        return top + ph * (hi - v) / (hi - lo)

    d = 0 if unit in _ZERO_DECIMALS else 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" style="font-family:{FONT};font-size:11px">',
             f'<text x="{left}" y="14" font-weight="600">{esc(title)}</text>']
    if band:
        parts.append(f'<rect x="{left}" y="{y(band[1]):.1f}" width="{pw}" height="{max(y(band[0]) - y(band[1]), 1):.1f}"'
                     f' fill="#56B4E9" fill-opacity="0.18"><title>{esc("vùng mục tiêu")}</title></rect>')
    for tv in _ticks(lo, hi):
        parts.append(f'<line x1="{left}" x2="{left + pw}" y1="{y(tv):.1f}" y2="{y(tv):.1f}" stroke="#e5e5e5"/>'
                     f'<text x="{left - 6}" y="{y(tv) + 4:.1f}" text-anchor="end" fill="#555">'
                     f'{esc(fmt_vn(tv, d if abs(tv) < 1000 or d == 0 else 0))}</text>')
    for yr in years:
        parts.append(f'<text x="{x(yr):.1f}" y="{top + ph + 18}" text-anchor="middle" fill="#555">{yr}</text>')
    if goal is not None:
        parts.append(f'<line x1="{left}" x2="{left + pw}" y1="{y(goal):.1f}" y2="{y(goal):.1f}" stroke="#D55E00" '
                     f'stroke-dasharray="5,4"><title>{esc("mục tiêu " + fmt_vn(goal, d))}</title></line>')
    if len(pts) > 1:
        path = " ".join(f"{x(yr):.1f},{y(v):.1f}" for yr, v, _, _ in sorted(pts))
        parts.append(f'<polyline points="{path}" fill="none" stroke="#555" stroke-width="1.5"/>')
    for yr, v, c, lab in sorted(pts):
        parts.append(f'<circle cx="{x(yr):.1f}" cy="{y(v):.1f}" r="5" fill="{esc(c)}" stroke="#333" stroke-width="0.8">'
                     f'<title>{esc(f"{yr}: {fmt_vn(v, d)} {unit_vi(unit)} {lab}".strip())}</title></circle>'
                     f'<text x="{x(yr):.1f}" y="{y(v) - 9:.1f}" text-anchor="middle">{esc(fmt_vn(v, d))}</text>')
    parts.append(f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + ph}" stroke="#999"/>')
    parts.append(f'<text x="{left - 6}" y="{top - 8}" text-anchor="end" fill="#555">{esc(unit_vi(unit))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def trajectory_svg(t: Any, traj: Any) -> str:
    """The trajectory of a target as an inline SVG chart: values by year against the target band or line."""
    if traj is None or not len(traj):
        return ""
    growth = t.measure == "period_avg_growth"
    years = list(range(t.base_year + (1 if growth else 0), t.target_year + 1))
    pts = [(int(r["year"]), r["value"], Band(r["band"]).colour if r["band"] in Band._value2member_map_ else "#BBB",
            f"({Band(r['band']).vi})" if r["band"] in Band._value2member_map_ else "")
           for r in traj.to_dict("records")]
    if not growth:
        base = [r.get("base_value") for r in traj.to_dict("records") if not _missing(r.get("base_value"))]
        if base:
            pts.insert(0, (t.base_year, base[0], "#999999", "(năm gốc)"))
    band = goal = None
    if t.kind in {"range", "about"}:
        tol = t.about_tolerance if t.kind == "about" else 0.0
        band = (t.lower - tol, t.upper + tol)
    elif t.numeric:
        goal = t.goal
    unit = "percent_per_year" if growth else t.unit
    title = ("Tăng bình quân từ năm gốc đến từng năm" if growth else "Giá trị theo năm") + " — " + t.text_vi()
    return series_svg(pts, years, unit, band=band, goal=goal, title=title)


# ------------------------------------------------------------------------------------------------ scorecard
def _trajectory_cell(text: Any) -> str:
    m = re.match(r"(\w+)", str(text or ""))
    return band_badge(m.group(1)) if m and m.group(1) in Band._value2member_map_ else esc(text)


def styled_scorecard(card: Any, columns: Sequence[str] | None = None) -> HTML:
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
    text_cols = list(columns) if columns is not None else [c for c in ("statement_vi", "data_needed")
                                                            if c in card.columns]
    text_head = {"statement_vi": "Nhận định", "data_needed": "Số liệu còn cần", "definition": "Định nghĩa",
                 "sources": "Nguồn", "source_refs": "Nguồn (chi tiết)", "flags": "Lưu ý"}
    has_file = "verdict_file" in card.columns
    headers = (["Mã", "Chỉ tiêu", "Mục tiêu", "Đơn vị"] + [y[1:] for y in years]
               + ["Kỳ", "Kết quả", "Đánh giá"] + (["Theo tệp"] if has_file else [])
               + ["Lộ trình", "Số liệu", "Địa giới"] + [text_head.get(c, c) for c in text_cols])
    rows = []
    for r in card.to_dict("records"):
        unit = str(r.get("unit", "") or "")
        yunit = str(r.get("yearly_unit", "") or unit)
        u = unit_vi(unit) + (f" (các năm: {unit_vi(yunit)})" if years and yunit and yunit != unit else "")
        row = [(f"<b>{esc(r.get('target_id', ''))}</b>", _TD), (esc(r.get("target_vi", "")), _TD_WRAP),
               (esc(r.get("target_text_vi", "")), _TD), (esc(u), _TD)]
        row += [(esc(num_vi(r.get(y), yunit)), _TD_NUM) for y in years]
        row += [(esc(str(r.get("period", "") or "").replace("-", "–")), _TD),
                (esc(num_vi(r.get("actual"), unit)), _TD_NUM), (verdict_badge(str(r.get("verdict", ""))), _TD)]
        if has_file:
            row.append((verdict_badge(str(r.get("verdict_file", ""))), _TD))
        row += [(_trajectory_cell(r.get("trajectory", "")), _TD),
                (esc(status_vi(r.get("evidence_status", ""))), _TD),
                (esc(_labels_vi(r.get("boundary", "") or "")), _TD_WRAP if "/" in str(r.get("boundary", "")) else _TD)]
        row += [(esc(r.get(c, "")), _TD_WRAP.replace("min-width:14em", "min-width:24em")) for c in text_cols]
        rows.append(row)
    return _box(_table([esc(h) for h in headers], rows), wide=True)
