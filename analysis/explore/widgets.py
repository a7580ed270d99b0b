"""The interactive explorer (ipywidgets): a study, a target or indicator, a period and the what-if assumptions.

:class:`Explorer` keeps a :class:`~analysis.explore.selection.Selection` and computes a
:class:`~analysis.explore.selection.Result` for it. Widgets are built only in
:meth:`Explorer.widgets`, and only when a person works in the notebook
(:func:`interactive_frontend`); every callback goes through :meth:`Explorer.select` and
:meth:`Explorer.result`, which are tested without a browser. A headless run stores the
static rendering (:meth:`Explorer.static`, HTML from :mod:`analysis.explore.views`).
``Explorer`` is importable from :mod:`analysis.explore`, as before.
"""

from __future__ import annotations

import contextlib
import math
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.assessment.verdicts import assess
from analysis.core.names import check_name
from analysis.core.vocabulary import EVIDENCE_TIERS, Status
from analysis.display.blocks import HTML
from analysis.evidence.derive import parse_formula
from analysis.evidence.select import select_best
from analysis.sources.manifest import cached_vocabulary
from analysis.sources.store import load_observations
from analysis.studies.study import Study, default_study_id, study_ids
from analysis.studies.targets import Target
from analysis.wording.labels import unit_vi

from .assumptions import _DEFINITION_FIELDS, _load_study, definition_choices, definition_notes, periods, study_obs, tiers_note
from .peers import compare, peer_choices, peers_html
from .selection import Result, Selection
from .views import error_html, headless_note, result_html

if TYPE_CHECKING:  # annotations only; pandas loads with the functions that use it
    import pandas as pd

