"""Row validation of one read file, set-based, in the warehouse's own DuckDB connection.

Every value is trimmed and normalised (case of codes, leading zeros that Excel strips from codes,
AGB codes and BSNs, a BSN typed into free text masked, an identifier that is a BSN pseudonymised),
parsed (dates in either allowed format, decimal point or comma, booleans in every allowed
spelling) and checked against every rule of the contract (ingest/contract.py). One working table
holds, per row, the normalised values, the parsed values and the list of problems; the valid rows
(typed, BSN replaced by its pseudonym, with a row hash for duplicate detection) and the
quarantined rows (file, row number, first failing field, every reason, the values with any BSN
masked) are selected from it, and so is the profile the Great Expectations gate judges.

The BSN's pseudonym (HMAC-SHA256) is computed in Python, once per distinct BSN of a delivery.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from ingest.contract import (
    BSN_IN_TEXT,
    BSN_MASK,
    CODE_LIST_SEEDS,
    CODE_NORMALISATION,
    DATE_FORMATS,
    DECIMAL_SHAPE,
    FALSE_WORDS,
    INTEGER_SHAPE,
    MAX_DATE,
    MIN_DATE,
    OPTIONAL_WHEN,
    POSITIVE_AMOUNTS,
    TRUE_WORDS,
    UPPER_CASE_COLUMNS,
    ZERO_PADDED_COLUMNS,
    Column,
    Extract,
    code_list,
    code_list_for,
    code_list_per_wet,
    is_required,
)
from ingest.readers import Source

# The BSN screening in SQL (the same rule as ingest.contract.bsn_like / mask_bsns), as DuckDB
# macros: sdw_is_bsn(text) for one number, sdw_mask_bsn(text) for free text.
BSN_MACROS: tuple[str, ...] = (
    """create or replace temporary macro sdw_bsn9(d) as
        case when length(d) between 8 and 10 and length(ltrim(d, '0')) between 1 and 9
             then lpad(ltrim(d, '0'), 9, '0') end""",
    # digits by their code point, never by a cast: DuckDB may evaluate the arithmetic of a row
    # whose pattern test failed (a BSN with a letter), and a cast would raise there
    """create or replace temporary macro sdw_bsn_check(b) as
        coalesce(b is not null and regexp_full_match(b, '[0-9]{9}') and (
            (ascii(substr(b, 1, 1)) - 48) * 9 + (ascii(substr(b, 2, 1)) - 48) * 8
            + (ascii(substr(b, 3, 1)) - 48) * 7 + (ascii(substr(b, 4, 1)) - 48) * 6
            + (ascii(substr(b, 5, 1)) - 48) * 5 + (ascii(substr(b, 6, 1)) - 48) * 4
            + (ascii(substr(b, 7, 1)) - 48) * 3 + (ascii(substr(b, 8, 1)) - 48) * 2
            - (ascii(substr(b, 9, 1)) - 48)
        ) % 11 = 0, false)""",
    """create or replace temporary macro sdw_is_bsn(t) as
        coalesce(sdw_bsn_check(sdw_bsn9(regexp_replace(t, '[^0-9]', '', 'g'))), false)""",
    f"""create or replace temporary macro sdw_mask_bsn(t) as
        case when t is null then null
             when not regexp_matches(t, '[0-9]{{8}}|[0-9][ .-][0-9]') then t
             else list_reduce(
            list_prepend(
                t, list_filter(regexp_extract_all(t, '{BSN_IN_TEXT}'), x -> sdw_is_bsn(x))
            ),
            (acc, x) -> replace(acc, x, '{BSN_MASK}')
        ) end""",
)
# Characters no value may hold: C0 controls but tab, DEL, a byte order mark inside the text, and
# U+FFFD (a byte the file's encoding does not define).
CONTROL_CHARACTERS = "[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\x{FEFF}\\x{FFFD}]"
REPEATED_HEADER = "the header line again inside the file (exports concatenated?)"


def create_bsn_macros(con: duckdb.DuckDBPyConnection) -> None:
    for ddl in BSN_MACROS:
        con.execute(ddl)


class PseudonymCache:
    """HMAC-SHA256 pseudonyms of BSNs under one key, each computed once per delivery."""

    def __init__(self, key: bytes) -> None:
        self.key = key
        self.known: dict[str, str] = {}

    def table(self, values: Iterable[str]) -> pa.Table:
        """An Arrow table (bsn, pseudonym) for the given normalised BSNs."""
        key, known = self.key, self.known
        for value in values:
            if value not in known:
                known[value] = hmac.digest(key, value.encode("utf-8"), hashlib.sha256).hex()
        wanted = list(dict.fromkeys(values))
        return pa.table(
            {"bsn": wanted, "pseudonym": [known[v] for v in wanted]},
            schema=pa.schema([("bsn", pa.string()), ("pseudonym", pa.string())]),
        )


@dataclass
class Checked:
    """The validation of one file: working table `table` and its outcome."""

    table: str
    rows: int  # data rows of the file, malformed ones included
    valid: int
    quarantined: int
    bsn_screened: int
    # (field, rule, rows breaking it, first row breaking it): what the Great Expectations gate
    # judges
    profile: list[tuple[str, str, int, int]]
    # identifier columns in which a BSN was replaced by its pseudonym (temp tables id_<column>)
    screened: list[str]


def _q(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _in_list(values: Iterable[str]) -> str:
    return "(" + ", ".join(_q(v) for v in sorted(values)) + ")"


def _pad_digits(v: str, shortest: int, width: int) -> str:
    """Left-pad an all-digit value of shortest..width digits with zeros to width."""
    pattern = f"[0-9]{{{shortest},{width}}}"
    return (
        f"case when regexp_full_match({v}, '{pattern}') then lpad({v}, {width}, '0') else {v} end"
    )


def _n(column: str) -> str:
    """The normalised value of a column in the working table."""
    return f'"{column}"'


TYPED_KINDS = frozenset({"date", "decimal", "integer", "boolean"})


def _typed(column: Column) -> bool:
    """Whether a column is parsed into another type (else its value is its normalised text)."""
    return column.kind in TYPED_KINDS


def _p(column: str, extract: Extract) -> str:
    """The parsed value of a column in the working table: the typed value, or for text columns
    the normalised text itself (stored once)."""
    return f'"p__{column}"' if _typed(extract.column(column)) else _n(column)


def _normalise_expr(column: Column, extract: Extract, bsn_pseudonymised: bool) -> str:
    v = f"nullif(trim(src.\"{column.name}\"), '')"
    list_name = code_list_for(column, extract)
    if column.kind == "bsn":
        return v if bsn_pseudonymised else _pad_digits(v, 7, 9)
    if list_name:
        how = CODE_NORMALISATION[list_name]
        if how == "upper":
            return f"upper({v})"
        if how == "lower":
            return f"lower({v})"
        if how == "pad2":
            return _pad_digits(v, 1, 2)
        return v
    if column.name in UPPER_CASE_COLUMNS:
        return f"upper({v})"
    if column.name in ZERO_PADDED_COLUMNS:
        return _pad_digits(v, *ZERO_PADDED_COLUMNS[column.name])
    if column.role == "free_text":
        return f"sdw_mask_bsn({v})"
    return v


def _parse_expr(column: Column, n: str) -> str:
    """The typed value of a column from its normalised text `n` (an expression)."""
    if column.kind == "date":
        # strptime itself refuses what is not a date of the format (2021-02-30, 05x); a two-digit
        # year parses and then fails the date range
        return (
            "cast(coalesce("
            + ", ".join(f"try_strptime({n}, '{fmt}')" for _, fmt in DATE_FORMATS)
            + ") as date)"
        )
    if column.kind == "decimal":
        return (
            f"case when regexp_full_match({n}, '{DECIMAL_SHAPE}') "
            f"then try_cast(replace({n}, ',', '.') as decimal(18, 2)) end"
        )
    if column.kind == "integer":
        return (
            f"case when regexp_full_match({n}, '{INTEGER_SHAPE}') then try_cast({n} as bigint) end"
        )
    if column.kind == "boolean":
        return (
            f"case when {n} is null then false when lower({n}) in {_in_list(TRUE_WORDS)} "
            f"then true when lower({n}) in {_in_list(FALSE_WORDS)} then false end"
        )
    return n


def _value_text(column: Column) -> str:
    """The offending value for a reason text; never the BSN, nor a BSN delivered elsewhere."""
    if column.kind == "bsn":
        return ""
    return f" || ' ''' || left(sdw_mask_bsn({_n(column.name)}), 40) || ''''"


def _bsn_eleven_proof(expr: str) -> str:
    """SQL: true when the value is 9 digits passing the 11-proof, else false (never NULL, never an
    error: the digits are read by their code point, not cast, since DuckDB may compute the sum
    for a value with letters, spaces or dashes before the pattern test rules it out)."""
    terms = " + ".join(
        f"(ascii(substr({expr}, {i + 1}, 1)) - 48) * {w}"
        for i, w in enumerate((9, 8, 7, 6, 5, 4, 3, 2))
    )
    return (
        f"coalesce(regexp_full_match({expr}, '[0-9]{{9}}') and {expr} <> '000000000' "
        f"and ({terms} - (ascii(substr({expr}, 9, 1)) - 48)) % 11 = 0, false)"
    )


def problem_rules(extract: Extract, bsn_pseudonymised: bool) -> list[tuple[str, str]]:
    """Every rule of the contract for this extract, over the working table, as (condition, SQL
    of the {field, reason} struct when it holds), in the order of the columns."""
    out: list[tuple[str, str]] = []

    def problem(field: str, cond: str, reason_sql: str) -> None:
        out.append((cond, f"{{'field': {_q(field)}, 'reason': {reason_sql}}}"))

    # the header line again inside the file (exports concatenated): every value is its column's
    # name; named first, so it is the reason the row is quarantined for
    problem(
        "*",
        " and ".join(
            f"lower(replace({_n(c.name)}, chr(65279), '')) = {_q(c.name)}" for c in extract.columns
        ),
        f"'{REPEATED_HEADER}'",
    )

    # a control character can only slip through columns that have no format of their own
    # (identifiers, free text); elsewhere the format, code list or parse rejects it already
    unshaped = [
        c.name
        for c in extract.columns
        if c.kind == "text" and not c.pattern and code_list_for(c, extract) is None
    ]
    for name in unshaped:
        problem(
            name,
            f"regexp_matches({_n(name)}, '{CONTROL_CHARACTERS}')",
            "'holds a control character, a byte order mark or a byte the file encoding does not "
            "define'",
        )
    wet = _p("wet", extract) if "wet" in extract.column_names else "null"
    wet_ok = f"{wet} in ('WMO', 'JW')"
    for col in extract.columns:
        n, p = _n(col.name), _p(col.name, extract)
        if is_required(extract, col):
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
                f"'not a decimal number (at most 2 decimals, no thousands separators):'"
                f"{_value_text(col)}",
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
            # letters, spaces, dashes, 10 digits: not a BSN at all; nine digits: the 11-proof
            problem(
                col.name,
                f"{n} is not null and not regexp_full_match({n}, '[0-9]{{9}}')",
                "'BSN is not 9 digits'",
            )
            problem(
                col.name,
                f"regexp_full_match({n}, '[0-9]{{9}}') and not {_bsn_eleven_proof(n)}",
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
                f"{n} is not null and {wet_ok} and ({wet} || '|' || {n}) not in {_in_list(pairs)}",
                f"'code does not exist for wet ' || {wet} || ' in code list {list_name}:'"
                f"{_value_text(col)}",
            )
    for earlier, later in extract.date_order:
        problem(
            later,
            f"{_p(later, extract)} < {_p(earlier, extract)}",
            f"'{later} lies before {earlier}'",
        )
    for (extract_name, column), (other, value) in OPTIONAL_WHEN.items():
        if extract_name == extract.name:
            problem(
                column,
                f"{_n(column)} is null and {_n(other)} is distinct from {_q(value)}",
                f"'missing required value ({column} may only be empty with {other} {value})'",
            )
    if extract.name in POSITIVE_AMOUNTS:
        amount = POSITIVE_AMOUNTS[extract.name]
        problem(
            amount,
            f"{_p(amount, extract)} < 0",
            f"'{amount} must be positive (use debet_credit C)'",
        )
    return out


def any_problem_sql(extract: Extract, bsn_pseudonymised: bool) -> str:
    """True when a row breaks any rule (NULL comparisons count as no problem)."""
    return " or ".join(
        f"coalesce({cond}, false)" for cond, _ in problem_rules(extract, bsn_pseudonymised)
    )


def problems_sql(extract: Extract, bsn_pseudonymised: bool) -> str:
    """The list of {field, reason} structs of the rules a row breaks, in column order."""
    cases = ", ".join(
        f"case when {cond} then {struct} end"
        for cond, struct in problem_rules(extract, bsn_pseudonymised)
    )
    return f"list_filter([{cases}], x -> x is not null)"


def _screen_identifiers(
    con: duckdb.DuckDBPyConnection,
    extract: Extract,
    work: str,
    cache: PseudonymCache,
    bsn_pseudonymised: bool,
) -> tuple[list[str], int]:
    """An identifier that is a BSN (the whole value a number passing the 11-proof) becomes the
    BSN's pseudonym, so a key built from a BSN never lands in clear and joins still match. Per
    such column a temp table id_<column> (waarde, pseudonym) is kept for the quarantine. Returns
    the columns screened and how many values were replaced. A pattern first, the 11-proof only
    where it matches: one cheap scan of each identifier column."""
    if bsn_pseudonymised:
        return [], 0  # rows back from quarantine were screened when first loaded
    found: list[str] = []
    replaced = 0
    for col in (c.name for c in extract.columns if c.role == "identifier"):
        rows = con.execute(
            f"select distinct \"{col}\", sdw_bsn9(regexp_replace(\"{col}\", '[^0-9]', '', 'g')) "
            f"from {work} where regexp_full_match(\"{col}\", '[0-9][0-9 .-]{{6,12}}') "
            f'and sdw_is_bsn("{col}")'
        ).fetchall()
        if not rows:
            continue
        mapping = cache.table([bsn for _, bsn in rows])
        pseudonyms = dict(
            zip(mapping["bsn"].to_pylist(), mapping["pseudonym"].to_pylist(), strict=True)
        )
        arrow = pa.table(
            {"waarde": [w for w, _ in rows], "pseudonym": [pseudonyms[b] for _, b in rows]}
        )
        con.register(f"id_{col}_arrow", arrow)
        con.execute(f"create or replace temp table id_{col} as select * from id_{col}_arrow")
        con.unregister(f"id_{col}_arrow")
        row = con.execute(
            f'update {work} set "{col}" = id_{col}.pseudonym from id_{col} '
            f'where {work}."{col}" = id_{col}.waarde'
        ).fetchone()
        replaced += int(row[0]) if row else 0
        found.append(col)
    return found, replaced


def _work_sql(extract: Extract, relation: str, bsn_pseudonymised: bool, keep_k: bool) -> str:
    """One pass over the rows, stored once: the normalised values (text) and the parsed (typed)
    values, which every rule then reads; and, per row, how many free-text values had a BSN
    masked. One projection: the parse repeats the (cheap) normalisation instead of reading it
    from a second stored copy of the rows, which would cost more than the functions."""
    norm = {c.name: _normalise_expr(c, extract, bsn_pseudonymised) for c in extract.columns}
    normalised = ", ".join(f'{norm[c.name]} as "{c.name}"' for c in extract.columns)
    parsed = "".join(
        f', {_parse_expr(c, norm[c.name])} as "p__{c.name}"' for c in extract.columns if _typed(c)
    )
    free_text = [c.name for c in extract.columns if c.role == "free_text"]
    masked = (
        " + ".join(
            f"case when nullif(trim(src.\"{c}\"), '') is distinct from {norm[c]} then 1 else 0 end"
            for c in free_text
        )
        or "0"
    )
    k = "src._k, " if keep_k else ""
    return f"select {k}{normalised}{parsed}, ({masked}) as _bsn_screened from {relation} as src"


def check(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    cache: PseudonymCache,
    bsn_pseudonymised: bool = False,
) -> Checked:
    """Validate the rows of a source in one pass into the working table `<name>_w`: per row
    the typed values (text columns normalised; the bsn column normalised, not yet
    pseudonymised), the problems, and the normalised values of rows with problems. With
    bsn_pseudonymised (rows back from quarantine) the bsn column holds the pseudonym already."""
    work = f"{source.name}_w"
    extract = source.extract
    for _attempt in range(4):
        con.execute(
            f"create or replace temp table {work} as "
            f"{_work_sql(extract, source.relation(con), bsn_pseudonymised, source.keeps_k)}"
        )
        state = source.after_read(con)
        if state == "ok":
            break
        if state == "encoding?":
            # bytes that are not UTF-8: a Windows-1252 file, unless some of its non-ASCII text
            # is valid UTF-8 (a UTF-8 file with a few broken rows, quarantined as such; read as
            # Windows-1252 its valid names would turn into mojibake). Windows-1252 text almost
            # never forms valid UTF-8 by chance; if it does, its other rows are quarantined as
            # not UTF-8 and the gate refuses the file: a refusal, never silently wrong text.
            texts = " || ".join(
                f"coalesce(\"{c.name}\", '')" for c in extract.columns if c.kind in ("text", "code")
            )
            (utf8_rows,) = con.execute(
                f"select count(*) from {work} where regexp_matches({texts}, '[^\\x00-\\x7F]')"
            ).fetchone() or (0,)
            if utf8_rows > 0:
                source.finish(con)
                break
            source.switch_to_cp1252(con)
    (base,) = con.execute(f"select coalesce(min(rowid), 0) from {work}").fetchone() or (0,)
    source.rowid_base = int(base)
    screened, replaced = _screen_identifiers(con, extract, work, cache, bsn_pseudonymised)
    # the rows that break a rule, with their problems and normalised values (one pass over the
    # working table; usually few rows)
    values = ", ".join(f"'{c.name}': \"{c.name}\"" for c in extract.columns)
    con.execute(
        f"create or replace temp table {work}_bad as select {source.k_sql(work)} as _k, "
        f"{problems_sql(extract, bsn_pseudonymised)} as problems, {{{values}}} as bad_values "
        f"from {work} where {any_problem_sql(extract, bsn_pseudonymised)}"
    )
    row = con.execute(
        f"select count(*), count(*) - (select count(*) from {work}_bad), "
        f"coalesce(sum(_bsn_screened), 0) from {work}"
    ).fetchone()
    assert row is not None
    (malformed_rows,) = con.execute(f"select count(*) from {source.malformed}").fetchone() or (0,)
    # per (field, rule): the rows breaking it and the first of them (its number in the file)
    first, first_join = source.row_number_sql("x._first")
    profile = [
        (str(f), str(r), int(k), int(n))
        for f, r, k, n in con.execute(
            f"select x.field, x.regel, x.rijen, {first} from (select p.field as field, "
            "split_part(p.reason, ':', 1) as regel, count(distinct _k) as rijen, "
            f"min(_k) as _first from (select _k, unnest(problems) as p from {work}_bad) "
            f"group by all) as x {first_join} "
            f"union all select '*', reason, count(*), min(row_number) from {source.malformed} "
            "group by all order by 4, 1, 2"
        ).fetchall()
    ]
    quarantined = int(row[0]) - int(row[1]) + int(malformed_rows)
    return Checked(
        table=work,
        rows=int(row[0]) + int(malformed_rows),
        valid=int(row[1]),
        quarantined=quarantined,
        bsn_screened=int(row[2]) + replaced,
        profile=profile,
        screened=screened,
    )


def pseudonymise_bsns(
    con: duckdb.DuckDBPyConnection,
    checked: Checked,
    extract: Extract,
    cache: PseudonymCache,
    bsn_pseudonymised: bool = False,
) -> str:
    """A temp table (bsn, pseudonym) for every BSN value of the file; returns its name."""
    table = f"{checked.table}_pseudo"
    bsn = next((c.name for c in extract.columns if c.kind == "bsn"), None)
    values = (
        [
            r[0]
            for r in con.execute(
                f'select distinct "{bsn}" from {checked.table} where "{bsn}" is not null'
            ).fetchall()
        ]
        if bsn
        else []
    )
    arrow = (
        pa.table({"bsn": values, "pseudonym": values}) if bsn_pseudonymised else cache.table(values)
    )
    con.register(f"{table}_arrow", arrow)
    con.execute(f"create or replace temp table {table} as select * from {table}_arrow")
    con.unregister(f"{table}_arrow")
    return table


def row_hash_sql(extract: Extract, refs: dict[str, str], pseudonym: str) -> str:
    """An md5 of the row's typed values (the BSN as its pseudonym, never in clear): the same row
    delivered again is an exact duplicate. Values joined by a unit separator; NULL written
    as a record separator, so no two different rows give the same text."""
    values = [pseudonym if c.kind == "bsn" else refs[c.name] for c in extract.columns]
    parts = ", ".join(f"coalesce(cast({ref} as varchar), chr(30))" for ref in values)
    return f"md5(concat_ws(chr(31), {parts}))"


def valid_rows_sql(
    extract: Extract, checked: Checked, pseudo: str, source: Source, only: str | None = None
) -> str:
    """The valid rows, typed as the raw table wants them, with _row_number and _row_hash; with
    `only`, just the rows whose place is in that table (column _k)."""
    bsn = next((c.name for c in extract.columns if c.kind == "bsn"), None)
    typed = ", ".join(
        f'ps.pseudonym as "{c.raw_name}"'
        if c.kind == "bsn"
        else f'w.{_p(c.name, extract)} as "{c.name}"'
        for c in extract.columns
    )
    k = source.k_sql("w")
    number, number_join = source.row_number_sql(k)
    join = f'left join {pseudo} as ps on ps.bsn = w."{bsn}"' if bsn else ""
    refs = {c.name: f"w.{_p(c.name, extract)}" for c in extract.columns}
    return (
        f"select {typed}, {number} as _row_number, "
        f"{row_hash_sql(extract, refs, 'ps.pseudonym')} as _row_hash "
        f"from {checked.table} as w {join} {number_join} "
        f"where {k} not in (select _k from {checked.table}_bad)"
        + (f" and {k} in (select _k from {only})" if only else "")
    )


def quarantine_rows_sql(extract: Extract, checked: Checked, pseudo: str, source: Source) -> str:
    """The quarantined rows: row_number, first failing field and reason, every problem, and the
    row's values (BSN as its pseudonym, any BSN elsewhere masked); rows that could not be split
    into fields are there too, without values."""
    bsn = next((c.name for c in extract.columns if c.kind == "bsn"), None)

    def value(c: Column) -> str:
        if c.kind == "bsn":
            return "ps.pseudonym"
        if c.name in checked.screened:
            return f'coalesce(id_{c.name}.pseudonym, sdw_mask_bsn(w.bad_values."{c.name}"))'
        return f'sdw_mask_bsn(w.bad_values."{c.name}")'

    values = ", ".join(f"'{c.name}': {value(c)}" for c in extract.columns)
    number, number_join = source.row_number_sql("w._k")
    join = f'left join {pseudo} as ps on ps.bsn = w.bad_values."{bsn}"' if bsn else ""
    join += "".join(
        f' left join id_{c} on w.bad_values."{c}" = id_{c}.waarde' for c in checked.screened
    )
    return (
        f"select {number} as row_number, w.problems[1].field as field, "
        "w.problems[1].reason as reason, cast(to_json(w.problems) as varchar) as problems, "
        f"cast(to_json({{{values}}}) as varchar) as row_values "
        f"from {checked.table}_bad as w {join} {number_join} "
        f"union all select row_number, '*', reason, '[]', '{{}}' from {source.malformed}"
    )
