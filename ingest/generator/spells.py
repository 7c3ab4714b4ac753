"""Care and benefit spells as on/off renewal processes, for all subjects of a chunk at once.

A subject (a person, or a household's head) is in a spell a share ``propensity(day)`` of the time
(by age); the entry hazard follows from it and the mean spell length, constant within a year and
re-evaluated every year so that ageing counts. Spells last a lognormal number of days; after one, a
subject returns after a gap with some probability or searches for the next start again. The
processes run from ``BURN_IN_YEARS`` before the history so that the stock on the first day is
settled (a subject in a spell then has a length-biased duration). Every step is a numpy operation
over all subjects still active, so the cost grows with the number of spells, not of days.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from ingest.generator.dates import I64, NEVER, Period
from ingest.generator.reference import (
    BURN_IN_YEARS,
    RETURN_GAP_DAYS,
    RETURN_PROB,
    SPELL_MEDIAN_DAYS,
    SPELL_SIGMA,
)

# propensity(subjects, days) -> share of time in a spell; stop(subjects, starts) -> hard end of a
# spell starting then (death, an age limit), NEVER for none.
Propensity = Callable[[np.ndarray, np.ndarray], np.ndarray]
Stop = Callable[[np.ndarray, np.ndarray], np.ndarray]


def lookup(uppers: np.ndarray, values: np.ndarray, age: np.ndarray) -> np.ndarray:
    """The value of the first band whose (exclusive) upper age lies above ``age``; 0 above all."""
    return values[np.searchsorted(uppers, age, side="right")]


def bands(table: tuple[tuple[int, float], ...]) -> tuple[np.ndarray, np.ndarray]:
    """(upper ages, values with a trailing 0) of a propensity table, for ``lookup``."""
    uppers = np.array([u for u, _ in table], dtype=np.float64)
    return uppers, np.array([v for _, v in table] + [0.0])


def _durations(rng: np.random.Generator, wet: str, size: int, length_biased: bool) -> np.ndarray:
    mu = math.log(SPELL_MEDIAN_DAYS[wet])
    sigma = SPELL_SIGMA[wet]
    if length_biased:  # the duration of a spell running on a given day
        mu += sigma * sigma
    return np.maximum(14, rng.lognormal(mu, sigma, size).astype(I64))


def _next_start(
    rng: np.random.Generator,
    subjects: np.ndarray,
    day: np.ndarray,
    horizon: int,
    propensity: Propensity,
    mean: float,
) -> np.ndarray:
    """First spell start from ``day`` (per subject) under an entry hazard constant per year;
    NEVER when none starts up to the horizon."""
    result = np.full(len(subjects), NEVER, dtype=I64)
    day = day.copy()
    live = np.flatnonzero(day <= horizon)
    while len(live):
        p = np.minimum(0.9, propensity(subjects[live], day[live]))
        with np.errstate(divide="ignore"):
            wait = rng.standard_exponential(len(live)) * (mean * (1 - p) / p)
        hit = (p > 0) & (wait < 365)
        result[live[hit]] = day[live[hit]] + wait[hit].astype(I64)
        miss = live[~hit]
        day[miss] += 365
        live = miss[day[miss] <= horizon]
    return result


def renewal(
    rng: np.random.Generator,
    wet: str,
    period: Period,
    born: np.ndarray,
    propensity: Propensity,
    stop: Stop,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(subject, start, end) of every spell overlapping the period, by subject then start.

    No spell starts before ``born`` (per subject); ends may lie after the period (still running).
    """
    n = len(born)
    mean = SPELL_MEDIAN_DAYS[wet] * math.exp(SPELL_SIGMA[wet] ** 2 / 2)
    burn_in = period.first - int(BURN_IN_YEARS * 365.25)
    origin = np.maximum(burn_in, born)
    subjects = np.arange(n)
    p0 = np.minimum(0.9, propensity(subjects, origin))
    in_stock = (origin == burn_in) & (rng.random(n) < p0)
    stock_duration = _durations(rng, wet, n, length_biased=True)
    start = np.full(n, NEVER, dtype=I64)
    start[in_stock] = np.maximum(
        born[in_stock],
        origin[in_stock] - (rng.random(n)[in_stock] * stock_duration[in_stock]).astype(I64),
    )
    searching = np.flatnonzero(~in_stock)
    start[searching] = _next_start(rng, searching, origin[searching], period.last, propensity, mean)
    duration = np.where(in_stock, stock_duration, _durations(rng, wet, n, length_biased=False))
    out_subject: list[np.ndarray] = []
    out_start: list[np.ndarray] = []
    out_end: list[np.ndarray] = []
    active = np.flatnonzero(start <= period.last)
    gap_low, gap_high = RETURN_GAP_DAYS[wet]
    while len(active):
        s = start[active]
        end = s + duration[active] - 1
        hard = stop(active, s)
        live = hard >= s  # a hard end before the start: no spell
        cut = live & (hard <= end)
        end = np.where(cut, hard, end)
        keep = live & (end >= period.first)
        out_subject.append(active[keep])
        out_start.append(s[keep])
        out_end.append(end[keep])
        going = live & ~cut
        active, end = active[going], end[going]
        back = rng.random(len(active)) < RETURN_PROB[wet]
        following = end + rng.integers(gap_low, gap_high + 1, size=len(active))
        searchers = np.flatnonzero(~back)
        following[searchers] = _next_start(
            rng, active[searchers], end[searchers] + 31, period.last, propensity, mean
        )
        start[active] = following
        duration[active] = _durations(rng, wet, len(active), length_biased=False)
        active = active[following <= period.last]
    subject = np.concatenate(out_subject) if out_subject else np.zeros(0, dtype=I64)
    starts = np.concatenate(out_start) if out_start else np.zeros(0, dtype=I64)
    ends = np.concatenate(out_end) if out_end else np.zeros(0, dtype=I64)
    order = np.lexsort((starts, subject))
    return subject[order], starts[order], ends[order]
