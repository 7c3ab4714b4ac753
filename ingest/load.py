"""`sdw load`: land a delivery in the raw layer, in one transaction.

For every file: read it with DuckDB's reader (ingest/readers.py) → validate every row set-based
(ingest/validate.py) → the Great Expectations gate on the file's profile (a wrong file refuses the
delivery) → valid rows into raw.<extract> (BSN as its pseudonym, exact duplicates counted, not
landed), bad rows into raw.quarantine, and a raw.load_log row with rows read = landed +
quarantined + duplicate. Beside these, the load log counts per file the landed rows that a later
row of the same delivery replaces (same business key and registratiedatum, other values: staging
keeps the row loaded last). A file already loaded (same content hash) is skipped. Any error rolls
the whole delivery back. No row of a file is ever held in Python.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from ingest.contract import EXTRACTS, META_COLUMNS, Extract
from ingest.expectations import DEFAULT_MAX_INVALID_SHARE, DeliveryGate, SuiteResult
from ingest.pseudonym import KeyError_, KeyMissing, key_check_value, load_key
from ingest.readers import (
    DeliveryError,
    Source,
    delivery_files,
    file_sha256,
    open_file,
    work_directory,
)
from ingest.validate import (
    Checked,
    PseudonymCache,
    check,
    create_bsn_macros,
    pseudonymise_bsns,
    quarantine_rows_sql,
    valid_rows_sql,
)
from ingest.warehouse import (
    RAW_SCHEMA,
    connect,
    create_raw_schema,
    default_warehouse_path,
    scratch_directory,
    tune_for_loading,
)

Progress = Callable[[str], None]


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
    # landed rows replaced by a later row of the same delivery with the same business key and
    # registratiedatum (they landed: not part of rows_read = landed + quarantined + duplicate)
    rows_version_replaced: int = 0


@dataclass
class LoadReport:
    batch_id: int | None
    files: list[FileReport]
    ignored: list[str] = field(default_factory=list)  # folder entries that are no extract file

    @property
    def rows_quarantined(self) -> int:
        return sum(f.rows_quarantined for f in self.files)


def _next_batch_id(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute(
        f"select coalesce(max(batch_id), 0) + 1 from {RAW_SCHEMA}.load_batch"
    ).fetchone()
    assert row is not None
    return int(row[0])


def _already_loaded(con: duckdb.DuckDBPyConnection, file_hash: str) -> bool:
    (exists,) = con.execute(
        "select count(*) from duckdb_tables() where schema_name = ? and table_name = 'load_log'",
        [RAW_SCHEMA],
    ).fetchone() or (0,)
    if not exists:
        return False
    row = con.execute(
        f"select count(*) from {RAW_SCHEMA}.load_log where file_hash = ?", [file_hash]
    ).fetchone()
    return bool(row and row[0])


def _loaded_hashes(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """The content hashes of the files loaded before (raw.load_log)."""
    if not _table_exists(con, "load_log"):
        return frozenset()
    return frozenset(
        str(h)
        for (h,) in con.execute(f"select distinct file_hash from {RAW_SCHEMA}.load_log").fetchall()
    )


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll the open transaction back. When the statement that failed already ended it (a disk
    that is full, a file over its size limit: DuckDB invalidates the database), there is
    nothing left to roll back and nothing of it was committed: the first error is the one to
    report, not a second one from the rollback."""
    with contextlib.suppress(duckdb.Error):
        con.execute("rollback")


def _close(con: duckdb.DuckDBPyConnection) -> None:
    """Close the connection; an error while closing (DuckDB checkpoints on close, which needs
    disk space) loses nothing committed: the write-ahead log holds it until the next open."""
    with contextlib.suppress(duckdb.Error):
        con.close()


# Tables whose rows hold pseudonyms (or values screened with them) made under the key.
PSEUDONYMISED_TABLES = (*(e.raw_table for e in EXTRACTS.values()), "quarantine")


def _table_exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    (n,) = con.execute(
        "select count(*) from duckdb_tables() where schema_name = ? and table_name = ?",
        [RAW_SCHEMA, table],
    ).fetchone() or (0,)
    return bool(n)


