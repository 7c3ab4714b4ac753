"""Wmo and Jeugd care: spells per person, cut into beschikkingen, and the beschikkingen extract.

The spells come from the renewal processes of ``spells.py``. Within a spell a client gets one or
more products (stapeling) from one verwijzer; the care with each product is cut into a chain of
beschikkingen (indication periods, open ends, herindicaties, omvang changes, gaps); Wmo 01/02
beschikkingen running over 31 December 2020 are stopped and restarted administratively; then
decision dates, corrections and withdrawals. Every step is vectorised: a chain grows by one
beschikking per round for all chains at once, so no Python code runs per beschikking.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ingest.generator.chunk import Context, ids, money, table
from ingest.generator.dates import I64, MISSING, NEVER, add_years, ymd
from ingest.generator.population import pick
from ingest.generator.reference import (
    AANBIEDERS,
    CORRECTION_PROB,
    EMPTY_TARIEF_PROB,
    EMPTY_VOLUME_TOTAAL_PROB,
    GEMEENTE_EXPLICIT_PROB,
    HERINDICATIE_DECIDED_DAYS,
    INDICATIE_DAYS,
    JUSTICE_CATEGORIES,
    JW_END_AT_18_PROB,
    JW_FACTOR_IN_PW_HOUSEHOLD,
    JW_PROPENSITY,
    JW_SCALE,
    JW_VERWIJZER_TYPES,
    NEXT_CONTIGUOUS,
    NEXT_ONE_DAY_GAP,
    OMVANG_CHANGE_IN_OPEN_PROB,
    OPEN_ENDED_PROB,
    OTHER_DATE_FORMAT_PROB,
    PGB_PROB,
    PRODUCTS,
    REDEN_ANDER_DOMEIN,
    REDEN_EINDE,
    REDEN_GEMEENTE,
    REDEN_OVERLIJDEN,
    REDEN_PLAN,
    REDEN_WIJZIGING,
    RESTART_CATEGORIES,
    RESTART_STOP,
    RETROACTIVE_PROB,
    SAME_OMVANG_PROB,
    SEX_STYLE,
    STAPELING,
    TARIEF_INDEX_PER_YEAR,
    TIJDIG_PROB,
    WACHTTIJD_MAX_DAYS,
    WACHTTIJD_MEAN_DAYS,
    WITHDRAWN_PROB,
    WMO_FACTOR_IN_PW_OR_JW_HOUSEHOLD,
    WMO_PROPENSITY,
    WMO_SCALE,
    WMO_VERWIJZER_TYPES,
)
from ingest.generator.spells import bands, lookup, renewal

WETTEN = ("JW", "WMO")  # in file order
REDENEN: tuple[str, ...] = tuple(
    dict.fromkeys(
        ["", REDEN_OVERLIJDEN, REDEN_WIJZIGING, REDEN_GEMEENTE, REDEN_ANDER_DOMEIN,
         *REDEN_PLAN.values(), *(r for w in REDEN_EINDE.values() for r, _ in w)]
    )
)  # fmt: skip
VERWIJZER_TYPES = ("01", "02", "03", "04", "05", "06", "08")

# The catalogue as arrays, by index into PRODUCTS.
P_CATEGORIE = np.array([p.categorie for p in PRODUCTS])
P_WEIGHT_YOUNG = np.array([p.weight_young for p in PRODUCTS], dtype=np.float64)
P_WEIGHT_OLD = np.array([p.weight_old for p in PRODUCTS], dtype=np.float64)
P_VOLUME_LOW = np.array([p.volume[0] for p in PRODUCTS], dtype=I64)
P_VOLUME_HIGH = np.array([p.volume[1] for p in PRODUCTS], dtype=I64)
P_EENMALIG = np.array([p.eenmalig_days is not None for p in PRODUCTS])
P_EENMALIG_LOW = np.array([(p.eenmalig_days or (1, 1))[0] for p in PRODUCTS], dtype=I64)
P_EENMALIG_HIGH = np.array([(p.eenmalig_days or (1, 1))[1] for p in PRODUCTS], dtype=I64)
P_TOTAAL = np.array([p.frequentie == "6" for p in PRODUCTS])
P_EURO = np.array([p.eenheid == "83" for p in PRODUCTS])
P_TARIEF = np.array([p.tarief for p in PRODUCTS])
P_JUSTICE = np.isin(P_CATEGORIE, list(JUSTICE_CATEGORIES))
P_RESTART = np.array([p.wet == "WMO" and p.categorie in RESTART_CATEGORIES for p in PRODUCTS])
# The aanbieders that deliver each product: a padded table and how many.
_CHOICES = [[i for i, a in enumerate(AANBIEDERS) if p.categorie in a.categories] for p in PRODUCTS]
AANBIEDER_COUNT = np.array([len(c) for c in _CHOICES], dtype=I64)
AANBIEDER_CHOICE = np.array(
    [c + [-1] * (AANBIEDER_COUNT.max() - len(c)) for c in _CHOICES], dtype=I64
)
FIELDS = (
    "person", "wet", "product", "pgb", "aanbieder", "verwijzer", "verwijzer_type", "explicit",
    "ingang", "eind", "volume", "reden", "tarief", "aanvraag", "besluit", "first_eind",
    "first_volume", "second_reg", "withdrawn_reg", "herindicatie", "admin_restart",
)  # fmt: skip
Arrays = dict[str, np.ndarray]


def _reden(code: str) -> int:
    return REDENEN.index(code)


def _randint(
    rng: np.random.Generator, low: int | np.ndarray, high: int | np.ndarray, size: int
) -> np.ndarray:
    """Whole numbers from low to high inclusive."""
    return rng.integers(low, np.asarray(high) + 1, size=size)


def _weighted(
    rng: np.random.Generator,
    pairs: tuple[tuple[str, float], ...],
    codes: tuple[str, ...],
    size: int,
) -> np.ndarray:
    """Indexes into ``codes`` drawn with the weights of ``pairs``."""
    chosen = pick(rng, [w for _, w in pairs], size)
    return np.array([codes.index(c) for c, _ in pairs], dtype=I64)[chosen]


def simulate_care(ctx: Context, in_pw: np.ndarray) -> Care:
    """Jeugd spells (more in benefit households), then Wmo spells (more in households with a
    benefit or Jeugd care), cut into beschikkingen."""
    rng = ctx.numpy_rng("care-spells")
    pop, period = ctx.pop, ctx.period
    birth, death = pop.p_birth, pop.p_death
    at_18 = add_years(birth, 18) - 1
    at_23 = add_years(birth, 23) - 1

    jw_subjects = np.flatnonzero((period.first - birth) / 365.25 < 23)
    jw_factor = np.where(in_pw[pop.p_hh[jw_subjects]], JW_FACTOR_IN_PW_HOUSEHOLD, 1.0) * JW_SCALE
    jw_birth = birth[jw_subjects]
    jw_uppers, jw_values = bands(JW_PROPENSITY)

    def jw_propensity(s: np.ndarray, day: np.ndarray) -> np.ndarray:
        age = (np.maximum(day, jw_birth[s]) - jw_birth[s]) / 365.25
        return jw_factor[s] * lookup(jw_uppers, jw_values, age)

    def jw_stop(s: np.ndarray, start: np.ndarray) -> np.ndarray:
        p = jw_subjects[s]
        early = (start < at_18[p]) & (rng.random(len(s)) < JW_END_AT_18_PROB)
        return np.minimum(np.where(early, at_18[p], at_23[p]), death[p])

    jw_s, jw_start, jw_end = renewal(rng, "JW", period, jw_birth, jw_propensity, jw_stop)
    jw_person = jw_subjects[jw_s]
    in_jw = np.zeros(pop.households, dtype=bool)
    in_jw[pop.p_hh[jw_person]] = True

    wmo_subjects = np.flatnonzero((period.last - birth) / 365.25 >= 18)
    hh = pop.p_hh[wmo_subjects]
    wmo_factor = np.where(in_pw[hh] | in_jw[hh], WMO_FACTOR_IN_PW_OR_JW_HOUSEHOLD, 1.0) * WMO_SCALE
    wmo_birth = birth[wmo_subjects]
    wmo_uppers, wmo_values = bands(WMO_PROPENSITY)

    def wmo_propensity(s: np.ndarray, day: np.ndarray) -> np.ndarray:
        return wmo_factor[s] * lookup(wmo_uppers, wmo_values, (day - wmo_birth[s]) / 365.25)

    def wmo_stop(s: np.ndarray, _start: np.ndarray) -> np.ndarray:
        return death[wmo_subjects[s]]

    wmo_s, wmo_start, wmo_end = renewal(
        rng, "WMO", period, add_years(wmo_birth, 18), wmo_propensity, wmo_stop
    )
    wmo_person = wmo_subjects[wmo_s]

    rng = ctx.numpy_rng("care")
    parts = [
        _beschikkingen(rng, ctx, "JW", jw_person, jw_start, jw_end, at_18),
        _beschikkingen(rng, ctx, "WMO", wmo_person, wmo_start, wmo_end, at_18),
    ]
    a = {f: np.concatenate([p[f] for p in parts]) for f in FIELDS}
    return Care.sorted(ctx, a)


# --- spells into beschikkingen -----------------------------------------------------------------


def _products(rng: np.random.Generator, wet: str, old: np.ndarray) -> np.ndarray:
    """Per spell the distinct products (indexes into PRODUCTS; -1 pads), the first one leading:
    the number by the wet's stapeling mix, each by the product mix (Wmo: by age)."""
    n = len(old)
    counts = np.array([c for c, _ in STAPELING[wet]], dtype=I64)
    wanted = counts[pick(rng, [w for _, w in STAPELING[wet]], n)]
    own = np.flatnonzero(np.array([p.wet == wet for p in PRODUCTS]))
    cum_young = np.cumsum(P_WEIGHT_YOUNG[own])
    cum_old = np.cumsum(P_WEIGHT_OLD[own]) if wet == "WMO" else cum_young
    chosen = np.full((n, int(counts.max())), -1, dtype=I64)
    have = np.zeros(n, dtype=I64)
    seen = np.zeros(n, dtype=I64)  # bit per product of the wet
    for _ in range(40):
        todo = np.flatnonzero(have < wanted)
        if not len(todo):
            break
        u = rng.random(len(todo))
        local = np.where(
            old[todo],
            np.searchsorted(cum_old, u * cum_old[-1], side="right"),
            np.searchsorted(cum_young, u * cum_young[-1], side="right"),
        ).clip(0, len(own) - 1)
        bit = np.left_shift(1, local)
        new = (seen[todo] & bit) == 0
        at = todo[new]
        chosen[at, have[at]] = own[local[new]]
        seen[at] |= bit[new]
        have[at] += 1
    return chosen


