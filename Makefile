# Two commands on a fresh machine:  `make demo`  and  `make test`.
# Another interpreter gets its own venv: `make test PY=/path/to/python3.13` -> .venv-3.13
# (supported: 3.11, 3.12, 3.13; .venv stays the default, for Python 3.11).
PY ?= python3
PYVER := $(shell $(PY) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
VENV ?= $(if $(filter 3.11,$(PYVER)),.venv,.venv-$(PYVER))
BIN := $(VENV)/bin
DB ?= $(HOME)/.local/share/bilateral/demo.sqlite

$(BIN)/bilateral: pyproject.toml
	@test -n "$(PYVER)" || { echo "make: no Python at PY=$(PY)" >&2; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q -e ".[test]"
	touch $@

.PHONY: setup demo test lint bench
setup: $(BIN)/bilateral

demo: setup  ## ingest the bundled sample articles into SQLite and show what was found
	rm -f $(DB)
	$(BIN)/bilateral ingest --db $(DB) $$($(BIN)/python -c "import bilateral.samples as s; print(s.folder())")
	$(BIN)/bilateral events --db $(DB)
	$(BIN)/bilateral figures --db $(DB)
	@echo "bilateral is in $(CURDIR)/$(BIN): run 'export PATH=\"$(CURDIR)/$(BIN):\$$PATH\" BILATERAL_DB=$(DB)' to use it by name on this database"

test: setup  ## the whole test suite (tests needing ../shared skip when it is absent)
	$(BIN)/python -m pytest

lint: setup  ## the import contract (.importlinter): layers and no cycles; tests/test_imports.py runs it too
	$(BIN)/lint-imports --no-cache

bench: setup
	for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b; done
