"""Synthetic municipality: realistic raw extracts for the sociaal domein warehouse.

``generate`` simulates a population (households, persons with birth dates, sex, postcode and wijk),
then Wmo and Jeugd care spells and Participatiewet benefit spells as stationary renewal processes
(so the stock is present from the first month and stays roughly stable), cuts the care into
beschikkingen (herindicaties, omvang changes, gaps, stapeling, the administrative stop/restart of
31 December 2020, corrections, withdrawals), derives the providers' declaraties per delivered
period and the monthly benefit payments, and writes the four CSV extracts of
``docs/raw-extracts.md`` in deliberately different real-world dialects.

Everything random comes from one ``random.Random(seed)``; every output is written in a fixed
order, so the same arguments give byte-identical files.
"""

from __future__ import annotations

import csv
import math
import random
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Generic, TypeVar

from ingest.contract import EXTRACTS, SEEDS_DIR, bsn_is_valid

# --- rates and mixes ---------------------------------------------------------------------------

# Household types by share of households: (kind, share).
HOUSEHOLD_KINDS: tuple[tuple[str, float], ...] = (
    ("single", 0.38),
    ("couple", 0.29),
    ("family", 0.26),
    ("single_parent", 0.07),
)
# Age of the head of household per kind: (lowest age, highest age, weight) bands.
HEAD_AGE_BANDS: dict[str, tuple[tuple[int, int, float], ...]] = {
    "single": ((18, 24, 9), (25, 34, 17), (35, 44, 9), (45, 54, 10), (55, 64, 12),
               (65, 74, 14), (75, 84, 15), (85, 94, 7)),
    "couple": ((21, 34, 12), (35, 54, 12), (55, 64, 22), (65, 74, 28), (75, 84, 17),
               (85, 92, 4)),
    "family": ((25, 34, 20), (35, 44, 40), (45, 54, 32), (55, 62, 8)),
    "single_parent": ((22, 34, 25), (35, 44, 40), (45, 56, 35)),
}  # fmt: skip
CHILDREN_COUNT: tuple[tuple[int, float], ...] = ((1, 0.40), (2, 0.42), (3, 0.14), (4, 0.04))
BIRTHS_PER_YOUNG_FAMILY_PER_YEAR = 0.14  # families with a head under 42 get babies in range
# How geslacht is written in beschikkingen: standard 1/2, letters M/V, unknown 0, or empty.
SEX_STYLE: tuple[tuple[str, float], ...] = (("num", 0.95), ("letter", 0.04), ("0", 0.005),
                                            ("", 0.005))  # fmt: skip
SEX_CODES: dict[tuple[str, str], str] = {("num", "M"): "1", ("num", "V"): "2",
                                         ("letter", "M"): "M", ("letter", "V"): "V"}  # fmt: skip
# Gompertz mortality per year: a * exp(b * age).
MORTALITY_A, MORTALITY_B = 2.0e-5, 0.1
AOW_AGE = 67

# Propensity to be in care / on benefit at a time, by age (upper bound exclusive, share).
WMO_PROPENSITY: tuple[tuple[int, float], ...] = (
    (18, 0.0), (45, 0.022), (65, 0.045), (75, 0.11), (85, 0.28), (200, 0.55),
)  # fmt: skip
JW_PROPENSITY: tuple[tuple[int, float], ...] = (
    (4, 0.035), (12, 0.085), (18, 0.11), (23, 0.03), (200, 0.0),
)  # fmt: skip
PW_PROPENSITY: dict[str, float] = {
    "single": 0.040, "single_parent": 0.10, "family": 0.010, "couple": 0.008,
}  # fmt: skip
# Stapeling over wetten: care and benefits cluster in the same households.
JW_FACTOR_IN_PW_HOUSEHOLD = 2.0
WMO_FACTOR_IN_PW_OR_JW_HOUSEHOLD = 2.5
WMO_SCALE, JW_SCALE, PW_SCALE = 1.17, 1.0, 0.9  # calibrated to 72 / 500 / 300 per 26,000

# Spell durations: lognormal with this median (days) and sigma.
SPELL_MEDIAN_DAYS: dict[str, int] = {"WMO": 700, "JW": 600, "PW": 900}
SPELL_SIGMA: dict[str, float] = {"WMO": 0.9, "JW": 0.9, "PW": 1.0}
RETURN_PROB: dict[str, float] = {"WMO": 0.15, "JW": 0.25, "PW": 0.35}
RETURN_GAP_DAYS: dict[str, tuple[int, int]] = {
    "WMO": (300, 4 * 365), "JW": (300, 4 * 365), "PW": (60, 2 * 365),
}  # fmt: skip
BURN_IN_YEARS = 10  # the processes start this long before the history so the stock is settled
JW_END_AT_18_PROB = 0.75

# Number of distinct products in one care spell (stapeling).
STAPELING: dict[str, tuple[tuple[int, float], ...]] = {
    "WMO": ((1, 0.60), (2, 0.25), (3, 0.10), (4, 0.04), (5, 0.01)),
    "JW": ((1, 0.75), (2, 0.18), (3, 0.05), (4, 0.02)),
}
# Beschikkingen: indication lengths (days), open-ended share, and what follows one.
INDICATIE_DAYS: dict[str, tuple[int, int]] = {"WMO": (365, 3 * 365), "JW": (182, 365)}
OPEN_ENDED_PROB: dict[str, float] = {"WMO": 0.40, "JW": 0.04}
OMVANG_CHANGE_IN_OPEN_PROB = 0.15
NEXT_CONTIGUOUS, NEXT_ONE_DAY_GAP = 0.85, 0.07  # rest: a gap of 2-8 weeks
SAME_OMVANG_PROB = 0.75
PGB_PROB = 0.09
GEMEENTE_EXPLICIT_PROB = 0.10
CORRECTION_PROB = 0.03
WITHDRAWN_PROB = 0.01
EMPTY_TARIEF_PROB = 0.005
EMPTY_VOLUME_TOTAAL_PROB = 0.03
TARIEF_INDEX_PER_YEAR = 0.03
# Doorlooptijd aanvraag -> besluit: share within 8 weeks; wachttijd besluit -> ingang.
TIJDIG_PROB = 0.92
WACHTTIJD_MEAN_DAYS: dict[str, int] = {"WMO": 12, "JW": 35}
HERINDICATIE_DECIDED_DAYS: dict[str, int] = {"WMO": 21, "JW": 42}  # besluit up to this early
WACHTTIJD_MAX_DAYS: dict[str, int] = {"WMO": 60, "JW": 120}
RETROACTIVE_PROB: dict[str, float] = {"WMO": 0.10, "JW": 0.08}
OTHER_DATE_FORMAT_PROB = 0.10  # beschikkingen: ISO dates among DD-MM-YYYY
# Verwijzer type mixes.
JW_VERWIJZER_TYPES: tuple[tuple[str, float], ...] = (
    ("02", 0.46), ("01", 0.28), ("05", 0.10), ("03", 0.08), ("04", 0.04), ("06", 0.03),
    ("08", 0.01),
)  # fmt: skip
WMO_VERWIJZER_TYPES: tuple[tuple[str, float], ...] = (("01", 0.93), ("06", 0.07))
# Reden beeindiging when a product's care ends (not at a herindicatie).
REDEN_EINDE: dict[str, tuple[tuple[str, float], ...]] = {
    "WMO": (("19", 0.55), ("21", 0.08), ("22", 0.05), ("23", 0.10), ("31", 0.08),
            ("38", 0.06), ("39", 0.05), ("20", 0.03)),
    "JW": (("31", 0.50), ("32", 0.10), ("33", 0.05), ("34", 0.12), ("35", 0.05),
           ("38", 0.08), ("39", 0.06), ("20", 0.04)),
}  # fmt: skip
REDEN_PLAN = {"WMO": "19", "JW": "31"}
REDEN_OVERLIJDEN = "02"
REDEN_WIJZIGING = "37"
REDEN_GEMEENTE = "36"
REDEN_ANDER_DOMEIN = "39"
# The administrative mass stop/restart of Wmo 01/02 at the turn of 2020.
RESTART_STOP = date(2020, 12, 31).toordinal()
RESTART_CATEGORIES = frozenset({"01", "02"})
# Declaraties.
VERZILVERING_RANGE = (0.85, 1.0)
AFGEWEZEN_PROB = 0.02
RESUBMIT_AFTER_AFWIJZING_PROB = 0.5
CREDIT_PROB = 0.015
LATE_DECLARATIE_PROB = 0.03
STATUS_VERSION_PROB = 0.12  # accepted lines recorded first as ingediend, later toegewezen
PENDING_WINDOW_DAYS = 45  # lines submitted this close to the end are often still ingediend
PENDING_PROB = 0.7
WITHDRAWN_DECLARED_PROB = 0.3
# Uitkeringen.
REGELING_MIX_50_PLUS: tuple[tuple[str, float], ...] = (
    ("PW", 0.74), ("IOAW", 0.16), ("IOAZ", 0.05), ("BBZ", 0.05),
)  # fmt: skip
REGELING_MIX: tuple[tuple[str, float], ...] = (("PW", 0.95), ("BBZ", 0.05))
LEEFVORM = {
    "single": "alleenstaand", "single_parent": "alleenstaande_ouder",
    "family": "gehuwd", "couple": "gehuwd",
}  # fmt: skip
NORM_2019: dict[str, float] = {"alleenstaand": 1050.0, "alleenstaande_ouder": 1120.0,
                               "gehuwd": 1500.0}  # fmt: skip