def stored_key_check(con: duckdb.DuckDBPyConnection) -> str | None:
    """The check value of the key the warehouse was loaded with (raw.key_check), if recorded."""
    if not _table_exists(con, "key_check"):
        return None
    row = con.execute(
        f"select check_value from {RAW_SCHEMA}.key_check where retired_at is null "
        "order by recorded_at desc limit 1"
    ).fetchone()
    return str(row[0]) if row else None


def pseudonymised_rows(con: duckdb.DuckDBPyConnection) -> int:
    """Rows in the raw tables and the quarantine (all made under the warehouse's key)."""
    total = 0
    for table in PSEUDONYMISED_TABLES:
        if _table_exists(con, table):
            (n,) = con.execute(f"select count(*) from {RAW_SCHEMA}.{table}").fetchone() or (0,)
            total += int(n)
    return total


def key_for_load(
    con: duckdb.DuckDBPyConnection | None,
    new_key: bool,
    nothing_new: Callable[[], bool] = lambda: False,
) -> tuple[bytes, str, str | None]:
    """The pseudonymisation key for this load, its check value and the action the transaction
    records: 'first' (no check value yet: record it), 'replace' (`--new-key`: retire the stored
    one and record this one) or None (the stored one matches).

    The first load records the key's check value (an HMAC of a fixed label; never the key). A
    warehouse loaded before that existed gets the check value of the key of its next load:
    trusted on first use, as nothing else can tell what key made its pseudonyms.

    A later load with another key is refused (KeyError_, exit 2): its pseudonyms would not match
    those loaded before, and the same person would count twice, silently. With `--new-key` the
    new key replaces the recorded one, but only while no raw table and no quarantined row holds
    anything made under the old key (an emptied warehouse, or one that only holds load logs);
    otherwise it is refused too: pseudonyms cannot be converted from one key to another, so a
    new key means a new warehouse with every delivery loaded again (README, Rotating the key).
    Neither refusal applies when `nothing_new()`: every file of the delivery was loaded before,
    so nothing would land (loading a delivery again stays harmless whatever the key).

    With a check value recorded, a missing key is an error rather than a reason to make one."""
    stored = stored_key_check(con) if con is not None else None
    try:
        key = load_key(create=stored is None)
    except KeyMissing as exc:
        raise KeyError_(
            f"{exc}; this warehouse was loaded before with a key (its check value is in "
            "raw.key_check): restore that key, as a new one would give every BSN another "
            "pseudonym"
        ) from None
    check = key_check_value(key)
    if stored is None:
        return key, check, "first"
    if stored == check or nothing_new():
        return key, check, None
    if not new_key:
        raise KeyError_(
            "the pseudonymisation key is not the key this warehouse was loaded with (its check "
            "value in raw.key_check differs): the same BSN would get another pseudonym. Load with "
            "the earlier key ($SDW_PSEUDO_KEY or the key file), or load every delivery into a new "
            "warehouse with the new key; `sdw load --new-key` accepts a new key only for a "
            "warehouse without pseudonymised rows"
        )
    assert con is not None
    held = pseudonymised_rows(con)
    if held:
        raise KeyError_(
            f"--new-key refused: the warehouse holds {held:,} rows (raw tables and quarantine) "
            "made under the earlier key, and pseudonyms cannot be converted to another key; "
            "load every delivery into a new warehouse with the new key instead (README, "
            "Rotating the key)"
        )
    return key, check, "replace"


def _record_key_check(
    con: duckdb.DuckDBPyConnection, check: str, action: str | None, batch_id: int, at: datetime
) -> None:
    """Inside the delivery's transaction: record the key's check value (see key_for_load)."""
    if action is None:
        return
    if action == "replace":
        con.execute(
            f"update {RAW_SCHEMA}.key_check set retired_at = ? where retired_at is null", [at]
        )
    con.execute(f"insert into {RAW_SCHEMA}.key_check values (?, ?, ?, null)", [check, batch_id, at])


def _drop_temp(con: duckdb.DuckDBPyConnection, prefix: str) -> None:
    for (name,) in con.execute(
        "select table_name from duckdb_tables() where temporary and table_name like ?",
        [prefix + "%"],
    ).fetchall():
        con.execute(f'drop table if exists temp."{name}"')


