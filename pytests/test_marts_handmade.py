"""Monitor figures on the small hand-made delivery of handmade_delivery.py, against values
computed by hand (the working is in the comments). The warehouse is built three times: with the
threshold at 1 (nothing suppressed) for exact figures, as known on 2021-08-31, and with the
default threshold of 5 to see suppression."""

from __future__ import annotations

import json
import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import dbt_command, query
from handmade_delivery import write_delivery

from ingest.load import load_delivery
from ingest.scan import scan_database

EXACT = {"min_celgrootte": 1, "rapportage_start": "2021-01-01"}


def dbt(warehouse: Path, root: Path, command: str, variables: dict[str, object]) -> None:
    result = dbt_command(warehouse, root, command, "--vars", json.dumps(variables))
    if result.returncode != 0:
        lines = [ln for ln in result.stdout.splitlines() if "FAIL" in ln or "ERROR" in ln]
        pytest.fail(f"dbt {command} failed:\n" + "\n".join(lines[-30:] or [result.stdout[-3000:]]))


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("handmade")
    os.environ["SDW_PSEUDO_KEY"] = (
        "7e1d3c5b9a0f2e4d6c8b1a3f5e7d9c0b2a4f6e8d0c2b4a6f8e0d2c4b6a8f0e1d"
    )
    warehouse = root / "handmade.duckdb"
    load_delivery(write_delivery(root / "delivery"), warehouse)
    dbt(warehouse, root, "build", EXACT)  # every dbt test must pass on this delivery too
    return warehouse


def one(warehouse: Path, sql: str) -> tuple[object, ...]:
    rows = query(warehouse, sql)
    assert len(rows) == 1, rows
    return rows[0]


GEBRUIK = (
    "select periode_label, aantal_unieke_clienten, aantal_actieve_voorzieningen, aantal_instroom, "
    "aantal_instroom_nieuw, aantal_instroom_herindicatie, aantal_instroom_geen_herindicatie, "
    "aantal_nieuwe_clienten, aantal_netto_instroom, aantal_uitstroom, "
    "aantal_uitstroom_herindicatie, aantal_netto_uitstroom from marts.mart_gebruik "
    "where wet_code = 'WMO' and productcategorie_code = 'totaal' "
    "and periode_label in ('2021-03', '2021-06', '2021-07', '2021-K1', '2021') order by 1"
)


def test_wmo_flows_with_herindicatie_and_netto(warehouse: Path) -> None:
    # columns: unique clients, active voorzieningen, instroom (nieuw, herindicatie, geen),
    # nieuwe clients, netto instroom, uitstroom, uitstroom continued by a herindicatie, netto
    assert query(warehouse, GEBRUIK) == [
        # 2021: A E C nieuw, B herindicatie, F (gap of a day) and D (other product) geen;
        # E F A C D end, A's end is continued by B. G (withdrawn) counts nowhere.
        ("2021", 3, 6, 6, 3, 1, 2, 3, 5, 5, 1, 4),
        # March: A, C (from 03-15, decided late) and F active; C nieuw, F geen herindicatie
        ("2021-03", 3, 3, 2, 1, 0, 1, 1, 2, 0, 0, 0),
        # June: A ends (continued by B in July) and C ends (corrected to 06-30)
        ("2021-06", 2, 3, 0, 0, 0, 0, 0, 0, 2, 1, 1),
        # July: B starts the day after A ended with the same product and omvang
        ("2021-07", 2, 2, 1, 0, 1, 0, 0, 0, 0, 0, 0),
        # first quarter: unique clients distinct over the quarter, instroom A E C F
        ("2021-K1", 3, 4, 4, 3, 0, 1, 3, 4, 1, 0, 1),
    ]
    # per productcategorie in March: 01 holds A, 02 holds C and F
    assert query(
        warehouse,
        "select productcategorie_code, aantal_unieke_clienten, aantal_actieve_voorzieningen, "
        "aantal_instroom from marts.mart_gebruik where wet_code = 'WMO' "
        "and periode_label = '2021-03' order by 1",
    ) == [("01", 1, 1, 0), ("02", 2, 2, 2), ("totaal", 3, 3, 2)]


def test_use_per_wijk_and_verwijzer(warehouse: Path) -> None:
    # March: c1 lives in WK999900, c2 and c3 in WK999901
    assert query(
        warehouse,
        "select wijk_code, aantal_unieke_clienten from marts.mart_gebruik_wijk "
        "where wet_code = 'WMO' and periode_label = '2021-03' and aantal_unieke_clienten > 0 "
        "order by 1",
    ) == [("WK999900", 1), ("WK999901", 2), ("totaal", 3)]
    # Jeugd instroom 2021: H and J via the huisarts (02), I via the gemeente (01)
    assert query(
        warehouse,
        "select verwijzer_type_code, aantal_instroom from marts.mart_gebruik_instroom_verwijzer "
        "where wet_code = 'JW' and periode_label = '2021' and aantal_instroom > 0 order by 1",
    ) == [("01", 1), ("02", 2), ("totaal", 3)]


