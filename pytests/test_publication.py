"""Publication: the edition BI tools read, its access level, and what readers see during builds.

The working warehouse is for `sdw load` and `sdw build` only; readers open the published edition
(`publicatie/actueel/sdw.duckdb`, or its Parquet files). These tests build on the demo warehouse
of conftest.demo_built (a copy, so other tests keep theirs) and run `sdw` as a user would, in a
process of its own.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest
from tiny_warehouse import tiny_warehouse

from ingest.generator import generate
from ingest.publish import CURRENT, editions, publish
from ingest.scan import birth_dates_beside_postcodes, scan_database, scan_parquet

SDW = str(Path(sys.executable).with_name("sdw"))
# counts from 1 to 4 are never published; a count column is aantal_* and has an *_is_onderdrukt flag
COUNT_PREFIX = "aantal_"
FLAG_SUFFIX = "_is_onderdrukt"
SENSITIVE = {"bsn", "bsn_pseudoniem", "client_id", "geboortedatum", "postcode", "huishouden_id"}


def _env(work: Path) -> dict[str, str]:
    return dict(
        os.environ,
        DBT_TARGET_PATH=str(work / "target"),
        DBT_LOG_PATH=str(work / "logs"),
        DO_NOT_TRACK="1",
    )


def _sdw(work: Path, *args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SDW, "--warehouse", str(work / "sdw.duckdb"), *args],
        env=_env(work),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = con.execute(
            "select schema_name, table_name from duckdb_tables() "
            "where schema_name in ('raw', 'marts') order by 1, 2"
        ).fetchall()
        return {
            f"{s}.{t}": int((con.execute(f'select count(*) from {s}."{t}"').fetchone() or (0,))[0])
            for s, t in tables
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def work(demo_built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo warehouse with its first edition published."""
    root = tmp_path_factory.mktemp("publicatie")
    shutil.copy(demo_built, root / "sdw.duckdb")
    shutil.copytree(demo_built.parent / "target", root / "target")
    publish(root / "sdw.duckdb", root / "publicatie")
    return root


@pytest.fixture(scope="module")
def edition(work: Path) -> Path:
    return work / "publicatie" / CURRENT / "sdw.duckdb"


def _storage_version(db: Path) -> str:
    con = duckdb.connect(str(db), read_only=True)
    try:
        (tags,) = con.execute(
            "select tags from duckdb_databases() where database_name = current_database()"
        ).fetchone() or ({},)
        return str(tags["storage_version"])
    finally:
        con.close()


def test_working_warehouse_in_the_new_format_edition_in_the_one_every_client_reads(
    edition: Path, work: Path
) -> None:
    """The warehouse `sdw load` created is in DuckDB 1.5's storage format, its raw strings
    compressed (in that format by dict_fsst, which the loader must not skip); the edition BI
    tools open is in the oldest 1.x format."""
    assert _storage_version(work / "sdw.duckdb") == "v1.5.0+"
    assert _storage_version(edition) == "v1.0.0+"
    con = duckdb.connect(str(work / "sdw.duckdb"), read_only=True)
    try:
        compressions = {
            str(c)
            for (c,) in con.execute(
                "select distinct compression from pragma_storage_info('raw.declaraties') "
                "where segment_type = 'VARCHAR' and column_name = 'declaratie_id'"
            ).fetchall()
        }
    finally:
        con.close()
    assert compressions == {"DICT_FSST"}


