"""Reference data and rates of the synthetic population: who lives where, who gets which care and
benefits how often and for how long, the municipality's product catalogue, its providers and its
referrers. Every number here is a modelling choice calibrated to docs/code-lists.md ("Scale"): a
municipality of 26,000 inhabitants has about 1,800 Wmo clients, 500 youths in care and 300
bijstand households at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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


# A municipality's referrers: (number, type, name, AGB code, later name, local). Local practices
# carry the municipality's name outside the delivery's own municipality (the first of the seed),
# and get AGB codes of their own there; regional organisations keep theirs everywhere.
VERWIJZER_TEMPLATES: tuple[tuple[int, str, str, str, str, bool], ...] = (
    (1, "01", "Gemeente {g} wijkteam", "", "", False),
    (2, "02", "Huisartsenpraktijk Dé Linde", "01012345", "Huisartsenpraktijk Dé Linde en Eikenhof",
     True),
    (3, "02", "Huisartsen Molenwijk", "01023456", "", True),
    (4, "02", "Huisartspraktijk Noordveld", "01034567", "Gezondheidscentrum Noordveld", True),
    (5, "02", "Huisartsenpraktijk Kerkdorp", "01045678", "", True),
    (6, "03", "GGD Jeugdgezondheidszorg", "03012345", "", True),
    (7, "03", "Jeugdarts consultatiebureau Zuidrand", "03023456", "", True),
    (8, "04", "Jeugdbescherming Brabant", "98205678", "", False),
    (9, "04", "William Schrikker Stichting", "98301234", "", False),
    (10, "04", "Leger des Heils Jeugdbescherming & Reclassering", "98302345", "", False),
    (11, "05", "Amphia Kindergeneeskunde", "06012345", "", False),
    (12, "05", "Kinder- en jeugdpsychiatrie Elde", "06023456", "", False),
    (13, "05", "Elkerliek ziekenhuis", "06034567", "", False),
    (14, "08", "Rechtbank Zeeland-West-Brabant", "", "", False),
)  # fmt: skip


def verwijzers_for(gemeente_code: str, gemeente_naam: str, home: bool) -> tuple[Verwijzer, ...]:
    """The referrers of one municipality; ids (``VW`` + the 4 digits of the gemeente code + a
    number) are unique across municipalities."""
    digits = gemeente_code[2:]
    out: list[Verwijzer] = []
    for number, vtype, template, agb, renamed, local in VERWIJZER_TEMPLATES:
        naam, later, code = template.format(g=gemeente_naam), renamed, agb
        if local and not home:
            naam = f"{naam} {gemeente_naam}"
            later = f"{renamed} {gemeente_naam}" if renamed else ""
            code = f"{agb[:2]}{digits}{number:02d}"
        out.append(Verwijzer(f"VW{digits}{number:02d}", vtype, naam, code, later))
    return tuple(out)
