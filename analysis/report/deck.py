"""The briefing deck of a study (python-pptx): a title slide, then one slide per briefing figure.

16:9 slides (13,33 × 7,5 in), every text in a named font. Each figure slide has

* a one-line message as its title, generated from the scorecard by
  :func:`analysis.wording.text.verdict_counts_vi` (the same words as the documents) over the
  targets the figure shows: the figure's file name ``NN_<group>`` names the group of
  :data:`analysis.briefing.tables.THEME_GROUPS`, and :data:`SHOWN` says which of the group's targets
  the figure draws (the scorecard figure: every target);
* the figure, as large as the slide allows;
* a source line: publishers, source numbers and their evidence status (never a file name:
  the raw file and line of each value are in the sources sheet of the workbook);
* speaker notes with the caveats: each target's result sentence, its flags as
  sentences, the "khoảng" tolerance assumed, the data still needed and who holds it, and
  the group's targets the figure does not draw.

Figures for analysts only (:data:`NOT_IN_DECK`: the method check, which re-reads other
provinces' yearbooks) stay in the notebooks. Written atomically and byte-identically
(:mod:`analysis.report.ooxml`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.assessment.target_evidence import study_evidence
from analysis.briefing.inyear_figure import in_year_growth_rows
from analysis.briefing.style import FIGURE_NAME
from analysis.briefing.tables import FIGURE_DRAWS, THEME_GROUPS
from analysis.core.paths import figures_dir, processed_dir
from analysis.core.vocabulary import Verdict
from analysis.sources.manifest import cached_vocabulary
from analysis.studies.study import Study
from analysis.wording.inyear_text import in_year_heading_vi
from analysis.wording.labels import IN_YEAR_LABEL_VI, PEERS_VI, flag_sentences, is_missing, status_vi, themes_vi, unit_vi
from analysis.wording.ranking_text import rank_headline
from analysis.wording.sentences import successor_line_vi
from analysis.wording.text import SOURCES_SHEET, horizon_vi, verdict_counts_vi, yearly_entries
from analysis.wording.vnformat import fmt_bound_vi

from .ooxml import save_ooxml
from .properties import document_properties, set_office_properties
from .source_list import source_records

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = ["write_pptx", "PPTX_NAME", "FONT", "figure_message", "CAPTIONS", "SHOWN", "NOT_IN_DECK", "deck_figures", "shown_rows"]

PPTX_NAME = "trinh-chieu.pptx"
FONT = "Arial"
#: captions of the figures that are no theme group (a theme group's caption names the themes of the targets it
#: shows, :func:`analysis.wording.labels.themes_vi`: a budget-revenue target is not "Vốn đầu tư")
CAPTIONS = {"scorecard": "Kết quả các chỉ tiêu", "ranking": f"Vị trí so với các {PEERS_VI}"}
#: the group word of the in-year figures (analysis.briefing.inyear_figure.in_year_figures: ``08_in_year_<n>``)
IN_YEAR_GROUP = "in_year"
#: figures for analysts, left out of the deck (they stay in the notebooks)
NOT_IN_DECK = frozenset({"method_check"})
#: which of a group's targets its figure draws: the figures' own rule (:data:`analysis.briefing.tables.FIGURE_DRAWS`)
SHOWN: dict[str, Callable[[Any, Any], bool]] = FIGURE_DRAWS
_W, _H = 12192000, 6858000  # 16:9 in EMU (13,333 × 7,5 in)
_MARGIN = 380000
_GREY = (0x44, 0x44, 0x44)


def _group(stem: str) -> str:
    """``02_structure`` → ``structure``; ``06_method_check`` → ``method_check``."""
    return re.sub(r"^\d+[_-]*", "", stem)


def deck_figures(pngs: list[Path]) -> list[Path]:
    """The figures that get a slide: every one but those of :data:`NOT_IN_DECK`."""
    return [p for p in pngs if _group(p.stem) not in NOT_IN_DECK]


def _theme_rows(card: pd.DataFrame, group: str) -> pd.DataFrame:

    themes = THEME_GROUPS.get(group)
    return card.iloc[0:0] if themes is None else card[card["theme"].isin(themes)]


def shown_rows(card: pd.DataFrame, group: str, study: Study) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows the figure of ``group`` draws, rows of the group it leaves out), from the scorecard."""
    if group == "scorecard":
        return card, card.iloc[0:0]
    if group == "ranking":  # the targets whose quantity is ranked among the provinces
        ranked = card["rank_vi"].fillna("") != "" if "rank_vi" in card else card["target_id"].isna()
        return card[ranked], card.iloc[0:0]
    if group.startswith(IN_YEAR_GROUP):  # 08_in_year_<n>: the n-th monitored growth target
        n = int(group.rsplit("_", 1)[-1]) if group.rsplit("_", 1)[-1].isdigit() else 1
        return in_year_growth_rows(card).iloc[n - 1 : n], card.iloc[0:0]
    rows = _theme_rows(card, group)
    keep = SHOWN.get(group, lambda t, voc: True)
    voc = cached_vocabulary(study.root)
    mask = [t.numeric and keep(t, voc) for t in (study.target(tid) for tid in rows["target_id"])]
    return rows[mask], rows[[not m for m in mask]]


