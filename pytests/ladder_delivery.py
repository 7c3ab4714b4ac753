"""A hand-made delivery whose suppression needs many rounds: a ladder of small cells.

In March 2023 six Wmo productcategorieen (01..06) get instroom split into nieuw (n), herindicatie
(h) and geen herindicatie (g) as below; nothing else happens in 2023 (the reporting window,
rapportage_start 2023-01-01; a verwijzer registered on 2023-12-31 sets the knowledge date):

    category   n   h   g        the suppression of mart_gebruik in March (threshold 5):
    01         0   5   0        primary: 02 h (2); each round reaches one step further through
    02         9   2   0        the row groups (a column over the categories) and the column
    03         7   6   6        groups (n + h + g = instroom, h + netto = instroom), as traced
    04         0   0   8        for the same counts in seed fixture_suppressie (2024-07): seven
    05         0   6  11        rounds; the months of the quarter and the quarters of the year
    06         8   7   5        add more.

- nieuw: a client without any earlier Wmo voorziening starts on 2023-03-01;
- herindicatie: a client whose voorziening of the same product and omvang ended on 2023-02-28
  (started 2022-01-01) continues on 2023-03-01;
- geen herindicatie: a client whose earlier voorziening of the category ended in 2021 starts again
  on 2023-03-15.
"""

from __future__ import annotations

from pathlib import Path

from conftest import write_csv
from handmade_delivery import bsn

LADDER = {
    "01": (0, 5, 0),
    "02": (9, 2, 0),
    "03": (7, 6, 6),
    "04": (0, 0, 8),
    "05": (0, 6, 11),
    "06": (8, 7, 5),
}


def _beschikking(bid: str, person: int, cat: str, ingang: str, eind: str) -> dict[str, str]:
    return {
        "beschikking_id": bid,
        "registratiedatum": ingang,
        "bsn": bsn(100 + person),
        "geboortedatum": "1950-01-01",
        "geslacht": "V",
        "postcode": "9999 AA",
        "wijk_code": "WK999900",
        "huishouden_id": f"L{person}",
        "gemeente_code": "",
        "wet": "WMO",
        "aanvraagdatum": ingang,
        "besluitdatum": ingang,
        "ingangsdatum": ingang,
        "einddatum": eind,
        "productcategorie": cat,
        "productcode": f"{cat}A01",
        "product_omschrijving": f"Product {cat}",
        "volume": "3",
        "eenheid": "04",
        "frequentie": "2",
        "tarief": "30.00",
        "leveringsvorm": "ZIN",
        "aanbieder_agb": "01234567",
        "aanbieder_naam": "Zorg BV",
        "verwijzer_id": "",
        "verwijzer_type": "01",
        "reden_beeindiging": "",
        "ingetrokken": "nee",
    }


def beschikkingen() -> list[dict[str, str]]:
    rows = []
    person = 0
    for cat, (n, h, g) in LADDER.items():
        for _ in range(n):
            person += 1
            rows.append(_beschikking(f"N{person}", person, cat, "2023-03-01", "2023-12-31"))
        for _ in range(h):
            person += 1
            rows.append(_beschikking(f"P{person}", person, cat, "2022-01-01", "2023-02-28"))
            rows.append(_beschikking(f"H{person}", person, cat, "2023-03-01", "2023-12-31"))
        for _ in range(g):
            person += 1
            rows.append(_beschikking(f"Q{person}", person, cat, "2021-01-01", "2021-06-30"))
            rows.append(_beschikking(f"G{person}", person, cat, "2023-03-15", "2023-12-31"))
    return rows


def write_ladder_delivery(folder: Path) -> Path:
    write_csv(folder / "beschikkingen.csv", beschikkingen(), "beschikkingen")
    write_csv(
        folder / "verwijzers.csv",
        [
            {
                "verwijzer_id": "V1",
                "registratiedatum": "2023-12-31",
                "verwijzer_type": "02",
                "naam": "Huisartsenpraktijk De Linde",
                "agb_code": "01000001",
            }
        ],
        "verwijzers",
    )
    return folder
