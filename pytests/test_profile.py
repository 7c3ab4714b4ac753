"""profiles.yml: what dbt and DuckDB may use comes from the environment (README, "Running at
scale"). dbt's threads (models and tests at once) can be set apart from DuckDB's threads per
query: more dbt threads keep both cores busy while dbt's own Python prepares the next node, one
keeps a single large model at a time in DuckDB's memory."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import dbt_show

QUERY = (
    "select {{ target.threads }} as dbt_threads, "
    "current_setting('threads') as duckdb_threads, "
    "current_setting('memory_limit') as memory_limit"
)


def test_dbt_threads_apart_from_duckdb_threads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SDW_THREADS", "1")
    monkeypatch.setenv("SDW_DBT_THREADS", "3")
    monkeypatch.setenv("SDW_MEMORY_LIMIT", "1GiB")
    returncode, output, rows = dbt_show(tmp_path, QUERY)
    assert returncode == 0, output
    assert rows == [{"dbt_threads": 3, "duckdb_threads": 1, "memory_limit": "1.0 GiB"}]


def test_dbt_threads_follow_sdw_threads_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SDW_THREADS", "1")
    monkeypatch.delenv("SDW_DBT_THREADS", raising=False)
    monkeypatch.delenv("SDW_MEMORY_LIMIT", raising=False)
    returncode, output, rows = dbt_show(tmp_path, QUERY)
    assert returncode == 0, output
    # the default memory limit, 6GB (decimal), as DuckDB prints it in binary units
    assert rows == [{"dbt_threads": 1, "duckdb_threads": 1, "memory_limit": "5.5 GiB"}]
