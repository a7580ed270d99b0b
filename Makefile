# Two commands on a fresh machine (see README):
#   make report   create .venv, install, run the whole build (store, every study: scorecard, notebooks, figures, workbook)
#   make test     create .venv, install, run every test (ruff, unit tests, strict nbval over the notebooks)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg

.PHONY: report test lint unit unit-fast unit-a unit-b slow nbval nbval-a nbval-b bench preview test-ui clean-venv

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

# every check as six independent jobs on the two cores, longest first (make starts them in this order as a core
# frees): the end-to-end tests (marked slow, at the top of tests/), the unit tests in two halves, nbval in two
# halves, lint. Each job's output is printed whole (-O); any failing job fails `make test`. The unit runs leave
# out the nbval plugin (it imports nbformat, whose jsonschema import alone takes about 2 s).
UNIT_A := tests/pipeline tests/studies tests/wording tests/display tests/core tests/explore tests/evidence tests/sources
NB_A   := $(wildcard notebooks/0[0-3]_*.ipynb)
NB_B   := $(filter-out $(NB_A),$(wildcard notebooks/*.ipynb))

test: $(STAMP)
	$(MAKE) --no-print-directory -j2 -O slow unit-a unit-b nbval-a nbval-b lint

# ruff (rules, then the format), then the architecture: import-linter contracts of pyproject.toml (layers, no cycles, presentation libraries)
lint: $(STAMP)
	$(BIN)/python -m ruff check analysis tests tests_ui benchmarks
	$(BIN)/python -m ruff format --check --quiet analysis tests tests_ui benchmarks
	$(BIN)/lint-imports --no-cache

unit: $(STAMP)
	$(BIN)/python -m pytest -q tests

unit-fast: $(STAMP)
	$(BIN)/python -m pytest -q -p no:nbval -m "not slow" tests

# unit-fast in two halves of about equal time: the folders of UNIT_A, then every other test
unit-a: $(STAMP)
	$(BIN)/python -m pytest -q -p no:nbval -m "not slow" $(UNIT_A)

unit-b: $(STAMP)
	$(BIN)/python -m pytest -q -p no:nbval -m "not slow" tests $(addprefix --ignore=,$(UNIT_A))

slow: $(STAMP)
	$(BIN)/python -m pytest -q -p no:nbval -m slow $(wildcard tests/test_*.py)

nbval: $(STAMP)
	$(BIN)/python -m pytest -q $(NBVAL) notebooks

nbval-a: $(STAMP)
	$(BIN)/python -m pytest -q $(NBVAL) $(NB_A)

nbval-b: $(STAMP)
	$(BIN)/python -m pytest -q $(NBVAL) $(NB_B)

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
