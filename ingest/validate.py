"""Row-level validation of one read file against the contract, in an in-memory DuckDB.

Every value is trimmed and normalised (case of codes, leading zeros that Excel strips from codes,
AGB codes and BSNs), parsed (dates in either allowed format, decimal point or comma, booleans in
every allowed spelling) and checked. The result is one typed frame of valid rows, ready for the raw
table (BSN replaced by its pseudonym, plus a row hash for duplicate detection), and one frame of
quarantined rows with the file, row number, first failing field and every reason.

The clear BSN exists only inside the in-memory database of one call; nothing written holds it.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd
import pyarrow as pa

from ingest.contract import (
    BSN_IN_TEXT,
    BSN_MASK,
    CODE_LIST_SEEDS,
    Column,
    Extract,
    code_list,
    code_list_per_wet,
)
from ingest.pseudonym import pseudonym_map
from ingest.readers import ReadResult

MIN_DATE = "1900-01-01"
MAX_DATE = "2099-12-31"

# How a code is normalised before it is looked up: upper/lower case, or left-padded with zeros
# to the width of the code list (Excel turns "01" into "1").
CODE_NORMALISATION: dict[str, str] = {
    "geslacht": "upper",
    "wet_beschikking": "upper",
    "eenheid": "pad2",
    "frequentie": "none",
    "leveringsvorm": "upper",
    "verwijzer_type": "pad2",
    "debet_credit": "upper",
    "declaratie_status": "lower",
    "regeling": "upper",
    "leefvorm": "lower",
    "uitstroomreden": "lower",
    "productcategorie": "pad2",
    "reden_beeindiging": "pad2",
}
TRUE_WORDS = ("true", "ja", "j", "yes", "y", "1")
FALSE_WORDS = ("false", "nee", "n", "no", "0")


@dataclass
class Validated:
    valid: pa.Table  # raw-table columns (contract, BSN pseudonymised) + _row_number, _row_hash
    quarantine: pd.DataFrame  # row_number, field, reason, problems, row_values
    gx_frame: pd.DataFrame  # normalised values for the Great Expectations suite (in memory)
    bsn_screened: int = 0  # free-text values with a BSN masked + identifiers that were a BSN


# The BSN screening in SQL (the same rule as ingest.contract.bsn_like / mask_bsns), as DuckDB
# macros: sdw_is_bsn(text) for one number, sdw_mask_bsn(text) for free text.
BSN_MACROS: tuple[str, ...] = (
    """create or replace temporary macro sdw_bsn9(d) as
        case when length(d) between 8 and 10 and length(ltrim(d, '0')) between 1 and 9
             then lpad(ltrim(d, '0'), 9, '0') end""",
    """create or replace temporary macro sdw_bsn_check(b) as
        b is not null and regexp_full_match(b, '[0-9]{9}') and (
            cast(substr(b, 1, 1) as integer) * 9 + cast(substr(b, 2, 1) as integer) * 8
            + cast(substr(b, 3, 1) as integer) * 7 + cast(substr(b, 4, 1) as integer) * 6
            + cast(substr(b, 5, 1) as integer) * 5 + cast(substr(b, 6, 1) as integer) * 4
            + cast(substr(b, 7, 1) as integer) * 3 + cast(substr(b, 8, 1) as integer) * 2
            - cast(substr(b, 9, 1) as integer)
        ) % 11 = 0""",
    """create or replace temporary macro sdw_is_bsn(t) as
        coalesce(sdw_bsn_check(sdw_bsn9(regexp_replace(t, '[^0-9]', '', 'g'))), false)""",
    f"""create or replace temporary macro sdw_mask_bsn(t) as
        case when t is null then null else list_reduce(
            list_prepend(
                t, list_filter(regexp_extract_all(t, '{BSN_IN_TEXT}'), x -> sdw_is_bsn(x))
            ),
            (acc, x) -> replace(acc, x, '{BSN_MASK}')
        ) end""",
)


def create_bsn_macros(con: duckdb.DuckDBPyConnection) -> None:
    for ddl in BSN_MACROS:
        con.execute(ddl)


def _q(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _in_list(values: frozenset[str] | set[str]) -> str:
    return "(" + ", ".join(_q(v) for v in sorted(values)) + ")"


def code_list_for(column: Column, extract: Extract) -> str | None:
    """Name of the code list that governs a column (plain or keyed on wet)."""
    if column.codes:
        return column.codes
    for col, list_name in extract.per_wet_codes:
        if col == column.name:
            return list_name
    return None


def _pad_digits(v: str, shortest: int, width: int) -> str:
    """Left-pad an all-digit value of shortest..width digits with zeros to width."""
    pattern = f"[0-9]{{{shortest},{width}}}"
    return (
        f"case when regexp_full_match({v}, '{pattern}') then lpad({v}, {width}, '0') else {v} end"
    )


def _normalise_expr(column: Column, extract: Extract, bsn_pseudonymised: bool) -> str:
    v = f"nullif(trim(\"{column.name}\"), '')"
    list_name = code_list_for(column, extract)
    if column.kind == "bsn" and bsn_pseudonymised:
        return v
    if column.kind == "bsn":
        return _pad_digits(v, 7, 9)
    if list_name:
        how = CODE_NORMALISATION[list_name]
        if how == "upper":
            return f"upper({v})"
        if how == "lower":
            return f"lower({v})"
        if how == "pad2":
            return _pad_digits(v, 1, 2)
        return v
    if column.name in ("postcode", "wijk_code", "gemeente_code", "productcode"):
        return f"upper({v})"
    if column.name in ("aanbieder_agb", "agb_code"):
        return _pad_digits(v, 5, 8)
    if column.role == "free_text":
        return f"sdw_mask_bsn({v})"
    return v


def _parse_expr(column: Column) -> str:
    n = f'n."{column.name}"'
    if column.kind == "date":
        return (
            f"case when regexp_full_match({n}, '[0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}}') "
            f"then cast(try_strptime({n}, '%Y-%m-%d') as date) "
            f"when regexp_full_match({n}, '[0-9]{{1,2}}-[0-9]{{1,2}}-[0-9]{{4}}') "
            f"then cast(try_strptime({n}, '%d-%m-%Y') as date) end"
        )
    if column.kind == "decimal":
        return (
            f"case when regexp_full_match({n}, '-?[0-9]+([.,][0-9]+)?') "
            f"then try_cast(replace({n}, ',', '.') as decimal(18, 2)) end"
        )
    if column.kind == "integer":
        return f"case when regexp_full_match({n}, '-?[0-9]+') then try_cast({n} as bigint) end"
    if column.kind == "boolean":
        return (
            f"case when {n} is null then false when lower({n}) in {_in_list(set(TRUE_WORDS))} "
            f"then true when lower({n}) in {_in_list(set(FALSE_WORDS))} then false end"
        )
    return n


def _value_text(column: Column) -> str:
    """The offending value for a reason text; never the BSN, nor a BSN delivered elsewhere."""
    if column.kind == "bsn":
        return ""
    return f" || ' ''' || left(sdw_mask_bsn(n.\"{column.name}\"), 40) || ''''"


def _bsn_eleven_proof(expr: str) -> str:
    terms = " + ".join(
        f"cast(substr({expr}, {i + 1}, 1) as integer) * {w}"
        for i, w in enumerate((9, 8, 7, 6, 5, 4, 3, 2))
    )
    return (
        f"(regexp_full_match({expr}, '[0-9]{{9}}') and {expr} <> '000000000' "
        f"and ({terms} - cast(substr({expr}, 9, 1) as integer)) % 11 = 0)"
    )


def _problem_exprs(extract: Extract, bsn_pseudonymised: bool) -> list[str]:
    """SQL expressions yielding a {field, reason} struct or NULL, in column order."""
    out: list[str] = []

    def problem(field: str, cond: str, reason_sql: str) -> None:
        out.append(f"case when {cond} then {{'field': {_q(field)}, 'reason': {reason_sql}}} end")

    wet_ok = "p.wet in ('WMO', 'JW')"
    for col in extract.columns:
        n, p = f'n."{col.name}"', f'p."{col.name}"'
        required = col.required and not (extract.name == "beschikkingen" and col.name == "volume")
        if required:
            problem(col.name, f"{n} is null", "'missing required value'")
        if col.kind == "date":
            problem(
                col.name,
                f"{n} is not null and {p} is null",
                f"'not a date (YYYY-MM-DD or DD-MM-YYYY):'{_value_text(col)}",
            )
            problem(
                col.name,
                f"{p} not between date '{MIN_DATE}' and date '{MAX_DATE}'",
                f"'date outside {MIN_DATE}..{MAX_DATE}:'{_value_text(col)}",
            )
        elif col.kind == "decimal":
            problem(
                col.name,
                f"{n} is not null and {p} is null",
                f"'not a decimal number (no thousands separators):'{_value_text(col)}",
            )
        elif col.kind == "integer":
            problem(
                col.name,
                f"{n} is not null and {p} is null",
                f"'not a whole number:'{_value_text(col)}",
            )
        elif col.kind == "boolean":
            problem(
                col.name,
                f"{n} is not null and {p} is null",
                f"'not a boolean (true/false, ja/nee, j/n, yes/no, 1/0):'{_value_text(col)}",
            )
        elif col.kind == "bsn" and not bsn_pseudonymised:
            problem(
                col.name,
                f"{n} is not null and not {_bsn_eleven_proof(n)}",
                "'BSN fails the 11-proof'",
            )
        if col.pattern:
            regex = col.pattern.removeprefix("^").removesuffix("$")
            problem(
                col.name,
                f"{n} is not null and not regexp_full_match({n}, {_q(regex)})",
                f"'does not match the format {col.pattern}:'{_value_text(col)}",
            )
        list_name = code_list_for(col, extract)
        if list_name and CODE_LIST_SEEDS[list_name][2] is None:
            problem(
                col.name,
                f"{n} is not null and {n} not in {_in_list(code_list(list_name))}",
                f"'code not in code list {list_name}:'{_value_text(col)}",
            )
        elif list_name:
            pairs = {f"{w}|{c}" for w, c in code_list_per_wet(list_name)}
            problem(
                col.name,
                f"{n} is not null and {wet_ok} and (p.wet || '|' || {n}) not in {_in_list(pairs)}",
                f"'code does not exist for wet ' || p.wet || ' in code list {list_name}:'"
                f"{_value_text(col)}",
            )
    for earlier, later in extract.date_order:
        problem(
            later,
            f'p."{later}" < p."{earlier}"',
            f"'{later} lies before {earlier}'",
        )
    if extract.name == "beschikkingen":
        problem(
            "volume",
            "n.volume is null and n.frequentie is distinct from '6'",
            "'missing required value (volume may only be empty with frequentie 6, totaal)'",
        )
    if extract.name == "declaraties":
        problem("bedrag", "p.bedrag < 0", "'bedrag must be positive (use debet_credit C)'")
    return out


def validate(read: ReadResult, key: bytes, bsn_pseudonymised: bool = False) -> Validated:
    """Validate one read file; pseudonymise the BSN; split valid and quarantined rows.

    With bsn_pseudonymised (rows taken back from quarantine) the BSN column already holds the
    pseudonym: it is passed through, and its 11-proof cannot be checked again.
    """
    extract = read.extract
    src = pd.DataFrame(read.columns, dtype=object)
    src.insert(0, "_row_number", pd.Series(read.row_numbers, dtype="int64"))
    con = duckdb.connect(":memory:")
    try:
        create_bsn_macros(con)
        con.register("src", src)
        normalised = ",\n".join(
            f'{_normalise_expr(c, extract, bsn_pseudonymised)} as "{c.name}"'
            for c in extract.columns
        )
        parsed = ",\n".join(f'{_parse_expr(c)} as "{c.name}"' for c in extract.columns)
        con.execute(f"create table n as select _row_number, {normalised} from src")
        screened = _screen_identifiers(con, extract, key, bsn_pseudonymised)
        screened += _count_masked_free_text(con, extract)
        con.execute(f"create table p as select n._row_number, {parsed} from n")
        problems = ",\n".join(_problem_exprs(extract, bsn_pseudonymised))
        con.execute(
            "create table chk as select n._row_number, "
            f"list_filter([{problems}], x -> x is not null) as problems "
            "from n join p using (_row_number)"
        )
        bsn_col = next((c.name for c in extract.columns if c.kind == "bsn"), None)
        bsns = (
            [r[0] for r in con.execute(f'select distinct "{bsn_col}" from n').fetchall()]
            if bsn_col
            else []
        )
        present = [b for b in bsns if b is not None]
        mapping = {b: b for b in present} if bsn_pseudonymised else pseudonym_map(present, key)
        con.register(
            "pseudo",
            pd.DataFrame({"bsn": list(mapping), "pseudonym": list(mapping.values())}, dtype=object),
        )
        gx_frame = _gx_frame(con, extract)
        typed = ", ".join(
            f'ps.pseudonym as "{c.raw_name}"' if c.kind == "bsn" else f'p."{c.name}"'
            for c in extract.columns
        )
        value_cols = ", ".join(
            f"'{c.name}': ps.pseudonym"
            if c.kind == "bsn"
            else f"'{c.name}': sdw_mask_bsn(n.\"{c.name}\")"
            for c in extract.columns
        )
        join = "from n join p using (_row_number) join chk using (_row_number)"
        if bsn_col:
            join += f' left join pseudo as ps on ps.bsn = n."{bsn_col}"'

        # the row hash identifies an exact duplicate: same typed values (pseudonym included)
        hashed = ", ".join(
            f"'{c.raw_name}': ps.pseudonym" if c.kind == "bsn" else f"'{c.name}': p.\"{c.name}\""
            for c in extract.columns
        )
        valid = con.execute(
            f"select {typed}, n._row_number, md5(cast(to_json({{{hashed}}}) as varchar)) "
            f"as _row_hash {join} where len(chk.problems) = 0 order by n._row_number"
        ).to_arrow_table()
        quarantine = con.execute(
            "select n._row_number as row_number, chk.problems[1].field as field, "
            "chk.problems[1].reason as reason, "
            "cast(to_json(chk.problems) as varchar) as problems, "
            f"cast(to_json({{{value_cols}}}) as varchar) as row_values "
            f"{join} where len(chk.problems) > 0 order by n._row_number"
        ).df()
    finally:
        con.close()
    if read.malformed:
        extra = pd.DataFrame(
            {
                "row_number": [r for r, _ in read.malformed],
                "field": ["*"] * len(read.malformed),
                "reason": [m for _, m in read.malformed],
                "problems": ["[]"] * len(read.malformed),
                "row_values": ["{}"] * len(read.malformed),
            }
        )
        quarantine = pd.concat([quarantine, extra], ignore_index=True).sort_values("row_number")
    return Validated(valid=valid, quarantine=quarantine, gx_frame=gx_frame, bsn_screened=screened)


def _screen_identifiers(
    con: duckdb.DuckDBPyConnection, extract: Extract, key: bytes, bsn_pseudonymised: bool
) -> int:
    """Identifier values that are a BSN (the whole value a number passing the 11-proof) become
    the BSN's pseudonym, so a key built from a BSN never lands in clear and joins still match.
    Returns how many values were replaced."""
    replaced = 0
    for col in (c for c in extract.columns if c.role == "identifier"):
        q = f'"{col.name}"'
        found = con.execute(
            f"select distinct {q}, sdw_bsn9(regexp_replace({q}, '[^0-9]', '', 'g')) from n "
            f"where regexp_full_match({q}, '[0-9 .-]+') and sdw_is_bsn({q})"
        ).fetchall()
        if not found:
            continue
        if bsn_pseudonymised:  # rows back from quarantine were screened when first loaded
            continue
        mapping = pseudonym_map([bsn for _, bsn in found], key)
        con.register(
            "id_pseudo",
            pd.DataFrame(
                {"waarde": [v for v, _ in found], "pseudonym": [mapping[b] for _, b in found]},
                dtype=object,
            ),
        )
        row = con.execute(
            f"select count(*) from n join id_pseudo on n.{q} = id_pseudo.waarde"
        ).fetchone()
        replaced += int(row[0]) if row else 0
        con.execute(
            f"update n set {q} = id_pseudo.pseudonym from id_pseudo where n.{q} = id_pseudo.waarde"
        )
        con.unregister("id_pseudo")
    return replaced


def _count_masked_free_text(con: duckdb.DuckDBPyConnection, extract: Extract) -> int:
    """Free-text values in which a BSN was masked (normalisation trims and masks; nothing else)."""
    terms = [
        f'sum(case when nullif(trim(src."{c.name}"), \'\') is distinct from n."{c.name}" '
        "then 1 else 0 end)"
        for c in extract.columns
        if c.role == "free_text"
    ]
    if not terms:
        return 0
    row = con.execute(f"select {' + '.join(terms)} from n join src using (_row_number)").fetchone()
    return int(row[0] or 0) if row else 0


def _gx_frame(con: duckdb.DuckDBPyConnection, extract: Extract) -> pd.DataFrame:
    """Normalised strings, with dates parsed, for the delivery-level GX suite (kept in memory)."""
    cols = ", ".join(
        f'p."{c.name}"' if c.kind == "date" else f'n."{c.name}"' for c in extract.columns
    )
    frame = con.execute(f"select {cols} from n join p using (_row_number)").df()
    for c in extract.columns:
        if c.kind == "date":
            frame[c.name] = pd.to_datetime(frame[c.name])
    return frame
