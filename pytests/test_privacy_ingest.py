"""No BSN in clear gets past `sdw load`: typed into free text, delivered in the wrong column, or
quoted in a quarantine reason; and a pseudonymisation key that can be guessed is refused."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest
from conftest import BSN_A, BSN_B, TEST_KEY, beschikking, query, verwijzer, write_csv

from ingest.cli import main
from ingest.contract import mask_bsns
from ingest.load import load_delivery
from ingest.pseudonym import KeyError_, load_key, pseudonymise
from ingest.scan import scan_database
from ingest.validate import create_bsn_macros

# BSN_A = 111222333 and BSN_B = 123456782 pass the 11-proof; written as a user might type them
GROUPED_A = "1112.22.333"
SPACED_B = "123 456 782"


def test_a_bsn_in_every_free_text_field_is_masked_and_counted(
    tmp_path: Path, warehouse: Path
) -> None:
    write_csv(
        tmp_path / "d" / "beschikkingen.csv",
        [
            beschikking(product_omschrijving=f"Hulp voor {BSN_B}", aanbieder_naam="Zorg BV"),
            beschikking(
                beschikking_id="B2",
                product_omschrijving="Hulp bij het huishouden",
                aanbieder_naam=f"Zorg {GROUPED_A} BV",
            ),
            # an identifier that is a BSN: replaced by the BSN's pseudonym
            beschikking(beschikking_id="B3", huishouden_id=BSN_B, aanbieder_naam=SPACED_B),
        ],
        "beschikkingen",
    )
    write_csv(
        tmp_path / "d" / "verwijzers.csv",
        [verwijzer(naam=f"Praktijk (bsn {BSN_A})"), verwijzer(verwijzer_id="V2")],
        "verwijzers",
    )
    report = load_delivery(tmp_path / "d", warehouse)
    assert {f.extract: f.bsn_screened for f in report.files} == {
        "beschikkingen": 4,
        "verwijzers": 1,
    }
    assert query(warehouse, "select extract, bsn_screened from raw.load_log order by extract") == [
        ("beschikkingen", 4),
        ("verwijzers", 1),
    ]
    assert query(
        warehouse,
        "select beschikking_id, product_omschrijving, aanbieder_naam, huishouden_id "
        "from raw.beschikkingen order by 1",
    ) == [
        ("B1", "Hulp voor [bsn]", "Zorg BV", "H1"),
        ("B2", "Hulp bij het huishouden", "Zorg [bsn] BV", "H1"),
        ("B3", "Hulp bij het huishouden", "[bsn]", pseudonymise(BSN_B, TEST_KEY.encode())),
    ]
    assert query(warehouse, "select naam from raw.verwijzers order by verwijzer_id") == [
        ("Praktijk (bsn [bsn])",),
        ("Huisartsenpraktijk Dé Linde",),
    ]
    assert scan_database(warehouse) == []


def test_the_quarantine_never_holds_a_clear_bsn(tmp_path: Path, warehouse: Path) -> None:
    write_csv(
        tmp_path / "d" / "beschikkingen.csv",
        [beschikking(beschikking_id=f"G{i}") for i in range(10)]
        + [
            # a BSN in the date column: not a date, quarantined, quoted in the reason
            beschikking(beschikking_id="Q1", geboortedatum=BSN_B),
            # a BSN as household and a BSN as wet: quarantined for the wet
            beschikking(beschikking_id="Q2", huishouden_id=BSN_B, wet=BSN_A),
            # a BSN written in groups in a code column
            beschikking(beschikking_id="Q3", leveringsvorm=GROUPED_A),
        ],
        "beschikkingen",
    )
    load_delivery(tmp_path / "d", warehouse)
    rows = query(
        warehouse, "select row_number, field, reason, problems, row_values from raw.quarantine"
    )
    assert [(r[0], r[1]) for r in rows] == [
        (12, "geboortedatum"),
        (13, "wet"),
        (14, "leveringsvorm"),
    ]
    assert rows[0][2] == "not a date (YYYY-MM-DD or DD-MM-YYYY): '[bsn]'"
    assert rows[1][2] == "code not in code list wet_beschikking: '[bsn]'"
    assert rows[2][2] == "code not in code list leveringsvorm: '[bsn]'"
    for row in rows:
        for text in row[2:]:
            for bsn in (BSN_A, BSN_B, GROUPED_A):
                assert bsn not in str(text)
    assert pseudonymise(BSN_B, TEST_KEY.encode()) in rows[1][4]  # the household, pseudonymised
    assert scan_database(warehouse) == []


def test_a_bsn_as_identifier_is_pseudonymised_in_the_quarantine_of_each_file(
    tmp_path: Path, warehouse: Path
) -> None:
    # two files of one delivery screen a column of the same name (beschikking_id): each file's
    # quarantine shows its own BSN-like identifier as that BSN's pseudonym
    good = [beschikking(beschikking_id=f"G{i}") for i in range(10)]
    write_csv(
        tmp_path / "d" / "beschikkingen.csv",
        [*good, beschikking(beschikking_id=BSN_A, wet="XX")],
        "beschikkingen",
    )
    claim = {
        "declaratie_id": "D1",
        "registratiedatum": "2021-03-01",
        "beschikking_id": "G1",
        "bsn": BSN_A,
        "wet": "WMO",
        "productcategorie": "01",
        "productcode": "01A01",
        "periode_begin": "2021-02-01",
        "periode_eind": "2021-02-28",
        "volume": "12",
        "eenheid": "04",
        "bedrag": "390,05",
        "debet_credit": "D",
        "status": "toegewezen",
        "aanbieder_agb": "01234567",
        "ingediend_op": "2021-03-01",
    }
    write_csv(
        tmp_path / "d" / "declaraties.csv",
        [{**claim, "declaratie_id": f"D{i}"} for i in range(10)]
        + [{**claim, "declaratie_id": "D99", "beschikking_id": BSN_B, "status": "nee"}],
        "declaraties",
    )
    load_delivery(tmp_path / "d", warehouse)
    rows = query(
        warehouse,
        "select extract, json_extract_string(row_values, '$.beschikking_id') "
        "from raw.quarantine order by extract",
    )
    key = TEST_KEY.encode()
    assert rows == [
        ("beschikkingen", pseudonymise(BSN_A, key)),
        ("declaraties", pseudonymise(BSN_B, key)),
    ]
    assert scan_database(warehouse) == []


@pytest.mark.parametrize(
    "text",
    [
        "Hulp voor 111222333",
        "123 456 782 en 1112.22.333",
        "12-345-67-82",
        "11122233",  # 8 digits: a BSN whose leading 0 was dropped (011122233 is not valid)
        "tel 0612345678, postcode 1234 AB, jaar 2021",
        "IBAN NL91ABNA0417164300",
        "0111222333",
        None,
    ],
)
def test_the_masking_rule_is_the_same_in_python_and_sql(text: str | None) -> None:
    con = duckdb.connect()
    create_bsn_macros(con)
    (sql,) = con.execute("select sdw_mask_bsn(?)", [text]).fetchone() or (None,)
    assert sql == (None if text is None else mask_bsns(text))


def test_masking_finds_bsns_and_leaves_other_numbers() -> None:
    assert mask_bsns("Hulp voor 111222333") == "Hulp voor [bsn]"
    assert mask_bsns("123 456 782 en 1112.22.333") == "[bsn] en [bsn]"
    assert mask_bsns("0111222333") == "[bsn]"  # 10 digits with a leading zero
    assert mask_bsns("tel 0612345678, postcode 1234 AB, jaar 2021") == (
        "tel 0612345678, postcode 1234 AB, jaar 2021"
    )


@pytest.mark.parametrize(
    "key",
    [
        "geheim",
        "correct horse battery staple",
        "0" * 64,  # hex, but no entropy
        "ab" * 32,
        "5f3c9a1e7b2d4086a9e1c3b5d7f90246",  # 16 bytes
    ],
)
def test_weak_keys_are_refused(
    key: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    warehouse: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SDW_PSEUDO_KEY", key)
    with pytest.raises(KeyError_, match="SDW_PSEUDO_KEY"):
        load_key()
    write_csv(tmp_path / "d" / "beschikkingen.csv", [beschikking()], "beschikkingen")
    assert main(["--warehouse", str(warehouse), "load", str(tmp_path / "d")]) == 2
    err = capsys.readouterr().err
    assert ("nothing loaded" in err and "at least 32 random bytes" in err) or "not random" in err
    assert not warehouse.exists()


def test_strong_keys_in_hex_or_base64_are_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SDW_PSEUDO_KEY", TEST_KEY)
    assert load_key() == TEST_KEY.encode()
    b64 = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA="  # 32 bytes
    monkeypatch.setenv("SDW_PSEUDO_KEY", b64)
    with pytest.raises(KeyError_, match="not random"):
        load_key()  # a repeated 8-byte pattern
    monkeypatch.setenv("SDW_PSEUDO_KEY", "l0yW0Rcm6cVvQyZ9XhH4o1R2pA8eBz3kTq5uNw7sJfI=")
    assert load_key().startswith(b"l0yW")


def test_a_key_file_others_can_read_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SDW_PSEUDO_KEY")
    key_file = tmp_path / "pseudo.key"
    key_file.write_text(TEST_KEY + "\n")
    os.chmod(key_file, 0o644)
    monkeypatch.setenv("SDW_PSEUDO_KEY_FILE", str(key_file))
    with pytest.raises(KeyError_, match=r"can be read or changed by others .*chmod 600"):
        load_key()
    os.chmod(key_file, 0o600)
    assert load_key() == TEST_KEY.encode()
    key_file.write_text("geheim\n")
    with pytest.raises(KeyError_, match="too weak"):
        load_key()
