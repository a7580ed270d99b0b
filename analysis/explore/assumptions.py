"""What-if assumptions on the evidence: admitted tiers, re-derived share definitions, the choices offered.

The study's evidence under assumptions other than the targets file's (:func:`study_obs`):
admitting fewer evidence tiers filters the store *before* shares and growth are derived,
so a derived value never rests on an input of a tier that was not admitted; a definition
other than the file's (``numerator=`` / ``denominator=``) re-derives the share from the
levels and sets aside the published figures of that indicator. Also the Vietnamese notes
these assumptions add to a result sentence, and the periods, targets and definitions the
explorer offers. :mod:`analysis.explore` builds the what-if answers on these.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.assessment.target_evidence import study_evidence
from analysis.core.vocabulary import EVIDENCE_TIERS, Status
from analysis.studies.study import Study, load_study
from analysis.studies.targets import Target

if TYPE_CHECKING:  # annotations only; pandas loads with the functions that use it
    import pandas as pd

__all__ = ["tiers_note", "admitted", "study_obs", "definition_notes", "periods", "first_target", "definition_choices"]

_DEFINITION_FIELDS = ("numerator", "denominator")
_PERIOD = re.compile(r"\d{4}(?:-\d{4})?")


def _load_study(study: str | Study | None, root: str | Path | None = None, obs: pd.DataFrame | None = None) -> Study:
    """A Study as given, or loaded by id from ``root`` (default: the project the store was read from)."""

    if isinstance(study, Study):
        return study
    if root is None and obs is not None:
        root = obs.attrs.get("root") or None
    return load_study(study, Path(root) if root else None)


def _target(st: Study, target: str | Target) -> Target:

    return target if isinstance(target, Target) else st.target(target)


def tiers_note(tiers: Iterable[str] | None) -> str:
    """The assumption a choice of evidence tiers makes, in Vietnamese ('' when every tier is admitted)."""
    if tiers is None:
        return ""
    chosen = [t for t in EVIDENCE_TIERS if t in set(tiers)]
    if chosen == list(EVIDENCE_TIERS):
        return ""
    if not chosen:
        return "không chấp nhận nguồn số liệu nào"
    return "chỉ dùng số liệu " + ", ".join(Status(t).vi for t in chosen)


def admitted(obs: pd.DataFrame, tiers: Iterable[str] | None = None, drop_published: Iterable[str] = ()) -> pd.DataFrame:
    """The store's own observations (no derived rows) of the tiers admitted (plan figures are kept).

    Parameters
    ----------
    obs : pandas.DataFrame
        The evidence store, or a study's evidence (its derived rows are dropped so they are derived again).
    tiers : iterable of str, optional
        Evidence statuses admitted (:data:`analysis.core.vocabulary.EVIDENCE_TIERS`); None: all.
    drop_published : iterable of str
        Indicators whose published figures are set aside (a what-if definition).
    """
    keep = obs["source_kind"] != "derived"
    if tiers is not None:
        keep &= obs["status"].isin(list(tiers) + [Status.TARGET.value])
    drop = list(drop_published)
    if drop:
        keep &= ~obs["indicator"].isin(drop)
    out = obs[keep].reset_index(drop=True)
    out.attrs = {k: v for k, v in obs.attrs.items() if k != "study"}
    return out


def study_obs(
    obs: pd.DataFrame,
    study: str | Study | None,
    tiers: Iterable[str] | None = None,
    targets: Iterable[Target] | None = None,
    root: str | Path | None = None,
) -> tuple[pd.DataFrame, Study]:
    """The study's evidence (with derived rows) under what-if assumptions, and the study it was derived for.

    ``targets`` replace the study's targets of the same id (what-if definitions); the
    published figures of an indicator whose numerator or denominator differs from the
    file are set aside so the derived value answers.
    """

    st = _load_study(study, root, obs)
    targets = list(targets or [])
    changed = [t for t in targets if set(t.changed_from_file()) & set(_DEFINITION_FIELDS)]
    if tiers is None and not changed and not targets:
        return study_evidence(obs, st)
    if targets:
        by_id = {t.id: t for t in targets}
        st = st.with_targets(
            [by_id.get(t.id, t) for t in st.targets] + [t for t in targets if t.id not in {x.id for x in st.targets}]
        )
    base = admitted(obs, tiers, drop_published=[t.indicator for t in changed])
    return study_evidence(base, st)


def definition_notes(target: Target) -> list[str]:
    """Notes for a target whose derived-share definition differs from the file."""
    if set(target.changed_from_file()) & set(_DEFINITION_FIELDS):
        return [f"số liệu {target.indicator} tính lại từ số liệu tuyệt đối theo định nghĩa trên, không dùng số công bố"]
    return []


def periods(ev_obs: pd.DataFrame, study: str | Study | None, indicator: str) -> list[str]:
    """Periods one may ask for: the study's years and every year or period of years with evidence."""
    st = _load_study(study)
    sel = ev_obs[(ev_obs["indicator"] == indicator) & (ev_obs["status"] != Status.TARGET.value)]
    found = {p for p in sel["period"].astype(str).unique() if _PERIOD.fullmatch(p)}
    years = {str(y) for y in range(st.base_year, st.target_year + 1)}
    return sorted(found | years, key=lambda p: (int(p[:4]), len(p), p))


def first_target(study: str | Study | None, kind: str | None = None, percent: bool = False) -> str | None:
    """The id of the study's first numeric target (of a kind, e.g. ``"about"``; in percent), or None."""
    st = _load_study(study)
    return next(
        (
            t.id
            for t in st.targets
            if t.numeric and (kind is None or t.kind == kind) and (not percent or t.unit.startswith("percent"))
        ),
        None,
    )


def definition_choices(target: Target, vocabulary: dict[str, dict[str, str]]) -> dict[str, list[str]]:
    """Numerator and denominator formulas a share or ratio target can be computed with.

    The choices are the file's formula (the target's own, else the vocabulary's) and
    each of its alternatives (``grdp | va_agriculture + …`` gives both); an empty dict
    for targets that are not derived from levels.
    """
    if not target.numeric or target.measure == "period_avg_growth":
        return {}
    file = dict(target.file_values)
    voc = vocabulary.get(target.indicator, {})
    out: dict[str, list[str]] = {}
    for name in _DEFINITION_FIELDS:
        spec = str(file.get(name, getattr(target, name)) or voc.get(name, "") or "")
        alts = [a.strip() for a in spec.split("|") if a.strip()]
        if alts:
            out[name] = list(dict.fromkeys(alts + ([spec.strip()] if len(alts) > 1 else [])))
    return out if len(out) == len(_DEFINITION_FIELDS) else {}
