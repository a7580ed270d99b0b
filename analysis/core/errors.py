"""Error and warning types that name the place in the input where a problem is.

Every problem found in an input file is reported with the file, the sheet (for
workbooks), the cell or row, and what was expected there, so an analyst can open
the file and fix it without reading code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Location:
    """Where something is in an input file.

    Parameters
    ----------
    file : str
        Path of the file as given (relative paths are kept relative).
    sheet : str, optional
        Worksheet name for workbooks.
    cell : str, optional
        Spreadsheet-style cell reference, e.g. ``"C7"``.
    row : int, optional
        1-based row (line) number when no single cell is meant.
    """

    file: str
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None

    def __str__(self) -> str:
        parts = [str(self.file)]
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.cell:
            parts.append(f"cell {self.cell}")
        elif self.row is not None:
            parts.append(f"row {self.row}")
        return ", ".join(parts)


class InputError(ValueError):
    """An input file cannot be read as what it claims to be.

    The message always starts with the location and says what was expected.
    """

    def __init__(self, location: Location | str, problem: str, expected: str | None = None):
        self.location = location
        self.problem = problem
        self.expected = expected
        msg = f"{location}: {problem}"
        if expected:
            msg += f" (expected {expected})"
        super().__init__(msg)


class YearbookFormatError(InputError):
    """A yearbook sheet does not follow the documented layout."""


class ManifestError(InputError):
    """The data manifest or a vocabulary/targets file is inconsistent."""


class DataWarning(UserWarning):
    """Something in the input is suspicious but still readable (documented warnings)."""


class MixedBasisError(ValueError):
    """Growth or comparison across different price bases or territorial boundaries."""


class UnknownNameError(LookupError):
    """A study, target, indicator or province name that is not known.

    The message names what was asked for and suggests the closest known names
    (compared after Unicode NFC normalisation and case folding), e.g.
    ``unknown indicator 'share_industy' — did you mean 'share_industry'?``.
    """

    def __init__(self, what: str, name: object, suggestions: list[str], where: str = ""):
        self.what = what
        self.name = name
        self.suggestions = suggestions
        msg = f"unknown {what} {name!r}"
        if where:
            msg += f" in {where}"
        if suggestions:
            msg += " — did you mean " + " or ".join(repr(s) for s in suggestions) + "?"
        else:
            msg += " (no similar name is known)"
        super().__init__(msg)

    def __str__(self) -> str:  # LookupError would quote the message
        return self.args[0]
