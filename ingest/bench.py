"""`sdw bench`: how the cost of loading and building grows with the size of a municipality.

For each size (inhabitants over 2019-01..2024-12) a delivery is generated once (kept in the bench
folder, keyed on size and seed), then every step runs as a whole process under /usr/bin/time -v
(wall time and peak resident memory, as the operating system counts them):

- lower bound: DuckDB alone reading every delivered file once (each file into a table, every
  column as text), in a fresh process: what no loader can beat;
- load: `sdw load` into a new warehouse;
- build: `sdw build` (dbt build - models and tests - then the privacy audit); dbt's
  target/run_results.json splits the time between models and tests, and gives the first dbt
  build's own wall time: the rest of `sdw build` is its start, the privacy audit, the audit's
  rebuild rounds and publishing.

- month added: the delivery's last month (its rows registered in END or later, by
  registratiedatum) split off as the next monthly delivery; `sdw load` of that month into a
  warehouse holding the rest, and into a new warehouse. Equal times show a load costing its own
  size, not the warehouse's (issue 8).

Before the build, `dbt parse` runs once per size, untimed but reported (`parse s`): dbt parses
the project in full only when the project changed since the last build, and a build on a new
delivery reads the parse of the one before. Without it, the first bench run after a change to
the project would time a full parse (6-8 s here) that no later load pays.

The table shows rows per second, the ratio to the lower bound, the growth factor between sizes
(how much faster than the data the cost grows: 1.0 is linear), peak memory and warehouse size. It
is printed and written to bench/results/<date>.json. Benchmarks are not tests: run them by hand,
on a quiet machine, and compare ratios rather than bare seconds.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from ingest.contract import PROJECT_ROOT

SIZES = {"26k": 26_000, "260k": 260_000, "1M": 1_000_000}
NATIONAL = {"national": 17_900_000}
# the national size is the country's 342 municipalities (2024), not one city of 17.9 million:
# every mart then has a row per gemeente, and the privacy audit solves 342 gemeenten's cells
NATIONAL_GEMEENTEN = 342
# the national run stops after this many minutes of load + build (issue 8: "under 60 minutes"),
# and records how far it got
NATIONAL_BUDGET_MIN = 60
# DuckDB's memory limit for the national run (peak target 16 GB), unless SDW_MEMORY_LIMIT is set
NATIONAL_MEMORY_LIMIT = "12GB"
# a warehouse needs its delivered rows times the bytes per row of the largest size measured
# before it, and room to spill: the build does not start with less free disk than this factor
DISK_MARGIN = 1.3
# a step that leaves less free disk than this is stopped (a full disk breaks more than the bench)
DISK_FLOOR_GB = 5
START, END = "2019-01", "2024-12"
LOWER_BOUND_SCRIPT = """
import sys, duckdb
con = duckdb.connect()
con.execute("set enable_progress_bar = false")
# bounded: a file larger than memory spills to the temp directory (the national delivery would
# otherwise hold 200 million rows of text in memory); the smaller sizes stay under the limit
con.execute(f"set memory_limit = '{sys.argv[1]}'")
con.execute(f"set temp_directory = '{sys.argv[2]}'")
rows = 0
for path in sys.argv[3:]:
    source = f"read_parquet('{path}')" if path.endswith(".parquet") else (
        f"read_csv('{path}', all_varchar = true, header = true)")
    con.execute(f"create or replace table t as select * from {source}")
    rows += con.execute("select count(*) from t").fetchone()[0]
    con.execute("drop table t")
print(f"rows={rows}")
"""
LOWER_BOUND_MEMORY = "4GB"  # the loader's bound (issue 8: sdw load under 4 GB)

Say = Callable[[str], None]


@dataclass
class Step:
    seconds: float
    peak_mb: float
    exit_code: int
    stopped: str = ""  # why the bench stopped it (its time budget), empty when it ended itself


@dataclass
class MonthResult:
    """The last month of a size's delivery, loaded as the next monthly delivery."""

    month: str
    rows: int  # rows of the month's delivery
    basis_rows: int  # rows of the rest: what the warehouse holds before the month is added
    basis_load: Step | None = None  # loading the rest (its time is not the measure)
    into_empty: Step | None = None  # sdw load of the month into a new warehouse
    into_loaded: Step | None = None  # sdw load of the month into the warehouse holding the rest

    @property
    def loaded_vs_empty(self) -> float:
        if not (self.into_loaded and self.into_empty and self.into_empty.seconds):
            return 0.0
        return self.into_loaded.seconds / self.into_empty.seconds


