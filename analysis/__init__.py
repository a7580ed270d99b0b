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
    rank_provinces (a province among its peers: every province of a boundary ranked on an indicator and period),
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
    "read_yearbook_table": "sources.yearbook.reader",
    "parse_vn_number": "core.vnnumbers",
    "build_observations": "sources.store",
    "load_observations": "sources.store",
    "load_study": "studies.study",
    "study_ids": "studies.study",
    "default_study_id": "studies.study",
    "Study": "studies.study",
    "derive_for_study": "evidence.derive",
    "UnknownNameError": "core.errors",
    "Verdict": "core.vocabulary",
    "Status": "core.vocabulary",
    "Band": "core.vocabulary",
    "Boundary": "core.vocabulary",
    "PriceBasis": "core.vocabulary",
    "progress_frame": "assessment.progress",
    "final_verdicts": "assessment.panel",
    "load_vocabulary": "sources.manifest",
    "load_manifest": "sources.manifest",
    "select_best": "evidence.select",
    "find_conflicts": "evidence.select",
    "value_interval": "evidence.select",
    "Evidence": "evidence.select",
    "cagr": "evidence.indicators",
    "annualised_growth": "evidence.indicators",
    "required_growth": "evidence.indicators",
    "shares": "evidence.indicators",
    "labour_productivity": "evidence.indicators",
    "shift_share": "evidence.indicators",
    "growth_contributions": "evidence.indicators",
    "growth_from_levels": "evidence.indicators",
    "Measured": "evidence.indicators",
    "weakest_status": "evidence.indicators",
    "load_targets": "studies.study",
    "Target": "studies.targets",
    "assess": "assessment.verdicts",
    "assess_all": "assessment.verdicts",
    "trajectory": "assessment.trajectories",
    "scorecard": "assessment.scorecard_table",
    "load_scorecard": "pipeline.results",
    "load_result": "pipeline.results",
    "results_fresh": "pipeline.results",
    "build": "pipeline.build_steps",
    "assess_panel": "assessment.panel",
    "rank_provinces": "assessment.ranking",
    "write_workbook": "report.workbook",
    "house_style": "briefing.style",
    "save_figure": "briefing.style",
    "check_structure": "evidence.checks",
    "check_index": "evidence.checks",
    "InputError": "core.errors",
    "YearbookFormatError": "core.errors",
    "ManifestError": "core.errors",
    "MixedBasisError": "core.errors",
    "DataWarning": "core.errors",
    "styled_scorecard": "display.cards",
    "what_if": "explore.api",
    "scenario": "explore.api",
    "Explorer": "explore.widgets",
}
#: submodules offered as attributes (``qa.explore.evidence(...)``), imported on first use
_SUBMODULES = ("explore", "display", "briefing")

__all__ = sorted([*_EXPORTS, *_SUBMODULES])


#: the domain types shown as HTML cards in JupyterLab (module, class); the views are in ``analysis.display``,
#: registered by name so that neither the domain nor ``import analysis`` imports the display code
HTML_VIEW_TYPES = (
    ("analysis.studies.targets", "Target"),
    ("analysis.evidence.select", "Evidence"),
    ("analysis.assessment.verdicts", "Assessment"),
)


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
