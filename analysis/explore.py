"""Explore the evidence and what-if assumptions: the logic behind ``notebooks/07_explore.ipynb``.

One-line answers (``obs`` is the evidence store, ``study`` a study id or
:class:`~analysis.study.Study`):

* ``explore.evidence(obs, study, "share_industry", "2023")`` — the best value for an
  indicator and period of the study's province and every other candidate with its
  role (shown as a table in JupyterLab);
* ``explore.what_if(obs, study, target_id, about_tolerance=1.0)`` — a target assessed
  under other assumptions (any field of :class:`~analysis.targets.Target`, and
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
"""
from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .display import (
    HTML,
    _box,
    assessment_html,
    badge,
    boundary_vi,
    esc,
    evidence_html,
    num_vi,
    series_svg,
    status_vi,
    unit_vi,
)
from .vocabulary import EVIDENCE_TIERS, Status, colour

__all__ = ["Selection", "Result", "Explorer", "evidence", "what_if", "scenario", "study_obs", "admitted",
           "tiers_note", "definition_choices", "periods", "first_target", "interactive_frontend"]

#: what-if fields of a target a scenario applies to every target by default (a tolerance or margin in points)
_POINT_FIELDS = {"about_tolerance": {"about"}, "exceed_margin": {"above", "at_least", "at_most", "below"}}
_DEFINITION_FIELDS = ("numerator", "denominator")
_PERIOD = re.compile(r"\d{4}(?:-\d{4})?")


# ------------------------------------------------------------------------------------------------ helpers
def _load_study(study: Any, root: str | Path | None = None, obs: Any = None) -> Any:
    """A Study as given, or loaded by id from ``root`` (default: the project the store was read from)."""
    from .study import Study, load_study

    if isinstance(study, Study):
        return study
    if root is None and obs is not None:
        root = obs.attrs.get("root") or None
    return load_study(study, Path(root) if root else None)


def _target(st: Any, target: Any) -> Any:
    from .targets import Target

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


def admitted(obs: Any, tiers: Iterable[str] | None = None, drop_published: Iterable[str] = ()) -> Any:
    """The store's own observations (no derived rows) of the tiers admitted (plan figures are kept).

    Parameters
    ----------
    obs : pandas.DataFrame
        The evidence store, or a study's evidence (its derived rows are dropped so they are derived again).
    tiers : iterable of str, optional
        Evidence statuses admitted (:data:`analysis.vocabulary.EVIDENCE_TIERS`); None: all.
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


def study_obs(obs: Any, study: Any, tiers: Iterable[str] | None = None, targets: Iterable[Any] | None = None,
              root: str | Path | None = None) -> tuple[Any, Any]:
    """The study's evidence (with derived rows) under what-if assumptions, and the study it was derived for.

    ``targets`` replace the study's targets of the same id (what-if definitions); the
    published figures of an indicator whose numerator or denominator differs from the
    file are set aside so the derived value answers.
    """
    from .assessment import study_evidence

    st = _load_study(study, root, obs)
    targets = list(targets or [])
    changed = [t for t in targets if set(t.changed_from_file()) & set(_DEFINITION_FIELDS)]
    if tiers is None and not changed and not targets:
        return study_evidence(obs, st)
    if targets:
        by_id = {t.id: t for t in targets}
        st = st.with_targets([by_id.get(t.id, t) for t in st.targets] + [t for t in targets if t.id not in
                                                                         {x.id for x in st.targets}])
    base = admitted(obs, tiers, drop_published=[t.indicator for t in changed])
    return study_evidence(base, st)


def definition_notes(target: Any) -> list[str]:
    """Notes for a target whose derived-share definition differs from the file."""
    if set(target.changed_from_file()) & set(_DEFINITION_FIELDS):
        return [f"số liệu {target.indicator} tính lại từ số liệu tuyệt đối theo định nghĩa trên, "
                "không dùng số công bố"]
    return []


def periods(ev_obs: Any, study: Any, indicator: str) -> list[str]:
    """Periods one may ask for: the study's years and every year or period of years with evidence."""
    st = _load_study(study)
    sel = ev_obs[(ev_obs["indicator"] == indicator) & (ev_obs["status"] != Status.TARGET.value)]
    found = {p for p in sel["period"].astype(str).unique() if _PERIOD.fullmatch(p)}
    years = {str(y) for y in range(st.base_year, st.target_year + 1)}
    return sorted(found | years, key=lambda p: (int(p[:4]), len(p), p))