@dataclass
class SizeResult:
    label: str
    inwoners: int
    gemeenten: int
    rows: int
    delivery_mb: float
    generate: Step | None = None
    lower_bound: Step | None = None
    load: Step | None = None
    parse: Step | None = None
    build: Step | None = None
    build_dbt_s: float = 0.0  # the first dbt build's own wall time (dbt's elapsed_time)
    build_models_s: float = 0.0
    build_tests_s: float = 0.0
    warehouse_mb: float = 0.0
    maand: MonthResult | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def load_rows_per_s(self) -> float:
        return self.rows / self.load.seconds if self.load and self.load.seconds else 0.0

    @property
    def load_vs_lower_bound(self) -> float:
        if not (self.load and self.lower_bound and self.lower_bound.seconds):
            return 0.0
        return self.load.seconds / self.lower_bound.seconds

    @property
    def build_audit_s(self) -> float:
        """The part of `sdw build` that is not the first dbt build: the process's start, the
        privacy audit, its rebuild rounds and publishing."""
        if not (self.build and self.build_dbt_s):
            return 0.0
        return max(self.build.seconds - self.build_dbt_s, 0.0)

    @property
    def total_s(self) -> float:
        return (self.load.seconds if self.load else 0.0) + (
            self.build.seconds if self.build else 0.0
        )


def _tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants (from /proc), in MB."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        pid, ppid = int(entry.name), int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(pid)
        found = re.search(r"VmRSS:\s+(\d+) kB", status)
        rss[pid] = int(found.group(1)) if found else 0
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total / 1024


def _size_gb(path: Path) -> float:
    if not path.exists():
        return 0.0
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    total = 0
    for file in files:
        with contextlib.suppress(OSError):  # a temp file removed while we count
            total += file.stat().st_size
    return total / 1e9


def timed(
    cmd: list[str],
    env: dict[str, str],
    log: Path,
    budget_s: float | None = None,
    watch: list[Path] | None = None,
) -> Step:
    """Run a command under /usr/bin/time -v; its output goes to log. With budget_s the command
    is stopped (its whole process group) after that many seconds, or earlier when the disk it
    writes to has less than DISK_FLOOR_GB free; the step then says which, with the sizes of the
    watched paths (warehouse, DuckDB's temp directory) and the peak memory of the process tree,
    sampled every second."""
    started = time.monotonic()
    sampled_mb = 0.0
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            ["/usr/bin/time", "-v", *cmd],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=budget_s is not None or bool(watch),
        )
        stopped = ""
        while True:
            try:
                code = proc.wait(timeout=1.0)
                break
            except subprocess.TimeoutExpired:
                if budget_s is None and not watch:
                    continue
                sampled_mb = max(sampled_mb, _tree_rss_mb(proc.pid))
                if budget_s is not None and time.monotonic() - started > budget_s:
                    limit = (
                        f"{budget_s / 60:.0f} minutes" if budget_s >= 120 else f"{budget_s:.0f} s"
                    )
                    stopped = f"stopped by the bench after {limit}"
                elif watch and shutil.disk_usage(watch[0].parent).free / 1e9 < DISK_FLOOR_GB:
                    sizes = ", ".join(f"{p.name} {_size_gb(p):,.1f} GB" for p in watch)
                    stopped = (
                        f"stopped by the bench after {(time.monotonic() - started) / 60:.1f} "
                        f"minutes: less than {DISK_FLOOR_GB} GB free on {watch[0].parent} "
                        f"({sizes})"
                    )
                if stopped:
                    os.killpg(proc.pid, 9)
                    code = proc.wait()
                    break
    elapsed = time.monotonic() - started
    text = log.read_text(encoding="utf-8", errors="replace")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    seconds = 0.0
    if wall and not stopped:
        for part in wall.group(1).split(":"):
            seconds = seconds * 60 + float(part)
    else:
        seconds = elapsed
    peak_mb = max(int(peak.group(1)) / 1024 if peak and not stopped else 0.0, sampled_mb)
    return Step(round(seconds, 2), peak_mb, code, stopped)


