"""The spark target: the raw layer written as Parquet for Spark, the privacy audit and `sdw compare`
reading a Spark build's files, and (marked `spark`, run by scripts/test-spark.sh, not by the main
test command: a local Spark session needs about 15 minutes for the demo) the whole project built,
tested and audited on local Spark, every mart compared row by row with the DuckDB build."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from conftest import sdw_build_on

from ingest.compare import compare_schemas
from ingest.contract import PROJECT_ROOT
from ingest.privacy_audit import AUDIT_SCHEMA, EXTRA_TABLE, MART_SCHEMA, record_repairs
from ingest.spark import SparkAudit, SparkFilesError, export_raw, mirror_schemas, spark_dir


def _raw_warehouse(rows: int) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("create schema raw")
    con.execute(
        "create table raw.declaraties as select i as nr, 'x' || i as tekst, "
        f"cast(i as decimal(18, 2)) / 4 as bedrag, 1 as _batch_id from range({rows}) as t(i)"
    )
    con.execute("create table raw.load_log as select 1 as batch_id, 'a.csv' as source_file")
    return con


def test_export_raw_writes_each_table_whole_and_replaces_it(tmp_path):
    con = _raw_warehouse(10)
    assert export_raw(con, tmp_path) == {"declaraties": 10, "load_log": 1}
    con.execute("insert into raw.declaraties select 10, 'x10', 2.5, 2")
    assert export_raw(con, tmp_path)["declaraties"] == 11
    back = duckdb.sql(
        f"select count(*), sum(bedrag), max(_batch_id) from "
        f"read_parquet('{tmp_path}/raw/declaraties/*.parquet')"
    ).fetchone()
    assert back == (11, pytest.approx(13.75), 2)  # (0+...+9)/4 + 2.5
    # nothing half-written left beside the tables
    assert sorted(p.name for p in (tmp_path / "raw").iterdir()) == ["declaraties", "load_log"]
    assert [p.name for p in (tmp_path / "raw" / "declaraties").iterdir()] == ["data.parquet"]


def test_spark_dir_is_taken_from_the_project_when_relative():
    assert spark_dir({}) == PROJECT_ROOT / "warehouse" / "spark"
    assert spark_dir({"SDW_SPARK_DIR": "elders"}) == PROJECT_ROOT / "elders"
    assert spark_dir({"SDW_SPARK_DIR": "/data/spark"}) == Path("/data/spark")


def _spark_table(root: Path, schema: str, table: str, query: str) -> None:
    """A table as a local Spark build leaves it: part files and a _SUCCESS marker."""
    folder = root / "warehouse" / f"{schema}.db" / table
    folder.mkdir(parents=True)
    duckdb.sql(f"copy ({query}) to '{folder}/part-00000-x-c000.snappy.parquet' (format parquet)")
    (folder / "_SUCCESS").touch()


def test_spark_audit_reads_the_build_and_keeps_repairs_between_rounds(tmp_path):
    _spark_table(tmp_path, AUDIT_SCHEMA, "instellingen", "select 5 as min_celgrootte")
    _spark_table(tmp_path, MART_SCHEMA, "mart_a", "select 'GM1' as gemeente_code, 7 as aantal")
    _spark_table(tmp_path, MART_SCHEMA, "mart_b", "select 1 as x union all select 2")
    audit = SparkAudit(AUDIT_SCHEMA, MART_SCHEMA, EXTRA_TABLE, tmp_path)
    audit.clear()
    con = audit.open()
    assert con.execute("select * from marts.mart_a").fetchall() == [("GM1", 7)]
    assert con.execute("select count(*) from marts.mart_b").fetchone() == (2,)
    assert con.execute("select min_celgrootte from suppressie.instellingen").fetchone() == (5,)
    # no repairs yet: the empty table the next Spark build reads
    assert con.execute(f"select count(*) from {EXTRA_TABLE}").fetchone() == (0,)
    record_repairs(con, {("mart_a", "GM1", "aantal")}, "audit round 1")
    audit.save(con)
    con.close()
    con = audit.open()  # round 2 adds to the repairs of round 1
    record_repairs(con, {("mart_b", "2", "x")}, "audit round 2")
    audit.save(con)
    con.close()
    written = duckdb.sql(
        f"select mart, sleutel, kolom, reden from read_parquet('{audit.repairs}/*.parquet') "
        "order by mart"
    ).fetchall()
    assert written == [
        ("mart_a", "GM1", "aantal", "audit round 1"),
        ("mart_b", "2", "x", "audit round 2"),
    ]
    audit.clear()  # a new build decides afresh
    left = duckdb.sql(f"select count(*) from read_parquet('{audit.repairs}/*.parquet')")
    assert left.fetchone() == (0,)


def test_mirror_names_the_folder_when_nothing_was_built(tmp_path):
    with pytest.raises(SparkFilesError, match=f"{tmp_path}/warehouse/marts.db"):
        mirror_schemas(tmp_path, [MART_SCHEMA])


@pytest.mark.spark
def test_build_on_spark_passes_every_test_and_the_audit_and_equals_duckdb(
    demo_built: Path, tmp_path_factory
):
    """The demo's raw layer written for Spark and `sdw build --target spark` run in a local
    session: every model, data test and unit test green, the privacy audit clean, and every
    mart equal to the DuckDB build, row by row (counts exact, amounts to the cent)."""
    root = tmp_path_factory.mktemp("spark")
    con = duckdb.connect(str(demo_built), read_only=True)
    try:
        export_raw(con, root)
    finally:
        con.close()
    printed = sdw_build_on("spark", demo_built, root, {"SDW_SPARK_DIR": str(root)})
    assert "ERROR=0" in printed
    assert "privacy audit: no suppressed cell can be recovered" in printed
    duck = duckdb.connect()
    try:
        duck.execute(f"attach '{demo_built}' as warehouse (read_only)")
        mirror_schemas(root, [MART_SCHEMA], duck)
        comparison = compare_schemas(
            duck, ("warehouse", MART_SCHEMA), ("memory", MART_SCHEMA), labels=("duckdb", "spark")
        )
    finally:
        duck.close()
    assert comparison.equal, comparison.report()
    assert len(comparison.tables) >= 27


def test_sdw_compare_spark_reads_the_build_files_and_names_the_differing_row(
    tmp_path, monkeypatch, capsys
):
    """`sdw compare --spark` against a Spark build's files (made by hand here): equal, then one
    cent off in one cell, then no engine named."""
    from ingest.cli import EXIT_REFUSED, main  # noqa: PLC0415

    warehouse = tmp_path / "sdw.duckdb"
    con = duckdb.connect(str(warehouse))
    con.execute("create schema marts")
    rows = "select * from (values ('GM1', 10.25), ('GM2', 3.5)) as t(gemeente_code, bedrag)"
    con.execute(f"create table marts.mart_geld as {rows}")
    con.close()
    root = tmp_path / "spark"
    _spark_table(root, MART_SCHEMA, "mart_geld", rows)
    monkeypatch.setenv("SDW_SPARK_DIR", str(root))
    assert main(["compare", "--spark", "--warehouse", str(warehouse)]) == 0
    assert "1 tables compared (duckdb against spark): every row equal" in capsys.readouterr().out
    part = next((root / "warehouse" / "marts.db" / "mart_geld").glob("part-*"))
    duckdb.sql(
        f"copy (select gemeente_code, case when gemeente_code = 'GM2' then bedrag + 0.01 "
        f"else bedrag end as bedrag from read_parquet('{part}')) to '{part}.new' (format parquet)"
    )
    Path(f"{part}.new").replace(part)
    assert main(["compare", "--spark", "--warehouse", str(warehouse)]) == 1
    out = capsys.readouterr().out
    assert "mart_geld: 1 row(s) only in duckdb, 1 only in spark" in out
    assert "only in spark: ('GM2', Decimal('3.51'))" in out
    assert main(["compare", "--warehouse", str(warehouse)]) == EXIT_REFUSED
    assert "--postgres, --spark" in capsys.readouterr().err
