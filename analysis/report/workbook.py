"""The Excel report of a study: Section I of the outline, the sources, the data still needed.

Sheets (one function each):

* ``Mục I`` — every target in the order of Section I of the outline ("I. KẾT QUẢ
  THỰC HIỆN CÁC CHỈ TIÊU"): target, the value of each reporting year, the period
  value, verdict, evidence status, territory, source ids and the result sentence.
  Every value shows its evidence status (upright: official; light yellow: preliminary;
  italic: estimate; italic on grey: secondary source — a legend row says so), its
  qualifier ("hơn 125" for a lower bound) and its source id (column "Nguồn" and a
  note on the cell).
* ``Nguồn`` — every observation shown or standing against a verdict (used, agreeing,
  conflicting, of another territory, input of a derived value), with the targets
  and roles, publisher, publication date, URL, raw file and line and the verbatim
  excerpt.
* ``Cần số liệu`` — targets not assessed or flagged: the caveats as sentences, the
  table or report that would settle them and who holds it.

Print-ready: A4 landscape, one page wide, Times New Roman 10 pt throughout (also
the default style and the footer), wrapped text with row heights set from the
text length and column width (so nothing overlaps in LibreOffice or Excel),
repeated header row, footer "<study> · Trang n/N". Numbers stay numbers, with
number formats tagged with the Vietnamese locale ``[$-42A]`` (``11,4``; ``5.600``).
No internal code reaches a cell (labels come from :mod:`analysis.wording.text`).

The file is written atomically and is byte-identical from run to run
(:func:`analysis.report.ooxml.normalise_ooxml`). The sheets are written by
:mod:`analysis.report.workbook_sheets`, in the styles of :mod:`analysis.report.workbook_style`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from analysis.assessment.target_evidence import study_evidence
from analysis.core.paths import processed_dir
from analysis.studies.study import Study
from analysis.wording.text import SOURCES_SHEET

from .ooxml import normalise_ooxml, save_ooxml
from .source_list import source_records
from .workbook_sheets import NEEDS_SHEET, _sheet_data_needed, _sheet_section_one, _sheet_sources
from .workbook_style import _new_workbook

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = ["write_workbook", "WORKBOOK_NAME", "normalise_xlsx"]

WORKBOOK_NAME = "bao-cao-muc-I.xlsx"
#: backwards-compatible name: the normaliser works for any OOXML zip
normalise_xlsx = normalise_ooxml


def write_workbook(card: pd.DataFrame, obs: pd.DataFrame, study: str | Study, *, path: str | Path | None = None) -> Path:
    """Write a study's report workbook (default ``data/processed/<study>/bao-cao-muc-I.xlsx``) atomically.

    Parameters
    ----------
    card : pandas.DataFrame
        The study's scorecard (:func:`analysis.scorecard`).
    obs : pandas.DataFrame
        Evidence store (for the sources sheet; derived observations are added).
    study : Study or str
        The study: titles, headings and reporting years come from it.
    path : path, optional
        Where to write (default ``data/processed/<study>/bao-cao-muc-I.xlsx``).

    Returns
    -------
    Path
        The file written (byte-identical for the same inputs).
    """

    ev, st = study_evidence(obs, study)
    sources = source_records(card, ev, st)
    wb = _new_workbook(st)
    _sheet_section_one(wb.active, card, st, {s["obs_id"]: s for s in sources})
    _sheet_sources(wb.create_sheet(SOURCES_SHEET), sources, st)
    _sheet_data_needed(wb.create_sheet(NEEDS_SHEET), card, st)
    target = Path(path) if path else processed_dir(st.root) / st.id / WORKBOOK_NAME
    return save_ooxml(wb, target)
