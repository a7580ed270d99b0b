"""What the explorer shows and what it computed: :class:`Selection` and :class:`Result`.

A :class:`Selection` is a study, a target (or none), an indicator and period, and the
assumptions that differ from the targets file; :class:`~analysis.explore.widgets.Explorer`
turns one into a :class:`Result` (assessment, evidence, series and HTML). Both are
importable from :mod:`analysis.explore`, as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from analysis.assessment.verdicts import Assessment
from analysis.core.vocabulary import EVIDENCE_TIERS
from analysis.evidence.select import Evidence
from analysis.studies.targets import Target

__all__ = ["Selection", "Result"]


@dataclass(frozen=True)
class Selection:
    """What the explorer shows: a study, a target (or none), an indicator and period, and the assumptions.

    ``about_tolerance``, ``numerator`` and ``denominator`` are None when the targets
    file's value applies; ``tiers`` are the evidence statuses admitted; ``peers`` the provinces
    compared with the study's on the indicator (none by default).
    """

    study: str
    target: str | None = None
    indicator: str = ""
    period: str = ""
    tiers: tuple[str, ...] = tuple(EVIDENCE_TIERS)
    about_tolerance: float | None = None
    numerator: str | None = None
    denominator: str | None = None
    peers: tuple[str, ...] = ()

    def changes(self) -> dict[str, Any]:
        """The target fields this selection changes (for :meth:`Target.with_`)."""
        return {k: getattr(self, k) for k in ("about_tolerance", "numerator", "denominator") if getattr(self, k) is not None}


@dataclass
class Result:
    """What the explorer computed for a selection."""

    selection: Selection
    target: Target | None = None
    assessment: Assessment | None = None
    evidence: Evidence | None = None
    series: list[dict[str, Any]] = field(default_factory=list)
    html: str = ""
    error: str = ""
    peers: Any = None

    @property
    def verdict(self) -> str:
        return self.assessment.status if self.assessment is not None else ""

    @property
    def statement(self) -> str:
        return self.assessment.statement_vi() if self.assessment is not None else ""

    def _repr_html_(self) -> str:
        return self.html
