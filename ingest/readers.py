"""Reading delivered files with DuckDB's own readers, whatever their real-world dialect: CSV
(UTF-8 with or without BOM, or Windows-1252; separator ';' or ','; a header row; line ends \\n,
\\r\\n or even mixed) or Parquet with the same columns.

A source is a relation DuckDB streams, on every core, straight into the validation
(ingest/validate.py): `_k`, the row's place among the rows read, and one text column per contract
column. No row is held in Python, and in the common case no copy of the file is made. After the
read, the rows that could not be split into the header's fields (wrong field count, an
unterminated quote, invalid UTF-8, a row over the size limit) are known with their row number and
reason, and so is every row's number as a user sees it when opening the file (the header is
row 1; blank lines and rows that could not be split keep their numbers, as in Excel).

Python reads the header line, hashes the file (in a thread, while DuckDB reads), and copies a file
only when it must: transcoded from Windows-1252, line ends made uniform, or the rest of a file
read again after an unterminated quote (DuckDB would read on inside one value).
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import os
import re
import shutil
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np

from ingest.contract import EXTRACTS, Extract, mask_bsns

CHUNK = 1 << 22
# DuckDB's limit on one row of a CSV file (bytes); a longer row is quarantined, not the file
MAX_LINE_BYTES = 4 << 20
# skipped records (malformed rows, blank lines) up to which row numbers are computed without a join
INLINE_STEPS = 64
REJECT_REASONS = {
    "MISSING COLUMNS": "row has fewer fields than the header",
    "TOO MANY COLUMNS": "row has more fields than the header",
    "UNQUOTED VALUE": "a quote is opened in this row and never closed",
    "LINE SIZE OVER MAXIMUM": f"row is longer than {MAX_LINE_BYTES >> 20} MB",
    "INVALID ENCODING": "row is not valid UTF-8 text",
    "INVALID STATE": "row cannot be read as CSV",
}
_executor = ThreadPoolExecutor(max_workers=3, thread_name_prefix="sdw-read")


class DeliveryError(Exception):
    """A delivery (or one of its files) cannot be read or accepted at all; nothing is loaded."""


def q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def extract_for_file(path: Path) -> Extract | None:
    """The extract a file belongs to, from its name (beschikkingen*.csv, ...), or None."""
    name = path.name.lower()
    if not name.endswith((".csv", ".parquet", ".txt")):
        return None
    for extract_name, extract in EXTRACTS.items():
        if name.startswith(extract_name):
            return extract
    return None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            digest.update(chunk)  # hashlib releases the GIL: this runs beside DuckDB
    return digest.hexdigest()


def _normalise_header(names: list[str]) -> list[str]:
    return [n.strip().lstrip("\ufeff").strip().lower() for n in names]


def sniff_separator(header_line: str, extract: Extract) -> str:
    """';' or ',': whichever splits the header into more of the contract's column names."""
    known = set(extract.column_names)
    best, best_hits = ";", -1
    for sep in (";", ","):
        names = _normalise_header(next(csv.reader([header_line], delimiter=sep)))
        hits = sum(1 for n in names if n in known)
        if hits > best_hits:
            best, best_hits = sep, hits
    return best


def _listed(names: list[str], most: int = 6) -> str:
    """Names for a message: the first few, then how many more."""
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def printable(text: str, length: int = 60) -> str:
    """A delivered text for a message: at most `length` characters, control characters shown as
    '?', BSNs masked."""
    start = "".join(ch if ch.isprintable() else "?" for ch in text[:length])
    return mask_bsns(start) + ("..." if len(text) > length else "")


def _quoted_start(text: str, length: int = 60) -> str:
    return "'" + printable(text, length) + "'"


