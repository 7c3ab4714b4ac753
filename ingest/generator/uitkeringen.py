"""Participatiewet benefits: spells per household (its head applies), dossiers and the monthly
payments of ``uitkeringen`` (one row per dossier and betaalmaand), vectorised."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ingest.generator.chunk import Context, cents, ids, money, table
from ingest.generator.dates import (
    I64,
    NEVER,
    add_years,
    month_first,
    month_index,
    month_last,
    month_text,
)
from ingest.generator.population import KINDS, pick
from ingest.generator.reference import (
    AOW_AGE,
    BBZ_MAX_DAYS,
    EARNINGS_DEDUCTION_PER_HOUR,
    GEMEENTE_EXPLICIT_PROB,
    LEEFVORM,
    NORM_2019,
    NORM_INDEX_PER_YEAR,
    PART_TIME_DOSSIER_PROB,
    PART_TIME_HOURS,
    PW_PROPENSITY,
    PW_SCALE,
    REGELING_MIX,
    REGELING_MIX_50_PLUS,
    TIJDIG_PROB,
    UITSTROOMREDEN,
)
from ingest.generator.spells import renewal

REGELINGEN = ("PW", "IOAW", "IOAZ", "BBZ")
LEEFVORMEN = tuple(NORM_2019)
REDENEN = ("", "overlijden", "pensioen_aow", "einde_toekenningsperiode",
           *(r for r, _ in UITSTROOMREDEN))  # fmt: skip


def _mix(pairs: tuple[tuple[str, float], ...]) -> tuple[np.ndarray, list[float]]:
    return np.array([REGELINGEN.index(r) for r, _ in pairs]), [w for _, w in pairs]


def simulate_uitkeringen(ctx: Context) -> tuple[pa.Table, np.ndarray]:
    """The uitkeringen rows of the chunk, and which households had a benefit (for stapeling)."""
    rng = ctx.numpy_rng("uitkeringen")
    pop, period = ctx.pop, ctx.period
    heads = pop.hh_head
    birth = pop.p_birth[heads]
    death = pop.p_death[heads]
    aow = add_years(birth, AOW_AGE) - 1
    base = PW_SCALE * np.array([PW_PROPENSITY[k] for k in KINDS])[pop.hh_kind]

    def propensity(hh: np.ndarray, day: np.ndarray) -> np.ndarray:
        age = (day - birth[hh]) / 365.25
        return np.where((age >= 18) & (age < AOW_AGE), base[hh], 0.0)

    def stop(hh: np.ndarray, _start: np.ndarray) -> np.ndarray:
        return np.minimum(aow[hh], death[hh])

    hh, start, end = renewal(rng, "PW", period, add_years(birth, 18), propensity, stop)
    in_pw = np.zeros(pop.households, dtype=bool)
    in_pw[hh] = True
    n = len(hh)

    age_at_start = (start - birth[hh]) / 365.25
    old_codes, old_weights = _mix(REGELING_MIX_50_PLUS)
    young_codes, young_weights = _mix(REGELING_MIX)
    regeling = np.where(
        age_at_start >= 50,
        old_codes[pick(rng, old_weights, n)],
        young_codes[pick(rng, young_weights, n)],
    )
    bbz = regeling == REGELINGEN.index("BBZ")
    bbz_end = start + rng.integers(BBZ_MAX_DAYS[0], BBZ_MAX_DAYS[1] + 1, size=n)
    end = np.where(bbz, np.minimum(end, bbz_end), end)
    aanvraag = start - rng.integers(0, 6, size=n)
    tijdig = rng.random(n) < TIJDIG_PROB
    besluit = aanvraag + np.where(
        tijdig, rng.triangular(5, 28, 56, size=n).astype(I64), rng.integers(57, 101, size=n)
    )
    ended = end <= period.last
    eind = np.where(ended, end, NEVER)
    reden_pick = 4 + pick(rng, [w for _, w in UITSTROOMREDEN], n)
    bbz_reden = np.where(
        rng.random(n) < 0.5,
        REDENEN.index("einde_toekenningsperiode"),
        REDENEN.index("werk_zelfstandige"),
    )
    reden = np.select(
        [~ended, eind == death[hh], eind == aow[hh], bbz],
        [0, REDENEN.index("overlijden"), REDENEN.index("pensioen_aow"), bbz_reden],
        reden_pick,
    )
    first_month = month_index(np.maximum(start, period.first))
    last_day = np.minimum(end, period.last)
    months = np.maximum(0, month_index(last_day) - first_month + 1)
    part_time = (months > 0) & (rng.random(n) < PART_TIME_DOSSIER_PROB)
    pt_first = (rng.random(n) * months).astype(I64)
    pt_last = np.minimum(months - 1, pt_first + rng.integers(2, 19, size=n))
    pt_hours = rng.integers(PART_TIME_HOURS[0], PART_TIME_HOURS[1] + 1, size=n)
    pt_first = np.where(part_time, pt_first, NEVER)
    explicit = (rng.random(n) < GEMEENTE_EXPLICIT_PROB) | (not ctx.chunk.gemeente.home)
    factor = rng.uniform(0.93, 1.03, size=n)
    leefvorm = np.array([LEEFVORMEN.index(LEEFVORM[k]) for k in KINDS])[pop.hh_kind[hh]]

    # One row per dossier and betaalmaand.
    row_dossier = np.repeat(np.arange(n), months)
    offset = np.arange(len(row_dossier)) - np.repeat(np.cumsum(months) - months, months)
    mi = first_month[row_dossier] + offset
    m_begin, m_end = month_first(mi), month_last(mi)
    active = np.minimum(m_end, last_day[row_dossier]) - np.maximum(m_begin, start[row_dossier]) + 1
    share = active / (m_end - m_begin + 1)
    year = mi // 12
    norm = np.array([NORM_2019[lv] for lv in LEEFVORMEN])[leefvorm[row_dossier]]
    norm = norm * (1 + NORM_INDEX_PER_YEAR) ** np.maximum(0, year - 2019)
    bedrag = norm * factor[row_dossier] * share
    working = (offset >= pt_first[row_dossier]) & (offset <= pt_last[row_dossier])
    hours = pt_hours[row_dossier] + (mi % 3) - 1
    bedrag = np.where(
        working, np.maximum(50.0, bedrag - hours * EARNINGS_DEDUCTION_PER_HOUR), bedrag
    )
    uren = pa.array(np.where(working, hours, 0)).cast(pa.string())
    uren = pc.if_else(pa.array(working), pc.binary_join_element_wise(uren, "00", ","), "")

    d = ctx.dates
    person = pa.array(heads[hh[row_dossier]])
    household = pa.array(hh[row_dossier])
    dossier = pa.array(row_dossier)
    male = pop.p_male[heads[hh]][row_dossier]
    low_month = int(mi.min()) if len(mi) else 0
    columns = {
        "uitkering_id": ids(f"U{ctx.chunk.tag}", np.arange(1, n + 1), 5).take(dossier),
        "registratiedatum": d.dmy(np.minimum(m_end + 1, period.last)),
        "betaalmaand": month_text(low_month, int(mi.max()) if len(mi) else 0).take(
            pa.array(mi - low_month)
        ),
        "bsn": ctx.bsn.take(person),
        "geboortedatum": d.dmy(birth[hh][row_dossier]),
        "geslacht": pc.if_else(pa.array(male), "M", "V"),
        "postcode": ctx.postcode.take(household),
        "wijk_code": ctx.wijk_code.take(household),
        "huishouden_id": ctx.hh_id.take(household),
        "gemeente_code": ctx.gemeente_text(explicit[row_dossier]),
        "regeling": pa.array(REGELINGEN).take(pa.array(regeling[row_dossier])),
        "leefvorm": pa.array(LEEFVORMEN).take(pa.array(leefvorm[row_dossier])),
        "aanvraagdatum": d.dmy(aanvraag[row_dossier]),
        "besluitdatum": d.dmy(besluit[row_dossier]),
        "ingangsdatum": d.dmy(start[row_dossier]),
        "einddatum": d.dmy(np.where(ended, end, -1)[row_dossier]),
        "uitstroomreden": pa.array(REDENEN).take(pa.array(reden[row_dossier])),
        "bedrag": money(cents(bedrag), ","),
        "uren_per_week": uren,
    }
    return table("uitkeringen", columns), in_pw