def test_edition_holds_only_suppressed_marts(edition: Path, work: Path) -> None:
    """The access level of the published file: only schema marts, every count flagged, no count
    from 1 to 4, no record-level or sensitive column (the yml's meta sensitive, from the
    manifest), and its documentation and publicatie table."""
    manifest = json.loads((work / "target" / "manifest.json").read_text(encoding="utf-8"))
    sensitive = set(SENSITIVE)
    for node in [*manifest["nodes"].values(), *manifest["sources"].values()]:
        for name, column in (node.get("columns") or {}).items():
            meta = {**(column.get("meta") or {}), **(column.get("config") or {}).get("meta", {})}
            if meta.get("sensitive") is True:
                sensitive.add(name.lower())
    # figures derived from counts (a difference such as aantal_afname_bestand) are suppressed with
    # the counts they come from and may be small; every other aantal_* column is a count
    derived = {
        (node["name"], d["column"])
        for node in manifest["nodes"].values()
        for d in ((node.get("config") or {}).get("meta") or {})
        .get("suppression", {})
        .get("derived", [])
    }
    con = duckdb.connect(str(edition), read_only=True)
    try:
        schemas = {
            s for (s,) in con.execute("select distinct schema_name from duckdb_tables()").fetchall()
        }
        assert schemas == {"marts"}
        assert con.execute("select count(*) from duckdb_views() where not internal").fetchone() == (
            0,
        )
        tables = [
            t
            for (t,) in con.execute("select table_name from duckdb_tables() order by 1").fetchall()
        ]
        marts = [t for t in tables if t != "publicatie"]
        # the suppressed marts and the reports assembled from them (rpt_scorecard)
        assert len(marts) >= 20 and all(t.startswith(("mart_", "rpt_")) for t in marts)
        assert "rpt_scorecard" in marts
        published = dict(con.execute("select mart, rijen from marts.publicatie").fetchall())
        assert set(published) == set(marts)
        offenders = []
        for table in marts:
            cols = dict(
                con.execute(
                    "select column_name, data_type from duckdb_columns() where table_name = ?",
                    [table],
                ).fetchall()
            )
            (rows,) = con.execute(f"select count(*) from marts.{table}").fetchone() or (0,)
            assert published[table] == rows
            assert con.execute(
                "select comment from duckdb_tables() where table_name = ?", [table]
            ).fetchone() != (None,), f"{table} lost its documentation"
            offenders += [f"{table}.{c}: sensitive" for c in cols if c.lower() in sensitive]
            counts = [c for c in cols if c.startswith(COUNT_PREFIX) and not c.endswith(FLAG_SUFFIX)]
            offenders += [
                f"{table}.{c}: no flag" for c in counts if f"{c}{FLAG_SUFFIX}" not in cols
            ]
            for c in counts:
                if (table, c) in derived:
                    continue
                (small,) = con.execute(
                    f'select count(*) from marts.{table} where "{c}" between 1 and 4'
                ).fetchone() or (0,)
                if small:
                    offenders.append(f"{table}.{c}: {small} counts from 1 to 4")
        assert offenders == []
    finally:
        con.close()
    assert scan_database(edition) == []
    assert birth_dates_beside_postcodes(edition) == []
    folder = edition.resolve().parent
    for parquet in sorted((folder / "parquet").glob("*.parquet")):
        assert scan_parquet(parquet) == []
        pcon = duckdb.connect()
        described = pcon.execute(f"describe select * from '{parquet}'").fetchall()
        for c, *_ in described:
            if (parquet.stem, c) in derived:
                continue
            if c.startswith(COUNT_PREFIX) and not c.endswith(FLAG_SUFFIX):
                assert pcon.execute(
                    f"select count(*) from '{parquet}' where \"{c}\" between 1 and 4"
                ).fetchone() == (0,)
        pcon.close()
    assert len(list((folder / "parquet").glob("*.parquet"))) == len(marts) + 1  # + publicatie


def test_spreadsheet_export_neutralises_formulas(tmp_path: Path) -> None:
    work = tiny_warehouse(
        tmp_path / "sdw.duckdb",
        "2023-06-30",
        "mart_x",
        "select * from (values ('=cmd|'' /C calc''!A0', 7), ('+31 6', 8), ('@SUM(A1)', 9), "
        "('-2+3', 10), ('Tilburg', 11)) as t(naam, aantal_x)",
    )
    published = publish(work, tmp_path / "publicatie")
    assert published.label == "2023-06-30" and published.marts == {"mart_x": 5}
    text = (published.folder / "csv" / "mart_x.csv").read_text(encoding="utf-8").splitlines()
    assert text[0] == "naam;aantal_x"
    assert [line.split(";")[0] for line in text[1:]] == [
        "'=cmd|' /C calc'!A0",
        "'+31 6",
        "'@SUM(A1)",
        "'-2+3",
        "Tilburg",
    ]
    # the DuckDB file and Parquet keep the values as they are: they are data, not formulas
    pcon = duckdb.connect(str(published.folder / "sdw.duckdb"), read_only=True)
    assert pcon.execute("select naam from marts.mart_x order by aantal_x limit 1").fetchone() == (
        "=cmd|' /C calc'!A0",
    )
    pcon.close()


