"""Provincial development targets (studies as data): the analysis package.

Public API (imported lazily, so ``import analysis`` stays fast; pandas,
matplotlib and openpyxl load on first use):

Studies
    load_study, study_ids, default_study_id, Study
Reading and evidence
    read_yearbook_table, parse_vn_number, build_observations, load_observations,
    load_vocabulary, select_best, find_conflicts, Evidence, derive_for_study
Indicators
    cagr, annualised_growth, required_growth, shares, labour_productivity,
    shift_share, growth_contributions, Measured
Targets and assessment
    load_targets, assess, assess_all, trajectory, scorecard,
    load_scorecard, load_result, results_fresh (the build's persisted results, recomputed when stale)
Outputs
    build, write_workbook, house_style, save_figure
Exploring and what-if (JupyterLab)
    explore (module: evidence, what_if, scenario, Explorer), display (module), styled_scorecard,
    what_if, scenario, Explorer; Target.with_(...) for what-if targets
Vocabulary (codes with Vietnamese / English labels and colours)
    Verdict, Status, Band, Boundary, PriceBasis
Errors
    InputError, YearbookFormatError, ManifestError, MixedBasisError, DataWarning
"""
from __future__ import annotations

import importlib
import sys
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "read_yearbook_table": "yearbook",
    "parse_vn_number": "vnnumbers",
    "build_observations": "store",
    "load_observations": "store",
    "load_study": "study",
    "study_ids": "study",
    "default_study_id": "study",
    "Study": "study",
    "derive_for_study": "derive",
    "UnknownNameError": "errors",
    "Verdict": "vocabulary",
    "Status": "vocabulary",
    "Band": "vocabulary",
    "Boundary": "vocabulary",
    "PriceBasis": "vocabulary",
    "progress_frame": "progress",
    "final_verdicts": "panel",
    "load_vocabulary": "manifest",
    "load_manifest": "manifest",
    "select_best": "evidence",
    "find_conflicts": "evidence",
    "value_interval": "evidence",
    "Evidence": "evidence",
    "cagr": "indicators",
    "annualised_growth": "indicators",
    "required_growth": "indicators",
    "shares": "indicators",
    "labour_productivity": "indicators",
    "shift_share": "indicators",
    "growth_contributions": "indicators",
    "growth_from_levels": "indicators",
    "Measured": "indicators",
    "weakest_status": "indicators",
    "load_targets": "study",
    "Target": "targets",
    "assess": "assessment",
    "assess_all": "assessment",
    "trajectory": "trajectories",
    "scorecard": "scorecard_table",
    "load_scorecard": "results",
    "load_result": "results",
    "results_fresh": "results",
    "build": "build_steps",
    "assess_panel": "panel",
    "write_workbook": "workbook",
    "house_style": "figures",
    "save_figure": "figures",
    "check_structure": "checks",
    "check_index": "checks",
    "InputError": "errors",
    "YearbookFormatError": "errors",
    "ManifestError": "errors",
    "MixedBasisError": "errors",
    "DataWarning": "errors",
    "styled_scorecard": "display",
    "what_if": "explore",
    "scenario": "explore",
    "Explorer": "explore_widgets",
}
#: submodules offered as attributes (``qa.explore.evidence(...)``), imported on first use
_SUBMODULES = ("explore", "display")

__all__ = sorted([*_EXPORTS, *_SUBMODULES])


#: the domain types shown as HTML cards in JupyterLab (module, class); the views are in ``analysis.display``,
#: registered by name so that neither the domain nor ``import analysis`` imports the display code
HTML_VIEW_TYPES = (("analysis.targets", "Target"), ("analysis.evidence", "Evidence"),
                   ("analysis.assessment", "Assessment"))


def _html_view(obj: object) -> str:
    return importlib.import_module(".display", __name__).html_view(obj)


def register_html_views(formatter: Any = None) -> bool:
    """Show targets, evidence and assessments as HTML cards in IPython (done on ``import analysis``).

    ``formatter``: an IPython HTML formatter; by default the running shell's. Returns False outside IPython.
    """
    if formatter is None:
        ipython = sys.modules.get("IPython")
        shell = ipython.get_ipython() if ipython is not None else None
        if shell is None:
            return False
        formatter = shell.display_formatter.formatters["text/html"]
    for module, name in HTML_VIEW_TYPES:
        formatter.for_type_by_name(module, name, _html_view)
    return True


register_html_views()


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    if name in _EXPORTS:
        module = importlib.import_module(f".{_EXPORTS[name]}", __name__)
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'analysis' has no attribute '{name}'")


def __dir__() -> list[str]:
    """The public API only (what tab completion offers)."""
    return list(__all__)
