"""The validation's fast paths (ingest/validate.py) give exactly what the general path gives.

The one pass over a file takes a shortcut for a value in its usual shape (a date of ten digits
and dashes, a code from its list, text of printable ASCII without a space at either end), and
the general path (trim, normalise, parse, every rule) for any other. Here every column gets
awkward values, one column at a time in an otherwise valid row and all at once, and the working
table made with the fast paths must equal, value for value, the one made without them: the
typed values, `_ok`, the normalised text of a rejected row, the masked count and the hash."""

from __future__ import annotations

import itertools

import duckdb
import pyarrow as pa
import pytest
from conftest import BSN_A, BSN_B, BSN_INVALID, beschikking

from ingest.contract import EXTRACTS, Extract
from ingest.validate import _work_sql, create_bsn_macros, pattern_globs

NBSP = "\u00a0"
TRICKY = [
    None,
    "",
    " ",
    "  x ",
    NBSP,
    f"{NBSP}1{NBSP}",
    "\t1",
    "1\t",
    "x",
    "X",
    "é",
    "\x01",
    "\ufeff",
    "\ufffd",
    "0",
    "1",
    "01",
    "001",
    "-1",
    "+1",
    "1.5",
    "1,5",
    "1,55",
    "1.555",
    "1.234,5",
    "1e3",
    ".5",
    "5.",
    "99999999999999999999",
    "NaN",
    "ja",
    "NEE",
    "j",
    "true",
    "2021-02-28",
    "2021-02-29",
    "2020-02-29",
    "2021-13-01",
    "0000-01-01",
    "1899-12-31",
    "2100-01-01",
    "21-02-2021",
    "30-02-2021",
    "1-2-2021",
    "2021-2-1",
    " 2021-02-01",
    "2021-02-01 ",
    "01-02-21",
    "2021/02/01",
    "+021-01-01",
    "2021-01-0 ",
    " 1-05-2020",
    BSN_A,
    BSN_B,
    BSN_INVALID,
    "011222333",
    "11222333",
    "000000000",
    "1234.56.782",
    f" {BSN_A} ",
    "WMO",
    "wmo",
    " JW",
    "PW",
    "ZIN",
    "pgb",
    "D",
    "c",
    "toegewezen",
    "AFGEWEZEN",
    "04",
    "4",
    "82",
    "6",
    "01A01",
    "01a01",
    "1234 AB",
    "1234ab",
    "1234AB",
    "0234 AB",
    "WK999900",
    "wk999900",
    "GM9999",
    "01234567",
    "1234567",
    "12345",
    "1234",
    "2021-03",
    "2021-13",
    "Hulp bij het huishouden",
    "Dé Linde",
    f"bsn {BSN_B} in tekst",
    "beschikking_id",
    "Registratiedatum",
]


def _valid_row(extract: Extract) -> dict[str, str]:
    """A row of the extract that breaks no rule (text as delivered)."""
    base = beschikking()
    values = {
        "declaratie_id": "D1",
        "uitkering_id": "U1",
        "betaalmaand": "2021-03",
        "periode_begin": "2021-02-01",
        "periode_eind": "2021-02-28",
        "debet_credit": "D",
        "status": "toegewezen",
        "ingediend_op": "2021-03-01",
        "bedrag": "390,05",
        "regeling": "PW",
        "leefvorm": "alleenstaand",
        "uren_per_week": "",
        "uitstroomreden": "",
        "naam": "Huisartsenpraktijk",
        "agb_code": "01234567",
    }
    row = {c: base.get(c, values.get(c, "")) for c in extract.column_names}
    if extract.name == "declaraties":
        row["volume"] = "12"
    if extract.name == "verwijzers":
        row["verwijzer_id"] = "V1"
    return row


def _frame(con: duckdb.DuckDBPyConnection, extract: Extract) -> str:
    """A table of delivered rows: the valid row, then per column each tricky value in it, then
    rows of tricky values everywhere."""
    names = list(extract.column_names)
    valid = _valid_row(extract)
    rows = [[valid[c] for c in names]]
    for i, _ in enumerate(names):
        for value in TRICKY:
            row = [valid[c] for c in names]
            row[i] = value
            rows.append(row)
    for j in range(len(TRICKY)):
        rows.append([TRICKY[(j + i * 7) % len(TRICKY)] for i in range(len(names))])
    table = f"delivered_{extract.name}"
    frame = pa.table({c: pa.array([r[i] for r in rows], pa.string()) for i, c in enumerate(names)})
    con.register(f"{table}_arrow", frame)
    con.execute(f"create table {table} as select * from {table}_arrow")
    return table


@pytest.mark.parametrize("name", list(EXTRACTS))
def test_fast_paths_give_what_the_general_path_gives(name: str) -> None:
    extract = EXTRACTS[name]
    con = duckdb.connect()
    create_bsn_macros(con)
    table = _frame(con, extract)
    relation = f"(select row_number() over () as _k, * from {table})"
    got = con.execute(
        f"select * from ({_work_sql(extract, relation, False, True)}) order by _k"
    ).fetchall()
    want = con.execute(
        f"select * from ({_work_sql(extract, relation, False, True, fast=False)}) order by _k"
    ).fetchall()
    assert len(got) == len(want) > len(TRICKY) * len(extract.columns)
    mismatches = [(g, w) for g, w in zip(got, want, strict=True) if g != w]
    assert not mismatches, mismatches[:3]
    # the valid row is valid, and so are the rows with one value changed in a harmless way
    assert got[0][len(extract.columns) + 1] is True
    assert any(row[len(extract.columns) + 1] is False for row in got)


def test_pattern_globs_match_the_patterns() -> None:
    con = duckdb.connect()
    samples = [v for v in TRICKY if v is not None] + [
        "".join(p) for n in (5, 6, 7, 8) for p in itertools.product("1A -", repeat=n)
    ]
    con.execute("create table s as select unnest(?::varchar[]) as v", [samples])
    patterns = {c.pattern for e in EXTRACTS.values() for c in e.columns if c.pattern}
    for pattern in sorted(p for p in patterns if p):
        globs = pattern_globs(pattern)
        assert globs, pattern
        regex = pattern.removeprefix("^").removesuffix("$")
        differ = con.execute(
            "select v from s where regexp_full_match(v, ?) is distinct from "
            "list_bool_or(list_transform(?::varchar[], g -> v glob g))",
            [regex, globs],
        ).fetchall()
        assert not differ, (pattern, globs, differ[:5])
    assert pattern_globs("^[0-9]+$") is None
    assert pattern_globs("^(a|b)[0-9]{2}$") == ["a[0-9][0-9]", "b[0-9][0-9]"]