def first_target(study: Any, kind: str | None = None, percent: bool = False) -> str | None:
    """The id of the study's first numeric target (of a kind, e.g. ``"about"``; in percent), or None."""
    st = _load_study(study)
    return next((t.id for t in st.targets if t.numeric and (kind is None or t.kind == kind)
                 and (not percent or t.unit.startswith("percent"))), None)


def definition_choices(target: Any, vocabulary: dict[str, dict[str, str]]) -> dict[str, list[str]]:
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


# ------------------------------------------------------------------------------------------------ one-liners
def evidence(obs: Any, study: Any, indicator: str, period: str | int, *, tiers: Iterable[str] | None = None,
             unit: str | None = None, price_basis: str | None = None, root: str | Path | None = None) -> Any:
    """The best value of an indicator for a period of the study's province, and every candidate.

    Published and derived evidence both compete (:func:`analysis.select_best`), for the
    study's territory first, then its admitted fallbacks. ``tiers`` limits the evidence
    statuses admitted. Displays as a table in JupyterLab.
    """
    from .evidence import select_best

    ev_obs, st = study_obs(obs, _load_study(study, root, obs), tiers)
    return select_best(ev_obs, indicator, str(period), province=st.province, boundary=st.boundary_preference,
                       unit=unit, price_basis=price_basis)


def what_if(obs: Any, study: Any, target: Any, *, tiers: Iterable[str] | None = None,
            root: str | Path | None = None, **changes: Any) -> Any:
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
        Fields of :class:`~analysis.targets.Target` to change.

    Returns
    -------
    Assessment
        Its :meth:`~analysis.assessment.Assessment.statement_vi` names every assumption that
        differs from the targets file.
    """
    from .assessment import assess

    st = _load_study(study, root, obs)
    t = _target(st, target)
    t = t.with_(**changes) if changes else t
    ev_obs, st2 = study_obs(obs, st, tiers, targets=[t] if t.file_values else None)
    a = assess(t, ev_obs, st2)
    a.assumptions = tuple(n for n in [tiers_note(tiers)] + definition_notes(t) if n)
    return a


def _applies(t: Any, changes: dict[str, Any]) -> bool:
    if not t.numeric:
        return False
    for k in changes:
        if k not in _POINT_FIELDS:
            raise ValueError(f"scenario: say which targets a change of {k!r} applies to (where=[ids] or a "
                             "function of the target)")
        if t.kind not in _POINT_FIELDS[k] or not t.unit.startswith("percent"):
            return False
    return True


def scenario(obs: Any, study: Any, *, where: Callable[[Any], bool] | Iterable[str] | None = None,
             tiers: Iterable[str] | None = None, root: str | Path | None = None, **changes: Any) -> Any:
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
        Fields of :class:`~analysis.targets.Target` to change.

    Returns
    -------
    pandas.DataFrame
        :func:`analysis.scorecard` columns plus ``verdict_file`` (the verdict under the
        file's assumptions), ``assumed`` (the target's assumptions were changed) and
        ``changed`` (the verdict differs); ``statement_vi`` names the assumptions.
    """
    from .assessment import assess
    from .scorecard import scorecard

    st = _load_study(study, root, obs)
    if where is None:
        def test(t: Any) -> bool:
            return _applies(t, changes)
    elif callable(where):
        test = where
    else:
        ids = {st.target(i).id for i in where}

        def test(t: Any) -> bool:
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


