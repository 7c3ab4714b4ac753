"""`sdw load`: land a delivery in the raw layer, in one transaction.

For every file: read (any allowed dialect) → GX suite (a wrong file refuses the delivery) →
row validation and pseudonymisation → valid rows into raw.<extract>, bad rows into raw.quarantine,
exact duplicates counted, and a raw.load_log row with rows read = landed + quarantined + duplicate.
A file already loaded (same content hash) is skipped. Any error rolls the whole delivery back.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from ingest.contract import EXTRACTS, META_COLUMNS, Extract
from ingest.expectations import DEFAULT_MAX_INVALID_SHARE, DeliverySuites
from ingest.pseudonym import load_key
from ingest.readers import DeliveryError, ReadResult, delivery_files, read_file
from ingest.validate import validate
from ingest.warehouse import RAW_SCHEMA, connect, create_raw_schema

Progress = Callable[[str], None]

# Files from this size (MB) get progress lines while they load, not only when done.
PROGRESS_MIN_MB = 5.0


@dataclass
class FileReport:
    source_file: str
    extract: str
    status: str  # "loaded" or "already loaded"
    rows_read: int = 0
    rows_landed: int = 0
    rows_quarantined: int = 0
    rows_duplicate: int = 0
    seconds: float = 0.0
    quarantine_reasons: dict[tuple[str, str], int] = field(default_factory=dict)
    extra_columns: list[str] = field(default_factory=list)
    bsn_screened: int = 0


@dataclass
class LoadReport:
    batch_id: int | None
    files: list[FileReport]

    @property
    def rows_quarantined(self) -> int:
        return sum(f.rows_quarantined for f in self.files)


def _reason_family(reason: str) -> str:
    """The reason without the quoted offending value, for counting per reason."""
    return reason.split(":", 1)[0]


def _next_batch_id(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute(
        f"select coalesce(max(batch_id), 0) + 1 from {RAW_SCHEMA}.load_batch"
    ).fetchone()
    assert row is not None
    return int(row[0])


def _already_loaded(con: duckdb.DuckDBPyConnection, file_hash: str) -> bool:
    row = con.execute(
        f"select count(*) from {RAW_SCHEMA}.load_log where file_hash = ?", [file_hash]
    ).fetchone()
    return bool(row and row[0])


def _land_valid_rows(
    con: duckdb.DuckDBPyConnection,
    extract: Extract,
    valid: pa.Table,
    batch_id: int,
    source_file: str,
    loaded_at: datetime,
) -> int:
    """Insert valid rows into the raw table; exact duplicates (row hash) are skipped: within the
    rows the first is kept, against the raw table what is already there. Returns rows landed."""
    table = f"{RAW_SCHEMA}.{extract.raw_table}"
    con.register("incoming", valid)
    col_list = ", ".join(f'"{c.raw_name}"' for c in extract.columns)
    meta = ", ".join(name for name, _ in META_COLUMNS)
    landed_before = con.execute(f"select count(*) from {table}").fetchone()
    con.execute(
        f"insert into {table} ({col_list}, {meta}, _row_hash) "
        f"select {col_list}, ?, ?, _row_number, ?, _row_hash from ("
        "  select *, row_number() over (partition by _row_hash order by _row_number) as _nth"
        "  from incoming"
        f") as i where _nth = 1 and not exists (select 1 from {table} as r "
        "where r._row_hash = i._row_hash)",
        [batch_id, source_file, loaded_at],
    )
    con.unregister("incoming")
    landed_after = con.execute(f"select count(*) from {table}").fetchone()
    assert landed_before is not None and landed_after is not None
    return int(landed_after[0]) - int(landed_before[0])


def _quarantine_rows(
    con: duckdb.DuckDBPyConnection,
    extract: Extract,
    rows: pd.DataFrame,
    batch_id: int,
    source_file: str,
    at: datetime,
) -> None:
    if rows.empty:
        return
    q = rows.assign(
        batch_id=batch_id, extract=extract.name, source_file=source_file, quarantined_at=at
    )
    con.register("q", q)
    con.execute(
        f"insert into {RAW_SCHEMA}.quarantine select batch_id, extract, source_file, "
        "row_number, field, reason, problems, row_values, quarantined_at from q"
    )
    con.unregister("q")


def _load_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    extract_name: str,
    batch_id: int,
    loaded_at: datetime,
    key: bytes,
    suites: DeliverySuites,
    progress: Progress,
) -> FileReport:
    extract = EXTRACTS[extract_name]
    started = time.perf_counter()
    size_mb = path.stat().st_size / 1e6
    if size_mb >= PROGRESS_MIN_MB:
        progress(f"{path.name}: reading {size_mb:,.1f} MB ...")
    read = read_file(path, extract)
    if _already_loaded(con, read.file_hash):
        progress(f"{path.name}: already loaded (same content), skipped")
        return FileReport(path.name, extract.name, "already loaded", rows_read=read.rows_read)
    if size_mb >= PROGRESS_MIN_MB:
        elapsed = time.perf_counter() - started
        progress(
            f"{path.name}: {read.rows_read:,} rows read in {elapsed:.1f} s "
            f"({read.rows_read / max(elapsed, 1e-9):,.0f} rows/s); validating ..."
        )
    checked = validate(read, key)
    for name in read.extra_columns:  # the suite judges the column set as delivered
        checked.gx_frame[name] = None
    suite = suites.validate(extract, checked.gx_frame)
    del checked.gx_frame  # the only in-memory frame with clear BSNs; drop it early
    if not suite.success:
        raise DeliveryError(
            f"{path.name}: refused by the {extract.name} expectation suite "
            f"(more than {suites.max_invalid_share:.0%} of rows break a rule): "
            + "; ".join(suite.failures())
            + (
                f"; unexpected column(s): {', '.join(read.extra_columns)}"
                if read.extra_columns
                else ""
            )
        )
    landed = _land_valid_rows(con, extract, checked.valid, batch_id, path.name, loaded_at)
    quarantined = len(checked.quarantine)
    duplicates = checked.valid.num_rows - landed
    _quarantine_rows(con, extract, checked.quarantine, batch_id, path.name, loaded_at)
    if landed + quarantined + duplicates != read.rows_read:
        raise DeliveryError(
            f"{path.name}: internal count mismatch (read {read.rows_read}, landed {landed}, "
            f"quarantined {quarantined}, duplicate {duplicates}); nothing loaded"
        )
    con.execute(
        f"insert into {RAW_SCHEMA}.load_log (batch_id, extract, source_file, file_hash, "
        "file_format, encoding, separator, rows_read, rows_landed, rows_quarantined, "
        "rows_duplicate, gx_success, gx_result, loaded_at, bsn_screened) "
        "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            batch_id,
            extract.name,
            path.name,
            read.file_hash,
            read.file_format,
            read.encoding,
            read.separator,
            read.rows_read,
            landed,
            quarantined,
            duplicates,
            suite.success,
            suite.to_json(),
            loaded_at,
            checked.bsn_screened,
        ],
    )
    reasons: dict[tuple[str, str], int] = {}
    if quarantined:
        grouped = checked.quarantine.groupby(
            [checked.quarantine["field"], checked.quarantine["reason"].map(_reason_family)]
        ).size()
        reasons = {(str(f), str(r)): int(n) for (f, r), n in grouped.items()}
    seconds = time.perf_counter() - started
    rate = read.rows_read / seconds if seconds > 0 else 0.0
    progress(
        f"{path.name}: {read.rows_read:,} rows read, {landed:,} landed, {quarantined:,} "
        f"quarantined, {duplicates:,} duplicate ({rate:,.0f} rows/s)"
        + (
            f"; {checked.bsn_screened:,} BSN(s) in free text or identifiers masked"
            if checked.bsn_screened
            else ""
        )
    )
    return FileReport(
        source_file=path.name,
        extract=extract.name,
        status="loaded",
        rows_read=read.rows_read,
        rows_landed=landed,
        rows_quarantined=quarantined,
        rows_duplicate=duplicates,
        seconds=seconds,
        quarantine_reasons=reasons,
        extra_columns=read.extra_columns,
        bsn_screened=checked.bsn_screened,
    )


def load_delivery(
    delivery: Path,
    warehouse: Path | None = None,
    max_invalid_share: float = DEFAULT_MAX_INVALID_SHARE,
    progress: Progress | None = None,
) -> LoadReport:
    """Load a delivery folder (or one file) in one transaction; raise DeliveryError if refused."""
    say: Progress = progress or (lambda _msg: None)
    files = delivery_files(delivery)
    key = load_key()
    suites = DeliverySuites(max_invalid_share)
    con = connect(warehouse)
    try:
        con.execute("begin transaction")
        try:
            create_raw_schema(con)
            batch_id = _next_batch_id(con)
            loaded_at = datetime.now().replace(microsecond=0)
            con.execute(
                f"insert into {RAW_SCHEMA}.load_batch values (?, ?, ?, null, null, null)",
                [batch_id, str(delivery), loaded_at],
            )
            reports = [
                _load_file(con, path, extract.name, batch_id, loaded_at, key, suites, say)
                for path, extract in files
            ]
            loaded = sum(1 for r in reports if r.status == "loaded")
            if loaded == 0:
                con.execute("rollback")
                return LoadReport(batch_id=None, files=reports)
            con.execute(
                f"update {RAW_SCHEMA}.load_batch set finished_at = ?, files_loaded = ?, "
                "files_skipped = ? where batch_id = ?",
                [datetime.now().replace(microsecond=0), loaded, len(reports) - loaded, batch_id],
            )
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
    finally:
        con.close()
    return LoadReport(batch_id=batch_id, files=reports)


def quarantine_summary(warehouse: Path | None = None) -> pd.DataFrame:
    """Quarantined rows per extract, field and reason (without offending values)."""
    con = connect(warehouse)
    try:
        create_raw_schema(con)
        return con.execute(
            f"select extract, field, split_part(reason, ':', 1) as reason, count(*) as rows "
            f"from {RAW_SCHEMA}.quarantine group by all order by extract, rows desc"
        ).df()
    finally:
        con.close()


@dataclass
class ReloadReport:
    batch_id: int | None
    retried: int
    released: int
    still_quarantined: int
    not_retryable: int


def reload_quarantine(
    warehouse: Path | None = None, progress: Progress | None = None
) -> ReloadReport:
    """Validate quarantined rows again (after code lists in seeds/ were extended, say) and land
    those that now pass, in one transaction. Rows quarantined for their BSN, or that could not be
    split into fields, cannot be retried (the clear BSN is not kept): they must be delivered again.
    Released rows leave the quarantine; a load_log row per source file records the retry."""
    say: Progress = progress or (lambda _msg: None)
    con = connect(warehouse)
    try:
        con.execute("begin transaction")
        try:
            create_raw_schema(con)
            q = con.execute(
                f"select extract, source_file, row_number, problems, row_values "
                f"from {RAW_SCHEMA}.quarantine order by extract, source_file, row_number"
            ).df()
            bsn_problem = q["problems"].str.contains('"field":"bsn"')
            retryable = q[~bsn_problem & (q["row_values"] != "{}")]
            batch_id = _next_batch_id(con)
            now = datetime.now().replace(microsecond=0)
            released = still = 0
            for (extract_name, source_file), group in retryable.groupby(["extract", "source_file"]):
                extract = EXTRACTS[str(extract_name)]
                values = [json.loads(v) for v in group["row_values"]]
                read = ReadResult(
                    path=Path(str(source_file)),
                    extract=extract,
                    file_hash=f"quarantine-retry-{batch_id}",
                    file_format="quarantine",
                    encoding=None,
                    separator=None,
                    row_numbers=[int(r) for r in group["row_number"]],
                    columns={
                        c: ["" if v.get(c) is None else str(v[c]) for v in values]
                        for c in extract.column_names
                    },
                )
                checked = validate(read, b"", bsn_pseudonymised=True)
                landed = _land_valid_rows(
                    con, extract, checked.valid, batch_id, str(source_file), now
                )
                passed = checked.valid.num_rows
                con.register("passed", checked.valid.select(["_row_number"]))
                con.execute(
                    f"delete from {RAW_SCHEMA}.quarantine where extract = ? and source_file = ? "
                    "and row_number in (select _row_number from passed)",
                    [extract.name, str(source_file)],
                )
                con.unregister("passed")
                con.execute(
                    f"insert into {RAW_SCHEMA}.load_log (batch_id, extract, source_file, "
                    "file_hash, file_format, encoding, separator, rows_read, rows_landed, "
                    "rows_quarantined, rows_duplicate, gx_success, gx_result, loaded_at) values "
                    "(?, ?, ?, ?, 'quarantine', null, null, ?, ?, ?, ?, true, '{}', ?)",
                    [
                        batch_id,
                        extract.name,
                        str(source_file),
                        f"quarantine-retry-{batch_id}-{source_file}",
                        len(group),
                        landed,
                        len(group) - passed,
                        passed - landed,
                        now,
                    ],
                )
                released += passed
                still += len(group) - passed
                say(f"{source_file}: {len(group)} quarantined rows retried, {passed} released")
            if released:
                con.execute(
                    f"insert into {RAW_SCHEMA}.load_batch "
                    "values (?, 'quarantine retry', ?, ?, 0, 0)",
                    [batch_id, now, now],
                )
                con.execute("commit")
            else:
                con.execute("rollback")
        except BaseException:
            con.execute("rollback")
            raise
    finally:
        con.close()
    return ReloadReport(
        batch_id=batch_id if released else None,
        retried=len(retryable),
        released=released,
        still_quarantined=still,
        not_retryable=len(q) - len(retryable),
    )
