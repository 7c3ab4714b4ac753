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

Speed: the working table is made in one pass over the file, and that pass is where the time of a
load goes, so every expression in it has a fast path for the common value that gives exactly what
the general expression gives (a guarded trim, dates of the two shapes parsed without a failing
try, a GLOB before a regular expression, the 11-proof in integer arithmetic). The pass stores the
typed values and one flag per row (`_ok`: no rule broken); every rule's reason, and the
normalised text the quarantine shows, are worked out only for the rows that break one.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import product

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
             when not (t glob '*[0-9]*') then t
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
    """HMAC-SHA256 pseudonyms of BSNs under one key: a file's BSNs by DuckDB, once per distinct
    BSN (create_table); the few BSNs found in identifier columns in Python (table), each once
    per delivery."""

    def __init__(self, key: bytes) -> None:
        self.key = key
        self.known: dict[str, str] = {}

    def pads(self) -> tuple[bytes, bytes]:
        """HMAC's inner and outer key pads (RFC 2104): the key, hashed first when longer than
        SHA-256's block of 64 bytes, padded with zeros to the block, XOR 0x36 and XOR 0x5c."""
        block = self.key if len(self.key) <= 64 else hashlib.sha256(self.key).digest()
        block = block.ljust(64, b"\0")
        return bytes(b ^ 0x36 for b in block), bytes(b ^ 0x5C for b in block)

    def create_table(self, con: duckdb.DuckDBPyConnection, table: str, values_sql: str) -> None:
        """Temp table `table` (bsn, pseudonym) for the BSNs that values_sql selects (one column,
        distinct), computed by DuckDB in parallel: HMAC-SHA256 = sha256(outer pad || sha256(inner
        pad || bsn)), the same hex string as hmac.digest (pytests/test_load.py). The key goes in
        only as the two pads, bound as parameters: never in the SQL text."""
        inner, outer = self.pads()
        con.execute(
            f"create or replace temp table {table} as select bsn, "
            "sha256($outer::blob || unhex(sha256($inner::blob || encode(bsn)))) as pseudonym "
            f"from ({values_sql}) as v(bsn)",
            {"inner": inner, "outer": outer},
        )

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
    # identifier columns in which a BSN was replaced by its pseudonym (temp tables
    # <table>_id_<column>)
    screened: list[str]
    bad_rows: int = 0  # rows that break a rule (temp table <table>_bad when there are any)
    malformed_rows: int = 0  # rows that could not be split into fields


