# Two commands on a fresh machine (see README):
#   make report   create .venv, install, run the whole build (store, every study: scorecard, notebooks, figures, workbook)
#   make test     create .venv, install, run every test (ruff, unit tests, strict nbval over the notebooks)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg

.PHONY: report test lint unit unit-fast slow-then-nbval nbval bench preview test-ui clean-venv

# Install with uv when it can be had (bootstrapped into the venv with pip: ~5 s instead of ~75 s),
# with pip otherwise. --native-tls makes uv use the system's certificates, as pip does.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	@if $(BIN)/python -m pip install --quiet --disable-pip-version-check uv 2>/dev/null \
	    && $(BIN)/python -m uv pip install --quiet --native-tls --python $(BIN)/python -e .; then \
	    echo "installed with uv"; \
	else \
	    echo "uv not available: installing with pip"; \
	    $(BIN)/python -m pip install --quiet --disable-pip-version-check -e .; \
	fi
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/python -m analysis build

# the tests in two halves of about equal time, side by side on the two cores: the end-to-end tests
# (marked slow) then nbval, beside every other unit test; each half's output is printed whole (-O)
test: $(STAMP) lint
	$(MAKE) --no-print-directory -j2 -O slow-then-nbval unit-fast

# ruff, then the architecture: import-linter contracts of pyproject.toml (layers, no cycles, presentation libraries)
lint: $(STAMP)
	$(BIN)/python -m ruff check analysis tests tests_ui benchmarks
	$(BIN)/lint-imports --no-cache

unit: $(STAMP)
	$(BIN)/python -m pytest -q tests

unit-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow" tests

slow-then-nbval: $(STAMP)
	$(BIN)/python -m pytest -q -m slow tests
	$(BIN)/python -m pytest -q $(NBVAL) notebooks

nbval: $(STAMP)
	$(BIN)/python -m pytest -q $(NBVAL) notebooks

bench: $(STAMP)
	$(BIN)/python benchmarks/run_benchmarks.py

preview: $(STAMP)
	$(BIN)/python -m analysis.pipeline.libreoffice

# JupyterLab driven by Playwright with Debian's chromium (apt-get install chromium); skips without it
test-ui: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[ui]'
	$(BIN)/python tests_ui/run_ui_test.py

clean-venv:
	rm -rf $(VENV)