__all__ = ["Explorer", "interactive_frontend"]


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

    def __init__(self, study: str | Study | None = None, obs: pd.DataFrame | None = None, root: str | Path | None = None):

        self.root = root
        self.obs = obs if obs is not None else load_observations(Path(root) if root else None)
        self.vocabulary = cached_vocabulary(self.obs.attrs.get("root") or root)
        self._studies: dict[str, Study] = {}
        self._evidence: dict[tuple, tuple[pd.DataFrame, Study]] = {}
        self._ui: dict[str, Any] = {}
        self._syncing = False
        st = self.study(study)
        if study is not None and not isinstance(study, str):
            self._studies[st.id] = st
        self.selection = self.default_selection(st.id)

    # -- data -------------------------------------------------------------------------------------------
    def study(self, study: str | Study | None = None) -> Study:
        """A study by id (cached); None: the study shown (at the start: the default study)."""

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

        return list(dict.fromkeys(study_ids(self.root) + list(self._studies)))

    def evidence_store(self, selection: Selection | None = None) -> tuple[pd.DataFrame, Study]:
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

    def target_of(self, selection: Selection | None = None) -> Target | None:
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

        unknown = set(changes) - {f for f in Selection.__dataclass_fields__}
        if unknown:
            raise TypeError(f"unknown explorer setting(s) {sorted(unknown)}; expected {sorted(Selection.__dataclass_fields__)}")
        s = self.selection
        if "study" in changes and changes["study"] != s.study:
            s = self.default_selection(self.study(changes["study"]).id)
        if "target" in changes:
            tid = changes["target"] or None
            if tid is None:
                s = replace(s, target=None, about_tolerance=None, numerator=None, denominator=None)
            elif tid != s.target:
                t = self.study(s.study).target(tid)
                s = replace(
                    s,
                    target=t.id,
                    indicator=t.indicator or s.indicator,
                    period=t.period,
                    about_tolerance=None,
                    numerator=None,
                    denominator=None,
                )
        if "indicator" in changes and changes["indicator"]:
            ev_obs, _ = self.evidence_store(s)
            known = list(self.vocabulary) + list(ev_obs["indicator"].unique())
            s = replace(s, indicator=check_name(changes["indicator"], known, "indicator"))
            if s.peers:  # peers without a value of the new indicator drop out of the comparison
                have = set(peer_choices(self.obs, s.indicator))
                s = replace(s, peers=tuple(p for p in s.peers if p in have))
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
        if "peers" in changes:
            known = peer_choices(self.obs, s.indicator)
            s = replace(
                s,
                peers=tuple(
                    dict.fromkeys(
                        check_name(p, known, "province", f"the evidence store ({s.indicator})") for p in changes["peers"] or ()
                    )
                ),
            )
        t = self.target_of(s)
        if "about_tolerance" in changes:
            v = changes["about_tolerance"]
            if v is not None and (t is None or t.kind != "about"):
                v = None  # no "khoảng" target selected: nothing to change
            elif v is not None:
                v = float(v)
                if not v >= 0:
                    raise ValueError(f"about_tolerance must be ≥ 0, got {v!r}")
                v = (
                    None
                    if math.isclose(v, dict(t.file_values).get("about_tolerance", t.about_tolerance), abs_tol=1e-9)
                    else round(v, 6)
                )
            s = replace(s, about_tolerance=v)
        for name in _DEFINITION_FIELDS:
            if name in changes:
                v = (changes[name] or "").strip() or None
                if v is not None:
                    if t is None or not definition_choices(t, self.vocabulary):
                        v = None
                    else:
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
            (_short(f"{x.id} · {x.wording_vi}", 90), x.id) for x in st.targets if x.numeric
        ]
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
            tol = {
                "enabled": True,
                "value": value,
                "file": file_tol,
                "max": max(mx, value),
                "step": step,
                "unit": unit_vi(t.unit),
            }
        defs = definition_choices(t, self.vocabulary) if t is not None else {}
        peers = peer_choices(self.obs, s.indicator, exclude=[st.province]) if s.indicator else []
        return {
            "studies": self.study_ids(),
            "targets": targets,
            "indicators": indicators,
            "periods": pers,
            "tiers": [(Status(c).vi, c) for c in EVIDENCE_TIERS],
            "tolerance": tol,
            "definitions": defs,
            "peers": peers,
        }

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

            a = assess(tw, ev_obs, st2)
            a.assumptions = tuple(n for n in [tiers_note(tiers)] + definition_notes(tw) if n)
        ev = None
        if s.indicator and s.period:
            ev = select_best(ev_obs, s.indicator, s.period, province=st.province, boundary=st.boundary_preference)
        series = self._series(ev_obs, st, s.indicator) if (t is None and s.indicator) else []
        r = Result(s, t, a, ev, series)
        if s.peers and s.indicator:  # provinces chosen to compare with, on any indicator they have
            r.peers = compare(self.obs, st, s.indicator, s.peers)
        r.html = self._html(r)
        if r.peers is not None:
            label = self.vocabulary.get(s.indicator, {}).get("label_vi", "")
            r.html = r.html[: r.html.rfind("</div>")] + peers_html(r.peers, s.indicator, label, st) + "</div>"
        return r

    def _series(self, ev_obs: pd.DataFrame, st: Study, indicator: str) -> list[dict[str, Any]]:

        out = []
        for y in range(st.base_year, st.target_year + 1):
            ev = select_best(ev_obs, indicator, str(y), province=st.province, boundary=st.boundary_preference)
            if ev.found:
                c = ev.chosen
                out.append(
                    {
                        "year": y,
                        "value": ev.value,
                        "unit": c["unit"],
                        "status": c["status"],
                        "boundary": c["boundary"],
                        "obs_id": c["obs_id"],
                        "conflict": ev.conflict,
                    }
                )
        return out

    def _html(self, r: Result) -> str:
        return result_html(r, self.study(r.selection.study), self.vocabulary)

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
            r.html = error_html(r.error)
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
            "study": w.Dropdown(
                options=o["studies"], value=s.study, description="Nghiên cứu", style=style, layout=w.Layout(width="360px")
            ),
            "target": w.Dropdown(
                options=o["targets"], value=s.target or "", description="Chỉ tiêu", style=style, layout=w.Layout(width="640px")
            ),
            "indicator": w.Dropdown(
                options=o["indicators"], value=s.indicator, description="Chỉ số", style=style, layout=w.Layout(width="560px")
            ),
            "period": w.Dropdown(
                options=o["periods"], value=s.period, description="Kỳ", style=style, layout=w.Layout(width="220px")
            ),
            "tiers": [
                w.Checkbox(value=code in s.tiers, description=lab, indent=False, layout=w.Layout(width="150px"))
                for lab, code in o["tiers"]
            ],
            "about_tolerance": w.FloatSlider(
                value=o["tolerance"]["value"],
                min=0.0,
                max=o["tolerance"]["max"],
                step=o["tolerance"]["step"],
                readout_format=".2f",
                continuous_update=False,
                description="Dung sai 'khoảng' ±",
                style=style,
                layout=w.Layout(width="460px"),
                disabled=not o["tolerance"]["enabled"],
            ),
            "numerator": w.Combobox(
                options=o["definitions"].get("numerator", []),
                value=s.numerator or "",
                placeholder="tử số theo tệp chỉ tiêu",
                description="Tử số",
                ensure_option=False,
                continuous_update=False,
                style=style,
                layout=w.Layout(width="560px"),
                disabled=not o["definitions"],
            ),
            "denominator": w.Combobox(
                options=o["definitions"].get("denominator", []),
                value=s.denominator or "",
                placeholder="mẫu số theo tệp chỉ tiêu",
                description="Mẫu số",
                ensure_option=False,
                continuous_update=False,
                style=style,
                layout=w.Layout(width="560px"),
                disabled=not o["definitions"],
            ),
            "peers": w.SelectMultiple(
                options=o["peers"],
                value=tuple(p for p in s.peers if p in o["peers"]),
                description="So sánh với",
                rows=6,
                style=style,
                layout=w.Layout(width="460px"),
            ),
            "reset": w.Button(description="Về giả định của tệp", icon="undo", layout=w.Layout(width="200px")),
            "out": w.HTML(value=self.safe_update().html),
        }
        self._ui = ui
        for name in ("study", "target", "indicator", "period", "about_tolerance", "numerator", "denominator", "peers"):
            ui[name].observe(lambda ch, n=name: self._on_change(n, ch["new"]), names="value")
        for cb in ui["tiers"]:
            cb.observe(
                lambda ch: self._on_change("tiers", [c for (_, c), x in zip(o["tiers"], ui["tiers"], strict=True) if x.value]),
                names="value",
            )
        ui["reset"].on_click(lambda _: self._on_change("reset", None))
        tiers_box = w.HBox([w.Label("Nguồn được chấp nhận:", layout=w.Layout(width="170px"))] + ui["tiers"])
        box = w.VBox(
            [
                w.HBox([ui["study"], ui["target"]]),
                w.HBox([ui["indicator"], ui["period"]]),
                tiers_box,
                w.HBox([ui["about_tolerance"], ui["reset"]]),
                w.HBox([ui["numerator"]]),
                w.HBox([ui["denominator"]]),
                w.HBox([ui["peers"]]),
                ui["out"],
            ]
        )
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
            if list(ui["peers"].options) != o["peers"]:
                ui["peers"].options = o["peers"]
            ui["peers"].value = tuple(p for p in s.peers if p in o["peers"])
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
            display(headless_note())


def _short(text: str, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
