"""Small inline SVG charts for the HTML displays: a value series by year and a target's trajectory.

The SVG is deterministic text (no ids, fixed number formats) so stored notebook outputs
compare equal under strict nbval; labels and tick values use Vietnamese notation.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from analysis.core.vocabulary import Band
from analysis.studies.targets import Target
from analysis.wording.labels import unit_vi
from analysis.wording.vnformat import fmt_vn

from .blocks import _ZERO_DECIMALS, FONT, _missing, esc

if TYPE_CHECKING:  # annotations only; pandas loads with the functions that use it
    import pandas as pd

__all__ = ["series_svg", "trajectory_svg"]


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


def series_svg(
    points: Sequence[tuple[int, float, str, str]],
    years: Sequence[int],
    unit: str = "",
    *,
    band: tuple[float, float] | None = None,
    goal: float | None = None,
    title: str = "",
    width: int = 560,
    height: int = 230,
) -> str:
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
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" style="font-family:{FONT};font-size:11px">',
        f'<text x="{left}" y="14" font-weight="600">{esc(title)}</text>',
    ]
    if band:
        parts.append(
            f'<rect x="{left}" y="{y(band[1]):.1f}" width="{pw}" height="{max(y(band[0]) - y(band[1]), 1):.1f}"'
            f' fill="#56B4E9" fill-opacity="0.18"><title>{esc("vùng mục tiêu")}</title></rect>'
        )
    for tv in _ticks(lo, hi):
        parts.append(
            f'<line x1="{left}" x2="{left + pw}" y1="{y(tv):.1f}" y2="{y(tv):.1f}" stroke="#e5e5e5"/>'
            f'<text x="{left - 6}" y="{y(tv) + 4:.1f}" text-anchor="end" fill="#555">'
            f"{esc(fmt_vn(tv, d if abs(tv) < 1000 or d == 0 else 0))}</text>"
        )
    for yr in years:
        parts.append(f'<text x="{x(yr):.1f}" y="{top + ph + 18}" text-anchor="middle" fill="#555">{yr}</text>')
    if goal is not None:
        parts.append(
            f'<line x1="{left}" x2="{left + pw}" y1="{y(goal):.1f}" y2="{y(goal):.1f}" stroke="#D55E00" '
            f'stroke-dasharray="5,4"><title>{esc("mục tiêu " + fmt_vn(goal, d))}</title></line>'
        )
    if len(pts) > 1:
        path = " ".join(f"{x(yr):.1f},{y(v):.1f}" for yr, v, _, _ in sorted(pts))
        parts.append(f'<polyline points="{path}" fill="none" stroke="#555" stroke-width="1.5"/>')
    for yr, v, c, lab in sorted(pts):
        parts.append(
            f'<circle cx="{x(yr):.1f}" cy="{y(v):.1f}" r="5" fill="{esc(c)}" stroke="#333" stroke-width="0.8">'
            f"<title>{esc(f'{yr}: {fmt_vn(v, d)} {unit_vi(unit)} {lab}'.strip())}</title></circle>"
            f'<text x="{x(yr):.1f}" y="{y(v) - 9:.1f}" text-anchor="middle">{esc(fmt_vn(v, d))}</text>'
        )
    parts.append(f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + ph}" stroke="#999"/>')
    parts.append(f'<text x="{left - 6}" y="{top - 8}" text-anchor="end" fill="#555">{esc(unit_vi(unit))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def trajectory_svg(t: Target, traj: pd.DataFrame | None) -> str:
    """The trajectory of a target as an inline SVG chart: values by year against the target band or line."""
    if traj is None or not len(traj):
        return ""
    growth = t.measure == "period_avg_growth"
    years = list(range(t.base_year + (1 if growth else 0), t.target_year + 1))
    pts = [
        (
            int(r["year"]),
            r["value"],
            Band(r["band"]).colour if r["band"] in Band._value2member_map_ else "#BBB",
            f"({Band(r['band']).vi})" if r["band"] in Band._value2member_map_ else "",
        )
        for r in traj.to_dict("records")
    ]
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