def map_columns(
    header: list[str], extract: Extract, filename: str, header_text: str | None = None
) -> tuple[dict[str, int], list[str]]:
    """Position of every contract column in the header; refuses a column twice, missing columns
    and columns the contract does not have (named, row 1; the delivery is refused whole)."""
    names = _normalise_header(header)
    positions: dict[str, int] = {}
    for pos, name in enumerate(names):
        if name in positions:
            raise DeliveryError(
                f"{filename} row 1: column '{mask_bsns(name)}' appears twice in the header"
            )
        positions[name] = pos
    missing = [c for c in extract.column_names if c not in positions]
    if missing and len(missing) == len(extract.column_names):
        shown = header_text if header_text is not None else ",".join(header)
        raise DeliveryError(
            f"{filename} row 1: missing column(s) {_listed(missing, 3)}: the header holds none of "
            f"the {extract.name} contract's columns (separator ';' or ',', text in UTF-8 or "
            f"Windows-1252?); it starts {_quoted_start(shown)}"
        )
    if missing:
        raise DeliveryError(
            f"{filename} row 1: missing column(s) {_listed(missing)} "
            f"(the {extract.name} contract has {len(extract.column_names)} columns, "
            "see docs/raw-extracts.md)"
        )
    extra = [n for n in names if n not in extract.column_names]
    if extra:
        raise DeliveryError(
            f"{filename} row 1: unexpected column(s): "
            f"{_listed([printable(n, 40) for n in extra])} "
            f"(not in the {extract.name} contract, see docs/raw-extracts.md)"
        )
    return {c: positions[c] for c in extract.column_names}, extra


def _header(path: Path) -> tuple[str, int, bool]:
    """The header line as text, the bytes it takes (BOM and line end included), whether a
    UTF-8 BOM starts the file."""
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    bom = head.startswith(b"\xef\xbb\xbf")
    body = head[3:] if bom else head
    end, length = len(body), 0
    for terminator in (b"\r\n", b"\n", b"\r"):
        pos = body.find(terminator)
        if pos != -1 and pos < end:
            end, length = pos, len(terminator)
    raw = body[:end]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return text, (3 if bom else 0) + end + length, bom


def _mixed_line_ends(path: Path) -> bool:
    """Whether a file ends its lines otherwise than all with \\n or all with \\r\\n (DuckDB's
    strict reader fails on a mix, and on lone \\r)."""
    return _scan(path, 0).mixed


@dataclass
class _Scanned:
    """What one read of a file tells (see _scan)."""

    sha256: str
    mixed: bool  # line ends not all \n nor all \r\n (see _mixed_line_ends)
    maybe_blank: bool  # an empty line after the header may exist (exactly: _blank_lines)


def _scan(path: Path, skip_bytes: int) -> _Scanned:
    """One read of a file for everything the loader wants of its bytes: the SHA-256 of its
    content, whether its line ends are mixed, and whether an empty line may follow the header
    (the bytes from skip_bytes on hold \\n\\n or \\n\\r\\n, or start with \\n or \\r\\n; a line
    of one character counts too, so the answer errs only towards looking again).

    hashlib releases the GIL, and numpy finds the line ends at memory speed, so the read runs
    beside DuckDB's at a fraction of the cost of counting line ends with bytes.count."""
    digest = hashlib.sha256()
    cr_total = lf_total = crlf_total = 0
    last = -1  # the previous chunk's last byte
    offset = 0  # of the current chunk in the file
    prev_lf = -3  # offset of the last \n seen at or after skip_bytes
    maybe_blank = False
    with path.open("rb") as fh:
        fh.seek(skip_bytes)
        if fh.read(2).startswith((b"\n", b"\r\n")):
            maybe_blank = True
        fh.seek(0)
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            digest.update(chunk)
            data = np.frombuffer(chunk, dtype=np.uint8)
            lf = np.flatnonzero(data == 10)
            cr = np.flatnonzero(data == 13)
            cr_total += len(cr)
            lf_total += len(lf)
            if len(cr):
                inner = cr[cr < len(data) - 1]
                crlf_total += int(np.count_nonzero(data[inner + 1] == 10))
            if last == 13 and data[0] == 10:
                crlf_total += 1
            if not maybe_blank and len(lf):
                ends = lf + offset
                ends = ends[ends >= skip_bytes]
                if len(ends):
                    gaps = np.diff(ends, prepend=prev_lf)
                    maybe_blank = bool(np.any(gaps <= 2))
                    prev_lf = int(ends[-1])
            last = int(data[-1])
            offset += len(chunk)
    mixed = cr_total > 0 and not (cr_total == crlf_total == lf_total)
    return _Scanned(digest.hexdigest(), mixed, maybe_blank)


