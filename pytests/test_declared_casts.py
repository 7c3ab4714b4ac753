"""The macro declared_casts: a column's type comes from the model's yml (its contract), once.

Compiled with dbt against an empty warehouse file: the casts a contracted model renders carry the
types its yml declares, and a column the yml does not declare stops compilation with its name.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 300


def _dbt(work: Path, *args: str) -> subprocess.CompletedProcess[str]:
    candidate = Path(sys.executable).parent / "dbt"
    env = {
        **os.environ,
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_PROFILES_DIR": str(REPO_ROOT),
        "SDW_WAREHOUSE": str(work / "compile.duckdb"),
    }
    return subprocess.run(
        [
            str(candidate) if candidate.exists() else "dbt",
            *args,
            "--target-path",
            str(work / "target"),
            "--log-path",
            str(work / "logs"),
        ],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )


def test_casts_carry_the_declared_types(tmp_path: Path) -> None:
    result = _dbt(tmp_path, "compile", "--select", "fct_uitkering")
    assert result.returncode == 0, result.stdout + result.stderr
    compiled = next((tmp_path / "target" / "compiled").rglob("fct_uitkering.sql")).read_text()
    # _core__models.yml: uitkering_id string, ingangsdatum date, aantal_betaalmaanden integer
    assert "cast(dossiers.uitkering_id as TEXT) as uitkering_id" in compiled
    assert "cast(dossiers.ingangsdatum as date) as ingangsdatum" in compiled
    assert "cast(dossiers.aantal_betaalmaanden as integer) as aantal_betaalmaanden" in compiled


def test_an_undeclared_column_stops_compilation(tmp_path: Path) -> None:
    result = _dbt(
        tmp_path,
        "compile",
        "--inline",
        "select {{ declared_casts(['niet_gedeclareerd'], 'bron') }} from bron",
    )
    assert result.returncode != 0
    assert "declares no data_type for column niet_gedeclareerd" in result.stdout + result.stderr
