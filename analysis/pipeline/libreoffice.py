"""Look at the reports as the Department will: LibreOffice → PDF → PNG pages.

``python -m analysis.pipeline.libreoffice [--study ID ...]`` (or ``make preview``) renders a
study's workbook, Word draft and briefing deck (``data/processed/<study>/``) to
PDF with LibreOffice headless and every PDF page to PNG (80 dpi) with
``pdftoppm``, into ``data/processed/<study>/preview/``:
``bao-cao-muc-I-xlsx.pdf``, ``bao-cao-muc-I-xlsx-01.png`` …,
``bao-cao-muc-I-docx.pdf`` …, ``trinh-chieu-pptx.pdf`` …

A document that is missing is written first from the evidence store. Without
LibreOffice (``soffice``) or poppler (``pdftoppm``) it prints which Debian
packages to install (``libreoffice-calc libreoffice-writer libreoffice-impress
poppler-utils``) and renders nothing.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from analysis.assessment.scorecard_table import scorecard
from analysis.core.paths import processed_dir
from analysis.report.deck import PPTX_NAME, write_pptx
from analysis.report.word import DOCX_NAME, write_docx
from analysis.report.workbook import WORKBOOK_NAME, write_workbook
from analysis.sources.store import load_observations
from analysis.studies.study import load_study, study_ids

__all__ = ["preview", "main", "PACKAGES", "DPI"]

#: Debian packages the preview needs
PACKAGES = ("libreoffice-calc", "libreoffice-writer", "libreoffice-impress", "poppler-utils")
DPI = 80
_TIMEOUT = 300


def _missing_tools() -> list[str]:
    return [t for t in ("soffice", "pdftoppm") if shutil.which(t) is None]


def _documents(study: object, root: Path | None) -> list[Path]:
    """The study's xlsx, docx and pptx, writing any that is missing from the evidence store."""

    folder = processed_dir(root) / study.id
    writers = ((WORKBOOK_NAME, write_workbook), (DOCX_NAME, write_docx), (PPTX_NAME, write_pptx))
    missing = [(n, w) for n, w in writers if not (folder / n).exists()]
    if missing:
        obs = load_observations(root)
        card = scorecard(obs, study)
        for _name, writer in missing:
            writer(card, obs, study)
    return [folder / n for n, _ in writers]


def _to_pdf(doc: Path, out: Path, profile: Path) -> Path:
    """``soffice --headless --convert-to pdf`` into a scratch folder, then ``<stem>-<ext>.pdf`` in ``out``."""
    with tempfile.TemporaryDirectory(prefix="qn-preview-") as tmp:
        cmd = [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp,
            str(doc),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=_TIMEOUT, check=False)
        made = Path(tmp) / f"{doc.stem}.pdf"
        if proc.returncode != 0 or not made.exists():
            why = proc.stderr.strip() or proc.stdout.strip()
            raise RuntimeError(f"LibreOffice could not convert {doc.name}: {why}")
        target = out / f"{doc.stem}-{doc.suffix.lstrip('.')}.pdf"
        shutil.move(str(made), target)
    return target


def _to_png(pdf: Path) -> list[Path]:
    """Every page of ``pdf`` as ``<pdf stem>-NN.png`` beside it (old pages of the same document removed)."""
    for old in pdf.parent.glob(f"{pdf.stem}-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(pdf.parent / pdf.stem)],
        check=True,
        capture_output=True,
        timeout=_TIMEOUT,
    )
    return sorted(pdf.parent.glob(f"{pdf.stem}-*.png"))


def preview(study_id: str | None = None, root: str | Path | None = None) -> list[Path]:
    """Render a study's workbook, Word draft and deck to PDF and PNG pages; return the files written.

    Parameters
    ----------
    study_id : str, optional
        The study (default: the default study).
    root : path, optional
        Project root.

    Returns
    -------
    list of Path
        For each document its PDF then its PNG pages, in ``data/processed/<study>/preview/``;
        empty (with a message naming the Debian packages to install) when LibreOffice or
        ``pdftoppm`` is not installed.
    """

    missing = _missing_tools()
    if missing:
        print(
            f"preview: {' and '.join(missing)} not found. Install LibreOffice and poppler, e.g. on Debian/Ubuntu:\n"
            f"    sudo apt-get install {' '.join(PACKAGES)}\nthen run the preview again.",
            file=sys.stderr,
        )
        return []
    root = Path(root) if root is not None else None
    st = load_study(study_id, root)
    out = processed_dir(root) / st.id / "preview"
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="qn-lo-profile-") as profile:
        for doc in _documents(st, root):
            pdf = _to_pdf(doc, out, Path(profile))
            written += [pdf] + _to_png(pdf)
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m analysis.pipeline.libreoffice [--study ID ...] [--root PATH]``: every study when none is named."""

    parser = argparse.ArgumentParser(prog="python -m analysis.pipeline.libreoffice", description=__doc__.splitlines()[0])
    parser.add_argument("--study", action="append", help="study id (repeatable; default: every study)")
    parser.add_argument("--root", help="project root (default: this checkout or QN_PROJECT_ROOT)")
    args = parser.parse_args(argv)
    if _missing_tools():
        preview(None, args.root)  # prints what to install
        return 0
    for sid in args.study or study_ids(args.root):
        files = preview(sid, args.root)
        pages = [f for f in files if f.suffix == ".png"]
        folder = files[0].parent if files else processed_dir(args.root) / sid / "preview"
        print(f"{sid}: {len(pages)} page(s) → {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
