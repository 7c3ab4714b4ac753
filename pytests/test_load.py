"""The loader on hand-made deliveries: dialects, quarantine, idempotence, pseudonymisation,
transactions and exit codes. Every expected value below is computed by hand from the fixture."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import (
    BSN_A,
    BSN_B,
    BSN_INVALID,
    OTHER_KEY,
    TEST_KEY,
    beschikking,
    query,
    verwijzer,
    write_csv,
)

import ingest.validate as validate_module
from ingest.cli import main
from ingest.contract import code_list_per_wet
from ingest.load import load_delivery, reload_quarantine
from ingest.readers import DeliveryError


def pseudo(bsn: str, key: str = TEST_KEY) -> str:
    return hmac.new(key.encode(), bsn.encode(), hashlib.sha256).hexdigest()


def test_dialects_parse_to_the_same_values(tmp_path: Path, warehouse: Path) -> None:
    # 1: UTF-8 with BOM, ';', DD-MM-YYYY dates, decimal comma, ja/nee, Excel-stripped zeros
    a = beschikking(
        beschikking_id="A",
        registratiedatum="05-01-2020",
        geboortedatum="1-2-1940",
        productcategorie="1",
        eenheid="4",
        verwijzer_type="1",
        tarief="25,50",
        ingetrokken="Nee",
        aanbieder_agb="1234567",
        postcode="1234 ab",
        geslacht="2",
    )
    write_csv(tmp_path / "d" / "beschikkingen_1.csv", [a], "beschikkingen", encoding="utf-8-sig")
    # 2: Windows-1252, ',' separator, ISO dates, decimal point, mixed-case header
    b = beschikking(beschikking_id="B", product_omschrijving="Hulp bij het huishouden é")
    header = [c.upper() for c in beschikking()]
    rows = [{h: v for h, v in zip(header, b.values(), strict=True)}]
    write_csv(
        tmp_path / "d" / "beschikkingen_2.csv",
        rows,
        "beschikkingen",
        sep=",",
        encoding="cp1252",
        header=header,
    )
    report = load_delivery(tmp_path / "d", warehouse)
    assert [(f.rows_read, f.rows_landed, f.rows_quarantined) for f in report.files] == [
        (1, 1, 0),
        (1, 1, 0),
    ]
    got = query(
        warehouse,
        "select beschikking_id, registratiedatum, geboortedatum, productcategorie, eenheid, "
        "verwijzer_type, tarief, ingetrokken, aanbieder_agb, postcode, geslacht, "
        "product_omschrijving from raw.beschikkingen order by 1",
    )
    assert got == [
        (
            "A",
            date(2020, 1, 5),
            date(1940, 2, 1),
            "01",
            "04",
            "01",
            Decimal("25.50"),
            False,
            "01234567",
            "1234 AB",
            "2",
            "Hulp bij het huishouden",
        ),
        (
            "B",
            date(2020, 1, 5),
            date(1940, 2, 1),
            "01",
            "04",
            "01",
            Decimal("25.50"),
            False,
            "01234567",
            "1234 AB",
            "V",
            "Hulp bij het huishouden é",
        ),
    ]
    encodings = query(
        warehouse, "select source_file, encoding, separator from raw.load_log order by 1"
    )
    assert encodings == [
        ("beschikkingen_1.csv", "utf-8-sig", ";"),
        ("beschikkingen_2.csv", "cp1252", ","),
    ]


def test_parquet_is_accepted(tmp_path: Path, warehouse: Path) -> None:
    row = verwijzer()
    table = pa.table(
        {
            "verwijzer_id": [row["verwijzer_id"]],
            "registratiedatum": pa.array([date(2019, 1, 1)]),
            "verwijzer_type": ["02"],
            "naam": [row["naam"]],
            "agb_code": [None],
        }
    )
    (tmp_path / "d").mkdir()
    pq.write_table(table, tmp_path / "d" / "verwijzers.parquet")
    report = load_delivery(tmp_path / "d", warehouse)
    assert report.files[0].rows_landed == 1
    assert query(
        warehouse, "select verwijzer_id, registratiedatum, agb_code from raw.verwijzers"
    ) == [("V1", date(2019, 1, 1), None)]


QUARANTINE_CASES = [
    ({"bsn": BSN_INVALID}, "bsn", "BSN fails the 11-proof"),
    ({"einddatum": "2020-01-31"}, "einddatum", "einddatum lies before ingangsdatum"),
    ({"productcategorie": "99"}, "productcategorie", "code does not exist for wet WMO"),
    ({"productcategorie": "45"}, "productcategorie", "code does not exist for wet WMO"),
    ({"ingangsdatum": "31-02-2021"}, "ingangsdatum", "not a date"),
    ({"ingangsdatum": "2021-13-01"}, "ingangsdatum", "not a date"),
    ({"tarief": "1.234,56"}, "tarief", "not a decimal number"),
    ({"wet": ""}, "wet", "missing required value"),
    ({"verwijzer_type": "07"}, "verwijzer_type", "code not in code list verwijzer_type"),
    ({"besluitdatum": "2019-12-31"}, "besluitdatum", "besluitdatum lies before aanvraagdatum"),
    ({"ingetrokken": "misschien"}, "ingetrokken", "not a boolean"),
    ({"postcode": "12345"}, "postcode", "does not match the format"),
    ({"volume": ""}, "volume", "missing required value (volume may only be empty"),
]


@pytest.mark.parametrize(("override", "field", "reason"), QUARANTINE_CASES)
def test_bad_row_is_quarantined_with_field_and_reason(
    tmp_path: Path, warehouse: Path, override: dict[str, str], field: str, reason: str
) -> None:
    good = [beschikking(beschikking_id=f"G{i}", bsn=BSN_B) for i in range(12)]
    bad = beschikking(beschikking_id="BAD", **override)
    write_csv(tmp_path / "d" / "beschikkingen.csv", [*good, bad], "beschikkingen")
    report = load_delivery(tmp_path / "d", warehouse)
    f = report.files[0]
    assert (f.rows_read, f.rows_landed, f.rows_quarantined, f.rows_duplicate) == (13, 12, 1, 0)
    rows = query(
        warehouse, "select source_file, row_number, field, reason, row_values from raw.quarantine"
    )
    assert len(rows) == 1
    source_file, row_number, got_field, got_reason, values = rows[0]
    assert (source_file, row_number, got_field) == ("beschikkingen.csv", 14, field)
    assert str(got_reason).startswith(reason)
    assert json.loads(str(values))["beschikking_id"] == "BAD"
    assert BSN_INVALID not in str(values) and BSN_A not in str(values)


def test_volume_may_be_empty_for_frequentie_totaal(tmp_path: Path, warehouse: Path) -> None:
    row = beschikking(volume="", frequentie="6", eenheid="83")
    write_csv(tmp_path / "d" / "beschikkingen.csv", [row], "beschikkingen")
    assert load_delivery(tmp_path / "d", warehouse).files[0].rows_landed == 1


def test_counts_add_up_in_the_load_log(tmp_path: Path, warehouse: Path) -> None:
    rows = [
        beschikking(beschikking_id="B1"),
        beschikking(beschikking_id="B1"),  # exact duplicate of the row above
        beschikking(beschikking_id="B1", registratiedatum="2020-03-01", einddatum="2020-06-30"),
        beschikking(beschikking_id="B2", bsn=BSN_INVALID),
        beschikking(beschikking_id="B3", wet="AWBZ"),
    ]
    write_csv(tmp_path / "d" / "beschikkingen.csv", rows, "beschikkingen")
    # 1 of 5 rows has an unknown wet: 20 %, so allow more than the default 10 % per rule
    load_delivery(tmp_path / "d", warehouse, max_invalid_share=0.5)
    log = query(
        warehouse,
        "select rows_read, rows_landed, rows_quarantined, rows_duplicate, gx_success "
        "from raw.load_log",
    )
    assert log == [(5, 2, 2, 1, True)]
    reasons = query(warehouse, "select row_number, field from raw.quarantine order by 1")
    assert reasons == [(5, "bsn"), (6, "wet")]


def test_loading_the_same_file_twice_changes_nothing(tmp_path: Path, warehouse: Path) -> None:
    write_csv(tmp_path / "d" / "beschikkingen.csv", [beschikking()], "beschikkingen")
    write_csv(tmp_path / "d" / "verwijzers.csv", [verwijzer()], "verwijzers", sep=",")
    first = load_delivery(tmp_path / "d", warehouse)
    assert first.batch_id == 1
    before = query(
        warehouse,
        "select count(*) from raw.beschikkingen union all select count(*) from raw.load_log",
    )
    second = load_delivery(tmp_path / "d", warehouse)
    assert second.batch_id is None
    assert [f.status for f in second.files] == ["already loaded", "already loaded"]
    after = query(
        warehouse,
        "select count(*) from raw.beschikkingen union all select count(*) from raw.load_log",
    )
    assert before == after == [(1,), (2,)]
    assert query(warehouse, "select count(*) from raw.load_batch") == [(1,)]


def test_a_second_delivery_with_repeated_rows_lands_only_new_versions(
    tmp_path: Path, warehouse: Path
) -> None:
    write_csv(tmp_path / "d1" / "beschikkingen.csv", [beschikking()], "beschikkingen")
    load_delivery(tmp_path / "d1", warehouse)
    corrected = beschikking(registratiedatum="2020-02-10", einddatum="2020-12-31")
    write_csv(tmp_path / "d2" / "beschikkingen.csv", [beschikking(), corrected], "beschikkingen")
    report = load_delivery(tmp_path / "d2", warehouse)
    f = report.files[0]
    assert (f.rows_read, f.rows_landed, f.rows_duplicate) == (2, 1, 1)
    assert query(
        warehouse, "select _batch_id, registratiedatum from raw.beschikkingen order by 1"
    ) == [(1, date(2020, 1, 5)), (2, date(2020, 2, 10))]


def test_versions_replaced_within_a_delivery_are_counted_beside_duplicates(
    tmp_path: Path, warehouse: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        beschikking(volume="3"),  # row 2: replaced by row 3 (same key and registratiedatum)
        beschikking(volume="4"),  # row 3: replaced by row 4
        beschikking(volume="5"),  # row 4: the version staging keeps
        beschikking(volume="3"),  # row 5: exact duplicate of row 2, not landed
        beschikking(registratiedatum="2020-02-10", volume="6"),  # a later version: replaces none
        beschikking(beschikking_id="B2"),  # another key, one version
    ]
    write_csv(tmp_path / "d" / "beschikkingen.csv", rows, "beschikkingen")
    assert main(["--warehouse", str(warehouse), "load", str(tmp_path / "d")]) == 0
    log = query(
        warehouse,
        "select rows_read, rows_landed, rows_quarantined, rows_duplicate, rows_version_replaced "
        "from raw.load_log",
    )
    # the replaced rows landed: rows read = landed + quarantined + duplicate still holds
    assert log == [(6, 5, 0, 1, 2)]
    assert query(
        warehouse,
        "select _row_number, volume from raw.beschikkingen where beschikking_id = 'B1' "
        "and registratiedatum = '2020-01-05' order by 1",
    ) == [(2, 3), (3, 4), (4, 5)]
    printed = [line.split() for line in capsys.readouterr().out.splitlines() if line.strip()]
    table = {words[0]: words[-5:] for words in printed}
    assert table["file"] == ["read", "landed", "quarantine", "duplicate", "replaced"]
    assert table["beschikkingen.csv"] == ["6", "5", "0", "1", "2"]


def test_versions_replaced_across_files_of_one_delivery_follow_load_order(
    tmp_path: Path, warehouse: Path
) -> None:
    # load order within a delivery is staging's (macros/select_current_version.sql): the higher
    # _row_number wins, then the higher _source_file
    write_csv(
        tmp_path / "d" / "beschikkingen_a.csv",
        [
            beschikking(beschikking_id="B1", volume="3"),  # row 2: replaced by b row 3
            beschikking(beschikking_id="B2", volume="3"),  # row 3: kept, b has B2 in row 2
            beschikking(beschikking_id="B3", volume="3"),  # row 4: replaced by b row 4
        ],
        "beschikkingen",
    )
    write_csv(
        tmp_path / "d" / "beschikkingen_b.csv",
        [
            beschikking(beschikking_id="B2", volume="4"),  # row 2: replaced by a row 3
            beschikking(beschikking_id="B1", volume="4"),  # row 3: kept
            beschikking(beschikking_id="B3", volume="4"),  # row 4: kept (same row, later file)
            beschikking(beschikking_id="B3", volume="3"),  # row 5: exact duplicate of a row 4
        ],
        "beschikkingen",
    )
    report = load_delivery(tmp_path / "d", warehouse)
    assert [(f.source_file, f.rows_version_replaced) for f in report.files] == [
        ("beschikkingen_a.csv", 2),
        ("beschikkingen_b.csv", 1),
    ]
    assert query(
        warehouse,
        "select source_file, rows_read, rows_landed, rows_duplicate, rows_version_replaced "
        "from raw.load_log order by 1",
    ) == [("beschikkingen_a.csv", 3, 3, 0, 2), ("beschikkingen_b.csv", 4, 3, 1, 1)]


def test_versions_replaced_count_only_within_the_delivery(tmp_path: Path, warehouse: Path) -> None:
    write_csv(tmp_path / "d1" / "beschikkingen.csv", [beschikking(volume="3")], "beschikkingen")
    load_delivery(tmp_path / "d1", warehouse)
    # the same key and registratiedatum with other values in a later delivery: staging keeps it,
    # but the row it replaces belongs to the first delivery, whose load log stays as it was
    write_csv(tmp_path / "d2" / "beschikkingen.csv", [beschikking(volume="4")], "beschikkingen")
    load_delivery(tmp_path / "d2", warehouse)
    assert query(
        warehouse,
        "select batch_id, rows_landed, rows_version_replaced from raw.load_log order by 1",
    ) == [(1, 1, 0), (2, 1, 0)]


def test_a_load_log_from_before_the_count_gets_the_column(tmp_path: Path, warehouse: Path) -> None:
    write_csv(tmp_path / "d0" / "verwijzers.csv", [verwijzer()], "verwijzers")
    load_delivery(tmp_path / "d0", warehouse)
    con = duckdb.connect(str(warehouse))  # the load log as warehouses made before the count had it
    con.execute("alter table raw.load_log drop column rows_version_replaced")
    con.close()
    write_csv(
        tmp_path / "d" / "beschikkingen.csv",
        [beschikking(volume="3"), beschikking(volume="4")],
        "beschikkingen",
    )
    load_delivery(tmp_path / "d", warehouse)
    assert query(
        warehouse,
        "select batch_id, rows_landed, rows_version_replaced from raw.load_log order by 1",
    ) == [(1, 1, 0), (2, 2, 1)]


def test_the_row_hash_is_a_number_that_follows_the_values(tmp_path: Path) -> None:
    rows = [beschikking(), beschikking(beschikking_id="B2"), beschikking(volume="4")]
    write_csv(tmp_path / "d" / "beschikkingen.csv", rows, "beschikkingen")
    hashes = []
    for name in ("w1", "w2"):  # two warehouses, the same key: the same rows, the same hashes
        load_delivery(tmp_path / "d", tmp_path / name / "sdw.duckdb")
        hashes.append(
            query(
                tmp_path / name / "sdw.duckdb",
                "select typeof(_row_hash), _row_hash from raw.beschikkingen order by _row_number",
            )
        )
    assert hashes[0] == hashes[1]
    assert [t for t, _ in hashes[0]] == ["BIGINT"] * 3
    values = [int(str(h)) for _, h in hashes[0]]
    assert len(set(values)) == 3 and all(v >= 0 for v in values)


def test_a_raw_table_with_a_text_row_hash_still_loads(tmp_path: Path, warehouse: Path) -> None:
    write_csv(tmp_path / "d1" / "beschikkingen.csv", [beschikking()], "beschikkingen")
    load_delivery(tmp_path / "d1", warehouse)
    con = duckdb.connect(str(warehouse))  # as loaders before 2026-12-07 made it
    con.execute("alter table raw.beschikkingen alter _row_hash type varchar")
    con.close()
    corrected = beschikking(registratiedatum="2020-02-10", einddatum="2020-12-31")
    write_csv(tmp_path / "d2" / "beschikkingen.csv", [beschikking(), corrected], "beschikkingen")
    f = load_delivery(tmp_path / "d2", warehouse).files[0]
    assert (f.rows_read, f.rows_landed, f.rows_duplicate) == (2, 1, 1)
    ((kind, text),) = query(
        warehouse, "select typeof(_row_hash), _row_hash from raw.beschikkingen where _batch_id = 2"
    )
    assert kind == "VARCHAR" and str(text).isdigit()


def test_bsn_is_pseudonymised_with_the_key(tmp_path: Path, warehouse: Path) -> None:
    rows = [
        beschikking(beschikking_id="B1"),
        beschikking(beschikking_id="B2", bsn=BSN_B),
        # 011222335 is 11-proof; Excel strips its leading zero, the loader pads it back
        beschikking(beschikking_id="B3", bsn="11222335"),
    ]
    write_csv(tmp_path / "d" / "beschikkingen.csv", rows, "beschikkingen")
    load_delivery(tmp_path / "d", warehouse)
    got = query(
        warehouse, "select beschikking_id, bsn_pseudoniem from raw.beschikkingen order by 1"
    )
    assert got == [("B1", pseudo(BSN_A)), ("B2", pseudo(BSN_B)), ("B3", pseudo("011222335"))]
    columns = query(
        warehouse,
        "select column_name from information_schema.columns where table_schema = 'raw' "
        "and column_name = 'bsn'",
    )
    assert columns == []
    data = warehouse.read_bytes()
    assert BSN_A.encode() not in data and BSN_B.encode() not in data


def test_same_bsn_same_pseudonym_across_extracts_other_key_other_pseudonym(
    tmp_path: Path, warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_csv(tmp_path / "d" / "beschikkingen.csv", [beschikking()], "beschikkingen")
    load_delivery(tmp_path / "d", warehouse)
    monkeypatch.setenv("SDW_PSEUDO_KEY", OTHER_KEY)
    other = tmp_path / "other.duckdb"
    load_delivery(tmp_path / "d", other)
    (a,) = query(warehouse, "select bsn_pseudoniem from raw.beschikkingen")
    (b,) = query(other, "select bsn_pseudoniem from raw.beschikkingen")
    assert a[0] == pseudo(BSN_A) and b[0] == pseudo(BSN_A, OTHER_KEY) and a != b


def test_key_file_is_created_on_first_use_and_reused(
    tmp_path: Path, warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SDW_PSEUDO_KEY")
    key_file = tmp_path / "keys" / "pseudo.key"
    monkeypatch.setenv("SDW_PSEUDO_KEY_FILE", str(key_file))
    write_csv(tmp_path / "d" / "beschikkingen.csv", [beschikking()], "beschikkingen")
    load_delivery(tmp_path / "d", warehouse)
    key = key_file.read_text().strip()
    assert len(key) == 64 and key_file.stat().st_mode & 0o777 == 0o600
    (got,) = query(warehouse, "select bsn_pseudoniem from raw.beschikkingen")
    assert got[0] == pseudo(BSN_A, key)


def test_a_refused_file_rolls_back_the_whole_delivery(tmp_path: Path, warehouse: Path) -> None:
    write_csv(tmp_path / "d0" / "verwijzers.csv", [verwijzer()], "verwijzers")
    load_delivery(tmp_path / "d0", warehouse)
    # a good first file, then a file without the 'wet' column: nothing of this delivery lands
    write_csv(tmp_path / "d" / "beschikkingen_a.csv", [beschikking()], "beschikkingen")
    header = [c for c in beschikking() if c != "wet"]
    write_csv(
        tmp_path / "d" / "beschikkingen_b.csv", [beschikking()], "beschikkingen", header=header
    )
    with pytest.raises(DeliveryError, match=r"beschikkingen_b\.csv row 1: missing column\(s\) wet"):
        load_delivery(tmp_path / "d", warehouse)
    assert query(warehouse, "select count(*) from raw.beschikkingen") == [(0,)]
    assert query(warehouse, "select count(*) from raw.verwijzers") == [(1,)]
    assert query(warehouse, "select count(*), max(batch_id) from raw.load_log") == [(1, 1)]


def test_expectation_suite_refuses_a_file_with_mostly_bad_rows(
    tmp_path: Path, warehouse: Path
) -> None:
    rows = [beschikking(beschikking_id=f"B{i}", wet="AWBZ") for i in range(5)]
    rows += [beschikking(beschikking_id=f"G{i}") for i in range(5)]
    write_csv(tmp_path / "d" / "beschikkingen.csv", rows, "beschikkingen")
    with pytest.raises(
        DeliveryError,
        match=r"beschikkingen\.csv: refused .* wet: code not in code list wet_beschikking in "
        r"50\.0% of 10 rows",
    ):
        load_delivery(tmp_path / "d", warehouse)
    assert not warehouse.exists() or query(
        warehouse,
        "select count(*) from information_schema.tables where table_schema = 'raw'",
    ) == [(0,)]


def test_unexpected_column_refuses_the_file(tmp_path: Path, warehouse: Path) -> None:
    header = [*beschikking().keys(), "naam_client"]
    write_csv(tmp_path / "d" / "beschikkingen.csv", [beschikking()], "beschikkingen", header=header)
    with pytest.raises(DeliveryError, match="unexpected column\\(s\\): naam_client"):
        load_delivery(tmp_path / "d", warehouse)


def test_malformed_row_is_quarantined(tmp_path: Path, warehouse: Path) -> None:
    # ten good rows (the gate allows up to 10 % bad ones), then one with three of five fields,
    # appended with a line end unlike the file's own
    path = write_csv(
        tmp_path / "d" / "verwijzers.csv",
        [verwijzer(verwijzer_id=f"V{i}") for i in range(10)],
        "verwijzers",
    )
    path.write_text(path.read_text() + "V3;2019-01-01;02\r\n")
    report = load_delivery(tmp_path / "d", warehouse)
    f = report.files[0]
    assert (f.rows_read, f.rows_landed, f.rows_quarantined) == (11, 10, 1)
    assert query(warehouse, "select row_number, field, reason from raw.quarantine") == [
        (12, "*", "row has fewer fields than the header")
    ]


def test_cli_exit_codes_and_output_hold_no_bsn(
    tmp_path: Path, warehouse: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [beschikking(), beschikking(beschikking_id="B2", bsn=BSN_INVALID)] + [
        beschikking(beschikking_id=f"G{i}", bsn=BSN_B) for i in range(10)
    ]
    write_csv(tmp_path / "d" / "beschikkingen.csv", rows, "beschikkingen")
    assert main(["--warehouse", str(warehouse), "load", str(tmp_path / "d")]) == 0
    out = capsys.readouterr()
    assert "1 rows quarantined" in out.out
    assert "beschikkingen.csv: 1 x bsn: BSN fails the 11-proof" in out.out
    write_csv(
        tmp_path / "bad" / "beschikkingen.csv", [beschikking()], "beschikkingen", header=["x"]
    )
    assert main(["--warehouse", str(warehouse), "load", str(tmp_path / "bad")]) == 2
    out2 = capsys.readouterr()
    assert (
        "delivery refused, nothing loaded: beschikkingen.csv row 1: missing column(s)" in out2.err
    )
    for text in (out.out, out.err, out2.out, out2.err):
        for bsn in (BSN_A, BSN_B, BSN_INVALID):
            assert bsn not in text


def test_empty_delivery_folder_is_refused(tmp_path: Path, warehouse: Path) -> None:
    (tmp_path / "d").mkdir()
    with pytest.raises(DeliveryError, match="no extract files found"):
        load_delivery(tmp_path / "d", warehouse)


def test_quarantined_rows_land_after_the_code_list_is_extended(
    tmp_path: Path, warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [beschikking(beschikking_id=f"G{i}") for i in range(12)]
    rows.append(beschikking(beschikking_id="NEW", productcategorie="19"))
    rows.append(beschikking(beschikking_id="BADBSN", bsn=BSN_INVALID))
    write_csv(tmp_path / "d" / "beschikkingen.csv", rows, "beschikkingen")
    load_delivery(tmp_path / "d", warehouse)
    assert query(warehouse, "select count(*) from raw.quarantine") == [(2,)]

    # nothing changed in the code lists: nothing is released
    unchanged = reload_quarantine(warehouse)
    assert (unchanged.retried, unchanged.released, unchanged.not_retryable) == (1, 0, 1)

    extended = frozenset({*code_list_per_wet("productcategorie"), ("WMO", "19")})
    monkeypatch.setattr(
        validate_module,
        "code_list_per_wet",
        lambda name: extended if name == "productcategorie" else code_list_per_wet(name),
    )
    report = reload_quarantine(warehouse)
    assert (report.retried, report.released, report.still_quarantined) == (1, 1, 0)
    assert report.not_retryable == 1
    landed = query(
        warehouse,
        "select beschikking_id, productcategorie, bsn_pseudoniem, _source_file, _row_number "
        "from raw.beschikkingen where beschikking_id = 'NEW'",
    )
    assert landed == [("NEW", "19", pseudo(BSN_A), "beschikkingen.csv", 14)]
    assert query(warehouse, "select row_number, field from raw.quarantine") == [(15, "bsn")]
    log = query(
        warehouse,
        "select file_format, rows_read, rows_landed, rows_quarantined, rows_duplicate "
        "from raw.load_log order by batch_id",
    )
    assert log == [("csv", 14, 12, 2, 0), ("quarantine", 1, 1, 0, 0)]


def test_released_rows_count_the_versions_they_replace(
    tmp_path: Path, warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [beschikking(beschikking_id=f"G{i}") for i in range(4)]
    rows += [beschikking(beschikking_id="NEW", productcategorie="19", volume=v) for v in "34"]
    write_csv(tmp_path / "d" / "beschikkingen.csv", rows, "beschikkingen")
    load_delivery(tmp_path / "d", warehouse, max_invalid_share=0.5)
    extended = frozenset({*code_list_per_wet("productcategorie"), ("WMO", "19")})
    monkeypatch.setattr(
        validate_module,
        "code_list_per_wet",
        lambda name: extended if name == "productcategorie" else code_list_per_wet(name),
    )
    assert reload_quarantine(warehouse).released == 2
    log = query(
        warehouse,
        "select file_format, rows_read, rows_landed, rows_quarantined, rows_version_replaced "
        "from raw.load_log order by batch_id",
    )
    # the retry lands both versions of NEW: the one from row 7 replaces the one from row 6
    assert log == [("csv", 6, 4, 2, 0), ("quarantine", 2, 2, 0, 1)]
