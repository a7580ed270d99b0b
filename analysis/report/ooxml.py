"""Byte-identical Office Open XML files (.xlsx, .docx, .pptx).

An OOXML file is a zip archive. Libraries stamp it with the time of writing
(``docProps/core.xml``: ``dcterms:created`` and ``dcterms:modified``; every zip
entry's date). :func:`normalise_ooxml` fixes both and writes the entries in a
fixed order — ``[Content_Types].xml`` first (as the format expects), then
``_rels/.rels``, then every other part by name — so the same content always
gives the same bytes. :func:`save_ooxml` saves a document through it and writes
the file atomically.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from analysis.core.atomic import write_bytes_atomic

__all__ = ["normalise_ooxml", "save_ooxml", "FIXED_DATE", "ZIP_DATE"]

#: the document date written into every report (core properties)
FIXED_DATE = "2000-01-01T00:00:00Z"
#: the date of every zip entry (the earliest a zip file can hold)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_FIRST = ("[Content_Types].xml", "_rels/.rels")
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")
_LAST_PRINTED = re.compile(rb"(<cp:lastPrinted>)[^<]*(</cp:lastPrinted>)")
#: a library's name and version in the application property ("Microsoft Excel Compatible / Openpyxl 3.1.5")
_LIBRARY = re.compile(rb"\s*/\s*openpyxl[^<]*", re.IGNORECASE)


def _order(name: str) -> tuple[int, str]:
    return (_FIRST.index(name), "") if name in _FIRST else (len(_FIRST), name)


def normalise_ooxml(data: bytes) -> bytes:
    """Fix the volatile parts of an OOXML zip: document dates, entry order, entry dates and modes.

    Parameters
    ----------
    data : bytes
        An .xlsx, .docx or .pptx file as written by openpyxl, python-docx or python-pptx.

    Returns
    -------
    bytes
        The same parts, deflated, with ``created``/``modified`` (and ``lastPrinted``) set to
        :data:`FIXED_DATE`, in a fixed order, every entry dated :data:`ZIP_DATE`.
    """
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist(), key=_order):
            content = src.read(name)
            if name == "docProps/core.xml":
                content = _CORE_DATES.sub(rb"\g<1>" + FIXED_DATE.encode() + rb"\g<2>", content)
                content = _LAST_PRINTED.sub(rb"\g<1>" + FIXED_DATE.encode() + rb"\g<2>", content)
            if name == "docProps/app.xml":
                content = _LIBRARY.sub(b"", content)
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            dst.writestr(info, content)
    return out.getvalue()


def save_ooxml(document: Any, path: str | Path, saver: Callable[[Any, io.BytesIO], None] | None = None) -> Path:
    """Save an openpyxl / python-docx / python-pptx document to ``path``, normalised and atomically.

    ``saver(document, buffer)`` writes the document to a buffer (default:
    ``document.save(buffer)``). Returns the path.
    """
    buf = io.BytesIO()
    (saver or (lambda d, b: d.save(b)))(document, buf)
    target = Path(path)
    write_bytes_atomic(target, normalise_ooxml(buf.getvalue()))
    return target