NORM_INDEX_PER_YEAR = 0.025
PART_TIME_DOSSIER_PROB = 0.35
PART_TIME_HOURS = (8, 24)
EARNINGS_DEDUCTION_PER_HOUR = 35.0  # per weekly hour, per month
UITSTROOMREDEN: tuple[tuple[str, float], ...] = (
    ("werk_dienstbetrekking", 0.38), ("werk_zelfstandige", 0.05), ("andere_uitkering", 0.10),
    ("verhuizing", 0.12), ("samenwonen_huwelijk", 0.08), ("detentie", 0.02), ("studie", 0.05),
    ("einde_toekenningsperiode", 0.02), ("overig", 0.18),
)  # fmt: skip
BBZ_MAX_DAYS = (180, 540)

T = TypeVar("T")


# --- reference data: products, aanbieders, verwijzers ------------------------------------------


@dataclass(frozen=True, slots=True)
class Product:
    """One product of the municipality's catalogue."""

    code: str
    wet: str
    categorie: str
    omschrijving: str
    eenheid: str
    frequentie: str
    volume: tuple[int, int]
    tarief: float
    weight_young: float  # weight in the product mix for clients under 65 (Wmo) / all (Jeugd)
    weight_old: float = 0.0  # weight for Wmo clients of 65 and over
    eenmalig_days: tuple[int, int] | None = None  # one-off provision: validity in days


# fmt: off
PRODUCTS: tuple[Product, ...] = (
    # Wmo: code, wet, categorie, omschrijving, eenheid, frequentie, volume, tarief, weights
    Product("01A01", "WMO", "01", "Hulp bij het huishouden basis", "04", "2", (2, 4), 31.5, 8, 34),
    Product("01A02", "WMO", "01", "Hulp bij het huishouden plus", "04", "2", (3, 6), 36.0, 3, 10),
    Product("02A01", "WMO", "02", "Individuele begeleiding", "04", "2", (1, 4), 62.0, 30, 9),
    Product("02A02", "WMO", "02", "Begeleiding specialistisch", "04", "2", (1, 3), 78.0, 10, 2),
    Product("03A01", "WMO", "03", "Persoonlijke verzorging", "04", "2", (2, 5), 55.0, 2, 2),
    Product("04A01", "WMO", "04", "Kortdurend verblijf", "14", "4", (2, 4), 165.0, 1, 1),
    Product("07A01", "WMO", "07", "Dagbesteding basis", "16", "2", (2, 6), 45.0, 10, 5),
    Product("07A02", "WMO", "07", "Dagbesteding specialistisch", "16", "2", (2, 4), 58.0, 4, 2),
    Product("08A01", "WMO", "08", "Collectief vervoer (regiotaxi)", "84", "4", (8, 30), 11.5, 3, 4),
    Product("11A01", "WMO", "11", "Rolstoel handbewogen", "82", "6", (1, 1), 950.0, 2, 5,
            (60, 180)),
    Product("11A02", "WMO", "11", "Rolstoel huur", "82", "4", (1, 1), 48.0, 1, 4),
    Product("12A01", "WMO", "12", "Scootmobiel", "82", "6", (1, 1), 2450.0, 2, 6, (60, 180)),
    Product("12A02", "WMO", "12", "Vervoersvoorziening forfait", "83", "6", (600, 1500), 1.0, 1,
            2, (300, 365)),
    Product("13A01", "WMO", "13", "Woningaanpassing", "83", "6", (2500, 12000), 1.0, 2, 5,
            (60, 240)),
    Product("14A01", "WMO", "14", "Overige hulpmiddelen", "82", "6", (1, 1), 650.0, 2, 4,
            (30, 120)),
    Product("15A01", "WMO", "15", "Beschermd wonen", "14", "2", (7, 7), 145.0, 3, 0),
    # Jeugd
    Product("31A01", "JW", "31", "Jeugdhulp door wijkteam", "04", "4", (2, 8), 72.0, 9),
    Product("32A01", "JW", "32", "Ambulant op locatie aanbieder", "04", "2", (1, 2), 82.0, 4),
    Product("33A01", "JW", "33", "Daghulp op locatie", "16", "2", (2, 5), 55.0, 4),
    Product("34A01", "JW", "34", "Hulp in het netwerk", "04", "2", (1, 3), 70.0, 3),
    Product("35A01", "JW", "35", "Pleegzorg", "14", "2", (7, 7), 150.0, 2),
    Product("36A01", "JW", "36", "Gezinshuis", "14", "2", (7, 7), 235.0, 1),
    Product("37A01", "JW", "37", "Gesloten plaatsing", "14", "2", (7, 7), 340.0, 0.3),
    Product("38A01", "JW", "38", "Residentieel overig", "14", "2", (7, 7), 280.0, 0.7),
    Product("43A01", "JW", "43", "Verblijf incl. behandeling", "14", "2", (7, 7), 320.0, 1.2),
    Product("44A01", "JW", "44", "Verblijf excl. behandeling", "14", "2", (7, 7), 210.0, 1),
    Product("45A01", "JW", "45", "Jeugdhulp ambulant individueel", "04", "2", (1, 3), 88.0, 26),
    Product("45A02", "JW", "45", "Jeugdhulp ambulant gezin", "04", "4", (4, 10), 92.0, 12),
    Product("45A03", "JW", "45", "Jeugdhulp ambulant licht", "04", "2", (1, 2), 68.0, 8),
    Product("46A01", "JW", "46", "Jeugdhulp crisis", "14", "1", (1, 1), 350.0, 0.5),
    Product("47A01", "JW", "47", "Jeugdreclassering", "84", "4", (1, 1), 1150.0, 2),
    Product("48A01", "JW", "48", "Jeugdbescherming (OTS)", "84", "4", (1, 1), 1350.0, 4),
    Product("51A01", "JW", "51", "Generalistische basis-ggz", "82", "6", (1, 1), 1100.0, 5, 0.0,
            (90, 240)),
    Product("52A01", "JW", "52", "Specialistische ggz", "04", "4", (2, 8), 90.0, 6),
    Product("53A01", "JW", "53", "Kindergeneeskunde", "82", "6", (1, 1), 650.0, 1, 0.0, (30, 120)),
    Product("54A01", "JW", "54", "Jeugd-ggz behandeling", "04", "2", (1, 2), 89.0, 5),
)
# fmt: on
JUSTICE_CATEGORIES = frozenset({"47", "48"})


@dataclass(frozen=True, slots=True)
class Aanbieder:
    """A provider with its AGB code, the categories it delivers and its declaration period."""

    agb: str
    naam: str
    categories: frozenset[str]
    wet: str
    vierweken: bool  # declares per 4-week period instead of per calendar month


