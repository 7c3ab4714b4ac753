#!/usr/bin/env bash
# A throw-away PostgreSQL 15 server on loopback, for the `postgres` target's tests and for trying
# the warehouse on a server (README.md, "PostgreSQL"). Installs Debian's postgresql-15 when it is
# missing (as root), makes a cluster under $SDW_PG_DIR, starts it on 127.0.0.1:$SDW_PG_PORT.
#
#   scripts/postgres.sh start   # prints the environment the postgres target reads
#   scripts/postgres.sh stop    # stops the server and removes its cluster
#
# The server trusts connections from 127.0.0.1 only (a test cluster without passwords); the
# superuser is `sdw`, the database `sdw`. Never point this script at a production server.
set -euo pipefail
PG_DIR=${SDW_PG_DIR:-/tmp/sdw-postgres}
PG_PORT=${SDW_PG_PORT:-54329}
PG_VERSION=15

bindir() {
  local dir=/usr/lib/postgresql/$PG_VERSION/bin
  if [ ! -x "$dir/pg_ctl" ]; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "postgres.sh: PostgreSQL $PG_VERSION is not installed; install postgresql-$PG_VERSION" >&2
      exit 1
    fi
    echo "postgres.sh: installing postgresql-$PG_VERSION (Debian package) ..." >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$PG_VERSION" >/dev/null
  fi
  echo "$dir"
}

# PostgreSQL refuses to run as root: as root, run the server as the `postgres` system user
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  local bin
  bin=$(bindir)
  if [ -f "$PG_DIR/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
    echo "postgres.sh: already running in $PG_DIR" >&2
  else
    rm -rf "$PG_DIR"
    mkdir -p "$PG_DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_DIR"
    as_owner "$bin/initdb" -D "$PG_DIR/data" -U sdw --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
      || { cat "$PG_DIR/initdb.log" >&2; exit 1; }
    # loopback only, no socket directory outside the cluster; JIT off: it stalls on the very
    # large statements some models compile to (PostgreSQL 15)
    as_owner "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c jit=off -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB -c work_mem=64MB" \
      start >/dev/null || { cat "$PG_DIR/server.log" >&2; exit 1; }
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U sdw sdw
  fi
  echo "export SDW_PG_HOST=127.0.0.1 SDW_PG_PORT=$PG_PORT SDW_PG_USER=sdw SDW_PG_DATABASE=sdw"
}

stop() {
  local bin=/usr/lib/postgresql/$PG_VERSION/bin
  if [ -d "$PG_DIR/data" ]; then
    as_owner "$bin/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