def _has_rows(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return con.execute(f"select exists (select 1 from {table})").fetchone() == (True,)


def insert_valid_rows(
    con: duckdb.DuckDBPyConnection,
    extract: Extract,
    checked: Checked,
    pseudo: str,
    source: Source,
    batch_id: int,
    loaded_at: datetime,
) -> int:
    """Insert the valid rows into the raw table, in one streaming statement, and return how
    many landed. An exact duplicate (the same typed values, the BSN as its pseudonym) lands
    once: within the file the first, against the raw table what is already there.

    Rows repeated within the file: the rows whose business key and registratiedatum occur
    twice (one aggregate of integers over the working table, which spills to disk like any
    other; record_versions_replaced reads them too), among those (usually none) the rows whose
    values' hash occurs twice, then their values compared. Rows loaded before: the raw rows
    with the business key and registratiedatum of a new row (a semi join, its hash table built
    on the new rows' keys, and DuckDB's join filters skip the raw row groups outside their
    range), then the new rows anti-joined to those on every value. A small delivery into a
    large warehouse therefore never builds a hash table of the warehouse."""
    table = f"{RAW_SCHEMA}.{extract.raw_table}"
    cols = ", ".join(f'"{c.raw_name}"' for c in extract.columns)
    meta = ", ".join(name for name, _ in META_COLUMNS)
    work = checked.table
    bsn = next((c.name for c in extract.columns if c.kind == "bsn"), None)
    key = f'hash(_h, "{bsn}")' if bsn else "_h"
    # the business keys with registratiedatum that occur more than once among the valid rows
    # (usually none): an exact duplicate repeats them, and so does a version replaced within
    # the file (record_versions_replaced reads this table)
    versie = ", ".join(f'"{c}"' for c in (*extract.business_key, "registratiedatum"))
    con.execute(
        f"create or replace temp table {work}_sleutels as select distinct {versie} from {work} "
        f"where _ok and hash({versie}) in (select _s from (select hash({versie}) as _s "
        f"from {work} where _ok) group by _s having count(*) > 1)"
    )
    repeated = _has_rows(con, f"{work}_sleutels")
    if repeated:
        # among their rows, those whose values' hash occurs twice
        con.execute(
            f"create or replace temp table {work}_herhaald as select _d from (select {key} as _d "
            f"from {work} semi join {work}_sleutels using ({versie}) where _ok) group by _d "
            "having count(*) > 1"
        )
        repeated = _has_rows(con, f"{work}_herhaald")
    later = ""
    if repeated:
        values = ", ".join(f'"{c.name}"' for c in extract.columns)
        k = source.k_sql(work)
        con.execute(
            f"create or replace temp table {work}_later as select _k from (select {k} as _k, "
            f"row_number() over (partition by {values} order by {k}) as _n from {work} "
            f"where _ok and {key} in (select _d from {work}_herhaald)) where _n > 1"
        )
        later = f" and i._k not in (select _k from {work}_later)"
    rows = valid_rows_sql(extract, checked, pseudo, source)
    seen = ""
    if _has_rows(con, table):
        keys = (*extract.business_key, "registratiedatum")
        on_keys = " and ".join(f'r."{c}" = n."{c}"' for c in keys)
        con.execute(
            f"create or replace temp table {work}_gezien as select {cols} from {table} as r "
            f"semi join (select distinct {', '.join(f'{chr(34)}{c}{chr(34)}' for c in keys)} "
            f"from {work} where _ok) as n on {on_keys}"
        )
        if _has_rows(con, f"{work}_gezien"):
            same = " and ".join(
                f'g."{c.raw_name}" is not distinct from i."{c.raw_name}"' for c in extract.columns
            )
            seen = f" anti join {work}_gezien as g on {same}"
    row = con.execute(
        f"insert into {table} ({cols}, {meta}, _row_hash) "
        f"select {cols}, ?, ?, i._row_number, ?, i._row_hash from ({rows}) as i{seen} "
        f"where true{later}",
        [batch_id, source.path.name, loaded_at],
    ).fetchone()
    return int(row[0]) if row else 0


def land(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    checked: Checked,
    pseudo: str,
    batch_id: int,
    loaded_at: datetime,
) -> tuple[int, dict[tuple[str, str], int]]:
    """Insert the valid rows into the raw table, without exact duplicates (the same values:
    within the file the first is kept, against the raw table what is already there), and the
    bad rows into quarantine. Returns the rows landed and the quarantine counts per (field,
    reason without its quoted value)."""
    extract = source.extract
    landed = insert_valid_rows(con, extract, checked, pseudo, source, batch_id, loaded_at)
    quarantined = quarantine_rows_sql(extract, checked, pseudo, source)
    if not quarantined:
        return landed, {}
    con.execute(f"create or replace temp table {checked.table}_q as {quarantined}")
    con.execute(
        f"insert into {RAW_SCHEMA}.quarantine select ?, ?, ?, row_number, field, reason, "
        f"problems, row_values, ? from {checked.table}_q order by row_number",
        [batch_id, extract.name, source.path.name, loaded_at],
    )
    reasons = {
        (str(f), str(r)): int(n)
        for f, r, n in con.execute(
            f"select field, split_part(reason, ':', 1), count(*) from {checked.table}_q "
            "group by all"
        ).fetchall()
    }
    return landed, reasons


def versions_replaced_sql(extract: Extract, candidates: str | None = None) -> str:
    """Per source file: the rows of `extract` landed in one batch (parameter: the batch id) that
    a later row of the same batch replaces, that is a row with the same business key and
    registratiedatum that comes later in load order. Load order is staging's
    (macros/select_current_version.sql): within a batch the higher _row_number, then the higher
    _source_file, wins. Exact duplicates never landed, so these rows differ in some value.

    Set-based and linear in the batch: one hash aggregate finds the keys that occur more than
    once (usually few), and only their rows are ranked; a key whose hash merely collides with
    another's ranks first in its own partition, so it is not counted. `candidates`: a table of
    the only key values that can occur more than once (the batch's one file of the extract:
    insert_valid_rows's `<work>_sleutels`); the batch's rows are then read for those alone."""
    table = f"{RAW_SCHEMA}.{extract.raw_table}"
    names = (*extract.business_key, "registratiedatum")
    keys = ", ".join(f'"{extract.column(c).raw_name}"' for c in names)
    only = (
        f" semi join {candidates} as s on "
        + " and ".join(f'r."{extract.column(c).raw_name}" = s."{c}"' for c in names)
        if candidates
        else ""
    )
    return (
        f"with batch as (select {keys}, _row_number, _source_file from {table} as r{only} "
        "where _batch_id = $1), "
        f"repeated as (select hash({keys}) as _h from batch group by _h having count(*) > 1) "
        "select _source_file, count(*) from (select _source_file, row_number() over "
        f"(partition by {keys} order by _row_number desc, _source_file desc) as _n from batch "
        f"where hash({keys}) in (select _h from repeated)) where _n > 1 group by _source_file"
    )


def record_versions_replaced(
    con: duckdb.DuckDBPyConnection,
    batch_id: int,
    extracts: list[Extract],
    candidates: dict[str, str] | None = None,
) -> dict[tuple[str, str], int]:
    """Inside the batch's transaction, once all its files landed (a later file may replace a row
    of an earlier one): count per file the landed rows a later row of the batch replaces
    (versions_replaced_sql) into raw.load_log. Returns the counts by (extract, source_file),
    only those above 0. `candidates`: per extract with one file in the batch, the table of the
    key values its file repeats (insert_valid_rows); none, and nothing was replaced."""
    counts: dict[tuple[str, str], int] = {}
    for extract in extracts:
        table = (candidates or {}).get(extract.name)
        if table is not None and not _has_rows(con, table):
            continue
        sql = versions_replaced_sql(extract, table)
        for source_file, n in con.execute(sql, [batch_id]).fetchall():
            counts[(extract.name, str(source_file))] = int(n)
    for (extract_name, source_file), n in counts.items():
        con.execute(
            f"update {RAW_SCHEMA}.load_log set rows_version_replaced = ? "
            "where batch_id = ? and extract = ? and source_file = ?",
            [n, batch_id, extract_name, source_file],
        )
    return counts


@dataclass
class Prepared:
    """A file read and validated outside the delivery's transaction, ready to land."""

    path: Path
    source: Source
    checked: Checked
    pseudo: str
    suite: SuiteResult | None  # the gate's verdict, once judged (_judge)
    started: float


def _prepare_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    extract: Extract,
    index: int,
    cache: PseudonymCache,
    gate: DeliveryGate,
    workdir: Path,
    progress: Progress,
    loaded: frozenset[str] = frozenset(),
) -> Prepared | FileReport:
    """Read and validate one file into temporary tables (no transaction is open: DuckDB can
    spill them to disk, which it cannot do for tables a transaction has not committed), and
    pseudonymise its BSNs; a FileReport when it was loaded before (`loaded`: the content hashes
    in the load log). The gate judges it later (_judge)."""
    started = time.perf_counter()
    name = f"sdw_f{index}"
    size_mb = path.stat().st_size / 1e6
    progress(f"{path.name}: reading {size_mb:,.1f} MB ...")
    source: Source = open_file(con, path, extract, name, workdir)
    assert source.hash_future is not None
    # once the content hash (computed beside the read) shows a new file, its suite will run:
    # Great Expectations is imported meanwhile, while DuckDB reads
    source.hash_future.add_done_callback(
        lambda done: None if done.exception() or done.result() in loaded else gate.prepare()
    )
    checked = check(con, source, cache)
    if _already_loaded(con, source.file_hash):
        progress(f"{path.name}: already loaded (same content), skipped")
        _drop_temp(con, name)
        return FileReport(path.name, extract.name, "already loaded", rows_read=checked.rows)
    pseudo = pseudonymise_bsns(con, checked, extract, cache)
    elapsed = time.perf_counter() - started
    progress(
        f"{path.name}: {checked.rows:,} rows read and checked in {elapsed:,.1f} s "
        f"({checked.rows / max(elapsed, 1e-9):,.0f} rows/s)"
    )
    return Prepared(path, source, checked, pseudo, None, started)


