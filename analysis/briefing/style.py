"""One house style for briefing figures, and deterministic PNG + SVG export.

* Font: DejaVu Sans, shipped with matplotlib itself, so Vietnamese diacritics
  render the same on every machine (no system font needed); SVG text is stored
  as paths, so slides show it correctly without the font installed.
* Labels in Vietnamese (the vocabulary's labels, never a code); numbers in
  Vietnamese notation on every axis and label (``11,4``; ``5.600``).
* Colours: the Okabe–Ito colour-blind-safe palette; verdict colours from
  :mod:`analysis.core.vocabulary`.
* Evidence is visible: official / preliminary values are solid, estimates are
  hatched and lighter, secondary sources hollow; values for another territory
  than the study's carry a dashed edge; a value published as "more than" is
  labelled ``>125``.
* The target band (range, widened by the "khoảng" tolerance, which the legend
  calls an assumption) or line is drawn on the chart and named in the legend; a
  source line sits under each chart.
* Long labels are wrapped at word boundaries, never cut; titles, notes and source lines are
  shrunk or wrapped until they fit the canvas (:func:`fit_width`). Titles are Vietnamese only
  (:func:`vi_title` drops an English ``/ …`` tail).
* Export: 16:9 (10 × 5.625 in), PNG at 200 dpi and SVG, stable file names, no
  timestamps in the files (SVG ids use a fixed hash salt), so two builds give
  byte-identical files.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.core.atomic import write_with
from analysis.core.paths import figures_dir, note_figure, project_root
from analysis.core.vocabulary import Status, Verdict
from analysis.studies.study import Study
from analysis.wording.vnformat import fmt_vn, shown_decimals

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = [
    "house_style",
    "save_figure",
    "FIGURE_NAME",
    "SavedFigure",
    "OKABE_ITO",
    "STATUS_STYLE",
    "VERDICT_COLOURS",
    "new_figure",
    "draw_target",
    "bar_with_evidence",
    "evidence_legend",
    "status_board",
    "source_line",
    "note_line",
    "wrap_text",
    "vn_tick",
    "qualified",
    "SIZE_16_9",
    "DPI",
    "TARGET_GREEN",
    "vi_title",
    "fit_width",
    "renderer_of",
]

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
SIZE_16_9 = (10.0, 5.625)
DPI = 200
TARGET_GREEN = "#009E73"
STATUS_STYLE = {
    Status.OFFICIAL.value: {"alpha": 1.0, "hatch": "", "fill": True, "label": Status.OFFICIAL.vi},
    Status.PRELIMINARY.value: {"alpha": 0.9, "hatch": "", "fill": True, "label": Status.PRELIMINARY.vi},
    Status.ESTIMATE.value: {"alpha": 0.45, "hatch": "///", "fill": True, "label": Status.ESTIMATE.vi},
    Status.SECONDARY.value: {"alpha": 0.25, "hatch": "...", "fill": False, "label": Status.SECONDARY.vi},
}
#: verdict colours keyed by the verdict code (labels such as "ước vượt" vary; the code does not)
VERDICT_COLOURS = {v.value: v.colour for v in Verdict}
_PREFIX = {"lower_bound": ">", "upper_bound": "<", "approximate": "~"}


def house_style() -> None:
    """Apply the house style to matplotlib (idempotent)."""
    import matplotlib
    import matplotlib.pyplot as plt

    plt.rcdefaults()
    plt.rcParams.update(
        {
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
            "axes.formatter.use_locale": False,
            "figure.figsize": SIZE_16_9,
            "figure.dpi": 100,
            "savefig.dpi": DPI,
            "svg.fonttype": "path",
            "svg.hashsalt": "qn-industry-2025",
            "hatch.linewidth": 0.8,
            "legend.frameon": False,
            "legend.fontsize": 9,
        }
    )


def wrap_text(text: str, width: int) -> str:
    """Wrap at word boundaries (never cut a label mid-word or mid-sentence)."""
    return "\n".join(textwrap.wrap(str(text), width, break_long_words=False, break_on_hyphens=False)) or str(text)


def vi_title(title: str) -> str:
    """The Vietnamese part of a title: figures go to officials, so a ``"… / English …"`` tail is dropped.

    Only a tail without Vietnamese letters after the last `` / `` is taken for English; a Vietnamese
    text holding a slash stays as it is.
    """
    head, sep, tail = str(title).rpartition(" / ")
    return head.rstrip() if sep and head.strip() and tail.isascii() else str(title)


def renderer_of(fig: Any) -> Any:
    """The renderer that measures the figure's texts (an Agg canvas is attached to a closed figure)."""
    if not hasattr(fig.canvas, "get_renderer"):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
    return fig.canvas.get_renderer()


