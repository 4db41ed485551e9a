# Two commands do all the set-up: `make run` (demo app) and `make test` (whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= .demo/hazebrouck.sqlite

.PHONY: run test lint bench package clean-demo

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/programmation demo --db $(DEMO_DB) --if-missing
	$(BIN)/programmation --db $(DEMO_DB)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

bench: $(STAMP)
	for script in bench/bench_*.py; do $(BIN)/python $$script || exit 1; done

package: $(STAMP)
	$(BIN)/pyinstaller --noconfirm --distpath build/dist --workpath build/build build/pyinstaller.spec

clean-demo:
	rm -rf .demo