def test_scanner_finds_bsns_in_numbers_and_birth_dates_beside_postcodes(tmp_path: Path) -> None:
    parquet = tmp_path / "x.parquet"
    con = duckdb.connect()
    # 123456782 passes the 11-proof; 123456789 does not
    con.execute(
        f"copy (select * from (values (123456782, 'a'), (123456789, 'b')) as t(nummer, naam)) "
        f"to '{parquet}' (format parquet)"
    )
    con.close()
    assert [(h.where.split(": ")[-1], h.rows) for h in scan_parquet(parquet)] == [("nummer", 1)]
    db = tmp_path / "leak.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema marts")
    con.execute(
        "create table marts.mart_ok as select date '2023-01-01' as periode_start, '5038' as pc4"
    )
    con.execute(
        "create table marts.mart_leak as select date '1987-03-04' as datum, '5038 AB' as pc"
    )
    con.close()
    found = birth_dates_beside_postcodes(db)
    assert len(found) == 1 and "marts.mart_leak" in found[0]


HOLDER = textwrap.dedent(
    """
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1], read_only=True)
    print("holding", flush=True)
    time.sleep(120)
    """
)


def test_a_reader_on_the_working_warehouse_stops_load_and_build_cleanly(
    work: Path, tmp_path: Path
) -> None:
    before = _counts(work / "sdw.duckdb")
    delivery = tmp_path / "delivery"
    generate(delivery, 1000, "2024-01", "2024-03", 7)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(work / "sdw.duckdb")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        for args in (["load", str(delivery)], ["build"]):
            result = _sdw(work, *args, timeout=120)
            assert result.returncode == 2, result.stderr[-1500:]
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1, result.stderr[-1500:]
            assert f"in use by process {holder.pid}" in lines[0]
            assert "publicatie/actueel/sdw.duckdb" in lines[0]
            assert "Traceback" not in result.stderr
    finally:
        holder.kill()
        holder.wait()
    assert _counts(work / "sdw.duckdb") == before


READER = textwrap.dedent(
    """
    import json, pathlib, sys, time, duckdb
    edition, stop, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3]
    held = duckdb.connect(str(edition), read_only=True)  # kept open during every build
    queries, errors, seen = 0, [], set()
    while not stop.exists():
        for con in (None, held):
            try:
                c = con or duckdb.connect(str(edition), read_only=True)
                rows = c.execute("select mart, rijen, gebouwd_op from marts.publicatie").fetchall()
                for mart, n, built in rows:
                    seen.add(str(built))
                    (real,) = c.execute(f"select count(*) from marts.{mart}").fetchone()
                    if real != n:
                        errors.append(f"{mart}: {real} rows, publicatie says {n}")
                if len({str(b) for _, _, b in rows}) != 1 or len(rows) < 20:
                    errors.append(f"mixed or partial edition: {len(rows)} marts")
                if con is None:
                    c.close()
                queries += 1
            except Exception as exc:
                errors.append(f"{type(exc).__name__}: {exc}"[:300])
        time.sleep(0.2)
    held.close()
    json.dump({"queries": queries, "errors": errors, "seen": sorted(seen)}, open(out, "w"))
    """
)


