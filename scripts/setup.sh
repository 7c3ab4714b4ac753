#!/usr/bin/env bash
# Creates .venv with the pinned dependencies and the sdw CLI. Idempotent: re-runs only when
# requirements.lock or pyproject.toml changed.
# --spark: also the spark target's packages (requirements-spark.lock: dbt-spark, pyspark) and
# checks that Java 17 is there (installs Debian's openjdk-17-jre-headless when root and missing).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ "${1:-}" = "--spark" ]; then
  bash scripts/setup.sh
  if ! command -v java >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q openjdk-17-jre-headless >/dev/null
    else
      echo "setup: the spark target needs Java 17 (apt-get install openjdk-17-jre-headless)" >&2
      exit 1
    fi
  fi
  stamp=.venv/.setup-spark-stamp
  want=$(cat requirements.lock requirements-spark.lock pyproject.toml | sha256sum | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "setting up the spark target's packages (requirements-spark.lock) ..."
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-spark.lock 2>&1 | { grep -v "is ignored: it is neither" || true; }
    echo "$want" > "$stamp"
  fi
  exit 0
fi
bash scripts/chromium.sh
stamp=.venv/.setup-stamp
want=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
echo "setting up .venv (pinned dependencies from requirements.lock) ..."
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip 2>&1 | { grep -v "is ignored: it is neither" || true; }
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock 2>&1 | { grep -v "is ignored: it is neither" || true; }
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e . 2>&1 | { grep -v "is ignored: it is neither" || true; }
echo "$want" > "$stamp"
echo "setup done: .venv ready"
