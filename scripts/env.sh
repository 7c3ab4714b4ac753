# Sourced by the scripts: environment every command of the project runs with.
export DO_NOT_TRACK=1
export DBT_SEND_ANONYMOUS_USAGE_STATS=false
export GX_ANALYTICS_ENABLED=false
export DBT_PROFILES_DIR="${DBT_PROFILES_DIR:-$PWD}"
export PATH="$PWD/.venv/bin:$PATH"
