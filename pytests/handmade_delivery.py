"""A small hand-made delivery whose monitor figures are computed by hand in test_marts_handmade.py.

Eight clients in six households, all in 2021 (rapportage_start 2021-01-01). The story per client:

WMO
- c1 (HH1): A hbh 01A01 3 u/week 2021-01-01..06-30, then B with the same product and omvang from
  2021-07-01, open-ended: a herindicatie.
- c2 (HH2): C begeleiding 02A01 4 u/week from 2021-03-15 (decided 2021-03-20: retroactive, and 64
  days after the aanvraag: not in time), ending 2021-09-30 as registered first; a correction
  registered 2021-10-01 ends it on 2021-06-30. D hbh 01A01 2 u/week 2021-05-01..12-31.
- c3 (HH3): E begeleiding 2021-02-01..02-28 and F, same product and omvang, from 2021-03-02 to
  04-30: a gap of one day, so no herindicatie.
- c4 (HH4): G, withdrawn by a later version: it counts nowhere.
JW
- c5 (HH1, with c1): H ambulant 45A01 via the huisarts, 10 u/month, 2021-01-10..12-31.
- c6 (HH5): I ambulant via the gemeente from 2021-02-01 (open) and J 31A01 via the huisarts
  2021-02-15..05-31.
PW
- c7 (HH1): U1 PW 2021-01-01..08-31, ends for work; 1,200 a month; 18 h/week in July and August.
- c8 (HH6): U2 IOAW from 2021-03-01, decided 2021-03-10; 1,000 a month.
Declaraties
- A: January..June 390 each (toegewezen); February credited (C 390) and claimed again at 360;
  a rejected 100 in March. H: one 4-week period 2021-01-25..02-21 (period 2) of 560.
"""

from __future__ import annotations

from pathlib import Path

from conftest import write_csv


def bsn(n: int) -> str:
    """The n-th valid BSN of a fixed series (11-proof), for hand-made fixtures."""
    found = 0
    prefix = 10_000_000
    while True:
        digits = str(prefix)
        total = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        check = total % 11
        if check < 10:
            found += 1
            if found == n:
                return digits + str(check)
        prefix += 1


CLIENTS = {
    "c1": (bsn(1), "HH1", "WK999900", "1940-02-01"),
    "c2": (bsn(2), "HH2", "WK999901", "1950-05-05"),
    "c3": (bsn(3), "HH3", "WK999901", "1945-03-03"),
    "c4": (bsn(4), "HH4", "WK999902", "1948-04-04"),
    "c5": (bsn(5), "HH1", "WK999900", "2012-01-01"),
    "c6": (bsn(6), "HH5", "WK999903", "2010-06-06"),
    "c7": (bsn(7), "HH1", "WK999900", "1980-07-07"),
    "c8": (bsn(8), "HH6", "WK999904", "1962-08-08"),
}

PRODUCTS = {
    # a BSN typed into a description: masked at load (test_free_text_bsns_reach_no_table)
    "01A01": (
        "WMO",
        "01",
        "Hulp bij het huishouden (client 1112.22.333)",
        "04",
        "2",
        "30.00",
        "01",
    ),
    "02A01": ("WMO", "02", "Begeleiding individueel", "04", "2", "60.00", "01"),
    "45A01": ("JW", "45", "Jeugdhulp ambulant", "04", "4", "80.00", "02"),
    "31A01": ("JW", "31", "Wijkteam", "04", "4", "70.00", "02"),
}


def _beschikking(
    bid: str,
    client: str,
    product: str,
    volume: str,
    aanvraag: str,
    besluit: str,
    ingang: str,
    eind: str,
    registratie: str | None = None,
    ingetrokken: str = "nee",
    verwijzer_type: str | None = None,
    verwijzer_id: str = "",
) -> dict[str, str]:
    b, hh, wijk, geboren = CLIENTS[client]
    wet, cat, omschrijving, eenheid, freq, tarief, vtype = PRODUCTS[product]
    return {
        "beschikking_id": bid,
        "registratiedatum": registratie or besluit,
        "bsn": b,
        "geboortedatum": geboren,
        "geslacht": "V",
        "postcode": "9999 AA",
        "wijk_code": wijk,
        "huishouden_id": hh,
        "gemeente_code": "",
        "wet": wet,
        "aanvraagdatum": aanvraag,
        "besluitdatum": besluit,
        "ingangsdatum": ingang,
        "einddatum": eind,
        "productcategorie": cat,
        "productcode": product,
        "product_omschrijving": omschrijving,
        "volume": volume,
        "eenheid": eenheid,
        "frequentie": freq,
        "tarief": tarief,
        "leveringsvorm": "ZIN",
        "aanbieder_agb": "01234567",
        "aanbieder_naam": "Zorg BV",
        "verwijzer_id": verwijzer_id,
        "verwijzer_type": verwijzer_type or vtype,
        "reden_beeindiging": "",
        "ingetrokken": ingetrokken,
    }