def test_tijdigheid(warehouse: Path) -> None:
    # WMO besluiten in 2021: E (15 days), F (15), C (64: late), D (19), B (14); G is withdrawn
    # JW: H (26), I (15), J (21); PW: U2 (37); U1 was decided in 2020
    rows = query(
        warehouse,
        "select wet_code, aantal_besluiten, aantal_besluiten_tijdig, aantal_besluiten_niet_tijdig, "
        "aandeel_tijdig, is_doel_gehaald from marts.mart_tijdigheid "
        "where periode_label = '2021' order by wet_code",
    )
    assert [(w, b, t, n, round(float(a), 4), g) for w, b, t, n, a, g in rows] == [
        ("JW", 3, 3, 0, 1.0, True),
        ("PW", 1, 1, 0, 1.0, True),
        ("WMO", 5, 4, 1, 0.8, False),
    ]


def test_wachttijd_median_of_an_even_count(warehouse: Path) -> None:
    # WMO wachttijd by ingangsdatum 2021: A 12, B 16, C 0 (retroactive), D 11, E 12, F 5
    # sorted 0 5 11 12 12 16: median (11 + 12) / 2 = 11.5. JW: H 5, I 7, J 5: median 5
    rows = query(
        warehouse,
        "select wet_code, aantal_voorzieningen, mediaan_wachttijd_dagen, "
        "aantal_wachttijd_langer_dan_42 from marts.mart_wachttijd "
        "where periode_label = '2021' order by wet_code",
    )
    assert [(w, n, float(m), x) for w, n, m, x in rows] == [("JW", 3, 5.0, 0), ("WMO", 6, 11.5, 0)]


def test_stapeling_binnen_wet_on_a_peildatum(warehouse: Path) -> None:
    # 2021-05-31: c1 has A (1 product), c2 has C and D (2); c3's F ended 04-30
    rows = query(
        warehouse,
        "select stapeling_klasse, aantal_clienten from marts.mart_stapeling_binnen_wet "
        "where wet_code = 'WMO' and peildatum = date '2021-05-31' order by stapeling_klasse",
    )
    assert rows == [("1", 1), ("2", 1), ("3", 0), ("4+", 0), ("totaal", 2)]
    # 2021-03-31: JW c5 H (1 product), c6 I + J (2)
    rows = query(
        warehouse,
        "select stapeling_klasse, aantal_clienten from marts.mart_stapeling_binnen_wet "
        "where wet_code = 'JW' and peildatum = date '2021-03-31' and aantal_clienten > 0 "
        "order by stapeling_klasse",
    )
    assert rows == [("1", 1), ("2", 1), ("totaal", 2)]


def test_stapeling_over_wetten_per_household(warehouse: Path) -> None:
    # 2021-03-31: HH1 = c1 WMO + c5 JW + c7 PW; HH2 WMO; HH3 WMO; HH5 JW; HH6 PW
    rows = query(
        warehouse,
        "select wetten_combinatie, aantal_huishoudens from marts.mart_stapeling_wetten "
        "where peildatum = date '2021-03-31' and aantal_huishoudens > 0 order by 1",
    )
    assert rows == [("JW", 1), ("PW", 1), ("WMO", 2), ("WMO+JW+PW", 1), ("totaal", 5)]
    # 2021-09-30: U1 ended 08-31, so HH1 is WMO+JW; HH3 has nothing active
    rows = query(
        warehouse,
        "select wetten_combinatie, aantal_huishoudens from marts.mart_stapeling_wetten "
        "where peildatum = date '2021-09-30' and aantal_huishoudens > 0 order by 1",
    )
    assert rows == [("JW", 1), ("PW", 1), ("WMO", 1), ("WMO+JW", 1), ("totaal", 4)]


