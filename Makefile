# Two commands on a fresh machine: `make run` (set up, load the demo, serve) and `make test` (whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
BENCH_INSTALLED := $(VENV)/.bench-installed
PG_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/test
SCALE ?= ministry
BENCH_ARGS ?=
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := app

.PHONY: run setup test test-sqlite test-postgres lint clean bench bench-growth

$(INSTALLED): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

## Create the environment and the SQLite database, load the demo data and a demo admin.
setup: $(INSTALLED)
	$(BIN)/flask db upgrade
	$(BIN)/flask seed demo
	$(BIN)/flask users demo-admin

run: setup
	$(BIN)/flask run --host $(HOST) --port $(PORT)

## The whole suite on SQLite and on PostgreSQL (skipped with a message where no server answers), side by side
## on two cores; each prints its report when it ends.
test: $(INSTALLED)
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

test-sqlite: $(INSTALLED)
	$(BIN)/pytest --output test-results/sqlite

test-postgres: $(INSTALLED)
	TEST_DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest --output test-results/postgresql

$(BENCH_INSTALLED): $(INSTALLED) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

## Speed at ministry scale (or SCALE=10x, SCALE=small) on SQLite, then on PostgreSQL; not part of `make test`.
## Results in benchmarks/results/; BENCH_ARGS passes more options, e.g. BENCH_ARGS="--requests 20".
bench: $(BENCH_INSTALLED)
	status=0; \
	$(BIN)/python benchmarks/bench.py --database sqlite --scale $(SCALE) $(BENCH_ARGS) || status=1; \
	$(BIN)/python benchmarks/bench.py --database postgresql --scale $(SCALE) $(BENCH_ARGS) || status=1; \
	exit $$status

## Every page at ministry scale and at 10x side by side, on SQLite, then on PostgreSQL (GROWTH_ARGS="--rounds 20").
bench-growth: $(BENCH_INSTALLED)
	status=0; \
	$(BIN)/python benchmarks/growth.py --database sqlite $(GROWTH_ARGS) || status=1; \
	$(BIN)/python benchmarks/growth.py --database postgresql $(GROWTH_ARGS) || status=1; \
	exit $$status

lint: $(INSTALLED)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) instance .pytest_cache
