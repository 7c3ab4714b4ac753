"""`sdw load` keeps its memory bounded whatever the size of a file: DuckDB works within
SDW_LOAD_MEMORY_LIMIT and spills the rest to its temporary directory, and no row is held in
Python. A file ten times larger than another, both far larger than the limit, loads in about the
same peak memory (measured by the operating system for the whole process)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
from conftest import BSN_A, query

LIMIT_MB = 160
LIMIT = f"{LIMIT_MB}MB"


def _declaraties(path: Path, rows: int) -> Path:
    """A valid declaraties file of `rows` rows, written by DuckDB (no rows in Python)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute(
        f"""copy (
            select 'D' || lpad(cast(i as varchar), 9, '0') as declaratie_id,
                '2021-03-01' as registratiedatum,
                'W' || lpad(cast(i % 50000 as varchar), 8, '0') as beschikking_id,
                '{BSN_A}' as bsn, 'WMO' as wet, '01' as productcategorie, '01A01' as productcode,
                '01-02-2021' as periode_begin, '2021-02-28' as periode_eind, '12' as volume,
                '04' as eenheid, '390,' || lpad(cast(i % 100 as varchar), 2, '0') as bedrag,
                'D' as debet_credit, 'toegewezen' as status, '01234567' as aanbieder_agb,
                '2021-03-01' as ingediend_op
            from range({rows}) as t(i)
        ) to '{path}' (header, delimiter ';')"""
    )
    con.close()
    return path


# Runs `sdw load` as a child of a fresh Python process and prints the child's peak resident
# memory as the operating system counts it (getrusage of the waited-for children: only that one)
PEAK = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "print('peak_kb=%d' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)


def _load_peak_mb(delivery: Path, warehouse: Path) -> float:
    env = dict(os.environ, SDW_LOAD_MEMORY_LIMIT=LIMIT, SDW_TEMP_DIR=str(warehouse.parent / "tmp"))
    sdw = str(Path(sys.executable).with_name("sdw"))
    result = subprocess.run(
        [sys.executable, "-c", PEAK, sdw, "--warehouse", str(warehouse), "load", str(delivery)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    peak = [ln for ln in result.stdout.splitlines() if ln.startswith("peak_kb=")]
    return int(peak[-1].split("=")[1]) / 1024


def test_peak_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    small = _declaraties(tmp_path / "small" / "declaraties.csv", 100_000)
    large = _declaraties(tmp_path / "large" / "declaraties.csv", 1_500_000)
    assert large.stat().st_size > LIMIT_MB * 1024 * 1024  # the file alone exceeds the limit
    peak_small = _load_peak_mb(small.parent, tmp_path / "w1" / "sdw.duckdb")
    peak_large = _load_peak_mb(large.parent, tmp_path / "w2" / "sdw.duckdb")
    assert query(tmp_path / "w2" / "sdw.duckdb", "select count(*) from raw.declaraties") == [
        (1_500_000,)
    ]
    # fifteen times the rows, not fifteen times the memory
    assert peak_large < peak_small + 250, (peak_small, peak_large)
    assert peak_large < 1024, peak_large
