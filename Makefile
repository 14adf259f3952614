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

.PHONY: run setup test test-sqlite test-postgres lint typecheck lock clean bench bench-growth screenshots translations

# The pages' translations: each language's catalogue (committed) and what the app reads, compiled from it (not).
CATALOGUES := $(wildcard app/translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGUES:.po=.mo)
# The marks of a translatable string besides gettext's own (_, gettext, ngettext): lazy ones, read at run time.
EXTRACT_KEYWORDS := -k _l -k lazy_gettext -k lazy_ngettext:1,2

# Exact versions from the lock file, each checked against its hash; then the project itself, with nothing more.
$(INSTALLED): pyproject.toml requirements.lock
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# A catalogue compiled again whenever it is newer than what the app reads.
app/translations/%/LC_MESSAGES/messages.mo: app/translations/%/LC_MESSAGES/messages.po | $(INSTALLED)
	$(BIN)/pybabel compile --domain messages --locale $* --input-file $< --output-file $@

## Create the environment and the SQLite database, load the demo data and a demo admin.
setup: $(INSTALLED) $(COMPILED)
	$(BIN)/flask db upgrade
	$(BIN)/flask seed demo
	$(BIN)/flask users demo-admin

run: setup
	$(BIN)/flask run --host $(HOST) --port $(PORT)

## The lint and the whole suite on SQLite and on PostgreSQL (skipped with a message where no server answers), side
## by side; each prints its report when it ends, and any of them failing fails the whole.
test: $(INSTALLED) $(COMPILED)
	$(MAKE) --no-print-directory -j3 --output-sync=target lint test-sqlite test-postgres

test-sqlite: $(INSTALLED) $(COMPILED)
	$(BIN)/pytest --durations=25 --output test-results/sqlite

test-postgres: $(INSTALLED) $(COMPILED)
	TEST_DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest --durations=25 --output test-results/postgresql

$(BENCH_INSTALLED): $(INSTALLED) requirements-bench.lock
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-bench.lock
	touch $@

## Speed at ministry scale (or SCALE=10x, SCALE=small) on SQLite, then on PostgreSQL; not part of `make test`.
## Results in benchmarks/results/; BENCH_ARGS passes more options, e.g. BENCH_ARGS="--requests 20".
bench: $(BENCH_INSTALLED) $(COMPILED)
	status=0; \
	$(BIN)/python benchmarks/bench.py --database sqlite --scale $(SCALE) $(BENCH_ARGS) || status=1; \
	$(BIN)/python benchmarks/bench.py --database postgresql --scale $(SCALE) $(BENCH_ARGS) || status=1; \
	exit $$status

## Every page at ministry scale and at 10x side by side, on SQLite, then on PostgreSQL (GROWTH_ARGS="--rounds 20").
bench-growth: $(BENCH_INSTALLED) $(COMPILED)
	status=0; \
	$(BIN)/python benchmarks/growth.py --database sqlite $(GROWTH_ARGS) || status=1; \
	$(BIN)/python benchmarks/growth.py --database postgresql $(GROWTH_ARGS) || status=1; \
	exit $$status

## The README's screenshots (docs/screenshots/) taken afresh from the demo data in Debian's Chromium.
screenshots: $(INSTALLED) $(COMPILED)
	$(BIN)/python scripts/screenshots.py

## Strict typing ([tool.mypy] in pyproject.toml) of all of app/ and config.py (`files` there). A package still being
## annotated can be left out for a while by listing the others here: what they import from it is then read but not
## reported.
TYPED :=
MYPY := $(BIN)/mypy $(if $(TYPED),--follow-imports=silent $(TYPED))

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(MYPY)

typecheck: $(INSTALLED)
	$(MYPY)

## Refresh the lock files after changing a dependency in pyproject.toml (or to take newer releases), then commit them.
LOCK_OPTIONS := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: $(INSTALLED)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile $(LOCK_OPTIONS) --upgrade --output-file requirements-production.lock pyproject.toml
	$(BIN)/pip-compile $(LOCK_OPTIONS) --upgrade --extra test --output-file requirements.lock pyproject.toml
	$(BIN)/pip-compile $(LOCK_OPTIONS) --upgrade --extra test --extra bench --output-file requirements-bench.lock pyproject.toml

## After marking strings in the code: every marked string into app/translations/messages.pot, and the new ones into
## each language's catalogue, to be translated there (`make` compiles them).
translations: $(INSTALLED)
	$(BIN)/pybabel extract --mapping-file babel.cfg $(EXTRACT_KEYWORDS) --no-location --sort-output --width 120 \
		--project "Partnership tracker" --output-file app/translations/messages.pot .
	$(BIN)/pybabel update --input-file app/translations/messages.pot --output-dir app/translations \
		--no-fuzzy-matching --width 120

clean:
	rm -rf $(VENV) instance .pytest_cache