def _dbt_children(work: Path) -> list[int]:
    """Processes still running dbt on this warehouse (their environment names it)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            environ = (proc / "environ").read_bytes()
        except OSError:
            continue
        if f"SDW_WAREHOUSE={work / 'sdw.duckdb'}".encode() in environ:
            found.append(int(proc.name))
    return found


def _marts_equal(a: Path, b: Path) -> list[str]:
    con = duckdb.connect()
    con.execute(f"attach '{a}' as a (read_only)")
    con.execute(f"attach '{b}' as b (read_only)")
    differ = []
    for (t,) in con.execute(
        "select table_name from duckdb_tables() where database_name = 'a' and schema_name = 'marts'"
    ).fetchall():
        (n,) = con.execute(
            f"select count(*) from ((select * from a.marts.{t} except all "
            f"select * from b.marts.{t}) union all (select * from b.marts.{t} "
            f"except all select * from a.marts.{t}))"
        ).fetchone() or (0,)
        if n:
            differ.append(f"{t}: {n} rows differ")
    con.close()
    return differ


def test_readers_never_fail_while_builds_are_killed_rerun_and_published(
    work: Path, demo_built: Path, tmp_path: Path
) -> None:
    published = work / "publicatie"
    first = os.readlink(published / CURRENT), os.readlink(published / "2024-12-31")
    stop, out = tmp_path / "stop", tmp_path / "reader.json"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(published / CURRENT / "sdw.duckdb"), str(stop), str(out)]
    )
    try:
        # sdw build killed at several moments: the edition stays, no dbt is left holding the lock
        for seconds in (2, 10):
            build = subprocess.Popen(
                [SDW, "--warehouse", str(work / "sdw.duckdb"), "build"],
                env=_env(work),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(seconds)
            build.send_signal(signal.SIGKILL)
            build.wait()
            deadline = time.monotonic() + 10
            while _dbt_children(work) and time.monotonic() < deadline:
                time.sleep(0.2)
            assert _dbt_children(work) == [], "a dbt process outlived the killed sdw build"
            duckdb.connect(str(work / "sdw.duckdb")).close()  # opens for writing
            assert (
                os.readlink(published / CURRENT),
                os.readlink(published / "2024-12-31"),
            ) == first
        # a full load + build + publish while readers read: the load of the same delivery again
        # (recognised by content hash) changes nothing, and the rerun of the killed build
        # completes with the figures of an uninterrupted build and publishes them
        loaded = _sdw(work, "load", str(demo_built.parent / "delivery"))
        assert loaded.returncode == 0 and "nothing new" in loaded.stdout, loaded.stderr[-2000:]
        result = _sdw(work, "build")
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
        assert _marts_equal(work / "sdw.duckdb", demo_built) == []
        assert os.readlink(published / "2024-12-31") != first[1]
        time.sleep(1)
    finally:
        stop.touch()
        reader.wait(timeout=60)
    seen = json.loads(out.read_text(encoding="utf-8"))
    assert seen["errors"] == []
    assert seen["queries"] >= 40
    assert len(seen["seen"]) == 2  # the first edition, then the rebuilt one
    listed = _sdw(work, "editions")
    assert listed.returncode == 0
    assert re.search(r"^2024-12-31\s+2024-12-31\s.*<- actueel$", listed.stdout, re.M)
    assert [e.label for e in editions(published)] == ["2024-12-31"]
    assert len(list((published / ".edities").iterdir())) == 2  # the newest two copies are kept
    scan = _sdw(work, "scan", "--publicatie", str(published))
    assert scan.returncode == 0, scan.stdout[-2000:]


def test_a_build_that_cannot_write_publishes_nothing(work: Path) -> None:
    """A full disk during `sdw build` (no file may grow past its size: RLIMIT_FSIZE with SIGXFSZ
    ignored, so writes fail as on a full disk): exit 3, one line saying nothing was published and
    which edition stays current, no traceback; the published edition is untouched."""
    published = work / "publicatie"
    before = os.readlink(published / CURRENT), os.readlink(published / "2024-12-31")
    # A compact copy of the warehouse has no free blocks, so the rebuild must grow the file and
    # the first block it writes past the limit fails (a rebuilt file could reuse its free blocks).
    warehouse = work / "sdw.duckdb"
    compact = work / "compact.duckdb"
    con = duckdb.connect()
    con.execute(f"attach '{warehouse}' as old (read_only); attach '{compact}' as new")
    con.execute("copy from database old to new")
    con.close()
    compact.replace(warehouse)
    limit = warehouse.stat().st_size
    wrapper = (
        "import os, resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit})); "
        "os.execv(sys.argv[1], sys.argv[1:])"
    )
    result = subprocess.run(
        [sys.executable, "-c", wrapper, SDW, "--warehouse", str(work / "sdw.duckdb"), "build"],
        env=_env(work),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 3, result.stdout[-2000:] + result.stderr[-2000:]
    assert "File too large" in result.stdout  # dbt failed because DuckDB could not write
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("sdw build: not built, nothing published")
    assert f"still points at {before[0]}" in last
    assert (os.readlink(published / CURRENT), os.readlink(published / "2024-12-31")) == before
