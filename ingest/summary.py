"""`sdw summary`: what is in the warehouse — rows per table and quarantined rows by reason."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingest.warehouse import connect


def table_counts(warehouse: Path) -> list[tuple[str, str, int]]:
    con = connect(warehouse)
    try:
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in ('raw', 'core', 'marts') order by 1, 2"
        ).fetchall()
        out = []
        for schema, name in tables:
            row = con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()
            out.append((schema, name, int(row[0]) if row else 0))
        return out
    finally:
        con.close()


def quarantine_by_reason(warehouse: Path) -> list[tuple[str, str, str, int]]:
    con = connect(warehouse)
    try:
        return [
            (str(e), str(f), str(r), int(n))
            for e, f, r, n in con.execute(
                "select extract, field, split_part(reason, ':', 1), count(*) "
                "from raw.quarantine group by all order by 1, 4 desc, 2"
            ).fetchall()
        ]
    finally:
        con.close()


def print_summary(warehouse: Path, say: Callable[[str], None]) -> None:
    say(f"warehouse {warehouse}")
    say(f"{'table':<48}{'rows':>12}")
    for schema, name, n in table_counts(warehouse):
        say(f"{schema + '.' + name:<48}{n:>12,}")
    rows = quarantine_by_reason(warehouse)
    say("")
    say("quarantined rows by reason" if rows else "no quarantined rows")
    for extract, field, reason, n in rows:
        say(f"  {extract:<14}{field:<20}{n:>6}  {reason}")
