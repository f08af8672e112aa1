# mediamon — the two commands of the quick start are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
# uv from PATH if there is one, else a private copy installed with pip into .tools/.
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
VENV := .venv
STAMP := $(VENV)/.synced

.PHONY: demo test test-distributed setup lint typecheck bench airflow clean

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/python -m pip install --quiet uv

# Re-sync whenever the lock file changes. --compile-bytecode: uv does not write .pyc files by
# default, and with PYTHONDONTWRITEBYTECODE set (as in many containers) Python never does, so
# every process would compile every module it imports, every time: 9 s -> 4 s to import
# Great Expectations, seconds off every `mediamon run` and Airflow task.
$(STAMP): uv.lock pyproject.toml Makefile | $(UV)
	$(UV) sync --frozen --compile-bytecode
	@touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/mediamon demo

test: lint typecheck
	$(VENV)/bin/python -m pytest -m "not distributed"

# Airflow on PostgreSQL (127.0.0.1:5432) with the CeleryExecutor on Redis (127.0.0.1:6379) and two
# workers; skipped with a message where those services are not running.
test-distributed: $(STAMP)
	$(VENV)/bin/python -m pytest -m distributed

# Airflow 3 standalone with the project's DAGs (`make airflow DEMO=1`: on the sample site).
airflow: $(STAMP)
	$(VENV)/bin/mediamon airflow $(if $(DEMO),--demo)

# Figures go to docs/BENCHMARKS.md (not a test: nothing here asserts a time).
bench: $(STAMP)
	$(VENV)/bin/python -m benchmarks.run

lint: $(STAMP)
	$(VENV)/bin/ruff check pipeline tests benchmarks dags
	$(VENV)/bin/ruff format --check pipeline tests benchmarks dags

typecheck: $(STAMP)
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) .tools .airflow data/warehouse.duckdb data/staging .pytest_cache
