# Sahifa — every target sets up what is missing first, and is quick when nothing is.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
FLASK := $(VENV)/bin/flask --app app
HOST ?= 127.0.0.1
PORT ?= 5000
# Instance folder of `make run` (SQLite database, secret key, analysis data).
export FLASK_INSTANCE_PATH ?= $(CURDIR)/instance

PY_STAMP := $(VENV)/.installed
JS_STAMP := node_modules/.installed
ASSETS_STAMP := static/vendor/.installed

.PHONY: all setup run serve test lint typecheck unit browser-deps services bench clean

all: setup

setup: $(PY_STAMP) $(ASSETS_STAMP)

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet 'uv>=0.9,<1'

# camel-tools' neural extras are removed by the overrides file (docs/dependencies.md).
$(PY_STAMP): pyproject.toml requirements/overrides.txt | $(PY)
	$(UV) pip install --quiet --python $(PY) --override requirements/overrides.txt -e '.[dev]'
	@# pip only bootstraps uv; uv manages the packages, and pip's 17 MB count against .venv's 800 MB.
	@if [ -e $(VENV)/bin/pip ]; then $(UV) pip uninstall --quiet --python $(PY) pip; fi
	@touch $@

$(JS_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Built front-end files are copied from node_modules into static/vendor (git-ignored).
$(ASSETS_STAMP): $(JS_STAMP) scripts/copy-assets.sh
	bash scripts/copy-assets.sh
	@touch $@

# One process: apply migrations, import new seed articles, serve (prints the address).
run: setup
	$(FLASK) start --host $(HOST) --port $(PORT)

# Production server: gunicorn with gunicorn.conf.py (docs/deployment.md for its settings).
serve: setup
	$(FLASK) db upgrade --directory migrations
	$(VENV)/bin/gunicorn -c gunicorn.conf.py app:app

lint: $(PY_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(PY_STAMP)
	$(VENV)/bin/mypy

# Debian's Chromium drives the browser tests (a downloaded browser cannot be fetched here).
browser-deps:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

services:
	@bash scripts/ensure-services.sh

# Test files are spread over the machine's cores; override with PYTEST_ARGS= for one process.
PYTEST_ARGS ?= -n auto --dist loadfile

test: setup browser-deps services lint typecheck
	$(VENV)/bin/pytest $(PYTEST_ARGS)

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) node_modules static/vendor instance .pytest_cache .mypy_cache .ruff_cache test-artifacts
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
