"""`sdw compare`: the published marts of two engines, row by row.

The same delivery built on DuckDB and on a server must give the same figures. Every table of the
marts schema is compared as a multiset of rows: counts and other whole numbers exactly, a
suppressed cell (NULL) only with a suppressed cell, and numbers with decimals (money, averages,
shares) to the cent: rounded to 2 decimals, as money is published. A table missing on one side,
or with other columns, is a difference too. For each differing table the first rows found on
only one side are reported, so the figure that differs can be looked up at once."""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

EXACT_TYPES = ("BIGINT", "INTEGER", "SMALLINT", "TINYINT", "HUGEINT", "UBIGINT", "UINTEGER")
DECIMAL_PLACES = 2


@dataclass
class TableDifference:
    table: str
    problem: str
    only_left: list[tuple] = field(default_factory=list)
    only_right: list[tuple] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)


@dataclass
class Comparison:
    left: str
    right: str
    tables: list[str]
    differences: list[TableDifference]

    @property
    def equal(self) -> bool:
        return not self.differences

    def report(self, most_rows: int = 5) -> str:
        lines = [
            f"{len(self.tables)} tables compared ({self.left} against {self.right}): "
            + ("every row equal" if self.equal else f"{len(self.differences)} differ")
        ]
        for d in self.differences:
            lines.append(f"- {d.table}: {d.problem}")
            if d.columns and (d.only_left or d.only_right):
                lines.append(f"    columns: {', '.join(d.columns)}")
            for side, rows in ((self.left, d.only_left), (self.right, d.only_right)):
                for row in rows[:most_rows]:
                    lines.append(f"    only in {side}: {row}")
        return "\n".join(lines)


def _columns(con: duckdb.DuckDBPyConnection, catalog: str, schema: str, table: str) -> list:
    return con.execute(
        "select column_name, data_type from duckdb_columns() where database_name = ? "
        "and schema_name = ? and table_name = ? order by column_index",
        [catalog, schema, table],
    ).fetchall()


def _tables(con: duckdb.DuckDBPyConnection, catalog: str, schema: str) -> list[str]:
    return [
        str(t)
        for (t,) in con.execute(
            "select table_name from duckdb_tables() where database_name = ? and schema_name = ? "
            "order by table_name",
            [catalog, schema],
        ).fetchall()
    ]


def _normalised(column: str, data_type: str) -> str:
    quoted = '"' + column.replace('"', '""') + '"'
    whole = data_type.startswith("DECIMAL") and data_type.endswith(",0)")
    if data_type in EXACT_TYPES or whole:
        return f"cast({quoted} as hugeint) as {quoted}"
    if data_type.startswith(("DECIMAL", "DOUBLE", "FLOAT", "REAL")):
        return f"round(cast({quoted} as decimal(38, 6)), {DECIMAL_PLACES}) as {quoted}"
    if data_type in ("TIMESTAMP", "DATE"):
        return f"cast({quoted} as date) as {quoted}"
    return f"cast({quoted} as varchar) as {quoted}"


def compare_schemas(
    con: duckdb.DuckDBPyConnection,
    left: tuple[str, str],
    right: tuple[str, str],
    most_rows: int = 5,
    labels: tuple[str, str] | None = None,
) -> Comparison:
    """Compare every table of schema left = (catalog, schema) with the same table of right, both
    attached to `con`; `labels` name the two sides in the report (default: the catalogs)."""
    left_label, right_label = labels or (left[0], right[0])
    left_tables = _tables(con, *left)
    right_tables = _tables(con, *right)
    differences: list[TableDifference] = []
    for table in sorted(set(left_tables) | set(right_tables)):
        if table not in right_tables:
            differences.append(TableDifference(table, f"missing in {right_label}"))
            continue
        if table not in left_tables:
            differences.append(TableDifference(table, f"missing in {left_label}"))
            continue
        left_columns = _columns(con, *left, table)
        right_names = [name for name, _ in _columns(con, *right, table)]
        names = [name for name, _ in left_columns]
        if names != right_names:
            differences.append(
                TableDifference(table, f"other columns: {names} against {right_names}")
            )
            continue
        select = ", ".join(_normalised(name, kind) for name, kind in left_columns)
        a = f'select {select} from "{left[0]}"."{left[1]}"."{table}"'
        b = f'select {select} from "{right[0]}"."{right[1]}"."{table}"'
        only_left = con.execute(f"{a} except all {b} order by all limit {most_rows}").fetchall()
        only_right = con.execute(f"{b} except all {a} order by all limit {most_rows}").fetchall()
        if only_left or only_right:
            counts = con.execute(
                f"select (select count(*) from ({a} except all {b})), "
                f"(select count(*) from ({b} except all {a}))"
            ).fetchone()
            assert counts is not None
            differences.append(
                TableDifference(
                    table,
                    f"{counts[0]:,} row(s) only in {left_label}, "
                    f"{counts[1]:,} only in {right_label}",
                    only_left,
                    only_right,
                    names,
                )
            )
    tables = sorted(set(left_tables) | set(right_tables))
    return Comparison(left_label, right_label, tables, differences)