def _judge(prepared: list[Prepared | FileReport], gate: DeliveryGate, progress: Progress) -> None:
    """The Great Expectations gate on every file read and checked, in the delivery's order: the
    first file its suite refuses refuses the delivery. It runs once the files are read, so that
    importing GX (begun with the first new file) never holds up the reading."""
    started = time.perf_counter()
    for p in prepared:
        if not isinstance(p, Prepared) or p.suite is not None:
            continue
        extract = p.source.extract
        delivered_columns = list(extract.column_names) + p.source.extra_columns
        suite = gate.validate(extract, delivered_columns, p.checked.rows, p.checked.profile)
        if not suite.success:
            raise DeliveryError(
                f"{p.path.name}: refused by the {extract.name} expectation suite: "
                + "; ".join(suite.failures())
            )
        p.suite = suite
    if any(isinstance(p, Prepared) for p in prepared):
        progress(f"expectation suites passed ({time.perf_counter() - started:,.1f} s)")


def _land_file(
    con: duckdb.DuckDBPyConnection,
    prepared: Prepared,
    batch_id: int,
    loaded_at: datetime,
    progress: Progress,
) -> FileReport:
    """Inside the delivery's transaction: land the file's rows, quarantine and load log."""
    path, source, checked, suite = prepared.path, prepared.source, prepared.checked, prepared.suite
    assert suite is not None
    extract = source.extract
    landed, reasons = land(con, source, checked, prepared.pseudo, batch_id, loaded_at)
    duplicates = checked.valid - landed
    if landed + checked.quarantined + duplicates != checked.rows:
        raise DeliveryError(
            f"{path.name}: internal count mismatch (read {checked.rows}, landed {landed}, "
            f"quarantined {checked.quarantined}, duplicate {duplicates}); nothing loaded"
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
            source.file_hash,
            source.file_format,
            source.encoding,
            source.separator,
            checked.rows,
            landed,
            checked.quarantined,
            duplicates,
            suite.success,
            suite.to_json(),
            loaded_at,
            checked.bsn_screened,
        ],
    )
    seconds = time.perf_counter() - prepared.started
    rate = checked.rows / seconds if seconds > 0 else 0.0
    progress(
        f"{path.name}: {checked.rows:,} rows read, {landed:,} landed, "
        f"{checked.quarantined:,} quarantined, {duplicates:,} duplicate ({rate:,.0f} rows/s)"
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
        rows_read=checked.rows,
        rows_landed=landed,
        rows_quarantined=checked.quarantined,
        rows_duplicate=duplicates,
        seconds=seconds,
        quarantine_reasons=reasons,
        extra_columns=source.extra_columns,
        bsn_screened=checked.bsn_screened,
    )


