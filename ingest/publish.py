"""Publishing an edition: what BI tools and reports read, never the working warehouse.

`sdw build` builds into the working warehouse; only when every dbt test passed and the privacy
audit found nothing does it publish. An edition is a folder `publicatie/<label>/` holding

- `sdw.duckdb`: a separate DuckDB file (storage readable by every DuckDB 1.x client) with only the
  suppressed marts (schema `marts`), their documentation (table and column comments) and a small
  table `marts.publicatie` (per mart: rows, knowledge date, build time, project version, label);
- `parquet/<mart>.parquet`: one Parquet file per mart, for tools that prefer files;
- `csv/<mart>.csv`: one CSV file per mart for spreadsheets, where a text that a spreadsheet would
  run as a formula (starting with = + - @ or a tab) is neutralised with a leading apostrophe.

The edition is written under a temporary name and renamed into place, and `publicatie/actueel`
is a symbolic link switched atomically to the newest edition: a reader sees the old edition or
the new one, never a mix, and a reader that has the old file open keeps reading it (the files
of a replaced edition are unlinked, not changed). The label is the knowledge date of the build.
"""

from __future__ import annotations

import os
import shutil
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from ingest.contract import PROJECT_ROOT

PUBLISHED_SCHEMA = "marts"
CURRENT = "actueel"
FORMULA_START = "^[=+\\-@\\t\\r]"

Say = Callable[[str], None]


@dataclass
class Edition:
    label: str
    folder: Path
    marts: dict[str, int]  # rows per mart


def default_root(warehouse: Path) -> Path:
    """publicatie/ beside the working warehouse."""
    return warehouse.parent / "publicatie"


def _project_version() -> str:
    for line in (PROJECT_ROOT / "dbt_project.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("version:"):
            return line.split(":", 1)[1].strip().strip('"')
    return "?"


def _q(text: str | None) -> str:
    return "'" + (text or "").replace("'", "''") + "'"


def _neutralised(column: str, data_type: str) -> str:
    if data_type.upper() not in ("VARCHAR", "TEXT", "STRING"):
        return f'"{column}"'
    return (
        f"case when regexp_matches(\"{column}\", '{FORMULA_START}') "
        f'then \'\'\'\' || "{column}" else "{column}" end as "{column}"'
    )


def publish(warehouse: Path, root: Path | None = None, say: Say | None = None) -> Edition:
    """Write an edition of the marts of the working warehouse and make it the current one."""
    tell: Say = say or (lambda _m: None)
    root = root or default_root(warehouse)
    root.mkdir(parents=True, exist_ok=True)
    work = duckdb.connect(str(warehouse), read_only=True)
    try:
        work.execute("set enable_progress_bar = false")
        (kennisdatum,) = work.execute(
            "select cast(kennisdatum as varchar) from core.dim_kennisdatum"
        ).fetchone() or (None,)
        marts = [
            (str(name), comment)
            for name, comment in work.execute(
                "select table_name, comment from duckdb_tables() "
                f"where schema_name = '{PUBLISHED_SCHEMA}' order by table_name"
            ).fetchall()
        ]
        columns = {
            name: work.execute(
                "select column_name, data_type, comment from duckdb_columns() "
                "where schema_name = ? and table_name = ? order by column_index",
                [PUBLISHED_SCHEMA, name],
            ).fetchall()
            for name, _ in marts
        }
    finally:
        work.close()
    label = str(kennisdatum or datetime.now().date().isoformat())
    staging = root / f".{label}.bezig-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "parquet").mkdir(parents=True)
    (staging / "csv").mkdir()
    built_at = datetime.now().replace(microsecond=0)
    rows: dict[str, int] = {}
    con = duckdb.connect(str(staging / "sdw.duckdb"))
    try:
        con.execute("set enable_progress_bar = false")
        con.execute(f"attach {_q(str(warehouse))} as werk (read_only)")
        con.execute(f"create schema {PUBLISHED_SCHEMA}")
        for name, comment in marts:
            target = f"{PUBLISHED_SCHEMA}.{name}"
            con.execute(f"create table {target} as select * from werk.{target}")
            con.execute(f"comment on table {target} is {_q(comment)}")
            for column, _, column_comment in columns[name]:
                if column_comment:
                    con.execute(f'comment on column {target}."{column}" is {_q(column_comment)}')
            (count,) = con.execute(f"select count(*) from {target}").fetchone() or (0,)
            rows[name] = int(count)
            con.execute(
                f"copy {target} to {_q(str(staging / 'parquet' / f'{name}.parquet'))} "
                "(format parquet)"
            )
            neutral = ", ".join(_neutralised(c, t) for c, t, _ in columns[name])
            con.execute(
                f"copy (select {neutral} from {target}) to "
                f"{_q(str(staging / 'csv' / f'{name}.csv'))} (header, delimiter ';')"
            )
        con.execute(
            f"create table {PUBLISHED_SCHEMA}.publicatie (mart varchar, rijen bigint, "
            "kennisdatum date, gebouwd_op timestamp, project_versie varchar, editie varchar)"
        )
        con.executemany(
            f"insert into {PUBLISHED_SCHEMA}.publicatie values (?, ?, ?, ?, ?, ?)",
            [(m, n, kennisdatum, built_at, _project_version(), label) for m, n in rows.items()],
        )
        con.execute(
            f"comment on table {PUBLISHED_SCHEMA}.publicatie is 'This edition: per mart its "
            "rows, the knowledge date the figures are as known on, when it was built, the "
            "project version and the edition label.'"
        )
        con.execute("detach werk")
        con.execute("checkpoint")
    finally:
        con.close()
    for path in staging.rglob("*"):
        if path.is_file():
            path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    final = root / label
    if final.exists():
        retired = root / f".{label}.oud-{int(time.time())}"
        os.replace(final, retired)
        os.replace(staging, final)
        shutil.rmtree(retired, ignore_errors=True)  # open files stay readable until closed
    else:
        os.replace(staging, final)
    link = root / f".{CURRENT}.{os.getpid()}"
    link.unlink(missing_ok=True)
    link.symlink_to(label)
    os.replace(link, root / CURRENT)
    tell(f"published edition {label} ({len(rows)} marts) in {final}; {root / CURRENT} points at it")
    return Edition(label, final, rows)


def editions(root: Path) -> list[tuple[str, bool]]:
    """The editions in a publication folder, with whether each is the current one."""
    if not root.is_dir():
        return []
    current = os.readlink(root / CURRENT) if (root / CURRENT).is_symlink() else None
    return [
        (p.name, p.name == current)
        for p in sorted(root.iterdir())
        if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")
    ]
