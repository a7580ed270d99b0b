"""Command line: ``python -m analysis build`` (the main job) and ``python -m analysis store``."""
from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="evidence store, scorecard, all notebooks, figures and workbook")
    b.add_argument("--no-notebooks", action="store_true", help="skip executing the notebooks")
    sub.add_parser("store", help="rebuild the evidence store only and print a summary")
    args = parser.parse_args(argv)
    if args.command == "build":
        return _build(not args.no_notebooks)
    from .build import build_store
    from .errors import InputError

    try:
        obs = build_store()
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{len(obs)} observations")
    print(obs.groupby(["source_kind", "status"]).size().to_string())
    return 0


def _build(notebooks: bool) -> int:
    from .build import build

    return build(notebooks=notebooks)


if __name__ == "__main__":
    sys.exit(main())