def test_jeugd_verwijzer_split_and_zwaarte(warehouse: Path) -> None:
    # March: c5 only huisarts; c6 gemeente (I) and huisarts (J). June: J has ended.
    rows = query(
        warehouse,
        "select periode_label, verwijzer_groep, aantal_unieke_jeugdigen "
        "from marts.mart_jeugd_verwijzer_split "
        "where periode_label in ('2021-03', '2021-06', '2021') order by 1, 2",
    )
    assert rows == [
        ("2021", "alleen_gemeente", 0),
        ("2021", "alleen_niet_gemeente", 1),
        ("2021", "beide", 1),
        ("2021", "totaal", 2),
        ("2021-03", "alleen_gemeente", 0),
        ("2021-03", "alleen_niet_gemeente", 1),
        ("2021-03", "beide", 1),
        ("2021-03", "totaal", 2),
        ("2021-06", "alleen_gemeente", 1),
        ("2021-06", "alleen_niet_gemeente", 1),
        ("2021-06", "beide", 0),
        ("2021-06", "totaal", 2),
    ]
    # March: H and I are 45 (middel), J is 31 (licht)
    rows = query(
        warehouse,
        "select zwaarte, aantal_actieve_voorzieningen, aantal_unieke_jeugdigen "
        "from marts.mart_jeugd_zwaarte where periode_label = '2021-03' order by 1",
    )
    assert rows == [
        ("licht", 1, 1),
        ("middel", 2, 2),
        ("onbekend", 0, 0),
        ("totaal", 3, 2),
        ("zwaar", 0, 0),
    ]
    assert one(
        warehouse,
        "select aantal_jeugdigen_in_zorg, aantal_jeugdigen_lange_zorginzet "
        "from marts.mart_jeugd_lange_zorg where peildatum = date '2021-12-31'",
    ) == (2, 0)


def test_verplichting_realisatie_and_cost_per_client(warehouse: Path) -> None:
    # WMO 01 (A, B, D): A 3 u/wk x 181 days / 7 x 30 = 2,327.142857; B 3 x 184 / 7 x 30 =
    # 2,365.714286; D 2 x 245 / 7 x 30 = 2,100: 6,792.86. Realisatie: 6 x 390, February
    # credited (-390) and claimed at 360, the rejected 100 left out: 2,310.00; clients c1, c2.
    # WMO 02 (C to 06-30 as corrected: 108 days, E 28, F 60): 4 x 196 / 7 x 60 = 6,720.00.
    # JW 45: H 10 u/month x (22/31 + 11) x 80 = 9,367.741935; I 8 x 11 x 80 = 7,040: 16,407.74.
    # JW 31: J 6 x (14/28 + 3) x 70 = 1,470.00. JW 45 realisatie: the 4-week claim of 560.
    rows = query(
        warehouse,
        "select wet_code, productcategorie_code, aantal_voorzieningen, bedrag_verplichting, "
        "bedrag_realisatie, aantal_unieke_clienten, bedrag_gemiddelde_kosten_per_client "
        "from marts.mart_financien_productcategorie where periode_label = '2021' "
        "and productcategorie_code <> 'totaal' and aantal_voorzieningen > 0 order by 1, 2",
    )
    assert rows == [
        ("JW", "31", 1, Decimal("1470.00"), Decimal("0.00"), 1, Decimal("0.00")),
        ("JW", "45", 2, Decimal("16407.74"), Decimal("560.00"), 2, Decimal("280.00")),
        ("WMO", "01", 3, Decimal("6792.86"), Decimal("2310.00"), 2, Decimal("1155.00")),
        ("WMO", "02", 3, Decimal("6720.00"), Decimal("0.00"), 2, Decimal("0.00")),
    ]
    (graad,) = one(
        warehouse,
        "select aandeel_verzilvering from marts.mart_financien_productcategorie "
        "where periode_label = '2021' and wet_code = 'WMO' and productcategorie_code = '01'",
    )
    assert round(float(graad), 4) == round(2310 / (16290 / 7 + 16560 / 7 + 2100), 4)


def test_realisatie_by_month_delivered(warehouse: Path) -> None:
    # the 4-week period 2021-01-25..02-21 (28 days): 7 days in January, 21 in February;
    # WMO February: 390 - 390 (credit) + 360; March: the rejected 100 does not count
    rows = query(
        warehouse,
        "select wet_code, periode_label, bedrag_realisatie "
        "from marts.mart_financien_realisatie_maand "
        "where periode_type = 'maand' and productcategorie_code in ('01', '45') "
        "and periode_label in ('2021-01', '2021-02', '2021-03') order by 1, 2",
    )
    assert rows == [
        ("JW", "2021-01", Decimal("140.00")),
        ("JW", "2021-02", Decimal("420.00")),
        ("WMO", "2021-01", Decimal("390.00")),
        ("WMO", "2021-02", Decimal("360.00")),
        ("WMO", "2021-03", Decimal("390.00")),
    ]


