"""The spark target's files: the raw layer as Parquet for Spark to read, and what the privacy audit
and `sdw compare` read back from a Spark build.

`sdw load --target spark` validates, quarantines and pseudonymises on DuckDB as always, then
writes every raw table as Parquet under SDW_SPARK_DIR/raw/<table>/ (a file replaced whole and
atomically: a reader sees the old layer or the new one). The build's on-run-start hook
(macros/spark/register_spark_tables.sql) declares those folders as the tables of schema `raw` in
the Spark session's catalog, so `dbt build --target spark` reads them. Spark never sees a BSN.

A local Spark build writes its tables as Parquet under SDW_SPARK_DIR/warehouse/<schema>.db/<table>
(spark.sql.warehouse.dir in profiles.yml, file_format parquet). The privacy audit and `sdw compare`
read the suppression and mart schemas from there with DuckDB, without a second Spark session; the
audit's repairs go to SDW_SPARK_DIR/audit/extra_cellen/, which the same hook declares as
suppressie.extra_cellen for the next build."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb

from ingest.contract import PROJECT_ROOT
from ingest.warehouse import RAW_SCHEMA, schema_tables

Progress = Callable[[str], None]
ENV_DIR = "SDW_SPARK_DIR"
DEFAULT_DIR = "warehouse/spark"
DATA_FILE = "data.parquet"
REPAIRS_COLUMNS = ("mart", "sleutel", "kolom", "reden")


class SparkFilesError(RuntimeError):
    """The Spark build's files are not where the profile puts them."""


def spark_dir(env: dict[str, str] | None = None) -> Path:
    """The spark target's folder (SDW_SPARK_DIR, relative to the project like the profile's)."""
    e = os.environ if env is None else env
    path = Path(e.get(ENV_DIR) or DEFAULT_DIR)
    return path if path.is_absolute() else (PROJECT_ROOT / path).resolve()


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _replace_folder(written: Path, final: Path) -> None:
    """Put `written` in the place of `final`: two renames, so a reader never sees half a table."""
    old = final.with_name(final.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    written.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def export_raw(
    warehouse: duckdb.DuckDBPyConnection, root: Path, say: Progress | None = None
) -> dict[str, int]:
    """Write every table of the warehouse's raw schema as root/raw/<table>/data.parquet, each
    replacing the earlier file whole. Returns the rows written per table."""
    tell: Progress = say or (lambda _m: None)
    raw = root / RAW_SCHEMA
    raw.mkdir(parents=True, exist_ok=True)
    tables = schema_tables(warehouse, RAW_SCHEMA)
    rows: dict[str, int] = {}
    for table in tables:
        work = raw / f".{table}.new"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        target = work / DATA_FILE
        warehouse.execute(
            f"copy {RAW_SCHEMA}.{_ident(table)} to {_text(str(target))} "
            "(format parquet, compression zstd)"
        )
        rows[table] = int(
            warehouse.execute(f"select count(*) from {RAW_SCHEMA}.{_ident(table)}").fetchone()[0]  # type: ignore[index]
        )
        _replace_folder(work, raw / table)
        tell(f"raw.{table}: {rows[table]:,} rows written for Spark")
    return rows


def table_folder(root: Path, schema: str, table: str) -> Path:
    """Where a local Spark build keeps a managed table (spark.sql.warehouse.dir of profiles.yml)."""
    return root / "warehouse" / f"{schema}.db" / table


def _parquet_files(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.glob("*.parquet")) + sorted(
        str(p) for p in folder.glob("part-*") if not p.name.endswith(".parquet")
    )


def mirror_schemas(
    root: Path, schemas: list[str], duck: duckdb.DuckDBPyConnection | None = None
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB copy (in `duck`, or a new connection) of every table of `schemas` as
    the local Spark build left them (Parquet files): what the privacy audit and sdw compare read.
    A table whose folder holds no data file (Spark writes none for an empty result) is skipped."""
    duck = duck or duckdb.connect()
    for schema in schemas:
        folder = root / "warehouse" / f"{schema}.db"
        if not folder.is_dir():
            raise SparkFilesError(
                f"no Spark tables of schema {schema} in {folder}: build with "
                f"--target spark first (file_format parquet, {ENV_DIR}={root})"
            )
        duck.execute(f"create schema if not exists {_ident(schema)}")
        for table in sorted(p for p in folder.iterdir() if p.is_dir()):
            files = _parquet_files(table)
            if not files:
                continue
            duck.execute(
                f"create or replace table {_ident(schema)}.{_ident(table.name)} as "
                f"select * from read_parquet([{', '.join(_text(f) for f in files)}])"
            )
    return duck


class SparkAudit:
    """The privacy audit of a local Spark build (ingest.build.AuditStore): it reads the Parquet
    files of the suppression and mart schemas, and writes its repairs as Parquet to
    SDW_SPARK_DIR/audit/extra_cellen, which the next build reads as suppressie.extra_cellen."""

    def __init__(self, audit_schema: str, mart_schema: str, repairs_table: str, root: Path) -> None:
        self.schemas = [audit_schema, mart_schema]
        self.mart_schema = mart_schema
        self.repairs_table = repairs_table
        self.root = root
        self.repairs = root / "audit" / repairs_table.rsplit(".", maxsplit=1)[-1]

    def clear(self) -> None:
        """No repairs: an empty table (a Parquet file with the columns and no rows)."""
        con = duckdb.connect()
        try:
            self._write(
                con,
                "select "
                + ", ".join(f"''::varchar as {c}" for c in REPAIRS_COLUMNS)
                + " where false",
            )
        finally:
            con.close()

    def _write(self, con: duckdb.DuckDBPyConnection, query: str) -> None:
        self.repairs.parent.mkdir(parents=True, exist_ok=True)
        work = self.repairs.with_name(f".{self.repairs.name}.new")
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        con.execute(f"copy ({query}) to {_text(str(work / DATA_FILE))} (format parquet)")
        _replace_folder(work, self.repairs)

    def open(self) -> duckdb.DuckDBPyConnection:
        con = mirror_schemas(self.root, self.schemas)
        files = _parquet_files(self.repairs) if self.repairs.is_dir() else []
        if files:  # the repairs of earlier rounds, to which this round adds
            con.execute(
                f"create table {self.repairs_table} as select {', '.join(REPAIRS_COLUMNS)} "
                f"from read_parquet([{', '.join(_text(f) for f in files)}])"
            )
        return con

    def save(self, con: duckdb.DuckDBPyConnection) -> None:
        self._write(con, f"select {', '.join(REPAIRS_COLUMNS)} from {self.repairs_table}")

    def finish(self, con: duckdb.DuckDBPyConnection, manifest: dict) -> list[str]:
        # marts no model builds any more are dropped by the build itself on Spark (on-run-end
        # hook drop_orphan_marts): the catalog is the Spark session's, not reachable from here
        return []
