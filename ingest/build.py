"""`sdw build`: dbt build, then the privacy audit until no suppressed cell can be recovered.

dbt builds every model and runs every test; each published mart is suppressed group by group
(materialization suppressed_table). The privacy audit (ingest/privacy_audit.py) then combines the
groups of all marts as an attacker would; every cell it recovers gets one more cell suppressed
beside it (table suppressie.extra_cellen, read by the materialization), more while the groups it
read still give the cell away with those hidden (plan_repairs), and the marts concerned and
everything built on them are built and tested again. This repeats until the audit finds nothing.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import duckdb

from ingest.contract import PROJECT_ROOT
from ingest.privacy_audit import (
    AUDIT_SCHEMA,
    EXTRA_TABLE,
    SolveCache,
    clear_repairs,
    grains_from_manifest,
    plan_repairs,
    record_repairs,
    run_audit,
)
from ingest.publish import PUBLISHED_SCHEMA
from ingest.warehouse import connect, schema_tables

MAX_AUDIT_ROUNDS = 10

RunDbt = Callable[[list[str]], int]
Say = Callable[[str], None]


class AuditFailed(RuntimeError):
    """The audit still recovers cells after MAX_AUDIT_ROUNDS rounds of repair."""


def _threshold(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute(f"select min_celgrootte from {AUDIT_SCHEMA}.instellingen").fetchone()
    return int(row[0]) if row else 5


def _manifest(target_path: Path) -> dict:
    return json.loads((target_path / "manifest.json").read_text(encoding="utf-8"))


class AuditStore(Protocol):
    """Where the audit reads the built marts and keeps its repairs: the DuckDB warehouse itself,
    or (the postgres target) a DuckDB copy of a server's marts (ingest.postgres.ServerAudit)."""

    def clear(self) -> None:
        """Forget the repairs of an earlier build, before dbt starts."""

    def open(self) -> duckdb.DuckDBPyConnection:
        """A connection holding the audit schema and the marts as built now."""

    def save(self, con: duckdb.DuckDBPyConnection) -> None:
        """Keep the repairs recorded on `con` where the next dbt build reads them."""

    def finish(self, con: duckdb.DuckDBPyConnection, manifest: dict) -> list[str]:
        """The build passed the audit: drop orphan marts and make it durable; returns the
        marts dropped."""


class WarehouseAudit:
    """The audit on the DuckDB warehouse file that dbt built."""

    def __init__(self, warehouse: Path) -> None:
        self.warehouse = warehouse

    def clear(self) -> None:
        con = connect(self.warehouse)  # WarehouseLocked, before dbt starts, when a reader holds it
        try:
            clear_repairs(con)
        finally:
            con.close()

    def open(self) -> duckdb.DuckDBPyConnection:
        return connect(self.warehouse)

    def save(self, con: duckdb.DuckDBPyConnection) -> None:
        pass  # recorded in the warehouse itself

    def finish(self, con: duckdb.DuckDBPyConnection, manifest: dict) -> list[str]:
        dropped = drop_orphan_marts(con, manifest)
        # the build is done only when it is on disk: a checkpoint that fails (a full disk) fails
        # the build, so nothing is published from a warehouse not written
        con.execute("checkpoint")
        return dropped


def build(
    warehouse: Path,
    dbt_args: Sequence[str],
    run_dbt: RunDbt,
    say: Say,
    target_path: Path | None = None,
    store: AuditStore | None = None,
) -> int:
    """Run `dbt build <dbt_args>`, then audit and repair; returns dbt's exit code (0 when clean).
    `store`: where the marts are audited (default: the warehouse file)."""
    # dbt's own DBT_TARGET_PATH moves the manifest as well
    target_path = target_path or PROJECT_ROOT / os.environ.get("DBT_TARGET_PATH", "target")
    audit: AuditStore = store or WarehouseAudit(warehouse)
    audit.clear()  # a new build decides afresh which cells the data needs suppressed
    code = run_dbt(["build", *dbt_args])
    results = target_path / "run_results.json"
    if results.exists():  # the full build's timings; the audit's rebuilds overwrite the file
        shutil.copyfile(results, target_path / "run_results_build.json")
    if code != 0:
        return code
    grains = grains_from_manifest(_manifest(target_path))
    cache: SolveCache = {}
    for round_no in range(1, MAX_AUDIT_ROUNDS + 1):
        con = audit.open()
        try:
            result = run_audit(con, grains, _threshold(con), cache)
            if not result.findings:
                say(
                    f"privacy audit: no suppressed cell can be recovered ({result.unknowns:,} "
                    f"suppressed cells, {result.equations:,} group equations)"
                )
                for table in audit.finish(con, _manifest(target_path)):
                    say(f"dropped {PUBLISHED_SCHEMA}.{table}: no model builds it any more")
                return 0
            fixes = plan_repairs(result, _threshold(con), cache)
            for finding in result.findings:
                say(
                    f"privacy audit round {round_no}: {finding.mart} {finding.column} "
                    f"[{finding.key}] recoverable ({finding.how})"
                )
            say(
                f"privacy audit round {round_no}: suppressing {len(fixes)} more cell(s) "
                f"for {len(result.findings)} finding(s), then building the marts concerned again"
            )
            record_repairs(con, fixes, f"audit round {round_no}")
            audit.save(con)
        finally:
            con.close()
        marts = sorted({mart for mart, _, _ in fixes})
        selector = [item for mart in marts for item in ("--select", f"{mart}+")]
        code = run_dbt(["build", *selector, *_without_selection(dbt_args)])
        if code != 0:
            return code
    raise AuditFailed(
        f"the privacy audit still recovers cells after {MAX_AUDIT_ROUNDS} rounds; "
        f"see {EXTRA_TABLE}. Nothing should be published."
    )


def orphan_marts(tables: Sequence[str], manifest: dict) -> list[str]:
    """Of the tables of the published schema, those no model or seed of the project builds."""
    built = {
        str(node.get("alias") or node["name"])
        for node in manifest["nodes"].values()
        if node["resource_type"] in ("model", "seed") and node.get("schema") == PUBLISHED_SCHEMA
    }
    return [name for name in tables if name not in built]


def drop_orphan_marts(con: duckdb.DuckDBPyConnection, manifest: dict) -> list[str]:
    """Drop the tables of the published schema that no model of the project builds any more (a
    mart renamed or removed): publication copies every table of that schema, and an orphan
    would be published with the figures of its last build. Returns the names dropped."""
    tables = schema_tables(con, PUBLISHED_SCHEMA)
    orphans = orphan_marts(tables, manifest)
    for name in orphans:
        con.execute(f'drop table {PUBLISHED_SCHEMA}."{name}"')
    return orphans


def _without_selection(args: Sequence[str]) -> list[str]:
    """dbt arguments without node selection (--select/-s/--exclude and their values)."""
    out: list[str] = []
    skip = False
    for arg in args:
        if skip:
            if arg.startswith("-"):
                skip = False
            else:
                continue
        if arg in ("--select", "-s", "--exclude", "--selector"):
            skip = True
            continue
        out.append(arg)
    return out
