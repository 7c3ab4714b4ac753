"""What the parts of one chunk's simulation share, and the text helpers they write with.

A chunk's ``Context`` holds its population and the text of its households and persons. Every random
number comes from a generator seeded by (delivery seed, gemeente code, chunk number, part), so a
chunk's output never depends on other chunks or on the process that computes it. Text is made with
Arrow compute functions over whole columns (ids, amounts, dates from a lookup table), never per
row in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ingest.contract import EXTRACTS
from ingest.generator.dates import DateText, Period, date_text
from ingest.generator.population import Population, build_population
from ingest.generator.reference import verwijzers_for
from ingest.generator.regions import Chunk, chunk_seed

STRING = pa.string()
DATE_MARGIN_DAYS = 5 * 366


@dataclass(slots=True)
class Context:
    """What the parts of one chunk's simulation share."""

    chunk: Chunk
    period: Period
    seed: int
    pop: Population
    dates: DateText
    hh_id: pa.Array  # text per household
    postcode: pa.Array  # text per household
    wijk_code: pa.Array  # text per household
    bsn: pa.Array  # text per person
    verwijzer_ids: list[str]
    verwijzer_types: list[str]

    def numpy_rng(self, part: str) -> np.random.Generator:
        return numpy_rng(self.chunk, self.seed, part)

    def gemeente_text(self, explicit: np.ndarray) -> pa.Array:
        """The gemeente code where it is written, empty where it is left to the delivery's."""
        return pc.if_else(pa.array(explicit), self.chunk.gemeente.code, "")


def numpy_rng(chunk: Chunk, seed: int, part: str) -> np.random.Generator:
    return np.random.default_rng(chunk_seed(seed, chunk.gemeente.code, chunk.index, part))


def ids(prefix: str, numbers: np.ndarray, width: int) -> pa.Array:
    """``prefix`` + the numbers zero-padded to ``width`` (wider numbers keep all digits)."""
    digits = pc.utf8_lpad(pc.cast(pa.array(numbers), STRING), width=width, padding="0")
    return pc.binary_join_element_wise(prefix, digits, "")


def money(cents: np.ndarray, separator: str) -> pa.Array:
    """Amounts given in cents (not negative) as text with two decimals."""
    whole = pc.cast(pa.array(cents // 100), STRING)
    fraction = pc.utf8_lpad(pc.cast(pa.array(cents % 100), STRING), width=2, padding="0")
    return pc.binary_join_element_wise(whole, fraction, separator)


def cents(amounts: np.ndarray) -> np.ndarray:
    return np.rint(amounts * 100).astype(np.int64)


def table(name: str, columns: dict[str, pa.Array]) -> pa.Table:
    """The extract's columns as text, in the contract's order."""
    names = EXTRACTS[name].column_names
    return pa.table([columns[c].cast(STRING) for c in names], names=list(names))


def context(chunk: Chunk, period: Period, seed: int) -> Context:
    pop = build_population(numpy_rng(chunk, seed, "population"), chunk, period, seed)
    # Every date written lies between the oldest birth (under 130 years before the history) and
    # a few years after it (planned ends of beschikkingen).
    low = date(date.fromordinal(period.first).year - 130, 1, 1).toordinal()
    high = period.last + DATE_MARGIN_DAYS
    wijk_codes = pa.array([w.code for w in chunk.gemeente.wijken], STRING)
    verwijzers = verwijzers_for(chunk.gemeente.code, chunk.gemeente.naam, chunk.gemeente.home)
    return Context(
        chunk=chunk,
        period=period,
        seed=seed,
        pop=pop,
        dates=date_text(low, high),
        hh_id=ids(f"HH{chunk.tag}", np.arange(1, pop.households + 1), 5),
        postcode=pa.array(pop.hh_postcode, STRING),
        wijk_code=wijk_codes.take(pa.array(pop.hh_wijk)),
        bsn=pc.cast(pa.array(pop.p_bsn), STRING),
        verwijzer_ids=[v.verwijzer_id for v in verwijzers],
        verwijzer_types=[v.verwijzer_type for v in verwijzers],
    )
