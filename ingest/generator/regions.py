"""Which municipalities, wijken and chunks a delivery has; seeds and BSNs per chunk.

The municipalities are the first N rows of ``seeds/gemeenten.csv`` marked "(synthetisch)" (see
``ingest/generator/seeds.py``), with their wijken from ``seeds/wijken.csv``: everything the
generator writes is known to dbt. ``--inwoners`` is split over them in proportion to the seed's
inhabitants, and every municipality into chunks of at most ``CHUNK_INWONERS`` inhabitants. A chunk
is the unit of work: its households, care, claims and benefits depend only on the seed, the
gemeente code and the chunk's number, never on other chunks or on the number of processes.
"""

from __future__ import annotations

import csv
import hashlib
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ingest.contract import SEEDS_DIR

SYNTHETIC = "(synthetisch)"
CHUNK_INWONERS = 30_000
MAX_CHUNKS_PER_GEMEENTE = 1000  # the chunk number has 3 digits in the ids
BSN_SPACE = 90_000_000  # 8-digit prefixes 10000000 .. 99999999; the 9th digit is the check
BSN_STRIDE = 48_271_339  # coprime with BSN_SPACE: slot -> prefix is a permutation
POSTCODE_FIRST = 1000


@dataclass(frozen=True, slots=True)
class Wijk:
    code: str
    share: float
    pc4: int  # the first of the two 4-digit postcode areas of the wijk


@dataclass(frozen=True, slots=True)
class Gemeente:
    code: str
    naam: str  # without the "(synthetisch)" mark
    seed_inwoners: int
    wijken: tuple[Wijk, ...]
    home: bool  # the delivery's own municipality: its rows may leave gemeente_code empty


@dataclass(frozen=True, slots=True)
class Chunk:
    """One unit of work: part of one municipality's households."""

    number: int  # position in the delivery (file order)
    gemeente: Gemeente
    index: int  # number within the municipality
    inwoners: int
    bsn_first: int  # first BSN slot of the chunk
    bsn_slots: int  # slots reserved for it (inhabitants, babies born, rejected check digits)

    @property
    def tag(self) -> str:
        """The gemeente's 4 digits and the chunk number: the stem of every id it writes."""
        return f"{self.gemeente.code[2:]}{self.index:03d}"


def read_gemeenten(seeds_dir: Path = SEEDS_DIR) -> list[Gemeente]:
    """The synthetic municipalities of the seeds, in seed order, with their wijken."""
    with (seeds_dir / "wijken.csv").open(encoding="utf-8", newline="") as fh:
        wijk_rows = list(csv.DictReader(fh))
    wijken: dict[str, list[Wijk]] = {}
    for n, row in enumerate(wijk_rows):
        pc4 = POSTCODE_FIRST + (2 * n) % (9998 - POSTCODE_FIRST)
        wijk = Wijk(row["wijk_code"], float(row["inwoneraandeel"]), pc4)
        wijken.setdefault(row["gemeente_code"], []).append(wijk)
    with (seeds_dir / "gemeenten.csv").open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["gemeente_naam"].endswith(SYNTHETIC)]
    out: list[Gemeente] = []
    for row in rows:
        code = row["gemeente_code"]
        if code not in wijken:
            raise ValueError(f"seeds/wijken.csv has no wijken for {code}")
        naam = row["gemeente_naam"].removesuffix(SYNTHETIC).strip()
        out.append(Gemeente(code, naam, int(row["inwoners"]), tuple(wijken[code]), not out))
    return out


def split(total: int, weights: list[int]) -> list[int]:
    """``total`` over the weights by largest remainder (exact when the weights add up to the
    total); every part at least 1."""
    if total < len(weights):
        raise ValueError(f"{total} inhabitants cannot be split over {len(weights)} gemeenten")
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    parts = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (parts[i] - exact[i], i))
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    for i, part in enumerate(parts):
        if part == 0:
            parts[i] = 1
            parts[parts.index(max(parts))] -= 1
    return parts


def plan(gemeenten: list[Gemeente], inwoners: int, years: float) -> list[Chunk]:
    """The chunks of a delivery in file order, each with its own range of BSN slots."""
    chunks: list[Chunk] = []
    slot = 0
    for gemeente, size in zip(
        gemeenten, split(inwoners, [g.seed_inwoners for g in gemeenten]), strict=True
    ):
        count = math.ceil(size / CHUNK_INWONERS)
        if count > MAX_CHUNKS_PER_GEMEENTE:
            raise ValueError(f"{size:,} inhabitants is too many for one gemeente")
        for index, part in enumerate(split(size, [1] * count)):
            # Babies born in the history (about 1 % a year) and rejected check digits (1 in 11)
            # with a wide margin.
            slots = math.ceil(part * (1 + 0.03 * (years + 1)) * 1.15) + 200
            chunks.append(Chunk(len(chunks), gemeente, index, part, slot, slots))
            slot += slots
    if slot > BSN_SPACE:
        raise ValueError(f"{inwoners:,} inhabitants need more BSNs than exist")
    return chunks


def chunk_seed(seed: int, gemeente_code: str, index: int, part: str) -> int:
    """A 64-bit seed for one part of one chunk's simulation, from the delivery's seed."""
    text = f"sdw-generator/{seed}/{gemeente_code}/{index}/{part}".encode()
    return int.from_bytes(hashlib.sha256(text).digest()[:8], "big")


def bsns(chunk: Chunk, count: int, seed: int) -> np.ndarray:
    """``count`` BSNs (as 9-digit numbers) from the chunk's own slots: unique in the delivery.

    Slot s gets the 8-digit prefix 10,000,000 + (s * stride + offset) mod 90,000,000, a
    permutation of all prefixes, and the check digit the 11-proof demands; prefixes whose check
    digit would be 10 are skipped."""
    offset = chunk_seed(seed, "", 0, "bsn") % BSN_SPACE
    slots = np.arange(chunk.bsn_first, chunk.bsn_first + chunk.bsn_slots, dtype=np.int64)
    prefix = 10_000_000 + (slots * BSN_STRIDE + offset) % BSN_SPACE
    check = np.zeros_like(prefix)
    rest = prefix.copy()
    for weight in range(2, 10):  # the last of the 8 digits has weight 2, the first 9
        check += (rest % 10) * weight
        rest //= 10
    check %= 11
    valid = check < 10
    if int(valid.sum()) < count:
        raise RuntimeError(f"chunk {chunk.number} ran out of BSN slots ({count:,} persons)")
    return (prefix[valid] * 10 + check[valid])[:count]
