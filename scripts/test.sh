#!/usr/bin/env bash
# The test command: set up, then lint SQL (sqlfluff) and Python (ruff), then run every test
# (pytest: loader and generator fixtures, project rules on the dbt manifest, and an end-to-end
# dbt build with all dbt tests on a generated municipality, on DuckDB and on a PostgreSQL 15
# server that pytests/test_postgres.py starts and stops with scripts/postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
echo "== sqlfluff lint"
sqlfluff lint models macros tests analyses --disable-progress-bar --nocolor --processes 2
echo "== ruff"
ruff check ingest pytests scripts
ruff format --check ingest pytests scripts
echo "== pytest"
# the slowest tests in every log: CI has a 15-minute budget
python -m pytest --durations=15 "$@"
