#!/usr/bin/env bash
# Creates .venv with the pinned dependencies and the sdw CLI. Idempotent: re-runs only when
# requirements.lock or pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
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