def fit_width(fig: Any, artist: Any, right: float = 0.985, min_size: float | None = None) -> None:
    """Keep a text inside the canvas: shrink its font (down to ``min_size``), then wrap it at word boundaries.

    Measured with the figure's renderer, so what is saved is what was measured (deterministic).
    """
    renderer = renderer_of(fig)
    limit = fig.bbox.width * right

    def fits() -> bool:
        return artist.get_window_extent(renderer).x1 <= limit

    size = artist.get_fontsize()
    floor = min_size if min_size is not None else size
    while not fits() and size - 0.5 >= floor:
        size -= 0.5
        artist.set_fontsize(size)
    text = " ".join(artist.get_text().split())
    width = len(text)
    while not fits() and width > 20:
        width -= 5
        artist.set_text(wrap_text(text, width))


def vn_tick(value: float, _pos: Any = None) -> str:
    """An axis tick in Vietnamese notation with as few decimals as the value needs (``0,25``; ``7.000``)."""

    for d in (0, 1, 2):
        if abs(value * 10**d - round(value * 10**d)) < 1e-6:
            return fmt_vn(value, d)
    return fmt_vn(value, 2)


def qualified(text: str, qualifier: Any) -> str:
    """``125`` → ``>125`` for a value published as "more than" (``~`` approximate, ``<`` at most)."""
    return f"{_PREFIX.get(str(qualifier or ''), '')}{text}"


def new_figure(title: str, subtitle: str = "") -> tuple[Any, Any]:
    """A 16:9 figure with a title and an optional subtitle (wrapped)."""
    import matplotlib.pyplot as plt

    house_style()
    fig, ax = plt.subplots(figsize=SIZE_16_9)
    fig.subplots_adjust(left=0.08, right=0.97, top=0.82, bottom=0.2)
    fit_width(fig, fig.suptitle(vi_title(title), x=0.08, y=0.96, ha="left", fontsize=14, fontweight="bold"), min_size=12)
    if subtitle:
        fit_width(fig, fig.text(0.08, 0.905, wrap_text(subtitle, 125), ha="left", va="top", fontsize=9.5, color="#444444"))
    return fig, ax


def source_line(fig: Any, text: str) -> None:
    """Write the source line under the chart (``Nguồn: …``), wrapped to the figure width."""
    fit_width(fig, fig.text(0.08, 0.015, wrap_text(f"Nguồn: {text}", 160), ha="left", va="bottom", fontsize=7.5, color="#444444"))


def note_line(fig: Any, text: str, y: float = 0.06) -> None:
    """A caveat on the chart (orange), e.g. values of another territory or definition compared with a target."""
    fit_width(fig, fig.text(0.08, y, wrap_text(text, 155), ha="left", va="bottom", fontsize=7.5, color="#D55E00"))


def draw_target(
    ax: Any,
    lower: float,
    upper: float | None = None,
    tolerance: float = 0.0,
    label: str = "mục tiêu",
    orientation: str = "h",
    tolerance_label: str | None = None,
) -> None:
    """Draw a target band (range; the 'khoảng' tolerance as a lighter band around it) or a target line.

    Both bands carry a legend label; the tolerance's label says it is an assumption.
    """
    span = ax.axhspan if orientation == "h" else ax.axvspan
    line = ax.axhline if orientation == "h" else ax.axvline
    two_sided = upper is not None and not math.isnan(upper) and upper != lower
    hi = upper if two_sided else lower
    if tolerance:
        span(
            lower - tolerance,
            hi + tolerance,
            color=TARGET_GREEN,
            alpha=0.12,
            lw=0,
            zorder=0,
            label=tolerance_label or f"± {vn_tick(tolerance)}: dung sai 'khoảng' (giả định)",
        )
    if two_sided:
        span(lower, upper, color=TARGET_GREEN, alpha=0.3, lw=0, label=label, zorder=0)
        line(lower, color=TARGET_GREEN, lw=1, ls="--", zorder=1)
        line(upper, color=TARGET_GREEN, lw=1, ls="--", zorder=1)
    else:
        line(lower, color=TARGET_GREEN, lw=2, ls="--", label=label, zorder=1)


