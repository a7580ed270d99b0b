"""Part-year periods of the evidence store: how many months from January a period covers.

The store's period forms are :data:`analysis.sources.store_schema.PERIOD_FORMS`. A *cumulative
part-year* period runs from January: year to date (``2026-01..08``: 8 months), first half
(``2026-H1``: 6), nine months (``2026-9M``: 9), first quarter (``2026-Q1``: 3) and January
(``2026-01``: 1). A second half, a later quarter or a later single month is not cumulative (it
cannot weight the rest of the year) and is not a part-year period here.
"""

from __future__ import annotations

import re

__all__ = ["part_year_months", "same_period_of_year", "MONTHS_IN_YEAR"]

MONTHS_IN_YEAR = 12

_CUMULATIVE = (
    (re.compile(r"(\d{4})-01\.\.(0[1-9]|1[0-2])"), lambda m: int(m.group(2))),
    (re.compile(r"(\d{4})-H1"), lambda m: 6),
    (re.compile(r"(\d{4})-9M"), lambda m: 9),
    (re.compile(r"(\d{4})-Q1"), lambda m: 3),
    (re.compile(r"(\d{4})-01"), lambda m: 1),
)


def part_year_months(period: str) -> tuple[int, int] | None:
    """(year, months covered from January) of a cumulative part-year period, else None.

    >>> part_year_months("2026-H1"), part_year_months("2026-01..08"), part_year_months("2026-Q2")
    ((2026, 6), (2026, 8), None)
    >>> part_year_months("2026"), part_year_months("2026-01..12")
    (None, None)
    """
    for rx, months in _CUMULATIVE:
        m = rx.fullmatch(str(period))
        if m:
            n = months(m)
            return (int(m.group(1)), n) if n < MONTHS_IN_YEAR else None
    return None


def same_period_of_year(period: str, year: int) -> str:
    """The same part of another year (``2026-H1``, 2025 → ``2025-H1``): the year is the first four characters.

    >>> same_period_of_year("2026-01..06", 2025)
    '2025-01..06'
    """
    return f"{year:04d}{str(period)[4:]}"
