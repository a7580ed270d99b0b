"""The public API is re-exported from analysis/__init__.py and loads heavy libraries lazily."""

import subprocess
import sys

import analysis


def test_every_public_name_resolves():
    assert [n for n in analysis.__all__ if not hasattr(analysis, n)] == []


def test_import_is_lazy():
    code = "import sys, analysis; print(sorted(m for m in ('pandas', 'matplotlib', 'openpyxl') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_importing_every_submodule_leaves_the_public_names_intact():
    """A submodule named like a public function would replace it on import (``import analysis.x`` sets
    ``analysis.x`` to the module): after importing every submodule, each public name is still the object
    its module defines. Run in a fresh interpreter, submodules first, public names second."""
    code = (
        "import importlib, pkgutil, analysis\n"
        "for m in pkgutil.walk_packages(analysis.__path__, 'analysis.'):\n"
        "    if m.name != 'analysis.__main__':\n"
        "        importlib.import_module(m.name)\n"
        "bad = [n for n, mod in analysis._EXPORTS.items()\n"
        "       if getattr(analysis, n) is not getattr(importlib.import_module('analysis.' + mod), n)]\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"