BESCHIKKINGEN = [
    _beschikking("A", "c1", "01A01", "3", "2020-12-01", "2020-12-20", "2021-01-01", "2021-06-30"),
    _beschikking("B", "c1", "01A01", "3", "2021-06-01", "2021-06-15", "2021-07-01", ""),
    _beschikking("C", "c2", "02A01", "4", "2021-01-15", "2021-03-20", "2021-03-15", "2021-09-30"),
    _beschikking(
        "C",
        "c2",
        "02A01",
        "4",
        "2021-01-15",
        "2021-03-20",
        "2021-03-15",
        "2021-06-30",
        registratie="2021-10-01",
    ),
    _beschikking("D", "c2", "01A01", "2", "2021-04-01", "2021-04-20", "2021-05-01", "2021-12-31"),
    _beschikking("E", "c3", "02A01", "4", "2021-01-05", "2021-01-20", "2021-02-01", "2021-02-28"),
    _beschikking("F", "c3", "02A01", "4", "2021-02-10", "2021-02-25", "2021-03-02", "2021-04-30"),
    _beschikking("G", "c4", "01A01", "3", "2021-01-10", "2021-02-01", "2021-02-01", ""),
    _beschikking(
        "G",
        "c4",
        "01A01",
        "3",
        "2021-01-10",
        "2021-02-01",
        "2021-02-01",
        "",
        registratie="2021-02-15",
        ingetrokken="ja",
    ),
    _beschikking(
        "H",
        "c5",
        "45A01",
        "10",
        "2020-12-10",
        "2021-01-05",
        "2021-01-10",
        "2021-12-31",
        verwijzer_id="V1",
    ),
    _beschikking(
        "I", "c6", "45A01", "8", "2021-01-10", "2021-01-25", "2021-02-01", "", verwijzer_type="01"
    ),
    _beschikking("J", "c6", "31A01", "6", "2021-01-20", "2021-02-10", "2021-02-15", "2021-05-31"),
]


def _declaratie(
    did: str,
    beschikking: str,
    client: str,
    product: str,
    begin: str,
    eind: str,
    bedrag: str,
    dc: str = "D",
    status: str = "toegewezen",
) -> dict[str, str]:
    wet, cat, *_ = PRODUCTS[product]
    return {
        "declaratie_id": did,
        "registratiedatum": eind,
        "beschikking_id": beschikking,
        "bsn": CLIENTS[client][0],
        "wet": wet,
        "productcategorie": cat,
        "productcode": product,
        "periode_begin": begin,
        "periode_eind": eind,
        "volume": "13",
        "eenheid": "04",
        "bedrag": bedrag,
        "debet_credit": dc,
        "status": status,
        "aanbieder_agb": "01234567",
        "ingediend_op": eind,
    }


MONTH_ENDS = ["01-31", "02-28", "03-31", "04-30", "05-31", "06-30"]
DECLARATIES = [
    _declaratie(f"DA{m}", "A", "c1", "01A01", f"2021-{m:02d}-01", f"2021-{e}", "390.00")
    for m, e in enumerate(MONTH_ENDS, start=1)
] + [
    _declaratie("DA2C", "A", "c1", "01A01", "2021-02-01", "2021-02-28", "390.00", dc="C"),
    _declaratie("DA2N", "A", "c1", "01A01", "2021-02-01", "2021-02-28", "360.00"),
    _declaratie(
        "DA3R", "A", "c1", "01A01", "2021-03-01", "2021-03-31", "100.00", status="afgewezen"
    ),
    _declaratie("DH1", "H", "c5", "45A01", "2021-01-25", "2021-02-21", "560.00"),
]


def _uitkering(
    uid: str,
    client: str,
    regeling: str,
    leefvorm: str,
    aanvraag: str,
    besluit: str,
    ingang: str,
    eind: str,
    reden: str,
    maand: int,
    bedrag: str,
    uren: str = "",
) -> dict[str, str]:
    b, hh, wijk, geboren = CLIENTS[client]
    return {
        "uitkering_id": uid,
        "registratiedatum": f"2021-{maand:02d}-28",
        "betaalmaand": f"2021-{maand:02d}",
        "bsn": b,
        "geboortedatum": geboren,
        "geslacht": "M",
        "postcode": "9999 AB",
        "wijk_code": wijk,
        "huishouden_id": hh,
        "gemeente_code": "",
        "regeling": regeling,
        "leefvorm": leefvorm,
        "aanvraagdatum": aanvraag,
        "besluitdatum": besluit,
        "ingangsdatum": ingang,
        "einddatum": eind,
        "uitstroomreden": reden,
        "bedrag": bedrag,
        "uren_per_week": uren,
    }


UITKERINGEN = [
    _uitkering(
        "U1",
        "c7",
        "PW",
        "alleenstaand",
        "2020-12-01",
        "2020-12-20",
        "2021-01-01",
        "2021-08-31",
        "werk_dienstbetrekking",
        m,
        "1200,00",
        "18" if m >= 7 else "",
    )
    for m in range(1, 9)
] + [
    _uitkering(
        "U2",
        "c8",
        "IOAW",
        "gehuwd",
        "2021-02-01",
        "2021-03-10",
        "2021-03-01",
        "",
        "",
        m,
        "1000,00",
    )
    for m in range(3, 13)
]

VERWIJZERS = [
    {
        "verwijzer_id": "V1",
        "registratiedatum": "2021-12-31",
        "verwijzer_type": "02",
        # a BSN typed into a name: masked at load, so the mart of verwijzers shows [bsn]
        "naam": "Huisartsenpraktijk De Linde, bsn 123456782",
        "agb_code": "01000001",
    }
]


def write_delivery(folder: Path) -> Path:
    write_csv(folder / "beschikkingen.csv", BESCHIKKINGEN, "beschikkingen")
    write_csv(folder / "declaraties.csv", DECLARATIES, "declaraties", sep=",")
    write_csv(folder / "uitkeringen.csv", UITKERINGEN, "uitkeringen", encoding="cp1252")
    write_csv(folder / "verwijzers.csv", VERWIJZERS, "verwijzers")
    return folder
