"""A mart renamed or removed leaves no table behind in the published schema (ingest.build)."""

from __future__ import annotations

import duckdb

from ingest.build import drop_orphan_marts


def _manifest(*nodes: tuple[str, str, str]) -> dict:
    return {
        "nodes": {
            f"{kind}.p.{name}": {"resource_type": kind, "name": name, "schema": schema}
            for kind, name, schema in nodes
        }
    }


def test_tables_no_model_builds_are_dropped_from_the_published_schema_only() -> None:
    con = duckdb.connect()
    con.execute("create schema marts")
    con.execute("create schema core")
    for table in ("marts.mart_gebruik", "marts.mart_scorecard", "marts.rpt_scorecard", "core.x"):
        con.execute(f"create table {table} (a integer)")
    manifest = _manifest(
        ("model", "mart_gebruik", "marts"),
        ("model", "rpt_scorecard", "marts"),
        ("model", "mart_scorecard", "core"),  # the same name in another schema does not count
    )

    assert drop_orphan_marts(con, manifest) == ["mart_scorecard"]
    left = con.execute(
        "select schema_name || '.' || table_name from duckdb_tables() order by 1"
    ).fetchall()
    assert [name for (name,) in left] == ["core.x", "marts.mart_gebruik", "marts.rpt_scorecard"]
    assert drop_orphan_marts(con, manifest) == []
