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
