"""Command line: ``python -m analysis build``, ``scorecard``, ``store`` and ``studies``.

* ``build [--study ID ...] [--no-notebooks]`` — the main job (every study by default);
* ``scorecard --study ID`` — the store and that study's scorecard only, printed (quick checks);
* ``store`` — rebuild the evidence store and print a summary;
* ``studies`` — list the studies under ``data/raw/studies/``.
"""

from __future__ import annotations

import argparse
import sys

from analysis.assessment.scorecard_table import scorecard
from analysis.core.errors import InputError, UnknownNameError
from analysis.pipeline.build_steps import build, build_store, build_study
from analysis.pipeline.libreoffice import main as preview_main
from analysis.report.template import write_template
from analysis.sources.store import load_observations
from analysis.studies.study import default_study_id, load_study, study_ids


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m analysis", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="evidence store, then per study: scorecard, notebooks, figures, workbook")
    b.add_argument("--no-notebooks", action="store_true", help="skip executing the notebooks")
    b.add_argument("--study", action="append", metavar="ID", help="build only this study (repeatable)")
    b.add_argument("--force", action="store_true", help="rerun every step, even those whose inputs are unchanged")
    s = sub.add_parser("scorecard", help="store + one study's scorecard, printed")
    s.add_argument("--study", metavar="ID", help="study id (default: the default study)")
    sub.add_parser("store", help="rebuild the evidence store only and print a summary")
    t = sub.add_parser("template", help="write the fill-in workbook of a study's missing figures")
    t.add_argument("--study", metavar="ID", help="study id (default: the default study)")
    sub.add_parser("studies", help="list the studies")
    p = sub.add_parser("preview", help="render each study's workbook, Word draft and deck to PDF and PNG (LibreOffice)")
    p.add_argument("--study", action="append", metavar="ID", help="study id (repeatable; default: every study)")
    args = parser.parse_args(argv)

    try:
        if args.command == "build":
            return build(notebooks=not args.no_notebooks, studies=args.study, force=args.force)
        if args.command == "studies":
            return _studies()
        if args.command == "scorecard":
            return _scorecard(args.study)
        if args.command == "template":
            return _template(args.study)
        if args.command == "preview":
            return preview_main([a for s in (args.study or []) for a in ("--study", s)])
        return _store()
    except (InputError, UnknownNameError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _store() -> int:

    obs = build_store()
    print(f"{len(obs)} observations")
    print(obs.groupby(["province", "source_kind", "status"]).size().to_string())
    return 0


def _studies() -> int:

    default = default_study_id()
    for sid in study_ids():
        st = load_study(sid)
        mark = " (default)" if sid == default else ""
        print(
            f"{sid}{mark}: {st.province}, {st.boundary}, {st.base_year}→{st.target_year}, "
            f"{len(st.targets)} targets — {st.short_title_vi}"
        )
    return 0


def _scorecard(study: str | None) -> int:

    st = load_study(study)
    card = build_study(build_store(), st.id)
    cols = ["target_id", "target_text_vi", "period", "actual", "status", "evidence_status", "sources"]
    print(card[cols].to_string(index=False))
    print(f"\nwritten: data/processed/{st.id}/scorecard.csv")
    return 0


def _template(study: str | None) -> int:

    st = load_study(study)
    path = write_template(scorecard(load_observations(), st), st)
    print(f"written: {path.relative_to(st.root)} — fill it, save it into data/raw/submissions/, run make report")
    return 0


if __name__ == "__main__":
    sys.exit(main())
