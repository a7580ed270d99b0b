"""Building blocks of the HTML displays: the :class:`HTML` type, inline styles, escaping, labels, badges, tables.

Everything here returns deterministic text (inline styles, no ids) with every text
HTML-escaped and numbers in Vietnamese notation (:mod:`analysis.wording.vnformat`); verdicts,
bands and statuses carry the house colours of :mod:`analysis.core.vocabulary`. The cards
(:mod:`analysis.display`) and the inline charts (:mod:`analysis.display.svg`) are built
from these.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any

from analysis.core.vocabulary import Band, Verdict
from analysis.wording.labels import ROLE_COLOUR, ROLE_VI, UNKNOWN_VI, boundary_vi
from analysis.wording.vnformat import fmt_amount_vi, fmt_vn

__all__ = ["HTML", "FONT", "esc", "num_vi", "amount_vi", "badge", "verdict_badge", "band_badge", "role_badge"]

FONT = "'Noto Sans', 'Segoe UI', 'DejaVu Sans', Arial, sans-serif"
_BOX = f"font-family:{FONT};font-size:13px;line-height:1.45;color:#222;max-width:72em"
_TABLE = "border-collapse:collapse;margin:4px 0 8px 0;font-size:12.5px"
_TH = "text-align:left;vertical-align:bottom;padding:3px 6px;border-bottom:2px solid #888;background:#f4f4f4"
_TD = "text-align:left;vertical-align:top;padding:3px 6px;border-bottom:1px solid #ddd;white-space:nowrap"
_TD_NUM = "text-align:right;vertical-align:top;padding:3px 6px;border-bottom:1px solid #ddd;white-space:nowrap"
_TD_WRAP = (
    "text-align:left;vertical-align:top;padding:3px 6px;border-bottom:1px solid #ddd;white-space:normal;"
    "overflow-wrap:break-word;word-break:normal;hyphens:manual;min-width:14em;max-width:34em"
)
_MUTED = "color:#666"

_ZERO_DECIMALS = {"bn_VND", "mn_USD", "persons", "count", "mn_VND", "thousand_VND_per_person", "USD_per_person"}


class HTML(str):
    """HTML text that JupyterLab renders (``_repr_html_``) and that compares as a plain string."""

    def _repr_html_(self) -> str:
        return str(self)

    def __repr__(self) -> str:  # the plain-text form a notebook stores next to the HTML: short and stable
        return f"<HTML: {len(self)} characters>"


# ------------------------------------------------------------------------------------------------ helpers
def _missing(x: Any) -> bool:
    if x is None or isinstance(x, str):
        return x is None
    try:
        return bool(x != x)  # NaN, NaT
    except (TypeError, ValueError):  # pd.NA: truth value ambiguous
        return True


def esc(x: Any) -> str:
    """HTML-escaped text of ``x`` ('' for None and NaN)."""
    return "" if _missing(x) else html.escape(str(x), quote=True)


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


def amount_vi(value: Any, unit: str, decimals: int | None = None) -> str:
    """A value with its unit, as the result sentences write it (``5,6 tỷ USD``, ``36,9%``), with the decimals
    its source printed when given."""
    if _missing(value):
        return "–"
    return fmt_amount_vi(float(value), unit, decimals)


def _text_colour(bg: str) -> str:
    m = re.fullmatch(r"#([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})", bg)
    if not m:
        return "#000"
    r, g, b = (int(x, 16) for x in m.groups())
    return "#000" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#fff"


def badge(text: str, bg: str) -> str:
    """A coloured label (text escaped)."""
    return (
        f'<span style="display:inline-block;padding:1px 7px;border-radius:9px;background:{esc(bg)};'
        f'color:{_text_colour(bg)};font-weight:600;white-space:nowrap">{esc(text)}</span>'
    )


def verdict_badge(code: str) -> str:
    return badge(Verdict(code).vi, Verdict(code).colour) if code in Verdict._value2member_map_ else esc(code)


def band_badge(code: str) -> str:
    return badge(Band(code).vi, Band(code).colour) if code in Band._value2member_map_ else esc(code)


def role_badge(role: str) -> str:
    return badge(ROLE_VI.get(role, UNKNOWN_VI["role"]), ROLE_COLOUR.get(role, "#BBBBBB"))


def _labels_vi(codes: str, sep: str = "/") -> str:
    return " / ".join(boundary_vi(c) for c in str(codes).split(sep) if c)


def _table(headers: Sequence[str], rows: Iterable[Sequence[tuple[str, str]]]) -> str:
    """A table from escaped header texts and rows of (cell HTML, cell style)."""
    head = "".join(f'<th style="{_TH}">{h}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f'<td style="{style}">{cell}</td>' for cell, style in row) + "</tr>" for row in rows)
    return f'<table style="{_TABLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _kv_table(rows: Sequence[tuple[str, str]]) -> str:
    body = "".join(
        f'<tr><th style="{_TD};font-weight:600;background:#f8f8f8">{esc(k)}</th><td style="{_TD_WRAP}">{v}</td></tr>'
        for k, v in rows
    )
    return f'<table style="{_TABLE}"><tbody>{body}</tbody></table>'


def _link(text: str, url: Any) -> str:
    u = "" if _missing(url) else str(url)
    if re.match(r"https?://", u):
        return f'<a href="{esc(u)}" target="_blank" rel="noopener">{esc(text)}</a>'
    return esc(text)


def html_box(inner: str, wide: bool = False) -> HTML:
    style = _BOX.replace(";max-width:72em", "") if wide else _BOX
    return HTML(f'<div style="{style}">{inner}</div>')
