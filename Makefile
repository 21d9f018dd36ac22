# Pantau — the two commands of the README are `make run` and `make test`.
# Everything the project needs is installed by these targets; both are safe to run again.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes (pytest-xdist): one per core by default.
TEST_WORKERS ?= auto

.DEFAULT_GOAL := help
.PHONY: help setup run demo-data test lint format check clean messages audit reliability

help:
	@echo "make run    set up (venv, npm, SQLite, reference + demo data) and serve http://$(HOST):$(PORT)"
	@echo "make test   set up and run the whole test suite"
	@echo "make lint   ruff, Django checks, the migrations check, the layer contracts, mypy"
	@echo "make messages  refresh locale/id/LC_MESSAGES/django.po from the code (needs GNU gettext)"
	@echo "make audit  check every pinned package against the PyPI and npm advisories"
	@echo "make reliability  fault tests and a 2-minute 50-user load on PostgreSQL + Redis"

$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(PY) -m pip check
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# The front-end build (frontend/build.mjs, `npm run build`): build/static/ gets the Bootstrap parts
# the templates use, compiled from Bootstrap's Sass sources, and the vendor scripts the pages load.
# WhiteNoise's own compressor then writes their gzip and Brotli copies, which WhiteNoise sends
# under the development server as it sends collectstatic's in production (docs/architecture.md).
build/static/.built: node_modules/.installed $(wildcard frontend/*) | $(BIN)/.installed
	npm run --silent build
	$(PY) -m whitenoise.compress --quiet build/static
	touch $@

# The .po catalogues are committed; their .mo files are compiled here with polib, so set-up needs
# no GNU gettext. The command refuses a catalogue with an untranslated or fuzzy entry.
CATALOGUES := $(wildcard locale/*/LC_MESSAGES/django.po)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po | $(BIN)/.installed
	DEBUG=true $(PY) manage.py compile_translations

# A development checkout runs with DEBUG on, so `manage.py` works without exporting anything.
# Made only when missing; production takes its settings from the environment, never from here.
.env:
	printf '# Local development settings (made by make setup; see .env.example).\nDEBUG=true\n' > $@

setup: $(BIN)/.installed node_modules/.installed build/static/.built $(CATALOGUES:.po=.mo) .env

# The embedded default: a SQLite file and Celery in eager mode, unless the environment says otherwise.
run: setup
	DEBUG=$${DEBUG:-true} $(PY) manage.py migrate --noinput
	DEBUG=$${DEBUG:-true} $(PY) manage.py load_reference
	DEBUG=$${DEBUG:-true} $(PY) manage.py seed_demo
	DEBUG=$${DEBUG:-true} $(PY) manage.py runserver $(HOST):$(PORT)

test: setup
	$(BIN)/pytest -n $(TEST_WORKERS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=true $(PY) manage.py check
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports --no-cache
	DEBUG=true $(BIN)/mypy

# Exit 2 (and a message saying nothing was audited) when an advisory service cannot be reached.
audit: setup
	BIN=$(BIN) scripts/audit.sh

# Fault tests (broker, database, worker, slow clients, shared rate limits, backups) and the mixed
# load of benchmarks/load.py, on the real services; figures in docs/reliability.md.
RELIABILITY_SECONDS ?= 120
RELIABILITY_USERS ?= 50
RELIABILITY_DATABASE_URL ?= postgres://pantau:pantau@127.0.0.1:5432/pantau
RELIABILITY_BROKER_URL ?= redis://127.0.0.1:6379/0
FAULT_TESTS := tests/core/test_broker_outage.py tests/core/test_database_outage.py \
	tests/core/test_worker_killed.py tests/core/test_shared_rate_limits.py \
	tests/core/test_slow_clients.py tests/core/test_backup_sqlite.py tests/core/test_backup_postgresql.py
reliability: setup
	DATABASE_URL=$(RELIABILITY_DATABASE_URL) CELERY_BROKER_URL=$(RELIABILITY_BROKER_URL) \
		PANTAU_REQUIRE_SERVICES=1 $(BIN)/pytest -p no:xdist -s -q $(FAULT_TESTS)
	DATABASE_URL=$(RELIABILITY_DATABASE_URL)_load CELERY_BROKER_URL=$(RELIABILITY_BROKER_URL) \
		$(PY) benchmarks/load.py --users $(RELIABILITY_USERS) --seconds $(RELIABILITY_SECONDS)

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# For developers adding strings: xgettext and msgmerge (GNU gettext) collect them into the catalogue;
# translate every new entry (no blank msgstr, no fuzzy flag) before `make setup` compiles it.
messages: $(BIN)/.installed
	DEBUG=true $(PY) manage.py makemessages --locale id --add-location file --no-obsolete \
		--ignore .venv \
		--ignore node_modules --ignore staticfiles --ignore tests --ignore benchmarks --ignore docs \
		--ignore scripts

clean:
	rm -rf $(VENV) node_modules build staticfiles db/pantau.sqlite3 .pytest_cache .ruff_cache
	rm -f locale/*/LC_MESSAGES/*.mo
