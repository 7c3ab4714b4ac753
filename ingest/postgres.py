"""The postgres target's raw layer: the raw tables that `sdw load` validated and landed in the
DuckDB warehouse, copied to a PostgreSQL server through its bulk path (COPY), so that
`dbt build --target postgres` builds the same project there.

Validation, quarantine and pseudonymisation stay in one place (the loader, on DuckDB); the server
receives only what passed, with pseudonyms, never a BSN in clear. The copy is incremental: a raw
extract table (append-only, with _batch_id) receives only the batches the server does not hold
yet, so a monthly delivery costs the size of the month, not of the warehouse; the small
bookkeeping tables (load log, quarantine, key check) are replaced whole. Everything happens in
one server transaction: a copy that fails leaves the server as it was.

The connection comes from the same environment variables as the `postgres` target of
profiles.yml: SDW_PG_HOST, SDW_PG_PORT, SDW_PG_USER, SDW_PG_PASSWORD, SDW_PG_DATABASE."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from ingest.publish import PUBLISHED_SCHEMA
from ingest.warehouse import RAW_SCHEMA, schema_tables

Progress = Callable[[str], None]
BATCH = "_batch_id"  # the extract tables' delivery batch (contract.META_COLUMNS)

_DECIMAL = re.compile(r"DECIMAL\((\d+),\s*(\d+)\)")
_TYPES = {
    "VARCHAR": "text",
    "BIGINT": "bigint",
    "INTEGER": "integer",
    "SMALLINT": "smallint",
    "BOOLEAN": "boolean",
    "DATE": "date",
    "TIMESTAMP": "timestamp",
    "DOUBLE": "double precision",
    "JSON": "text",
}


class PostgresError(RuntimeError):
    """The server could not be reached or refused the copy."""


def postgres_type(duckdb_type: str) -> str:
    """The PostgreSQL type of a raw column's DuckDB type."""
    match = _DECIMAL.fullmatch(duckdb_type)
    if match:
        return f"numeric({match.group(1)}, {match.group(2)})"
    if duckdb_type not in _TYPES:
        raise PostgresError(f"raw column type {duckdb_type} has no PostgreSQL type here")
    return _TYPES[duckdb_type]


def connection_settings(env: dict[str, str] | None = None) -> dict[str, Any]:
    """psycopg2's connection keywords from the profile's environment variables."""
    e = os.environ if env is None else env
    return {
        "host": e.get("SDW_PG_HOST", "127.0.0.1"),
        "port": int(e.get("SDW_PG_PORT", "5432")),
        "user": e.get("SDW_PG_USER", "sdw"),
        "password": e.get("SDW_PG_PASSWORD", ""),
        "dbname": e.get("SDW_PG_DATABASE", "sdw"),
        "connect_timeout": 10,
    }


@contextmanager
def connect(env: dict[str, str] | None = None) -> Iterator[Any]:
    import psycopg2  # noqa: PLC0415

    settings = connection_settings(env)
    try:
        con = psycopg2.connect(**settings)
    except psycopg2.OperationalError as exc:
        where = f"{settings['user']}@{settings['host']}:{settings['port']}/{settings['dbname']}"
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise PostgresError(f"cannot connect to PostgreSQL {where}: {first}") from exc
    try:
        yield con
    finally:
        con.close()


@dataclass
class CopiedTable:
    table: str
    rows: int
    batches: list[int]


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    return [
        (str(name), str(kind))
        for name, kind in con.execute(
            "select column_name, data_type from duckdb_columns() "
            "where schema_name = ? and table_name = ? order by column_index",
            [RAW_SCHEMA, table],
        ).fetchall()
    ]


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def copy_raw(
    warehouse: duckdb.DuckDBPyConnection, server: Any, say: Progress | None = None
) -> list[CopiedTable]:
    """Copy the raw schema of the DuckDB warehouse to the server (one transaction). The extract
    tables (with _batch_id) get the batches the server lacks; the others are replaced whole.
    Returns what was copied per table."""
    tell: Progress = say or (lambda _m: None)
    warehouse.execute("set enable_progress_bar = false")
    tables = schema_tables(warehouse, RAW_SCHEMA)
    copied: list[CopiedTable] = []
    with tempfile.TemporaryDirectory(prefix="sdw-pg-") as work, server.cursor() as cur:
        try:
            cur.execute(f"create schema if not exists {RAW_SCHEMA}")
            for table in tables:
                copied.append(_copy_table(warehouse, cur, table, Path(work), tell))
            server.commit()
        except Exception:
            server.rollback()
            raise
    return copied


