"""The benchmark's own mechanics (not its timings: benchmarks are not tests): a step over its
time budget is stopped and says so, and a stopped build says how far dbt got."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ingest import bench
from ingest.bench import dbt_progress, timed

BUILD_LOG = """\
\x1b[0m03:33:30  Running with dbt=1.11.16
\x1b[0m03:33:35  1 of 6 START sql table model staging.stg_extract__beschikkingen ..... [RUN]
\x1b[0m03:33:35  2 of 6 START sql table model staging.stg_extract__declaraties ...... [RUN]
\x1b[0m03:33:36  1 of 6 OK created sql table model staging.stg_extract__beschikkingen  [OK in 1.00s]
\x1b[0m03:33:36  3 of 6 START test unique_stg_extract__beschikkingen_beschikking_id .. [RUN]
\x1b[0m03:33:37  3 of 6 PASS unique_stg_extract__beschikkingen_beschikking_id [\x1b[32mPASS\x1b[0m]
\x1b[0m03:33:37  4 of 6 START sql table model core.fct_voorziening .................. [RUN]
\x1b[0m03:33:38  5 of 6 START test unique_combination_of_columns_int_participatie_jaar  [RUN]
privacy audit round 1: something
\x1b[0m03:36:26  Running with dbt=1.11.16
\x1b[0m03:36:27  1 of 2 START sql suppressed_table model marts.mart_gebruik .......... [RUN]
"""


def test_dbt_progress_names_what_was_done_and_what_still_ran(tmp_path: Path) -> None:
    log = tmp_path / "build.log"
    log.write_text(BUILD_LOG, encoding="utf-8")
    assert dbt_progress(log) == (
        "dbt had finished 2 of 6 nodes of its build; "
        "running: staging.stg_extract__declaraties, core.fct_voorziening, "
        "unique_combination_of_columns_int_participatie_jaar"
    )


def test_dbt_progress_before_any_node(tmp_path: Path) -> None:
    log = tmp_path / "build.log"
    log.write_text("03:33:30  Running with dbt=1.11.16\n", encoding="utf-8")
    assert dbt_progress(log) == "dbt had not started a node"


def test_a_step_over_its_budget_is_stopped_with_its_children(tmp_path: Path) -> None:
    marker = tmp_path / "child.pid"
    # a parent that starts a child and both sleep: the whole process group must go
    script = (
        "import subprocess, sys, time; "
        "c = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); "
        f"open({str(marker)!r}, 'w').write(str(c.pid)); time.sleep(60)"
    )
    step = timed([sys.executable, "-c", script], dict(os.environ), tmp_path / "log", budget_s=2)
    assert step.stopped == "stopped by the bench after 2 s"
    assert 2 <= step.seconds < 20
    assert step.exit_code != 0
    assert step.peak_mb > 5  # sampled from the process tree: two Python interpreters
    child = int(marker.read_text())

    def gone() -> bool:
        proc = Path(f"/proc/{child}")
        try:
            return not proc.exists() or " Z " in (proc / "stat").read_text()
        except FileNotFoundError:
            return True

    # SIGKILL is delivered asynchronously: give the kernel a moment before looking
    deadline = time.monotonic() + 5
    while not gone() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert gone()


def test_a_step_within_its_budget_reports_time_of_its_own(tmp_path: Path) -> None:
    step = timed([sys.executable, "-c", "pass"], dict(os.environ), tmp_path / "log", budget_s=60)
    assert step.stopped == ""
    assert step.exit_code == 0
    assert 0 < step.seconds < 30
    assert step.peak_mb > 5


def test_a_step_is_stopped_before_the_disk_fills(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # any disk has less free space than this floor: the watch must stop the step at once
    monkeypatch.setattr(bench, "DISK_FLOOR_GB", 10**9)
    warehouse = tmp_path / "sdw.duckdb"
    warehouse.write_bytes(b"x" * 2_000_000)
    step = timed(
        [sys.executable, "-c", "import time; time.sleep(60)"],
        dict(os.environ),
        tmp_path / "log",
        watch=[warehouse, tmp_path / "sdw.duckdb.tmp"],
    )
    assert step.stopped.startswith("stopped by the bench after 0.0 minutes: less than ")
    assert step.stopped.endswith(f"free on {tmp_path} (sdw.duckdb 0.0 GB, sdw.duckdb.tmp 0.0 GB)")
    assert step.seconds < 20


def test_table_splits_the_build_into_dbt_and_the_audit_and_leaves_the_parse_out() -> None:
    size = bench.SizeResult("26k", 26_000, 1, 300_000, 43.0)
    size.lower_bound = bench.Step(0.5, 190.0, 0)
    size.load = bench.Step(4.0, 600.0, 0)
    size.parse = bench.Step(7.5, 400.0, 0)
    size.build = bench.Step(40.0, 650.0, 0)
    size.build_dbt_s = 28.5
    size.build_models_s, size.build_tests_s = 30.0, 20.0
    assert size.build_audit_s == 11.5
    assert size.total_s == 44.0  # load + sdw build; the parse is apart
    row = bench.table([size]).splitlines()[2].split()
    # size, rows, MB, lower, load, rows/s, x lower, parse, build, dbt, audit, models, tests, total
    assert row[:14] == [
        "26k", "300,000", "43", "0.5", "4.0", "75,000", "8.00",
        "7.5", "40.0", "28.5", "11.5", "30.0", "20.0", "44.0",
    ]  # fmt: skip


def _write(path: Path, header: str, rows: list[str], encoding: str = "utf-8") -> None:
    path.write_bytes(
        header.encode(encoding) + b"".join(f"{row}\r\n".encode(encoding) for row in rows)
    )


def test_the_last_month_is_split_off_by_registratiedatum_keeping_the_bytes(
    tmp_path: Path,
) -> None:
    delivery, out = tmp_path / "levering", tmp_path / "gesplitst"
    delivery.mkdir()
    # the generator's dialects: a BOM and ';' with Dutch and ISO dates, Windows-1252 with a euro
    # sign, and files with rows on one side only
    _write(
        delivery / "beschikkingen.csv",
        "\ufeffbeschikking_id;registratiedatum;naam\r\n",
        ["B1;30-11-2024;Zoë", "B2;01-12-2024;Jan", "B3;2024-12-15;Piet", "B4;02-01-2025;Ali",
         "B5;;leeg"],
    )  # fmt: skip
    _write(
        delivery / "uitkeringen.csv",
        "uitkering_id;registratiedatum;bedrag\r\n",
        ["U1;15-12-2024;€ 10,00", "U2;31-12-2023;5,00"],
        encoding="cp1252",
    )
    _write(delivery / "declaraties.csv", "declaratie_id,registratiedatum\r\n", ["D1,2024-11-30"])
    _write(delivery / "verwijzers.csv", "verwijzer_id,registratiedatum\r\n", ["V1,2024-12-31"])
    (delivery / "leesmij.txt").write_text("not an extract")

    assert bench.split_last_month(delivery, out, "2024-12") == (4, 5)

    basis, maand = out / "basis", out / "maand"
    assert sorted(p.name for p in basis.iterdir()) == [
        "beschikkingen.csv", "declaraties.csv", "uitkeringen.csv",
    ]  # fmt: skip
    assert sorted(p.name for p in maand.iterdir()) == [
        "beschikkingen.csv", "uitkeringen.csv", "verwijzers.csv",
    ]  # fmt: skip
    assert (basis / "beschikkingen.csv").read_bytes() == (
        "\ufeffbeschikking_id;registratiedatum;naam\r\nB1;30-11-2024;Zoë\r\nB5;;leeg\r\n"
    ).encode()
    assert (maand / "beschikkingen.csv").read_bytes() == (
        "\ufeffbeschikking_id;registratiedatum;naam\r\n"
        "B2;01-12-2024;Jan\r\nB3;2024-12-15;Piet\r\nB4;02-01-2025;Ali\r\n"
    ).encode()
    assert (maand / "uitkeringen.csv").read_bytes() == (
        b"uitkering_id;registratiedatum;bedrag\r\nU1;15-12-2024;\x80 10,00\r\n"
    )
    assert (basis / "uitkeringen.csv").read_bytes().endswith(b"\r\nU2;31-12-2023;5,00\r\n")
    assert (basis / "declaraties.csv").read_bytes() == ((delivery / "declaraties.csv").read_bytes())
    assert (maand / "verwijzers.csv").read_bytes() == (delivery / "verwijzers.csv").read_bytes()


def test_a_parquet_delivery_is_split_row_group_by_row_group(tmp_path: Path) -> None:
    delivery, out = tmp_path / "levering", tmp_path / "gesplitst"
    delivery.mkdir()
    schema = pa.schema([("declaratie_id", pa.string()), ("registratiedatum", pa.string())])
    with pq.ParquetWriter(delivery / "declaraties.parquet", schema) as writer:
        for ids, dates in (
            (["D1", "D2"], ["2024-12-01", "30-11-2024"]),
            (["D3", "D4"], ["31-12-2024", None]),
        ):
            writer.write_table(pa.table({"declaratie_id": ids, "registratiedatum": dates}))

    assert bench.split_last_month(delivery, out, "2024-12") == (2, 2)
    maand = pq.read_table(out / "maand" / "declaraties.parquet")
    basis = pq.read_table(out / "basis" / "declaraties.parquet")
    assert maand.column("declaratie_id").to_pylist() == ["D1", "D3"]
    assert basis.column("declaratie_id").to_pylist() == ["D2", "D4"]
    assert basis.schema == schema


def test_the_month_added_has_its_own_table() -> None:
    size = bench.SizeResult("1M", 1_000_000, 1, 11_218_408, 1657.0)
    size.maand = bench.MonthResult("2024-12", 160_000, 11_058_408)
    size.maand.into_empty = bench.Step(4.0, 500.0, 0)
    size.maand.into_loaded = bench.Step(5.0, 520.0, 0)
    lines = bench.table([size]).splitlines()
    start = lines.index(next(line for line in lines if line.startswith("Month added")))
    assert lines[start + 3].split() == [
        "1M", "2024-12", "11,058,408", "160,000", "4.0", "5.0", "1.25", "32,000", "520",
    ]  # fmt: skip


def test_a_short_line_stays_with_the_rest_and_a_file_without_the_date_is_named(
    tmp_path: Path,
) -> None:
    delivery, out = tmp_path / "levering", tmp_path / "gesplitst"
    delivery.mkdir()
    _write(delivery / "declaraties.csv", "declaratie_id,registratiedatum\r\n",
           ["D1,2024-12-01", ""])  # fmt: skip
    assert bench.split_last_month(delivery, out, "2024-12") == (1, 1)
    assert (out / "basis" / "declaraties.csv").read_bytes().endswith(b"registratiedatum\r\n\r\n")
    _write(delivery / "declaraties.csv", "declaratie_id,datum\r\n", ["D1,2024-12-01"])
    with pytest.raises(ValueError, match=r"declaraties\.csv: no registratiedatum column"):
        bench.split_last_month(delivery, tmp_path / "opnieuw", "2024-12")