def test_participatie_figures(warehouse: Path) -> None:
    # March: U1 (PW) and U2 (IOAW, new); August: U1 ends for work; July: 18 h = 0.5 FTE
    rows = query(
        warehouse,
        "select periode_label, regeling_code, aantal_uitkeringen, aantal_instroom, "
        "aantal_uitstroom, "
        "aantal_uitstroom_naar_werk, werk_fte from marts.mart_participatie_bestand "
        "where periode_label in ('2021-03', '2021-07', '2021-08') and regeling_code = 'totaal' "
        "order by 1",
    )
    assert [(p, r, u, i, o, w, float(f)) for p, r, u, i, o, w, f in rows] == [
        ("2021-03", "totaal", 2, 1, 0, 0, 0.0),
        ("2021-07", "totaal", 2, 0, 0, 0, 0.5),
        ("2021-08", "totaal", 2, 0, 1, 1, 0.5),
    ]
    # begin 2021: HH1 (U1); end: HH6 (U2). Payments 8 x 1,200 + 10 x 1,000 = 19,600 over on
    # average (2 x 1 + 6 x 2 + 4 x 1) / 12 = 1.5 households: 13,066.67 each
    row = one(
        warehouse,
        "select aantal_huishoudens_begin_jaar, aantal_huishoudens_peildatum, "
        "aantal_afname_bestand, "
        "aantal_uitstroom_naar_werk, bedrag_uitkeringen_jaar, gemiddeld_aantal_huishoudens, "
        "bedrag_gemiddelde_uitkering_per_huishouden from marts.mart_participatie_jaar "
        "where periode_label = '2021'",
    )
    assert row == (1, 1, 0, 1, Decimal("19600.00"), Decimal("1.50"), Decimal("13066.67"))
    # 2021-12-31: HH6 on IOAW since 2021-03-01 (< 1 year); c8 born 1962-08-08 is 59
    assert query(
        warehouse,
        "select duur_klasse, aantal_huishoudens from marts.mart_participatie_duur "
        "where peildatum = date '2021-12-31' and aantal_huishoudens > 0 order by 1",
    ) == [("<1", 1), ("totaal", 1)]
    assert query(
        warehouse,
        "select leeftijd_klasse, aantal_clienten from marts.mart_participatie_leeftijd "
        "where peildatum = date '2021-12-31' and aantal_clienten > 0 order by 1",
    ) == [("55-AOW", 1), ("totaal", 1)]


def test_scorecard(warehouse: Path) -> None:
    rows = query(
        warehouse,
        "select wet_code, kpi_code, waarde, is_doel_gehaald from marts.rpt_scorecard "
        "where periode_label = '2021' and kpi_code in ('tijdigheid', 'uitstroom_naar_werk') "
        "order by 1, 2",
    )
    assert rows == [
        ("JW", "tijdigheid", Decimal("1.0000"), True),
        ("PW", "tijdigheid", Decimal("1.0000"), True),
        ("PW", "uitstroom_naar_werk", Decimal("1.0000"), False),
        ("WMO", "tijdigheid", Decimal("0.8000"), False),
    ]


def test_free_text_bsns_reach_no_table(warehouse: Path) -> None:
    # a BSN in the verwijzer's name and one in a product description (five rows of 01A01)
    assert query(warehouse, "select extract, bsn_screened from raw.load_log order by extract") == [
        ("beschikkingen", 5),
        ("declaraties", 0),
        ("uitkeringen", 0),
        ("verwijzers", 1),
    ]
    assert query(
        warehouse,
        "select verwijzer_naam, aantal_instroom from marts.mart_gebruik_instroom_verwijzer_naam "
        "where verwijzer_id = 'V1' and periode_label = '2021'",
    ) == [("Huisartsenpraktijk De Linde, bsn [bsn]", 1)]
    assert scan_database(warehouse) == []


def test_figures_as_known_on_a_knowledge_date_then_suppressed(warehouse: Path) -> None:
    root = warehouse.parent
    # As known on 2021-08-31, C still ended on 2021-09-30: three WMO voorzieningen active in
    # August (B, C, D) and one WMO stapeling client with two products on 2021-08-31 (c2: C + D)
    dbt(warehouse, root, "run", {**EXACT, "kennisdatum": "2021-08-31"})
    # figures are produced up to the month of the knowledge date, never after it
    assert query(warehouse, "select max(peildatum) from marts.mart_stapeling_binnen_wet") == [
        (date(2021, 8, 31),)
    ]
    assert query(
        warehouse,
        "select stapeling_klasse, aantal_clienten from marts.mart_stapeling_binnen_wet "
        "where wet_code = 'WMO' and peildatum = date '2021-08-31' and aantal_clienten > 0 "
        "order by 1",
    ) == [("1", 1), ("2", 1), ("totaal", 2)]
    # the default threshold of 5 suppresses every count from 1 to 4 and keeps zeros
    dbt(warehouse, root, "run", {"rapportage_start": "2021-01-01"})
    rows = query(
        warehouse,
        "select stapeling_klasse, aantal_clienten, aantal_clienten_is_onderdrukt "
        "from marts.mart_stapeling_binnen_wet "
        "where wet_code = 'WMO' and peildatum = date '2021-05-31' order by 1",
    )
    assert rows == [
        ("1", None, True),
        ("2", None, True),
        ("3", 0, False),
        ("4+", 0, False),
        ("totaal", None, True),
    ]