def interactive_frontend() -> bool:
    """True when the running cell was sent by a front end a person works in.

    JupyterLab, Notebook and VS Code send ``allow_stdin = true`` with each cell; headless
    runners (nbclient in the build, nbval, papermill) send ``false``. The explorer builds
    its widgets only in the first case, so a headless run stores no widget state (random
    model ids would change the notebook on every build).
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    kernel = getattr(get_ipython(), "kernel", None)
    if kernel is None:
        return False
    try:
        parent = kernel.get_parent("shell")
    except Exception:  # an older kernel without get_parent
        return False
    return bool((parent or {}).get("content", {}).get("allow_stdin", False))


# ------------------------------------------------------------------------------------------------ explorer
@dataclass(frozen=True)
class Selection:
    """What the explorer shows: a study, a target (or none), an indicator and period, and the assumptions.

    ``about_tolerance``, ``numerator`` and ``denominator`` are None when the targets
    file's value applies; ``tiers`` are the evidence statuses admitted.
    """

    study: str
    target: str | None = None
    indicator: str = ""
    period: str = ""
    tiers: tuple[str, ...] = tuple(EVIDENCE_TIERS)
    about_tolerance: float | None = None
    numerator: str | None = None
    denominator: str | None = None

    def changes(self) -> dict[str, Any]:
        """The target fields this selection changes (for :meth:`Target.with_`)."""
        return {k: getattr(self, k) for k in ("about_tolerance", "numerator", "denominator")
                if getattr(self, k) is not None}


@dataclass
class Result:
    """What the explorer computed for a selection."""

    selection: Selection
    target: Any = None
    assessment: Any = None
    evidence: Any = None
    series: list[dict[str, Any]] = field(default_factory=list)
    html: str = ""
    error: str = ""

    @property
    def verdict(self) -> str:
        return self.assessment.status if self.assessment is not None else ""

    @property
    def statement(self) -> str:
        return self.assessment.statement_vi() if self.assessment is not None else ""

    def _repr_html_(self) -> str:
        return self.html


class Explorer:
    """Interactive exploration of one project's studies (see the module docstring).

    Parameters
    ----------
    study : str or Study, optional
        The study shown first (default: the default study).
    obs : pandas.DataFrame, optional
        The evidence store (default: :func:`analysis.load_observations`).
    root : path, optional
        Project root.
    """

    def __init__(self, study: Any = None, obs: Any = None, root: str | Path | None = None):
        from .store import cached_vocabulary, load_observations

        self.root = root
        self.obs = obs if obs is not None else load_observations(Path(root) if root else None)
        self.vocabulary = cached_vocabulary(self.obs.attrs.get("root") or root)
        self._studies: dict[str, Any] = {}
        self._evidence: dict[Any, Any] = {}
        self._ui: dict[str, Any] = {}
        self._syncing = False
        st = self.study(study)
        if study is not None and not isinstance(study, str):
            self._studies[st.id] = st
        self.selection = self.default_selection(st.id)

    # -- data -------------------------------------------------------------------------------------------
    def study(self, study: Any = None) -> Any:
        """A study by id (cached); None: the study shown (at the start: the default study)."""
        from .study import Study, default_study_id

        if isinstance(study, Study):
            return self._studies.setdefault(study.id, study)
        current = getattr(self, "selection", None)
        sid = study or (current.study if current is not None else default_study_id(self.root))
        if sid not in self._studies:
            st = _load_study(sid, self.root)
            self._studies[st.id] = st
            sid = st.id
        return self._studies[sid]

    def study_ids(self) -> list[str]:
        from .study import study_ids

        return list(dict.fromkeys(study_ids(self.root) + list(self._studies)))

    def evidence_store(self, selection: Selection | None = None) -> Any:
        """The study's evidence under the selection's tiers and definition (cached)."""
        s = selection or self.selection
        st = self.study(s.study)
        t = self.target_of(s)
        defs = tuple((k, v) for k, v in s.changes().items() if k in _DEFINITION_FIELDS)
        tiers = None if tiers_note(s.tiers) == "" else s.tiers
        key = (st.id, tiers, t.id if (t is not None and defs) else None, defs)
        if key not in self._evidence:
            targets = [t.with_(**dict(defs))] if (t is not None and defs) else None
            self._evidence[key] = study_obs(self.obs, st, tiers, targets=targets)
        return self._evidence[key]

    def target_of(self, selection: Selection | None = None) -> Any:
        s = selection or self.selection
        return self.study(s.study).target(s.target) if s.target else None

    # -- selection rules --------------------------------------------------------------------------------
    def default_selection(self, study: str | None = None) -> Selection:
        """The first numeric target of the study, its indicator and period, the file's assumptions."""
        st = self.study(study)
        t = next((t for t in st.targets if t.numeric), None)
        if t is None:
            key = next(iter(sorted(self.vocabulary)), "")
            return Selection(st.id, None, key, str(st.target_year))
        return Selection(st.id, t.id, t.indicator, t.period)

    def select(self, **changes: Any) -> Selection:  # noqa: C901 (one rule per setting, in order)
        """The selection after some changes (a widget callback), following the explorer's rules.

        A new study starts from its default selection; a new target brings its indicator
        and period and the file's assumptions; a tolerance or formula equal to the file's
        is stored as None (no assumption); unknown names raise with close matches.
        """
        from .names import check_name

        unknown = set(changes) - {f for f in Selection.__dataclass_fields__}
        if unknown:
            raise TypeError(f"unknown explorer setting(s) {sorted(unknown)}; expected "
                            f"{sorted(Selection.__dataclass_fields__)}")
        s = self.selection
        if "study" in changes and changes["study"] != s.study:
            s = self.default_selection(self.study(changes["study"]).id)
        if "target" in changes:
            tid = changes["target"] or None
            if tid is None:
                s = replace(s, target=None, about_tolerance=None, numerator=None, denominator=None)
            elif tid != s.target:
                t = self.study(s.study).target(tid)
                s = replace(s, target=t.id, indicator=t.indicator or s.indicator, period=t.period,
                            about_tolerance=None, numerator=None, denominator=None)
        if "indicator" in changes and changes["indicator"]:
            ev_obs, _ = self.evidence_store(s)
            known = list(self.vocabulary) + list(ev_obs["indicator"].unique())
            s = replace(s, indicator=check_name(changes["indicator"], known, "indicator"))
        if "period" in changes and changes["period"]:
            p = str(changes["period"]).strip()
            if not re.fullmatch(r"\d{4}(?:[-/.].+)?", p):
                raise ValueError(f"period {p!r}: expected a year such as '2023' or a period such as '2021-2025'")
            s = replace(s, period=p)
        if "tiers" in changes:
            chosen = set(changes["tiers"] or ())
            bad = chosen - set(EVIDENCE_TIERS)
            if bad:
                raise ValueError(f"unknown evidence tier(s) {sorted(bad)}; expected {EVIDENCE_TIERS}")
            s = replace(s, tiers=tuple(t for t in EVIDENCE_TIERS if t in chosen))
        t = self.target_of(s)
        if "about_tolerance" in changes:
            v = changes["about_tolerance"]
            if v is not None and (t is None or t.kind != "about"):
                v = None                                     # no "khoảng" target selected: nothing to change
            elif v is not None:
                v = float(v)
                if not v >= 0:
                    raise ValueError(f"about_tolerance must be ≥ 0, got {v!r}")
                v = None if math.isclose(v, dict(t.file_values).get("about_tolerance", t.about_tolerance),
                                         abs_tol=1e-9) else round(v, 6)
            s = replace(s, about_tolerance=v)
        for name in _DEFINITION_FIELDS:
            if name in changes:
                v = (changes[name] or "").strip() or None
                if v is not None:
                    if t is None or not definition_choices(t, self.vocabulary):
                        v = None
                    else:
                        from .derive import parse_formula

                        for alt in parse_formula(v):
                            for _, key in alt:
                                check_name(key, list(self.vocabulary), "indicator", f"{name} formula")
                        if v == (getattr(t, name) or ""):
                            v = None
                s = replace(s, **{name: v})
        return s

    def options(self, selection: Selection | None = None) -> dict[str, Any]:
        """Everything the widgets offer for a selection (labels and values; no widget is built)."""
        s = selection or self.selection
        st = self.study(s.study)
        t = self.target_of(s)
        ev_obs, _ = self.evidence_store(s)
        targets = [("— không chọn chỉ tiêu: chỉ xem chỉ số —", "")] + [
            (_short(f"{x.id} · {x.wording_vi}", 90), x.id) for x in st.targets if x.numeric]
        keys = list(dict.fromkeys(list(self.vocabulary) + ([s.indicator] if s.indicator else [])))
        indicators = [(_short(f"{k} · {self.vocabulary.get(k, {}).get('label_vi', '')}", 90), k) for k in keys]
        pers = periods(ev_obs, st, s.indicator) if s.indicator else []
        if s.period and s.period not in pers:
            pers.append(s.period)
        tol = {"enabled": False, "value": 0.0, "file": 0.0, "max": 1.0, "step": 0.05, "unit": ""}
        if t is not None and t.kind == "about":
            file_tol = float(dict(t.file_values).get("about_tolerance", t.about_tolerance))
            if file_tol > 0:
                mx, step = file_tol * 4, file_tol / 10
            elif t.unit.startswith("percent"):
                mx, step = 2.0, 0.05
            else:
                mx = max(abs(t.upper) * 0.2, 1.0)
                step = mx / 40
            value = s.about_tolerance if s.about_tolerance is not None else file_tol
            tol = {"enabled": True, "value": value, "file": file_tol, "max": max(mx, value), "step": step,
                   "unit": unit_vi(t.unit)}
        defs = definition_choices(t, self.vocabulary) if t is not None else {}
        return {"studies": self.study_ids(), "targets": targets, "indicators": indicators, "periods": pers,
                "tiers": [(Status(c).vi, c) for c in EVIDENCE_TIERS], "tolerance": tol, "definitions": defs}

    # -- results ----------------------------------------------------------------------------------------
    def result(self, selection: Selection | None = None) -> Result:
        """Evidence, assessment and HTML for a selection (raises on a bad selection)."""
        s = selection or self.selection
        st = self.study(s.study)
        t = self.target_of(s)
        tiers = None if tiers_note(s.tiers) == "" else s.tiers
        ev_obs, st2 = self.evidence_store(s)
        a = None
        if t is not None:
            tw = t.with_(**s.changes()) if s.changes() else t
            from .assessment import assess

            a = assess(tw, ev_obs, st2)
            a.assumptions = tuple(n for n in [tiers_note(tiers)] + definition_notes(tw) if n)
        ev = None
        if s.indicator and s.period:
            from .evidence import select_best

            ev = select_best(ev_obs, s.indicator, s.period, province=st.province, boundary=st.boundary_preference)
        series = self._series(ev_obs, st, s.indicator) if (t is None and s.indicator) else []
        r = Result(s, t, a, ev, series)
        r.html = self._html(r)
        return r

    def _series(self, ev_obs: Any, st: Any, indicator: str) -> list[dict[str, Any]]:
        from .evidence import select_best

        out = []
        for y in range(st.base_year, st.target_year + 1):
            ev = select_best(ev_obs, indicator, str(y), province=st.province, boundary=st.boundary_preference)
            if ev.found:
                c = ev.chosen
                out.append({"year": y, "value": ev.value, "unit": c["unit"], "status": c["status"],
                            "boundary": c["boundary"], "obs_id": c["obs_id"], "conflict": ev.conflict})
        return out

    def _html(self, r: Result) -> str:
        s = r.selection
        st = self.study(s.study)
        label = self.vocabulary.get(s.indicator, {}).get("label_vi", "")
        assumptions = [n for n in [tiers_note(s.tiers)] if n]
        if r.target is not None:
            assumptions += r.target.with_(**s.changes()).assumptions_vi() if s.changes() else []
        head = (f'<div style="font-size:15px;font-weight:600">{esc(st.short_title_vi)} — tỉnh {esc(st.province)}'
                f'</div><div style="color:#666">Nguồn được chấp nhận: '
                f'{esc(", ".join(Status(x).vi for x in s.tiers) or "không có")}; giả định khác tệp chỉ tiêu: '
                f'{esc("; ".join(assumptions) or "không")}</div>')
        parts = [head]
        if r.assessment is not None:
            parts.append('<h4 style="margin:10px 0 4px 0">Đánh giá chỉ tiêu</h4>')
            parts.append(assessment_html(r.assessment, chart=True))
        if r.evidence is not None:
            parts.append(f'<h4 style="margin:10px 0 4px 0">Bằng chứng: {esc(s.indicator)} ({esc(label)}), '
                         f'kỳ {esc(s.period)}</h4>')
            parts.append(evidence_html(r.evidence, title=f"{s.indicator} · {s.period} · {st.province}"))
        if r.target is None and s.indicator:
            parts.append(f'<h4 style="margin:10px 0 4px 0">Giá trị tốt nhất theo năm: {esc(s.indicator)}</h4>')
            parts.append(_series_html(r.series, s.indicator, st))
        return str(_box("".join(parts)))

    def render(self, selection: Selection | None = None) -> HTML:
        """The explorer's output for a selection as HTML (deterministic)."""
        return HTML(self.result(selection).html)

    def static(self) -> HTML:
        """The output for the study's default selection (what the notebook stores and nbval checks)."""
        return self.render(self.default_selection(self.selection.study))

    def update(self, **changes: Any) -> Result:
        """Apply changes (as a widget would) and return the new result."""
        self.selection = self.select(**changes)
        return self.result()

    def safe_update(self, **changes: Any) -> Result:
        """:meth:`update` that reports a bad choice in the output instead of raising (widget callbacks)."""
        try:
            return self.update(**changes)
        except Exception as exc:  # shown to the analyst, never a traceback in the notebook
            r = Result(self.selection, error=f"{type(exc).__name__}: {exc}")
            r.html = (f'<div style="border-left:4px solid #D55E00;padding:4px 8px;background:#FDECEA">'
                      f'<b>Không áp dụng được lựa chọn này.</b> {esc(r.error)}</div>')
            with contextlib.suppress(Exception):  # the previous selection is valid by construction; be safe
                r.html += self.result().html
            return r

    # -- widgets ----------------------------------------------------------------------------------------
    def widgets(self) -> Any:
        """The explorer as ipywidgets (controls above, output below), wired to :meth:`safe_update`."""
        import ipywidgets as w

        s, o = self.selection, self.options()
        style = {"description_width": "initial"}
        ui: dict[str, Any] = {
            "study": w.Dropdown(options=o["studies"], value=s.study, description="Nghiên cứu", style=style,
                                layout=w.Layout(width="360px")),
            "target": w.Dropdown(options=o["targets"], value=s.target or "", description="Chỉ tiêu", style=style,
                                 layout=w.Layout(width="640px")),
            "indicator": w.Dropdown(options=o["indicators"], value=s.indicator, description="Chỉ số", style=style,
                                    layout=w.Layout(width="560px")),
            "period": w.Dropdown(options=o["periods"], value=s.period, description="Kỳ", style=style,
                                 layout=w.Layout(width="220px")),
            "tiers": [w.Checkbox(value=code in s.tiers, description=lab, indent=False,
                                 layout=w.Layout(width="150px")) for lab, code in o["tiers"]],
            "about_tolerance": w.FloatSlider(value=o["tolerance"]["value"], min=0.0, max=o["tolerance"]["max"],
                                             step=o["tolerance"]["step"], readout_format=".2f",
                                             continuous_update=False, description="Dung sai 'khoảng' ±",
                                             style=style, layout=w.Layout(width="460px"),
                                             disabled=not o["tolerance"]["enabled"]),
            "numerator": w.Combobox(options=o["definitions"].get("numerator", []), value=s.numerator or "",
                                    placeholder="tử số theo tệp chỉ tiêu", description="Tử số", ensure_option=False,
                                    continuous_update=False, style=style, layout=w.Layout(width="560px"),
                                    disabled=not o["definitions"]),
            "denominator": w.Combobox(options=o["definitions"].get("denominator", []), value=s.denominator or "",
                                      placeholder="mẫu số theo tệp chỉ tiêu", description="Mẫu số",
                                      ensure_option=False, continuous_update=False, style=style,
                                      layout=w.Layout(width="560px"), disabled=not o["definitions"]),
            "reset": w.Button(description="Về giả định của tệp", icon="undo", layout=w.Layout(width="200px")),
            "out": w.HTML(value=self.safe_update().html),
        }
        self._ui = ui
        for name in ("study", "target", "indicator", "period", "about_tolerance", "numerator", "denominator"):
            ui[name].observe(lambda ch, n=name: self._on_change(n, ch["new"]), names="value")
        for cb in ui["tiers"]:
            cb.observe(lambda ch: self._on_change("tiers", [c for (_, c), x in zip(o["tiers"], ui["tiers"],
                                                                                  strict=True) if x.value]),
                       names="value")
        ui["reset"].on_click(lambda _: self._on_change("reset", None))
        tiers_box = w.HBox([w.Label("Nguồn được chấp nhận:", layout=w.Layout(width="170px"))] + ui["tiers"])
        box = w.VBox([w.HBox([ui["study"], ui["target"]]), w.HBox([ui["indicator"], ui["period"]]), tiers_box,
                      w.HBox([ui["about_tolerance"], ui["reset"]]), w.HBox([ui["numerator"]]),
                      w.HBox([ui["denominator"]]), ui["out"]])
        box.add_class("qa-explorer")
        ui["out"].add_class("qa-explorer-output")
        return box

    def _on_change(self, name: str, value: Any) -> None:
        if self._syncing:
            return
        if name == "reset":
            r = self.safe_update(tiers=list(EVIDENCE_TIERS), about_tolerance=None, numerator=None, denominator=None)
        else:
            r = self.safe_update(**{name: value})
        self._sync()
        self._ui["out"].value = r.html

    def _sync(self) -> None:
        """Set every control to the selection and its options (without triggering callbacks)."""
        ui, s, o = self._ui, self.selection, self.options()
        self._syncing = True
        try:
            ui["study"].value = s.study
            if list(ui["target"].options) != o["targets"]:
                ui["target"].options = o["targets"]
            ui["target"].value = s.target or ""
            if s.indicator not in [v for _, v in ui["indicator"].options]:
                ui["indicator"].options = o["indicators"]
            ui["indicator"].value = s.indicator
            ui["period"].options = o["periods"]
            ui["period"].value = s.period
            for (_, code), cb in zip(o["tiers"], ui["tiers"], strict=True):
                cb.value = code in s.tiers
            tol, sl = o["tolerance"], ui["about_tolerance"]
            sl.max = max(tol["max"], sl.min)
            sl.step = tol["step"]
            sl.value = tol["value"]
            sl.disabled = not tol["enabled"]
            for name in _DEFINITION_FIELDS:
                ui[name].options = o["definitions"].get(name, [])
                ui[name].value = getattr(s, name) or ""
                ui[name].disabled = not o["definitions"]
        finally:
            self._syncing = False

    def show(self, force: bool = False) -> None:
        """Display the widgets in JupyterLab; in a headless run (see :func:`interactive_frontend`) a note only."""
        from IPython.display import display

        if force or interactive_frontend():
            display(self.widgets())
        else:
            display(HTML('<div style="color:#666;font-style:italic">Bảng điều khiển tương tác hiện ở đây khi mở '
                         "sổ này trong JupyterLab và chạy các ô (Run All). Khi chạy không giao diện, xem bản tĩnh "
                         "cho lựa chọn mặc định ở ô dưới. <span lang=\"en\">Interactive controls appear here in "
                         "JupyterLab; a headless run shows the static rendering below.</span></div>"))