def _blank_lines(path: Path, skip_bytes: int) -> list[int]:
    """Line numbers (header = 1) of the empty lines after the header. Rare, so only listed when
    the file may hold an empty line at all (_scan)."""
    if not _scan(path, skip_bytes).maybe_blank:
        return []
    return _list_blank_lines(path, skip_bytes)


def _list_blank_lines(path: Path, skip_bytes: int) -> list[int]:
    out = []
    with path.open("rb") as fh:
        fh.seek(skip_bytes)
        for number, line in enumerate(fh, start=2):
            if not line.strip(b"\r\n"):
                out.append(number)
    return out


def _scan_beside(
    path: Path, skip_bytes: int
) -> tuple[Future[str], Future[list[int]], Future[bool]]:
    """Futures of a file's content hash, its empty lines and whether its line ends are mixed,
    from one read of the file (_scan) in a thread, beside DuckDB's read."""
    hashed: Future[str] = Future()
    blank: Future[list[int]] = Future()
    mixed: Future[bool] = Future()

    def run() -> None:
        try:
            scanned = _scan(path, skip_bytes)
        except BaseException as exc:
            for future in (hashed, blank, mixed):
                future.set_exception(exc)
            return
        hashed.set_result(scanned.sha256)
        mixed.set_result(scanned.mixed)
        try:
            blank.set_result(_list_blank_lines(path, skip_bytes) if scanned.maybe_blank else [])
        except BaseException as exc:
            blank.set_exception(exc)

    _executor.submit(run)
    return hashed, blank, mixed


def _rewrite(path: Path, workdir: Path, cp1252: bool) -> Path:
    """A copy of a file with every line end \\n (a file mixing \\r\\n, \\n and \\r), and, for a
    Windows-1252 file, transcoded to UTF-8 (bytes it does not define become U+FFFD, which the
    validation quarantines)."""
    out = workdir / f"{path.name}.{'utf8' if cp1252 else 'lf'}.csv"
    carry = b""
    with path.open("rb") as src, out.open("wb") as dst:
        for chunk in iter(lambda: src.read(CHUNK), b""):
            data = carry + chunk
            carry = b""
            if data.endswith(b"\r"):
                data, carry = data[:-1], b"\r"
            data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
            if cp1252:
                data = data.decode("cp1252", errors="replace").encode("utf-8")
            dst.write(data)
        if carry:
            dst.write(b"\n")
    return out


def _copy_part(path: Path, header: bytes, start: int, stop: int | None, out: Path) -> Path:
    """A copy of the file's header and its bytes from start up to stop (None: to the end)."""
    with path.open("rb") as src, out.open("wb") as dst:
        dst.write(header)
        src.seek(start)
        if stop is None:
            shutil.copyfileobj(src, dst, CHUNK)
        else:
            remaining = stop - start
            while remaining > 0:
                chunk = src.read(min(CHUNK, remaining))
                if not chunk:
                    break
                dst.write(chunk)
                remaining -= len(chunk)
    return out


