"""The uniqueness tests (dbt's `unique`, our `unique_combination_of_columns`) find their
duplicates on a 64-bit hash first on DuckDB (macro duplicate_keys): they must still fail on a
duplicated key, pass on nulls where dbt's `unique` does, and name the duplicated key."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import dbt_command


@pytest.fixture(scope="module")
def broken(demo_built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built demo with one fct_declaratie row and one
    int_gebruik_voorziening_periode row twice."""
    root = tmp_path_factory.mktemp("uniek")
    warehouse = root / "sdw.duckdb"
    shutil.copy(demo_built, warehouse)
    con = duckdb.connect(str(warehouse))
    try:
        con.execute(
            "insert into core.fct_declaratie select * from core.fct_declaratie "
            "where declaratie_id = (select min(declaratie_id) from core.fct_declaratie)"
        )
        con.execute(
            "insert into intermediate.int_gebruik_voorziening_periode "
            "select * from intermediate.int_gebruik_voorziening_periode "
            "where beschikking_id = (select min(beschikking_id) "
            "from intermediate.int_gebruik_voorziening_periode) "
            "and periode_type = 'jaar' order by periode_start limit 1"
        )
    finally:
        con.close()
    return warehouse


def _dbt_test(warehouse: Path, select: str, root: Path) -> dict[str, tuple[str, int]]:
    dbt_command(warehouse, root, "test", "--select", select)
    results = json.loads((root / "target" / "run_results.json").read_text(encoding="utf-8"))
    return {
        r["unique_id"].split(".")[2]: (r["status"], int(r.get("failures") or 0))
        for r in results["results"]
        if r["unique_id"].startswith("test.")
    }


UNIQUE_ID = "unique_fct_declaratie_declaratie_id"
COMBINATION = (
    "unique_combination_of_columns_int_gebruik_voorziening_periode_"
    "beschikking_id__periode_type__periode_start"
)


@pytest.fixture(scope="module")
def tested(broken: Path) -> dict[str, tuple[str, int]]:
    return _dbt_test(
        broken,
        f"{UNIQUE_ID} test_name:unique_combination_of_columns,int_gebruik_voorziening_periode",
        broken.parent,
    )


def test_a_duplicated_key_fails_both_uniqueness_tests(tested: dict[str, tuple[str, int]]) -> None:
    assert tested == {UNIQUE_ID: ("fail", 1), COMBINATION: ("fail", 1)}


def test_the_failing_rows_name_the_duplicated_key(
    broken: Path, tested: dict[str, tuple[str, int]]
) -> None:
    compiled = next(
        (broken.parent / "target").glob(f"compiled/**/{UNIQUE_ID}*.sql"),
    )
    con = duckdb.connect(str(broken), read_only=True)
    try:
        (expected,) = con.execute(
            "select min(declaratie_id) from core.fct_declaratie"
        ).fetchone() or (None,)
        rows = con.execute(compiled.read_text(encoding="utf-8")).fetchall()
    finally:
        con.close()
    assert expected is not None
    assert rows == [(expected, 2)]


def test_nulls_are_not_duplicates_for_unique(demo_built: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "sdw.duckdb"
    shutil.copy(demo_built, warehouse)
    con = duckdb.connect(str(warehouse))
    try:
        # two rows without a beschikking_id: dbt's unique leaves nulls out
        con.execute(
            "insert into core.fct_voorziening select * replace (null as beschikking_id) "
            "from core.fct_voorziening limit 2"
        )
    finally:
        con.close()
    results = _dbt_test(warehouse, "unique_fct_voorziening_beschikking_id", tmp_path)
    assert results == {"unique_fct_voorziening_beschikking_id": ("pass", 0)}