def _copy_table(
    warehouse: duckdb.DuckDBPyConnection, cur: Any, table: str, work: Path, tell: Progress
) -> CopiedTable:
    columns = _columns(warehouse, table)
    names = [name for name, _ in columns]
    target = f"{RAW_SCHEMA}.{_ident(table)}"
    ddl = ", ".join(f"{_ident(n)} {postgres_type(k)}" for n, k in columns)
    cur.execute(f"create table if not exists {target} ({ddl})")
    cur.execute(
        "select column_name from information_schema.columns where table_schema = %s "
        "and table_name = %s order by ordinal_position",
        (RAW_SCHEMA, table),
    )
    on_server = [str(r[0]) for r in cur.fetchall()]
    if on_server != names:
        raise PostgresError(
            f"{target} on the server has columns {on_server}, the warehouse {names}: "
            "drop the server's raw schema and copy again"
        )
    select = ", ".join(_ident(n) for n in names)
    where = "true"
    batches: list[int] = []
    if BATCH in names:
        # batch ids only grow (the loader numbers them), and a copy is one transaction: the
        # server holds every batch up to its highest, which an index answers without a scan
        cur.execute(f'create index if not exists "{table}_batch" on {target} ({BATCH})')
        cur.execute(f"select max({BATCH}) from {target}")
        held = cur.fetchone()[0]
        row = warehouse.execute(f"select max({BATCH}) from {RAW_SCHEMA}.{_ident(table)}").fetchone()
        newest = row[0] if row else None
        if held is not None and (newest is None or newest < held):
            raise PostgresError(
                f"{target} on the server holds batch {held}, the warehouse only up to {newest}: "
                "it was copied from another warehouse; drop the server's raw schema and copy again"
            )
        if newest is None or newest == held:
            return CopiedTable(table, 0, [])
        held = held or 0
        batches = [
            int(b)
            for (b,) in warehouse.execute(
                f"select distinct {BATCH} from {RAW_SCHEMA}.{_ident(table)} "
                f"where {BATCH} > ? order by 1",
                [held],
            ).fetchall()
        ]
        where = f"{BATCH} > {int(held)}"
    else:
        cur.execute(f"truncate {target}")
    path = work / f"{table}.csv"
    # NULL as \N unquoted, every other value quoted: an empty string stays an empty string
    warehouse.execute(
        f"copy (select {select} from {RAW_SCHEMA}.{_ident(table)} where {where}) to '{path}' "
        "(format csv, header false, nullstr '\\N', force_quote *)"
    )
    with path.open("rb") as f:
        cur.copy_expert(f"copy {target} ({select}) from stdin with (format csv, null '\\N')", f)
    rows = int(cur.rowcount)
    path.unlink()
    # statistics now, not when autovacuum comes by: the build that follows plans from them (the
    # reconciliation of raw with the facts ran for over ten minutes on the demo without)
    cur.execute(f"analyze {target}")
    tell(f"{RAW_SCHEMA}.{table}: {rows:,} rows copied to PostgreSQL")
    return CopiedTable(table, rows, batches)


_FROM_SERVER = {
    "text": "VARCHAR",
    "character varying": "VARCHAR",
    "bigint": "BIGINT",
    "integer": "INTEGER",
    "smallint": "SMALLINT",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "timestamp without time zone": "TIMESTAMP",
    "double precision": "DOUBLE",
    "real": "FLOAT",
}