@dataclass
class Source:
    """A delivered file as DuckDB reads it. `relation()` is the SQL of the rows (one text
    column per contract column, in the file's order); once it has been read, `after_read()`
    collects the rows that could not be split (temp table `malformed`: row_number, reason) and
    the steps that turn a row's place (`k_sql`) into its number (`row_number_sql`)."""

    path: Path
    extract: Extract
    name: str
    file_format: str
    positions: dict[str, int]
    extra_columns: list[str]
    workdir: Path
    separator: str | None = None
    encoding: str | None = None
    bom: bool = False
    width: int = 0
    readable: Path | None = None  # the file DuckDB reads (a copy when one was needed)
    materialised: bool = False  # read into {name}_src, in parts (after a broken quote)
    hash_future: Future[str] | None = None
    blank_future: Future[list[int]] | None = None
    mixed_future: Future[bool] | None = None  # whether line ends are mixed (then a copy is read)
    invalid_encoding: int = 0  # rows DuckDB found not UTF-8
    # the steps of the row numbers (geldig_ervoor, aantal; last first) when they are few
    step_rows: list[tuple[int, int]] | None = None
    _parquet_types: dict[str, str] = field(default_factory=dict)

    @property
    def file_hash(self) -> str:
        assert self.hash_future is not None
        return self.hash_future.result()

    @property
    def malformed(self) -> str:
        return f"{self.name}_malformed"

    @property
    def steps(self) -> str:
        return f"{self.name}_stappen"

    def _csv_call(self, path: Path, reject: str) -> str:
        columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(self.width))
        return (
            f"read_csv({q(str(path))}, header = true, delim = '{self.separator}', quote = '\"', "
            f"escape = '\"', columns = {{{columns}}}, auto_detect = false, strict_mode = true, "
            f"null_padding = false, encoding = 'utf-8', max_line_size = {MAX_LINE_BYTES}, "
            f"store_rejects = true, rejects_table = '{reject}_errors', "
            f"rejects_scan = '{reject}_scans')"
        )

    def _drop_rejects(self, con: duckdb.DuckDBPyConnection, reject: str) -> None:
        """DuckDB appends to a rejects table that exists: start each read with none."""
        for suffix in ("_errors", "_scans"):
            con.execute(f"drop table if exists {reject}{suffix}")

    def relation(self, con: duckdb.DuckDBPyConnection) -> str:
        """SQL of the rows as a relation: "<contract column>" per column, in the file's order."""
        named = ", ".join(f'c{pos} as "{col}"' for col, pos in self.positions.items())
        if self.file_format == "parquet":
            return self._parquet_relation()
        if self.materialised:
            return f"(select {named} from {self.name}_src order by _k)"
        self._drop_rejects(con, f"{self.name}_r")
        assert self.readable is not None
        return f"(select {named} from {self._csv_call(self.readable, f'{self.name}_r')})"

    def _parquet_relation(self) -> str:
        def as_text(column: str, kind: str) -> str:
            ref = f'"{column}"'
            if kind.startswith("TIMESTAMP"):
                ref = f"cast({ref} as date)"
            if kind in ("FLOAT", "DOUBLE"):
                # an amount written as a binary float: 0.1 + 0.2 is 0.30000000000000004, which
                # is meant as 0.30; a float further than that from a whole cent keeps its text
                # (and fails the decimal rule), as do NaN and infinity
                return (
                    f"coalesce(case when abs({ref} - round({ref}, 2)) < 1e-6 then "
                    f"cast(try_cast(round({ref}, 2) as decimal(18, 2)) as varchar) end, "
                    f"cast({ref} as varchar))"
                )
            return f"cast({ref} as varchar)"

        header = list(self._parquet_types)
        named = ", ".join(
            f'{as_text(header[pos], self._parquet_types[header[pos]])} as "{col}"'
            for col, pos in self.positions.items()
        )
        return (
            f"(select row_number() over () as _k, {named} from read_parquet({q(str(self.path))}))"
        )

    def after_read(self, con: duckdb.DuckDBPyConnection) -> str:
        """After the relation was read: 'ok' (finished), 'again' (mixed line ends: read the
        relation again, now from a copy), 'parts' (an unterminated quote: the file was read
        again in parts, read the relation again), or 'encoding?' (bytes that are
        not UTF-8: the caller decides between a UTF-8 file with broken rows, then `finish`, and
        a Windows-1252 file, then `switch_to_cp1252` and read again)."""
        if self.file_format == "parquet":
            con.execute(
                f"create or replace temp table {self.malformed} (row_number bigint, reason varchar)"
            )
            con.execute(
                f"create or replace temp table {self.steps} (geldig_ervoor bigint, aantal bigint)"
            )
            self.step_rows = []
            return "ok"
        if self.rewrite_line_ends():
            return "again"
        if not self.materialised:
            con.execute(
                f"create or replace temp table {self.name}_rej as select distinct on (line) "
                f"line, line_byte_position, cast(error_type as varchar) as error_type "
                f"from {self.name}_r_errors"
            )
            (broken,) = con.execute(
                f"select count(*) from {self.name}_rej where error_type = 'UNQUOTED VALUE'"
            ).fetchone() or (0,)
            if broken:
                self._read_parts(con)
                self.materialised = True
                return "parts"
        (invalid,) = con.execute(
            f"select count(*) from {self.name}_rej where error_type = 'INVALID ENCODING'"
        ).fetchone() or (0,)
        self.invalid_encoding = int(invalid)
        if invalid and not self.bom and self.encoding != "cp1252":
            return "encoding?"
        self.finish(con)
        return "ok"

    def rewrite_line_ends(self) -> bool:
        """When the file mixes its line ends (found beside the first read), read a copy with
        every line end \\n instead (DuckDB's strict reader is thrown by a mix); True when the
        relation must be read again."""
        if self.mixed_future is None or self.readable != self.path or self.materialised:
            return False
        if not self.mixed_future.result():
            return False
        self.readable = _rewrite(self.path, self.workdir, cp1252=False)
        return True

    def switch_to_cp1252(self, con: duckdb.DuckDBPyConnection) -> None:
        """Read the file again as Windows-1252 (through a UTF-8 copy)."""
        self.encoding = "cp1252"
        self.readable = _rewrite(self.path, self.workdir, cp1252=True)
        self.materialised = False

    def finish(self, con: duckdb.DuckDBPyConnection) -> None:
        """The row numbers and the malformed rows, once the file is read as it will be."""
        assert self.blank_future is not None
        con.execute(
            f"create or replace temp table {self.name}_overgeslagen as "
            f"select line as regel from {self.name}_rej "
            f"union select unnest(?::bigint[]) as regel",
            [self.blank_future.result()],
        )
        # per skipped record: the rows read before it and the records skipped up to it; a row
        # read as the k-th is record k + 1 + (records skipped before it)
        con.execute(
            f"create or replace temp table {self.steps} as select geldig_ervoor, "
            f"max(aantal) as aantal from (select regel - 1 - row_number() over (order by regel) "
            f"as geldig_ervoor, row_number() over (order by regel) as aantal "
            f"from {self.name}_overgeslagen) group by geldig_ervoor"
        )
        (steps,) = con.execute(f"select count(*) from {self.steps}").fetchone() or (0,)
        self.step_rows = (
            [
                (int(g), int(n))
                for g, n in con.execute(
                    f"select geldig_ervoor, aantal from {self.steps} order by geldig_ervoor desc"
                ).fetchall()
            ]
            if steps <= INLINE_STEPS
            else None
        )
        reasons = " ".join(
            f"when first(error_type) = {q(k)} then {q(v)}" for k, v in REJECT_REASONS.items()
        )
        con.execute(
            f"create or replace temp table {self.malformed} as "
            f"select line as row_number, case {reasons} else 'row cannot be read as CSV' end "
            f"as reason from {self.name}_rej group by line"
        )

    keeps_k = False  # the relation carries no row place of its own: the position counts
    rowid_base = 0  # the rowid of the working table's first row (set once it is stored)

    def k_sql(self, alias: str) -> str:
        """The row's place among the rows read (1, 2, ...) in the working table: its position,
        since DuckDB keeps the file's order when it stores the rows (insertion order), and
        numbers the rows it appends one after another (from a base inside a transaction)."""
        return f"({alias}.rowid - {self.rowid_base} + 1)"

    def row_number_sql(self, k: str) -> tuple[str, str]:
        """(expression, join) giving the row number of the row read as `k`: k + 1 (the header)
        + the records skipped before it. A few steps (the usual case: none) are written into
        the expression; many are an ASOF join on the steps table, which sorts every row."""
        if self.step_rows is not None:
            skipped = " ".join(f"when {k} > {g} then {n}" for g, n in self.step_rows)
            return (
                f"cast({k} + 1 + {f'case {skipped} else 0 end' if skipped else '0'} as bigint)",
                "",
            )
        join = f"asof left join {self.steps} as sdw_st on {k} > sdw_st.geldig_ervoor"
        return f"cast({k} + 1 + coalesce(sdw_st.aantal, 0) as bigint)", join

    def _read_parts(self, con: duckdb.DuckDBPyConnection) -> None:
        """Read the file in parts into {name}_src: after an unterminated quote DuckDB reads on
        inside one value; so the part before the broken row is read on its own, the broken row
        is quarantined, and the rest of the file is read as a new part. No row is lost."""
        assert self.readable is not None
        header_bytes = _header(self.readable)[1]
        with self.readable.open("rb") as fh:
            header = fh.read(header_bytes)
        cols = ", ".join(f"c{i}" for i in range(self.width))
        con.execute(
            f"create or replace temp table {self.name}_src (_k bigint, "
            + ", ".join(f"c{i} varchar" for i in range(self.width))
            + ")"
        )
        con.execute(
            f"create or replace temp table {self.name}_rej (line bigint, "
            "line_byte_position bigint, error_type varchar)"
        )
        current, offset, part = self.readable, 0, 0
        while True:
            reject = f"{self.name}_p{part}"
            (before,) = con.execute(f"select count(*) from {self.name}_src").fetchone() or (0,)
            insert = (
                f"insert into {self.name}_src select {before} + row_number() over (), {cols} from "
            )
            self._drop_rejects(con, reject)
            con.execute(insert + self._csv_call(current, reject))
            broken = con.execute(
                f"select line, line_byte_position from {reject}_errors "
                "where error_type = 'UNQUOTED VALUE' order by line limit 1"
            ).fetchone()
            if broken is None:
                con.execute(
                    f"insert into {self.name}_rej select distinct on (line) line + {offset}, "
                    f"line_byte_position, cast(error_type as varchar) from {reject}_errors"
                )
                return
            stop, position = int(broken[0]), int(broken[1])
            con.execute(f"delete from {self.name}_src where _k > {before}")
            head = _copy_part(
                current,
                header,
                len(header),
                position,
                self.workdir / f"{self.path.name}.part{part}.csv",
            )
            self._drop_rejects(con, reject + "h")
            con.execute(insert + self._csv_call(head, reject + "h"))
            con.execute(
                f"insert into {self.name}_rej select distinct on (line) line + {offset}, "
                f"line_byte_position, cast(error_type as varchar) from {reject}h_errors "
                f"union all select {stop + offset}, {position}, 'UNQUOTED VALUE'"
            )
            with current.open("rb") as fh:
                fh.seek(position)
                fh.readline()
                rest_start = fh.tell()
            offset += stop - 1
            part += 1
            current = _copy_part(
                current, header, rest_start, None, self.workdir / f"{self.path.name}.rest{part}.csv"
            )