def bar_with_evidence(
    ax: Any,
    x: Sequence[Any],
    values: Sequence[float],
    statuses: Sequence[str],
    boundaries: Sequence[str] | None = None,
    colour: str = OKABE_ITO[0],
    horizontal: bool = False,
    fmt: Any = None,
    qualifiers: Sequence[str] | None = None,
    thickness: float = 0.8,
    label_at: Sequence[float] | None = None,
    decimals: Sequence[int | None] | None = None,
    labels: Sequence[str] | None = None,
) -> None:
    """Bars styled by evidence status (and boundary), labelled in Vietnamese notation (``>125`` for a lower bound).

    ``label_at`` places each value label at another position along the value axis (e.g. past a target band);
    ``decimals`` the decimals each value's source printed (None: the value's own, one to two —
    :func:`analysis.wording.vnformat.shown_decimals`), used unless ``fmt`` is given; ``labels`` each bar's
    label already written (with its own unit and printed decimals), used instead of both.
    """

    decs = list(decimals) if decimals is not None else [None] * len(values)
    if labels is None:
        labels = [
            fmt(v)
            if fmt
            else fmt_vn(v, shown_decimals(v, "percent") if d is None else d)
            if not (v is None or (isinstance(v, float) and math.isnan(v)))
            else ""
            for v, d in zip(values, decs, strict=True)
        ]
    boundaries = boundaries or ["pre2025"] * len(values)
    qualifiers = qualifiers or [""] * len(values)
    label_at = label_at or list(values)
    for xi, v, st, b, q, at, text in zip(x, values, statuses, boundaries, qualifiers, label_at, labels, strict=True):
        if v is None or (isinstance(v, float) and math.isnan(v)):
            continue
        style = STATUS_STYLE.get(st, STATUS_STYLE["secondary"])
        kw = {
            "color": colour if style["fill"] else "white",
            "alpha": 1.0,
            "edgecolor": colour,
            "hatch": style["hatch"],
            "linewidth": 1.5,
            "linestyle": "--" if b == "merged2025" else "-",
            "zorder": 2,
        }
        bar = ax.barh([xi], [v], height=thickness, **kw) if horizontal else ax.bar([xi], [v], width=thickness, **kw)
        bar[0].set_alpha(None)
        face = bar[0].get_facecolor()
        bar[0].set_facecolor((*face[:3], style["alpha"] if style["fill"] else 0.0))
        label = qualified(text, q)
        if horizontal:
            ax.annotate(label, (max(v, at), xi), xytext=(6, 0), textcoords="offset points", va="center", fontsize=9)
        else:
            ax.annotate(label, (xi, max(v, at)), xytext=(0, 3), textcoords="offset points", ha="center", fontsize=9)


def evidence_legend(
    ax: Any,
    statuses: Sequence[str],
    merged: bool = False,
    extra: Sequence[Any] = (),
    loc: str = "upper left",
    colour: str = OKABE_ITO[0],
    merged_label: str = "viền nét đứt: địa giới khác hoặc chưa rõ",
    legend_kw: dict[str, Any] | None = None,
) -> None:
    """Legend explaining the evidence styles actually used in the chart."""
    from matplotlib.colors import to_rgb
    from matplotlib.patches import Patch

    handles = list(extra)
    for st, s in STATUS_STYLE.items():
        if st in statuses:
            handles.append(
                Patch(
                    facecolor=(*to_rgb(colour), s["alpha"]) if s["fill"] else "white",
                    edgecolor=colour,
                    hatch=s["hatch"],
                    label=s["label"],
                )
            )
    if merged:
        handles.append(Patch(facecolor="white", edgecolor="#333333", linestyle="--", label=merged_label))
    ax.legend(handles=handles, **({"loc": loc, "fontsize": 8} | (legend_kw or {})))


#: the verdict label of a board row, wrapped to fit its coloured box
_BOX_CHARS = 16


def _board_layout(card: pd.DataFrame, width: int) -> tuple[list[str], list[str], list[float], float]:
    """Wrapped labels and verdicts, their row centres (in lines) and the total height in lines."""
    labels, verdicts, centres, y = [], [], [], 0.0
    for r in card.to_dict("records"):
        text = wrap_text(f"{r['target_id']}  {r['target_vi']}", width)
        verdict = wrap_text(r["status"], _BOX_CHARS)
        n = max(text.count("\n"), verdict.count("\n")) + 1
        labels.append(text)
        verdicts.append(verdict)
        centres.append(y + n / 2)
        y += n + 0.35
    return labels, verdicts, centres, max(1.0, y)


