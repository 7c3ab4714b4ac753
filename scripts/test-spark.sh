#!/usr/bin/env bash
# The spark target's tests (issue 11), apart from the main test command because a local Spark
# session needs about 15 minutes for the demo: sets up the spark packages (scripts/setup.sh
# --spark), then builds the demo on DuckDB and on local Spark with every dbt test and the privacy
# audit, and compares every mart row by row (pytests/test_spark.py, marker `spark`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --spark
source scripts/env.sh
python -m pytest -m spark pytests/test_spark.py "$@"
