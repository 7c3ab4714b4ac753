"""The raw layer of the warehouse: schema, raw tables, quarantine and load log."""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb

from ingest.contract import EXTRACTS, PROJECT_ROOT, mask_bsns

RAW_SCHEMA = "raw"

META_DDL: tuple[str, ...] = (
    f"CREATE SCHEMA IF NOT EXISTS {RAW_SCHEMA}",
    f"""CREATE TABLE IF NOT EXISTS {RAW_SCHEMA}.load_batch (
    batch_id BIGINT PRIMARY KEY,
    delivery VARCHAR NOT NULL,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    files_loaded BIGINT,
    files_skipped BIGINT
)""",
    f"""CREATE TABLE IF NOT EXISTS {RAW_SCHEMA}.load_log (
    batch_id BIGINT NOT NULL,
    extract VARCHAR NOT NULL,
    source_file VARCHAR NOT NULL,
    file_hash VARCHAR NOT NULL,
    file_format VARCHAR NOT NULL,
    encoding VARCHAR,
    separator VARCHAR,
    rows_read BIGINT NOT NULL,
    rows_landed BIGINT NOT NULL,
    rows_quarantined BIGINT NOT NULL,
    rows_duplicate BIGINT NOT NULL,
    gx_success BOOLEAN NOT NULL,
    gx_result VARCHAR NOT NULL,
    loaded_at TIMESTAMP NOT NULL,
    bsn_screened BIGINT NOT NULL DEFAULT 0,
    rows_version_replaced BIGINT NOT NULL DEFAULT 0
)""",
    # warehouses from before the BSN screening get the column (0 for files loaded then)
    f"ALTER TABLE {RAW_SCHEMA}.load_log ADD COLUMN IF NOT EXISTS bsn_screened BIGINT DEFAULT 0",
    # landed rows that a later row of the same delivery, with the same business key and
    # registratiedatum, replaces (ingest/load.py); warehouses from before it count 0 for the files
    # loaded then. Not part of rows_read = landed + quarantined + duplicate: these rows landed.
    f"ALTER TABLE {RAW_SCHEMA}.load_log ADD COLUMN IF NOT EXISTS rows_version_replaced BIGINT "
    "DEFAULT 0",
    # the check value of the pseudonymisation key (ingest/pseudonym.py), recorded at the first
    # load; the current one has retired_at null (`sdw load --new-key` retires it). Never the key.
    f"""CREATE TABLE IF NOT EXISTS {RAW_SCHEMA}.key_check (
    check_value VARCHAR NOT NULL,
    first_batch_id BIGINT NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    retired_at TIMESTAMP
)""",
    f"""CREATE TABLE IF NOT EXISTS {RAW_SCHEMA}.quarantine (
    batch_id BIGINT NOT NULL,
    extract VARCHAR NOT NULL,
    source_file VARCHAR NOT NULL,
    row_number BIGINT NOT NULL,
    field VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    problems VARCHAR NOT NULL,
    row_values VARCHAR NOT NULL,
    quarantined_at TIMESTAMP NOT NULL
)""",
)


def default_warehouse_path() -> Path:
    """The warehouse file: $SDW_WAREHOUSE, else warehouse/sdw.duckdb under the repository root."""
    env = os.environ.get("SDW_WAREHOUSE")
    if env:
        path = Path(env)
        return path if path.is_absolute() else Path.cwd() / path
    return PROJECT_ROOT / "warehouse" / "sdw.duckdb"


# DuckDB's resources for `sdw load` (dbt reads the same variables in profiles.yml): threads
# (default: every core), the memory DuckDB may use before it spills to its temporary directory,
# and that directory (default: .tmp beside the warehouse file). The load stays within about
# SDW_LOAD_MEMORY_LIMIT + 1 GB of resident memory whatever the size of a file.
ENV_THREADS = "SDW_THREADS"
ENV_LOAD_MEMORY = "SDW_LOAD_MEMORY_LIMIT"
ENV_TEMP_DIR = "SDW_TEMP_DIR"
DEFAULT_LOAD_MEMORY = "2500MB"