# byte order marks of encodings the contract does not allow (UTF-32 first: it starts like UTF-16)
FOREIGN_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _refuse_foreign_text(path: Path) -> None:
    """Refuse a file that is not UTF-8 or Windows-1252 text at all: UTF-16 or UTF-32 (what Excel
    saves as 'Unicode text'), or NUL bytes in the first line (UTF-16 without a byte order mark,
    a spreadsheet or archive renamed to .csv). Read as UTF-8 such a file would only show
    missing columns; the message says what it is."""
    with path.open("rb") as fh:
        head = fh.read(1 << 12)
    for bom, encoding in FOREIGN_BOMS:
        if head.startswith(bom):
            raise DeliveryError(
                f"{path.name} row 1: the file is {encoding} text; deliver CSV in UTF-8 or "
                "Windows-1252 (in Excel: save as 'CSV UTF-8')"
            )
    if b"\x00" in head.split(b"\n", 1)[0]:
        raise DeliveryError(
            f"{path.name} row 1: the header holds NUL bytes: not a CSV file in UTF-8 or "
            "Windows-1252 (UTF-16 text, or a spreadsheet or archive with a .csv name?)"
        )


def open_csv(path: Path, extract: Extract, name: str, workdir: Path) -> Source:
    _refuse_foreign_text(path)
    header_text, header_bytes, bom = _header(path)
    if not header_text.strip():
        raise DeliveryError(f"{path.name} row 1: the file is empty (no header row)")
    sep = sniff_separator(header_text, extract)
    try:
        header = next(csv.reader([header_text], delimiter=sep))
    except csv.Error as exc:
        raise DeliveryError(f"{path.name} row 1: unreadable header ({exc})") from exc
    positions, extra = map_columns(header, extract, path.name, header_text)
    scanned = _scan_beside(path, header_bytes)
    return Source(
        path=path,
        extract=extract,
        name=name,
        file_format="csv",
        positions=positions,
        extra_columns=extra,
        workdir=workdir,
        separator=sep,
        encoding="utf-8-sig" if bom else "utf-8",
        bom=bom,
        width=len(header),
        readable=path,
        # the hash, the empty lines and the line ends from one read beside DuckDB's; a file
        # whose line ends are mixed is read again from a copy (rare)
        hash_future=scanned[0],
        blank_future=scanned[1],
        mixed_future=scanned[2],
    )


