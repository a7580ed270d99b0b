"""Static HTML of the explorer: the output for a selection, its year-by-year series, an error and a headless note.

Deterministic text (inline styles, no ids) built from the cards of :mod:`analysis.display`,
so the static rendering stored in ``notebooks/07_explore.ipynb`` compares equal under
strict nbval. :class:`~analysis.explore.widgets.Explorer` calls these; nothing here
builds a widget or computes evidence.
"""

from __future__ import annotations

from typing import Any

from analysis.core.vocabulary import Status, colour
from analysis.display.blocks import HTML, badge, esc, html_box, num_vi
from analysis.display.cards import assessment_html, evidence_html
from analysis.display.svg import series_svg
from analysis.studies.study import Study
from analysis.wording.labels import boundary_vi, status_vi, unit_vi

from .assumptions import tiers_note
from .selection import Result

__all__ = ["result_html", "error_html", "headless_note"]


def result_html(r: Result, st: Study, vocabulary: dict[str, dict[str, str]]) -> str:
    """The explorer's output for a computed result: the assumptions, the assessment, the evidence or the series.

    Parameters
    ----------
    r : Result
        What the explorer computed for a selection.
    st : Study
        The selection's study.
    vocabulary : dict
        Indicator labels (``label_vi``) by indicator key.
    """
    s = r.selection
    label = vocabulary.get(s.indicator, {}).get("label_vi", "")
    assumptions = [n for n in [tiers_note(s.tiers)] if n]
    if r.target is not None:
        assumptions += r.target.with_(**s.changes()).assumptions_vi() if s.changes() else []
    head = (
        f'<div style="font-size:15px;font-weight:600">{esc(st.short_title_vi)} — tỉnh {esc(st.province)}'
        f'</div><div style="color:#666">Nguồn được chấp nhận: '
        f"{esc(', '.join(Status(x).vi for x in s.tiers) or 'không có')}; giả định khác tệp chỉ tiêu: "
        f"{esc('; '.join(assumptions) or 'không')}</div>"
    )
    parts = [head]
    if r.assessment is not None:
        parts.append('<h4 style="margin:10px 0 4px 0">Đánh giá chỉ tiêu</h4>')
        parts.append(assessment_html(r.assessment, chart=True))
    if r.evidence is not None:
        parts.append(f'<h4 style="margin:10px 0 4px 0">Bằng chứng: {esc(s.indicator)} ({esc(label)}), kỳ {esc(s.period)}</h4>')
        parts.append(evidence_html(r.evidence, title=f"{s.indicator} · {s.period} · {st.province}"))
    if r.target is None and s.indicator:
        parts.append(f'<h4 style="margin:10px 0 4px 0">Giá trị tốt nhất theo năm: {esc(s.indicator)}</h4>')
        parts.append(_series_html(r.series, s.indicator, st))
    return str(html_box("".join(parts)))


def _series_html(series: list[dict[str, Any]], indicator: str, st: Study) -> str:
    if not series:
        return (
            f"<p>Chưa có số liệu theo năm của {esc(indicator)} trong {st.base_year}–{st.target_year} "
            "(trong các nguồn được chấp nhận).</p>"
        )
    unit = series[0]["unit"]
    same_unit = all(r["unit"] == unit for r in series)
    rows = "".join(
        f'<tr><td style="padding:2px 6px">{r["year"]}</td>'
        f'<td style="padding:2px 6px;text-align:right">{esc(num_vi(r["value"], r["unit"]))}</td>'
        f'<td style="padding:2px 6px">{esc(unit_vi(r["unit"]))}</td>'
        f'<td style="padding:2px 6px">{badge(status_vi(r["status"]), colour(r["status"]))}</td>'
        f'<td style="padding:2px 6px">{esc(boundary_vi(r["boundary"]))}</td>'
        f'<td style="padding:2px 6px"><code>{esc(r["obs_id"])}</code>'
        f"{' · có nguồn mâu thuẫn' if r['conflict'] else ''}</td></tr>"
        for r in series
    )
    table = (
        '<table style="border-collapse:collapse;font-size:12.5px"><thead><tr>'
        + "".join(
            f'<th style="text-align:left;padding:2px 6px;border-bottom:2px solid #888">{h}</th>'
            for h in ("Năm", "Giá trị", "Đơn vị", "Tình trạng", "Địa giới", "Mã")
        )
        + "</tr></thead><tbody>"
        + rows
        + "</tbody></table>"
    )
    chart = (
        series_svg(
            [(r["year"], r["value"], colour(r["status"]), f"({status_vi(r['status'])})") for r in series],
            list(range(st.base_year, st.target_year + 1)),
            unit,
            title=f"{indicator} — giá trị tốt nhất theo năm",
        )
        if same_unit
        else ""
    )
    return table + chart


def error_html(error: str) -> str:
    """A bad choice reported in the output (the text escaped), instead of a traceback."""
    return (
        f'<div style="border-left:4px solid #D55E00;padding:4px 8px;background:#FDECEA">'
        f"<b>Không áp dụng được lựa chọn này.</b> {esc(error)}</div>"
    )


def headless_note() -> HTML:
    """The note a headless run shows where the interactive controls would be."""
    return HTML(
        '<div style="color:#666;font-style:italic">Bảng điều khiển tương tác hiện ở đây khi mở '
        "sổ này trong JupyterLab và chạy các ô (Run All). Khi chạy không giao diện, xem bản tĩnh "
        'cho lựa chọn mặc định ở ô dưới. <span lang="en">Interactive controls appear here in '
        "JupyterLab; a headless run shows the static rendering below.</span></div>"
    )
