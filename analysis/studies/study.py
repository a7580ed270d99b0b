"""Studies as data: a province plus a resolution's targets.

A study is a folder ``data/raw/studies/<study-id>/`` holding

* ``study.toml`` (read with the standard library's :mod:`tomllib`), whose six
  required top-level keys are ``province`` (as written in the manifest and the
  evidence store), ``boundary`` (``pre2025`` or ``merged2025``: the territory the
  targets were set for), ``base_year``, ``target_year``, ``title_vi`` and
  ``title_en``; optional keys used by the outputs are ``short_title_vi``,
  ``short_title_en``, ``reporting_years`` (default: base year + 1 … target year),
  ``boundary_fallback`` (other territories admitted, flagged, in order of
  preference; default ``["unknown"]``), ``default`` (the study used when none is
  named), ``targets`` (file name, default ``targets.csv``), and the tables
  ``[resolution]`` and ``[report]`` (names, dates, headings);
* ``targets.csv`` (see :mod:`analysis.studies.targets`).

Nothing in the code knows a study: adding a folder adds a study to every command
(``python -m analysis build`` builds them all).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.core.errors import Location, ManifestError
from analysis.core.input_schema import STUDY_TOML
from analysis.core.names import check_name, nfc
from analysis.core.paths import project_root, raw_dir
from analysis.sources.manifest import load_manifest
from analysis.sources.territories import cached_territories

from .targets import Target
from .targets_csv import read_targets

__all__ = ["Study", "load_study", "load_targets", "study_ids", "default_study_id", "STUDY_KEYS"]

#: the keys every study.toml must give
STUDY_KEYS = tuple(STUDY_TOML.required())  # described in analysis.core.input_schema
_BOUNDARIES = STUDY_TOML.allowed("boundary")


def studies_dir(root: str | Path | None = None) -> Path:
    """``data/raw/studies/``: one folder per study."""
    return raw_dir(root) / "studies"


@dataclass(frozen=True)
class Study:
    """A province and the targets of one resolution, with what the outputs need.

    Attributes
    ----------
    id : str
        Folder name under ``data/raw/studies/``.
    province, boundary : str
        Whose evidence is admitted and for which territory.
    base_year, target_year : int
    title_vi, title_en : str
    targets : tuple of Target
        In report order.
    options : dict
        Every other key of ``study.toml``.
    """

    id: str
    province: str
    boundary: str
    base_year: int
    target_year: int
    title_vi: str
    title_en: str
    targets: tuple[Target, ...] = field(repr=False)
    options: dict[str, Any] = field(default_factory=dict, repr=False)
    folder: Path | None = field(default=None, repr=False)
    root: Path | None = field(default=None, repr=False)

    @property
    def boundary_preference(self) -> list[str]:
        """The study's boundary, then its admitted fallbacks (each fallback is flagged)."""
        fallback = [b for b in self.options.get("boundary_fallback", ["unknown"]) if b != self.boundary]
        return [self.boundary] + fallback

    @property
    def reporting_years(self) -> list[int]:
        """Years shown year by year in the outputs (default: base year + 1 … target year)."""
        years = self.options.get("reporting_years")
        return [int(y) for y in years] if years else list(range(self.base_year + 1, self.target_year + 1))

    @property
    def short_title_vi(self) -> str:
        return str(self.options.get("short_title_vi") or self.title_vi)

    @property
    def short_title_en(self) -> str:
        return str(self.options.get("short_title_en") or self.title_en)

    @property
    def period_text(self) -> str:
        """``2021–2025``: the years the study reports on."""
        ys = self.reporting_years
        return f"{ys[0]}–{ys[-1]}" if len(ys) > 1 else str(ys[0])

    @property
    def successor(self) -> str | None:
        """The province whose territory includes the study's from 1 July 2025 (``data/raw/territories.csv``;
        None for a study of a new province or a province the lineage does not know). For a study of Nam Định
        it is Ninh Bình: a figure of Ninh Bình (mới) is another territory for it, flagged, never its own."""
        if self.boundary != "pre2025":
            return None
        return cached_territories(self.root).successor(self.province)

    def territory_vi(self, boundary: str | None = None, short: bool = False) -> str:
        """The Vietnamese name of one of the study's territories (default: its own): the ``[territory]`` table of
        ``study.toml`` when it names it (``pre2025_vi``, ``merged2025_vi``, ``merged2025_short_vi``), else from the
        lineage ("tỉnh Nam Định (cũ), nay thuộc tỉnh Ninh Bình"; "tỉnh Quảng Ngãi (mới), gồm địa bàn tỉnh Kon
        Tum (cũ), từ ngày 01/7/2025")."""
        boundary = boundary or self.boundary
        words = self.section("territory")
        key = f"{boundary}_short_vi" if short and boundary == "merged2025" else f"{boundary}_vi"
        if words.get(key):
            return str(words[key])
        return cached_territories(self.root).name_vi(self.province, boundary, short=short)

    def section(self, name: str) -> dict[str, Any]:
        """An optional table of ``study.toml`` (``resolution``, ``report``), empty if absent."""
        value = self.options.get(name, {})
        return value if isinstance(value, dict) else {}

    def target(self, target_id: str) -> Target:
        """The target with this id; an unknown id raises with close matches."""
        tid = check_name(target_id, [t.id for t in self.targets], "target", f"study '{self.id}'")
        return next(t for t in self.targets if t.id == tid)

    def with_targets(self, targets: list[Target] | tuple[Target, ...]) -> Study:
        """The same study with other targets (what-if assumptions), in report order."""
        from dataclasses import replace

        return replace(self, targets=tuple(sorted(targets, key=lambda t: t.order)))

    def __repr__(self) -> str:
        return (
            f"Study({self.id!r}: {self.province}, {self.boundary}, {self.base_year}→{self.target_year}, "
            f"{len(self.targets)} targets)"
        )


