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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from ingest.contract import PROJECT_ROOT

PUBLISHED_SCHEMA = "marts"
CURRENT = "actueel"
STORE = ".edities"
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
    _clean_unfinished(root)
    staging = root / f".{label}.bezig-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "parquet").mkdir(parents=True)
    (staging / "csv").mkdir()
    built_at = datetime.now().replace(microsecond=0)
    try:
        rows = _write_edition(warehouse, staging, marts, columns, kennisdatum, built_at, label)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # nothing half-written stays behind
        raise
    for path in staging.rglob("*"):
        if path.is_file():
            path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    # the edition's files live in a folder of their own (.edities/<label>-<stamp>); the label and
    # `actueel` are symbolic links switched with one rename each, so a reader resolving either
    # finds a complete edition at every moment
    store = root / STORE
    store.mkdir(exist_ok=True)
    version = f"{label}-{built_at.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
    os.replace(staging, store / version)
    _switch(root / label, f"{STORE}/{version}")
    _switch(root / CURRENT, label)
    _retire(store, label, keep=version)
    tell(
        f"published edition {label} ({len(rows)} marts) in {root / label}; "
        f"{root / CURRENT} points at it"
    )
    return Edition(label, root / label, rows)


def _write_edition(
    warehouse: Path,
    staging: Path,
    marts: list[tuple[str, str | None]],
    columns: dict[str, list],
    kennisdatum: object,
    built_at: datetime,
    label: str,
) -> dict[str, int]:
    """The edition's DuckDB file, Parquet and CSV files in the folder `staging`."""
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
        con.execute(
            f"copy {PUBLISHED_SCHEMA}.publicatie to "
            f"{_q(str(staging / 'parquet' / 'publicatie.parquet'))} (format parquet)"
        )
        con.execute("detach werk")
        con.execute("checkpoint")
    finally:
        con.close()
    return rows


def _clean_unfinished(root: Path) -> None:
    """Remove what a killed publish left: folders and links named after a process that is gone."""
    for path in root.glob(".*"):
        pid = path.name.rsplit("-", 1)[-1].rsplit(".", 1)[-1]
        if ".bezig-" not in path.name and not path.is_symlink():
            continue
        if pid.isdigit() and int(pid) != os.getpid() and not Path(f"/proc/{pid}").exists():
            if path.is_symlink():
                path.unlink(missing_ok=True)
            else:
                shutil.rmtree(path, ignore_errors=True)


def _switch(link: Path, target: str) -> None:
    """Point `link` at `target` in one rename (atomic for readers); a folder in the way (an
    edition of an earlier layout) is moved aside first."""
    if link.exists() and not link.is_symlink():
        shutil.rmtree(link)
    tmp = link.with_name(f".{link.name}.{os.getpid()}")
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(target)
    os.replace(tmp, link)


def _retire(store: Path, label: str, keep: str) -> None:
    """Remove older copies of an edition: the newest two stay (a reader that resolved the label a
    moment before the switch still finds its files); a reader holding a removed file open keeps
    reading it, as Unix unlinks files without changing them."""
    copies = sorted(
        (p for p in store.iterdir() if p.name.startswith(f"{label}-") and p.name != keep),
        key=lambda p: p.stat().st_mtime,
    )
    for old in copies[:-1]:
        shutil.rmtree(old, ignore_errors=True)


@dataclass
class EditionInfo:
    label: str
    current: bool
    kennisdatum: str
    gebouwd_op: str
    project_versie: str
    marts: int
    rijen: int


def editions(root: Path) -> list[EditionInfo]:
    """The editions in a publication folder, oldest knowledge date first, read from each one's
    `marts.publicatie` table."""
    if not root.is_dir():
        return []
    current = os.readlink(root / CURRENT) if (root / CURRENT).is_symlink() else None
    found: list[EditionInfo] = []
    for link in sorted(root.iterdir()):
        if link.name.startswith(".") or link.name == CURRENT or not (link / "sdw.duckdb").is_file():
            continue
        con = duckdb.connect(str(link / "sdw.duckdb"), read_only=True)
        try:
            row = con.execute(
                "select cast(max(kennisdatum) as varchar), cast(max(gebouwd_op) as varchar), "
                f"max(project_versie), count(*), sum(rijen) from {PUBLISHED_SCHEMA}.publicatie"
            ).fetchone()
        finally:
            con.close()
        kennis, gebouwd, versie, marts, rijen = row or (None, None, None, 0, 0)
        found.append(
            EditionInfo(
                link.name,
                link.name == current,
                str(kennis),
                str(gebouwd),
                str(versie),
                int(marts),
                int(rijen or 0),
            )
        )
    return found
