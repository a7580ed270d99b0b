"""Territories: the provinces before and after the 1 July 2025 reorganisation, as data.

``data/raw/territories.csv`` (from ``shared/data/territories_2025.csv``, provenance in
``territories.md``) has one row per province of the old map (63): ``old_province``, the
``new_province`` whose territory includes it from ``effective`` (34 provinces),
``change`` (``merged`` / ``unchanged``), the legal act (Nghị quyết 202/2025/QH15) and a
source, and three columns this suite adds: ``aliases`` (other spellings of the old name,
``;``-separated, e.g. "Thừa Thiên Huế" for "Huế"), ``old_level`` and ``new_level``
("tỉnh" or "thành phố": how the statistics office writes the kind of unit).

A *territory* is a province × boundary: ``(P, "pre2025")`` is province P on the 63-province
map, ``(P, "merged2025")`` province P of the 34. :class:`Territories` answers

* which names are valid for a boundary (old names and aliases for ``pre2025``, new names for
  ``merged2025``, any for ``unknown``) and the canonical spelling of a typed name
  (:meth:`Territories.canonical`: NFC-normalised, case-insensitive; unknown names raise with
  suggestions from old and new names);
* the lineage: the successor of an old province (:meth:`Territories.successor`), the old
  provinces of a new one (:meth:`Territories.members`);
* the Vietnamese name of a territory (:meth:`Territories.name_vi`): "tỉnh Nam Định (cũ), nay
  thuộc tỉnh Ninh Bình"; "tỉnh Quảng Ngãi (mới), gồm địa bàn tỉnh Kon Tum (cũ), từ ngày
  01/7/2025".

Without ``territories.csv`` the vocabulary is empty and only the manifest's provinces are known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from analysis.core.errors import Location, ManifestError
from analysis.core.names import nfc, suggest
from analysis.core.paths import raw_dir

from .manifest import read_csv_rows
from .yearbook.grid import col_letter

__all__ = ["TERRITORIES_FILE", "TERRITORY_COLUMNS", "Territories", "load_territories", "cached_territories"]

TERRITORIES_FILE = "territories.csv"
TERRITORY_COLUMNS = ["old_province", "new_province", "effective", "change", "legal_act", "source_url"]
_CHANGES = ("merged", "unchanged")
_LEVELS = ("tỉnh", "thành phố")


def _fold(text: str) -> str:
    return " ".join(nfc(text).casefold().split())


@dataclass(frozen=True)
class Territories:
    """The territory vocabulary (see the module docstring).

    Attributes
    ----------
    successor_of : dict
        Old province → new province whose territory includes it from :attr:`effective`.
    aliases : dict
        Other spelling (folded) → old province name.
    level_old, level_new : dict
        Province → "tỉnh" / "thành phố" on the old / new map.
    effective : str
        Date of the reorganisation (``YYYY-MM-DD``), the latest of the rows.
    unchanged : frozenset
        Old provinces whose territory did not change.
    written_aliases : tuple of str
        The aliases as the file writes them (for suggestions).
    """

    successor_of: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    level_old: dict[str, str] = field(default_factory=dict)
    level_new: dict[str, str] = field(default_factory=dict)
    effective: str = ""
    unchanged: frozenset[str] = frozenset()
    written_aliases: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.successor_of)

    @property
    def old_names(self) -> list[str]:
        """The provinces of the old map (boundary ``pre2025``), in file order."""
        return list(self.successor_of)

    @property
    def new_names(self) -> list[str]:
        """The provinces of the new map (boundary ``merged2025``), in file order."""
        return list(dict.fromkeys(self.successor_of.values()))

    def names(self, boundary: str | None = None) -> list[str]:
        """Valid names for a boundary: old names for ``pre2025``, new for ``merged2025``, both otherwise."""
        if boundary == "pre2025":
            return self.old_names
        if boundary == "merged2025":
            return self.new_names
        return list(dict.fromkeys(self.old_names + self.new_names))

    def successor(self, province: str) -> str | None:
        """The new province whose territory includes the old ``province`` (None when not an old name)."""
        return self.successor_of.get(province)

    def members(self, province: str) -> list[str]:
        """The old provinces that make the new ``province`` (file order; empty when not a new name)."""
        return [o for o, n in self.successor_of.items() if n == province]

    def same_territory(self, province: str) -> bool:
        """True when the old and new territory of ``province`` coincide (an unchanged province)."""
        return province in self.unchanged

    def canonical(self, name: str, boundary: str | None = None) -> str | None:
        """The known spelling of ``name`` valid for ``boundary`` (aliases resolved), or None.

        Compared after NFC normalisation and case folding. An alias spells an old name; it is valid
        for ``merged2025`` too when the new province has that name.
        """
        folded = _fold(name)
        for k in self.names(boundary):
            if _fold(k) == folded:
                return k
        if folded in self.aliases:
            name = self.aliases[folded]
            return name if boundary != "merged2025" or name in self.new_names else None
        return None

    def check(
        self, name: str, boundary: str, where: Location, column: str = "'province'", also: list[str] | tuple[str, ...] = ()
    ) -> str:
        """The canonical name of a province typed in an input file, or a located error.

        Parameters
        ----------
        name : str
            The name as typed.
        boundary : str
            The figure's boundary: ``pre2025`` admits old names (and aliases), ``merged2025`` new names,
            ``unknown`` either.
        where : Location
            File and row (the message adds the column).
        column : str
            The column as the message names it (e.g. ``"'province' (cell A7)"``).
        also : sequence of str
            Other names admitted as written (the manifest's provinces).

        Raises
        ------
        ManifestError
            Naming the file, row and column, with the closest old and new names.
        """
        known = self.canonical(name, boundary)
        if known is not None:
            return known
        for k in also:
            if _fold(k) == _fold(name):
                return k
        other = self.canonical(name, None)
        if other is not None:  # a valid name of the other map
            if boundary == "merged2025":
                problem = (
                    f"column {column}: '{name}' is a province of the {len(self.old_names)}-province map "
                    f"(boundary pre2025); since {self._date_vi()} it is part of '{self.successor(other)}'"
                )
                expected = (
                    f"one of the {len(self.new_names)} provinces for boundary merged2025 — "
                    f"did you mean '{self.successor(other)}'?"
                )
            else:
                problem = f"column {column}: '{name}' is not a province of the {len(self.old_names)}-province map"
                expected = f"an old province name for boundary {boundary} — did you mean {self.members(other)}?"
            raise ManifestError(where, problem, expected)
        close = suggest(name, self.names() + list(also) + list(self.written_aliases), n=3)
        hint = " — did you mean " + " or ".join(repr(c) for c in close) + "?" if close else ""
        scope = (
            f"a province of data/raw/territories.csv ({len(self.old_names)} old names for pre2025, "
            f"{len(self.new_names)} new names for merged2025)"
            if self
            else "a province named in data/raw/manifest.csv"
        )
        raise ManifestError(where, f"column {column}: unknown province '{name}'", scope + hint)

    def _date_vi(self) -> str:
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", self.effective)
        return f"{int(m.group(3)):02d}/{int(m.group(2))}/{m.group(1)}" if m else self.effective

    def unit_name_vi(self, province: str, boundary: str) -> str:
        """ "tỉnh Nam Định", "thành phố Đà Nẵng" ("TP. Hồ Chí Minh" → "thành phố Hồ Chí Minh")."""
        levels = self.level_new if boundary == "merged2025" else self.level_old
        level = levels.get(province) or self.level_old.get(province) or self.level_new.get(province) or "tỉnh"
        name = province[4:] if province.startswith("TP. ") else province
        return f"{level} {name}"

    def name_vi(self, province: str, boundary: str, short: bool = False) -> str:
        """The Vietnamese name of a territory, from the lineage.

        ``(old P, pre2025)``: "tỉnh P (cũ)", with ", nay thuộc tỉnh S" when its successor S has another name;
        ``(new P, merged2025)``: "tỉnh P (mới), gồm địa bàn tỉnh A (cũ), …, từ ngày 01/7/2025" (the old
        provinces other than P's namesake; for an old P whose successor S has another name, S's territory); an
        unchanged province: "tỉnh P". ``short``: without the list.
        A province the vocabulary does not know: "tỉnh P" with "(cũ)" / "(mới)".
        """
        if boundary == "pre2025":
            succ = self.successor(province)
            if succ is not None and self.same_territory(province):
                return self.unit_name_vi(province, boundary)
            text = f"{self.unit_name_vi(province, boundary)} (cũ)"
            if succ is not None and succ != province and not short:
                text += f", nay thuộc {self.unit_name_vi(succ, 'merged2025')}"
            return text
        if boundary == "merged2025":
            if province not in self.new_names and self.successor(province):
                province = self.successor(province)  # an old province's merged territory: its successor
            members = self.members(province)
            if members and all(self.same_territory(m) for m in members):
                return self.unit_name_vi(province, boundary)
            text = f"{self.unit_name_vi(province, boundary)} (mới)"
            others = [m for m in members if m != province]
            if others and not short:
                listed = [f"{self.unit_name_vi(m, 'pre2025')} (cũ)" for m in others]
                joined = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " và " + listed[-1]
                text += f", gồm địa bàn {joined}, từ ngày {self._date_vi()}"
            return text
        return self.unit_name_vi(province, boundary)


def load_territories(root: Path | None = None) -> Territories:
    """Read ``data/raw/territories.csv`` (empty vocabulary when the file is absent).

    Raises
    ------
    ManifestError
        For a repeated or empty old province, an unknown ``change`` or level, naming the row and column.
    """
    path = raw_dir(root) / TERRITORIES_FILE
    shown = f"data/raw/{TERRITORIES_FILE}"
    if not path.exists():
        return Territories()
    successor: dict[str, str] = {}
    aliases: dict[str, str] = {}
    written: list[str] = []
    level_old: dict[str, str] = {}
    level_new: dict[str, str] = {}
    unchanged: set[str] = set()
    effective = ""
    rows = read_csv_rows(path, shown, TERRITORY_COLUMNS)
    header = list(rows[0][1]) if rows else TERRITORY_COLUMNS
    for line, r in rows:
        old, new = nfc(r["old_province"]), nfc(r["new_province"])

        def where(col: str, _line: int = line) -> Location:
            return Location(shown, cell=f"{col_letter(header.index(col))}{_line}")

        if not old or old in successor:
            raise ManifestError(
                where("old_province"), f"old_province '{old}' empty or repeated", "one row per province of the old map"
            )
        if not new:
            raise ManifestError(where("new_province"), "new_province is empty", "the province that includes it")
        if r["change"] not in _CHANGES:
            raise ManifestError(where("change"), f"change '{r['change']}'", f"one of {list(_CHANGES)}")
        for col, table, name in (("old_level", level_old, old), ("new_level", level_new, new)):
            value = nfc(r.get(col, ""))
            if value and value not in _LEVELS:
                raise ManifestError(where(col), f"{col} '{value}'", f"one of {list(_LEVELS)} or empty")
            if value:
                table[name] = value
        successor[old] = new
        if r["change"] == "unchanged":
            unchanged.add(old)
        effective = max(effective, r["effective"])
        for alias in (nfc(a) for a in r.get("aliases", "").split(";")):
            if alias:
                aliases[_fold(alias)] = old
                written.append(alias)
    return Territories(successor, aliases, level_old, level_new, effective, frozenset(unchanged), tuple(written))


_CACHE: dict[tuple[str, int], Territories] = {}


def cached_territories(root: str | Path | None = None) -> Territories:
    """:func:`load_territories`, read once per file version (keyed by path and modification time)."""
    path = raw_dir(Path(root) if root else None) / TERRITORIES_FILE
    key = (str(path.resolve()), path.stat().st_mtime_ns if path.exists() else 0)
    if key not in _CACHE:
        _CACHE[key] = load_territories(Path(root) if root else None)
    return _CACHE[key]
