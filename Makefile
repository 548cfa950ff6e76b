# Pathways: `make run` sets up and serves the site with real data; `make test` runs
# the whole suite. Both are safe to repeat.
SHELL := /bin/bash
UV ?= $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
MANAGE := $(UV) run --frozen python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run install setup data serve test lint fmt check bench clean messages

run: setup serve

install:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen --quiet --compile-bytecode
	@command -v npm >/dev/null 2>&1 || { echo "npm is required (Node.js 18+): apt-get install nodejs npm"; exit 1; }
	@if [ ! -d node_modules/us-atlas ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; fi

setup: install
	$(MANAGE) migrate --noinput
	$(MANAGE) ingest --all --no-progress
	$(MANAGE) seed_library

serve:
	$(MANAGE) runserver $(HOST):$(PORT)

test: install lint
	$(MANAGE) makemigrations --check --dry-run
	$(UV) run --frozen pytest

lint:
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .

fmt:
	$(UV) run --frozen ruff check --fix .
	$(UV) run --frozen ruff format .

bench: install
	$(UV) run --frozen python bench/ingest.py
	$(UV) run --frozen python bench/finder.py

# Translations: collect every marked string into pathways/locale/es/LC_MESSAGES/django.po
# (new ones arrive empty: translate them), then compile the .mo that is committed, so a
# fresh clone needs no gettext tools. Needs GNU gettext (apt-get install gettext).
messages:
	cd pathways && $(UV) run --frozen python ../manage.py makemessages -l es -e html,txt,py --no-location --no-obsolete --ignore 'static/*' --ignore '*/tests/*' --ignore 'locale/*'
	msgfmt --check -o pathways/locale/es/LC_MESSAGES/django.mo pathways/locale/es/LC_MESSAGES/django.po
	$(UV) run --frozen pytest pathways/core/tests/test_i18n.py -q

clean:
	rm -rf var/pathways.sqlite3* .pytest_cache
