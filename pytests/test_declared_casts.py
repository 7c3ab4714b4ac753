"""The macro declared_casts: a column's type comes from the model's yml (its contract), once.

Compiled with dbt against an empty warehouse file: the casts a contracted model renders carry the
types its yml declares, and a column the yml does not declare stops compilation with its name.
"""

from __future__ import annotations

from pathlib import Path

from conftest import dbt_command


def test_casts_carry_the_declared_types(tmp_path: Path) -> None:
    result = dbt_command(
        tmp_path / "compile.duckdb", tmp_path, "compile", "--select", "fct_uitkering"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    compiled = next((tmp_path / "target" / "compiled").rglob("fct_uitkering.sql")).read_text()
    # _core__models.yml: uitkering_id string, ingangsdatum date, aantal_betaalmaanden integer
    assert "cast(dossiers.uitkering_id as TEXT) as uitkering_id" in compiled
    assert "cast(dossiers.ingangsdatum as date) as ingangsdatum" in compiled
    assert "cast(dossiers.aantal_betaalmaanden as integer) as aantal_betaalmaanden" in compiled


def test_an_undeclared_column_stops_compilation(tmp_path: Path) -> None:
    result = dbt_command(
        tmp_path / "compile.duckdb",
        tmp_path,
        "compile",
        "--inline",
        "select {{ declared_casts(['niet_gedeclareerd'], 'bron') }} from bron",
    )
    assert result.returncode != 0
    assert "declares no data_type for column niet_gedeclareerd" in result.stdout + result.stderr