def open_parquet(
    con: duckdb.DuckDBPyConnection, path: Path, extract: Extract, name: str, workdir: Path
) -> Source:
    try:
        described = con.execute(f"describe select * from read_parquet({q(str(path))})").fetchall()
    except duckdb.Error as exc:
        # DuckDB's first line says why, without the query it quotes after it; no full path
        why = str(exc).splitlines()[0].replace(str(path), path.name)[:200]
        raise DeliveryError(f"{path.name}: not a readable Parquet file ({why})") from None
    header = [str(r[0]) for r in described]
    positions, extra = map_columns(header, extract, path.name)
    source = Source(
        path=path,
        extract=extract,
        name=name,
        file_format="parquet",
        positions=positions,
        extra_columns=extra,
        workdir=workdir,
        hash_future=_executor.submit(file_sha256, path),
    )
    source._parquet_types = {str(r[0]): str(r[1]).upper() for r in described}
    return source


def open_file(
    con: duckdb.DuckDBPyConnection, path: Path, extract: Extract, name: str, workdir: Path
) -> Source:
    if path.suffix.lower() == ".parquet":
        return open_parquet(con, path, extract, name, workdir)
    return open_csv(path, extract, name, workdir)


# Files that may hold rows: one of these in a delivery folder that belongs to no extract (a
# misspelt name like declaratie_2023.csv) refuses the delivery; any other file is reported and
# ignored.
DATA_SUFFIXES = (".csv", ".txt", ".tsv", ".parquet", ".xlsx", ".xls", ".json", ".zip", ".gz")


