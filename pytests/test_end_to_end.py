"""End to end on the demo municipality: generate → load → dbt build (every model and dbt test).

This is the run the README's demo command makes (`sdw build`: dbt build with every test, then the
privacy audit), on a warehouse of its own; it is the test that proves the whole project builds
with all dbt tests green on realistic data.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DEMO_INWONERS, query

from ingest.scan import scan_database

INWONERS = DEMO_INWONERS


@pytest.fixture(scope="module")
def built(demo_built: Path) -> Path:
    return demo_built


def test_every_file_reconciles_in_the_load_log(built: Path) -> None:
    rows = query(
        built,
        "select source_file, rows_read, rows_landed + rows_quarantined + rows_duplicate "
        "from raw.load_log order by 1",
    )
    assert [r[0] for r in rows] == [
        "beschikkingen.csv",
        "declaraties.csv",
        "uitkeringen.csv",
        "verwijzers.csv",
    ]
    for name, read, accounted in rows:
        assert read == accounted, name


def test_broken_rows_are_quarantined_by_reason(built: Path) -> None:
    fields = {
        (str(e), str(f))
        for e, f in query(built, "select distinct extract, field from raw.quarantine")
    }
    assert ("beschikkingen", "bsn") in fields
    assert ("beschikkingen", "einddatum") in fields
    assert ("beschikkingen", "productcategorie") in fields
    reasons = {str(r[0]).split(":")[0] for r in query(built, "select reason from raw.quarantine")}
    assert "BSN fails the 11-proof" in reasons
    assert "einddatum lies before ingangsdatum" in reasons
    assert any(r.startswith("not a date") for r in reasons)


def test_core_facts_hold_every_current_beschikking(built: Path) -> None:
    (raw_current,) = query(
        built,
        "select count(*) from (select beschikking_id, max_by(ingetrokken, "
        "(registratiedatum, _batch_id, _row_number)) as ingetrokken "
        "from raw.beschikkingen group by 1) where not ingetrokken",
    )
    (facts,) = query(built, "select count(*) from core.fct_voorziening")
    assert facts == raw_current
    assert facts[0] > 1_000


def test_demo_scale_is_realistic(built: Path) -> None:
    # Wmo clients active on 2023-06-30 per 1,000 inhabitants: about 72 nationally
    ((wmo,),) = query(
        built,
        "select count(distinct client_id) from core.fct_voorziening where wet_code = 'WMO' "
        "and ingangsdatum <= date '2023-06-30' "
        "and (einddatum is null or einddatum >= date '2023-06-30')",
    )
    assert 55 <= wmo * 1000 / INWONERS <= 90


def test_no_bsn_in_clear_in_any_table(built: Path) -> None:
    assert scan_database(built) == []


def test_not_null_constraints_are_enforced_in_the_warehouse(built: Path) -> None:
    """Columns of contracted models declare not_null as a constraint instead of a data test (one
    check while the table is written instead of one query per column): the built tables must
    carry NOT NULL for every such column, or the constraint checks nothing."""
    manifest = json.loads((built.parent / "target" / "manifest.json").read_text(encoding="utf-8"))
    declared: set[tuple[str, str, str]] = set()
    for node in manifest["nodes"].values():
        if node["resource_type"] != "model":
            continue
        for column in node["columns"].values():
            if any(c["type"] == "not_null" for c in column.get("constraints", [])):
                declared.add((node["schema"], node["alias"], column["name"]))
    assert len(declared) > 200  # the core facts and dimensions and the published marts
    rows = query(
        built,
        "select table_schema, table_name, column_name from information_schema.columns "
        "where is_nullable = 'NO'",
    )
    assert declared - set(rows) == set()


def test_suppression_leaves_only_its_audit_tables(built: Path) -> None:
    """Each suppressed mart builds nine work tables and drops them all again (macro
    sdc_drop_tables: one statement on DuckDB); what stays in the suppression schema is, per mart,
    the group members and locked cells the privacy audit reads, and the audit's own two tables."""
    manifest = json.loads((built.parent / "target" / "manifest.json").read_text(encoding="utf-8"))
    marts = [
        node["alias"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["config"]["materialized"] == "suppressed_table"
    ]
    assert len(marts) == 29  # 26 published marts and 3 fixtures
    expected = {f"{mart}__{part}" for mart in marts for part in ("leden", "vast")}
    rows = query(
        built,
        "select table_name from information_schema.tables where table_schema = 'suppressie'",
    )
    assert {name for (name,) in rows} == expected | {"extra_cellen", "instellingen"}


WORDS = {
    "mart_gebruik": ("productcategorie_code", "productcategorie_omschrijving"),
    "mart_gebruik_wijk": ("wijk_code", "wijk_naam"),
    "mart_financien_productcategorie": ("productcategorie_code", "productcategorie_omschrijving"),
    "mart_financien_realisatie_maand": ("productcategorie_code", "productcategorie_omschrijving"),
    "mart_financien_prognose": ("productcategorie_code", "productcategorie_omschrijving"),
    "mart_financien_declaratie_kwaliteit": (
        "beschikking_status_code",
        "beschikking_status_omschrijving",
    ),
    "mart_participatie_bestand": ("regeling_code", "regeling_omschrijving"),
    "mart_participatie_uitstroomreden": ("uitstroomreden_code", "uitstroomreden_omschrijving"),
    "mart_gebruik_instroom_verwijzer": ("verwijzer_type_code", "verwijzer_type_omschrijving"),
    "mart_gebruik_leeftijd": ("productcategorie_code", "productcategorie_omschrijving"),
}


def test_every_code_in_the_marts_has_its_words(built: Path) -> None:
    for mart, (code, words) in WORDS.items():
        missing = query(built, f"select count(*) from marts.{mart} where {words} is null")
        assert missing == [(0,)], mart
        totaal = query(built, f"select distinct {words} from marts.{mart} where {code} = 'totaal'")
        assert totaal == [("Totaal",)], mart
    assert query(
        built,
        "select distinct regeling_omschrijving from marts.mart_participatie_bestand "
        "where regeling_code = 'PW'",
    ) == [("Algemene bijstand (Participatiewet)",)]
    assert query(
        built,
        "select distinct wijk_naam from marts.mart_gebruik_wijk where wijk_code = 'onbekend'",
    ) == [("Onbekend",)]
