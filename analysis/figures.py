"""One house style for briefing figures, and deterministic PNG + SVG export.

* Font: DejaVu Sans, shipped with matplotlib itself, so Vietnamese diacritics
  render the same on every machine (no system font needed); SVG text is stored
  as paths, so slides show it correctly without the font installed.
* Colours: the Okabe–Ito colour-blind-safe palette.
* Evidence is visible: official / preliminary values are solid, estimates are
  hatched and lighter, secondary sources hollow; values for the merged province
  (after 1 July 2025) carry a dashed edge.
* The target band (range ± tolerance) or line is drawn on the chart; a source
  line sits under each chart.
* Export: 16:9 (10 × 5.625 in), PNG at 200 dpi and SVG, stable file names, no
  timestamps in the files (SVG ids use a fixed hash salt), so two builds give
  byte-identical files.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .atomic import write_with
from .vocabulary import Verdict
from .paths import figures_dir

__all__ = ["house_style", "save_figure", "OKABE_ITO", "STATUS_STYLE", "new_figure", "draw_target",
           "bar_with_evidence", "status_board", "source_line", "SIZE_16_9", "DPI"]

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
SIZE_16_9 = (10.0, 5.625)
DPI = 200
STATUS_STYLE = {
    "official": {"alpha": 1.0, "hatch": "", "fill": True, "label": "chính thức / official"},
    "preliminary": {"alpha": 0.9, "hatch": "", "fill": True, "label": "sơ bộ / preliminary"},
    "estimate": {"alpha": 0.45, "hatch": "///", "fill": True, "label": "ước tính / estimate"},
    "secondary": {"alpha": 0.25, "hatch": "...", "fill": False, "label": "nguồn thứ cấp / secondary"},
}
VERDICT_COLOURS = {v.vi: v.colour for v in Verdict}   # keyed by the label the board shows


def house_style() -> None:
    """Apply the house style to matplotlib (idempotent)."""
    import matplotlib
    import matplotlib.pyplot as plt

    plt.rcdefaults()
    plt.rcParams.update({
        "font.family": "DejaVu Sans",
        "font.size": 11,
        "axes.titlesize": 14,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.grid.axis": "y",
        "grid.color": "#DDDDDD",
        "axes.prop_cycle": matplotlib.cycler(color=OKABE_ITO),
        "figure.figsize": SIZE_16_9,
        "figure.dpi": 100,
        "savefig.dpi": DPI,
        "svg.fonttype": "path",
        "svg.hashsalt": "qn-industry-2025",
        "hatch.linewidth": 0.8,
        "legend.frameon": False,
        "legend.fontsize": 9,
    })


def new_figure(title: str, subtitle: str = "") -> tuple[Any, Any]:
    """A 16:9 figure with a bilingual title (``"Tiêu đề / Title"``) and optional subtitle (wrapped)."""
    import matplotlib.pyplot as plt

    house_style()
    fig, ax = plt.subplots(figsize=SIZE_16_9)
    fig.subplots_adjust(left=0.08, right=0.97, top=0.82, bottom=0.2)
    fig.suptitle(title, x=0.08, y=0.96, ha="left", fontsize=14, fontweight="bold")
    if subtitle:
        fig.text(0.08, 0.905, wrap_text(subtitle, 125), ha="left", va="top", fontsize=9.5, color="#444444")
    return fig, ax


def wrap_text(text: str, width: int) -> str:
    """Wrap at word boundaries (never cut a label mid-word or mid-sentence)."""
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


def source_line(fig: Any, text: str) -> None:
    """Write the source line under the chart (``Nguồn / Source: …``), wrapped to the figure width."""
    fig.text(0.08, 0.015, wrap_text(f"Nguồn / Source: {text}", 190), ha="left", va="bottom", fontsize=7.5,
             color="#444444")


def draw_target(ax: Any, lower: float, upper: float | None = None, tolerance: float = 0.0,
                label: str = "Mục tiêu / target", orientation: str = "h") -> None:
    """Draw a target band (range, widened by the 'about' tolerance) or a target line."""
    span = ax.axhspan if orientation == "h" else ax.axvspan
    line = ax.axhline if orientation == "h" else ax.axvline
    if upper is not None and not math.isnan(upper) and upper != lower:
        span(lower - tolerance, upper + tolerance, color="#009E73", alpha=0.15, lw=0, label=label, zorder=0)
        line(lower, color="#009E73", lw=1, ls="--", zorder=1)
        line(upper, color="#009E73", lw=1, ls="--", zorder=1)
    else:
        line(lower, color="#009E73", lw=2, ls="--", label=label, zorder=1)


def bar_with_evidence(ax: Any, x: Sequence[Any], values: Sequence[float], statuses: Sequence[str],
                      boundaries: Sequence[str] | None = None, colour: str = OKABE_ITO[0], horizontal: bool = False,
                      fmt: Any = None) -> None:
    """Bars styled by evidence status (and boundary), with value labels in Vietnamese notation."""
    from .vnformat import fmt_vn

    fmt = fmt or (lambda v: fmt_vn(v, 1))
    boundaries = boundaries or ["pre2025"] * len(values)
    for xi, v, st, b in zip(x, values, statuses, boundaries):
        if v is None or (isinstance(v, float) and math.isnan(v)):
            continue
        style = STATUS_STYLE.get(st, STATUS_STYLE["secondary"])
        kw = dict(color=colour if style["fill"] else "white", alpha=1.0, edgecolor=colour,
                  hatch=style["hatch"], linewidth=1.5, linestyle="--" if b == "merged2025" else "-")
        bar = (ax.barh if horizontal else ax.bar)([xi], [v], **kw)
        bar[0].set_alpha(None)
        face = bar[0].get_facecolor()
        bar[0].set_facecolor((*face[:3], style["alpha"] if style["fill"] else 0.0))
        if horizontal:
            ax.annotate(fmt(v), (v, xi), xytext=(8, 0), textcoords="offset points", va="center", fontsize=9)
        else:
            ax.annotate(fmt(v), (xi, v), xytext=(0, 3), textcoords="offset points", ha="center", fontsize=9)


def evidence_legend(ax: Any, statuses: Sequence[str], merged: bool = False, extra: Sequence[Any] = (),
                    loc: str = "upper left", colour: str = OKABE_ITO[0],
                    merged_label: str = "địa giới khác hoặc chưa rõ / other or unstated territory",
                    legend_kw: dict[str, Any] | None = None) -> None:
    """Legend explaining the evidence styles actually used in the chart."""
    from matplotlib.colors import to_rgb
    from matplotlib.patches import Patch

    handles = list(extra)
    for st in ["official", "preliminary", "estimate", "secondary"]:
        if st in statuses:
            s = STATUS_STYLE[st]
            handles.append(Patch(facecolor=(*to_rgb(colour), s["alpha"]) if s["fill"] else "white",
                                 edgecolor=colour, hatch=s["hatch"], label=s["label"]))
    if merged:
        handles.append(Patch(facecolor="white", edgecolor="#333333", linestyle="--", label=merged_label))
    ax.legend(handles=handles, **({"loc": loc, "fontsize": 8} | (legend_kw or {})))


def status_board(card: "pd.DataFrame", title: str) -> Any:  # noqa: F821
    """A one-glance board: every target in report order with its verdict colour."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    house_style()
    n = len(card)
    fig, ax = plt.subplots(figsize=SIZE_16_9)
    fig.subplots_adjust(left=0.02, right=0.98, top=0.88, bottom=0.1)
    fig.suptitle(title, x=0.02, y=0.96, ha="left", fontsize=14, fontweight="bold")
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(n, -0.5)
    for i, r in enumerate(card.to_dict("records")):
        colour = VERDICT_COLOURS.get(r["status"], "#BBBBBB")
        ax.add_patch(plt.Rectangle((0.0, i - 0.4), 0.16, 0.8, color=colour, lw=0))
        ax.text(0.08, i, r["status"], ha="center", va="center", fontsize=8.5, fontweight="bold")
        ax.text(0.18, i, f"{r['target_id']}  {_shorten(r['target_vi'], 78)}", va="center", fontsize=8.5)
        actual = "" if (isinstance(r["actual"], float) and math.isnan(r["actual"])) else r["actual_text"]
        ax.text(0.80, i, actual, va="center", fontsize=8.5)
        ax.text(0.92, i, STATUS_STYLE.get(r["evidence_status"], {}).get("label", "").split(" / ")[0], va="center",
                fontsize=7.5, color="#555555")
    handles = [Patch(color=c, label=f"{k}") for k, c in VERDICT_COLOURS.items()]
    ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, -0.09), ncol=5, fontsize=8)
    return fig


def _shorten(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def save_figure(fig: Any, name: str, root: str | Path | None = None, study: Any = None) -> dict[str, Path]:
    """Save ``fig`` as ``figures/[<study>/]<name>.png`` (200 dpi) and ``.svg``, atomically and deterministically.

    ``study`` (a :class:`~analysis.study.Study` or its id) puts the files in the
    study's own folder ``figures/<study-id>/``.

    Returns
    -------
    dict
        ``{"png": path, "svg": path}``.
    """
    import matplotlib.pyplot as plt

    out = {}
    folder = figures_dir(root)
    if study is not None:
        folder = folder / (study if isinstance(study, str) else study.id)
    for ext, meta in (("png", {"Software": None}), ("svg", {"Date": None, "Creator": None})):
        path = folder / f"{name}.{ext}"
        with plt.rc_context({"svg.hashsalt": "qn-industry-2025", "svg.fonttype": "path"}):
            write_with(path, lambda tmp, e=ext, m=meta: fig.savefig(tmp, format=e, dpi=DPI, metadata=m))
        out[ext] = path
    return out