def _count_versions_replaced(
    con: duckdb.DuckDBPyConnection,
    batch_id: int,
    reports: list[FileReport],
    prepared: list[Prepared | FileReport],
    progress: Progress,
) -> None:
    """Inside the delivery's transaction, after its last file landed: the landed rows replaced
    by a later row of the delivery (record_versions_replaced), into the load log and reports.
    An extract with one file in the delivery is counted from the key values that file repeats;
    with several, a row of one file may replace one of another, and all its rows are read."""
    landed = [
        p for p, r in zip(prepared, reports, strict=True)
        if isinstance(p, Prepared) and r.status == "loaded"
    ]  # fmt: skip
    extracts = list(dict.fromkeys(p.source.extract for p in landed))
    files = {e.name: [p for p in landed if p.source.extract.name == e.name] for e in extracts}
    candidates = {
        name: f"{ps[0].checked.table}_sleutels" for name, ps in files.items() if len(ps) == 1
    }
    counts = record_versions_replaced(con, batch_id, extracts, candidates)
    for r in reports:
        n = counts.get((r.extract, r.source_file), 0)
        if r.status == "loaded" and n:
            r.rows_version_replaced = n
            progress(
                f"{r.source_file}: {n:,} landed row(s) replaced by a later row of this delivery "
                "with the same key and registratiedatum (staging keeps the later one)"
            )


