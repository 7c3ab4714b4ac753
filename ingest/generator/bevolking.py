"""The population seed of a generated delivery: inhabitants per gemeente, wijk, year and age on 1
January (``seeds/bevolking.csv``), counted from the simulated population itself, so the rates per
1,000 inhabitants of the marts divide by the population the clients were drawn from.

A person lives in the wijk of their household from birth (or the first day of the history) to
death; the generator simulates births and deaths, no moves. Inhabitant on 1 January of year Y, as
CBS counts it at the start of that day: born before it and not died before it (a person is alive on
the day of death, as a voorziening is active on its einddatum). Age: completed years on that day;
the last age, 100, holds everyone of 100 and over. Only years whose 1 January lies in the history
are known. Counting reads the population and draws no random number, so the delivery's bytes do
not depend on it.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import numpy as np

from ingest.generator.dates import I64, Period, ymd
from ingest.generator.population import Population
from ingest.generator.regions import Gemeente

MAX_LEEFTIJD = 100  # the last age holds 100 and over
COLUMNS = ("gemeente_code", "wijk_code", "jaar", "leeftijd", "aantal_inwoners")


def years(period: Period) -> list[int]:
    """The years whose 1 January lies in the history."""
    first, last = date.fromordinal(period.first), date.fromordinal(period.last)
    start = first.year if (first.month, first.day) == (1, 1) else first.year + 1
    return list(range(start, last.year + 1))


def count(pop: Population, wijken: int, period: Period) -> np.ndarray:
    """Inhabitants on 1 January as an array [wijk, year (of ``years``), age 0..100]."""
    out = np.zeros((wijken, len(years(period)), MAX_LEEFTIJD + 1), dtype=I64)
    wijk = pop.hh_wijk[pop.p_hh]
    birth_year, birth_month, birth_day = ymd(pop.p_birth)
    not_on_new_year = (birth_month > 1) | (birth_day > 1)  # their birthday comes later in Y
    for y, year in enumerate(years(period)):
        day = date(year, 1, 1).toordinal()
        alive = (pop.p_birth < day) & (pop.p_death >= day)
        age = np.minimum(year - birth_year - not_on_new_year, MAX_LEEFTIJD)
        cells = wijk[alive] * (MAX_LEEFTIJD + 1) + age[alive]
        out[:, y, :] = np.bincount(cells, minlength=wijken * (MAX_LEEFTIJD + 1)).reshape(
            wijken, MAX_LEEFTIJD + 1
        )
    return out


def rows(gemeente: Gemeente, counts: np.ndarray, period: Period) -> list[list[str]]:
    """The seed rows of one gemeente, by wijk (seed order), year and age; ages nobody has are
    left out (a missing row counts as 0)."""
    out: list[list[str]] = []
    for w, wijk in enumerate(gemeente.wijken):
        for y, year in enumerate(years(period)):
            for age in np.flatnonzero(counts[w, y]).tolist():
                out.append([gemeente.code, wijk.code, str(year), str(age), str(counts[w, y, age])])
    return out


def write(path: Path, seed_rows: list[list[str]]) -> None:
    """``seed_rows`` as the seed file: UTF-8, ',', LF line ends (like the other seeds)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(seed_rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(buf.getvalue(), encoding="utf-8")
