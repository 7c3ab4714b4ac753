"""`sdw scan`: look for BSNs in clear in what the project writes.

A BSN is a 9-digit number that passes the 11-proof. The scanner reads every column of every table
of a DuckDB file (any type, as text) and counts values holding such a number as a token of its own
(digits not joined to other letters or digits, so a 64-character pseudonym or a hash that happens
to contain nine digits in a row is not a hit, nor an amount with decimals), or written in groups
(1234.56.782, 123 456 782).
Text files (logs, CSV exports) are scanned line by line with the same rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.contract import bsn_is_valid
from ingest.validate import create_bsn_macros

GROUPED = r"[0-9]{4}[.][0-9]{2}[.][0-9]{3}|[0-9]{3}[ .-][0-9]{3}[ .-][0-9]{3}"
# a token: letters and digits, with a decimal part (an amount of 215000000.00 is no BSN)
TOKEN = r"[0-9A-Za-z]+(?:[.,][0-9]+)*"


@dataclass(frozen=True)
class Hit:
    where: str  # file, and schema.table.column for a database
    rows: int


# a cheap first test: nine digits not joined to letters or digits, or nine digits in groups
PREFILTER = r"(^|[^0-9A-Za-z])[0-9]{9}($|[^0-9A-Za-z])|" + GROUPED
# types that cannot hold nine digits in a row as text
SKIPPED_TYPES = ("DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "BOOLEAN", "TIME", "INTERVAL")


def _text(column: str) -> str:
    return f'cast("{column}" as varchar)'


def _has_bsn_sql(column: str) -> str:
    text = _text(column)
    return (
        f"(len(list_filter(regexp_extract_all({text}, '{TOKEN}'), "
        "x -> regexp_full_match(x, '[0-9]{9}') and sdw_is_bsn(x))) > 0 "
        f"or len(list_filter(regexp_extract_all({text}, '{GROUPED}'), x -> sdw_is_bsn(x))) > 0)"
    )


def scan_database(path: Path) -> list[Hit]:
    """Every column of every table in a DuckDB file that holds a BSN in clear, with a row count.
    Views are not read: they hold nothing their tables do not."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return _scan(con, path.name, "t.table_type = 'BASE TABLE'")
    finally:
        con.close()


def scan_parquet(path: Path) -> list[Hit]:
    """Every column of a Parquet file that holds a BSN in clear."""
    con = duckdb.connect()
    try:
        con.execute(f"create view main.parquet as select * from read_parquet('{path}')")
        return [
            Hit(f"{path}: {h.where.split('main.parquet.', 1)[-1]}", h.rows)
            for h in _scan(con, path.name, "t.table_name = 'parquet'")
        ]
    finally:
        con.close()


# a postcode with its letters (1234AB, 1234 AB): with a birth date beside it, a person is found
FULL_POSTCODE = "[1-9][0-9]{3} ?[A-Za-z]{2}"


def birth_dates_beside_postcodes(path: Path) -> list[str]:
    """Tables of a DuckDB file (a published edition) holding a full postcode and, in the same
    row, a birth date: a column named like one, or a date before 2000 (the marts' periods start
    long after; a birth date is the only date that old)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        con.execute("set enable_progress_bar = false")
        columns = con.execute(
            "select table_schema, table_name, column_name, data_type "
            "from information_schema.columns order by table_schema, table_name, ordinal_position"
        ).fetchall()
        tables: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for schema, table, column, data_type in columns:
            tables.setdefault((schema, table), []).append((column, str(data_type).upper()))
        found = []
        for (schema, table), cols in tables.items():
            relation = f'"{schema}"."{table}"'
            postcodes = [
                c
                for c, t in cols
                if t == "VARCHAR"
                and (
                    con.execute(
                        f'select count(*) from {relation} where regexp_full_match("{c}", '
                        f"'{FULL_POSTCODE}')"
                    ).fetchone()
                    or (0,)
                )[0]
            ]
            births = [
                c
                for c, t in cols
                if "geboorte" in c.lower()
                or "birth" in c.lower()
                or (
                    t in ("DATE", "TIMESTAMP")
                    and (
                        con.execute(
                            f"select count(*) from {relation} where \"{c}\" < date '2000-01-01'"
                        ).fetchone()
                        or (0,)
                    )[0]
                )
            ]
            if postcodes and births:
                found.append(
                    f"{path.name}: {schema}.{table} has postcodes ({', '.join(postcodes)}) "
                    f"beside birth dates ({', '.join(births)})"
                )
        return found
    finally:
        con.close()


def _scan(con: duckdb.DuckDBPyConnection, name: str, which: str) -> list[Hit]:
    con.execute("set enable_progress_bar = false")
    create_bsn_macros(con)
    columns = con.execute(
        "select c.table_schema, c.table_name, c.column_name, c.data_type "
        "from information_schema.columns as c join information_schema.tables as t "
        "on c.table_schema = t.table_schema and c.table_name = t.table_name "
        f"where {which} "
        "order by c.table_schema, c.table_name, c.ordinal_position"
    ).fetchall()
    tables: dict[tuple[str, str], list[str]] = {}
    for schema, table, column, data_type in columns:
        if str(data_type).upper() not in SKIPPED_TYPES:
            tables.setdefault((schema, table), []).append(column)
    hits = []
    for (schema, table), cols in tables.items():
        relation = f'"{schema}"."{table}"'
        # first a cheap pattern over every column at once, then the 11-proof where it matched
        counts = ", ".join(
            f"count(*) filter (where regexp_matches({_text(c)}, '{PREFILTER}'))" for c in cols
        )
        row = con.execute(f"select {counts} from {relation}").fetchone() or ()
        for column, candidates in zip(cols, row, strict=True):
            if not candidates:
                continue
            found = con.execute(
                f'select count(*) from (select "{column}" from {relation} '
                f"where regexp_matches({_text(column)}, '{PREFILTER}')) "
                f"where {_has_bsn_sql(column)}"
            ).fetchone()
            if found and found[0]:
                hits.append(Hit(f"{name}: {schema}.{table}.{column}", int(found[0])))
    return hits


def _line_has_bsn(line: str) -> bool:
    for token in re.findall(TOKEN, line):
        if len(token) == 9 and token.isdigit() and bsn_is_valid(token):
            return True
    return any(bsn_is_valid(re.sub(r"[^0-9]", "", m)) for m in re.findall(GROUPED, line))


def scan_text_file(path: Path) -> list[Hit]:
    with path.open(encoding="utf-8", errors="replace") as fh:
        rows = sum(1 for line in fh if _line_has_bsn(line))
    return [Hit(str(path), rows)] if rows else []
