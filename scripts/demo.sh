#!/usr/bin/env bash
# The run command: set up, generate a synthetic municipality of 26,000 inhabitants (2019-2024,
# with a few deliberately broken rows), load it, run dbt build (all models and tests) and print
# a summary. The warehouse is warehouse/sdw.duckdb (or $SDW_WAREHOUSE).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
export SDW_WAREHOUSE="${SDW_WAREHOUSE:-$PWD/warehouse/sdw.duckdb}"
rm -f "$SDW_WAREHOUSE" "$SDW_WAREHOUSE.wal"
sdw demo --inwoners 26000 --start 2019-01 --end 2024-12 --seed 1 "$@"
