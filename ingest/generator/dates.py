"""Dates as day numbers (``date.toordinal()``) in numpy arrays, and their text in both dialects.

The generator computes with integer day numbers throughout; only the writer turns them into text,
by looking them up in a table of ISO (``YYYY-MM-DD``) and Dutch (``DD-MM-YYYY``) strings built once
per process for the days the history can touch.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

EPOCH = date(1970, 1, 1).toordinal()  # day 0 of numpy's datetime64[D]
NEVER = 10**8  # "no date" in arrays of ends and deaths: later than any real day
MISSING = -1  # "no date" in arrays that are written (an empty field)
I64 = np.int64


@dataclass(frozen=True, slots=True)
class Period:
    """The simulated history: first and last day as ordinals."""

    first: int
    last: int

    @property
    def years(self) -> float:
        return (self.last - self.first + 1) / 365.25


def parse_month(value: str, last: bool) -> int:
    """First (or last) day of a ``YYYY-MM`` month as an ordinal."""
    try:
        year, month = (int(part) for part in value.split("-"))
        first = date(year, month, 1)
    except ValueError as exc:
        raise ValueError(f"not a month (YYYY-MM): {value!r}") from exc
    if not last:
        return first.toordinal()
    return date(year + month // 12, month % 12 + 1, 1).toordinal() - 1


def ymd(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year, month (1-12) and day of month of ordinals."""
    d = (days - EPOCH).astype("M8[D]")
    months = d.astype("M8[M]")
    year = months.astype(I64) // 12 + 1970
    month = months.astype(I64) % 12 + 1
    day = (d - months.astype("M8[D]")).astype(I64) + 1
    return year, month, day


def month_index(days: np.ndarray) -> np.ndarray:
    """year * 12 + month - 1 of ordinals."""
    return (days - EPOCH).astype("M8[D]").astype("M8[M]").astype(I64) + 1970 * 12


def month_first(index: np.ndarray) -> np.ndarray:
    """First day (ordinal) of month indexes."""
    return (index - 1970 * 12).astype("M8[M]").astype("M8[D]").astype(I64) + EPOCH


def month_last(index: np.ndarray) -> np.ndarray:
    return month_first(index + 1) - 1


def add_years(days: np.ndarray, years: int) -> np.ndarray:
    """The same day ``years`` later (29 February becomes 28 February in a common year)."""
    year, month, day = ymd(days)
    first = month_first((year + years) * 12 + month - 1)
    length = month_first((year + years) * 12 + month) - first
    return first + np.minimum(day, length) - 1


def age_years(born: np.ndarray, day: np.ndarray | int) -> np.ndarray:
    """Age in (fractional) years, as the simulation uses it."""
    return (day - born) / 365.25


@dataclass(frozen=True)
class DateText:
    """ISO and DD-MM-YYYY text of every day from ``low`` to ``high`` (ordinals)."""

    low: int
    iso_text: pa.Array
    dmy_text: pa.Array

    def _take(self, table: pa.Array, days: np.ndarray) -> pa.Array:
        missing = days < 0
        idx = pa.array(np.where(missing, 0, days - self.low))
        text = table.take(idx)
        if missing.any():
            text = pc.if_else(pa.array(missing), "", text)
        return text

    def iso(self, days: np.ndarray) -> pa.Array:
        return self._take(self.iso_text, days)

    def dmy(self, days: np.ndarray) -> pa.Array:
        return self._take(self.dmy_text, days)

    def mixed(self, days: np.ndarray, iso: np.ndarray) -> pa.Array:
        """ISO where ``iso`` is true, DD-MM-YYYY elsewhere; empty for a missing day."""
        return pc.if_else(pa.array(iso), self.iso(days), self.dmy(days))


@cache
def date_text(low: int, high: int) -> DateText:
    days = [date.fromordinal(o) for o in range(low, high + 1)]
    iso = [d.isoformat() for d in days]
    dmy = [f"{d.day:02d}-{d.month:02d}-{d.year}" for d in days]
    return DateText(low, pa.array(iso, pa.string()), pa.array(dmy, pa.string()))


@cache
def month_text(low: int, high: int) -> pa.Array:
    """``YYYY-MM`` of month indexes low..high (index - low)."""
    return pa.array([f"{m // 12}-{m % 12 + 1:02d}" for m in range(low, high + 1)], pa.string())