def dbt_progress(log: Path) -> str:
    """How far the first dbt build in log got: nodes finished of all, and those still running."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", log.read_text(encoding="utf-8", errors="replace"))
    first = text.split("Running with dbt=")[1] if "Running with dbt=" in text else ""
    started: dict[str, str] = {}
    done: set[str] = set()
    total = ""
    for line in first.splitlines():
        found = re.search(r"\b(\d+) of (\d+) (START|OK|PASS|WARN|ERROR|FAIL|SKIP)\b(.*)", line)
        if not found:
            continue
        number, total, what, rest = found.groups()
        if what == "START":
            # the node's name, then dots up to a column, then [RUN]; a long name has no dots
            words = re.sub(r"[\s.]*\[RUN\]\s*$", "", rest).split()
            started[number] = words[-1] if words else "?"
        else:
            done.add(number)
    if not total:
        return "dbt had not started a node"
    running = [name for number, name in started.items() if number not in done]
    return (
        f"dbt had finished {len(done)} of {total} nodes of its build; "
        f"running: {', '.join(running) or 'none'}"
    )


def _files(delivery: Path) -> list[Path]:
    return [p for p in delivery.iterdir() if p.suffix in (".csv", ".parquet")]


def _machine() -> dict[str, object]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = 0.0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem_gb = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    import duckdb  # noqa: PLC0415

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_gb, 1),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "os": platform.platform(),
    }


def _last_measured(results_dir: Path) -> SizeResult | None:
    """The largest size with a warehouse in the newest results file: the bytes per row a size
    run on its own (sdw bench --sizes '' --national) projects its disk need from."""
    files = sorted(results_dir.glob("*.json"))
    if not files:
        return None
    sizes = json.loads(files[-1].read_text(encoding="utf-8")).get("sizes", [])
    measured = [x for x in sizes if x.get("warehouse_mb") and x.get("rows")]
    if not measured:
        return None
    last = max(measured, key=lambda x: x["rows"])
    result = SizeResult(last["label"], last["inwoners"], last["gemeenten"], last["rows"], 0.0)
    result.warehouse_mb = last["warehouse_mb"]
    return result


def _free_gb(path: Path) -> float:
    return shutil.disk_usage(path).free / 1e9


def _year_month(value: bytes) -> bytes:
    """YYYY-MM of a delivered date: ISO (YYYY-MM-DD) or Dutch (DD-MM-YYYY), the generator's two
    formats; anything else gives b"" (sorts before every month)."""
    if value[4:5] == b"-":
        return value[:7]
    if value[2:3] == b"-" and value[5:6] == b"-":
        return value[6:10] + b"-" + value[3:5]
    return b""


def _split_csv(src: Path, basis: Path, maand: Path, month: bytes) -> tuple[int, int]:
    """Split one generated CSV file line by line, keeping its bytes (BOM, separator, encoding,
    line ends): the generator quotes nothing, as no value it makes holds a separator, quote or
    line break (ingest/generator/writing.py)."""
    counts = [0, 0]
    with src.open("rb") as fh, basis.open("wb") as out_basis, maand.open("wb") as out_maand:
        header = fh.readline()
        out_basis.write(header)
        out_maand.write(header)
        names = header.removeprefix(b"\xef\xbb\xbf").rstrip(b"\r\n")
        sep = b";" if b";" in names else b","
        if b"registratiedatum" not in names.split(sep):
            raise ValueError(
                f"{src}: no registratiedatum column in the header, cannot split by month"
            )
        column = names.split(sep).index(b"registratiedatum")
        outs = (out_basis, out_maand)
        for line in fh:
            fields = line.split(sep, column + 1)
            # a line too short to hold the date (an empty last line) stays with the rest
            later = len(fields) > column and _year_month(fields[column]) >= month
            outs[later].write(line)
            counts[later] += 1
    return counts[0], counts[1]


def _split_parquet(src: Path, basis: Path, maand: Path, month: str) -> tuple[int, int]:
    """Split one generated Parquet file (text columns) row group by row group."""
    import pyarrow.compute as pc  # noqa: PLC0415
    import pyarrow.parquet as pq  # noqa: PLC0415

    counts = [0, 0]
    source = pq.ParquetFile(src)
    with (
        pq.ParquetWriter(basis, source.schema_arrow) as out_basis,
        pq.ParquetWriter(maand, source.schema_arrow) as out_maand,
    ):
        for group in range(source.num_row_groups):
            rows = source.read_row_group(group)
            value = rows.column("registratiedatum")
            iso = pc.equal(pc.utf8_slice_codeunits(value, 4, 5), "-")
            dutch = pc.binary_join_element_wise(
                pc.utf8_slice_codeunits(value, 6, 10), pc.utf8_slice_codeunits(value, 3, 5), "-"
            )
            year_month = pc.if_else(iso, pc.utf8_slice_codeunits(value, 0, 7), dutch)
            later = pc.fill_null(pc.greater_equal(year_month, month), False)
            for out, mask, i in ((out_maand, later, 1), (out_basis, pc.invert(later), 0)):
                part = rows.filter(mask)
                out.write_table(part)
                counts[i] += part.num_rows
    return counts[0], counts[1]


def split_last_month(delivery: Path, out: Path, month: str = END) -> tuple[int, int]:
    """Split a generated delivery by registratiedatum into out/basis (rows registered before
    `month`, YYYY-MM) and out/maand (rows registered in `month` or later): the delivery a
    municipality sends next month, and the warehouse it is added to. A file with no row on one
    side is left out there. Returns (basis rows, month rows)."""
    total = [0, 0]
    for side in ("basis", "maand"):
        (out / side).mkdir(parents=True, exist_ok=True)
    for src in sorted(_files(delivery)):
        basis, maand = out / "basis" / src.name, out / "maand" / src.name
        if src.suffix == ".parquet":
            counts = _split_parquet(src, basis, maand, month)
        else:
            counts = _split_csv(src, basis, maand, month.encode())
        for side, path, n in ((0, basis, counts[0]), (1, maand, counts[1])):
            total[side] += n
            if n == 0:
                path.unlink()
    return total[0], total[1]


def run_month(label: str, delivery: Path, work: Path, env: dict[str, str], say: Say) -> MonthResult:
    """Month added: split the delivery's last month off (once, kept beside the delivery), load
    the rest into a warehouse, then time `sdw load` of the month into a new warehouse and into
    that one. The two warehouses are removed afterwards."""
    sdw = str(Path(sys.executable).parent / "sdw")
    split = delivery.with_name(f"{delivery.name}-maand{END}")
    if not (split / ".complete").exists():
        say(f"[{label}] month added: splitting {END} off the delivery ...")
        shutil.rmtree(split, ignore_errors=True)
        counts = split_last_month(delivery, split, END)
        (split / ".complete").write_text(json.dumps(counts) + "\n")
    basis_rows, month_rows = json.loads((split / ".complete").read_text())
    result = MonthResult(END, month_rows, basis_rows)
    loaded, empty = work / "maand" / "sdw.duckdb", work / "maand_nieuw" / "sdw.duckdb"
    for warehouse in (loaded, empty):
        shutil.rmtree(warehouse.parent, ignore_errors=True)
        warehouse.parent.mkdir(parents=True)  # the disk watch looks at it from the start

    def load(folder: str, warehouse: Path, log: str) -> Step:
        # sampled as a process tree: the loader and its gate's process together
        return timed(
            [sdw, "load", str(split / folder)],
            {**env, "SDW_WAREHOUSE": str(warehouse)},
            work / log,
            watch=[warehouse],
        )

    try:
        say(f"[{label}] month added: loading the rest ({basis_rows:,} rows) ...")
        result.basis_load = load("basis", loaded, "maand_basis.log")
        if result.basis_load.exit_code:
            return result
        say(f"[{label}] month added: sdw load of {month_rows:,} rows into a new warehouse ...")
        result.into_empty = load("maand", empty, "maand_nieuw.log")
        say(f"[{label}] month added: ... and into the warehouse holding the rest ...")
        result.into_loaded = load("maand", loaded, "maand_toegevoegd.log")
    finally:
        for warehouse in (loaded, empty):
            shutil.rmtree(warehouse.parent, ignore_errors=True)
    say(
        f"[{label}] month added: {result.into_loaded.seconds:,.1f} s into the loaded warehouse, "
        f"{result.into_empty.seconds:,.1f} s into a new one"
    )
    return result


def run_size(
    label: str,
    inwoners: int,
    gemeenten: int,
    fmt: str,
    root: Path,
    seed: int,
    say: Say,
    budget_s: float | None = None,
    previous: SizeResult | None = None,
    maand: bool = False,
) -> SizeResult:
    """One size: generate (once), lower bound, load, build, and with `maand` the month added
    (run_month). With budget_s, load and build together get that many seconds; a step still
    running then is stopped and the result says how far it got. With previous (a smaller size
    measured before), the build does not start when the disk cannot hold the warehouse its
    bytes per row project."""
    bin_dir = Path(sys.executable).parent
    sdw = str(bin_dir / "sdw")
    env = dict(os.environ)
    env.setdefault("DO_NOT_TRACK", "1")
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    env["DBT_PROFILES_DIR"] = str(PROJECT_ROOT)
    if label in NATIONAL:
        env.setdefault("SDW_MEMORY_LIMIT", NATIONAL_MEMORY_LIMIT)
    work = root / label
    work.mkdir(parents=True, exist_ok=True)
    # dbt's artefacts and logs per size, apart from a developer's target/
    env["DBT_TARGET_PATH"] = str(work / "target")
    env["DBT_LOG_PATH"] = str(work / "logs")
    delivery = root / "deliveries" / f"{label}-{gemeenten}-{fmt}-seed{seed}"
    result = SizeResult(label, inwoners, gemeenten, 0, 0.0)
    if not (delivery / ".complete").exists():
        say(f"[{label}] generating {inwoners:,} inhabitants ({gemeenten} gemeente(n), {fmt}) ...")
        shutil.rmtree(delivery, ignore_errors=True)
        cmd = [sdw, "generate", "--out", str(delivery), "--inwoners", str(inwoners),
               "--start", START, "--end", END, "--seed", str(seed)]  # fmt: skip
        if gemeenten > 1:
            cmd += ["--gemeenten", str(gemeenten)]
        if fmt != "csv":
            cmd += ["--format", fmt]
        result.generate = timed(cmd, env, work / "generate.log")
        if result.generate.exit_code:
            result.notes.append(f"generate failed, see {work / 'generate.log'}")
            return result
        (delivery / ".complete").write_text("ok\n")
    files = _files(delivery)
    result.delivery_mb = sum(p.stat().st_size for p in files) / 1e6
    say(
        f"[{label}] lower bound: DuckDB reading {len(files)} files "
        f"({result.delivery_mb:,.0f} MB) ..."
    )
    result.lower_bound = timed(
        [
            sys.executable,
            "-c",
            LOWER_BOUND_SCRIPT,
            LOWER_BOUND_MEMORY,
            str(work / "lower_bound.tmp"),
            *map(str, sorted(files)),
        ],
        env,
        work / "lower_bound.log",
    )
    shutil.rmtree(work / "lower_bound.tmp", ignore_errors=True)
    match = re.search(r"rows=(\d+)", (work / "lower_bound.log").read_text())
    result.rows = int(match.group(1)) if match else 0
    warehouse = work / "sdw.duckdb"
    for stale in (warehouse, warehouse.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)
    shutil.rmtree(warehouse.with_suffix(".duckdb.tmp"), ignore_errors=True)
    env["SDW_WAREHOUSE"] = str(warehouse)
    say(f"[{label}] sdw load ({result.rows:,} rows) ...")
    # the warehouse, the loader's scratch and spill directory, and dbt's (profiles.yml)
    watch = [warehouse, warehouse.parent / ".tmp", warehouse.with_suffix(".duckdb.tmp")]
    result.load = timed([sdw, "load", str(delivery)], env, work / "load.log", budget_s, watch)
    if result.load.stopped:
        lines = (work / "load.log").read_text(encoding="utf-8", errors="replace").splitlines()
        said = [ln for ln in lines if ln and not ln.startswith("\t") and "Command" not in ln]
        result.notes.append(f"load {result.load.stopped}; it had said: {' | '.join(said[-3:])}")
        return result
    if result.load.exit_code:
        result.notes.append(f"load failed (exit {result.load.exit_code}), see {work / 'load.log'}")
        return result
    say(f"[{label}] load: {result.load.seconds:,.1f} s ({result.load_rows_per_s:,.0f} rows/s, "
        f"{result.load_vs_lower_bound:.1f}x the lower bound); sdw build ...")  # fmt: skip
    if previous and previous.rows and previous.warehouse_mb:
        need_gb = previous.warehouse_mb / previous.rows * result.rows / 1e3 * DISK_MARGIN
        loaded_gb = warehouse.stat().st_size / 1e9
        free_gb = _free_gb(work)
        if need_gb - loaded_gb > free_gb:
            result.notes.append(
                f"build not started: disk. The warehouse would need about {need_gb:,.0f} GB "
                f"({previous.warehouse_mb * 1e6 / previous.rows:,.0f} bytes per delivered row at "
                f"{previous.label}, x{DISK_MARGIN} for spilling), {loaded_gb:,.1f} GB of it "
                f"loaded; {free_gb:,.0f} GB free on {work}"
            )
            return result
    # the project's parse, as the build of every delivery after the first on this code finds it
    result.parse = timed(
        [sys.executable, "-m", "ingest.dbt_scheduler", "parse", "--quiet"], env, work / "parse.log"
    )
    build_budget = None if budget_s is None else max(budget_s - result.load.seconds, 1.0)
    result.build = timed([sdw, "build"], env, work / "build.log", build_budget, watch)
    if result.build.stopped:
        result.notes.append(f"build {result.build.stopped}; {dbt_progress(work / 'build.log')}")
    # the full dbt build's timings (sdw build keeps them apart from the audit's rebuilds)
    run_results = work / "target" / "run_results_build.json"
    if run_results.exists() and not result.build.stopped:
        data = json.loads(run_results.read_text(encoding="utf-8"))
        result.build_dbt_s = float(data.get("elapsed_time") or 0)
        for r in data.get("results", []):
            kind = r.get("unique_id", "").split(".")[0]
            if kind in ("model", "seed", "snapshot"):
                result.build_models_s += float(r.get("execution_time") or 0)
            elif kind in ("test", "unit_test"):
                result.build_tests_s += float(r.get("execution_time") or 0)
    if result.build.exit_code and not result.build.stopped:
        result.notes.append(
            f"build failed (exit {result.build.exit_code}), see {work / 'build.log'}"
        )
    result.warehouse_mb = warehouse.stat().st_size / 1e6 if warehouse.exists() else 0.0
    say(f"[{label}] build: {result.build.seconds:,.1f} s; total {result.total_s:,.1f} s")
    if maand:
        result.maand = run_month(label, delivery, work, env, say)
        steps = (result.maand.basis_load, result.maand.into_empty, result.maand.into_loaded)
        if any(step is None or step.exit_code for step in steps):
            result.notes.append(f"month added: a load failed, see {work}/maand_*.log")
    return result


def table(results: list[SizeResult]) -> str:
    head = (
        f"{'size':>9} {'rows':>12} {'MB':>7} {'lower s':>8} {'load s':>8} {'rows/s':>10} "
        f"{'x lower':>8} {'parse s':>8} {'build s':>8} {'dbt s':>7} {'audit s':>8} "
        f"{'models s':>9} {'tests s':>8} {'total s':>8} {'growth':>7} {'peak MB':>8} {'wh MB':>7}"
    )
    lines = [head, "-" * len(head)]
    previous: SizeResult | None = None
    for r in results:
        growth = ""
        complete = r.build is not None and not r.build.stopped and r.build.exit_code == 0
        if complete and previous and previous.total_s and previous.rows and r.rows:
            growth = f"{(r.total_s / previous.total_s) / (r.rows / previous.rows):.2f}"
        peak = max(
            (s.peak_mb for s in (r.lower_bound, r.load, r.build) if s is not None), default=0.0
        )
        lines.append(
            f"{r.label:>9} {r.rows:>12,} {r.delivery_mb:>7,.0f} "
            f"{(r.lower_bound.seconds if r.lower_bound else 0):>8.1f} "
            f"{(r.load.seconds if r.load else 0):>8.1f} {r.load_rows_per_s:>10,.0f} "
            f"{r.load_vs_lower_bound:>8.2f} {(r.parse.seconds if r.parse else 0):>8.1f} "
            f"{(r.build.seconds if r.build else 0):>8.1f} {r.build_dbt_s:>7.1f} "
            f"{r.build_audit_s:>8.1f} {r.build_models_s:>9.1f} {r.build_tests_s:>8.1f} "
            f"{r.total_s:>8.1f} {growth:>7} {peak:>8,.0f} {r.warehouse_mb:>7,.0f}"
        )
        previous = r
    months = [r for r in results if r.maand and r.maand.into_loaded and r.maand.into_empty]
    if months:
        lines += ["", month_table(months)]
    lines.append(
        "parse s: dbt parse before the build (once per change to the project), not in the total. "
        "build s: sdw build; dbt s: its first dbt build (models s and tests s: their run times "
        "summed over dbt's threads); audit s: the rest (start, privacy audit, rebuild rounds, "
        "publication). "
        "growth: (total time ratio) / (rows ratio) against the size above; 1.00 = linear. "
        "peak MB: the largest resident memory of the lower bound, load and build processes "
        "(a stopped step: of its process tree, sampled every second)."
    )
    lines += [f"{r.label}: {note}" for r in results for note in r.notes]
    return "\n".join(lines)


def month_table(results: list[SizeResult]) -> str:
    """The month added, per size: `sdw load` of the delivery's last month into a new warehouse
    and into one holding the rest of the delivery."""
    head = (
        f"{'size':>9} {'month':>8} {'rows before':>12} {'month rows':>11} {'new s':>7} "
        f"{'added s':>8} {'added/new':>10} {'rows/s added':>13} {'peak MB':>8}"
    )
    lines = [
        "Month added (the delivery's last month by registratiedatum, loaded as the next delivery):",
        head,
        "-" * len(head),
    ]
    for r in results:
        m = r.maand
        assert m is not None and m.into_loaded is not None and m.into_empty is not None
        rate = m.rows / m.into_loaded.seconds if m.into_loaded.seconds else 0.0
        lines.append(
            f"{r.label:>9} {m.month:>8} {m.basis_rows:>12,} {m.rows:>11,} "
            f"{m.into_empty.seconds:>7.1f} {m.into_loaded.seconds:>8.1f} "
            f"{m.loaded_vs_empty:>10.2f} {rate:>13,.0f} {m.into_loaded.peak_mb:>8,.0f}"
        )
    lines.append(
        "new s: into a new warehouse; added s: into the warehouse holding every earlier row "
        "(rows before); added/new near 1: the load costs the month's size, not the warehouse's."
    )
    return "\n".join(lines)


def bench(
    sizes: dict[str, int],
    gemeenten: int,
    fmt: str,
    root: Path,
    seed: int,
    results_dir: Path,
    say: Say,
    maand: bool = True,
    budget_min: float = NATIONAL_BUDGET_MIN,
) -> Path:
    """Run the sizes in order; `maand`: also the month added at each size but the national
    one (whose budget, `budget_min` minutes, is load and build)."""
    root.mkdir(parents=True, exist_ok=True)
    started = time.time()
    results: list[SizeResult] = []
    for label, n in sizes.items():
        national = label in NATIONAL
        results.append(
            run_size(
                label,
                n,
                max(gemeenten, NATIONAL_GEMEENTEN) if national else gemeenten,
                fmt,
                root,
                seed,
                say,
                budget_s=budget_min * 60 if national else None,
                previous=next((r for r in reversed(results) if r.warehouse_mb), None)
                or _last_measured(results_dir),
                maand=maand and not national,
            )
        )
    text = table(results)
    say("")
    say(text)
    results_dir.mkdir(parents=True, exist_ok=True)
    out = results_dir / f"{date.today().isoformat()}.json"
    if out.exists():  # a second run the same day keeps the first: name it by the time
        out = results_dir / f"{date.today().isoformat()}T{time.strftime('%H%M')}.json"
    payload = {
        "date": date.today().isoformat(),
        "machine": _machine(),
        "period": f"{START}..{END}",
        "format": fmt,
        "seconds": round(time.time() - started, 1),
        "sizes": [
            {
                **asdict(r),
                "load_rows_per_s": round(r.load_rows_per_s),
                "load_vs_lower_bound": round(r.load_vs_lower_bound, 2),
                "total_s": round(r.total_s, 1),
            }
            for r in results
        ],
        "table": text.splitlines(),
    }
    out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    say(f"\nresults written to {out}")
    return out
