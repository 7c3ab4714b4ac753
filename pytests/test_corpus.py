"""A corpus of broken deliveries, made by code from the small valid delivery of small_delivery.py
(20 rows per extract, in the four dialects the generator writes): each case breaks it in one way
and asserts the exact outcome through `sdw load`, either

- refused whole: exit 2, one line on stderr (no traceback) shorter than 500 characters that names
  the file and, where there is one, the row and the field; and no table of the warehouse changed
  (every raw table compared, rows and content, with the warehouse as it was before); or
- loaded: exit 0, exactly these rows quarantined for exactly these reasons (row number as Excel
  shows it, field, reason), and in raw.load_log rows read = landed + quarantined + duplicate.

No BSN in clear may appear in anything `sdw load` prints, nor in any table.

Where the contract left a choice, the case records the decision:
- a header-only file loads, with 0 rows (an extract with nothing new this time);
- a 1 MB value lands (the contract sets no maximum length); a row over 4 MB cannot be read by
  DuckDB and is quarantined, the rest of the file lands;
- UTF-16 (Excel's "Unicode text") is refused: the contract says UTF-8 or Windows-1252;
- a file in a delivery folder that may hold rows (.csv, .txt, .parquet, .xlsx, ...) but whose
  name starts with no extract (a misspelt `declaratie_2023.csv`) refuses the delivery, by name:
  skipped silently it would leave the declaraties out. Any other file (a covering letter) is
  named in the output as ignored, and the delivery loads;
- a symbolic link named like an extract is refused, not followed;
- formula injection (`=cmd|...`, `+`, `@`) in a name lands as delivered: the raw layer keeps what
  was delivered; it is neutralised where the warehouse writes spreadsheets (the publication);
- `1.234` as an amount is quarantined, not read as 1.23 (it may mean 1234);
- the 10 % gate is per rule (as the README says): two rules broken by 10 % of the rows each load
  (20 % of the rows quarantined), one rule broken by 50 % refuses the file.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import small_delivery as sd
from conftest import TEST_KEY, query

from ingest.cli import main
from ingest.scan import scan_database

B, D, U, V = "beschikkingen.csv", "declaraties.csv", "uitkeringen.csv", "verwijzers.csv"
BSN_IN_TEXT = sd.BSNS[7]
CLEAR_BSNS = [*sd.BSNS, "123456782", "111222333"]


def pseudo(bsn: str) -> str:
    return hmac.new(TEST_KEY.encode(), bsn.encode(), hashlib.sha256).hexdigest()


class Link(NamedTuple):
    """A symbolic link in the delivery to a file outside it, holding `data`."""

    data: bytes


Files = dict[str, "bytes | Link"]


# --- ways to break the small delivery -------------------------------------------------------


def line_end(name: str) -> bytes:
    return sd.FILES[name][3].encode()


def lines(name: str, data: bytes | None = None) -> list[bytes]:
    """The lines of a file of the small delivery (header first), without line ends."""
    return (sd.file_bytes(name) if data is None else data).split(line_end(name))


def joined(name: str, parts: list[bytes]) -> bytes:
    return line_end(name).join(parts)


def changed(name: str, rows: dict[int, dict[str, str]] | None = None, **every: str) -> bytes:
    """The file with values changed: in the given rows (0-based data rows), or in every row."""
    extract = sd.FILES[name][0]
    data = sd.rows(extract)
    for i, row in enumerate(data):
        row.update(every)
        row.update((rows or {}).get(i, {}))
    return sd.file_bytes(name, data)


def first_half(**values: str) -> dict[int, dict[str, str]]:
    return {i: dict(values) for i in range(sd.ROWS // 2)}


def edit_line(name: str, index: int, edit: Callable[[bytes], bytes], data: bytes | None = None):
    """The file with line `index` (0 = header) passed through `edit`."""
    parts = lines(name, data)
    parts[index] = edit(parts[index])
    return joined(name, parts)


def parquet(columns: dict[str, pa.Array | list[object]]) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(pa.table(columns), buffer)
    return buffer.getvalue()


def declaraties_columns(**replace: pa.Array | list[object]) -> dict[str, pa.Array | list[object]]:
    data = sd.rows("declaraties")
    columns: dict[str, pa.Array | list[object]] = {k: [r[k] for r in data] for k in data[0]}
    columns.update(replace)
    return columns


def verwijzers_one_accent(invalid: bytes | None) -> bytes:
    """verwijzers in UTF-8 without BOM where one name only is not ASCII ('Dé Linde', row 7),
    and, with `invalid`, row 10 holding that byte, which is not UTF-8."""
    data = sd.rows("verwijzers")
    for i, row in enumerate(data):
        row["naam"] = "Dé Linde" if i == 5 else f"Praktijk {i}"
    raw = sd.file_bytes(V, data)
    if invalid is None:
        return raw
    return edit_line(V, 9, lambda line: line.replace(b"Praktijk", b"Pr" + invalid + b"ktijk"), raw)


# --- expected outcomes ----------------------------------------------------------------------


@dataclass(frozen=True)
class Loaded:
    """The delivery lands; `file` read `read` rows; `quarantine` lists (row, field, reason
    start) exactly; `check` (SQL, expected rows) asserts values that landed."""

    file: str
    read: int
    quarantine: list[tuple[int, str, str]] = field(default_factory=list)
    duplicate: int = 0
    bsn_screened: int = 0
    check: tuple[str, list[tuple[object, ...]]] | None = None
    printed: str | None = None  # a text the output must hold


@dataclass(frozen=True)
class Refused:
    """The delivery is refused; the message names `file`, `row` and `field` (where given) and
    matches `pattern`."""

    file: str
    pattern: str
    row: int | None = None
    field: str | None = None


@dataclass(frozen=True)
class Case:
    name: str
    files: Files
    outcome: Loaded | Refused


def case(name: str, files: Files, outcome: Loaded | Refused) -> pytest.ParameterSet:
    return pytest.param(Case(name, files, outcome), id=name)


NOT_UTF8 = "row is not valid UTF-8 text"
CONTROL = "holds a control character, a byte order mark or a byte the file encoding"
FEWER = "row has fewer fields than the header"
MORE = "row has more fields than the header"
NOT_A_DATE = "not a date (YYYY-MM-DD or DD-MM-YYYY)"
NOT_DECIMAL = "not a decimal number (at most 2 decimals, no thousands separators)"
NOT_9_DIGITS = "BSN is not 9 digits"
ELEVEN_PROOF = "BSN fails the 11-proof"
v_file = sd.file_bytes(V)

CASES = [
    # --- the shape of the file
    case(
        "truncated mid-row",
        {V: v_file[: v_file.rindex(b"Huisartsenpr") + 12]},
        Loaded(V, 20, [(21, "*", FEWER)]),
    ),
    case(
        "truncated inside the last field",
        {V: v_file.rstrip(b"\n")[:-4]},
        Loaded(V, 20, [(21, "agb_code", "does not match the format")]),
    ),
    case("no line end after the last row", {V: v_file.rstrip(b"\n")}, Loaded(V, 20)),
    case("empty file", {V: b""}, Refused(V, "the file is empty", row=1)),
    case(
        "header only",
        {V: lines(V)[0] + b"\n"},
        Loaded(V, 0, check=("select count(*) from raw.verwijzers", [(0,)])),
    ),
    case(
        "missing column",
        {
            B: sd.csv_bytes(
                "beschikkingen",
                sd.rows("beschikkingen"),
                header=[c for c in sd.beschikking_row(0) if c != "wet"],
            )
        },
        Refused(B, r"missing column\(s\) wet", row=1, field="wet"),
    ),
    case(
        "extra column",
        {
            V: b"\n".join(
                ln + (b",naam_client" if i == 0 else b",x") for i, ln in enumerate(lines(V)[:-1])
            )
            + b"\n"
        },
        Refused(V, r"unexpected column\(s\): naam_client", row=1, field="naam_client"),
    ),
    case(
        "duplicated column",
        {V: edit_line(V, 0, lambda h: h.replace(b"agb_code", b"naam"))},
        Refused(V, "column 'naam' appears twice", row=1, field="naam"),
    ),
    case(
        "reordered columns",
        {
            B: sd.csv_bytes(
                "beschikkingen",
                sd.rows("beschikkingen"),
                sep=";",
                header=list(reversed(sd.beschikking_row(0))),
            )
        },
        Loaded(
            B,
            20,
            check=(
                "select bsn_pseudoniem, product_omschrijving, ingangsdatum from raw.beschikkingen "
                "where beschikking_id = 'B04'",
                [(pseudo(sd.BSNS[4]), "Hulp bij het huishouden één", date(2021, 1, 1))],
            ),
        ),
    ),
    case(
        "wrong separator (tab)",
        {V: v_file.replace(b",", b"\t")},
        Refused(V, "none of the verwijzers contract's columns", row=1, field="verwijzer_id"),
    ),
    case(
        "wrong separator (pipe), 28 columns",
        {B: sd.file_bytes(B).replace(b";", b"|")},
        Refused(B, "separator ';' or ','", row=1, field="beschikking_id"),
    ),
    case(
        "mixed separators: one row with ';'",
        {V: edit_line(V, 4, lambda ln: ln.replace(b",", b";"))},
        Loaded(V, 20, [(5, "*", FEWER)]),
    ),
    case(
        "mixed separators: half the rows with ';'",
        {
            V: joined(
                V, [ln.replace(b",", b";") if 0 < i <= 10 else ln for i, ln in enumerate(lines(V))]
            )
        },
        Refused(V, "row has fewer fields than the header in 50.0% of 20 rows", row=2, field="*"),
    ),
    case(
        "rows with too many fields",
        {V: edit_line(V, 3, lambda ln: ln + b",x,y")},
        Loaded(V, 20, [(4, "*", MORE)]),
    ),
    case(
        "rows with too few fields",
        {V: edit_line(V, 3, lambda ln: b"V02,2019-01-01")},
        Loaded(V, 20, [(4, "*", FEWER)]),
    ),
    case(
        "CR-only line ends, a bad date in row 6",
        {V: changed(V, {4: {"registratiedatum": "2019-02-30"}}).replace(b"\n", b"\r")},
        Loaded(V, 20, [(6, "registratiedatum", NOT_A_DATE)]),
    ),
    case(
        "blank lines keep the row numbers",
        {V: edit_line(V, 3, lambda ln: ln + b"\n\n", changed(V, {5: {"verwijzer_type": "77"}}))},
        Loaded(V, 20, [(9, "verwijzer_type", "code not in code list verwijzer_type")]),
    ),
    case(
        "a 1 MB field lands",
        {V: changed(V, {3: {"naam": "x" * 1_000_000}})},
        Loaded(V, 20, check=("select max(length(naam)) from raw.verwijzers", [(1_000_000,)])),
    ),
    case(
        "a row over 4 MB is quarantined",
        {V: changed(V, {3: {"naam": "x" * 5_000_000}})},
        Loaded(V, 20, [(5, "*", "row is longer than 4 MB")]),
    ),
    case(
        "unterminated quote near the end",
        {B: edit_line(B, 19, lambda ln: ln.replace(b"Thuiszorg", b'"Thuiszorg', 1))},
        Loaded(
            B,
            20,
            [(20, "*", "a quote is opened in this row and never closed")],
            check=("select max(_row_number), count(*) from raw.beschikkingen", [(21, 19)]),
        ),
    ),
    case(
        "unterminated quote in the last row",
        {V: edit_line(V, 20, lambda ln: ln.replace(b"Huis", b'"Huis'))},
        # the quote runs to the end of the file: DuckDB sees a row with too few fields
        Loaded(V, 20, [(21, "*", FEWER)]),
    ),
    case(
        "repeated header line (concatenated exports)",
        {D: joined(D, [*lines(D)[:11], lines(D)[0], *lines(D)[11:]])},
        Loaded(D, 21, [(12, "*", "the header line again inside the file")]),
    ),
    case(
        "duplicate row within the file",
        {V: joined(V, [*lines(V)[:21], lines(V)[3], b""])},
        Loaded(V, 21, duplicate=1),
    ),
    # --- encodings and bytes
    case(
        "UTF-8 with BOM and one invalid byte",
        {B: edit_line(B, 7, lambda ln: ln.replace(b"B06", b"B\xff06"))},
        Loaded(
            B,
            20,
            [(8, "*", NOT_UTF8)],
            check=(
                "select aanbieder_naam, count(*) from raw.beschikkingen group by 1 order by 1",
                [("Thuiszorg", 13), ("Thuiszorg Ëlckerlijc", 6)],
            ),
        ),
    ),
    case(
        "UTF-8 without BOM, one valid accent and one invalid byte",
        {V: verwijzers_one_accent(b"\xe4")},
        Loaded(
            V,
            20,
            [(10, "*", NOT_UTF8)],
            check=("select naam from raw.verwijzers where verwijzer_id = 'V05'", [("Dé Linde",)]),
        ),
    ),
    case(
        "Windows-1252 stays Windows-1252",
        {V: verwijzers_one_accent(None).decode("utf-8").encode("cp1252")},
        Loaded(
            V,
            20,
            check=(
                "select l.encoding, v.naam from raw.verwijzers as v, raw.load_log as l "
                "where v.verwijzer_id = 'V05'",
                [("cp1252", "Dé Linde")],
            ),
        ),
    ),
    case(
        "UTF-16 with BOM",
        {V: v_file.decode("utf-8").encode("utf-16")},
        Refused(V, "UTF-16", row=1),
    ),
    case(
        "UTF-16 without BOM",
        {V: v_file.decode("utf-8").encode("utf-16-le")},
        Refused(V, "NUL bytes", row=1),
    ),
    case(
        "NUL byte in a name",
        {V: changed(V, {3: {"naam": "Prak\x00tijk"}})},
        Loaded(V, 20, [(5, "naam", CONTROL)]),
    ),
    case(
        "NUL byte in a key",
        {V: changed(V, {3: {"verwijzer_id": "V\x0003"}})},
        Loaded(V, 20, [(5, "verwijzer_id", CONTROL)]),
    ),
    case(
        "NUL byte in a code",
        {V: changed(V, {3: {"verwijzer_type": "0\x002"}})},
        Loaded(V, 20, [(5, "verwijzer_type", "code not in code list verwijzer_type")]),
    ),
    case(
        "byte order mark inside a value",
        {V: changed(V, {3: {"naam": "Prak\ufefftijk"}})},
        Loaded(V, 20, [(5, "naam", CONTROL)]),
    ),
    case(
        "byte order mark at the start of a row (files joined)",
        {V: edit_line(V, 6, lambda ln: b"\xef\xbb\xbf" + ln)},
        Loaded(V, 20, [(7, "verwijzer_id", CONTROL)]),
    ),
    # --- values
    case(
        "impossible date 2023-02-30",
        {B: changed(B, {3: {"ingangsdatum": "2023-02-30"}})},
        Loaded(B, 20, [(5, "ingangsdatum", NOT_A_DATE)]),
    ),
    case(
        "impossible date 0000-00-00",
        {B: changed(B, {3: {"einddatum": "0000-00-00"}})},
        Loaded(B, 20, [(5, "einddatum", NOT_A_DATE)]),
    ),
    *[
        case(
            f"amount {value}",
            {D: changed(D, {3: {"bedrag": value}})},
            Loaded(D, 20, [(5, "bedrag", NOT_DECIMAL)]),
        )
        for value in ("1.234,56", "1,234.56", "1.234", "NaN", "inf", "-Infinity", "1e308")
    ],
    case(
        "BSN with a letter",
        {D: changed(D, {3: {"bsn": sd.BSNS[3][:8] + "a"}})},
        Loaded(D, 20, [(5, "bsn", NOT_9_DIGITS)]),
    ),
    case(
        "BSN of 8 digits that is no BSN with a zero before it",
        {D: changed(D, {3: {"bsn": "12345678"}})},
        Loaded(D, 20, [(5, "bsn", ELEVEN_PROOF)]),
    ),
    case(
        "BSN of 8 digits: Excel dropped the leading zero",
        {D: changed(D, {3: {"bsn": "11222335"}})},
        Loaded(
            D,
            20,
            check=(
                "select bsn_pseudoniem from raw.declaraties where declaratie_id = 'D03'",
                [(pseudo("011222335"),)],
            ),
        ),
    ),
    case(
        "BSN of 10 digits",
        {D: changed(D, {3: {"bsn": sd.BSNS[3] + "0"}})},
        Loaded(D, 20, [(5, "bsn", NOT_9_DIGITS)]),
    ),
    case(
        "BSN with spaces",
        {D: changed(D, {3: {"bsn": "123 456 782"}})},
        Loaded(D, 20, [(5, "bsn", NOT_9_DIGITS)]),
    ),
    case(
        "BSN and a date swapped in one row",
        {D: changed(D, {3: {"bsn": "2021-01-01", "periode_begin": sd.BSNS[3]}})},
        Loaded(D, 20, [(5, "bsn", NOT_9_DIGITS)]),
    ),
    case(
        "BSN and a date swapped in every row",
        {
            D: sd.file_bytes(
                D,
                [
                    r | {"bsn": r["periode_begin"], "periode_begin": r["bsn"]}
                    for r in sd.rows("declaraties")
                ],
            )
        },
        Refused(D, r"BSN is not 9 digits .* in 100\.0% of 20 rows", row=2, field="bsn"),
    ),
    case(
        "a valid BSN in a free-text field is masked and counted",
        {V: changed(V, {3: {"naam": f"Praktijk (bsn {BSN_IN_TEXT})"}})},
        Loaded(
            V,
            20,
            bsn_screened=1,
            check=(
                "select naam from raw.verwijzers where verwijzer_id = 'V03'",
                [("Praktijk (bsn [bsn])",)],
            ),
        ),
    ),
    case(
        "formula injection in names lands as delivered",
        {
            V: changed(
                V,
                {
                    1: {"naam": "=cmd|' /C calc'!A0"},
                    2: {"naam": "+31 6 1234"},
                    3: {"naam": "@SUM(A1:A9)"},
                    4: {"naam": "-2+3"},
                },
            )
        },
        Loaded(
            V,
            20,
            check=(
                "select naam from raw.verwijzers where verwijzer_id in ('V01', 'V02', 'V03', "
                "'V04') order by verwijzer_id",
                [("=cmd|' /C calc'!A0",), ("+31 6 1234",), ("@SUM(A1:A9)",), ("-2+3",)],
            ),
        ),
    ),
    # --- rules the expectation suite does not restate, broken by half the rows: refused
    case(
        "50 % fail the 11-proof",
        {D: changed(D, first_half(bsn="123456789"))},
        Refused(D, r"BSN fails the 11-proof in 50\.0% of 20 rows", row=2, field="bsn"),
    ),
    case(
        "50 % with a wrong field count",
        {V: joined(V, [ln + b",x" if 0 < i <= 10 else ln for i, ln in enumerate(lines(V))])},
        Refused(V, r"row has more fields than the header in 50\.0%", row=2, field="*"),
    ),
    case(
        "50 % with a category that does not exist for the wet",
        {B: changed(B, first_half(productcategorie="45"))},
        Refused(B, "code does not exist for wet WMO", row=2, field="productcategorie"),
    ),
    case(
        "50 % decided before the aanvraag",
        {B: changed(B, first_half(besluitdatum="01-01-2020"))},
        Refused(B, "besluitdatum lies before aanvraagdatum in 50.0%", row=2, field="besluitdatum"),
    ),
    case(
        "two rules broken by 10 % each: the gate is per rule",
        {
            B: changed(
                B,
                {
                    0: {"wet": "AWBZ"},
                    1: {"wet": "AWBZ"},
                    2: {"tarief": "1.234,00"},
                    3: {"tarief": "x"},
                },
            )
        },
        Loaded(
            B,
            20,
            [
                (2, "wet", "code not in code list wet_beschikking"),
                (3, "wet", "code not in code list wet_beschikking"),
                (4, "tarief", NOT_DECIMAL),
                (5, "tarief", NOT_DECIMAL),
            ],
        ),
    ),
    # --- Parquet
    case(
        "Parquet with other types: BSN as integer, amounts as floats, dates as timestamps",
        {
            "declaraties.parquet": parquet(
                declaraties_columns(
                    bsn=pa.array([int(b) for b in sd.BSNS], pa.int64()),
                    bedrag=pa.array([300.5 + i for i in range(sd.ROWS)]),
                    volume=pa.array([13] * sd.ROWS, pa.int32()),
                    periode_begin=pa.array([date(2021, 1, 1)] * sd.ROWS),
                    periode_eind=pa.array([datetime(2021, 1, 31, 12)] * sd.ROWS),
                )
            )
        },
        Loaded(
            "declaraties.parquet",
            20,
            check=(
                "select bsn_pseudoniem, bedrag, volume, periode_eind from raw.declaraties "
                "where declaratie_id = 'D02'",
                [(pseudo(sd.BSNS[2]), Decimal("302.50"), Decimal("13.00"), date(2021, 1, 31))],
            ),
        ),
    ),
    case(
        "Parquet with float noise in an amount",
        {"declaraties.parquet": parquet(declaraties_columns(bedrag=[0.1 + 0.2] * sd.ROWS))},
        Loaded(
            "declaraties.parquet",
            20,
            check=("select distinct bedrag from raw.declaraties", [(Decimal("0.30"),)]),
        ),
    ),
    case(
        "Parquet with NaN and infinity as amounts",
        {
            "declaraties.parquet": parquet(
                declaraties_columns(bedrag=[float("nan"), float("inf"), *[300.5] * (sd.ROWS - 2)])
            )
        },
        Loaded("declaraties.parquet", 20, [(2, "bedrag", NOT_DECIMAL), (3, "bedrag", NOT_DECIMAL)]),
    ),
    case(
        "Parquet with dates as integers",
        {
            "declaraties.parquet": parquet(
                declaraties_columns(registratiedatum=pa.array([20210205] * sd.ROWS, pa.int64()))
            )
        },
        Refused("declaraties.parquet", "not a date", row=2, field="registratiedatum"),
    ),
    case(
        "a file that only pretends to be Parquet",
        {"verwijzers.parquet": v_file},
        Refused("verwijzers.parquet", "not a readable Parquet file"),
    ),
    # --- the delivery folder
    case(
        "a symbolic link named like an extract, to a file outside the delivery",
        {D: sd.file_bytes(D), V: Link(v_file)},
        Refused(V, "a symbolic link, not a file"),
    ),
    case(
        "a misspelt extract name",
        {**sd.delivery(), "declaratie_2023.csv": sd.file_bytes(D)},
        Refused("declaratie_2023.csv", r"not a file of any extract \(did you mean declaraties\?\)"),
    ),
    case(
        "a file name holding a BSN (names are stored in the warehouse)",
        {D: sd.file_bytes(D), f"verwijzers_{sd.BSNS[0]}.csv": v_file},
        Refused("verwijzers_[bsn].csv", "the file name holds a BSN"),
    ),
    case(
        "an unknown data file",
        {V: v_file, "adressen.xlsx": b"PK\x03\x04 not really a spreadsheet"},
        Refused("adressen.xlsx", "not a file of any extract"),
    ),
    case(
        "an unknown other file is reported and ignored",
        {V: v_file, "begeleidende brief.pdf": b"%PDF-1.4"},
        Loaded(V, 20, printed="begeleidende brief.pdf: not an extract file, ignored"),
    ),
    case(
        "one bad file among three good ones",
        {
            B: sd.file_bytes(B),
            D: sd.file_bytes(D),
            V: sd.file_bytes(V),
            U: changed(U, first_half(regeling="WW")),
        },
        Refused(U, "code not in code list regeling in 50.0%", row=2, field="regeling"),
    ),
]


# --- running a case -------------------------------------------------------------------------


def write_files(folder: Path, outside: Path, files: Files) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        if isinstance(data, Link):
            outside.mkdir(parents=True, exist_ok=True)
            (outside / name).write_bytes(data.data)
            (folder / name).symlink_to(outside / name)
        else:
            (folder / name).write_bytes(data)
    return folder


def sdw_load(warehouse: Path, folder: Path, capsys: pytest.CaptureFixture[str], *args: str):
    code = main(["--warehouse", str(warehouse), "load", str(folder), *args])
    out = capsys.readouterr()
    for text in (out.out, out.err):
        for bsn in CLEAR_BSNS:
            assert bsn not in text
    return code, out.out, out.err


@pytest.fixture(scope="module")
def earlier_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse that already holds a delivery (three verwijzers of their own), so that a
    refused delivery can be seen to change nothing."""
    root = tmp_path_factory.mktemp("earlier")
    data = [sd.verwijzer_row(i) | {"verwijzer_id": f"E{i}"} for i in range(3)]
    folder = write_files(root / "d", root / "outside", {V: sd.file_bytes(V, data)})
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SDW_PSEUDO_KEY", TEST_KEY)
        assert main(["--warehouse", str(root / "wh.duckdb"), "load", str(folder)]) == 0
    return root / "wh.duckdb"


