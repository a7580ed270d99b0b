"""Explore the evidence and what-if assumptions: the logic behind ``notebooks/07_explore.ipynb``.

One-line answers (``obs`` is the evidence store, ``study`` a study id or
:class:`~analysis.studies.study.Study`):

* ``explore.evidence(obs, study, "share_industry", "2023")`` — the best value for an
  indicator and period of the study's province and every other candidate with its
  role (shown as a table in JupyterLab);
* ``explore.what_if(obs, study, target_id, about_tolerance=1.0)`` — a target assessed
  under other assumptions (any field of :class:`~analysis.studies.targets.Target`, and
  ``tiers=`` the evidence tiers admitted); its sentence names every assumption that
  differs from the targets file;
* ``explore.scenario(obs, study, about_tolerance=1.0)`` — the whole scorecard under an
  assumption, with the verdict under the file's assumptions alongside
  (``analysis.display.styled_scorecard`` shows it);
* ``Explorer(study, obs).show()`` — the interactive explorer (ipywidgets): study,
  target or any indicator, period, evidence tiers, the "khoảng" tolerance and the
  definition (numerator / denominator) of derived shares; updates on every change.

A definition other than the file's (``numerator=`` / ``denominator=``) re-derives the
share from the levels in the store and sets aside published figures of that indicator
(they follow the official definition); the sentence says so. Admitting fewer evidence
tiers filters the store *before* shares and growth are derived, so a derived value
never rests on an input of a tier that was not admitted.

Nothing here knows a study, target id, indicator or year: all come from the data.
Widgets are built only in :meth:`Explorer.widgets`; every callback goes through
:meth:`Explorer.select` and :meth:`Explorer.result`, which are tested without a browser.

This module holds the one-liners; the evidence under assumptions and the choices offered
are in :mod:`analysis.explore.assumptions`, the explorer in :mod:`analysis.explore.widgets`
(its selection and result in :mod:`analysis.explore.selection`, its static HTML in
:mod:`analysis.explore.views`), all importable from here as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.assessment.scorecard_table import scorecard
from analysis.assessment.verdicts import Assessment, assess
from analysis.core.vocabulary import EVIDENCE_TIERS as EVIDENCE_TIERS
from analysis.core.vocabulary import Status as Status
from analysis.core.vocabulary import colour as colour

# "X as X": re-exported, so every name importable from this module before the split still is
from analysis.display.blocks import HTML as HTML
from analysis.display.blocks import badge as badge
from analysis.display.blocks import esc as esc
from analysis.display.blocks import html_box as html_box
from analysis.display.blocks import num_vi as num_vi
from analysis.display.cards import assessment_html as assessment_html
from analysis.display.cards import evidence_html as evidence_html
from analysis.display.svg import series_svg as series_svg
from analysis.evidence.select import Evidence, select_best
from analysis.studies.study import Study
from analysis.studies.targets import Target
from analysis.wording.labels import boundary_vi as boundary_vi
from analysis.wording.labels import status_vi as status_vi
from analysis.wording.labels import unit_vi as unit_vi

from .assumptions import _DEFINITION_FIELDS as _DEFINITION_FIELDS
from .assumptions import _PERIOD as _PERIOD
from .assumptions import _load_study, _target, definition_notes, study_obs, tiers_note
from .views import _series_html as _series_html
from .widgets import _short as _short

if TYPE_CHECKING:  # annotations only; pandas loads with the functions that use it
    import pandas as pd

__all__ = ["evidence", "what_if", "scenario"]

#: what-if fields of a target a scenario applies to every target by default (a tolerance or margin in points)
_POINT_FIELDS = {"about_tolerance": {"about"}, "exceed_margin": {"above", "at_least", "at_most", "below"}}


# ------------------------------------------------------------------------------------------------ one-liners
def evidence(
    obs: pd.DataFrame,
    study: str | Study | None,
    indicator: str,
    period: str | int,
    *,
    tiers: Iterable[str] | None = None,
    unit: str | None = None,
    price_basis: str | None = None,
    root: str | Path | None = None,
) -> Evidence:
    """The best value of an indicator for a period of the study's province, and every candidate.

    Published and derived evidence both compete (:func:`analysis.select_best`), for the
    study's territory first, then its admitted fallbacks. ``tiers`` limits the evidence
    statuses admitted. Displays as a table in JupyterLab.
    """

    ev_obs, st = study_obs(obs, _load_study(study, root, obs), tiers)
    return select_best(
        ev_obs, indicator, str(period), province=st.province, boundary=st.boundary_preference, unit=unit, price_basis=price_basis
    )


def what_if(
    obs: pd.DataFrame,
    study: str | Study | None,
    target: str | Target,
    *,
    tiers: Iterable[str] | None = None,
    root: str | Path | None = None,
    **changes: Any,
) -> Assessment:
    """Assess one target under other assumptions (``about_tolerance=1.0``, ``denominator="grdp"``, …).

    Parameters
    ----------
    obs : pandas.DataFrame
        The evidence store.
    study : str or Study
    target : str or Target
        A target id of the study (or a Target, e.g. one made with :meth:`Target.with_`).
    tiers : iterable of str, optional
        Evidence statuses admitted (default: all).
    **changes
        Fields of :class:`~analysis.studies.targets.Target` to change.

    Returns
    -------
    Assessment
        Its :meth:`~analysis.assessment.verdicts.Assessment.statement_vi` names every assumption that
        differs from the targets file.
    """

    st = _load_study(study, root, obs)
    t = _target(st, target)
    t = t.with_(**changes) if changes else t
    ev_obs, st2 = study_obs(obs, st, tiers, targets=[t] if t.file_values else None)
    a = assess(t, ev_obs, st2)
    a.assumptions = tuple(n for n in [tiers_note(tiers)] + definition_notes(t) if n)
    return a


def _applies(t: Target, changes: dict[str, Any]) -> bool:
    if not t.numeric:
        return False
    for k in changes:
        if k not in _POINT_FIELDS:
            raise ValueError(
                f"scenario: say which targets a change of {k!r} applies to (where=[ids] or a function of the target)"
            )
        if t.kind not in _POINT_FIELDS[k] or not t.unit.startswith("percent"):
            return False
    return True


def scenario(
    obs: pd.DataFrame,
    study: str | Study | None,
    *,
    where: Callable[[Target], bool] | Iterable[str] | None = None,
    tiers: Iterable[str] | None = None,
    root: str | Path | None = None,
    **changes: Any,
) -> pd.DataFrame:
    """The study's scorecard under other assumptions, with the file's verdict in ``verdict_file``.

    Parameters
    ----------
    where : callable or iterable of str, optional
        The targets the changes apply to (a test on the Target, or target ids). Default:
        for ``about_tolerance`` every "khoảng" target in percent, for ``exceed_margin``
        every one-sided target in percent (a tolerance in percentage points means
        nothing for an amount); other fields need ``where``.
    tiers : iterable of str, optional
        Evidence statuses admitted (default: all).
    **changes
        Fields of :class:`~analysis.studies.targets.Target` to change.

    Returns
    -------
    pandas.DataFrame
        :func:`analysis.scorecard` columns plus ``verdict_file`` (the verdict under the
        file's assumptions), ``assumed`` (the target's assumptions were changed) and
        ``changed`` (the verdict differs); ``statement_vi`` names the assumptions.
    """

    st = _load_study(study, root, obs)
    if where is None:

        def test(t: Target) -> bool:
            return _applies(t, changes)
    elif callable(where):
        test = where
    else:
        ids = {st.target(i).id for i in where}

        def test(t: Target) -> bool:
            return t.id in ids

    targets = [t.with_(**changes) if changes and test(t) else t for t in st.targets]
    file_card = scorecard(obs, st)
    ev_obs, st2 = study_obs(obs, st, tiers, targets=[t for t in targets if t.file_values])
    card = scorecard(ev_obs, st2)
    note = tiers_note(tiers)
    for t in st2.targets:
        if note or definition_notes(t):
            a = assess(t, ev_obs, st2)
            a.assumptions = tuple(n for n in [note] + definition_notes(t) if n)
            card.loc[card["target_id"] == t.id, "statement_vi"] = a.statement_vi()
    file_verdicts = dict(zip(file_card["target_id"], file_card["verdict"], strict=True))
    card["verdict_file"] = card["target_id"].map(file_verdicts)
    assumed = {t.id for t in st2.targets if t.file_values} if not note else {t.id for t in st2.targets}
    card["assumed"] = card["target_id"].isin(assumed)
    card["changed"] = card["verdict"] != card["verdict_file"]
    return card
