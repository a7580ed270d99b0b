# Two commands on a fresh machine (see README):
#   make report   create .venv, install, run the whole build (store, notebooks, figures, workbook)
#   make test     create .venv, install, run every test (unit tests + strict nbval over notebooks)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: report test bench clean-venv

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/python -m analysis build

test: $(STAMP)
	$(BIN)/python -m pytest -q tests
	$(BIN)/python -m pytest -q --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg notebooks

bench: $(STAMP)
	$(BIN)/python benchmarks/run_benchmarks.py

clean-venv:
	rm -rf $(VENV)
