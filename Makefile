# Maillon — `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_SETTINGS := portal.settings.dev
HOST ?= 127.0.0.1
PORT ?= 8000
STRIPE_PORT ?= 8420
UV_VERSION := 0.13.8
UV := $(VENV)/bin/uv

.DEFAULT_GOAL := help
.PHONY: help install lock run serve worker localstripe migrate seed messages compilemessages lint format check test test-fast e2e bench clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  \033[1m%-16s\033[0m %s\n", $$1, $$2}'

# uv installs the locked versions in parallel from its cache; pip only bootstraps uv itself.
# `uv pip install` (not `sync`) so that a venv shared with other checkouts keeps their extras.
$(STAMP): requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@test -x $(UV) || $(PY) -m pip install --quiet uv==$(UV_VERSION)
	$(UV) pip install --quiet --python $(PY) -r requirements.lock
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install requirements.lock (only when it changed)

lock: ## Pin every dependency of pyproject.toml (and the test extra) into requirements.lock
	$(UV) pip compile --quiet pyproject.toml --extra test --python-version 3.11 -o requirements.lock

compilemessages: $(STAMP) ## Compile locale/*.po into .mo files
	$(PY) manage.py compile_catalogues

migrate: $(STAMP) compilemessages ## Apply migrations to the embedded SQLite database
	$(PY) manage.py createcachetable
	$(PY) manage.py migrate --no-input

seed: migrate ## Seed the demo content (idempotent)
	$(PY) manage.py seed_demo

localstripe: $(STAMP) ## Start localstripe (fake Stripe) on 127.0.0.1:$(STRIPE_PORT) unless it runs already
	@if ! (exec 3<>/dev/tcp/127.0.0.1/$(STRIPE_PORT)) 2>/dev/null; then \
		nohup $(PY) -m campaigns.localstripe_server --port $(STRIPE_PORT) > .localstripe.log 2>&1 & \
		echo "localstripe started on http://127.0.0.1:$(STRIPE_PORT)"; \
	fi

# Absolute links (e-mails, hreflang, the admin, the API) and the seeded Site follow the address
# that is served, unless BASE_URL is given.
seed run serve: export BASE_URL ?= http://$(HOST):$(PORT)

run: seed localstripe ## Set up, seed the demo and serve the portal at http://HOST:PORT (127.0.0.1:8000)
	@printf '\n\033[1mMaillon: http://%s:%s/   admin: http://%s:%s/admin/\033[0m\n\n' $(HOST) $(PORT) $(HOST) $(PORT)
	$(PY) manage.py runserver $(HOST):$(PORT)

serve: ## Serve without setting up again
	@printf '\n\033[1mMaillon: http://%s:%s/\033[0m\n\n' $(HOST) $(PORT)
	$(PY) manage.py runserver $(HOST):$(PORT)

worker: $(STAMP) ## Run queued tasks (e-mails, indexing, closing) as its own process, as in production
	$(PY) manage.py db_worker

messages: $(STAMP) ## Extract messages into locale/{fr,nl,de,en}/LC_MESSAGES/django.po
	$(PY) manage.py makemessages --no-wrap --no-obsolete -l fr -l nl -l de -l en \
		--ignore ".venv/*" --ignore "static/*" --ignore "tests/*" --ignore "bench/*"

lint: $(STAMP) ## ruff (lint and formatting) and import-linter (the layers, in pyproject.toml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

check: $(STAMP) compilemessages ## Lock file up to date, Django system checks, missing migrations, catalogues
	$(PY) .ci/check_lock.py
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check_catalogues

# One pytest worker per core; tests that must share a worker (the demo seeded once, the browser
# tests) carry an xdist_group marker.
PYTEST_WORKERS ?= auto

test: lint check ## The whole suite: lint, checks, catalogues, then pytest on every core (SQLite, or DATABASE_URL)
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

test-fast: $(STAMP) ## pytest only, reusing the test database
	$(VENV)/bin/pytest --reuse-db -x $(PYTEST_ARGS)

e2e: $(STAMP) ## Browser tests only (Playwright + Debian's Chromium)
	$(VENV)/bin/pytest tests/e2e $(PYTEST_ARGS)

clean: ## Remove the venv, the SQLite database and collected files
	rm -rf $(VENV) db.sqlite3 static media .localstripe.log

.PHONY: bench-pages
bench-pages: $(STAMP) ## Pages per second vs a raw-WSGI page (DATABASE_URL: PostgreSQL, seeded demo)
	DJANGO_SETTINGS_MODULE=portal.settings.bench $(PY) bench/pages.py $(BENCH_ARGS)