def figure_message(stem: str, card: pd.DataFrame, study: Study, index: int = 0) -> str:
    """The one-line message (slide title) of a briefing figure: the verdicts of the targets it draws."""
    group = _group(stem)
    if group.startswith(IN_YEAR_GROUP):
        return f"Tăng trưởng trong năm ({IN_YEAR_LABEL_VI})"
    rows, _ = shown_rows(card, group, study)
    caption = CAPTIONS.get(group) or themes_vi(rows["theme"]) or themes_vi(THEME_GROUPS.get(group, ())) or f"Biểu đồ {index}"
    if rows.empty:
        return caption
    if group == "ranking":
        return f"{caption}: {rank_headline(rows.iloc[0].to_dict(), _label(study, rows.iloc[0]['rank_indicator']))}"
    counts = verdict_counts_vi(rows)
    return counts if group == "scorecard" else f"{caption}: {counts}"


def _label(study: Study, indicator: str) -> str:
    return (cached_vocabulary(study.root).get(indicator) or {}).get("label_vi", indicator)


def _cited(rows: pd.DataFrame) -> tuple[dict[str, str], dict[str, str]]:
    """({id: status} of the values of the period and its years, {id: status} of the base-year values)."""
    values: dict[str, str] = {}
    bases: dict[str, str] = {}
    for rec in rows.to_dict("records"):
        values |= {oid: status for _, (status, oid) in sorted(yearly_entries(rec["yearly_status"]).items())}
        used = [s for s in ("" if is_missing(rec["sources"]) else str(rec["sources"])).split("; ") if s]
        values |= {i: "" if is_missing(rec["evidence_status"]) else str(rec["evidence_status"]) for i in used}
        if not is_missing(rec.get("baseline")):
            oid = "" if is_missing(rec.get("baseline_source")) else str(rec["baseline_source"])
            bases[oid or "chưa rõ nguồn"] = "" if is_missing(rec.get("baseline_status")) else str(rec["baseline_status"])
    return values, {i: s for i, s in bases.items() if i not in values}


def _cite(ids: dict[str, str], src: dict[str, dict[str, Any]]) -> str:
    """``F100, F101 (ước tính)``: at most ten ids, then their evidence statuses."""
    shown = ", ".join(list(ids)[:10]) + (f" và {len(ids) - 10} số liệu khác" if len(ids) > 10 else "")
    states = [status_vi(src[i]["status"] if i in src else s) for i, s in ids.items()]
    states = [x for x in dict.fromkeys(states) if x]
    return f"{shown} ({', '.join(states)})" if states else shown


