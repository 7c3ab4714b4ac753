"""Shared fixtures: a pseudonymisation key and a warehouse file per test, and CSV writers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from ingest.contract import EXTRACTS

TEST_KEY = "test-key-not-secret"

# Valid 11-proof BSNs (hand-checked: sum of digit*weight 9..2 minus the last digit is 0 mod 11).
BSN_A = "111222333"
BSN_B = "123456782"
BSN_INVALID = "123456789"


@pytest.fixture(autouse=True)
def _pseudo_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setenv("SDW_PSEUDO_KEY", TEST_KEY)
    monkeypatch.setenv("SDW_PSEUDO_KEY_FILE", str(tmp_path / "no-key-file.key"))
    monkeypatch.setenv("GX_ANALYTICS_ENABLED", "false")
    yield


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return tmp_path / "wh" / "test.duckdb"


def beschikking(**overrides: str) -> dict[str, str]:
    """A valid beschikkingen row (strings as delivered), with overrides."""
    row = {
        "beschikking_id": "B1",
        "registratiedatum": "2020-01-05",
        "bsn": BSN_A,
        "geboortedatum": "1940-02-01",
        "geslacht": "V",
        "postcode": "1234 AB",
        "wijk_code": "WK999900",
        "huishouden_id": "H1",
        "gemeente_code": "",
        "wet": "WMO",
        "aanvraagdatum": "2020-01-01",
        "besluitdatum": "2020-01-10",
        "ingangsdatum": "2020-02-01",
        "einddatum": "",
        "productcategorie": "01",
        "productcode": "01A01",
        "product_omschrijving": "Hulp bij het huishouden",
        "volume": "3",
        "eenheid": "04",
        "frequentie": "2",
        "tarief": "25.50",
        "leveringsvorm": "ZIN",
        "aanbieder_agb": "01234567",
        "aanbieder_naam": "Thuiszorg",
        "verwijzer_id": "V1",
        "verwijzer_type": "01",
        "reden_beeindiging": "",
        "ingetrokken": "",
    }
    row.update(overrides)
    return row


def verwijzer(**overrides: str) -> dict[str, str]:
    row = {
        "verwijzer_id": "V1",
        "registratiedatum": "2019-01-01",
        "verwijzer_type": "02",
        "naam": "Huisartsenpraktijk Dé Linde",
        "agb_code": "01000001",
    }
    row.update(overrides)
    return row


def write_csv(
    path: Path,
    rows: list[dict[str, str]],
    extract: str,
    sep: str = ";",
    encoding: str = "utf-8",
    header: list[str] | None = None,
) -> Path:
    cols = header or list(EXTRACTS[extract].column_names)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    writer.writerow(cols)
    for row in rows:
        writer.writerow([row.get(c, "") for c in cols])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def query(warehouse: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()
