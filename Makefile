# Two commands do all set-up on a fresh clone: `make demo` and `make test`.
# Both create .venv when it is missing and (re)install only when the dependency files change.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SAMPLE := src/lagebild/data/samples/xi-putin-telefonat.txt

.PHONY: demo test install lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/lagebild analyze $(SAMPLE) --published 2024-02-10 --format table
	$(BIN)/python -m lagebild.demo
	@echo "Browse the demo store: $(BIN)/lagebild serve --db lagebild-demo.duckdb   (then open http://127.0.0.1:8000/)"

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
