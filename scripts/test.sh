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
# the slowest tests in every log: CI has a 15-minute budget. The test modules run in two
# processes (pytest-xdist): most of the suite's time is dbt builds, one at a time, with a core
# mostly idle (a module stays in one process, so its fixtures are built once; the demo build, a
# session fixture, once per process). SDW_TEST_WORKERS=0 runs it all in one process.
python -m pytest -n "${SDW_TEST_WORKERS:-2}" --dist loadfile --durations=15 "$@"