def _source_line(stem: str, card: pd.DataFrame, study: Study, src: dict[str, dict[str, Any]]) -> str:
    """Publishers and source numbers of what the figure draws: the period's values and the base-year values."""
    if _group(stem) == "ranking":
        return (
            f"Nguồn: số liệu công bố của các {PEERS_VI} (nhà xuất bản và trạng thái ghi dưới biểu đồ); số liệu "
            f"của tỉnh: chi tiết ở trang tính '{SOURCES_SHEET}' của báo cáo Mục I."
        )
    rows, _ = shown_rows(card, _group(stem), study)
    values, bases = _cited(rows)
    if _group(stem).startswith(IN_YEAR_GROUP):  # the in-year figure draws the part-year figures and their weights
        values = {i: "" for r in rows.to_dict("records") for i in str(r.get("in_year_sources") or "").split("; ") if i}
        bases = {}
    if not values and not bases:
        return "Nguồn: chưa có số liệu công bố cho các chỉ tiêu của biểu đồ này."
    ids = [*values, *bases]
    pubs = list(dict.fromkeys(src[i]["publisher"] for i in ids if i in src and src[i]["publisher"]))
    parts = ([f"số liệu {_cite(values, src)}"] if values else []) + ([f"năm gốc {_cite(bases, src)}"] if bases else [])
    who = f"{'; '.join(pubs[:6])}{' …' if len(pubs) > 6 else ''} — " if pubs else ""
    return f"Nguồn: {who}{'; '.join(parts)}; chi tiết ở trang tính '{SOURCES_SHEET}' của báo cáo Mục I."


def _notes(stem: str, card: pd.DataFrame, study: Study) -> str:
    """Speaker notes: result sentences, caveats as sentences, assumptions, data still needed, targets not drawn."""
    group = _group(stem)
    rows, left_out = shown_rows(card, group, study)
    lines = [] if group != "scorecard" else [f"Tổng hợp: {verdict_counts_vi(card)}."]
    if group == "ranking":
        return "\n".join(f"{rec['target_id']}: {rec['rank_vi']}" for rec in rows.to_dict("records")) + (
            f"\nBiểu đồ thể hiện tất cả các {PEERS_VI} có số liệu (theo thiết kế, khác các biểu đồ chỉ thể hiện "
            "địa bàn của tỉnh)."
        )
    for rec in rows.to_dict("records"):
        t = study.target(rec["target_id"])
        lines.append(f"{rec['target_id']}: {rec['statement_vi']}")
        lines += [f"  Lưu ý: {s}" for s in flag_sentences(rec["flags"])]
        if not is_missing(rec.get("in_year_vi")):
            lines.append(f"  {rec['in_year_vi']}")
        if t.kind == "about" and t.about_tolerance:
            tol = f"±{fmt_bound_vi(t.about_tolerance, t.unit)} {unit_vi(t.unit)}"
            lines.append(
                f"  Giả định: mục tiêu 'khoảng' được hiểu với dung sai {tol} (giả định của bộ công cụ, "
                "không có trong nghị quyết)."
            )
        if rec["verdict"] in {Verdict.NO_DATA.value, Verdict.QUALITATIVE.value} and not is_missing(rec["data_needed"]):
            lines.append(f"  Cần số liệu: {rec['data_needed']} (nơi có số liệu: {rec['data_from']}).")
    if not left_out.empty:
        lines.append(
            "Chỉ tiêu cùng nhóm không thể hiện trên biểu đồ (xem báo cáo Mục I): "
            + "; ".join(f"{r['target_id']} {r['target_vi']} ({r['status']})" for r in left_out.to_dict("records"))
            + "."
        )
    return "\n".join(lines) or "Không có chỉ tiêu nào của nghiên cứu thuộc nhóm của biểu đồ này."


# ---------------------------------------------------------------------------------------------------------
def _text(
    slide: Any,
    left: int,
    top: int,
    width: int,
    height: int,
    text: str,
    size: float,
    *,
    bold: bool = False,
    colour: tuple[int, int, int] = (0, 0, 0),
    align: str = "left",
) -> Any:
    """A text box with one paragraph per line, every run in the house font."""
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

    box = slide.shapes.add_textbox(left, top, width, height)
    tf = box.text_frame
    tf.word_wrap = True
    tf.vertical_anchor = MSO_ANCHOR.TOP
    for k, line in enumerate(text.split("\n")):
        p = tf.paragraphs[0] if k == 0 else tf.add_paragraph()
        p.alignment = PP_ALIGN.CENTER if align == "center" else PP_ALIGN.LEFT
        run = p.add_run()
        run.text = line
        _style_run(run, size, bold, colour)
    return box