def _short(text: str, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _series_html(series: list[dict[str, Any]], indicator: str, st: Any) -> str:
    if not series:
        return (f'<p>Chưa có số liệu theo năm của {esc(indicator)} trong {st.base_year}–{st.target_year} '
                "(trong các nguồn được chấp nhận).</p>")
    unit = series[0]["unit"]
    same_unit = all(r["unit"] == unit for r in series)
    rows = "".join(
        f'<tr><td style="padding:2px 6px">{r["year"]}</td>'
        f'<td style="padding:2px 6px;text-align:right">{esc(num_vi(r["value"], r["unit"]))}</td>'
        f'<td style="padding:2px 6px">{esc(unit_vi(r["unit"]))}</td>'
        f'<td style="padding:2px 6px">{badge(status_vi(r["status"]), colour(r["status"]))}</td>'
        f'<td style="padding:2px 6px">{esc(boundary_vi(r["boundary"]))}</td>'
        f'<td style="padding:2px 6px"><code>{esc(r["obs_id"])}</code>'
        f'{" · có nguồn mâu thuẫn" if r["conflict"] else ""}</td></tr>' for r in series)
    table = ('<table style="border-collapse:collapse;font-size:12.5px"><thead><tr>'
             + "".join(f'<th style="text-align:left;padding:2px 6px;border-bottom:2px solid #888">{h}</th>'
                       for h in ("Năm", "Giá trị", "Đơn vị", "Tình trạng", "Địa giới", "Mã")) + "</tr></thead><tbody>"
             + rows + "</tbody></table>")
    chart = series_svg([(r["year"], r["value"], colour(r["status"]), f"({status_vi(r['status'])})") for r in series],
                       list(range(st.base_year, st.target_year + 1)), unit,
                       title=f"{indicator} — giá trị tốt nhất theo năm") if same_unit else ""
    return table + chart
