# Set-up commands: `make services` (PostgreSQL, Redis, chromium), `make run` (site with sample
# content) and `make test` (whole suite).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT
TEST_SETTINGS := DJANGO_SETTINGS_MODULE=cms.settings.test

.PHONY: install services catalogs engine run run-search run-edge test lint format bench

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# PostgreSQL 15, Redis, chromium and Varnish from Debian's packages, started (what .ci/run does first).
services:
	bash .ci/services

# OpenSearch for the suite and `make run-search`: a one-node launcher built with Maven from
# Maven Central (Java 17; dependencies cached in ~/.m2). See docs/search.md.
ENGINE_JAR := search/engine/target/search-engine-1.jar
$(ENGINE_JAR): search/engine/pom.xml $(wildcard search/engine/src/main/java/clinic/search/*.java)
	mvn -B -q -f search/engine/pom.xml -DskipTests package

engine: $(ENGINE_JAR)

# Interface translations compiled with Babel (no GNU gettext needed).
catalogs: install
	$(PY) manage.py catalogs compile

# The site and, next to it, the background-task worker (stopped with the site; without Django's
# file watcher, which alone kept 7 % of a core busy: restart `make run` after changing a task).
run: install catalogs
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_sample_content
	$(PY) manage.py schedule_daily_tasks
	PORT=$(PORT) $(PY) manage.py local_admin
	$(PY) manage.py db_worker --no-reload & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# `make run` with reader search on a local OpenSearch node (prints "Search engine: <url>").
run-search: install catalogs engine
	$(PY) search/engine/run_site.py

test: install catalogs engine
	$(TEST_SETTINGS) $(PY) manage.py catalogs check
	$(TEST_SETTINGS) $(PY) manage.py check --fail-level WARNING
	$(TEST_SETTINGS) $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -m "not browser and not live_db" --cov --cov-report= --cov-fail-under=0
	# Browser and concurrency tests in their own run: their database is flushed after each test and
	# restored from the serialized migrations, which only holds when no other tests share the run.
	$(PY) -m pytest -m "browser or live_db" --cov --cov-append --cov-report= --cov-fail-under=0
	# Branch coverage of both runs; fails under the floor in pyproject.toml ([tool.coverage.report]).
	$(VENV)/bin/coverage report

# `make run` behind a local Varnish on EDGE_PORT (default 6081), purged on every publication
# (prints "Edge cache: <url>"; docs/performance.md).
run-edge: install catalogs
	$(PY) cms/edge/run_site.py

TEMPLATES = $(shell find . -path ./.venv -prune -o -path ./static_collected -prune -o -path '*/templates/*.html' -print)

# Lint (ruff: style, imports at the top, complexity <= 15), template indentation (djhtml) and
# types (mypy with django-stubs). The same checks run from .pre-commit-config.yaml.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check $(TEMPLATES)
	$(TEST_SETTINGS) $(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml $(TEMPLATES)

bench: install
	$(PY) benchmarks/article_page.py