def _duckdb_type(data_type: str, precision: int | None, scale: int | None) -> str:
    if data_type == "numeric":
        return f"DECIMAL({precision or 38}, {scale or 0})" if precision else "DOUBLE"
    if data_type not in _FROM_SERVER:
        raise PostgresError(f"server column type {data_type} has no DuckDB type here")
    return _FROM_SERVER[data_type]


def mirror_schemas(
    server: Any, schemas: list[str], work: Path, duck: duckdb.DuckDBPyConnection | None = None
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB copy (in `duck`, or a new connection) of every table of `schemas` on
    the server (COPY ... TO STDOUT): what the privacy audit and sdw compare read, a few tables of
    marts-sized data."""
    duck = duck or duckdb.connect()
    with server.cursor() as cur:
        cur.execute(
            "select c.table_schema, c.table_name, c.column_name, c.data_type, "
            "c.numeric_precision, c.numeric_scale from information_schema.columns as c "
            "join information_schema.tables as t on t.table_schema = c.table_schema "
            "and t.table_name = c.table_name and t.table_type = 'BASE TABLE' "
            "where c.table_schema = any(%s) order by 1, 2, c.ordinal_position",
            (schemas,),
        )
        tables: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for schema, table, column, data_type, precision, scale in cur.fetchall():
            tables.setdefault((schema, table), []).append(
                (column, _duckdb_type(data_type, precision, scale))
            )
        for schema in schemas:
            duck.execute(f"create schema if not exists {_ident(schema)}")
        for (schema, table), columns in tables.items():
            name = f"{_ident(schema)}.{_ident(table)}"
            duck.execute(
                f"create table {name} ({', '.join(f'{_ident(c)} {t}' for c, t in columns)})"
            )
            path = work / f"{schema}.{table}.csv"
            with path.open("wb") as f:
                cur.copy_expert(
                    f"copy {name} to stdout with (format csv, null '\\N', force_quote *)", f
                )
            if path.stat().st_size == 0:  # an empty table: nothing to read
                path.unlink()
                continue
            spec = ", ".join(f"{_sql_text(c)}: {_sql_text(t)}" for c, t in columns)
            duck.execute(
                f"insert into {name} select * from read_csv(?, header = false, nullstr = '\\N', "
                f"columns = {{{spec}}})",
                [str(path)],
            )
            path.unlink()
    return duck


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


class ServerAudit:
    """The privacy audit of a build on the server (ingest.build.AuditStore): it reads a DuckDB
    copy of the server's suppression and mart schemas, and its repairs go back to the server's
    repairs table, which the suppression materialization reads on the next build."""

    def __init__(self, audit_schema: str, mart_schema: str, repairs_table: str) -> None:
        self.schemas = [audit_schema, mart_schema]
        self.mart_schema = mart_schema
        self.repairs_table = repairs_table
        self._work = tempfile.TemporaryDirectory(prefix="sdw-pg-audit-")

    def clear(self) -> None:
        with connect() as server, server.cursor() as cur:
            cur.execute(f"drop table if exists {self.repairs_table}")
            server.commit()

    def open(self) -> duckdb.DuckDBPyConnection:
        with connect() as server:
            return mirror_schemas(server, self.schemas, Path(self._work.name))

    def save(self, con: duckdb.DuckDBPyConnection) -> None:
        rows = con.execute(
            f"select mart, sleutel, kolom, reden from {self.repairs_table}"
        ).fetchall()
        with connect() as server, server.cursor() as cur:
            cur.execute(
                f"create table if not exists {self.repairs_table} "
                "(mart text, sleutel text, kolom text, reden text)"
            )
            cur.execute(f"truncate {self.repairs_table}")
            cur.executemany(f"insert into {self.repairs_table} values (%s, %s, %s, %s)", rows)
            server.commit()

    def finish(self, con: duckdb.DuckDBPyConnection, manifest: dict) -> list[str]:
        from ingest.build import orphan_marts  # noqa: PLC0415

        with connect() as server, server.cursor() as cur:
            cur.execute(
                "select table_name from information_schema.tables where table_schema = %s "
                "and table_type = 'BASE TABLE' order by 1",
                (self.mart_schema,),
            )
            orphans = orphan_marts([str(r[0]) for r in cur.fetchall()], manifest)
            for name in orphans:
                cur.execute(f"drop table {_ident(self.mart_schema)}.{_ident(name)}")
            server.commit()
        self._work.cleanup()
        return orphans


def publish_to_server(edition: Path, dsn: str, say: Progress | None = None) -> dict[str, int]:
    """Publish an edition's marts (its sdw.duckdb: the suppressed marts, their comments and
    marts.publicatie) to a PostgreSQL server, for municipalities that build on DuckDB and serve
    BI tools from a server. The server's schema `marts` is replaced in one transaction (built as
    marts_nieuw, then renamed), so a reader sees the old edition or the new one, never a mix; the
    role publicatie_lezer may read it, as after a build on the server. Returns rows per table."""
    import psycopg2  # noqa: PLC0415

    tell: Progress = say or (lambda _m: None)
    schema, work_schema = PUBLISHED_SCHEMA, f"{PUBLISHED_SCHEMA}_nieuw"
    source = duckdb.connect(str(edition), read_only=True)
    rows: dict[str, int] = {}
    try:
        tables = source.execute(
            "select table_name, comment from duckdb_tables() where schema_name = ? order by 1",
            [schema],
        ).fetchall()
        try:
            server = psycopg2.connect(dsn, connect_timeout=10)
        except psycopg2.OperationalError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else "no connection"
            raise PostgresError(f"cannot connect to the PostgreSQL server: {first}") from exc
        try:
            with (
                tempfile.TemporaryDirectory(prefix="sdw-pg-publish-") as work,
                server.cursor() as cur,
            ):
                cur.execute(f"drop schema if exists {work_schema} cascade")
                cur.execute(f"create schema {work_schema}")
                for table, comment in tables:
                    rows[str(table)] = _publish_table(
                        source, cur, schema, work_schema, str(table), comment, Path(work)
                    )
                cur.execute(f"drop schema if exists {schema} cascade")
                cur.execute(f"alter schema {work_schema} rename to {schema}")
                cur.execute(
                    "do $$ begin if not exists (select from pg_roles where rolname = "
                    "'publicatie_lezer') then create role publicatie_lezer nologin; end if; end $$"
                )
                cur.execute(f"grant usage on schema {schema} to publicatie_lezer")
                cur.execute(f"grant select on all tables in schema {schema} to publicatie_lezer")
            server.commit()
        except Exception as exc:
            server.rollback()
            if isinstance(exc, psycopg2.Error):
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise PostgresError(f"the server refused the edition: {first}") from exc
            raise
        finally:
            server.close()
    finally:
        source.close()
    tell(f"published {len(rows)} tables of {edition} to PostgreSQL schema {schema}")
    return rows


def _publish_table(
    source: duckdb.DuckDBPyConnection,
    cur: Any,
    schema: str,
    work_schema: str,
    table: str,
    comment: str | None,
    work: Path,
) -> int:
    columns = source.execute(
        "select column_name, data_type, comment from duckdb_columns() where schema_name = ? "
        "and table_name = ? order by column_index",
        [schema, table],
    ).fetchall()
    target = f"{work_schema}.{_ident(table)}"
    cur.execute(
        f"create table {target} ("
        + ", ".join(f"{_ident(n)} {postgres_type(k)}" for n, k, _ in columns)
        + ")"
    )
    if comment:
        cur.execute(f"comment on table {target} is %s", (comment,))
    for name, _, column_comment in columns:
        if column_comment:
            cur.execute(f"comment on column {target}.{_ident(name)} is %s", (column_comment,))
    path = work / f"{table}.csv"
    names = ", ".join(_ident(n) for n, _, _ in columns)
    source.execute(
        f"copy (select {names} from {schema}.{_ident(table)}) to '{path}' "
        "(format csv, header false, nullstr '\\N', force_quote *)"
    )
    with path.open("rb") as f:
        cur.copy_expert(f"copy {target} ({names}) from stdin with (format csv, null '\\N')", f)
    path.unlink()
    return int(cur.rowcount)
