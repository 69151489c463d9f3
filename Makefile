# Two commands do all the set-up (see README.md): `make run` and `make test`.
# The logic lives in scripts/; these targets stay short.
PYTHON ?= python3
DEMO ?=

.PHONY: run test lint install clean

run: ## Set up .venv and serve the app on http://127.0.0.1:8000 (DEMO=1 for a demo workspace)
	@PYTHON="$(PYTHON)" DEMO="$(DEMO)" bash scripts/run.sh

test: ## Install what the tests need; ruff; the whole suite on SQLite, then on PostgreSQL
	@PYTHON="$(PYTHON)" bash scripts/test.sh

install: ## Set up .venv with Followthrough in it, and nothing else (for hosting; see README)
	@PYTHON="$(PYTHON)" bash -c 'source scripts/common.sh && ensure_venv'

lint: ## ruff check
	@PYTHON="$(PYTHON)" bash -c 'source scripts/common.sh && ensure_venv test' && .venv/bin/ruff check .

clean: ## Remove .venv and build and test leftovers (never the data folder)
	rm -rf .venv build dist test-artifacts .pytest_cache .ruff_cache *.egg-info
	find . -path ./.git -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