def load_delivery(
    delivery: Path,
    warehouse: Path | None = None,
    max_invalid_share: float = DEFAULT_MAX_INVALID_SHARE,
    progress: Progress | None = None,
    new_key: bool = False,
) -> LoadReport:
    """Load a delivery folder (or one file) in one transaction; raise DeliveryError if refused,
    KeyError_ when the pseudonymisation key is missing, weak or not the warehouse's key
    (`new_key`: see key_for_load).

    First every file is read, validated and judged (temporary tables, no transaction); only
    when every file passed does one transaction land them all in the raw layer."""
    say: Progress = progress or (lambda _msg: None)
    files, ignored = delivery_files(delivery)
    for name in ignored:
        say(f"{name}: not an extract file, ignored")
    path = warehouse or default_warehouse_path()
    # an existing warehouse is opened first, for the key's check value; a new one is made only
    # once the key is known to be fit
    con = connect(path) if path.exists() else None
    workdir: Path | None = None
    try:
        key, check, key_action = key_for_load(
            con, new_key, lambda: all(_already_loaded(con, file_sha256(f)) for f, _ in files)
        )
        gate = DeliveryGate(max_invalid_share)
        cache = PseudonymCache(key)
        if con is None:
            con = connect(path)
        workdir = work_directory(scratch_directory(path))
        tune_for_loading(con)
        create_bsn_macros(con)
        loaded = _loaded_hashes(con)
        prepared: list[Prepared | FileReport] = []
        try:
            for i, (file, extract) in enumerate(files):
                prepared.append(
                    _prepare_file(con, file, extract, i, cache, gate, workdir, say, loaded)
                )
        except DeliveryError:
            _judge(prepared, gate, say)  # a file before this one may be refused first
            raise
        _judge(prepared, gate, say)
        todo = [p for p in prepared if isinstance(p, Prepared)]
        if not todo:
            return LoadReport(
                batch_id=None,
                files=[p for p in prepared if isinstance(p, FileReport)],
                ignored=ignored,
            )
        con.execute("begin transaction")
        try:
            create_raw_schema(con)
            batch_id = _next_batch_id(con)
            loaded_at = datetime.now().replace(microsecond=0)
            con.execute(
                f"insert into {RAW_SCHEMA}.load_batch values (?, ?, ?, null, null, null)",
                [batch_id, str(delivery), loaded_at],
            )
            _record_key_check(con, check, key_action, batch_id, loaded_at)
            reports = [
                _land_file(con, p, batch_id, loaded_at, say) if isinstance(p, Prepared) else p
                for p in prepared
            ]
            _count_versions_replaced(con, batch_id, reports, prepared, say)
            loaded = sum(1 for r in reports if r.status == "loaded")
            con.execute(
                f"update {RAW_SCHEMA}.load_batch set finished_at = ?, files_loaded = ?, "
                "files_skipped = ? where batch_id = ?",
                [datetime.now().replace(microsecond=0), loaded, len(reports) - loaded, batch_id],
            )
            con.execute("commit")
        except BaseException:
            _rollback(con)
            raise
    finally:
        if con is not None:
            _close(con)
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)
    if key_action == "replace":
        say("the new pseudonymisation key's check value replaces the earlier one (raw.key_check)")
    return LoadReport(batch_id=batch_id, files=reports, ignored=ignored)