AANBIEDERS: tuple[Aanbieder, ...] = (
    Aanbieder("98101234", "Thuiszorg Demodorp", frozenset({"01", "03"}), "WMO", False),
    Aanbieder("98102345", "Zorggroep Elde", frozenset({"01", "02", "03", "04"}), "WMO", True),
    Aanbieder("98103456", "Begeleiding Plus", frozenset({"02", "07"}), "WMO", False),
    Aanbieder("98104567", "Dagcentrum De Schakel", frozenset({"07"}), "WMO", False),
    Aanbieder("98105678", "Hulpmiddelencentrum Zuid", frozenset({"11", "12", "13", "14"}), "WMO",
              False),
    Aanbieder("98106789", "Regiotaxi West-Brabant", frozenset({"08"}), "WMO", False),
    Aanbieder("98107890", "Kwadraad Beschermd Wonen", frozenset({"15"}), "WMO", False),
    Aanbieder("98201234", "Jeugdhulp Oost", frozenset({"31", "32", "34", "45"}), "JW", True),
    Aanbieder("98202345", "GGZ Kind en Jeugd", frozenset({"45", "51", "52", "53", "54"}), "JW",
              True),
    Aanbieder("98203456", "Pleegzorg Brabant", frozenset({"35", "36"}), "JW", True),
    Aanbieder("98204567", "Residentiële Jeugdzorg De Hoeve",
              frozenset({"33", "37", "38", "43", "44", "46"}), "JW", True),
    Aanbieder("98205678", "Jeugdbescherming Brabant", frozenset({"47", "48"}), "JW", False),
    Aanbieder("98206789", "Kinderpraktijk Dé Linde", frozenset({"32", "33", "45"}), "JW", False),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Verwijzer:
    """A referrer; ``renamed`` gives a later name recorded halfway through the range."""

    verwijzer_id: str
    verwijzer_type: str
    naam: str
    agb: str
    renamed: str = ""


def _verwijzers(gemeente_naam: str) -> tuple[Verwijzer, ...]:
    return (
        Verwijzer("VW001", "01", f"Gemeente {gemeente_naam} wijkteam", ""),
        Verwijzer("VW002", "02", "Huisartsenpraktijk Dé Linde", "01012345",
                  "Huisartsenpraktijk Dé Linde en Eikenhof"),
        Verwijzer("VW003", "02", "Huisartsen Molenwijk", "01023456"),
        Verwijzer("VW004", "02", "Huisartspraktijk Noordveld", "01034567",
                  "Gezondheidscentrum Noordveld"),
        Verwijzer("VW005", "02", "Huisartsenpraktijk Kerkdorp", "01045678"),
        Verwijzer("VW006", "03", "GGD Jeugdgezondheidszorg", "03012345"),
        Verwijzer("VW007", "03", "Jeugdarts consultatiebureau Zuidrand", "03023456"),
        Verwijzer("VW008", "04", "Jeugdbescherming Brabant", "98205678"),
        Verwijzer("VW009", "04", "William Schrikker Stichting", "98301234"),
        Verwijzer("VW010", "04", "Leger des Heils Jeugdbescherming & Reclassering", "98302345"),
        Verwijzer("VW011", "05", "Amphia Kindergeneeskunde", "06012345"),
        Verwijzer("VW012", "05", "Kinder- en jeugdpsychiatrie Elde", "06023456"),
        Verwijzer("VW013", "05", "Elkerliek ziekenhuis", "06034567"),
        Verwijzer("VW014", "08", "Rechtbank Zeeland-West-Brabant", ""),
    )  # fmt: skip


# --- small helpers ------------------------------------------------------------------------------


class Picker(Generic[T]):
    """Weighted choice with precomputed cumulative weights (fast, deterministic)."""

    def __init__(self, items: list[T], weights: list[float]) -> None:
        self.items = items
        self.cum: list[float] = []
        total = 0.0
        for w in weights:
            total += w
            self.cum.append(total)
        self.total = total

    def __call__(self, rng: random.Random) -> T:
        return self.items[bisect_left(self.cum, rng.random() * self.total)]


def _picker(pairs: tuple[tuple[T, float], ...]) -> Picker[T]:
    return Picker([k for k, _ in pairs], [w for _, w in pairs])


@cache
def _iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


@cache
def _dmy(ordinal: int) -> str:
    d = date.fromordinal(ordinal)
    return f"{d.day:02d}-{d.month:02d}-{d.year}"


def _comma(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def _lookup(table: tuple[tuple[int, float], ...], age: float) -> float:
    for upper, value in table:
        if age < upper:
            return value
    return 0.0


def _parse_month(value: str, last: bool) -> int:
    year, month = (int(part) for part in value.split("-"))
    if not last:
        return date(year, month, 1).toordinal()
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return nxt.toordinal() - 1


def _new_bsn(rng: random.Random, used: set[str]) -> str:
    """Draw 8 digits and solve the 11-proof for the ninth; reject check digit 10 and repeats."""
    while True:
        digits = str(rng.randrange(10_000_000, 100_000_000))
        total = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        check = total % 11
        if check == 10:
            continue
        bsn = digits + str(check)
        if bsn not in used and bsn_is_valid(bsn):
            used.add(bsn)
            return bsn


# --- population ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Person:
    bsn: str
    birth: int
    sex: str  # M / V / X
    death: int | None = None

    def age(self, day: int) -> float:
        return (day - self.birth) / 365.25


@dataclass(slots=True)
class Household:
    hh_id: str
    kind: str
    postcode: str
    wijk: str
    members: list[Person] = field(default_factory=list)
    in_pw: bool = False
    in_jw: bool = False

    @property
    def head(self) -> Person:
        return self.members[0]


@dataclass(frozen=True, slots=True)
class Period:
    """The simulated history: first and last day as ordinals."""

    first: int
    last: int


def _read_wijken() -> list[tuple[str, float]]:
    with (SEEDS_DIR / "wijken.csv").open(encoding="utf-8", newline="") as fh:
        return [(r["wijk_code"], float(r["inwoneraandeel"])) for r in csv.DictReader(fh)]


def _read_gemeente() -> tuple[str, str]:
    with (SEEDS_DIR / "gemeenten.csv").open(encoding="utf-8", newline="") as fh:
        row = next(csv.DictReader(fh))
    return row["gemeente_code"], row["gemeente_naam"].split(" (")[0]


POSTCODE_LETTERS = "ABCDEGHJKLMNPRTVWXZ"


def _postcode(rng: random.Random, wijk_index: int) -> str:
    number = 5100 + 10 * wijk_index + rng.randrange(10)
    letters = rng.choice(POSTCODE_LETTERS) + rng.choice(POSTCODE_LETTERS)
    return f"{number} {letters}" if rng.random() < 0.85 else f"{number}{letters}"


def _birth(rng: random.Random, ref: int, age_lo: float, age_hi: float) -> int:
    return ref - int(rng.uniform(age_lo * 365.25, (age_hi + 1) * 365.25 - 1))


def _person(rng: random.Random, used: set[str], birth: int, sex: str | None = None) -> Person:
    if sex is None:
        sex = "M" if rng.random() < 0.495 else "V"
    return Person(_new_bsn(rng, used), birth, sex)


def _build_population(rng: random.Random, inhabitants: int, period: Period) -> list[Household]:
    """Households with members until ``inhabitants`` persons live in the municipality."""
    wijken = _read_wijken()
    wijk_pick = Picker(list(range(len(wijken))), [w for _, w in wijken])
    kind_pick = _picker(HOUSEHOLD_KINDS)
    band_picks = {k: Picker(list(v), [b[2] for b in v]) for k, v in HEAD_AGE_BANDS.items()}
    children_pick = _picker(CHILDREN_COUNT)
    ref = period.first
    used: set[str] = set()
    households: list[Household] = []
    persons = 0
    while persons < inhabitants:
        kind = kind_pick(rng)
        wi = wijk_pick(rng)
        hh = Household(f"HH{len(households) + 1:07d}", kind, _postcode(rng, wi), wijken[wi][0])
        lo, hi, _ = band_picks[kind](rng)
        head_birth = _birth(rng, ref, lo, hi)
        hh.members.append(_person(rng, used, head_birth))
        head_age = (ref - head_birth) / 365.25
        if kind in ("couple", "family"):
            partner_age = max(18.0, head_age + rng.gauss(0, 3))
            hh.members.append(_person(rng, used, _birth(rng, ref, partner_age, partner_age)))
        if kind in ("family", "single_parent"):
            for age in _children_ages(rng, head_age, children_pick(rng)):
                hh.members.append(_person(rng, used, _birth(rng, ref, age, age)))
        room = inhabitants - persons
        del hh.members[room:]
        persons += len(hh.members)
        households.append(hh)
    _add_births(rng, households, period, used)
    _add_deaths(rng, households, period)
    return households


def _children_ages(rng: random.Random, head_age: float, count: int) -> list[float]:
    """Siblings 1.5-3.5 years apart; children of 23 and over have left home."""
    age = head_age - rng.uniform(24, 36)
    ages: list[float] = []
    for _ in range(count):
        if 0 <= age < 23:
            ages.append(age)
        age -= rng.uniform(1.5, 3.5)
    return ages or [rng.uniform(0, max(0.0, min(22.0, head_age - 20)))]


def _add_births(
    rng: random.Random, households: list[Household], period: Period, used: set[str]
) -> None:
    """Babies born during the range in young families keep the youth population stable."""
    years = (period.last - period.first + 1) / 365.25
    for hh in households:
        if hh.kind not in ("family", "single_parent") or hh.head.age(period.first) >= 42:
            continue
        for _ in range(int(years) + 1):
            if rng.random() < BIRTHS_PER_YOUNG_FAMILY_PER_YEAR:
                birth = rng.randint(period.first, period.last)
                hh.members.append(_person(rng, used, birth))


def _add_deaths(rng: random.Random, households: list[Household], period: Period) -> None:
    for hh in households:
        for p in hh.members:
            if p.age(period.first) < 45:
                continue
            day = period.first
            while day <= period.last:
                hazard = MORTALITY_A * math.exp(MORTALITY_B * p.age(day))
                if rng.random() < hazard:
                    p.death = min(period.last, day + rng.randrange(365))
                    break
                day += 365


# --- spells -------------------------------------------------------------------------------------


def _lognormal_days(rng: random.Random, wet: str, length_biased: bool = False) -> int:
    mu = math.log(SPELL_MEDIAN_DAYS[wet])
    sigma = SPELL_SIGMA[wet]
    if length_biased:  # the duration of a spell running on a given day
        mu += sigma * sigma
    return max(14, int(rng.lognormvariate(mu, sigma)))


def _spells(
    rng: random.Random,
    wet: str,
    period: Period,
    propensity: Callable[[int], float],
    stop: Callable[[int], int | None],
    born: int,
) -> list[tuple[int, int]]:
    """An on/off renewal process: (start, end) spells overlapping the period.

    ``propensity(day)`` is the share of time in a spell at that day (by age); the entry hazard
    follows from it and the mean spell length, re-evaluated every year so that ageing counts.
    ``stop(start)`` gives a hard end for a spell starting then (death, an age limit) or None; no
    spell starts before ``born``. Ends may lie after the period (still running). The process runs
    from ``BURN_IN_YEARS`` before the period so that the stock on the first day is settled.
    """
    mean = SPELL_MEDIAN_DAYS[wet] * math.exp(SPELL_SIGMA[wet] ** 2 / 2)
    burn_in = period.first - int(BURN_IN_YEARS * 365.25)
    origin = max(burn_in, born)
    out: list[tuple[int, int]] = []
    start: int | None
    if origin == burn_in and rng.random() < min(0.9, propensity(origin)):
        duration = _lognormal_days(rng, wet, length_biased=True)  # the stock at the origin
        start = max(born, origin - int(rng.random() * duration))
    else:
        start = _next_start(rng, origin, period.last, propensity, mean)
        duration = _lognormal_days(rng, wet)
    while start is not None and start <= period.last:
        end = start + duration - 1
        hard = stop(start)
        if hard is not None and hard < start:
            break
        if hard is not None and hard <= end:
            if hard >= period.first:
                out.append((start, hard))
            break
        if end >= period.first:
            out.append((start, end))
        if rng.random() < RETURN_PROB[wet]:
            start = end + rng.randint(*RETURN_GAP_DAYS[wet])
        else:
            start = _next_start(rng, end + 31, period.last, propensity, mean)
        duration = _lognormal_days(rng, wet)
    return out


def _next_start(
    rng: random.Random, day: int, horizon: int, propensity: Callable[[int], float], mean: float
) -> int | None:
    """First spell start from ``day`` under an entry hazard that is constant per year."""
    while day <= horizon:
        p = min(0.9, propensity(day))
        if p > 0:
            wait = rng.expovariate(p / (mean * (1 - p)))
            if wait < 365:
                return day + int(wait)
        day += 365
    return None


# --- beschikkingen ------------------------------------------------------------------------------


@dataclass(slots=True)
class Beschikking:
    """One beschikking with its final values and what its first recorded version showed."""

    person: Person
    hh: Household
    wet: str
    product: Product
    leveringsvorm: str
    aanbieder: Aanbieder | None
    verwijzer: Verwijzer | None
    verwijzer_type: str
    gemeente: str
    ingang: int
    eind: int | None
    volume: int | None
    reden: str = ""
    tarief: float | None = None
    aanvraag: int = 0
    besluit: int = 0
    first_eind: int | None = None
    first_volume: int | None = None
    second_reg: int | None = None  # registratiedatum of the version with the final values
    withdrawn_reg: int | None = None  # registratiedatum of the version that withdraws it
    herindicatie: bool = False  # starts right after a previous one of the same product
    admin_restart: bool = False
    bid: str = ""


@dataclass(slots=True)
class CareContext:
    """Shared state while building beschikkingen."""

    rng: random.Random
    period: Period
    gemeente_code: str
    verwijzers: tuple[Verwijzer, ...]
    product_picks: dict[str, Picker]
    aanbieders: dict[str, list[Aanbieder]]
    verwijzer_type_picks: dict[str, Picker]
    reden_picks: dict[str, Picker]
    stapeling_picks: dict[str, Picker]
    out: list[Beschikking] = field(default_factory=list)


def _product_mix(wet: str, old: bool) -> Picker:
    products = [p for p in PRODUCTS if p.wet == wet]
    weights = [p.weight_old if old else p.weight_young for p in products]
    return Picker(products, weights)


def _pick_products(ctx: CareContext, wet: str, old: bool) -> list[Product]:
    n = ctx.stapeling_picks[wet](ctx.rng)
    pick = ctx.product_picks[f"{wet}{'old' if old else ''}"]
    chosen: list[Product] = []
    for _ in range(40):
        if len(chosen) == n:
            break
        product = pick(ctx.rng)
        if product not in chosen:
            chosen.append(product)
    return chosen


def _pick_verwijzer(ctx: CareContext, wet: str, product: Product) -> tuple[Verwijzer | None, str]:
    rng = ctx.rng
    if wet == "JW" and product.categorie in JUSTICE_CATEGORIES:
        vtype = "08" if rng.random() < 0.2 else "04"
    else:
        vtype = ctx.verwijzer_type_picks[wet](rng)
    candidates = [v for v in ctx.verwijzers if v.verwijzer_type == vtype]
    if not candidates:  # 06: no verwijzer
        return None, vtype
    return rng.choice(candidates), vtype


def _volume(rng: random.Random, product: Product) -> int:
    lo, hi = product.volume
    if hi > 100:  # euro budgets: round to 50
        return rng.randint(lo // 50, hi // 50) * 50
    return rng.randint(lo, hi)


def _care_for_person(
    ctx: CareContext, person: Person, hh: Household, wet: str, spells: list[tuple[int, int]]
) -> None:
    rng = ctx.rng
    for start, end in spells:
        died = person.death is not None and end == person.death
        aged_out = wet == "JW" and end == _birthday(person, 18) - 1
        old = wet == "WMO" and person.age(start) >= 65
        products = _pick_products(ctx, wet, old)
        verwijzer, vtype = _pick_verwijzer(ctx, wet, products[0])
        for i, product in enumerate(products):
            a, b = start, end
            if i > 0:  # extra products start later and may end earlier
                a = start + int(rng.random() * 0.5 * (end - start))
                if rng.random() < 0.4:
                    b = a + int(rng.random() * (end - a))
            if died and b == end:
                reden = REDEN_OVERLIJDEN
            elif aged_out and b == end:
                reden = REDEN_ANDER_DOMEIN if rng.random() < 0.5 else REDEN_PLAN[wet]
            else:
                reden = ctx.reden_picks[wet](rng)
            _cut_product(ctx, person, hh, wet, product, verwijzer, vtype, a, b, reden)


def _birthday(person: Person, years: int) -> int:
    born = date.fromordinal(person.birth)
    day = 28 if born.month == 2 and born.day == 29 else born.day
    return date(born.year + years, born.month, day).toordinal()


def _cut_product(
    ctx: CareContext,
    person: Person,
    hh: Household,
    wet: str,
    product: Product,
    verwijzer: Verwijzer | None,
    vtype: str,
    a: int,
    b: int,
    reden_einde: str,
) -> None:
    """Cut the care with one product over a..b into a chain of beschikkingen."""
    rng, horizon = ctx.rng, ctx.period.last
    pgb = rng.random() < PGB_PROB
    aanbieder = None if pgb else rng.choice(ctx.aanbieders[product.categorie])
    gemeente = ctx.gemeente_code if rng.random() < GEMEENTE_EXPLICIT_PROB else ""
    volume: int | None = _volume(rng, product)
    if product.frequentie == "6" and rng.random() < EMPTY_VOLUME_TOTAAL_PROB:
        volume = None
    if product.eenmalig_days is not None:  # one-off provision: not cut, not chained
        b = min(b, a + rng.randint(*product.eenmalig_days) - 1)
    chain: list[Beschikking] = []
    s = a
    while s <= horizon:
        open_ended = product.eenmalig_days is None and rng.random() < OPEN_ENDED_PROB[wet]
        wijziging = False
        if product.eenmalig_days is not None:
            planned = b
        elif open_ended:
            planned = None
            wijziging = rng.random() < OMVANG_CHANGE_IN_OPEN_PROB
        else:
            planned = s + rng.randint(*INDICATIE_DAYS[wet]) - 1
        natural = b
        if wijziging:
            natural = min(b, s + rng.randint(180, 900))
        elif planned is not None:
            natural = min(b, planned)
        besch = Beschikking(
            person, hh, wet, product, "PGB" if pgb else "ZIN", aanbieder, verwijzer, vtype,
            gemeente, s, None, volume,
        )  # fmt: skip
        besch.herindicatie = bool(chain) and chain[-1].eind == s - 1
        if natural > horizon:  # still running at the end of the range: as planned so far
            besch.eind = planned
            besch.first_eind = planned
        else:
            besch.eind = natural
            besch.first_eind = natural if planned == natural else planned
            if natural == b:
                besch.reden = reden_einde
            elif wijziging:
                besch.reden = REDEN_WIJZIGING
            else:
                besch.reden = REDEN_PLAN[wet]
        chain.append(besch)
        if besch.eind is None or natural >= b:
            break
        r = rng.random()
        if r < NEXT_CONTIGUOUS:
            s = natural + 1
        elif r < NEXT_CONTIGUOUS + NEXT_ONE_DAY_GAP:
            s = natural + 2
        else:
            s = natural + rng.randint(15, 60)
        if s > b:
            break
        if wijziging or rng.random() > SAME_OMVANG_PROB:
            if besch.reden == REDEN_PLAN[wet] and rng.random() < 0.5:
                besch.reden = REDEN_WIJZIGING
            volume = _changed_volume(rng, product, volume)
    for besch in _mass_restart(ctx, chain):
        if besch.eind is not None and besch.eind < ctx.period.first:
            continue  # ended before the history starts
        _decide_dates(ctx, besch)
        if besch.besluit <= ctx.period.last:  # decided after the range: not known yet
            ctx.out.append(besch)


def _changed_volume(rng: random.Random, product: Product, volume: int | None) -> int | None:
    if volume is None:
        return None
    step = 50 if product.volume[1] > 100 else 1
    new = volume + step * rng.choice((-2, -1, 1, 2))
    return new if new >= max(1, product.volume[0]) else volume + step


def _mass_restart(ctx: CareContext, chain: list[Beschikking]) -> list[Beschikking]:
    """End every Wmo 01/02 beschikking running over 31-12-2020 and restart it on 1-1-2021."""
    p = ctx.period
    if not (p.first <= RESTART_STOP < p.last) or not chain:
        return chain
    if chain[0].wet != "WMO" or chain[0].product.categorie not in RESTART_CATEGORIES:
        return chain
    out: list[Beschikking] = []
    for besch in chain:
        running = besch.ingang <= RESTART_STOP and (besch.eind is None or besch.eind > RESTART_STOP)
        if not running:
            out.append(besch)
            continue
        # The continuation keeps the end (and its first-version end); the original gets a second
        # version that ends it on 31 December with reden 'geinitieerd door de gemeente'.
        restart = replace(besch, ingang=RESTART_STOP + 1, herindicatie=True, admin_restart=True)
        besch.eind = RESTART_STOP
        besch.reden = REDEN_GEMEENTE
        decided = RESTART_STOP - 21 + ctx.rng.randrange(10)
        restart.aanvraag = restart.besluit = decided
        besch.second_reg = decided
        out.extend((besch, restart))
    return out


def _decide_dates(ctx: CareContext, besch: Beschikking) -> None:
    """aanvraag, besluit and the registration dates of the later versions."""
    rng, horizon, wet = ctx.rng, ctx.period.last, besch.wet
    if besch.tarief is None and rng.random() >= EMPTY_TARIEF_PROB:
        year = date.fromordinal(besch.ingang).year
        factor = 0.75 if besch.leveringsvorm == "PGB" and besch.product.eenheid != "83" else 1.0
        index = (1 + TARIEF_INDEX_PER_YEAR) ** max(0, year - 2019)
        besch.tarief = 1.0 if besch.product.eenheid == "83" else besch.product.tarief * index
        besch.tarief = round(besch.tarief * factor, 2)
    if not besch.admin_restart:
        if rng.random() < RETROACTIVE_PROB[wet]:
            besch.besluit = besch.ingang + rng.randint(1, 30)
        elif besch.herindicatie:
            besch.besluit = besch.ingang - rng.randint(0, HERINDICATIE_DECIDED_DAYS[wet])
        else:
            wacht = int(rng.expovariate(1 / WACHTTIJD_MEAN_DAYS[wet]))
            besch.besluit = besch.ingang - min(wacht, WACHTTIJD_MAX_DAYS[wet])
        if rng.random() < TIJDIG_PROB:
            besch.aanvraag = besch.besluit - int(rng.triangular(2, 56, 24))
        else:
            besch.aanvraag = besch.besluit - rng.randint(57, 130)
    besch.first_volume = besch.volume
    changed_end = besch.first_eind != besch.eind
    if changed_end and besch.second_reg is None and besch.eind is not None:
        besch.second_reg = besch.eind + rng.randint(-10, 14)
    elif not changed_end and rng.random() < CORRECTION_PROB:
        _correct(rng, besch)
    if besch.second_reg is not None:
        besch.second_reg = min(horizon, max(besch.besluit + 1, besch.second_reg))
        if besch.second_reg <= besch.besluit:  # decided on the last day: only the final values
            besch.second_reg = None
            besch.first_eind, besch.first_volume = besch.eind, besch.volume


def _correct(rng: random.Random, besch: Beschikking) -> None:
    """A later version corrects the volume or the einddatum of the first registration."""
    besch.second_reg = besch.besluit + rng.randint(5, 60)
    if besch.eind is not None and rng.random() < 0.5:
        wrong = besch.eind + rng.choice((-30, -14, -1, 1, 14, 31))
        besch.first_eind = max(besch.ingang, wrong)
        if besch.first_eind == besch.eind:
            besch.first_eind = besch.eind + 1
    elif besch.volume is not None:
        besch.first_volume = _changed_volume(rng, besch.product, besch.volume)
    else:
        besch.second_reg = None


def _withdrawn_copies(ctx: CareContext) -> None:
    """A few beschikkingen are registered in error and withdrawn later (new ids)."""
    rng = ctx.rng
    extra: list[Beschikking] = []
    for besch in ctx.out:
        if besch.admin_restart or rng.random() >= WITHDRAWN_PROB:
            continue
        copy = replace(besch, second_reg=None, reden="", first_eind=besch.eind)
        copy.first_volume = copy.volume
        copy.withdrawn_reg = min(ctx.period.last, besch.besluit + rng.randint(2, 40))
        if copy.withdrawn_reg > besch.besluit:
            extra.append(copy)
    ctx.out.extend(extra)


def _simulate_care(
    rng: random.Random,
    households: list[Household],
    period: Period,
    gemeente_code: str,
    verwijzers: tuple[Verwijzer, ...],
) -> list[Beschikking]:
    ctx = CareContext(
        rng=rng,
        period=period,
        gemeente_code=gemeente_code,
        verwijzers=verwijzers,
        product_picks={
            "WMO": _product_mix("WMO", False),
            "WMOold": _product_mix("WMO", True),
            "JW": _product_mix("JW", False),
        },
        aanbieders={
            cat: [a for a in AANBIEDERS if cat in a.categories]
            for cat in {p.categorie for p in PRODUCTS}
        },
        verwijzer_type_picks={
            "JW": _picker(JW_VERWIJZER_TYPES),
            "WMO": _picker(WMO_VERWIJZER_TYPES),
        },
        reden_picks={w: _picker(REDEN_EINDE[w]) for w in ("WMO", "JW")},
        stapeling_picks={w: _picker(STAPELING[w]) for w in ("WMO", "JW")},
    )
    for hh in households:
        jw_factor = JW_FACTOR_IN_PW_HOUSEHOLD if hh.in_pw else 1.0
        for person in hh.members:
            if person.age(period.first) >= 23:  # too old for Jeugd during the whole history
                continue
            spells = _spells(
                rng,
                "JW",
                period,
                _jw_propensity(person, jw_factor),
                _jw_stop(rng, person),
                person.birth,
            )
            if spells:
                hh.in_jw = True
                _care_for_person(ctx, person, hh, "JW", spells)
    for hh in households:
        factor = WMO_FACTOR_IN_PW_OR_JW_HOUSEHOLD if hh.in_pw or hh.in_jw else 1.0
        for person in hh.members:
            if person.age(period.last) < 18:  # no Wmo for children here
                continue
            spells = _spells(
                rng,
                "WMO",
                period,
                lambda day, p=person, f=factor: WMO_SCALE * f * _lookup(WMO_PROPENSITY, p.age(day)),
                lambda _start, p=person: p.death,
                _birthday(person, 18),
            )
            _care_for_person(ctx, person, hh, "WMO", spells)
    _withdrawn_copies(ctx)
    return ctx.out


def _jw_propensity(person: Person, factor: float) -> Callable[[int], float]:
    def propensity(day: int) -> float:
        day = max(day, person.birth)
        return JW_SCALE * factor * _lookup(JW_PROPENSITY, person.age(day))

    return propensity


def _jw_stop(rng: random.Random, person: Person) -> Callable[[int], int | None]:
    at_18 = _birthday(person, 18) - 1
    at_23 = _birthday(person, 23) - 1

    def stop(start: int) -> int | None:
        limit = at_18 if start < at_18 and rng.random() < JW_END_AT_18_PROB else at_23
        return limit if person.death is None else min(limit, person.death)

    return stop


# --- uitkeringen --------------------------------------------------------------------------------


@dataclass(slots=True)
class Uitkering:
    hh: Household
    regeling: str
    leefvorm: str
    aanvraag: int
    besluit: int
    ingang: int
    eind: int | None
    reden: str
    gemeente: str
    factor: float
    part_time: tuple[int, int, int] | None  # (first month index, last month index, hours)
    uid: str = ""


def _simulate_uitkeringen(
    rng: random.Random, households: list[Household], period: Period, gemeente_code: str
) -> list[Uitkering]:
    reden_pick = _picker(UITSTROOMREDEN)
    mix_50 = _picker(REGELING_MIX_50_PLUS)
    mix = _picker(REGELING_MIX)
    out: list[Uitkering] = []
    for hh in households:
        head = hh.head
        base = PW_SCALE * PW_PROPENSITY[hh.kind]
        aow = _birthday(head, AOW_AGE) - 1

        def propensity(day: int, head: Person = head, base: float = base) -> float:
            return base if 18 <= head.age(day) < AOW_AGE else 0.0

        def stop(_start: int, head: Person = head, aow: int = aow) -> int | None:
            return aow if head.death is None else min(aow, head.death)

        for start, spell_end in _spells(rng, "PW", period, propensity, stop, _birthday(head, 18)):
            hh.in_pw = True
            regeling = (mix_50 if head.age(start) >= 50 else mix)(rng)
            end = spell_end
            if regeling == "BBZ":
                end = min(end, start + rng.randint(*BBZ_MAX_DAYS))
            out.append(_uitkering(rng, hh, regeling, start, end, period, gemeente_code, reden_pick))
    return out


def _uitkering(
    rng: random.Random,
    hh: Household,
    regeling: str,
    start: int,
    end: int,
    period: Period,
    gemeente_code: str,
    reden_pick: Picker,
) -> Uitkering:
    head = hh.head
    aanvraag = start - rng.randint(0, 5)
    if rng.random() < TIJDIG_PROB:
        besluit = aanvraag + int(rng.triangular(5, 56, 28))
    else:
        besluit = aanvraag + rng.randint(57, 100)
    eind: int | None = end if end <= period.last else None
    reden = ""
    if eind is not None:
        if head.death is not None and eind == head.death:
            reden = "overlijden"
        elif eind == _birthday(head, AOW_AGE) - 1:
            reden = "pensioen_aow"
        elif regeling == "BBZ":
            reden = "einde_toekenningsperiode" if rng.random() < 0.5 else "werk_zelfstandige"
        else:
            reden = reden_pick(rng)
    months = _month_index(min(end, period.last)) - _month_index(max(start, period.first)) + 1
    part_time = None
    if months > 0 and rng.random() < PART_TIME_DOSSIER_PROB:
        first = rng.randrange(months)
        last = min(months - 1, first + rng.randint(2, 18))
        part_time = (first, last, rng.randint(*PART_TIME_HOURS))
    gemeente = gemeente_code if rng.random() < GEMEENTE_EXPLICIT_PROB else ""
    return Uitkering(
        hh, regeling, LEEFVORM[hh.kind], aanvraag, besluit, start, eind, reden, gemeente,
        rng.uniform(0.93, 1.03), part_time,
    )  # fmt: skip


@cache
def _month_bounds(month_index: int) -> tuple[int, int]:
    year, month = divmod(month_index, 12)
    nxt = date(year + 1, 1, 1) if month == 11 else date(year, month + 2, 1)
    return date(year, month + 1, 1).toordinal(), nxt.toordinal() - 1


def _month_index(ordinal: int) -> int:
    d = date.fromordinal(ordinal)
    return d.year * 12 + d.month - 1


# --- periods for declaraties --------------------------------------------------------------------


def _month_periods(period: Period) -> list[tuple[int, int]]:
    first = date.fromordinal(period.first - 400)
    year, month = first.year, first.month
    out: list[tuple[int, int]] = []
    while True:
        begin = date(year, month, 1).toordinal()
        if begin > period.last:
            return out
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        out.append((begin, date(year, month, 1).toordinal() - 1))


def _four_week_periods(period: Period) -> list[tuple[int, int]]:
    """13 periods per ISO year: p covers ISO weeks 4p-3..4p, a 53rd week joins period 13."""
    out: list[tuple[int, int]] = []
    for year in range(
        date.fromordinal(period.first).year - 2, date.fromordinal(period.last).year + 2
    ):
        weeks = date(year, 12, 28).isocalendar()[1]
        for p in range(1, 14):
            begin = date.fromisocalendar(year, 4 * p - 3, 1).toordinal()
            last_week = weeks if p == 13 else 4 * p
            out.append((begin, date.fromisocalendar(year, last_week, 7).toordinal()))
    return out


# --- writing ------------------------------------------------------------------------------------


def _beschikking_rows(rng: random.Random, beschikkingen: list[Beschikking]) -> Iterator[list[str]]:
    def fmt(ordinal: int | None) -> str:
        if ordinal is None:
            return ""
        return _iso(ordinal) if rng.random() < OTHER_DATE_FORMAT_PROB else _dmy(ordinal)

    style_pick = _picker(SEX_STYLE)
    for b in beschikkingen:
        style = style_pick(rng)
        sex = SEX_CODES.get((style, b.person.sex), style)
        p = b.product
        tarief = "" if b.tarief is None else _comma(b.tarief)
        agb = b.aanbieder.agb if b.aanbieder else ""
        naam = b.aanbieder.naam if b.aanbieder else ""
        vid = b.verwijzer.verwijzer_id if b.verwijzer else ""
        versions: list[tuple[int, int | None, int | None, str, str]] = []
        first_ingetrokken = "" if rng.random() < 0.7 else "nee"
        if b.second_reg is None:
            versions.append((b.besluit, b.eind, b.volume, b.reden, first_ingetrokken))
        else:
            versions.append((b.besluit, b.first_eind, b.first_volume, "", first_ingetrokken))
            versions.append((b.second_reg, b.eind, b.volume, b.reden, first_ingetrokken))
        if b.withdrawn_reg is not None:
            versions.append((b.withdrawn_reg, b.eind, b.volume, b.reden, "ja"))
        for reg, eind, volume, reden, ingetrokken in versions:
            yield [
                b.bid, fmt(reg), b.person.bsn, fmt(b.person.birth), sex, b.hh.postcode,
                b.hh.wijk, b.hh.hh_id, b.gemeente, b.wet, fmt(b.aanvraag), fmt(b.besluit),
                fmt(b.ingang), fmt(eind), p.categorie, p.code, p.omschrijving,
                "" if volume is None else str(volume), p.eenheid, p.frequentie, tarief,
                b.leveringsvorm, agb, naam, vid, b.verwijzer_type, reden, ingetrokken,
            ]  # fmt: skip


@dataclass(slots=True)
class DeclaratieWriter:
    """Claim lines per delivered period, written as they are made (ids in file order)."""

    rng: random.Random
    writer: Any  # a csv writer
    period: Period
    months: list[tuple[int, int]]
    four_weeks: list[tuple[int, int]]
    four_week_ends: list[int] = field(default_factory=list)
    month_ends: list[int] = field(default_factory=list)
    next_id: int = 1
    rows: int = 0
    first_row: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.month_ends = [e for _, e in self.months]
        self.four_week_ends = [e for _, e in self.four_weeks]

    def _write(self, values: list[str]) -> None:
        if not self.first_row:
            self.first_row = values
        self.writer.writerow(values)
        self.rows += 1

    def for_beschikking(self, b: Beschikking) -> None:
        if b.aanbieder is None:  # PGB: the client pays, no declaraties
            return
        max_lines = 1_000_000
        if b.withdrawn_reg is not None:
            if self.rng.random() >= WITHDRAWN_DECLARED_PROB:
                return
            max_lines = 2
        if b.product.frequentie == "6":  # one line for the whole trajectory
            eind = b.ingang + 27 if b.eind is None else b.eind
            if eind >= self.period.first:
                self._line(b, b.ingang, eind, float(b.volume or 1))
            return
        periods, ends = (
            (self.four_weeks, self.four_week_ends)
            if b.aanbieder.vierweken
            else (self.months, self.month_ends)
        )
        last = self.period.last if b.eind is None else min(b.eind, self.period.last)
        i = bisect_left(ends, max(b.ingang, self.period.first))
        while i < len(periods) and max_lines > 0:
            begin, end = periods[i]
            if begin > last:
                break
            begin, end = max(begin, b.ingang), end if b.eind is None else min(end, b.eind)
            self._line(b, begin, end, _indicated(b, begin, end))
            i += 1
            max_lines -= 1

    def _line(self, b: Beschikking, begin: int, end: int, indicated: float) -> None:
        rng = self.rng
        p = b.product
        tarief = b.tarief if b.tarief is not None else (1.0 if p.eenheid == "83" else p.tarief)
        delivered = indicated * rng.uniform(*VERZILVERING_RANGE)
        if p.eenheid in ("14", "82", "84"):
            delivered = float(max(1, round(delivered)))
        delivered = round(delivered, 2)
        if delivered <= 0:
            return
        if rng.random() < LATE_DECLARATIE_PROB:
            ingediend = end + rng.randint(90, 365)
        else:
            ingediend = end + rng.randint(3, 30)
        if ingediend > self.period.last:
            return
        bedrag = round(delivered * tarief, 2)
        base = [b.bid, b.person.bsn, b.wet, p.categorie, p.code, _iso(begin), _iso(end)]
        agb = b.aanbieder.agb if b.aanbieder else ""
        recent = ingediend > self.period.last - PENDING_WINDOW_DAYS
        if recent and rng.random() < PENDING_PROB:
            self._emit(base, delivered, p.eenheid, bedrag, "D", [(ingediend, "ingediend")], agb,
                       ingediend)  # fmt: skip
            return
        if rng.random() < AFGEWEZEN_PROB:
            self._emit(base, delivered, p.eenheid, bedrag, "D", [(ingediend, "afgewezen")], agb,
                       ingediend)  # fmt: skip
            if rng.random() < RESUBMIT_AFTER_AFWIJZING_PROB:
                again = ingediend + rng.randint(7, 45)
                if again <= self.period.last:
                    self._emit(base, delivered, p.eenheid, bedrag, "D", [(again, "toegewezen")],
                               agb, again)  # fmt: skip
            return
        statuses = [(ingediend, "toegewezen")]
        if rng.random() < STATUS_VERSION_PROB:
            accepted = ingediend + rng.randint(3, 25)
            statuses = [(ingediend, "ingediend")]
            if accepted <= self.period.last:
                statuses.append((accepted, "toegewezen"))
        self._emit(base, delivered, p.eenheid, bedrag, "D", statuses, agb, ingediend)
        if rng.random() < CREDIT_PROB:
            when = ingediend + rng.randint(30, 180)
            if when <= self.period.last:
                self._emit(base, delivered, p.eenheid, bedrag, "C", [(when, "toegewezen")], agb,
                           when)  # fmt: skip
                fixed = round(delivered * rng.uniform(0.8, 0.98), 2)
                if p.eenheid in ("14", "82", "84"):
                    fixed = float(max(1, round(fixed)))
                self._emit(base, fixed, p.eenheid, round(fixed * tarief, 2), "D",
                           [(when, "toegewezen")], agb, when)  # fmt: skip

    def _emit(
        self,
        base: list[str],
        volume: float,
        eenheid: str,
        bedrag: float,
        debet_credit: str,
        statuses: list[tuple[int, str]],
        agb: str,
        ingediend: int,
    ) -> None:
        did = f"D{self.next_id:09d}"
        self.next_id += 1
        bid, bsn, wet, cat, code, begin, end = base
        for reg, status in statuses:
            self._write([
                did, _iso(reg), bid, bsn, wet, cat, code, begin, end, f"{volume:.2f}", eenheid,
                f"{bedrag:.2f}", debet_credit, status, agb, _iso(ingediend),
            ])  # fmt: skip


def _indicated(b: Beschikking, begin: int, end: int) -> float:
    """Units indicated for the days begin..end under the beschikking's omvang."""
    volume = b.volume or 0
    days = end - begin + 1
    freq = b.product.frequentie
    if freq == "1":
        return volume * days
    if freq == "2":
        return volume * days / 7
    return volume * days / 30.44  # per maand


def _uitkering_rows(uitkeringen: list[Uitkering], period: Period) -> Iterator[list[str]]:
    for u in uitkeringen:
        head = u.hh.head
        sex = {"M": "M", "V": "V"}.get(head.sex, "X")
        first = max(u.ingang, period.first)
        last = min(u.eind if u.eind is not None else period.last, period.last)
        base_month = _month_index(first)
        for mi in range(base_month, _month_index(last) + 1):
            year, month = divmod(mi, 12)
            m_begin, m_end = _month_bounds(mi)
            active = min(m_end, last) - max(m_begin, u.ingang) + 1
            share = active / (m_end - m_begin + 1)
            norm = NORM_2019[u.leefvorm] * (1 + NORM_INDEX_PER_YEAR) ** max(0, year - 2019)
            bedrag = norm * u.factor * share
            uren = ""
            pt = u.part_time
            if pt is not None and pt[0] <= mi - base_month <= pt[1]:
                hours = pt[2] + (mi % 3) - 1
                uren = _comma(hours)
                bedrag = max(50.0, bedrag - hours * EARNINGS_DEDUCTION_PER_HOUR)
            yield [
                u.uid, _dmy(min(m_end + 1, period.last)), f"{year}-{month + 1:02d}", head.bsn,
                _dmy(head.birth), sex, u.hh.postcode, u.hh.wijk, u.hh.hh_id, u.gemeente,
                u.regeling, u.leefvorm, _dmy(u.aanvraag), _dmy(u.besluit), _dmy(u.ingang),
                "" if u.eind is None else _dmy(u.eind), u.reden, _comma(bedrag), uren,
            ]  # fmt: skip


def _verwijzer_rows(verwijzers: tuple[Verwijzer, ...], period: Period) -> list[list[str]]:
    first = _iso(date(date.fromordinal(period.first).year - 3, 1, 1).toordinal())
    renamed = period.first + (period.last - period.first) // 2
    rows: list[list[str]] = []
    for v in verwijzers:
        rows.append([v.verwijzer_id, first, v.verwijzer_type, v.naam, v.agb])
        if v.renamed:
            rows.append([v.verwijzer_id, _iso(renamed), v.verwijzer_type, v.renamed, v.agb])
    return rows


# --- broken rows --------------------------------------------------------------------------------


def _break_beschikking(row: list[str], idx: dict[str, int]) -> list[list[str]]:
    broken: list[list[str]] = []
    changes: list[tuple[str, str]] = [
        ("bsn", "123456780"),  # fails the 11-proof
        ("einddatum", "01-01-2019"),  # before the ingangsdatum below
        ("productcategorie", "99"),
        ("ingangsdatum", "31-02-2021"),
        ("tarief", "1.234,56"),
        ("reden_beeindiging", "19x"),
    ]
    for n, (col, value) in enumerate(changes):
        new = list(row)
        new[idx["beschikking_id"]] = f"X{n + 1:08d}"
        new[idx["ingangsdatum"]] = "01-06-2021"
        new[idx["einddatum"]] = "31-12-2021"
        new[idx[col]] = value
        broken.append(new)
    return broken


def _break_declaratie(row: list[str], idx: dict[str, int]) -> list[list[str]]:
    changes: list[tuple[str, str]] = [
        ("bsn", "111222334"),
        ("periode_eind", "2021-01-01"),  # before periode_begin below
        ("productcategorie", "77"),
        ("periode_begin", "2021-13-01"),
        ("bedrag", "1,234.50"),
    ]
    broken: list[list[str]] = []
    for n, (col, value) in enumerate(changes):
        new = list(row)
        new[idx["declaratie_id"]] = f"X{n + 1:09d}"
        new[idx["periode_begin"]] = "2021-02-01"
        new[idx[col]] = value
        broken.append(new)
    return broken


def _break_uitkering(row: list[str], idx: dict[str, int]) -> list[list[str]]:
    changes: list[tuple[str, str]] = [
        ("bsn", "999999999"),
        ("einddatum", "01-01-2019"),  # before the ingangsdatum below
        ("regeling", "WWB"),
        ("besluitdatum", "2021-13-01"),
        ("bedrag", "1.050,00"),
    ]
    broken: list[list[str]] = []
    for n, (col, value) in enumerate(changes):
        new = list(row)
        new[idx["uitkering_id"]] = f"X{n + 1:07d}"
        new[idx["ingangsdatum"]] = "01-03-2021"
        new[idx[col]] = value
        broken.append(new)
    return broken


# --- entry point --------------------------------------------------------------------------------


def generate(
    out_dir: Path, inwoners: int, start: str, end: str, seed: int, broken: bool = False
) -> dict[str, int]:
    """Write beschikkingen.csv, declaraties.csv, uitkeringen.csv, verwijzers.csv into out_dir.

    ``inwoners`` inhabitants live in the municipality on the first day of ``start`` (YYYY-MM);
    the history runs to the last day of ``end``. Returns the rows written per file name (broken
    rows included); with ``broken`` also ``broken_rows`` (total) and ``broken_rows_<file>``.
    """
    if inwoners <= 0:
        raise ValueError("inwoners must be a positive number")
    period = Period(_parse_month(start, last=False), _parse_month(end, last=True))
    if period.last < period.first:
        raise ValueError("end lies before start")
    rng = random.Random(seed)
    gemeente_code, gemeente_naam = _read_gemeente()
    verwijzers = _verwijzers(gemeente_naam)
    households = _build_population(rng, inwoners, period)
    uitkeringen = _simulate_uitkeringen(rng, households, period, gemeente_code)
    beschikkingen = _simulate_care(rng, households, period, gemeente_code, verwijzers)
    beschikkingen.sort(key=lambda b: (b.wet, b.hh.hh_id, b.person.birth, b.ingang, b.product.code))
    counters = {"WMO": 0, "JW": 0}
    for b in beschikkingen:
        counters[b.wet] += 1
        b.bid = f"{'W' if b.wet == 'WMO' else 'J'}{counters[b.wet]:08d}"
    uitkeringen.sort(key=lambda u: (u.hh.hh_id, u.ingang))
    for n, u in enumerate(uitkeringen, start=1):
        u.uid = f"U{n:07d}"

    out_dir.mkdir(parents=True, exist_ok=True)
    result: dict[str, int] = {}
    broken_counts: dict[str, int] = {}
    result["beschikkingen"], broken_counts["beschikkingen"] = _write_beschikkingen(
        out_dir, rng, beschikkingen, period, broken
    )
    result["declaraties"], broken_counts["declaraties"] = _write_declaraties(
        out_dir, rng, beschikkingen, period, broken
    )
    result["uitkeringen"], broken_counts["uitkeringen"] = _write_uitkeringen(
        out_dir, uitkeringen, period, broken
    )
    result["verwijzers"] = _write_verwijzers(out_dir, verwijzers, period)
    if broken:
        result["broken_rows"] = sum(broken_counts.values())
        for name, n in broken_counts.items():
            result[f"broken_rows_{name}"] = n
    return result


def _write_beschikkingen(
    out_dir: Path,
    rng: random.Random,
    beschikkingen: list[Beschikking],
    period: Period,
    broken: bool,
) -> tuple[int, int]:
    columns = EXTRACTS["beschikkingen"].column_names
    rows = list(_beschikking_rows(rng, beschikkingen))
    extra: list[list[str]] = []
    if broken and rows:
        extra = _break_beschikking(rows[0], {c: i for i, c in enumerate(columns)})
    with (out_dir / "beschikkingen.csv").open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(columns)
        writer.writerows(rows)
        writer.writerows(extra)
    return len(rows) + len(extra), len(extra)


def _write_declaraties(
    out_dir: Path,
    rng: random.Random,
    beschikkingen: list[Beschikking],
    period: Period,
    broken: bool,
) -> tuple[int, int]:
    columns = EXTRACTS["declaraties"].column_names
    with (out_dir / "declaraties.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=",")
        writer.writerow(columns)
        dw = DeclaratieWriter(
            rng, writer, period, _month_periods(period), _four_week_periods(period)
        )
        for b in beschikkingen:
            dw.for_beschikking(b)
        extra: list[list[str]] = []
        if broken and dw.first_row:
            extra = _break_declaratie(dw.first_row, {c: i for i, c in enumerate(columns)})
            writer.writerows(extra)
    return dw.rows + len(extra), len(extra)


def _write_uitkeringen(
    out_dir: Path, uitkeringen: list[Uitkering], period: Period, broken: bool
) -> tuple[int, int]:
    columns = EXTRACTS["uitkeringen"].column_names
    rows = list(_uitkering_rows(uitkeringen, period))
    extra: list[list[str]] = []
    if broken and rows:
        extra = _break_uitkering(rows[0], {c: i for i, c in enumerate(columns)})
    with (out_dir / "uitkeringen.csv").open("w", encoding="cp1252", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(columns)
        writer.writerows(rows)
        writer.writerows(extra)
    return len(rows) + len(extra), len(extra)


def _write_verwijzers(out_dir: Path, verwijzers: tuple[Verwijzer, ...], period: Period) -> int:
    columns = EXTRACTS["verwijzers"].column_names
    rows = _verwijzer_rows(verwijzers, period)
    with (out_dir / "verwijzers.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=",")
        writer.writerow(columns)
        writer.writerows(rows)
    return len(rows)
