"""A tiny working warehouse for publication tests: core.dim_kennisdatum and one mart."""

from __future__ import annotations

from pathlib import Path

import duckdb


def tiny_warehouse(path: Path, kennisdatum: str, mart: str, select: str) -> Path:
    """A DuckDB file at `path` with the knowledge date and `marts.<mart>` made by `select`."""
    con = duckdb.connect(str(path))
    con.execute("create schema core")
    con.execute(f"create table core.dim_kennisdatum as select date '{kennisdatum}' as kennisdatum")
    con.execute("create schema marts")
    con.execute(f"create table marts.{mart} as {select}")
    con.close()
    return path