def assert_refused(outcome: Refused, code: int, out: str, err: str) -> None:
    assert code == 2, out + err
    message = err.strip()
    assert "\n" not in message and "Traceback" not in message, message
    assert len(message) < 500, message
    assert message.startswith("delivery refused, nothing loaded: "), message
    assert outcome.file in message, message
    if outcome.row is not None:
        assert f"row {outcome.row}" in message, message
    if outcome.field is not None:
        assert outcome.field in message, message
    assert re.search(outcome.pattern, message), message


def assert_loaded(outcome: Loaded, warehouse: Path, code: int, out: str, err: str) -> None:
    assert code == 0, out + err
    for read, landed, quarantined, duplicate in query(
        warehouse,
        "select rows_read, rows_landed, rows_quarantined, rows_duplicate from raw.load_log",
    ):
        assert read == landed + quarantined + duplicate
    log = query(
        warehouse,
        "select rows_read, rows_landed, rows_quarantined, rows_duplicate, bsn_screened "
        f"from raw.load_log where source_file = '{outcome.file}'",
    )
    landed = outcome.read - len(outcome.quarantine) - outcome.duplicate
    assert log == [
        (outcome.read, landed, len(outcome.quarantine), outcome.duplicate, outcome.bsn_screened)
    ]
    got = query(
        warehouse,
        "select row_number, field, reason from raw.quarantine "
        f"where source_file = '{outcome.file}' order by 1",
    )
    assert len(got) == len(outcome.quarantine), got
    for (row, fld, reason), want in zip(got, outcome.quarantine, strict=True):
        assert (row, fld) == want[:2], got
        assert str(reason).startswith(want[2]), reason
    if outcome.check:
        sql, expected = outcome.check
        assert query(warehouse, sql) == expected
    if outcome.printed:
        assert outcome.printed in out


