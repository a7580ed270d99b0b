"""Atomic, deterministic output writing.

Every output is written to a temporary file in the destination folder and then
renamed over the target (``os.replace`` is atomic on POSIX and Windows), so an
interrupted build never leaves a half-written file: readers see either the old
or the new version. Files whose new content equals the old are not rewritten.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only; the libraries load lazily at run time
    import pandas as pd


def _file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_FILE_MODE = _file_mode()


def write_bytes_atomic(path: str | Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically; return True if the file changed."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    if p.exists() and p.read_bytes() == data:
        return False
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=p.suffix, dir=p.parent)
    try:
        os.chmod(tmp, _FILE_MODE)  # mkstemp makes 0600 files; outputs are readable like any file written
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_text_atomic(path: str | Path, text: str) -> bool:
    """Write UTF-8 text atomically with ``\\n`` line ends; return True if changed."""
    return write_bytes_atomic(path, text.encode("utf-8"))


def write_with(path: str | Path, writer: Callable[[Path], None]) -> bool:
    """Let ``writer`` write a temporary file, then move it over ``path`` atomically.

    For libraries that insist on writing a file themselves (openpyxl, matplotlib).
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=p.suffix, dir=p.parent)
    os.close(fd)
    try:
        writer(Path(tmp))
        data = Path(tmp).read_bytes()
    finally:
        Path(tmp).unlink(missing_ok=True)
    return write_bytes_atomic(p, data)


def write_csv_atomic(df: pd.DataFrame, path: str | Path) -> bool:
    """Write a DataFrame as UTF-8 CSV (``\\n`` line ends, no index) atomically."""
    return write_text_atomic(path, df.to_csv(index=False, lineterminator="\n"))
