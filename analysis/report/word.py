"""The Word draft of Section I of a study's report (python-docx).

Laid out as Vietnamese administrative documents are (Decree 30/2020/NĐ-CP):
A4 portrait, Times New Roman 13 pt (tables 11 pt), margins top and bottom 20 mm,
left 30 mm, right 15 mm, page numbers centred at the top from the second page, a
letterhead with blanks for the agency, number and date. Then:

* the section and its heading from the study (``[report]`` in ``study.toml``),
  an opening paragraph with the verdict counts;
* one sub-heading per item of the outline, in the outline's order, and under it
  one paragraph per target: its result sentence, the caveats not already said
  and the numbers of its sources in the list below ("[3]");
* the results table (target, goal, value with its evidence status, verdict, sources);
* the sources as a numbered list: publisher, publication date, the verbatim
  excerpt and the address;
* annex 1: the value of every reporting year with its status and source; annex 2:
  the data still needed for targets that are not assessed, and who holds it.

No internal code reaches the text (labels from :mod:`analysis.wording.text`). The
file is written atomically and byte-identically (:mod:`analysis.report.ooxml`). The layout
(styles, page, tables) is in :mod:`analysis.report.word_layout`, the parts of the document in
:mod:`analysis.report.word_sections`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from analysis.assessment.target_evidence import study_evidence
from analysis.core.paths import processed_dir
from analysis.studies.study import Study

from .ooxml import save_ooxml
from .source_list import source_records
from .word_layout import _new_document
from .word_sections import _annex_needed, _annex_yearly, _letterhead, _opening, _outline, _results_table, _sources_list

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd

__all__ = ["write_docx", "DOCX_NAME"]

DOCX_NAME = "bao-cao-muc-I.docx"


def write_docx(card: pd.DataFrame, obs: pd.DataFrame, study: str | Study, *, path: str | Path | None = None) -> Path:
    """Write the Word draft of a study's Section I (default ``data/processed/<study>/bao-cao-muc-I.docx``).

    Parameters
    ----------
    card : pandas.DataFrame
        The study's scorecard (:func:`analysis.scorecard`).
    obs : pandas.DataFrame
        The evidence store (for the sources; derived observations are added).
    study : Study or str
    path : path, optional

    Returns
    -------
    Path
        The file written, atomically and byte-identically for the same inputs.
    """

    ev, st = study_evidence(obs, study)
    sources = source_records(card, ev, st)
    numbers = {s["obs_id"]: n for n, s in enumerate(sources, 1)}
    src = {s["obs_id"]: s for s in sources}
    doc = _new_document(st)
    _letterhead(doc, st)
    _opening(doc, card, st)
    _outline(doc, card, numbers)
    _results_table(doc, card, st, numbers, src)
    _sources_list(doc, sources)
    _annex_needed(doc, card, st, _annex_yearly(doc, card, st, numbers, src, 1))  # annexes numbered as they occur
    target = Path(path) if path else processed_dir(st.root) / st.id / DOCX_NAME
    return save_ooxml(doc, target)
