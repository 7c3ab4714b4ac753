"""`sdw bench`: how the cost of loading and building grows with the size of a municipality.

For each size (inhabitants over 2019-01..2024-12) a delivery is generated once (kept in the bench
folder, keyed on size and seed), then every step runs as a whole process under /usr/bin/time -v
(wall time and peak resident memory, as the operating system counts them):

- lower bound: DuckDB alone reading every delivered file once (each file into a table, every
  column as text), in a fresh process: what no loader can beat;
- load: `sdw load` into a new warehouse;
- build: `sdw build` (dbt build - models and tests - then the privacy audit); dbt's
  target/run_results.json splits the time between models and tests.

The table shows rows per second, the ratio to the lower bound, the growth factor between sizes
(how much faster than the data the cost grows: 1.0 is linear), peak memory and warehouse size. It
is printed and written to bench/results/<date>.json. Benchmarks are not tests: run them by hand,
on a quiet machine, and compare ratios rather than bare seconds.
"""

from __future__ import annotations

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
START, END = "2019-01", "2024-12"
LOWER_BOUND_SCRIPT = """
import sys, duckdb
con = duckdb.connect()
con.execute("set enable_progress_bar = false")
rows = 0
for path in sys.argv[1:]:
    source = f"read_parquet('{path}')" if path.endswith(".parquet") else (
        f"read_csv('{path}', all_varchar = true, header = true)")
    con.execute(f"create or replace table t as select * from {source}")
    rows += con.execute("select count(*) from t").fetchone()[0]
print(f"rows={rows}")
"""

Say = Callable[[str], None]


@dataclass
class Step:
    seconds: float
    peak_mb: float
    exit_code: int


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
    build: Step | None = None
    build_models_s: float = 0.0
    build_tests_s: float = 0.0
    warehouse_mb: float = 0.0
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
    def total_s(self) -> float:
        return (self.load.seconds if self.load else 0.0) + (
            self.build.seconds if self.build else 0.0
        )


def timed(cmd: list[str], env: dict[str, str], log: Path) -> Step:
    """Run a command under /usr/bin/time -v; its output goes to log."""
    with log.open("w", encoding="utf-8") as out:
        result = subprocess.run(
            ["/usr/bin/time", "-v", *cmd],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
    text = log.read_text(encoding="utf-8", errors="replace")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    seconds = 0.0
    if wall:
        for part in wall.group(1).split(":"):
            seconds = seconds * 60 + float(part)
    return Step(seconds, int(peak.group(1)) / 1024 if peak else 0.0, result.returncode)


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


def run_size(
    label: str, inwoners: int, gemeenten: int, fmt: str, root: Path, seed: int, say: Say
) -> SizeResult:
    bin_dir = Path(sys.executable).parent
    sdw = str(bin_dir / "sdw")
    env = dict(os.environ)
    env.setdefault("DO_NOT_TRACK", "1")
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    env["DBT_PROFILES_DIR"] = str(PROJECT_ROOT)
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
        [sys.executable, "-c", LOWER_BOUND_SCRIPT, *map(str, sorted(files))],
        env,
        work / "lower_bound.log",
    )
    match = re.search(r"rows=(\d+)", (work / "lower_bound.log").read_text())
    result.rows = int(match.group(1)) if match else 0
    warehouse = work / "sdw.duckdb"
    for stale in (warehouse, warehouse.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)
    env["SDW_WAREHOUSE"] = str(warehouse)
    say(f"[{label}] sdw load ({result.rows:,} rows) ...")
    result.load = timed([sdw, "load", str(delivery)], env, work / "load.log")
    if result.load.exit_code:
        result.notes.append(f"load failed (exit {result.load.exit_code}), see {work / 'load.log'}")
        return result
    say(f"[{label}] load: {result.load.seconds:,.1f} s ({result.load_rows_per_s:,.0f} rows/s, "
        f"{result.load_vs_lower_bound:.1f}x the lower bound); sdw build ...")  # fmt: skip
    result.build = timed([sdw, "build"], env, work / "build.log")
    # the full dbt build's timings (sdw build keeps them apart from the audit's rebuilds)
    run_results = work / "target" / "run_results_build.json"
    if run_results.exists():
        data = json.loads(run_results.read_text(encoding="utf-8"))
        for r in data.get("results", []):
            kind = r.get("unique_id", "").split(".")[0]
            if kind in ("model", "seed", "snapshot"):
                result.build_models_s += float(r.get("execution_time") or 0)
            elif kind in ("test", "unit_test"):
                result.build_tests_s += float(r.get("execution_time") or 0)
    if result.build.exit_code:
        result.notes.append(
            f"build failed (exit {result.build.exit_code}), see {work / 'build.log'}"
        )
    result.warehouse_mb = warehouse.stat().st_size / 1e6 if warehouse.exists() else 0.0
    say(f"[{label}] build: {result.build.seconds:,.1f} s; total {result.total_s:,.1f} s")
    return result


def table(results: list[SizeResult]) -> str:
    head = (
        f"{'size':>9} {'rows':>12} {'MB':>7} {'lower s':>8} {'load s':>8} {'rows/s':>10} "
        f"{'x lower':>8} {'build s':>8} {'models s':>9} {'tests s':>8} {'total s':>8} "
        f"{'growth':>7} {'peak MB':>8} {'wh MB':>7}"
    )
    lines = [head, "-" * len(head)]
    previous: SizeResult | None = None
    for r in results:
        growth = ""
        if previous and previous.total_s and previous.rows and r.rows:
            growth = f"{(r.total_s / previous.total_s) / (r.rows / previous.rows):.2f}"
        peak = max(
            (s.peak_mb for s in (r.lower_bound, r.load, r.build) if s is not None), default=0.0
        )
        lines.append(
            f"{r.label:>9} {r.rows:>12,} {r.delivery_mb:>7,.0f} "
            f"{(r.lower_bound.seconds if r.lower_bound else 0):>8.1f} "
            f"{(r.load.seconds if r.load else 0):>8.1f} {r.load_rows_per_s:>10,.0f} "
            f"{r.load_vs_lower_bound:>8.2f} {(r.build.seconds if r.build else 0):>8.1f} "
            f"{r.build_models_s:>9.1f} {r.build_tests_s:>8.1f} {r.total_s:>8.1f} {growth:>7} "
            f"{peak:>8,.0f} {r.warehouse_mb:>7,.0f}"
        )
        previous = r
    lines.append(
        "growth: (total time ratio) / (rows ratio) against the size above; 1.00 = linear. "
        "peak MB: the largest resident memory of the lower bound, load and build processes."
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
) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    started = time.time()
    results = [run_size(label, n, gemeenten, fmt, root, seed, say) for label, n in sizes.items()]
    text = table(results)
    say("")
    say(text)
    results_dir.mkdir(parents=True, exist_ok=True)
    out = results_dir / f"{date.today().isoformat()}.json"
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
