"""``generate``: a whole delivery, chunk by chunk, on all cores, always the same bytes.

The delivery is cut into chunks (``regions.plan``): every municipality into parts of at most
``CHUNK_INWONERS`` inhabitants. Worker processes simulate chunks and write each as CSV bytes (or an
Arrow file for Parquet) into a scratch folder; the parent appends them to the four files strictly in
chunk order (CSV in the kernel, with sendfile) and deletes them, with at most two chunks per worker
in flight, so memory and scratch space stay bounded whatever the size. (Sending the chunks through
multiprocessing's pipes cost more CPU than simulating them.) A chunk's output depends only on
(seed, gemeente, chunk number): the same arguments give the same bytes with any number of
processes.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa

from ingest.contract import EXTRACTS
from ingest.generator import bevolking
from ingest.generator.care import simulate_care
from ingest.generator.chunk import context
from ingest.generator.dates import Period, parse_month
from ingest.generator.declaraties import declaraties
from ingest.generator.reference import verwijzers_for
from ingest.generator.regions import Chunk, Gemeente, plan, read_gemeenten
from ingest.generator.uitkeringen import simulate_uitkeringen
from ingest.generator.writing import DeliveryWriter, Payload, csv_body, write_arrow

CHUNKED = ("beschikkingen", "declaraties", "uitkeringen")


@dataclass(frozen=True, slots=True)
class Job:
    chunk: Chunk
    period: Period
    seed: int
    file_format: str
    scratch: Path | None = None  # where a worker process leaves its output for the parent
    bevolking: bool = False  # count the inhabitants on 1 January (the population seed)


@dataclass(slots=True)
class ChunkOutput:
    number: int
    payload: dict[str, Payload]
    rows: dict[str, int]
    first_rows: dict[str, list[str]]  # the chunk's first row per extract (for broken rows)
    inwoners: np.ndarray | None = None  # bevolking.count of the chunk, when the job asked for it


def simulate_chunk(
    chunk: Chunk, period: Period, seed: int, inwoners: bool = False
) -> tuple[dict[str, pa.Table], np.ndarray | None]:
    """One chunk's beschikkingen, declaraties and uitkeringen as tables of text: population, then
    benefits, then care (more in benefit households), then the claims on that care; with
    ``inwoners`` also its inhabitants on 1 January (``bevolking.count``)."""
    ctx = context(chunk, period, seed)
    counts = bevolking.count(ctx.pop, len(chunk.gemeente.wijken), period) if inwoners else None
    uitkeringen, in_pw = simulate_uitkeringen(ctx)
    care = simulate_care(ctx, in_pw)
    tables = {
        "beschikkingen": care.table(ctx),
        "declaraties": declaraties(ctx, care),
        "uitkeringen": uitkeringen,
    }
    return tables, counts


def run_job(job: Job) -> ChunkOutput:
    tables, counts = simulate_chunk(job.chunk, job.period, job.seed, job.bevolking)
    payload: dict[str, Payload] = {}
    for name, table in tables.items():
        data: Payload = csv_body(name, table) if job.file_format == "csv" else table
        if job.scratch is not None:  # in a worker: hand it over as a file
            path = job.scratch / f"{job.chunk.number:06d}.{name}.{job.file_format}"
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                write_arrow(path, data)
            data = path
        payload[name] = data
    first_rows = {
        name: list(table.slice(0, 1).to_pylist()[0].values())
        for name, table in tables.items()
        if table.num_rows
    }
    rows = {name: table.num_rows for name, table in tables.items()}
    return ChunkOutput(job.chunk.number, payload, rows, first_rows, counts)


def tune_malloc() -> None:
    """Let glibc keep freed memory for the next chunk instead of returning it to the system and
    faulting it in again: a chunk allocates and frees hundreds of megabytes of arrays, and without
    this a quarter to a third of the run time went to the kernel. Without glibc: no change."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-1, 1 << 30)  # M_TRIM_THRESHOLD
        libc.mallopt(-3, 32 << 20)  # M_MMAP_THRESHOLD (its maximum)
    except (OSError, AttributeError):
        pass


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _results(jobs: list[Job], workers: int, scratch: Path) -> Iterator[ChunkOutput]:
    """Chunk outputs in chunk order; at most 2 per worker computed ahead."""
    tune_malloc()
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield run_job(job)
        return
    pa.array([""])  # pyarrow imports pandas on first use: here once, not in every worker
    jobs = [replace(job, scratch=scratch) for job in jobs]
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with multiprocessing.get_context(method).Pool(workers, initializer=tune_malloc) as pool:
        pending = deque(pool.apply_async(run_job, (job,)) for job in jobs[: 2 * workers])
        queued = len(pending)
        while pending:
            result = pending.popleft().get()
            if queued < len(jobs):
                pending.append(pool.apply_async(run_job, (jobs[queued],)))
                queued += 1
            yield result


