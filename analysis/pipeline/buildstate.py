"""Which build steps can be skipped: a step reruns only when what it reads has changed.

Each step has a key: the SHA-256 of its inputs — every file under ``data/raw/``, the package's
source files, and what the step reads besides (a notebook's cell sources and parameters, a
study's figures). Keys of the last successful run are kept in ``data/processed/build-state.json``
(sorted, no timestamps: the file is deterministic). A step whose key is unchanged and whose
outputs exist is skipped; ``python -m analysis build --force`` reruns everything.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterable
from pathlib import Path

from analysis.core.atomic import write_text_atomic
from analysis.core.paths import processed_dir, raw_dir

__all__ = ["base_key", "step_key", "notebook_sources_key", "BuildState", "STATE_FILE"]

STATE_FILE = "build-state.json"


def _hash_files(h: hashlib._Hash, base: Path, files: Iterable[Path]) -> None:
    for p in sorted(files):
        if p.is_file():
            h.update(p.relative_to(base).as_posix().encode("utf-8") + b"\0")
            h.update(p.read_bytes())


def base_key(root: Path) -> str:
    """SHA-256 of every raw input and of the package's code (what every step depends on)."""
    h = hashlib.sha256()
    raw = raw_dir(root)
    _hash_files(h, raw, raw.rglob("*"))
    pkg = Path(__file__).resolve().parents[1]
    _hash_files(h, pkg, pkg.rglob("*.py"))
    return h.hexdigest()


def notebook_sources_key(path: Path, params: dict | None) -> str:
    """A notebook's cell sources and parameters (its stored outputs do not count)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    text = json.dumps([c.get("source", "") for c in nb.get("cells", [])], ensure_ascii=False) + json.dumps(
        params or {}, sort_keys=True
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def step_key(base: str, *parts: str, files: Iterable[Path] = ()) -> str:
    """The key of one step: the base key, the step's own words and the bytes of extra files it reads."""
    h = hashlib.sha256((base + "\0" + "\0".join(parts)).encode("utf-8"))
    for p in sorted(files):
        if p.is_file():
            h.update(p.name.encode("utf-8") + b"\0" + p.read_bytes())
    return h.hexdigest()


class BuildState:
    """The keys of the last successful run of every step, persisted after each step."""

    def __init__(self, root: Path, force: bool = False):
        self.path = processed_dir(root) / STATE_FILE
        self.force = force
        self._lock = threading.Lock()  # the build records steps from two threads (documents beside notebooks)
        try:
            self.keys: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8")) if self.path.exists() else {}
        except ValueError:
            self.keys = {}

    def fresh(self, step: str, key: str, outputs: Iterable[Path]) -> bool:
        """True when ``step`` ran with this key before and all its outputs exist."""
        return not self.force and self.keys.get(step) == key and all(Path(p).exists() for p in outputs)

    def keep_only(self, steps: Iterable[str]) -> None:
        """Forget the keys of every step not in ``steps``."""
        keep = set(steps)
        with self._lock:
            if set(self.keys) - keep:
                self.keys = {k: v for k, v in self.keys.items() if k in keep}
                write_text_atomic(self.path, json.dumps(self.keys, indent=1, sort_keys=True) + "\n")

    def done(self, step: str, key: str) -> None:
        with self._lock:
            self.keys[step] = key
            write_text_atomic(self.path, json.dumps(self.keys, indent=1, sort_keys=True) + "\n")
