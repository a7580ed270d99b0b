"""What placing a province among its peers needs from ``data/raw/``: the ranking settings
(``ranking.toml``) and the provinces of each boundary (the territory vocabulary,
:mod:`analysis.sources.territories`, read from ``territories.csv``).

``peer_settings(root)`` returns a :class:`PeerSettings`; the ranking itself
(:mod:`analysis.assessment.ranking`) reads no file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from analysis.core.errors import InputError
from analysis.core.paths import raw_dir

from .manifest import read_csv_rows
from .territories import TERRITORIES_FILE, cached_territories

__all__ = ["PeerSettings", "peer_settings", "RANKING_FILE"]

RANKING_FILE = "ranking.toml"
_ORDERS = ("descending", "ascending")


@dataclass(frozen=True)
class PeerSettings:
    """When a ranking is stated and among which provinces.

    Attributes
    ----------
    min_coverage : float
        Share of a boundary's provinces the store must hold a value for (``ranking.toml``).
    order : str
        ``descending`` (largest value first) or ``ascending``.
    provinces : dict of str to tuple of str
        The provinces of each boundary (``pre2025``: the old provinces, ``merged2025``: the new ones).
    regions : dict of (str, str) to str
        The region of a (boundary, province), where the lineage has a ``region`` column; empty otherwise.
    """

    min_coverage: float
    order: str = "descending"
    provinces: dict[str, tuple[str, ...]] = field(default_factory=dict)
    regions: dict[tuple[str, str], str] = field(default_factory=dict)


def _lineage(root: Path | None) -> tuple[dict[str, tuple[str, ...]], dict[tuple[str, str], str]]:
    """The provinces of each boundary from the territory vocabulary, and the regions where the lineage file
    has a ``region`` column (the vocabulary does not carry one)."""
    territories = cached_territories(root)
    if not territories:
        return {}, {}
    provinces = {"pre2025": tuple(territories.old_names), "merged2025": tuple(territories.new_names)}
    regions: dict[tuple[str, str], str] = {}
    path = raw_dir(root) / TERRITORIES_FILE
    rows = [r for _, r in read_csv_rows(path, f"data/raw/{TERRITORIES_FILE}", ["old_province", "new_province"])]
    for r in rows:
        if r.get("region"):
            regions[("pre2025", r["old_province"])] = r["region"]
            regions.setdefault(("merged2025", r["new_province"]), r["region"])
    return provinces, regions


def peer_settings(root: Path | None = None, *, required: bool = True) -> PeerSettings | None:
    """The ranking settings and the provinces of each boundary, from ``data/raw/``.

    Parameters
    ----------
    root : path, optional
        Project root.
    required : bool
        Raise when ``ranking.toml`` is missing; with False return None (a project without the
        file states no rank).

    Raises
    ------
    InputError
        When ``ranking.toml`` is missing, its ``min_coverage`` is not a share in (0, 1] or its order unknown.
    """
    path = raw_dir(root) / RANKING_FILE
    if not path.exists():
        if not required:
            return None
        raise InputError(
            f"data/raw/{RANKING_FILE} not found: it states when a province's rank is shown "
            "(min_coverage = share of the provinces of a boundary with a value)"
        )
    with path.open("rb") as fh:
        conf = tomllib.load(fh)
    share = conf.get("min_coverage")
    if not isinstance(share, int | float) or isinstance(share, bool) or not 0 < share <= 1:
        raise InputError(f"data/raw/{RANKING_FILE}: min_coverage must be a share in (0, 1], got {share!r}")
    order = conf.get("order", "descending")
    if order not in _ORDERS:
        raise InputError(f"data/raw/{RANKING_FILE}: order must be one of {_ORDERS}, got {order!r}")
    provinces, regions = _lineage(root)
    return PeerSettings(float(share), order, provinces, regions)