def _verwijzers(
    rng: np.random.Generator, ctx: Context, wet: str, first_product: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Verwijzer type and verwijzer (index into the gemeente's verwijzers, -1 for none)."""
    n = len(first_product)
    mix = JW_VERWIJZER_TYPES if wet == "JW" else WMO_VERWIJZER_TYPES
    vtype = _weighted(rng, mix, VERWIJZER_TYPES, n)
    justice = np.where(
        rng.random(n) < 0.2, VERWIJZER_TYPES.index("08"), VERWIJZER_TYPES.index("04")
    )
    vtype = np.where(P_JUSTICE[first_product], justice, vtype)
    per_type = [
        [i for i, t in enumerate(ctx.verwijzer_types) if t == code] for code in VERWIJZER_TYPES
    ]
    count = np.array([len(c) for c in per_type], dtype=I64)
    table_ = np.array([c + [-1] * (int(count.max()) - len(c)) for c in per_type], dtype=I64)
    choice = (rng.random(n) * count[vtype]).astype(I64)
    verwijzer = np.where(count[vtype] > 0, table_[vtype, np.minimum(choice, count.max() - 1)], -1)
    return vtype, verwijzer


def _changed_volume(
    rng: np.random.Generator, product: np.ndarray, volume: np.ndarray
) -> np.ndarray:
    step = np.where(P_VOLUME_HIGH[product] > 100, 50, 1)
    new = volume + step * np.array([-2, -1, 1, 2])[rng.integers(0, 4, size=len(volume))]
    new = np.where(new >= np.maximum(1, P_VOLUME_LOW[product]), new, volume + step)
    return np.where(volume == MISSING, MISSING, new)


def _beschikkingen(
    rng: np.random.Generator,
    ctx: Context,
    wet: str,
    person: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    at_18: np.ndarray,
) -> Arrays:
    pop, period = ctx.pop, ctx.period
    horizon = period.last
    n = len(person)
    died = end == pop.p_death[person]
    aged_out = (end == at_18[person]) if wet == "JW" else np.zeros(n, dtype=bool)
    old = (wet == "WMO") & ((start - pop.p_birth[person]) / 365.25 >= 65)
    products = _products(rng, wet, old)
    vtype, verwijzer = _verwijzers(rng, ctx, wet, products[:, 0])

    # One chain per (spell, product): extra products start later and may end earlier.
    have = (products >= 0).sum(axis=1)
    spell = np.repeat(np.arange(n), have)
    rank = np.arange(len(spell)) - np.repeat(np.cumsum(have) - have, have)
    product = products[spell, rank]
    m = len(spell)
    s0, e0 = start[spell], end[spell]
    a = np.where(rank > 0, s0 + (rng.random(m) * 0.5 * (e0 - s0)).astype(I64), s0)
    shorter = (rank > 0) & (rng.random(m) < 0.4)
    b = np.where(shorter, a + (rng.random(m) * (e0 - a)).astype(I64), e0)
    plan, wijziging_code = _reden(REDEN_PLAN[wet]), _reden(REDEN_WIJZIGING)
    at_end = b == e0
    aged_reden = np.where(rng.random(m) < 0.5, _reden(REDEN_ANDER_DOMEIN), plan)
    reden_einde = np.select(
        [died[spell] & at_end, aged_out[spell] & at_end],
        [_reden(REDEN_OVERLIJDEN), aged_reden],
        _weighted(rng, REDEN_EINDE[wet], REDENEN, m),
    )
    pgb = rng.random(m) < PGB_PROB
    choice = (rng.random(m) * AANBIEDER_COUNT[product]).astype(I64)
    aanbieder = np.where(pgb, -1, AANBIEDER_CHOICE[product, choice])
    explicit = (rng.random(m) < GEMEENTE_EXPLICIT_PROB) | (not ctx.chunk.gemeente.home)
    low, high = P_VOLUME_LOW[product], P_VOLUME_HIGH[product]
    euro = high > 100  # euro budgets: multiples of 50
    volume = np.where(
        euro,
        _randint(rng, low // 50, high // 50, m) * 50,
        _randint(rng, low, high, m),
    )
    volume = np.where(
        P_TOTAAL[product] & (rng.random(m) < EMPTY_VOLUME_TOTAAL_PROB), MISSING, volume
    )
    eenmalig = P_EENMALIG[product]  # one-off provision: one beschikking, not chained
    once = _randint(rng, P_EENMALIG_LOW[product], P_EENMALIG_HIGH[product], m)
    b = np.where(eenmalig, np.minimum(b, a + once - 1), b)

    # The chains grow one beschikking per round.
    s = a.copy()
    prev_eind = np.full(m, MISSING, dtype=I64)
    out: dict[str, list[np.ndarray]] = {
        k: [] for k in ("chain", "ingang", "eind", "first_eind", "volume", "reden", "herindicatie")
    }
    ind_low, ind_high = INDICATIE_DAYS[wet]
    active = np.flatnonzero(s <= horizon)
    while len(active):
        k = len(active)
        ss, bb, once_only = s[active], b[active], eenmalig[active]
        open_ended = ~once_only & (rng.random(k) < OPEN_ENDED_PROB[wet])
        wijziging = open_ended & (rng.random(k) < OMVANG_CHANGE_IN_OPEN_PROB)
        planned = np.where(
            once_only, bb, np.where(open_ended, NEVER, ss + _randint(rng, ind_low, ind_high, k) - 1)
        )
        natural = np.where(
            wijziging, np.minimum(bb, ss + _randint(rng, 180, 900, k)), np.minimum(bb, planned)
        )
        running = natural > horizon  # still running at the end of the range: as planned so far
        eind = np.where(running, planned, natural)
        first_eind = planned
        reden = np.where(
            running,
            0,
            np.where(natural == bb, reden_einde[active], np.where(wijziging, wijziging_code, plan)),
        )
        herindicatie = prev_eind[active] == ss - 1
        going = (eind != NEVER) & (natural < bb)
        u = rng.random(k)
        following = np.where(
            u < NEXT_CONTIGUOUS,
            natural + 1,
            np.where(
                u < NEXT_CONTIGUOUS + NEXT_ONE_DAY_GAP,
                natural + 2,
                natural + _randint(rng, 15, 60, k),
            ),
        )
        going &= following <= bb
        change = going & (wijziging | (rng.random(k) > SAME_OMVANG_PROB))
        reden = np.where(change & (reden == plan) & (rng.random(k) < 0.5), wijziging_code, reden)
        volume_now = volume[active]
        out["chain"].append(active)
        out["ingang"].append(ss)
        out["eind"].append(np.where(eind == NEVER, MISSING, eind))
        out["first_eind"].append(np.where(first_eind == NEVER, MISSING, first_eind))
        out["volume"].append(volume_now)
        out["reden"].append(reden)
        out["herindicatie"].append(herindicatie)
        volume[active] = np.where(
            change, _changed_volume(rng, product[active], volume_now), volume_now
        )
        prev_eind[active] = eind
        s[active] = following
        active = active[going & (following <= horizon)]

    res = {k: np.concatenate(v) if v else np.zeros(0, dtype=I64) for k, v in out.items()}
    chain = res.pop("chain")
    nb = len(chain)
    res |= {
        "person": person[spell[chain]],
        "wet": np.full(nb, WETTEN.index(wet), dtype=I64),
        "product": product[chain],
        "pgb": pgb[chain],
        "aanbieder": aanbieder[chain],
        "verwijzer": verwijzer[spell[chain]],
        "verwijzer_type": vtype[spell[chain]],
        "explicit": explicit[chain],
        "tarief": np.full(nb, MISSING, dtype=I64),
        "aanvraag": np.zeros(nb, dtype=I64),
        "besluit": np.zeros(nb, dtype=I64),
        "first_volume": res["volume"].copy(),
        "second_reg": np.full(nb, MISSING, dtype=I64),
        "withdrawn_reg": np.full(nb, MISSING, dtype=I64),
        "admin_restart": np.zeros(nb, dtype=bool),
    }
    res = {f: np.asarray(res[f]).astype(I64) for f in FIELDS}
    if wet == "WMO":
        res = _mass_restart(rng, ctx, res)
    eind = res["eind"]
    res = _select(res, (eind == MISSING) | (eind >= period.first))  # ended before the history
    _decide_dates(rng, ctx, wet, res)
    res = _select(res, res["besluit"] <= horizon)  # decided after the range: not known yet
    return _withdrawn_copies(rng, ctx, res)


def _select(a: Arrays, keep: np.ndarray) -> Arrays:
    return {k: v[keep] for k, v in a.items()}


def _mass_restart(rng: np.random.Generator, ctx: Context, a: Arrays) -> Arrays:
    """End every Wmo 01/02 beschikking running over 31-12-2020 and restart it on 1-1-2021.

    The continuation keeps the end (and its first-version end); the original gets a second
    version that ends it on 31 December with reden 'geinitieerd door de gemeente'."""
    p = ctx.period
    if not (p.first <= RESTART_STOP < p.last):
        return a
    eind = a["eind"]
    running = (
        P_RESTART[a["product"]]
        & (a["ingang"] <= RESTART_STOP)
        & ((eind == MISSING) | (eind > RESTART_STOP))
    )
    at = np.flatnonzero(running)
    decided = RESTART_STOP - 21 + rng.integers(0, 10, size=len(at))
    restart = {k: v[at].copy() for k, v in a.items()}
    restart["ingang"][:] = RESTART_STOP + 1
    restart["herindicatie"][:] = 1
    restart["admin_restart"][:] = 1
    restart["aanvraag"] = decided.copy()
    restart["besluit"] = decided.copy()
    a["eind"][at] = RESTART_STOP
    a["reden"][at] = _reden(REDEN_GEMEENTE)
    a["second_reg"][at] = decided
    return {k: np.concatenate([a[k], restart[k]]) for k in a}


def _decide_dates(rng: np.random.Generator, ctx: Context, wet: str, a: Arrays) -> None:
    """tarief, aanvraag, besluit and the registration dates of the later versions."""
    horizon = ctx.period.last
    n = len(a["ingang"])
    product, ingang, eind = a["product"], a["ingang"], a["eind"]
    year = ymd(ingang)[0]
    factor = np.where(a["pgb"] == 1, 0.75, 1.0)
    index = (1 + TARIEF_INDEX_PER_YEAR) ** np.maximum(0, year - 2019)
    tarief = np.where(P_EURO[product], 1.0, np.round(P_TARIEF[product] * index * factor, 2))
    a["tarief"] = np.where(rng.random(n) < EMPTY_TARIEF_PROB, MISSING, np.rint(tarief * 100))
    a["tarief"] = a["tarief"].astype(I64)

    retro = rng.random(n) < RETROACTIVE_PROB[wet]
    wacht = (rng.standard_exponential(n) * WACHTTIJD_MEAN_DAYS[wet]).astype(I64)
    early = _randint(rng, 0, HERINDICATIE_DECIDED_DAYS[wet], n)  # a herindicatie: decided ahead
    besluit = np.where(
        retro,
        ingang + _randint(rng, 1, 30, n),
        np.where(
            a["herindicatie"] == 1,
            ingang - early,
            ingang - np.minimum(wacht, WACHTTIJD_MAX_DAYS[wet]),
        ),
    )
    tijdig = rng.random(n) < TIJDIG_PROB
    aanvraag = besluit - np.where(
        tijdig, rng.triangular(2, 24, 56, size=n).astype(I64), _randint(rng, 57, 130, n)
    )
    admin = a["admin_restart"] == 1
    a["besluit"] = besluit = np.where(admin, a["besluit"], besluit)
    a["aanvraag"] = np.where(admin, a["aanvraag"], aanvraag)

    volume = a["volume"]
    first_eind, first_volume, second_reg = a["first_eind"], volume.copy(), a["second_reg"]
    changed_end = first_eind != eind
    later_end = changed_end & (second_reg == MISSING) & (eind != MISSING)
    second_reg = np.where(later_end, eind + _randint(rng, -10, 14, n), second_reg)
    # A later version corrects the volume or the einddatum of the first registration.
    correct = ~changed_end & (rng.random(n) < CORRECTION_PROB)
    second_reg = np.where(correct, besluit + _randint(rng, 5, 60, n), second_reg)
    fix_end = correct & (eind != MISSING) & (rng.random(n) < 0.5)
    wrong = np.maximum(ingang, eind + np.array([-30, -14, -1, 1, 14, 31])[rng.integers(0, 6, n)])
    wrong = np.where(wrong == eind, eind + 1, wrong)
    first_eind = np.where(fix_end, wrong, first_eind)
    fix_volume = correct & ~fix_end & (volume != MISSING)
    first_volume = np.where(fix_volume, _changed_volume(rng, product, volume), first_volume)
    second_reg = np.where(correct & ~fix_end & ~fix_volume, MISSING, second_reg)
    known = second_reg != MISSING
    second_reg = np.where(known, np.minimum(horizon, np.maximum(besluit + 1, second_reg)), MISSING)
    only_final = known & (second_reg <= besluit)  # decided on the last day: only the final values
    a["second_reg"] = np.where(only_final, MISSING, second_reg)
    a["first_eind"] = np.where(only_final, eind, first_eind)
    a["first_volume"] = np.where(only_final, volume, first_volume)


def _withdrawn_copies(rng: np.random.Generator, ctx: Context, a: Arrays) -> Arrays:
    """A few beschikkingen are registered in error and withdrawn later (new ids)."""
    n = len(a["ingang"])
    registered = np.minimum(ctx.period.last, a["besluit"] + _randint(rng, 2, 40, n))
    copy = (
        (a["admin_restart"] == 0) & (rng.random(n) < WITHDRAWN_PROB) & (registered > a["besluit"])
    )
    at = np.flatnonzero(copy)
    c = {k: v[at].copy() for k, v in a.items()}
    c["second_reg"][:] = MISSING
    c["reden"][:] = 0
    c["first_eind"] = c["eind"].copy()
    c["first_volume"] = c["volume"].copy()
    c["withdrawn_reg"] = registered[at]
    return {k: np.concatenate([a[k], c[k]]) for k in a}


# --- arrays and text ---------------------------------------------------------------------------


@dataclass(slots=True)
class Care:
    """The beschikkingen of a chunk as arrays (one per field, MISSING for none), in file order."""

    arrays: Arrays
    bid: pa.Array  # beschikking_id text

    def __len__(self) -> int:
        return len(self.bid)

    @classmethod
    def sorted(cls, ctx: Context, a: Arrays) -> Care:
        """In file order: by wet, household, person, ingang and product; numbered per wet."""
        pop = ctx.pop
        order = np.lexsort(
            (a["product"], a["ingang"], pop.p_birth[a["person"]], pop.p_hh[a["person"]], a["wet"])
        )
        a = {name: values[order] for name, values in a.items()}
        number = np.empty(len(order), dtype=I64)
        bid_parts: list[pa.Array] = []
        for w, wet in enumerate(WETTEN):
            at = np.flatnonzero(a["wet"] == w)
            number[at] = np.arange(1, len(at) + 1)
            bid_parts.append(ids(f"{wet[0]}{ctx.chunk.tag}", number[at], 6))
        return cls(a, pa.concat_arrays(bid_parts))

    def table(self, ctx: Context) -> pa.Table:
        """The beschikkingen rows: one per recorded version (first registration, a later
        version with the final values, a withdrawal)."""
        rng = ctx.numpy_rng("beschikkingen-text")
        a, n = self.arrays, len(self)
        has_second = a["second_reg"] != MISSING
        has_withdrawal = a["withdrawn_reg"] != MISSING
        versions = 1 + has_second.astype(I64) + has_withdrawal.astype(I64)
        row = np.repeat(np.arange(n), versions)
        k = np.arange(len(row)) - np.repeat(np.cumsum(versions) - versions, versions)
        first = k == 0
        withdrawal = has_withdrawal[row] & (k == versions[row] - 1)
        early = first & has_second[row]  # the first registration of a corrected beschikking

        def take(name: str) -> np.ndarray:
            return a[name][row]

        reg = np.where(
            first, take("besluit"), np.where(withdrawal, take("withdrawn_reg"), take("second_reg"))
        )
        eind = np.where(early, take("first_eind"), take("eind"))
        volume = np.where(early, take("first_volume"), take("volume"))
        reden = np.where(early, 0, take("reden"))
        not_withdrawn = np.where(rng.random(n) < 0.7, 0, 1)  # '' or 'nee' on every version
        ingetrokken = np.where(withdrawal, 2, not_withdrawn[row])
        style = pick(rng, [w for _, w in SEX_STYLE], n)[row]  # 1/2, M/V, 0 or empty
        male = ctx.pop.p_male[take("person")]
        sex_text = pa.array(["1", "2", "M", "V", "0", "0", "", ""])
        sex = sex_text.take(pa.array(style * 2 + np.where(male, 0, 1)))

        dates = ctx.dates

        def fmt(days: np.ndarray) -> pa.Array:
            return dates.mixed(days, rng.random(len(days)) < OTHER_DATE_FORMAT_PROB)

        person = pa.array(take("person"))
        household = pa.array(ctx.pop.p_hh[take("person")])
        product = pa.array(take("product"))
        aanbieder = take("aanbieder")
        aanbieder_idx = pa.array(np.where(aanbieder < 0, len(AANBIEDERS), aanbieder))
        verwijzer = take("verwijzer")
        verwijzer_ids = pa.array([*ctx.verwijzer_ids, ""])
        tarief = take("tarief")
        columns = {
            "beschikking_id": self.bid.take(pa.array(row)),
            "registratiedatum": fmt(reg),
            "bsn": ctx.bsn.take(person),
            "geboortedatum": fmt(ctx.pop.p_birth[take("person")]),
            "geslacht": sex,
            "postcode": ctx.postcode.take(household),
            "wijk_code": ctx.wijk_code.take(household),
            "huishouden_id": ctx.hh_id.take(household),
            "gemeente_code": ctx.gemeente_text(take("explicit").astype(bool)),
            "wet": pa.array(WETTEN).take(pa.array(take("wet"))),
            "aanvraagdatum": fmt(take("aanvraag")),
            "besluitdatum": fmt(take("besluit")),
            "ingangsdatum": fmt(take("ingang")),
            "einddatum": fmt(eind),
            "productcategorie": pa.array([p.categorie for p in PRODUCTS]).take(product),
            "productcode": pa.array([p.code for p in PRODUCTS]).take(product),
            "product_omschrijving": pa.array([p.omschrijving for p in PRODUCTS]).take(product),
            "volume": pc.if_else(
                pa.array(volume == MISSING), "", pa.array(volume).cast(pa.string())
            ),
            "eenheid": pa.array([p.eenheid for p in PRODUCTS]).take(product),
            "frequentie": pa.array([p.frequentie for p in PRODUCTS]).take(product),
            "tarief": pc.if_else(
                pa.array(tarief == MISSING), "", money(np.maximum(tarief, 0), ",")
            ),
            "leveringsvorm": pc.if_else(pa.array(take("pgb").astype(bool)), "PGB", "ZIN"),
            "aanbieder_agb": pa.array([*(x.agb for x in AANBIEDERS), ""]).take(aanbieder_idx),
            "aanbieder_naam": pa.array([*(x.naam for x in AANBIEDERS), ""]).take(aanbieder_idx),
            "verwijzer_id": verwijzer_ids.take(
                pa.array(np.where(verwijzer < 0, len(ctx.verwijzer_ids), verwijzer))
            ),
            "verwijzer_type": pa.array(VERWIJZER_TYPES).take(pa.array(take("verwijzer_type"))),
            "reden_beeindiging": pa.array(REDENEN).take(pa.array(reden)),
            "ingetrokken": pa.array(["", "nee", "ja"]).take(pa.array(ingetrokken)),
        }
        return table("beschikkingen", columns)
