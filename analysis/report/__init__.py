"""The officials' documents: the Section I workbook, the Word draft, the deck, the fill-in template
and the list of sources.
"""

from .deck import CAPTIONS, FONT, NOT_IN_DECK, PPTX_NAME, SHOWN, deck_figures, figure_message, shown_rows, write_pptx
from .ooxml import FIXED_DATE, ZIP_DATE, normalise_ooxml, save_ooxml
from .properties import WHAT_VI, document_properties, set_office_properties, set_workbook_properties
from .source_list import source_records
from .template import write_template
from .template_sheets import WHY_MISSING, agency_sheet, guide_sheet, requested_rows, sheet_name
from .text_width import SANS, SERIF, text_width_pt, wrapped_lines
from .word import DOCX_NAME, write_docx
from .word_layout import BODY_PT, MARGINS_MM, STT_MM, TABLE_PT
from .workbook import WORKBOOK_NAME, normalise_xlsx, write_workbook
from .workbook_sheets import NEEDS_SHEET, SECTION_SHEET, SHEET_NAMES
from .workbook_style import estimate_lines, print_scale

__all__ = [
    "BODY_PT",
    "CAPTIONS",
    "DOCX_NAME",
    "FIXED_DATE",
    "FONT",
    "MARGINS_MM",
    "NEEDS_SHEET",
    "NOT_IN_DECK",
    "PPTX_NAME",
    "SANS",
    "SECTION_SHEET",
    "SERIF",
    "SHEET_NAMES",
    "SHOWN",
    "STT_MM",
    "TABLE_PT",
    "WHAT_VI",
    "WHY_MISSING",
    "WORKBOOK_NAME",
    "ZIP_DATE",
    "agency_sheet",
    "deck_figures",
    "document_properties",
    "estimate_lines",
    "figure_message",
    "guide_sheet",
    "normalise_ooxml",
    "normalise_xlsx",
    "print_scale",
    "requested_rows",
    "save_ooxml",
    "set_office_properties",
    "set_workbook_properties",
    "sheet_name",
    "shown_rows",
    "source_records",
    "text_width_pt",
    "wrapped_lines",
    "write_docx",
    "write_pptx",
    "write_template",
    "write_workbook",
]