def _not_an_extract(name: str) -> str:
    stem = re.match(r"[a-z]+", name.lower())
    near = difflib.get_close_matches(stem.group(0) if stem else name, list(EXTRACTS), n=1)
    hint = f" (did you mean {near[0]}?)" if near else ""
    return f"{printable(name)}: not a file of any extract{hint}"


def delivery_files(delivery: Path) -> tuple[list[tuple[Path, Extract]], list[str]]:
    """The files of a delivery folder (or a single file) that belong to an extract, in order, and
    the names of the other entries of the folder, which are ignored (to be reported).

    A delivery folder holds the delivery and nothing that could be mistaken for it, so the
    delivery is refused (DeliveryError, nothing loaded) when it holds:
    - a file that may hold rows (.csv, .txt, .parquet, .xlsx, ...) but belongs to no extract,
      like a misspelt `declaratie_2023.csv`: silently skipping it would load a delivery without
      its declaraties;
    - a symbolic link named like an extract or a data file: links are not followed, so that a
      delivery cannot make the loader read a file elsewhere on the machine;
    - something named like an extract that is not a regular file (a folder, a pipe).
    Hidden files (.DS_Store), sub-folders and other files (a covering letter in PDF) are ignored
    and reported by name. A single file named on the command line is read as named."""
    if delivery.is_file():
        single = extract_for_file(delivery)
        if single is None:
            raise DeliveryError(
                f"{_not_an_extract(delivery.name)} (names start with {', '.join(EXTRACTS)}; "
                ".csv, .txt or .parquet)"
            )
        if mask_bsns(delivery.name) != delivery.name:
            raise DeliveryError(
                f"{printable(delivery.name)}: the file name holds a BSN (file names are stored "
                "in the warehouse: rename the file)"
            )
        return [(delivery, single)], []
    if not delivery.is_dir():
        raise DeliveryError(f"{delivery}: no such file or folder")
    found: list[tuple[Path, Extract]] = []
    ignored: list[str] = []
    refused: list[str] = []
    for path in sorted(delivery.iterdir()):
        name = path.name
        extract = extract_for_file(path)
        data_like = extract is not None or name.lower().endswith(DATA_SUFFIXES)
        if name.startswith("."):
            ignored.append(printable(name))
        elif path.is_symlink() and data_like:
            refused.append(
                f"{printable(name)}: a symbolic link, not a file (links are not followed: put "
                "the file itself in the delivery folder)"
            )
        elif extract is not None and not path.is_file():
            refused.append(f"{printable(name)}: not a regular file")
        elif extract is not None and mask_bsns(name) != name:
            refused.append(
                f"{printable(name)}: the file name holds a BSN (file names are stored in the "
                "warehouse: rename the file)"
            )
        elif extract is not None:
            found.append((path, extract))
        elif data_like and not path.is_dir():
            refused.append(_not_an_extract(name))
        else:
            ignored.append(printable(name) + ("/" if path.is_dir() else ""))
    if refused:
        raise DeliveryError(
            "; ".join(refused[:3])
            + (f"; and {len(refused) - 3} more" if len(refused) > 3 else "")
            + f" (an extract file's name starts with {', '.join(list(EXTRACTS)[:-1])} or "
            f"{list(EXTRACTS)[-1]}; rename or remove the others)"
        )
    if not found:
        names = ", ".join(f"{n}*.csv" for n in EXTRACTS)
        raise DeliveryError(f"{delivery}: no extract files found (expected {names})")
    return found, ignored


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def work_directory(base: Path) -> Path:
    """A scratch folder for copies of files, beside the warehouse (removed by the caller). Its
    name holds the process id; the folders of loads that were killed (their process is gone)
    are removed first: a copy of a large file left behind by a SIGKILL can take gigabytes."""
    base.mkdir(parents=True, exist_ok=True)
    for old in base.glob("sdw-load-*-*"):
        pid = old.name.split("-")[2]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"sdw-load-{os.getpid()}-", dir=base))