def _style_run(run: Any, size: float, bold: bool = False, colour: tuple[int, int, int] = (0, 0, 0)) -> None:
    from pptx.dml.color import RGBColor
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = RGBColor(*colour)
    rpr = run._r.get_or_add_rPr()
    for tag in ("a:ea", "a:cs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = rpr.makeelement(qn(tag), {})
            rpr.append(el)
        el.set("typeface", FONT)


def _title_slide(prs: Any, study: Study, card: pd.DataFrame | None = None) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    report = study.section("report")
    when = in_year_heading_vi(card, study.target_year) if card is not None else ""  # an annual plan's period
    _text(slide, _MARGIN, 1800000, _W - 2 * _MARGIN, 1100000, study.short_title_vi, 36, bold=True, align="center")
    _text(
        slide,
        _MARGIN,
        3000000,
        _W - 2 * _MARGIN,
        600000,
        "Tình hình thực hiện các chỉ tiêu" + (f"\n{when[:1].upper()}{when[1:]}" if when else ""),
        26,
        align="center",
        colour=(0x1F, 0x4E, 0x78),
    )
    where = successor_line_vi(study)  # an old province: the territory it is part of today
    sub = (
        study.title_vi
        + (f"\n{where}" if where else "")
        + (f"\nBáo cáo gửi {report['recipient_vi']}" if report.get("recipient_vi") else "")
    )
    _text(slide, _MARGIN * 3, 3800000, _W - 6 * _MARGIN, 1500000, sub, 16, align="center", colour=_GREY)
    _notes_text(
        slide,
        f"{study.title_vi}. Các chỉ tiêu {horizon_vi(study)}; số liệu các năm "
        f"{study.reporting_years[0]}–{study.reporting_years[-1]}.",
    )


def _notes_text(slide: Any, text: str) -> None:
    tf = slide.notes_slide.notes_text_frame
    for k, line in enumerate(text.split("\n")):
        p = tf.paragraphs[0] if k == 0 else tf.add_paragraph()
        run = p.add_run()
        run.text = line
        _style_run(run, 12)


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _figure_slide(prs: Any, png: Path, index: int, card: pd.DataFrame, study: Study, src: dict[str, dict[str, Any]]) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _text(
        slide,
        _MARGIN,
        150000,
        _W - 2 * _MARGIN,
        800000,
        figure_message(png.stem, card, study, index),
        22,
        bold=True,
        colour=(0x1F, 0x4E, 0x78),
    )
    top, bottom = 1000000, _H - 620000
    w, h = _png_size(png)
    height = bottom - top
    width = int(height * w / h)
    if width > _W - 2 * _MARGIN:
        width = _W - 2 * _MARGIN
        height = int(width * h / w)
    slide.shapes.add_picture(str(png), (_W - width) // 2, top, width, height)
    _text(slide, _MARGIN, _H - 560000, _W - 2 * _MARGIN, 500000, _source_line(png.stem, card, study, src), 11, colour=_GREY)
    _notes_text(slide, _notes(png.stem, card, study))


def write_pptx(
    card: pd.DataFrame,
    obs: pd.DataFrame,
    study: str | Study,
    *,
    figures: list[str | Path] | None = None,
    path: str | Path | None = None,
) -> Path:
    """Write a study's briefing deck (default ``data/processed/<study>/trinh-chieu.pptx``).

    Parameters
    ----------
    card : pandas.DataFrame
        The study's scorecard.
    obs : pandas.DataFrame
        The evidence store (for the source lines).
    study : Study or str
    figures : list of paths, optional
        PNG files, one slide each, in this order (default: every PNG in
        ``figures/<study-id>/``, sorted by name); figures of :data:`NOT_IN_DECK` are left out.
    path : path, optional

    Returns
    -------
    Path
        The file written, atomically and byte-identically for the same inputs.
    """
    from pptx import Presentation

    ev, st = study_evidence(obs, study)
    pngs = (
        [Path(p) for p in figures]
        if figures is not None
        else sorted(p for p in (figures_dir(st.root) / st.id).glob("*.png") if FIGURE_NAME.fullmatch(p.name))
    )
    pngs = deck_figures(pngs)
    src = {s["obs_id"]: s for s in source_records(card, ev, st)}
    prs = Presentation()
    prs.slide_width, prs.slide_height = _W, _H
    set_office_properties(prs.core_properties, document_properties(st, "deck"))
    _title_slide(prs, st, card)
    for k, png in enumerate(pngs, 1):
        _figure_slide(prs, png, k, card, st, src)
    target = Path(path) if path else processed_dir(st.root) / st.id / PPTX_NAME
    return save_ooxml(prs, target)
