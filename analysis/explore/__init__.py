"""The interactive explorer for JupyterLab (ipywidgets), what-if and scenarios."""

from .api import evidence, scenario, what_if
from .assumptions import admitted, definition_choices, definition_notes, first_target, periods, study_obs, tiers_note
from .monthly import MONTHLY_COLUMNS, in_year_figures, in_year_note, monthly_series, monthly_view
from .peers import PEER_COLUMNS, compare, peer_choices, peers_html
from .selection import Result, Selection
from .views import error_html, headless_note, result_html
from .widgets import Explorer, interactive_frontend

__all__ = [
    "MONTHLY_COLUMNS",
    "in_year_figures",
    "in_year_note",
    "monthly_series",
    "monthly_view",
    "Explorer",
    "PEER_COLUMNS",
    "Result",
    "Selection",
    "admitted",
    "compare",
    "definition_choices",
    "definition_notes",
    "error_html",
    "evidence",
    "first_target",
    "headless_note",
    "interactive_frontend",
    "peer_choices",
    "peers_html",
    "periods",
    "result_html",
    "scenario",
    "study_obs",
    "tiers_note",
    "what_if",
]