def status_board(card: pd.DataFrame, title: str) -> Any:
    """A one-glance board: every target in report order with its verdict colour; every text inside the canvas."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    house_style()
    fig, ax = plt.subplots(figsize=SIZE_16_9)
    fig.subplots_adjust(left=0.02, right=0.98, top=0.88, bottom=0.13)
    fit_width(fig, fig.suptitle(vi_title(title), x=0.02, y=0.96, ha="left", fontsize=14, fontweight="bold"), min_size=11)
    ax.set_axis_off()
    labels, verdicts, centres, total = _board_layout(card, 92)
    size = max(5.5, min(8.5, 300 / (total * 1.35)))
    ax.set_xlim(0, 1)
    ax.set_ylim(total, -0.2)
    box = 0.14
    for r, label, verdict, yc in zip(card.to_dict("records"), labels, verdicts, centres, strict=True):
        n = max(label.count("\n"), verdict.count("\n")) + 1
        ax.add_patch(
            plt.Rectangle((0.0, yc - n / 2 - 0.1), box, n + 0.2, color=VERDICT_COLOURS.get(r.get("verdict", ""), "#BBBBBB"), lw=0)
        )
        _fit_box(
            fig,
            ax.text(box / 2, yc, verdict, ha="center", va="center", fontsize=size, fontweight="bold", linespacing=1.1),
            ax.transData.transform((box, 0))[0] - ax.transData.transform((0, 0))[0],
        )
        ax.text(0.155, yc, label, va="center", fontsize=size, linespacing=1.1)
        ax.text(0.775, yc, r.get("actual_text", ""), va="center", fontsize=size)
        ax.text(
            0.885,
            yc,
            STATUS_STYLE.get(r["evidence_status"], {}).get("label", ""),
            va="center",
            fontsize=size - 1,
            color="#555555",
        )
    handles = [Patch(color=v.colour, label=v.vi) for v in Verdict]
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.005),
        ncol=len(handles),
        fontsize=7.5,
        handlelength=1.2,
        columnspacing=1.0,
    )
    return fig


def _fit_box(fig: Any, artist: Any, width_px: float) -> None:
    """Shrink a text until it is narrower than its box (less a small margin)."""
    renderer = renderer_of(fig)
    size = artist.get_fontsize()
    while artist.get_window_extent(renderer).width > width_px * 0.94 and size > 4.5:
        size -= 0.25
        artist.set_fontsize(size)


class SavedFigure(dict):
    """The files of a saved figure (``{"png": path, "svg": path}``), shown in Jupyter as the saved PNG.

    Displaying the saved file (rather than drawing the figure again for the notebook)
    shows exactly what the briefing receives and costs no second rendering.
    """

    def __init__(self, paths: dict[str, Path], root: Path):
        super().__init__(paths)
        self._root = root

    def _names(self) -> str:
        return ", ".join(_relative(p, self._root) for _, p in sorted(self.items()))

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> tuple[dict, dict]:
        import base64

        png = base64.b64encode(self["png"].read_bytes()).decode("ascii")
        return ({"image/png": png, "text/plain": f"Hình đã lưu / saved figure: {self._names()}"}, {"image/png": {"width": 960}})

    def __repr__(self) -> str:
        return f"SavedFigure({self._names()})"


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


#: how the notebooks name a study's figures (``05_ranking.png``, ``08_in_year_1.svg``): the deck shows only such
#: files of ``figures/<study>/``, and the build removes only such files when a study no longer draws them
FIGURE_NAME = re.compile(r"\d{2}_[a-z0-9_]+\.(?:png|svg)")


def save_figure(fig: Any, name: str, root: str | Path | None = None, study: str | Study | None = None) -> SavedFigure:
    """Save ``fig`` as ``figures/[<study>/]<name>.png`` (200 dpi) and ``.svg``, atomically and deterministically.

    ``study`` (a :class:`~analysis.studies.study.Study` or its id) puts the files in the
    study's own folder ``figures/<study-id>/``. The figure is closed afterwards: in a
    notebook the returned object displays the saved PNG, so the figure is not drawn twice.

    Returns
    -------
    SavedFigure
        ``{"png": path, "svg": path}``; in Jupyter it shows the saved PNG and the file names.
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
        note_figure(path)  # the build learns which figures each notebook draws (stale ones are removed)
        out[ext] = path
    plt.close(fig)
    return SavedFigure(out, project_root(root))
