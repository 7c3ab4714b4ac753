"""The reconciliation of raw with staging (macro reconcile_raw_to_staging) checks its classes as
sets: it must still name every way a staging model can go wrong. On a copy of the built demo,
staging is broken on purpose and each fault must come out as its own row."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import dbt_command, query

DECLARATIES = "reconcile_raw_staging_declaraties"
BESCHIKKINGEN = "reconcile_raw_staging_beschikkingen"
UITKERINGEN = "reconcile_raw_staging_uitkeringen"
LINEAGE = "_batch_id, _source_file, _row_number"
# where `dbt test --store-failures` writes the failing rows (generate_schema_name keeps it as is)
AUDIT = "dbt_test__audit"
# the order of versions of one key (macro select_current_version): the last is the current one
VERSION_ORDER = "(registratiedatum, _batch_id, _row_number, _source_file)"
COUNT = "the models hold another number of rows than raw has current versions"


@pytest.fixture(scope="module")
def broken(demo_built: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict]:
    """A copy of the demo with four faults in staging, and the lineage of the rows concerned:
    - declaraties, a key with two versions: staging holds the older version, not the latest;
    - declaraties, a key with one version: its row is in staging twice;
    - beschikkingen: a withdrawn beschikking also in stg_extract__beschikkingen;
    - uitkeringen: a row is gone from staging."""
    root = tmp_path_factory.mktemp("reconcile")
    warehouse = root / "sdw.duckdb"
    shutil.copy(demo_built, warehouse)
    con = duckdb.connect(str(warehouse))
    stg = "staging.stg_extract__declaraties"
    try:
        latest, older = con.execute(
            f"select max_by(({LINEAGE}), {VERSION_ORDER}), min_by(({LINEAGE}), {VERSION_ORDER}) "
            "from raw.declaraties where declaratie_id = (select min(declaratie_id) from "
            "(select declaratie_id from raw.declaraties group by 1 having count(*) = 2))"
        ).fetchone()
        con.execute(
            f"update {stg} set _batch_id = ?, _source_file = ?, _row_number = ? "
            "where _batch_id = ? and _source_file = ? and _row_number = ?",
            [*older, *latest],
        )
        single = con.execute(
            f"select {LINEAGE} from {stg} where declaratie_id in (select declaratie_id from "
            "raw.declaraties group by 1 having count(*) = 1) order by declaratie_id limit 1"
        ).fetchone()
        con.execute(f"insert into {stg} select * from {stg} where ({LINEAGE}) = (?, ?, ?)", single)
        deleted = con.execute(
            f"select {LINEAGE} from staging.stg_extract__uitkeringen order by all limit 1"
        ).fetchone()
        con.execute(
            f"delete from staging.stg_extract__uitkeringen where ({LINEAGE}) = (?, ?, ?)", deleted
        )
        common = ", ".join(
            name
            for (name,) in con.execute(
                "select column_name from information_schema.columns where table_schema = "
                "'staging' and table_name = 'stg_extract__beschikkingen_ingetrokken' "
                "intersect select column_name from information_schema.columns where "
                "table_schema = 'staging' and table_name = 'stg_extract__beschikkingen'"
            ).fetchall()
        )
        con.execute(
            f"insert into staging.stg_extract__beschikkingen by name select {common} "
            "from staging.stg_extract__beschikkingen_ingetrokken order by beschikking_id limit 1"
        )
    finally:
        con.close()
    faults = {
        "latest": tuple(latest),
        "older": tuple(older),
        "deleted": tuple(deleted),
    }
    return warehouse, root, faults


@pytest.fixture(scope="module")
def failures(broken: tuple[Path, Path, dict]) -> dict[str, list[tuple[object, ...]]]:
    warehouse, root, _ = broken
    result = dbt_command(
        warehouse,
        root,
        "test",
        "--select",
        f"{DECLARATIES} {BESCHIKKINGEN} {UITKERINGEN}",
        "--store-failures",
    )
    assert result.returncode == 1, result.stdout[-3000:]
    return {
        test: query(
            warehouse,
            f"select probleem, {LINEAGE} from {AUDIT}.{test} order by all",
        )
        for test in (DECLARATIES, BESCHIKKINGEN, UITKERINGEN)
    }


def test_each_staging_fault_of_declaraties_is_named(
    failures: dict[str, list[tuple[object, ...]]], broken: tuple[Path, Path, dict]
) -> None:
    faults = broken[2]
    assert sorted(failures[DECLARATIES], key=str) == sorted(
        [
            ("current version in no model", *faults["latest"]),
            ("row of staging is not a current version in raw", *faults["older"]),
            (COUNT, None, None, None),
        ],
        key=str,
    )


def test_a_row_both_current_and_withdrawn_fails(
    failures: dict[str, list[tuple[object, ...]]],
) -> None:
    assert failures[BESCHIKKINGEN] == [(COUNT, None, None, None)]


def test_a_row_missing_from_staging_is_named(
    failures: dict[str, list[tuple[object, ...]]], broken: tuple[Path, Path, dict]
) -> None:
    assert failures[UITKERINGEN] == [
        ("current version in no model", *broken[2]["deleted"]),
        (COUNT, None, None, None),
    ]