def generate(
    out_dir: Path,
    inwoners: int,
    start: str,
    end: str,
    seed: int,
    broken: bool = False,
    gemeenten: int = 1,
    file_format: str = "csv",
    workers: int | None = None,
    bevolking_csv: Path | None = None,
) -> dict[str, int]:
    """Write beschikkingen, declaraties, uitkeringen and verwijzers (.csv or .parquet) into
    out_dir for the first ``gemeenten`` synthetic municipalities of the seeds; with
    ``bevolking_csv`` also their inhabitants per wijk, year and age on 1 January as the
    population seed (``seeds/bevolking.csv``; written there and not in out_dir, where the loader
    would refuse a data file that is no extract).

    ``inwoners`` inhabitants in all (split over the municipalities by their size in the seed)
    live there on the first day of ``start`` (YYYY-MM); the history runs to the last day of
    ``end``. Returns the rows written per file (broken rows included); with ``broken`` also
    ``broken_rows`` (total) and ``broken_rows_<file>``. ``workers`` processes (default: one per
    core) never change the output.
    """
    if inwoners <= 0:
        raise ValueError("inwoners must be a positive number")
    period = Period(parse_month(start, last=False), parse_month(end, last=True))
    if period.last < period.first:
        raise ValueError("end lies before start")
    if bevolking_csv is not None and bevolking_csv.resolve().parent == out_dir.resolve():
        raise ValueError(
            "the population seed cannot be written into the delivery folder (sdw load refuses a "
            "data file that belongs to no extract): write it to seeds/ or beside the folder"
        )
    available = read_gemeenten()
    if not 1 <= gemeenten <= len(available):
        raise ValueError(
            f"gemeenten must be 1 to {len(available)} (the synthetic municipalities in "
            "seeds/gemeenten.csv)"
        )
    chosen = available[:gemeenten]
    chunks = plan(chosen, inwoners, period.years)
    jobs = [
        Job(chunk, period, seed, file_format, bevolking=bevolking_csv is not None)
        for chunk in chunks
    ]
    inwoners: dict[str, np.ndarray] = {}
    first_rows: dict[str, list[str]] = {}
    with DeliveryWriter(out_dir, file_format) as writer:
        scratch = Path(tempfile.mkdtemp(prefix=".sdw-generate-", dir=out_dir))
        try:
            for output in _results(jobs, workers or default_workers(), scratch):
                for name in CHUNKED:
                    writer.write(name, output.payload[name], output.rows[name])
                    if name not in first_rows and name in output.first_rows:
                        first_rows[name] = output.first_rows[name]
                if output.inwoners is not None:
                    code = chunks[output.number].gemeente.code
                    inwoners[code] = inwoners.get(code, 0) + output.inwoners
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        writer.write_rows("verwijzers", _verwijzer_rows(chosen, period))
        broken_counts: dict[str, int] = {}
        if broken:
            for name, breaker in BREAKERS.items():
                rows = breaker(first_rows[name]) if name in first_rows else []
                writer.write_rows(name, rows)
                broken_counts[name] = len(rows)
        result = {name: writer.rows[name] for name in EXTRACTS}
    if bevolking_csv is not None:
        seed_rows = [r for g in chosen for r in bevolking.rows(g, inwoners[g.code], period)]
        bevolking.write(bevolking_csv, seed_rows)
        result["bevolking"] = len(seed_rows)
    if broken:
        result["broken_rows"] = sum(broken_counts.values())
        for name, n in broken_counts.items():
            result[f"broken_rows_{name}"] = n
    return result


def _verwijzer_rows(gemeenten: list[Gemeente], period: Period) -> list[list[str]]:
    first = date(date.fromordinal(period.first).year - 3, 1, 1).isoformat()
    renamed = date.fromordinal(period.first + (period.last - period.first) // 2).isoformat()
    rows: list[list[str]] = []
    for g in gemeenten:
        for v in verwijzers_for(g.code, g.naam, g.home):
            rows.append([v.verwijzer_id, first, v.verwijzer_type, v.naam, v.agb])
            if v.renamed:
                rows.append([v.verwijzer_id, renamed, v.verwijzer_type, v.renamed, v.agb])
    return rows


# --- broken rows --------------------------------------------------------------------------------


def _broken(
    name: str,
    row: list[str],
    key: str,
    key_format: str,
    fixed: dict[str, str],
    changes: list[tuple[str, str]],
) -> list[list[str]]:
    """Copies of a valid row, each breaking one rule of the contract."""
    idx = {c: i for i, c in enumerate(EXTRACTS[name].column_names)}
    out: list[list[str]] = []
    for n, (col, value) in enumerate(changes):
        new = list(row)
        new[idx[key]] = key_format.format(n + 1)
        for c, v in fixed.items():
            new[idx[c]] = v
        new[idx[col]] = value
        out.append(new)
    return out


def _break_beschikking(row: list[str]) -> list[list[str]]:
    changes = [
        ("bsn", "123456780"),  # fails the 11-proof
        ("einddatum", "01-01-2019"),  # before the ingangsdatum below
        ("productcategorie", "99"),
        ("ingangsdatum", "31-02-2021"),
        ("tarief", "1.234,56"),
        ("reden_beeindiging", "19x"),
    ]
    fixed = {"ingangsdatum": "01-06-2021", "einddatum": "31-12-2021"}
    return _broken("beschikkingen", row, "beschikking_id", "X{:08d}", fixed, changes)


def _break_declaratie(row: list[str]) -> list[list[str]]:
    changes = [
        ("bsn", "111222334"),
        ("periode_eind", "2021-01-01"),  # before periode_begin below
        ("productcategorie", "77"),
        ("periode_begin", "2021-13-01"),
        ("bedrag", "1,234.50"),
    ]
    fixed = {"periode_begin": "2021-02-01"}
    return _broken("declaraties", row, "declaratie_id", "X{:09d}", fixed, changes)


def _break_uitkering(row: list[str]) -> list[list[str]]:
    changes = [
        ("bsn", "999999999"),
        ("einddatum", "01-01-2019"),  # before the ingangsdatum below
        ("regeling", "WWB"),
        ("besluitdatum", "2021-13-01"),
        ("bedrag", "1.050,00"),
    ]
    fixed = {"ingangsdatum": "01-03-2021"}
    return _broken("uitkeringen", row, "uitkering_id", "X{:07d}", fixed, changes)


BREAKERS = {
    "beschikkingen": _break_beschikking,
    "declaraties": _break_declaratie,
    "uitkeringen": _break_uitkering,
}