@pytest.mark.parametrize("broken", CASES)
def test_corpus(
    broken: Case,
    tmp_path: Path,
    earlier_warehouse: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = write_files(tmp_path / "levering", tmp_path / "elders", broken.files)
    if isinstance(broken.outcome, Refused):
        warehouse = tmp_path / "wh" / "sdw.duckdb"
        warehouse.parent.mkdir()
        shutil.copy(earlier_warehouse, warehouse)
        before = sd.snapshot(warehouse)
        assert_refused(broken.outcome, *sdw_load(warehouse, folder, capsys))
        assert sd.snapshot(warehouse) == before
    else:
        warehouse = tmp_path / "wh" / "sdw.duckdb"
        assert_loaded(broken.outcome, warehouse, *sdw_load(warehouse, folder, capsys))
        assert scan_database(warehouse) == []


def test_no_raw_text_column_or_key_holds_a_control_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """NUL bytes and byte order marks in every text column of a file: none reaches raw."""
    data = sd.rows("verwijzers")
    data[3] |= {"verwijzer_id": "V\x0003"}
    data[4] |= {"naam": "N\x00am"}
    data[5] |= {"agb_code": "0100\x000001"}
    data[6] |= {"naam": "N\ufeffam"}
    folder = write_files(tmp_path / "d", tmp_path / "x", {V: sd.file_bytes(V, data)})
    warehouse = tmp_path / "wh.duckdb"
    assert sdw_load(warehouse, folder, capsys)[0] == 0
    assert query(
        warehouse,
        "select count(*) from raw.verwijzers where regexp_matches(verwijzer_id || naam || "
        "coalesce(agb_code, ''), '[\\x00\\x{FEFF}]')",
    ) == [(0,)]
    assert query(warehouse, "select count(*) from raw.quarantine") == [(4,)]


def test_the_same_delivery_twice_changes_nothing_the_second_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_files(tmp_path / "d", tmp_path / "x", sd.delivery())
    warehouse = tmp_path / "wh.duckdb"
    assert sdw_load(warehouse, folder, capsys)[0] == 0
    before = sd.snapshot(warehouse)
    code, out, _ = sdw_load(warehouse, folder, capsys)
    assert code == 0 and "nothing new: every file was loaded before" in out
    assert sd.snapshot(warehouse) == before


def test_a_correction_delivery_lands_only_the_new_versions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The next delivery repeats every row and corrects one beschikking (a later version,
    ended): one row lands, the others are counted as duplicates; both versions are kept."""
    write_files(tmp_path / "d1", tmp_path / "x", {B: sd.file_bytes(B)})
    warehouse = tmp_path / "wh.duckdb"
    assert sdw_load(warehouse, tmp_path / "d1", capsys)[0] == 0
    corrected = sd.rows("beschikkingen")
    corrected.append(corrected[4] | {"registratiedatum": "01-06-2021", "einddatum": "2021-05-31"})
    write_files(tmp_path / "d2", tmp_path / "x", {B: sd.file_bytes(B, corrected)})
    assert sdw_load(warehouse, tmp_path / "d2", capsys)[0] == 0
    assert query(
        warehouse,
        "select batch_id, rows_read, rows_landed, rows_quarantined, rows_duplicate "
        "from raw.load_log order by 1",
    ) == [(1, 20, 20, 0, 0), (2, 21, 1, 0, 20)]
    assert query(
        warehouse,
        "select _batch_id, registratiedatum, einddatum from raw.beschikkingen "
        "where beschikking_id = 'B04' order by 1",
    ) == [(1, date(2021, 1, 5), None), (2, date(2021, 6, 1), date(2021, 5, 31))]


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40