class QuarantinedRows(Source):
    """Rows taken back from the quarantine (temp table <name>_src: _k = their row number in
    the delivered file, then the values as text), read as a source of their own."""

    keeps_k = True  # _k is the row's number in the delivered file

    def __init__(self, extract: Extract, name: str, path: Path) -> None:
        super().__init__(
            path=path,
            extract=extract,
            name=name,
            file_format="quarantine",
            positions={},
            extra_columns=[],
            workdir=path,
        )

    def relation(self, con: duckdb.DuckDBPyConnection) -> str:
        return f"{self.name}_src"

    def k_sql(self, alias: str) -> str:
        return f"{alias}._k"

    def after_read(self, con: duckdb.DuckDBPyConnection) -> str:
        con.execute(
            f"create or replace temp table {self.malformed} (row_number bigint, reason varchar)"
        )
        return "ok"

    def row_number_sql(self, k: str) -> tuple[str, str]:
        return k, ""  # _k is the row number already


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
        create_bsn_macros(con)
        con.execute("begin transaction")
        try:
            create_raw_schema(con)
            batch_id = _next_batch_id(con)
            now = datetime.now().replace(microsecond=0)
            retryable = "row_values <> '{}' and problems not like '%\"field\":\"bsn\"%'"
            (total,) = con.execute(f"select count(*) from {RAW_SCHEMA}.quarantine").fetchone() or (
                0,
            )
            groups = con.execute(
                f"select extract, source_file, count(*) from {RAW_SCHEMA}.quarantine "
                f"where {retryable} group by all order by 1, 2"
            ).fetchall()
            released = still = retried = 0
            cache = PseudonymCache(b"")
            for i, (extract_name, source_file, count) in enumerate(groups):
                extract = EXTRACTS[str(extract_name)]
                name = f"sdw_rq{i}"
                values = ", ".join(
                    f"json_extract_string(row_values, '$.{c.name}') as \"{c.name}\""
                    for c in extract.columns
                )
                con.execute(
                    f"create or replace temp table {name}_src as select row_number as _k, "
                    f"{values} from {RAW_SCHEMA}.quarantine where extract = ? and "
                    f"source_file = ? and {retryable}",
                    [extract.name, source_file],
                )
                source = QuarantinedRows(extract, name, Path(str(source_file)))
                checked = check(con, source, cache, bsn_pseudonymised=True)
                pseudo = pseudonymise_bsns(con, checked, extract, cache, bsn_pseudonymised=True)
                con.execute(
                    f"create or replace temp table {name}_pass as select _k as _row_number "
                    f"from {checked.table} where _ok"
                )
                landed = insert_valid_rows(con, extract, checked, pseudo, source, batch_id, now)
                passed = checked.valid
                con.execute(
                    f"delete from {RAW_SCHEMA}.quarantine where extract = ? and source_file = ? "
                    f"and row_number in (select _row_number from {name}_pass)",
                    [extract.name, str(source_file)],
                )
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
                        int(count),
                        landed,
                        int(count) - passed,
                        passed - landed,
                        now,
                    ],
                )
                _drop_temp(con, name)
                retried += int(count)
                released += passed
                still += int(count) - passed
                say(f"{source_file}: {count} quarantined rows retried, {passed} released")
            if released:
                record_versions_replaced(
                    con,
                    batch_id,
                    list(dict.fromkeys(EXTRACTS[str(e)] for e, _f, _n in groups)),
                )
                con.execute(
                    f"insert into {RAW_SCHEMA}.load_batch "
                    "values (?, 'quarantine retry', ?, ?, 0, 0)",
                    [batch_id, now, now],
                )
                con.execute("commit")
            else:
                con.execute("rollback")
        except BaseException:
            _rollback(con)
            raise
    finally:
        _close(con)
    return ReloadReport(
        batch_id=batch_id if released else None,
        retried=retried,
        released=released,
        still_quarantined=still,
        not_retryable=int(total) - retried,
    )