def study_ids(root: str | Path | None = None) -> list[str]:
    """The ids of every study folder that has a ``study.toml``, sorted."""
    d = studies_dir(root)
    return sorted(p.parent.name for p in d.glob("*/study.toml")) if d.is_dir() else []


def _read_toml(path: Path, shown: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(Location(shown), f"not valid TOML ({exc})", "key = value lines") from None


def default_study_id(root: str | Path | None = None) -> str:
    """The study marked ``default = true`` (else the first by id)."""
    ids = study_ids(root)
    if not ids:
        raise ManifestError(
            Location("data/raw/studies/"),
            "no study folder with a study.toml",
            "data/raw/studies/<study-id>/study.toml and targets.csv",
        )
    marked = [i for i in ids if _read_toml(studies_dir(root) / i / "study.toml", i).get("default") is True]
    return marked[0] if marked else ids[0]


def _manifest_provinces(root: str | Path | None) -> list[str]:

    return sorted({nfc(m["province"]) for _, m in load_manifest(root) if m["province"]})


def _study_province(name: str, boundary: str, root: str | Path | None, shown: str) -> str:
    """The study's province in its known spelling: a name of the manifest or of the territory lineage (old names
    for ``pre2025``, new names for ``merged2025``).

    Raises
    ------
    UnknownNameError
        For a name neither knows, with the closest old and new names.
    ManifestError
        For an old province set for the merged map (it names the successor).
    """
    territories = cached_territories(root)
    known = territories.canonical(name, boundary)
    if known is not None:
        return known
    manifest = _manifest_provinces(root)
    other = territories.canonical(name, None)
    if other is not None and other not in manifest:
        raise ManifestError(
            Location(shown),
            f"province = '{name}' with boundary = '{boundary}': '{other}' is a "
            f"province of the old map, part of '{territories.successor(other)}' since "
            f"{territories.effective}",
            f"province = '{territories.successor(other)}' for the merged province, or boundary = 'pre2025' for the former one",
        )
    return check_name(
        name,
        manifest + [n for n in territories.names() if n not in manifest] + list(territories.written_aliases),
        "province",
        shown,
    )


def load_study(study: str | Study | None = None, root: str | Path | None = None) -> Study:
    """Load and validate a study.

    Parameters
    ----------
    study : str, Study or None
        A study id (folder name), a :class:`Study` (returned as is) or None for the
        default study.
    root : path, optional
        Project root.

    Raises
    ------
    UnknownNameError
        For an unknown study id or a province no input file is about (with close matches).
    ManifestError
        For a missing key or a value of the wrong type, naming the file and key.
    """
    if isinstance(study, Study):
        return study
    sid = default_study_id(root) if study is None else check_name(study, study_ids(root), "study", "data/raw/studies/")
    folder = studies_dir(root) / sid
    shown = f"data/raw/studies/{sid}/study.toml"
    data = _read_toml(folder / "study.toml", shown)
    missing = [k for k in STUDY_KEYS if k not in data]
    if missing:
        raise ManifestError(Location(shown), f"missing key(s) {missing}", f"the keys {list(STUDY_KEYS)}")
    for k in ("base_year", "target_year"):
        if not isinstance(data[k], int):
            raise ManifestError(Location(shown), f"{k} = {data[k]!r} is not a whole number", "e.g. 2025")
    if data["base_year"] >= data["target_year"]:
        raise ManifestError(Location(shown), "base_year is not before target_year", "base_year < target_year")
    if data["boundary"] not in _BOUNDARIES:
        raise ManifestError(Location(shown), f"boundary '{data['boundary']}'", f"one of {list(_BOUNDARIES)}")
    fallback = data.get("boundary_fallback", ["unknown"])
    if not isinstance(fallback, list) or any(b not in (*_BOUNDARIES, "unknown") for b in fallback):
        raise ManifestError(
            Location(shown), f"boundary_fallback = {fallback!r}", 'a list of boundaries, e.g. ["merged2025", "unknown"]'
        )
    years = data.get("reporting_years")
    if years is not None and (not isinstance(years, list) or not all(isinstance(y, int) for y in years)):
        raise ManifestError(Location(shown), f"reporting_years = {years!r}", "a list of years, e.g. [2021, 2022]")
    province = _study_province(nfc(data["province"]), data["boundary"], root, shown)
    targets = read_targets(root, folder / str(data.get("targets", "targets.csv")))
    options = {k: v for k, v in data.items() if k not in STUDY_KEYS}
    return Study(
        id=sid,
        province=province,
        boundary=data["boundary"],
        base_year=data["base_year"],
        target_year=data["target_year"],
        title_vi=nfc(data["title_vi"]),
        title_en=data["title_en"],
        targets=tuple(targets),
        options=options,
        folder=folder,
        root=project_root(root),
    )


def load_targets(root: str | Path | None = None, path: str | Path | None = None) -> list[Target]:
    """Read and validate a targets file, sorted by ``order`` (:func:`analysis.studies.targets_csv.read_targets`).

    Parameters
    ----------
    root : path, optional
        Project root (for the indicator vocabulary).
    path : path, optional
        The targets file; default: the default study's (see :func:`load_study`).
    """
    if path is None:
        return list(load_study(None, root).targets)
    return read_targets(root, path)
