"""Properties of `sdw load` on deliveries broken at random (hypothesis): random bytes of a file of
the small delivery (small_delivery.py) replaced, inserted, deleted or cut off, or random rows
given strange values, too few or too many fields, repeated, dropped or replaced by the header.
Whatever the damage:

- loading raises nothing but the loader's own DeliveryError (exit 2 from `sdw load`);
- a delivery that loads accounts for every row: in raw.load_log rows read = landed +
  quarantined + duplicate for every file, and for damage to rows (the file still well-formed
  CSV) rows read is exactly the number of records written;
- a refused delivery changes no table of the warehouse;
- no BSN appears in clear in a refusal's message.

Few examples (the loader takes a few tenths of a second per delivery), no example database."""

from __future__ import annotations

import csv
import io
import itertools
import os
import shutil
import tempfile
from pathlib import Path
from typing import NamedTuple

import pytest
import small_delivery as sd
from conftest import TEST_KEY, query
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ingest.contract import EXTRACTS, mask_bsns
from ingest.load import load_delivery
from ingest.readers import DeliveryError

SETTINGS = settings(
    # more for a thorough run: SDW_PROPERTY_EXAMPLES=500 python -m pytest pytests/test_properties.py
    max_examples=int(os.environ.get("SDW_PROPERTY_EXAMPLES", "25")),
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NAMES = sorted(sd.FILES)
# bytes that break CSV files in real life: line ends, quotes, separators, NUL, BOM, Latin-1 é,
# a lone UTF-8 lead byte, an invalid byte
NASTY_BYTES = [b"\x00", b"\r", b"\n", b"\r\n", b'"', b";", b",", b"\xef\xbb\xbf", b"\xe9", b"\xc3"]
NASTY_BYTES += [b"\xff", b"  ", b"-", b"0", b"\t"]
NASTY_TEXT = ["", " ", '"', "'", ";", ",", "\n", "\r\n", "\r", "\x00", "\ufeff", "é", "=1+1"]
NASTY_TEXT += ["NULL", "NaN", "1e308", "-0", "2023-02-30", "0000-00-00", "31-12-9999", "1.234,56"]
NASTY_TEXT += ["123456782", "12345678a", "ja", "x" * 300, "\u202e", "🙂", "\\", "%s"]


class Damaged(NamedTuple):
    """A damaged file: its name, its bytes and (row damage) the records it holds. Shown with
    every BSN masked, so that a failing example prints no BSN in clear."""

    name: str
    data: bytes
    records: int = -1

    def __repr__(self) -> str:
        text = mask_bsns(self.data.decode("utf-8", errors="backslashreplace"))
        return f"Damaged({self.name!r}, {text!r}, records={self.records})"


value = st.one_of(st.sampled_from(NASTY_TEXT), st.text(max_size=12))


@st.composite
def damaged_bytes(draw: st.DrawFn) -> Damaged:
    """A file of the small delivery with 1 to 6 random byte-level edits."""
    name = draw(st.sampled_from(NAMES))
    data = bytearray(sd.file_bytes(name))
    header_end = data.index(b"\n") + 1
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["replace", "insert", "delete", "cut"]))
        # mostly in the rows (a damaged header only refuses the file), spread over them
        anywhere = draw(st.integers(0, 9)) == 0
        start = 0 if anywhere else min(header_end, len(data) - 1)
        pos = start + draw(st.integers(0, 10**9)) % max(len(data) - start, 1)
        chunk = draw(st.one_of(st.sampled_from(NASTY_BYTES), st.binary(min_size=1, max_size=4)))
        if op == "replace":
            data[pos : pos + len(chunk)] = chunk
        elif op == "insert":
            data[pos:pos] = chunk
        elif op == "delete":
            del data[pos : pos + draw(st.integers(1, 60))]
        else:
            del data[pos:]
    return Damaged(name, bytes(data))


