"""The README's BI connection string works: Superset's driver (SQLAlchemy + duckdb-engine) opens
the published edition read-only and reads a mart, and cannot write to it."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from tiny_warehouse import tiny_warehouse

from ingest.publish import CURRENT, publish

README = Path(__file__).resolve().parents[1] / "README.md"


def test_superset_connection_string_reads_the_published_edition(tmp_path: Path) -> None:
    work = tiny_warehouse(
        tmp_path / "sdw.duckdb",
        "2024-12-31",
        "mart_gebruik",
        "select * from (values ('WMO', 12), ('JW', 0)) as t(wet_code, aantal_unieke_clienten)",
    )
    publish(work, tmp_path / "publicatie")
    # the string exactly as the README gives it, with the path filled in
    template = next(
        line.split("`")[1]
        for line in README.read_text(encoding="utf-8").splitlines()
        if line.startswith("| Apache Superset")
    )
    assert template.startswith("duckdb:////ABSOLUTE/PATH/warehouse/publicatie/actueel/")
    edition = tmp_path / "publicatie" / CURRENT / "sdw.duckdb"
    url = template.replace("/ABSOLUTE/PATH/warehouse/publicatie/actueel/sdw.duckdb", str(edition))
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text("select wet_code, aantal_unieke_clienten from marts.mart_gebruik order by 1")
        ).fetchall()
        assert [tuple(r) for r in rows] == [("JW", 0), ("WMO", 12)]
        with pytest.raises(sa.exc.DBAPIError, match="read-only"):
            connection.execute(sa.text("create table marts.x (a integer)"))
    engine.dispose()