def _q(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _in_list(values: Iterable[str]) -> str:
    return "(" + ", ".join(_q(v) for v in sorted(values)) + ")"


def _member(expr: str, values: Iterable[str]) -> str:
    """SQL: whether the value is one of `values` (NULL for NULL). list_contains rather than IN:
    DuckDB plans an IN list of a few values inside a CASE as a join, which costs more."""
    return f"list_contains([{', '.join(_q(v) for v in sorted(values))}], {expr})"


def _pad_digits(v: str, shortest: int, width: int) -> str:
    """Left-pad an all-digit value of shortest..width digits with zeros to width. A value of
    `width` bytes or more stays as it is without the regular expression: all digits, padding
    does not change it; otherwise the pattern does not match."""
    pattern = f"[0-9]{{{shortest},{width}}}"
    return (
        f"case when strlen({v}) >= {width} then {v} "
        f"when regexp_full_match({v}, '{pattern}') then lpad({v}, {width}, '0') else {v} end"
    )


def _trimmed(v: str) -> str:
    """trim(v), which removes Unicode space separators at both ends, called only for a value
    that can have one there: in ASCII text the only space separator is ' '."""
    return (
        f"case when starts_with({v}, ' ') or ends_with({v}, ' ') or strlen({v}) <> length({v}) "
        f"then trim({v}) else {v} end"
    )


def _n(column: str) -> str:
    """The normalised value of a column (text) in the validation's projections."""
    return f'"{column}"'


TYPED_KINDS = frozenset({"date", "decimal", "integer", "boolean"})


def _typed(column: Column) -> bool:
    """Whether a column is parsed into another type (else its value is its normalised text)."""
    return column.kind in TYPED_KINDS


def _p(column: str, extract: Extract) -> str:
    """The parsed value of a column in the validation's projections: the typed value, or for
    text columns the normalised text itself."""
    return f'"p__{column}"' if _typed(extract.column(column)) else _n(column)


def _normalise_expr(column: Column, extract: Extract, bsn_pseudonymised: bool, v: str) -> str:
    """The normalised text of a column from `v`: its delivered value, trimmed, '' as NULL."""
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


# The fast paths of the date parse are for exactly these two spellings (see _parse_expr).
assert tuple(fmt for _, fmt in DATE_FORMATS) == ("%Y-%m-%d", "%d-%m-%Y"), DATE_FORMATS
ISO_DATE_GLOB = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
DUTCH_DATE_GLOB = "[0-9][0-9]-[0-9][0-9]-[0-9][0-9][0-9][0-9]"
NINE_DIGITS_GLOB = "[0-9]" * 9


def _parse_expr(column: Column, n: str) -> str:
    """The typed value of a column from its normalised text `n` (an expression)."""
    if column.kind == "date":
        # strptime itself refuses what is not a date of the format (2021-02-30, 05x); a two-digit
        # year parses and then fails the date range. The two usual shapes first: YYYY-MM-DD by
        # DuckDB's date cast (the same dates strptime gives), DD-MM-YYYY by its own format
        # (the ISO format would fail on it first, and a failing try costs ten times a parse).
        general = (
            "cast(coalesce("
            + ", ".join(f"try_strptime({n}, '{fmt}')" for _, fmt in DATE_FORMATS)
            + ") as date)"
        )
        return (
            f"case when {n} glob '{ISO_DATE_GLOB}' then try_cast({n} as date) "
            f"when {n} glob '{DUTCH_DATE_GLOB}' then cast(try_strptime({n}, '%d-%m-%Y') as date) "
            f"else {general} end"
        )
    if column.kind == "decimal":
        return (
            f"case when regexp_full_match({n}, '{DECIMAL_SHAPE}') then try_cast(case when "
            f"contains({n}, ',') then replace({n}, ',', '.') else {n} end as decimal(18, 2)) end"
        )
    if column.kind == "integer":
        return (
            f"case when regexp_full_match({n}, '{INTEGER_SHAPE}') then try_cast({n} as bigint) end"
        )
    if column.kind == "boolean":
        return (
            f"case when {n} is null then false when {_member(f'lower({n})', TRUE_WORDS)} "
            f"then true when {_member(f'lower({n})', FALSE_WORDS)} then false end"
        )
    return n


def _bsn_digits(column: str) -> str:
    """The helper column holding a nine-digit BSN as an integer (else NULL)."""
    return f'"i__{column}"'


def _value_text(column: Column) -> str:
    """The offending value for a reason text; never the BSN, nor a BSN delivered elsewhere."""
    if column.kind == "bsn":
        return ""
    return f" || ' ''' || left(sdw_mask_bsn({_n(column.name)}), 40) || ''''"


def _bsn_eleven_proof(digits: str) -> str:
    """SQL: the 11-proof of a nine-digit BSN given as an integer: its digits by integer
    division, weights 9..2 and -1; 000000000 fails."""
    terms = " + ".join(
        f"{digits} // {10 ** (8 - i)} % 10 * {w}" for i, w in enumerate((9, 8, 7, 6, 5, 4, 3, 2))
    )
    return f"({digits} <> 0 and ({terms} - {digits} % 10) % 11 = 0)"


def pattern_globs(pattern: str) -> list[str] | None:
    """GLOB patterns that together match exactly what the regular expression `pattern` (a
    simple column format of the contract, anchored) matches, or None when it is not that
    simple. Understood: literals, [classes], {n} and ? after either, and groups of
    alternatives of those. A GLOB costs half a regular expression."""

    def parse(text: str) -> list[str] | None:
        out = [""]
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "[":
                end = text.find("]", i)
                if end == -1 or text[i + 1] in "!^":
                    return None
                atom = [text[i : end + 1]]
                i = end + 1
            elif ch == "(":
                depth, j = 0, i
                while j < len(text):
                    depth += {"(": 1, ")": -1}.get(text[j], 0)
                    if depth == 0:
                        break
                    j += 1
                if j == len(text):
                    return None
                atom = []
                for part in text[i + 1 : j].split("|"):
                    parsed = parse(part)
                    if parsed is None:
                        return None
                    atom += parsed
                i = j + 1
            elif ch.isascii() and (ch.isalnum() or ch in " -"):
                atom = [ch]
                i += 1
            else:
                return None
            if text[i : i + 1] == "{":
                end = text.find("}", i)
                if end == -1 or not text[i + 1 : end].isdigit():
                    return None
                atom = ["".join(parts) for parts in product(atom, repeat=int(text[i + 1 : end]))]
                i = end + 1
            elif text[i : i + 1] == "?":
                atom = ["", *atom]
                i += 1
            out = [a + b for a in out for b in atom]
            if len(out) > 16:
                return None
        return out

    if not (pattern.startswith("^") and pattern.endswith("$")):
        return None
    return parse(pattern[1:-1])


def _matches_pattern(n: str, pattern: str) -> str:
    """SQL: whether the value matches the column format (as a whole)."""
    globs = pattern_globs(pattern)
    if globs is None:
        return f"regexp_full_match({n}, {_q(pattern.removeprefix('^').removesuffix('$'))})"
    return "(" + " or ".join(f"{n} glob {_q(g)}" for g in globs) + ")"


@dataclass(frozen=True)
class Rule:
    """One rule over the validation's projection (see _parsed_sql): the condition under which
    a row breaks it, the SQL of its {field, reason} struct, and its scope: the one column whose
    normalised and parsed value it reads, or None when it reads more (or '*': the header)."""

    cond: str
    struct: str
    scope: str | None


def problem_rules(extract: Extract, bsn_pseudonymised: bool) -> list[Rule]:
    """Every rule of the contract for this extract, in the order of the columns; the repeated
    header line first."""
    out: list[Rule] = []

    def problem(field: str, cond: str, reason_sql: str, scope: str | None = "") -> None:
        struct = f"{{'field': {_q(field)}, 'reason': {reason_sql}}}"
        out.append(Rule(cond, struct, field if scope == "" else scope))

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
    # (identifiers, free text); elsewhere the format, code list or parse rejects it already.
    # Text of printable ASCII only (the GLOB) holds none.
    unshaped = [
        c.name
        for c in extract.columns
        if c.kind == "text" and not c.pattern and code_list_for(c, extract) is None
    ]
    for name in unshaped:
        problem(
            name,
            f"case when {_n(name)} glob '*[! -~]*' "
            f"then regexp_matches({_n(name)}, '{CONTROL_CHARACTERS}') else false end",
            "'holds a control character, a byte order mark or a byte the file encoding does not "
            "define'",
        )
    wet = _p("wet", extract) if "wet" in extract.column_names else "null"
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
            digits = _bsn_digits(col.name)
            problem(col.name, f"{n} is not null and {digits} is null", "'BSN is not 9 digits'")
            problem(
                col.name,
                f"{digits} is not null and not {_bsn_eleven_proof(digits)}",
                "'BSN fails the 11-proof'",
            )
        if col.pattern:
            problem(
                col.name,
                f"{n} is not null and not {_matches_pattern(n, col.pattern)}",
                f"'does not match the format {col.pattern}:'{_value_text(col)}",
            )
        list_name = code_list_for(col, extract)
        if list_name and CODE_LIST_SEEDS[list_name][2] is None:
            problem(
                col.name,
                f"{n} is not null and not {_member(n, code_list(list_name))}",
                f"'code not in code list {list_name}:'{_value_text(col)}",
            )
        elif list_name:
            # per wet its own list (WMO and JW are the wetten of these code lists)
            pairs = code_list_per_wet(list_name)
            per_wet = []
            for w in ("WMO", "JW"):
                codes = {code for pair_wet, code in pairs if pair_wet == w}
                per_wet.append(
                    f"when {wet} = {_q(w)} then "
                    + (f"not {_member(n, codes)}" if codes else "true")
                )
            problem(
                col.name,
                f"{n} is not null and case {' '.join(per_wet)} else false end",
                f"'code does not exist for wet ' || {wet} || ' in code list {list_name}:'"
                f"{_value_text(col)}",
                scope=None,
            )
    for earlier, later in extract.date_order:
        problem(
            later,
            f"{_p(later, extract)} < {_p(earlier, extract)}",
            f"'{later} lies before {earlier}'",
            scope=None,
        )
    for (extract_name, column), (other, value) in OPTIONAL_WHEN.items():
        if extract_name == extract.name:
            problem(
                column,
                f"{_n(column)} is null and {_n(other)} is distinct from {_q(value)}",
                f"'missing required value ({column} may only be empty with {other} {value})'",
                scope=None,
            )
    if extract.name in POSITIVE_AMOUNTS:
        amount = POSITIVE_AMOUNTS[extract.name]
        problem(
            amount,
            f"{_p(amount, extract)} < 0",
            f"'{amount} must be positive (use debet_credit C)'",
            scope=None,
        )
    return out


def _broken(rules: list[Rule]) -> str:
    """SQL: whether any of the rules is broken (a NULL condition counts as not broken)."""
    return " or ".join(f"coalesce({r.cond}, false)" for r in rules) or "false"


def problems_sql(extract: Extract, bsn_pseudonymised: bool) -> str:
    """The list of {field, reason} structs of the rules a row breaks, in column order."""
    cases = ", ".join(
        f"case when {r.cond} then {r.struct} end" for r in problem_rules(extract, bsn_pseudonymised)
    )
    return f"list_filter([{cases}], x -> x is not null)"


def _parsed_sql(extract: Extract, relation: str, keep: str, bsn_pseudonymised: bool) -> str:
    """A projection over `relation`, which holds the normalised text of every column and the
    columns in `keep`: those, the parsed values (p__<column>) and a BSN's digits (i__bsn),
    which the rules read."""
    parsed = "".join(
        f', {_parse_expr(c, _n(c.name))} as "p__{c.name}"' for c in extract.columns if _typed(c)
    )
    digits = "".join(
        f", case when {_n(c.name)} glob '{NINE_DIGITS_GLOB}' then cast({_n(c.name)} as integer) "
        f"end as {_bsn_digits(c.name)}"
        for c in extract.columns
        if c.kind == "bsn" and not bsn_pseudonymised
    )
    names = ", ".join(_n(c.name) for c in extract.columns)
    return f"select {keep}{names}{parsed}{digits} from {relation}"


def _fast_codes(list_name: str) -> list[str]:
    """The codes of a plain code list that are their own normalised form (all, in practice):
    a delivered value equal to one of them needs no normalisation."""
    how = CODE_NORMALISATION[list_name]
    out = []
    for code in sorted(code_list(list_name)):
        same = {
            "upper": code.upper() == code,
            "lower": code.lower() == code,
            "pad2": not (code.isdigit() and len(code) < 2),
        }.get(how, True)
        if same and code and code.isascii() and code.strip() == code:
            out.append(code)
    return out


def _identity_globs(column: Column) -> list[str] | None:
    """For a column with a format: GLOB patterns of the values that match the format and that
    normalisation leaves as they are; None when there are none to be had simply."""
    globs = pattern_globs(column.pattern) if column.pattern else None
    if not globs:
        return None
    if column.name in UPPER_CASE_COLUMNS:
        # a pattern of upper-case letters, digits, spaces and dashes only
        if any(
            re.search(
                r"[a-z]",
                re.sub(r"\[[^]]*\]", "", g)
                + "".join(re.findall(r"\[([^]]*)\]", g)).replace("A-Z", ""),
            )
            for g in globs
        ):
            return None
    elif column.name in ZERO_PADDED_COLUMNS:
        width = ZERO_PADDED_COLUMNS[column.name][1]
        if any(g != "[0-9]" * width for g in globs):
            return None
    return globs


def _fast_path(
    column: Column, extract: Extract, bsn_pseudonymised: bool, v: str, fp: str
) -> tuple[str | None, str | None]:
    """The fast path of a column: (SQL of its typed value from the delivered value `v`, or
    None; SQL of the condition, over `v` and that typed value `fp`, under which the delivered
    value is already its normalised value, `fp` is its parsed value, and no rule of this column
    alone is broken), or (None, None) when the column has no fast path. The condition is a
    shape (a GLOB, a code list) that only values needing no trim or other normalisation have;
    every other value takes the general path."""
    required = is_required(extract, column)

    def flag(condition: str) -> str:
        return condition if required else f"({v} is null or {condition})"

    list_name = code_list_for(column, extract)
    if column.kind == "date":
        parse = (
            f"case when {v} like '____-__-__' and {v} glob '{ISO_DATE_GLOB}' "
            f"then try_cast({v} as date) when {v} like '__-__-____' and "
            f"{v} glob '{DUTCH_DATE_GLOB}' then cast(try_strptime({v}, '%d-%m-%Y') as date) end"
        )
        return parse, flag(f"{fp} between date '{MIN_DATE}' and date '{MAX_DATE}'")
    if column.kind in ("decimal", "integer", "boolean"):
        return _parse_expr(column, v), flag(f"{v} is not null and {fp} is not null")
    if column.kind == "bsn":
        if bsn_pseudonymised:
            return None, None
        parse = f"case when {v} glob '{NINE_DIGITS_GLOB}' then cast({v} as integer) end"
        return parse, flag(_bsn_eleven_proof(fp))
    if list_name and CODE_LIST_SEEDS[list_name][2] is None:
        codes = _fast_codes(list_name)
        return None, (flag(_member(v, codes)) if codes else None)
    if list_name:
        # a code list keyed on wet: that rule reads wet too and is always checked; here only
        # whether the value is normalised already
        if CODE_NORMALISATION[list_name] != "pad2":
            return None, None
        return None, flag(f"{v} glob '[0-9][0-9]'")
    if column.pattern:
        globs = _identity_globs(column)
        if globs is None:
            return None, None
        return None, flag("(" + " or ".join(f"{v} glob {_q(g)}" for g in globs) + ")")
    if column.kind == "text":
        # printable ASCII without a space at either end: nothing to trim, no control character
        return None, flag(
            f"{v} <> '' and not starts_with({v}, ' ') and not ends_with({v}, ' ') "
            f"and not ({v} glob '*[! -~]*')"
        )
    return None, None


def _work_sql(
    extract: Extract, relation: str, bsn_pseudonymised: bool, keep_k: bool, fast: bool = True
) -> str:
    """One pass over the rows, stored once: per row the values as the raw table holds them
    (typed; the BSN normalised, not yet pseudonymised), `_ok` (no rule broken), for a row that
    breaks a rule the normalised text of every value (`_t`, a list in column order; else NULL),
    and how many free-text values had a BSN masked.

    Layered projections, so that each value is looked at once however many rules read it:
    (1) the delivered values and their fast typed values, (2) per column whether its fast path
    holds (f__<column>), (3) the normalised values: the delivered value itself on the fast path,
    else trimmed and normalised, (4) the parsed values, (5) `_ok`: per column its own rules,
    looked at only off the fast path, and the rules across columns for every row. Without
    `fast` every value takes the general path (what the tests compare the fast paths with)."""
    columns = extract.columns
    k = "_k, " if keep_k else ""
    fast = {
        c.name: _fast_path(c, extract, bsn_pseudonymised, f"d.{_n(c.name)}", f'd."fp__{c.name}"')
        if fast
        else (None, None)
        for c in columns
    }
    layer1 = "".join(
        f', {parse} as "fp__{name}"' for name, (parse, _) in fast.items() if parse is not None
    )
    layer2 = "".join(
        f', coalesce({cond}, false) as "f__{name}"'
        for name, (_, cond) in fast.items()
        if cond is not None
    )
    delivered = f"(select *{layer2} from (select *{layer1} from {relation} as d) as d) as d"

    def normalised(c: Column) -> str:
        general = _normalise_expr(
            c, extract, bsn_pseudonymised, f"nullif({_trimmed(f'd.{_n(c.name)}')}, '')"
        )
        if fast[c.name][1] is None:
            return general
        on_fast = (
            _normalise_expr(c, extract, bsn_pseudonymised, f"d.{_n(c.name)}")
            if c.role == "free_text"
            else f"d.{_n(c.name)}"
        )
        return f'case when d."f__{c.name}" then {on_fast} else {general} end'

    free_text = [c.name for c in columns if c.role == "free_text"]
    passed = "".join(
        f', d."{kind}__{c.name}"'
        for c in columns
        for kind in ("fp", "f")
        if fast[c.name][0 if kind == "fp" else 1] is not None
    ) + "".join(
        f', case when d."f__{name}" then d.{_n(name)} '
        f"else nullif({_trimmed(f'd.{_n(name)}')}, '') end as \"d__{name}\""
        if fast[name][1] is not None
        else f", nullif({_trimmed(f'd.{_n(name)}')}, '') as \"d__{name}\""
        for name in free_text
    )
    layer3 = (
        f"(select {'d._k, ' if keep_k else ''}"
        + ", ".join(f"{normalised(c)} as {_n(c.name)}" for c in columns)
        + f"{passed} from {delivered})"
    )

    def parsed(c: Column) -> str:
        general = _parse_expr(c, _n(c.name))
        if fast[c.name][0] is None:
            return general
        return f'case when "f__{c.name}" then "fp__{c.name}" else {general} end'

    layer4_parsed = "".join(f', {parsed(c)} as "p__{c.name}"' for c in columns if _typed(c))

    def digits(c: Column) -> str:
        on_fast = f'when "f__{c.name}" then "fp__{c.name}" ' if fast[c.name][1] else ""
        return (
            f"case {on_fast}when {_n(c.name)} glob '{NINE_DIGITS_GLOB}' "
            f"then cast({_n(c.name)} as integer) end"
        )

    layer4_digits = "".join(
        f", {digits(c)} as {_bsn_digits(c.name)}"
        for c in columns
        if c.kind == "bsn" and not bsn_pseudonymised
    )
    masked = (
        " + ".join(
            f'case when "d__{name}" is distinct from {_n(name)} then 1 else 0 end'
            for name in free_text
        )
        or "0"
    )
    layer4 = f"(select *{layer4_parsed}{layer4_digits}, {masked} as _bsn_screened from {layer3})"
    rules = problem_rules(extract, bsn_pseudonymised)
    registratiedatum = extract.column("registratiedatum")
    # the repeated header line is left out: it never breaks that rule alone, as its
    # registratiedatum (a required date in every extract) is no date
    assert registratiedatum.kind == "date" and is_required(extract, registratiedatum)
    broken = []
    for c in columns:
        own = [r for r in rules if r.scope == c.name]
        if not own:
            continue
        if fast[c.name][1] is None:
            broken.append(f"({_broken(own)})")
        else:
            broken.append(f'case when "f__{c.name}" then false else ({_broken(own)}) end')
    broken.append(f"({_broken([r for r in rules if r.scope is None])})")
    layer5 = f"(select *, not ({' or '.join(broken)}) as _ok from {layer4})"
    stored = ", ".join(f'{_p(c.name, extract)} as "{c.name}"' for c in columns)
    text = ", ".join(_n(c.name) for c in columns)
    screened = ", _bsn_screened" if free_text else ""
    return (
        f"select {k}{stored}, _ok, case when not _ok then [{text}] end as _t{screened}, "
        f"{values_hash_sql(extract, {c.name: _p(c.name, extract) for c in columns})} as _h "
        f"from {layer5}"
    )


def _has_free_text(extract: Extract) -> bool:
    return any(c.role == "free_text" for c in extract.columns)


def values_hash_sql(extract: Extract, refs: dict[str, str]) -> str:
    """A 64-bit hash of a row's typed values but the BSN (column _h of the working table). With
    the BSN's pseudonym it makes the row hash (row_hash_sql); with the BSN the key of the
    search for rows repeated in a file. Never a hash of the BSN with the other values alone:
    whoever knows those values could find the BSN by trying every one."""
    return "hash(" + ", ".join(refs[c.name] for c in extract.columns if c.kind != "bsn") + ")"


def _screen_identifiers(
    con: duckdb.DuckDBPyConnection,
    extract: Extract,
    work: str,
    cache: PseudonymCache,
    bsn_pseudonymised: bool,
) -> tuple[list[str], int]:
    """An identifier that is a BSN (the whole value a number passing the 11-proof) becomes the
    BSN's pseudonym, so a key built from a BSN never lands in clear and joins still match. Per
    such column a temp table <work>_id_<column> (waarde, pseudonym) is kept for the
    quarantine. Returns the columns screened and how many values were replaced. A pattern
    first, the 11-proof only where it matches: one cheap scan of each identifier column."""
    if bsn_pseudonymised:
        return [], 0  # rows back from quarantine were screened when first loaded
    found: list[str] = []
    replaced = 0
    for col in (c.name for c in extract.columns if c.role == "identifier"):
        rows = con.execute(
            f"select distinct \"{col}\", sdw_bsn9(regexp_replace(\"{col}\", '[^0-9]', '', 'g')) "
            f'from {work} where ascii("{col}") between 48 and 57 '
            f"and regexp_full_match(\"{col}\", '[0-9][0-9 .-]{{6,12}}') "
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
        ids = f"{work}_id_{col}"  # per file: two files may screen a column of the same name
        con.register(f"{ids}_arrow", arrow)
        con.execute(f"create or replace temp table {ids} as select * from {ids}_arrow")
        con.unregister(f"{ids}_arrow")
        row = con.execute(
            f'update {work} set "{col}" = {ids}.pseudonym from {ids} '
            f'where {work}."{col}" = {ids}.waarde'
        ).fetchone()
        replaced += int(row[0]) if row else 0
        found.append(col)
    return found, replaced


def check(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    cache: PseudonymCache,
    bsn_pseudonymised: bool = False,
) -> Checked:
    """Validate the rows of a source in one pass into the working table `<name>_w` (see
    _work_sql), then work out the problems of the rows that break a rule (`<name>_w_bad`: _k,
    problems, bad_values). With bsn_pseudonymised (rows back from quarantine) the bsn column
    holds the pseudonym already."""
    work = f"{source.name}_w"
    extract = source.extract
    for _attempt in range(5):
        try:
            con.execute(
                f"create or replace temp table {work} as "
                f"{_work_sql(extract, source.relation(con), bsn_pseudonymised, source.keeps_k)}"
            )
        except duckdb.Error:
            if source.rewrite_line_ends():
                continue  # the reader was thrown by mixed line ends: read the copy
            raise
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
    row = con.execute(
        f"select count(*), count(*) filter (where _ok), "
        f"{'coalesce(sum(_bsn_screened), 0)' if _has_free_text(extract) else '0'} from {work}"
    ).fetchone()
    assert row is not None
    rows, valid, masked = int(row[0]), int(row[1]), int(row[2])
    (malformed_rows,) = con.execute(f"select count(*) from {source.malformed}").fetchone() or (0,)
    parts = []
    if rows > valid:
        # the rows that break a rule: their problems, worked out again from their normalised
        # text (usually few rows)
        values = ", ".join(f'w._t[{i}] as "{c.name}"' for i, c in enumerate(extract.columns, 1))
        bad = f"(select {source.k_sql('w')} as _k, {values} from {work} as w where not w._ok)"
        struct = ", ".join(f"'{c.name}': {_n(c.name)}" for c in extract.columns)
        con.execute(
            f"create or replace temp table {work}_bad as select _k, "
            f"{problems_sql(extract, bsn_pseudonymised)} as problems, {{{struct}}} as bad_values "
            f"from ({_parsed_sql(extract, bad, '_k, ', bsn_pseudonymised)})"
        )
        # per (field, rule): the rows breaking it and the first of them (its number in the file)
        first, first_join = source.row_number_sql("x._first")
        parts.append(
            f"select x.field, x.regel, x.rijen, {first} from (select p.field as field, "
            "split_part(p.reason, ':', 1) as regel, count(distinct _k) as rijen, "
            f"min(_k) as _first from (select _k, unnest(problems) as p from {work}_bad) "
            f"group by all) as x {first_join}"
        )
    if malformed_rows:
        parts.append(
            f"select '*', reason, count(*), min(row_number) from {source.malformed} group by all"
        )
    profile = (
        [
            (str(f), str(r), int(k), int(n))
            for f, r, k, n in con.execute(
                " union all ".join(parts) + " order by 4, 1, 2"
            ).fetchall()
        ]
        if parts
        else []
    )
    return Checked(
        table=work,
        rows=rows + int(malformed_rows),
        valid=valid,
        quarantined=rows - valid + int(malformed_rows),
        bsn_screened=masked + replaced,
        profile=profile,
        screened=screened,
        bad_rows=rows - valid,
        malformed_rows=int(malformed_rows),
    )


def pseudonymise_bsns(
    con: duckdb.DuckDBPyConnection,
    checked: Checked,
    extract: Extract,
    cache: PseudonymCache,
    bsn_pseudonymised: bool = False,
) -> str:
    """A temp table (bsn, pseudonym) for every BSN value of the file (valid or not: the
    quarantine shows a wrong BSN as its pseudonym too); returns its name."""
    table = f"{checked.table}_pseudo"
    bsn = next((c.name for c in extract.columns if c.kind == "bsn"), None)
    values = (
        f'select distinct "{bsn}" from {checked.table} where "{bsn}" is not null'
        if bsn
        else "select cast(null as varchar) where false"
    )
    if bsn_pseudonymised:
        con.execute(
            f"create or replace temp table {table} as select bsn, bsn as pseudonym "
            f"from ({values}) as v(bsn)"
        )
    else:
        cache.create_table(con, table, values)
    return table


ROW_HASH_MASK = (1 << 63) - 1  # the hash's low 63 bits fit a BIGINT


def row_hash_sql(extract: Extract, values_hash: str, pseudonym: str) -> str:
    """The row hash (_row_hash): a hash of the row's typed values with the BSN as its pseudonym
    (never in clear), as a BIGINT (63 bits: PostgreSQL and Spark have no unsigned type). It
    identifies a row for whoever looks; exact duplicates are found by comparing the values
    themselves (ingest.load.insert_valid_rows). A number rather than its 16 hexadecimal digits:
    a unique text is the costliest column DuckDB writes (at 1M inhabitants about 1 s of the 9.2
    million declaraties' insert, 3-4 % of the load). A raw table created by an earlier loader
    keeps its text column (an md5, later the hash in hexadecimal) and gets the number as text."""
    hashed = (
        f"hash({values_hash}, {pseudonym})"
        if any(c.kind == "bsn" for c in extract.columns)
        else values_hash
    )
    return f"cast({hashed} & {ROW_HASH_MASK} as bigint)"


def valid_rows_sql(extract: Extract, checked: Checked, pseudo: str, source: Source) -> str:
    """The valid rows, typed as the raw table wants them (the BSN as its pseudonym), with _k
    (their place among the rows read), _row_number and _row_hash."""
    bsn = next((c.name for c in extract.columns if c.kind == "bsn"), None)
    typed = ", ".join(
        f'ps.pseudonym as "{c.raw_name}"' if c.kind == "bsn" else f'w."{c.name}"'
        for c in extract.columns
    )
    k = source.k_sql("w")
    number, number_join = source.row_number_sql(k)
    join = f'join {pseudo} as ps on ps.bsn = w."{bsn}"' if bsn else ""
    return (
        f"select {typed}, {k} as _k, {number} as _row_number, "
        f"{row_hash_sql(extract, 'w._h', 'ps.pseudonym')} as _row_hash "
        f"from {checked.table} as w {join} {number_join} where w._ok"
    )


def quarantine_rows_sql(extract: Extract, checked: Checked, pseudo: str, source: Source) -> str:
    """The quarantined rows: row_number, first failing field and reason, every problem, and the
    row's values (BSN as its pseudonym, any BSN elsewhere masked); rows that could not be split
    into fields are there too, without values. Empty SQL when there are none."""
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
        f' left join {checked.table}_id_{c} as id_{c} on w.bad_values."{c}" = id_{c}.waarde'
        for c in checked.screened
    )
    parts = []
    if checked.bad_rows:
        parts.append(
            f"select {number} as row_number, w.problems[1].field as field, "
            "w.problems[1].reason as reason, cast(to_json(w.problems) as varchar) as problems, "
            f"cast(to_json({{{values}}}) as varchar) as row_values "
            f"from {checked.table}_bad as w {join} {number_join}"
        )
    if checked.malformed_rows:
        parts.append(
            f"select row_number, '*' as field, reason, '[]' as problems, '{{}}' as row_values "
            f"from {source.malformed}"
        )
    return " union all ".join(parts)