@st.composite
def damaged_rows(draw: st.DrawFn) -> Damaged:
    """A file of the small delivery, still written as CSV by Python's csv module, with 1 to 8
    rows damaged; and the number of records it holds (as Python's csv module reads them)."""
    name = draw(st.sampled_from(NAMES))
    extract, encoding, sep, line_end = sd.FILES[name]
    columns = list(EXTRACTS[extract].column_names)
    rows = [[row[c] for c in columns] for row in sd.rows(extract)]
    for _ in range(draw(st.integers(1, 8))):
        i = draw(st.integers(0, len(rows) - 1))
        j = draw(st.integers(0, len(columns) - 1))
        op = draw(st.sampled_from(["value", "drop", "add", "swap", "repeat", "header", "delete"]))
        if op == "value":  # j modulo the row's length: an earlier "drop" may have shortened it
            rows[i][j % len(rows[i])] = draw(value)
        elif op == "drop" and len(rows[i]) > 1:
            del rows[i][j % len(rows[i])]
        elif op == "add":
            rows[i].append(draw(value))
        elif op == "swap":
            k = draw(st.integers(0, len(rows[i]) - 1))
            rows[i][j % len(rows[i])], rows[i][k] = rows[i][k], rows[i][j % len(rows[i])]
        elif op == "repeat":
            rows.insert(i, list(rows[i]))
        elif op == "header":
            rows.insert(i, list(columns))
        elif op == "delete" and len(rows) > 1:
            del rows[i]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator=line_end)
    writer.writerow(columns)
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding, errors="replace")
    # the records as Python's csv module reads the file back: a bare \r in a value that the
    # writer left unquoted ends a line for it as it does for the loader (CR line ends exist)
    text = data.decode(encoding)
    records = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=sep) if r]
    return Damaged(name, data, len(records) - 1)


@pytest.fixture(scope="module")
def earlier_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse holding an earlier delivery (three verwijzers of its own)."""
    root = tmp_path_factory.mktemp("earlier")
    data = [sd.verwijzer_row(i) | {"verwijzer_id": f"E{i}"} for i in range(3)]
    folder = sd.write(root / "d", {"verwijzers.csv": sd.file_bytes("verwijzers.csv", data)})
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SDW_PSEUDO_KEY", TEST_KEY)
        load_delivery(folder, root / "wh.duckdb")
    return root / "wh.duckdb"


_examples = itertools.count()


def load_damaged(earlier: Path, name: str, data: bytes, share: float) -> tuple[Path, int | None]:
    """Load the damaged file beside a good one into a copy of the earlier warehouse, refusing a
    file when a rule fails for more than `share` of its rows (1.0: never, so that the rows of a
    badly damaged file are counted too). Returns the warehouse and the rows read from the
    damaged file (None: refused, after checking that nothing changed)."""
    root = Path(tempfile.mkdtemp(prefix=f"sdw-prop-{next(_examples)}-"))
    try:
        good = "declaraties.csv" if name != "declaraties.csv" else "verwijzers.csv"
        folder = sd.write(root / "d", {name: data, good: sd.file_bytes(good)})
        warehouse = root / "wh" / "sdw.duckdb"
        warehouse.parent.mkdir()
        shutil.copy(earlier, warehouse)
        before = sd.snapshot(warehouse)
        try:
            load_delivery(folder, warehouse, max_invalid_share=share)
        except DeliveryError as exc:
            event("refused")
            message = str(exc)
            assert not any(bsn in message for bsn in sd.BSNS), message
            assert sd.snapshot(warehouse) == before
            return warehouse, None
        event("loaded")
        log = query(
            warehouse,
            "select source_file, rows_read, rows_landed, rows_quarantined, rows_duplicate "
            "from raw.load_log where batch_id = 2",
        )
        assert sorted(r[0] for r in log) == sorted([name, good])
        for _, read, landed, quarantined, duplicate in log:
            assert read == landed + quarantined + duplicate, log
        _, read, landed_log, quarantined_log, _ = next(r for r in log if r[0] == name)
        (landed, quarantined) = query(
            warehouse,
            f"select (select count(*) from raw.{sd.FILES[name][0]} where _batch_id = 2), "
            f"(select count(*) from raw.quarantine where source_file = '{name}')",
        )[0]
        assert (landed, quarantined) == (landed_log, quarantined_log)
        return warehouse, int(read)
    finally:
        shutil.rmtree(root, ignore_errors=True)


SHARE = st.sampled_from([0.1, 1.0])


@SETTINGS
@given(damaged=damaged_bytes(), share=SHARE)
def test_random_bytes_never_crash_the_loader_and_every_row_is_counted(
    damaged: Damaged, share: float, earlier_warehouse: Path
) -> None:
    load_damaged(earlier_warehouse, damaged.name, damaged.data, share)


@SETTINGS
@given(damaged=damaged_rows(), share=SHARE)
def test_random_rows_never_crash_the_loader_and_every_record_is_read(
    damaged: Damaged, share: float, earlier_warehouse: Path
) -> None:
    name, data, records = damaged
    _, read = load_damaged(earlier_warehouse, name, data, share)
    if read is not None:
        assert read == records
