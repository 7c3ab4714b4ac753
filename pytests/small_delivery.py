"""A small valid delivery (20 rows per extract, four real-world dialects) as bytes per file name,
and the helpers the corpus, property and fault tests use to break it and to compare warehouses."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb

from ingest.contract import EXTRACTS

ROWS = 20


def valid_bsn(n: int) -> str:
    """The n-th (n >= 1) 9-digit number passing the 11-proof from 100000000 on; fixtures only."""
    found, prefix = 0, 10_000_000
    while True:
        digits = str(prefix)
        check = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if check < 10:
            found += 1
            if found == n:
                return digits + str(check)
        prefix += 1


BSNS = [valid_bsn(n) for n in range(1, ROWS + 1)]


def beschikking_row(i: int) -> dict[str, str]:
    return {
        "beschikking_id": f"B{i:02d}",
        "registratiedatum": "05-01-2021",
        "bsn": BSNS[i],
        "geboortedatum": "01-02-1950",
        "geslacht": "V",
        "postcode": "1234 AB",
        "wijk_code": "WK999900",
        "huishouden_id": f"H{i:02d}",
        "gemeente_code": "",
        "wet": "WMO",
        "aanvraagdatum": "01-12-2020",
        "besluitdatum": "20-12-2020",
        "ingangsdatum": "2021-01-01",
        "einddatum": "",
        "productcategorie": "01",
        "productcode": "01A01",
        "product_omschrijving": "Hulp bij het huishouden" + (" één" if i % 4 == 0 else ""),
        "volume": "3",
        "eenheid": "04",
        "frequentie": "2",
        "tarief": "25,50",
        "leveringsvorm": "ZIN",
        "aanbieder_agb": "01234567",
        "aanbieder_naam": "Thuiszorg Ëlckerlijc" if i % 3 == 0 else "Thuiszorg",
        "verwijzer_id": f"V{i % 5:02d}",
        "verwijzer_type": "02",
        "reden_beeindiging": "",
        "ingetrokken": "nee",
    }


def declaratie_row(i: int) -> dict[str, str]:
    return {
        "declaratie_id": f"D{i:02d}",
        "registratiedatum": "2021-02-05",
        "beschikking_id": f"B{i:02d}",
        "bsn": BSNS[i],
        "wet": "WMO",
        "productcategorie": "01",
        "productcode": "01A01",
        "periode_begin": "2021-01-01",
        "periode_eind": "2021-01-31",
        "volume": "13",
        "eenheid": "04",
        "bedrag": f"{300 + i}.50",
        "debet_credit": "D",
        "status": "toegewezen",
        "aanbieder_agb": "01234567",
        "ingediend_op": "2021-02-05",
    }


def uitkering_row(i: int) -> dict[str, str]:
    return {
        "uitkering_id": f"U{i:02d}",
        "registratiedatum": "28-03-2021",
        "betaalmaand": "2021-03",
        "bsn": BSNS[i],
        "geboortedatum": "07-07-1980",
        "geslacht": "M",
        "postcode": "9999 AB",
        "wijk_code": "WK999901",
        "huishouden_id": f"H{i:02d}",
        "gemeente_code": "",
        "regeling": "PW",
        "leefvorm": "alleenstaand",
        "aanvraagdatum": "01-12-2020",
        "besluitdatum": "20-12-2020",
        "ingangsdatum": "01-01-2021",
        "einddatum": "",
        "uitstroomreden": "",
        "bedrag": "1200,00",
        "uren_per_week": "",
    }


def verwijzer_row(i: int) -> dict[str, str]:
    return {
        "verwijzer_id": f"V{i:02d}",
        "registratiedatum": "2019-01-01",
        "verwijzer_type": "02",
        "naam": "Huisartsenpraktijk Dé Linde" if i % 2 else f"Praktijk {i}",
        "agb_code": "01000001",
    }


ROW_MAKERS = {
    "beschikkingen": beschikking_row,
    "declaraties": declaratie_row,
    "uitkeringen": uitkering_row,
    "verwijzers": verwijzer_row,
}
# file name -> (extract, encoding, separator, line end): the dialects the generator writes
FILES = {
    "beschikkingen.csv": ("beschikkingen", "utf-8-sig", ";", "\r\n"),
    "declaraties.csv": ("declaraties", "utf-8", ",", "\n"),
    "uitkeringen.csv": ("uitkeringen", "cp1252", ";", "\r\n"),
    "verwijzers.csv": ("verwijzers", "utf-8", ",", "\n"),
}


def rows(extract: str, n: int = ROWS) -> list[dict[str, str]]:
    return [ROW_MAKERS[extract](i) for i in range(n)]


def csv_bytes(
    extract: str,
    data: list[dict[str, str]],
    sep: str = ";",
    encoding: str = "utf-8",
    line_end: str = "\n",
    header: list[str] | None = None,
) -> bytes:
    """A CSV file as bytes: the header (the contract's columns unless given), then the rows."""
    cols = header or list(EXTRACTS[extract].column_names)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator=line_end)
    writer.writerow(cols)
    for row in data:
        writer.writerow([row.get(c, "") for c in cols])
    return buf.getvalue().encode(encoding)


def file_bytes(name: str, data: list[dict[str, str]] | None = None) -> bytes:
    """One file of the small delivery in its own dialect (its 20 valid rows unless given)."""
    extract, encoding, sep, line_end = FILES[name]
    return csv_bytes(extract, rows(extract) if data is None else data, sep, encoding, line_end)


def delivery() -> dict[str, bytes]:
    """The small valid delivery: file name -> bytes."""
    return {name: file_bytes(name) for name in FILES}


def write(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def snapshot(warehouse: Path) -> dict[str, tuple[int, int]]:
    """Per table of the raw schema: (row count, order-independent hash of its rows). Equal
    snapshots: nothing changed."""
    if not warehouse.exists():
        return {}
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from duckdb_tables() where schema_name = 'raw' order by 1"
            ).fetchall()
        ]
        out = {}
        for table in tables:
            row = con.execute(
                f"select count(*), coalesce(bit_xor(hash(t)), 0) from raw.{table} as t"
            ).fetchone()
            assert row is not None
            out[table] = (int(row[0]), int(row[1]))
        return out
    finally:
        con.close()


def counts(warehouse: Path) -> dict[str, int]:
    """Rows per raw table."""
    return {table: n for table, (n, _) in snapshot(warehouse).items()}
