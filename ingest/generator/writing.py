"""Writing a delivery: one file per extract, in CSV (each file in its own real-world dialect) or
Parquet (the same columns, as text), appended chunk by chunk in a fixed order.

The CSV dialects differ on purpose, as municipal exports do: beschikkingen UTF-8 with BOM, ';',
DD-MM-YYYY dates with some ISO dates among them and decimal commas; declaraties UTF-8, ',', ISO
dates and decimal points; uitkeringen Windows-1252, ';', DD-MM-YYYY and decimal commas;
verwijzers UTF-8 and ','. Lines end in CRLF. Parquet files hold the same text as the CSV would
(so both formats load to the same warehouse), one row group per chunk.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from ingest.contract import EXTRACTS

EOL = "\r\n"
FORMATS = ("csv", "parquet")
# A chunk's rows for one file: CSV bytes, a table, or a scratch file holding either (CSV bytes, or
# an Arrow IPC file), which is deleted once appended.
Payload = bytes | pa.Table | Path


@dataclass(frozen=True, slots=True)
class Dialect:
    encoding: str  # of the whole file; "utf-8-sig" writes a BOM before the header
    separator: str

    @property
    def body_encoding(self) -> str:
        return "utf-8" if self.encoding == "utf-8-sig" else self.encoding


DIALECTS: dict[str, Dialect] = {
    "beschikkingen": Dialect("utf-8-sig", ";"),
    "declaraties": Dialect("utf-8", ","),
    "uitkeringen": Dialect("cp1252", ";"),
    "verwijzers": Dialect("utf-8", ","),
}


def schema(name: str) -> pa.Schema:
    return pa.schema([(c, pa.string()) for c in EXTRACTS[name].column_names])


def csv_body(name: str, table: pa.Table) -> bytes:
    """The rows of a table as CSV in the extract's dialect, without header. No value the
    generator makes holds a separator, quote or line break, so nothing is quoted."""
    dialect = DIALECTS[name]
    sink = pa.BufferOutputStream()
    options = pa_csv.WriteOptions(
        include_header=False, delimiter=dialect.separator, quoting_style="none", eol=EOL
    )
    pa_csv.write_csv(table, sink, options)
    data = sink.getvalue().to_pybytes()
    if dialect.body_encoding != "utf-8" and not data.isascii():
        data = data.decode("utf-8").encode(dialect.body_encoding)
    return data


def write_arrow(path: Path, table: pa.Table) -> None:
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)


def _append_file(target: IO[bytes], source: Path) -> None:
    """Append a file's bytes to an open file, copied by the kernel where it can."""
    target.flush()
    with source.open("rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        offset = 0
        try:
            while offset < size:
                sent = os.sendfile(target.fileno(), fh.fileno(), offset, size - offset)
                if not sent:
                    break
                offset += sent
        except (AttributeError, OSError):  # no sendfile between these files
            pass
        if offset < size:
            fh.seek(offset)
            shutil.copyfileobj(fh, target, 1 << 20)


def csv_rows(name: str, rows: list[list[str]]) -> bytes:
    """A few rows written with Python's csv module (quoted where needed: hand-made rows may hold
    a separator)."""
    dialect = DIALECTS[name]
    buf = io.StringIO()
    csv.writer(buf, delimiter=dialect.separator, lineterminator=EOL).writerows(rows)
    return buf.getvalue().encode(dialect.body_encoding)


def rows_table(name: str, rows: list[list[str]]) -> pa.Table:
    columns = EXTRACTS[name].column_names
    return pa.table(
        {c: pa.array([r[i] for r in rows], pa.string()) for i, c in enumerate(columns)},
        schema=schema(name),
    )


class DeliveryWriter:
    """The open files of one delivery; chunks and rows are appended in the order given."""

    def __init__(self, out_dir: Path, file_format: str) -> None:
        if file_format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}")
        out_dir.mkdir(parents=True, exist_ok=True)
        self.out_dir = out_dir
        self.format = file_format
        self.rows: dict[str, int] = dict.fromkeys(EXTRACTS, 0)
        self._csv: dict[str, IO[bytes]] = {}
        self._parquet: dict[str, pq.ParquetWriter] = {}
        for name in EXTRACTS:
            for other in FORMATS:  # an earlier delivery in the other format would load too
                if other != file_format:
                    (out_dir / f"{name}.{other}").unlink(missing_ok=True)
            path = out_dir / f"{name}.{file_format}"
            if file_format == "csv":
                dialect = DIALECTS[name]
                fh = path.open("wb")
                header = dialect.separator.join(EXTRACTS[name].column_names) + EOL
                fh.write(header.encode(dialect.encoding))
                self._csv[name] = fh
            else:
                self._parquet[name] = pq.ParquetWriter(
                    path, schema(name), compression="zstd", compression_level=1
                )

    def write(self, name: str, payload: Payload, rows: int) -> None:
        """A chunk's rows: CSV bytes (from ``csv_body``), a table of text, or a scratch file with
        either (deleted here)."""
        if isinstance(payload, Path):
            if self.format == "csv":
                _append_file(self._csv[name], payload)
            else:
                with pa.memory_map(str(payload)) as source:
                    table = pa.ipc.open_file(source).read_all()
                    if table.num_rows:
                        self._parquet[name].write_table(table)
                    del table
            payload.unlink()
        elif isinstance(payload, bytes):
            self._csv[name].write(payload)
        elif payload.num_rows:
            self._parquet[name].write_table(payload)
        self.rows[name] += rows

    def write_rows(self, name: str, rows: list[list[str]]) -> None:
        if not rows:
            return
        if self.format == "csv":
            self._csv[name].write(csv_rows(name, rows))
        else:
            self._parquet[name].write_table(rows_table(name, rows))
        self.rows[name] += len(rows)

    def close(self) -> None:
        for fh in self._csv.values():
            fh.close()
        for writer in self._parquet.values():
            writer.close()

    def __enter__(self) -> DeliveryWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
