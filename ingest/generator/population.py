"""The inhabitants of one chunk: households with members, birth dates, sex, BSN, postcode and wijk,
babies born and deaths during the history. Vectorised with numpy: one array per attribute."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ingest.generator.dates import I64, NEVER, Period
from ingest.generator.reference import (
    BIRTHS_PER_YOUNG_FAMILY_PER_YEAR,
    CHILDREN_COUNT,
    HEAD_AGE_BANDS,
    HOUSEHOLD_KINDS,
    MORTALITY_A,
    MORTALITY_B,
)
from ingest.generator.regions import Chunk, bsns

KINDS: tuple[str, ...] = tuple(k for k, _ in HOUSEHOLD_KINDS)
SINGLE, COUPLE, FAMILY, SINGLE_PARENT = range(4)
MAX_CHILDREN = max(c for c, _ in CHILDREN_COUNT)
POSTCODE_LETTERS = np.array(list("ABCDEGHJKLMNPRTVWXZ"))
DAYS_PER_YEAR = 365.25


def pick(rng: np.random.Generator, weights: list[float] | np.ndarray, size: int) -> np.ndarray:
    """Indexes drawn with the given weights."""
    cum = np.cumsum(np.asarray(weights, dtype=np.float64))
    return np.searchsorted(cum, rng.random(size) * cum[-1], side="right").clip(0, len(cum) - 1)


def _birth(rng: np.random.Generator, ref: int, age: np.ndarray) -> np.ndarray:
    """A birth day for someone of ``age`` (fractional years) on day ``ref``."""
    low = age * DAYS_PER_YEAR
    return ref - (low + rng.random(len(age)) * (DAYS_PER_YEAR - 1)).astype(I64)


@dataclass(slots=True)
class Population:
    """Households (hh_*) and persons (p_*), persons ordered by household, head first."""

    hh_kind: np.ndarray  # index into KINDS
    hh_wijk: np.ndarray  # index into the gemeente's wijken
    hh_postcode: list[str]
    hh_head: np.ndarray  # person index of the head of household
    p_hh: np.ndarray
    p_birth: np.ndarray
    p_male: np.ndarray  # bool
    p_death: np.ndarray  # NEVER when the person lives through the history
    p_bsn: np.ndarray  # 9-digit numbers

    @property
    def households(self) -> int:
        return len(self.hh_kind)

    @property
    def persons(self) -> int:
        return len(self.p_hh)


def build_population(
    rng: np.random.Generator, chunk: Chunk, period: Period, seed: int
) -> Population:
    """Households with members until ``chunk.inwoners`` persons live there on the first day."""
    n = chunk.inwoners
    ref = period.first
    size = n * 6 // 10 + 100
    while True:
        kind, births, valid = _households(rng, ref, size)
        cum = np.cumsum(valid.sum(axis=1))
        if cum[-1] >= n:
            break
        size *= 2
    count = int(np.searchsorted(cum, n)) + 1  # households until n persons live there
    kind, births, valid = kind[:count], births[:count], valid[:count]
    room = n - (int(cum[count - 2]) if count > 1 else 0)
    rank = np.cumsum(valid[-1]) - 1
    valid[-1] &= rank < room  # the last household is cut to what is left
    hh_grid = np.broadcast_to(np.arange(count)[:, None], valid.shape)
    p_hh = hh_grid[valid]
    p_birth = births[valid]

    # Babies born during the history in young families.
    head_age = (ref - births[:, 0]) / DAYS_PER_YEAR
    young = np.flatnonzero(((kind == FAMILY) | (kind == SINGLE_PARENT)) & (head_age < 42))
    trials = int(period.years) + 1
    born = rng.random((len(young), trials)) < BIRTHS_PER_YOUNG_FAMILY_PER_YEAR
    baby_days = rng.integers(period.first, period.last + 1, size=(len(young), trials))
    baby_hh = np.broadcast_to(young[:, None], born.shape)[born]
    p_hh = np.concatenate([p_hh, baby_hh])
    p_birth = np.concatenate([p_birth, baby_days[born]])
    order = np.argsort(p_hh, kind="stable")
    p_hh, p_birth = p_hh[order], p_birth[order]
    persons = len(p_hh)
    p_male = rng.random(persons) < 0.495
    p_death = _deaths(rng, p_birth, period)

    wijk_shares = [w.share for w in chunk.gemeente.wijken]
    hh_wijk = pick(rng, wijk_shares, count)
    pc4 = np.array([w.pc4 for w in chunk.gemeente.wijken], dtype=I64)[hh_wijk]
    pc4 += rng.integers(0, 2, size=count)
    letters = POSTCODE_LETTERS[rng.integers(0, len(POSTCODE_LETTERS), size=(count, 2))]
    space = rng.random(count) < 0.85
    postcodes = [
        f"{p} {a}{b}" if s else f"{p}{a}{b}"
        for p, (a, b), s in zip(pc4.tolist(), letters.tolist(), space.tolist(), strict=True)
    ]
    return Population(
        hh_kind=kind,
        hh_wijk=hh_wijk,
        hh_postcode=postcodes,
        hh_head=np.searchsorted(p_hh, np.arange(count)),
        p_hh=p_hh,
        p_birth=p_birth,
        p_male=p_male,
        p_death=p_death,
        p_bsn=bsns(chunk, persons, seed),
    )


def _households(
    rng: np.random.Generator, ref: int, size: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``size`` households: kind, and a grid of member births (head, partner, children) with the
    slots that hold a member."""
    kind = pick(rng, [w for _, w in HOUSEHOLD_KINDS], size)
    head_age = np.empty(size)
    for k, name in enumerate(KINDS):
        at = np.flatnonzero(kind == k)
        bands = HEAD_AGE_BANDS[name]
        band = pick(rng, [b[2] for b in bands], len(at))
        low = np.array([b[0] for b in bands], dtype=np.float64)[band]
        high = np.array([b[1] for b in bands], dtype=np.float64)[band]
        days = rng.uniform(low * DAYS_PER_YEAR, (high + 1) * DAYS_PER_YEAR - 1)
        head_age[at] = days.astype(I64) / DAYS_PER_YEAR
    width = 2 + MAX_CHILDREN
    births = np.zeros((size, width), dtype=I64)
    valid = np.zeros((size, width), dtype=bool)
    births[:, 0] = ref - np.round(head_age * DAYS_PER_YEAR).astype(I64)
    valid[:, 0] = True
    partnered = (kind == COUPLE) | (kind == FAMILY)
    partner_age = np.maximum(18.0, head_age + rng.normal(0.0, 3.0, size))
    births[:, 1] = _birth(rng, ref, partner_age)
    valid[:, 1] = partnered
    # Children: siblings 1.5-3.5 years apart; children of 23 and over have left home.
    parents = (kind == FAMILY) | (kind == SINGLE_PARENT)
    count = np.array([c for c, _ in CHILDREN_COUNT])[
        pick(rng, [w for _, w in CHILDREN_COUNT], size)
    ]
    age = head_age - rng.uniform(24, 36, size)
    any_child = np.zeros(size, dtype=bool)
    for k in range(MAX_CHILDREN):
        home = parents & (k < count) & (age >= 0) & (age < 23)
        births[:, 2 + k] = _birth(rng, ref, np.maximum(age, 0.0))
        valid[:, 2 + k] = home
        any_child |= home
        age = age - rng.uniform(1.5, 3.5, size)
    lone = parents & ~any_child  # at least one child: one of an age the parent can have
    lone_age = rng.random(size) * np.maximum(0.0, np.minimum(22.0, head_age - 20))
    births[:, 2] = np.where(lone, _birth(rng, ref, lone_age), births[:, 2])
    valid[:, 2] |= lone
    return kind, births, valid


def _deaths(rng: np.random.Generator, birth: np.ndarray, period: Period) -> np.ndarray:
    """Gompertz mortality, year by year through the history, for persons of 45 and over."""
    death = np.full(len(birth), NEVER, dtype=I64)
    candidates = np.flatnonzero((period.first - birth) / DAYS_PER_YEAR >= 45)
    day = period.first
    while day <= period.last and len(candidates):
        age = (day - birth[candidates]) / DAYS_PER_YEAR
        hit = rng.random(len(candidates)) < MORTALITY_A * np.exp(MORTALITY_B * age)
        dead = candidates[hit]
        death[dead] = np.minimum(period.last, day + rng.integers(0, 365, size=len(dead)))
        candidates = candidates[~hit]
        day += 365
    return death