def scratch_directory(warehouse: Path | None = None) -> Path:
    """DuckDB's spill directory and the loader's scratch space: $SDW_TEMP_DIR, else .tmp beside
    the warehouse file."""
    env = os.environ.get(ENV_TEMP_DIR)
    if env:
        return Path(env)
    return (warehouse or default_warehouse_path()).parent / ".tmp"


class WarehouseLocked(RuntimeError):
    """Another process holds the warehouse file (DuckDB allows one writer or many readers)."""


def _holder(message: str) -> str:
    """Which process holds the lock, from DuckDB's message ('... (PID 123) ...'), with its
    command line when it is visible."""
    match = re.search(r"PID (\d+)", message)
    if not match:
        return "another process"
    pid = match.group(1)
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
        cmdline = " ".join(raw.decode(errors="replace").replace("\0", " ").split())
    except OSError:
        cmdline = ""
    # a command line is someone else's text: mask any BSN in it, as every message does
    return f"process {pid}" + (f" ({mask_bsns(cmdline[:120])})" if cmdline else "")


def locked_message(path: Path, exc: Exception) -> str:
    return (
        f"the warehouse {path} is in use by {_holder(str(exc))}; close that connection or wait "
        "for it to finish, then run again (BI tools and readers must open the published edition, "
        "publicatie/actueel/sdw.duckdb, never the working warehouse). Nothing was changed."
    )


# The storage format a new warehouse file is written in: that of the pinned DuckDB (1.5), not
# DuckDB's default of the oldest 1.x format. Its string compression is cheaper to write: writing
# the tables is most of a build's work, and at 1M inhabitants a wide table such as
# int_gebruik_voorziening_periode (13.5M rows) is written 25-32 % faster and 12 % smaller,
# fct_declaratie 16 % faster. A file keeps the format it was created in (profiles.yml creates it
# the same way). Only DuckDB 1.5 or later opens the working warehouse; BI tools and older clients
# read the published editions, which keep the default format (ingest/publish.py).
WAREHOUSE_STORAGE_VERSION = "v1.5.0"


def connect(path: Path | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    path = path or default_warehouse_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = scratch_directory(path)
    scratch.mkdir(parents=True, exist_ok=True)
    config = {
        "memory_limit": os.environ.get(ENV_LOAD_MEMORY, DEFAULT_LOAD_MEMORY),
        "temp_directory": str(scratch),
        "storage_compatibility_version": WAREHOUSE_STORAGE_VERSION,
    }
    threads = os.environ.get(ENV_THREADS)
    if threads:
        config["threads"] = threads
    try:
        con = duckdb.connect(str(path), read_only=read_only, config=config)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise WarehouseLocked(locked_message(path, exc)) from None
        raise
    con.execute("set enable_progress_bar = false")
    return con


# Compression methods DuckDB need not try when it writes the raw tables: it analyses every
# candidate for every column segment it writes, and zstd never wins on the raw extracts' short
# values (codes, identifiers, hashes, dates, amounts), so trying it only costs time. Values are
# the same whatever the compression. (dict_fsst is not skipped: in the warehouse's storage format
# it is how strings are compressed; without it the raw tables are written uncompressed, four
# times larger.)
LOAD_SKIPPED_COMPRESSION = "zstd"


def tune_for_loading(con: duckdb.DuckDBPyConnection) -> None:
    """Settings for `sdw load`'s connection (not persisted in the warehouse file)."""
    con.execute(f"set disabled_compression_methods = '{LOAD_SKIPPED_COMPRESSION}'")


def create_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw schema, the four raw tables, quarantine and load log (idempotent)."""
    for ddl in META_DDL:
        con.execute(ddl)
    for extract in EXTRACTS.values():
        con.execute(extract.raw_ddl(RAW_SCHEMA))


def schema_tables(con: duckdb.DuckDBPyConnection, schema: str) -> list[str]:
    """The names of the tables of a schema, in order."""
    return [
        str(t)
        for (t,) in con.execute(
            "select table_name from duckdb_tables() where schema_name = ? order by table_name",
            [schema],
        ).fetchall()
    ]
