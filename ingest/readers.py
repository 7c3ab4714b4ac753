"""Reading delivered files whatever their real-world dialect: CSV (UTF-8 with or without BOM, or
Windows-1252; separator ';' or ','; header row) or Parquet with the same columns.

A reader returns every data row as strings (empty string = missing), with the row number a user
sees when opening the file (the header is row 1, the first data row is row 2). Rows whose number
of fields does not match the header are returned separately so they can be quarantined.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from ingest.contract import EXTRACTS, Extract


class DeliveryError(Exception):
    """A delivery (or one of its files) cannot be read or accepted at all; nothing is loaded."""


@dataclass
class ReadResult:
    """The rows of one file, as strings keyed on the contract's column names."""

    path: Path
    extract: Extract
    file_hash: str
    file_format: str
    encoding: str | None
    separator: str | None
    row_numbers: list[int]
    columns: dict[str, list[str]]
    extra_columns: list[str] = field(default_factory=list)
    # (row number, message) for rows that could not be split into the header's fields
    malformed: list[tuple[int, str]] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return len(self.row_numbers) + len(self.malformed)


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
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def decode(data: bytes, filename: str) -> tuple[str, str]:
    """Text and encoding name: UTF-8 (BOM optional), else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise DeliveryError(
            f"{filename}: cannot be decoded as UTF-8 or Windows-1252 (byte {exc.start})"
        ) from exc


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


def _map_columns(
    header: list[str], extract: Extract, filename: str
) -> tuple[dict[str, int], list[str]]:
    """Position of every contract column in the header; extra columns; refuses missing ones."""
    names = _normalise_header(header)
    positions: dict[str, int] = {}
    for pos, name in enumerate(names):
        if name in positions:
            raise DeliveryError(f"{filename} row 1: column '{name}' appears twice in the header")
        positions[name] = pos
    missing = [c for c in extract.column_names if c not in positions]
    if missing:
        raise DeliveryError(
            f"{filename} row 1: missing column(s) {', '.join(missing)} "
            f"(the {extract.name} contract needs {', '.join(extract.column_names)})"
        )
    extra = [n for n in names if n not in extract.column_names]
    return {c: positions[c] for c in extract.column_names}, extra


def read_csv(path: Path, extract: Extract) -> ReadResult:
    data = path.read_bytes()
    text, encoding = decode(data, path.name)
    if not text.strip():
        raise DeliveryError(f"{path.name}: the file is empty (no header row)")
    header_line = text.splitlines()[0]
    sep = sniff_separator(header_line, extract)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise DeliveryError(f"{path.name} row 1: unreadable header ({exc})") from exc
    positions, extra = _map_columns(header, extract, path.name)
    width = len(header)
    cols: dict[str, list[str]] = {c: [] for c in extract.column_names}
    order = list(positions.items())
    row_numbers: list[int] = []
    malformed: list[tuple[int, str]] = []
    row_no = 1
    try:
        for record in reader:
            row_no += 1
            if not record or (len(record) == 1 and not record[0].strip()):
                continue  # a blank line holds no row (it keeps its number, as in Excel)
            if len(record) != width:
                malformed.append((row_no, f"row has {len(record)} fields, the header has {width}"))
                continue
            row_numbers.append(row_no)
            for name, pos in order:
                cols[name].append(record[pos])
    except csv.Error as exc:
        raise DeliveryError(f"{path.name} row {row_no + 1}: unreadable CSV ({exc})") from exc
    return ReadResult(
        path=path,
        extract=extract,
        file_hash=hashlib.sha256(data).hexdigest(),
        file_format="csv",
        encoding=encoding,
        separator=sep,
        row_numbers=row_numbers,
        columns=cols,
        extra_columns=extra,
        malformed=malformed,
    )


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]  # dates and timestamps: the date part
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def read_parquet(path: Path, extract: Extract) -> ReadResult:
    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow raises several types for a bad file
        raise DeliveryError(f"{path.name}: not a readable Parquet file ({exc})") from exc
    positions, extra = _map_columns(list(table.column_names), extract, path.name)
    cols = {
        name: [_as_text(v) for v in table.column(pos).to_pylist()]
        for name, pos in positions.items()
    }
    return ReadResult(
        path=path,
        extract=extract,
        file_hash=file_sha256(path),
        file_format="parquet",
        encoding=None,
        separator=None,
        row_numbers=list(range(2, table.num_rows + 2)),
        columns=cols,
        extra_columns=extra,
    )


def read_file(path: Path, extract: Extract) -> ReadResult:
    if path.suffix.lower() == ".parquet":
        return read_parquet(path, extract)
    return read_csv(path, extract)


def delivery_files(delivery: Path) -> list[tuple[Path, Extract]]:
    """The files of a delivery folder (or a single file) that belong to an extract, in order."""
    if delivery.is_file():
        candidates = [delivery]
    elif delivery.is_dir():
        candidates = sorted(p for p in delivery.iterdir() if p.is_file())
    else:
        raise DeliveryError(f"{delivery}: no such file or folder")
    found = [(p, e) for p in candidates if (e := extract_for_file(p)) is not None]
    if not found:
        names = ", ".join(f"{n}*.csv" for n in EXTRACTS)
        raise DeliveryError(f"{delivery}: no extract files found (expected {names})")
    return found
