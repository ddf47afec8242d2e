#!/usr/bin/env bash
# Runs the whole test suite (installing first if needed), then the linters.
set -euo pipefail
cd "$(dirname "$0")"
./setup.sh --install-only
.venv/bin/python -m pytest -q "$@"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
