"""The postgres target: the demo's raw layer copied to a PostgreSQL 15 server on loopback, the
whole project built, tested and audited there by `sdw build --target postgres`, every mart
compared row by row with the DuckDB build of the same delivery, and the reader role.

The server is started for this module by scripts/postgres.sh (which installs Debian's
postgresql-15 when it is missing) and stopped after it."""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from conftest import sdw_build_on

from ingest.compare import compare_schemas
from ingest.contract import PROJECT_ROOT
from ingest.postgres import connect, copy_raw, mirror_schemas, postgres_type
from ingest.privacy_audit import MART_SCHEMA

SCRIPT = PROJECT_ROOT / "scripts" / "postgres.sh"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[dict[str, str]]:
    """The SDW_PG_* settings of a throw-away server (scripts/postgres.sh) with an empty
    database. Always a server of its own, never one named by the environment: the fixture drops
    schemas and creates roles."""
    # not under pytest's temporary folders: those are private to root, and the server runs as
    # the postgres user
    # a free port: a server left running by an earlier, killed run must not fail this one
    env = {"SDW_PG_DIR": f"/tmp/sdw-postgres-test-{os.getpid()}", "SDW_PG_PORT": str(_free_port())}
    printed = subprocess.run(
        ["bash", str(SCRIPT), "start"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    if printed.returncode != 0:
        pytest.fail(f"scripts/postgres.sh start failed:\n{printed.stderr[-2000:]}")
    for word in shlex.split(printed.stdout.strip().removeprefix("export ")):
        key, _, value = word.partition("=")
        env[key] = value
    with connect(env) as con, con.cursor() as cur:
        con.autocommit = True
        for schema in ("raw", "staging", "prep", "intermediate", "core", "marts", "suppressie"):
            cur.execute(f"drop schema if exists {schema} cascade")
        cur.execute("drop role if exists bi_lezer")
    yield env
    stop = ["bash", str(SCRIPT), "stop"]
    subprocess.run(stop, env={**os.environ, **env}, check=False, timeout=120)


@pytest.fixture(scope="module")
def built_on_server(demo_built: Path, server: dict[str, str], tmp_path_factory) -> str:
    """The demo's raw layer copied to the server and `sdw build --target postgres` run there;
    returns what it printed."""
    con = duckdb.connect(str(demo_built), read_only=True)
    try:
        with connect(server) as pg:
            copy_raw(con, pg)
    finally:
        con.close()
    return sdw_build_on("postgres", demo_built, tmp_path_factory.mktemp("pg-build"), server)


def test_raw_copy_is_complete_and_incremental(demo_built: Path, server, built_on_server):
    """Every raw row reaches the server; a second copy sends no extract row again (only the
    small bookkeeping tables are replaced whole)."""
    con = duckdb.connect(str(demo_built), read_only=True)
    try:
        expected = {
            t: con.execute(f"select count(*) from raw.{t}").fetchone()[0]
            for t in ("beschikkingen", "declaraties", "uitkeringen", "verwijzers", "quarantine")
        }
        with connect(server) as pg:
            again = {c.table: c.rows for c in copy_raw(con, pg)}
            with pg.cursor() as cur:
                for table, n in expected.items():
                    cur.execute(f"select count(*) from raw.{table}")
                    assert cur.fetchone()[0] == n, table
    finally:
        con.close()
    assert expected["declaraties"] > 200_000
    assert again["beschikkingen"] == again["declaraties"] == again["uitkeringen"] == 0
    assert again["quarantine"] == expected["quarantine"] > 0


def test_build_on_postgres_passes_every_test_and_the_audit(built_on_server: str):
    assert "ERROR=0" in built_on_server
    assert "privacy audit: no suppressed cell can be recovered" in built_on_server


def test_every_mart_equals_the_duckdb_build(demo_built: Path, server, built_on_server, tmp_path):
    """Row by row: counts exact, amounts to the cent, suppressed cells the same."""
    con = duckdb.connect()
    try:
        con.execute(f"attach '{demo_built}' as warehouse (read_only)")
        with connect(server) as pg:
            mirror_schemas(pg, [MART_SCHEMA], tmp_path, con)
        result = compare_schemas(
            con, ("warehouse", MART_SCHEMA), ("memory", MART_SCHEMA), labels=("duckdb", "postgres")
        )
        assert result.equal, result.report()
        assert len(result.tables) >= 27
        # the comparison sees a difference of one cent in one cell
        con.execute(
            "update memory.marts.mart_financien_begroting set bedrag_realisatie = "
            "bedrag_realisatie + 0.01 where rowid = (select min(rowid) from "
            "memory.marts.mart_financien_begroting where bedrag_realisatie is not null)"
        )
        changed = compare_schemas(con, ("warehouse", MART_SCHEMA), ("memory", MART_SCHEMA))
        assert [d.table for d in changed.differences] == ["mart_financien_begroting"]
        assert "1 row(s) only in warehouse, 1 only in memory" in changed.report()
    finally:
        con.close()


def test_reader_role_reads_the_marts_and_nothing_else(server, built_on_server):
    with connect(server) as admin, admin.cursor() as cur:
        admin.autocommit = True
        cur.execute("create role bi_lezer login in role publicatie_lezer")
        cur.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema not in ('pg_catalog', 'information_schema') "
            "and table_type = 'BASE TABLE' order by 1, 2"
        )
        tables = cur.fetchall()
    import psycopg2  # noqa: PLC0415

    readable: list[str] = []
    marts = 0
    with connect({**server, "SDW_PG_USER": "bi_lezer"}) as reader:
        reader.autocommit = True
        with reader.cursor() as cur:
            for schema, table in tables:
                try:
                    cur.execute(f'select count(*) from "{schema}"."{table}"')
                    n = cur.fetchone()[0]
                except psycopg2.errors.InsufficientPrivilege:
                    continue
                if schema == MART_SCHEMA:
                    marts += 1
                    assert n >= 0
                else:
                    readable.append(f"{schema}.{table}")
    assert readable == [], f"the reader role can read outside the marts: {readable}"
    assert marts >= 27
    assert {s for s, _ in tables} >= {"raw", "staging", "core", "suppressie", MART_SCHEMA}


def test_raw_column_types_map_to_postgres():
    assert postgres_type("DECIMAL(18,2)") == "numeric(18, 2)"
    assert postgres_type("VARCHAR") == "text"
    assert postgres_type("TIMESTAMP") == "timestamp"
    with pytest.raises(RuntimeError, match="no PostgreSQL type"):
        postgres_type("STRUCT(a INTEGER)")


def test_publish_edition_to_server(
    demo_built: Path, server, built_on_server, tmp_path, monkeypatch
):
    """sdw publish --postgres: an edition's marts replace the server's marts schema in one
    transaction (a database of their own here), readable by publicatie_lezer; a publication that
    fails half-way leaves the earlier one whole."""
    from ingest import postgres  # noqa: PLC0415
    from ingest.publish import publish  # noqa: PLC0415

    with connect(server) as admin, admin.cursor() as cur:
        admin.autocommit = True
        cur.execute("drop database if exists sdw_publicatie")
        cur.execute("create database sdw_publicatie")
    edition = publish(demo_built, tmp_path / "publicatie")
    dsn = (
        f"postgresql://{server['SDW_PG_USER']}@{server['SDW_PG_HOST']}:{server['SDW_PG_PORT']}"
        "/sdw_publicatie"
    )
    rows = postgres.publish_to_server(edition.folder / "sdw.duckdb", dsn)
    target = {**server, "SDW_PG_DATABASE": "sdw_publicatie"}

    def on_server() -> dict[str, int]:
        with connect(target) as pg, pg.cursor() as cur:
            cur.execute(
                "select table_name from information_schema.tables where table_schema = 'marts'"
            )
            names = [r[0] for r in cur.fetchall()]
            counts = {}
            for name in names:
                cur.execute(f'select count(*) from marts."{name}"')
                counts[name] = cur.fetchone()[0]
            return counts

    copy = duckdb.connect(str(edition.folder / "sdw.duckdb"), read_only=True)
    try:
        names = [t for (t,) in copy.execute("select table_name from duckdb_tables()").fetchall()]
        expected = {t: copy.execute(f"select count(*) from marts.{t}").fetchone()[0] for t in names}
    finally:
        copy.close()
    assert len(expected) >= 28  # 27 marts and marts.publicatie
    assert on_server() == rows == expected
    with connect(target) as pg, pg.cursor() as cur:
        cur.execute("select obj_description('marts.mart_gebruik'::regclass)")
        assert cur.fetchone()[0]
        cur.execute(
            "select has_table_privilege('publicatie_lezer', 'marts.mart_gebruik', 'select')"
        )
        assert cur.fetchone() == (True,)

    def broken(duckdb_type: str) -> str:
        if duckdb_type == "BOOLEAN":
            raise postgres.PostgresError("stopped half-way (test)")
        return "text"

    monkeypatch.setattr(postgres, "postgres_type", broken)
    with pytest.raises(postgres.PostgresError, match="half-way"):
        postgres.publish_to_server(edition.folder / "sdw.duckdb", dsn)
    assert on_server() == rows


def test_copy_sends_new_batches_only_and_keeps_null_apart_from_empty(server):
    """The copy's bookkeeping on a small raw table: a NULL stays NULL and an empty text stays
    empty; a second copy sends only the batch added since; a server copied from another
    warehouse (a higher batch than this one has) is refused, not mixed."""
    from ingest.postgres import PostgresError  # noqa: PLC0415

    with connect(server) as admin, admin.cursor() as cur:
        admin.autocommit = True
        cur.execute("drop database if exists sdw_kopie")
        cur.execute("create database sdw_kopie")
    target = {**server, "SDW_PG_DATABASE": "sdw_kopie"}
    duck = duckdb.connect()
    duck.execute(
        "create schema raw; create table raw.declaraties (x varchar, _batch_id bigint); "
        "insert into raw.declaraties values ('a', 1), ('b', 2), (null, 2), ('', 3)"
    )
    with connect(target) as pg:
        first = copy_raw(duck, pg)
        duck.execute("insert into raw.declaraties values ('c', 4)")
        second = copy_raw(duck, pg)
        with pg.cursor() as cur:
            cur.execute(
                "select count(*), count(x), count(*) filter (where x = ''), max(_batch_id) "
                "from raw.declaraties"
            )
            assert cur.fetchone() == (5, 4, 1, 4)
    assert [(c.rows, c.batches) for c in first] == [(4, [1, 2, 3])]
    assert [(c.rows, c.batches) for c in second] == [(1, [4])]
    other = duckdb.connect()
    other.execute("create schema raw; create table raw.declaraties (x varchar, _batch_id bigint)")
    other.execute("insert into raw.declaraties values ('z', 1)")
    with connect(target) as pg, pytest.raises(PostgresError, match="another warehouse"):
        copy_raw(other, pg)
