"""The delivery gate, with Great Expectations: a file where a rule fails for too many rows is not a
file with a few bad rows but a wrong file (another extract, a broken export, a shifted column),
and the delivery is refused whole.

GX does not look at the rows. The validation (ingest/validate.py) checks every row against every
rule of the contract in DuckDB; what GX validates is the file's profile computed from it: one row
per (field, rule) with the number and share of rows that break it (the rows that could not be
split into fields count under field '*'), and the file's column set. The suite:

- ExpectTableColumnsToMatchSet: the file has exactly the contract's columns;
- ExpectColumnValuesToBeBetween on the profile's ``aandeel_fout``: no rule fails for more than
  ``max_invalid_share`` (default 10 %) of the rows.

So the gate covers every rule the loader knows, and it costs the same for ten rows or ten million.
Importing GX (and pandas) takes about 1.5 s (2.0-2.3 s before the modules GX imports but the
gate never uses were deferred: DEFERRED_MODULES), as much as the rest of a small delivery's load.
It therefore runs in a process of its own (`start()`): `sdw load` starts it first thing, before it
knows whether a file is new, so GX imports on the second core while the loader starts and DuckDB
reads the files (a delivery loaded before thus imports GX for nothing, in that process, killed at
the end; starting only once a file is known to be new made a month's load wait 0.3-0.4 s longer);
the files are judged once they are read, and at the end the process is killed rather than left to
tear GX down. Imported in a thread of the loader, GX could start only once a
file was known to be new, and the load paid for tearing it down: a monthly delivery of a 1M city
(160,651 rows) took 4.1-4.3 s, then 3.4-3.5 s, of which 1.3-1.6 s waited for the import; with
the deferred modules 2.7 s against 3.7 s (161,741 rows, median of eight pairs), of which 0.8-1.1 s
still waits for it. The process serves every load of the Python process that started it (the
test suite's loads import GX once). Other commands never start it. Only profiles (counts) and
column names reach it, never a value; results are kept with the load log as counts only.
"""

from __future__ import annotations

import atexit
import importlib
import importlib.util
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import types
from dataclasses import asdict, dataclass
from typing import IO, Any

from ingest.contract import EXTRACTS, Extract

DEFAULT_MAX_INVALID_SHARE = 0.10


class GateError(RuntimeError):
    """The gate's process ended without judging a file (it could not import GX, or was killed)."""


class _GateProcess:
    """`python -m ingest.expectations`: imports GX at once, then judges one file per line of
    JSON on its stdin, answering a line of JSON on its stdout. A plain child process, not
    multiprocessing: its spawn runs the parent's main module again (which fails under `python -`
    or in a notebook), and forking a process that runs DuckDB's threads is unsafe. It ends when
    its stdin closes, so also when this process dies."""

    def __init__(self, command: list[str] | None = None) -> None:
        self._command = command or [sys.executable, "-m", "ingest.expectations"]
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[str] | None = None

    def start(self) -> subprocess.Popen[str]:
        with self._lock:
            return self._start()

    def _start(self) -> subprocess.Popen[str]:
        if self._proc is None or self._proc.poll() is not None:
            self._proc = subprocess.Popen(
                self._command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
        return self._proc

    def ask(self, request: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            proc = self._start()
            assert proc.stdin is not None and proc.stdout is not None
            try:
                proc.stdin.write(json.dumps(request) + "\n")
                proc.stdin.flush()
                line = proc.stdout.readline()
            except OSError:
                line = ""
            if not line:
                self._proc = None
                raise GateError(
                    "the Great Expectations gate's process ended before it judged "
                    f"{request['extract']} (exit {proc.wait()})"
                )
            answer: dict[str, Any] = json.loads(line)
            return answer

    def stop(self) -> None:
        """End the process: it keeps nothing, so it is killed rather than left to tear down
        GX's modules (half a second)."""
        with self._lock:
            if self._proc is not None:
                self._proc.kill()
                self._proc.wait()
            self._proc = None


_gate_process = _GateProcess()
atexit.register(_gate_process.stop)


def start() -> None:
    """Start the gate's process, which imports GX at once (idempotent)."""
    _gate_process.start()


def stop() -> None:
    """End the gate's process now rather than at exit (`sdw demo` builds after its load)."""
    _gate_process.stop()


class _Deferred(types.ModuleType):
    """A module imported on first use: it stands in sys.modules for the real one, and the first
    attribute asked of it imports the real module and takes over its namespace."""

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)  # what importlib asks of a module it is handed
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        real = importlib.import_module(self.__name__)
        self.__dict__.update(real.__dict__)
        return getattr(real, attr)


# Modules GX imports as it starts but that the gate's two expectations never use: scipy.stats
# (for the distribution expectations) and altair (charts in Data Docs). Deferred, GX imports in
# about 1.5 s instead of 2.0-2.3 s; should anything use them they import then.
DEFERRED_MODULES = ("scipy.stats", "altair")


def _defer(name: str) -> None:
    if name in sys.modules:
        return
    parent, _, child = name.rpartition(".")
    try:
        owner = importlib.import_module(parent) if parent else None
    except ImportError:
        return
    if importlib.util.find_spec(name) is None:
        return  # not installed: GX will find it missing, as it would have
    module = _Deferred(name)
    sys.modules[name] = module
    if owner is not None:
        setattr(owner, child, module)


def _import_gx() -> Any:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    for name in DEFERRED_MODULES:
        _defer(name)
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    # GX imports pyspark when it is installed (the spark target's packages): seconds of import,
    # a warning about pandas 3, and under `python -c` pyspark even ends the process. The loader
    # has no use for it (Spark runs in dbt's process): GX sees it as not installed. The same
    # for SQLAlchemy (installed for the BI connection test): the gate validates pandas frames
    # of the profiles, never a SQL datasource, and without it GX imports in 1.85 s instead of
    # 2.27 s.
    sys.modules.setdefault("pyspark", None)  # type: ignore[arg-type]
    sys.modules.setdefault("sqlalchemy", None)  # type: ignore[arg-type]
    import great_expectations as gx  # noqa: PLC0415 - slow import, in the gate's process only

    return gx


def _pandas() -> Any:
    import pandas as pd  # noqa: PLC0415 - imported with GX, in the gate's process only

    return pd


@dataclass
class SuiteResult:
    success: bool
    summary: list[dict[str, Any]]

    def to_json(self) -> str:
        return json.dumps({"success": self.success, "expectations": self.summary})

    def failures(self) -> list[str]:
        out = []
        for r in self.summary:
            if not r["success"]:
                out.append(r["detail"])
        return out


class DeliveryGate:
    """The gate as the loader sees it: each file's profile is judged in the gate's process."""

    def __init__(self, max_invalid_share: float = DEFAULT_MAX_INVALID_SHARE) -> None:
        self.max_invalid_share = max_invalid_share

    def prepare(self) -> None:
        """A suite is going to run: make sure the gate's process has started (start())."""
        start()

    def validate(
        self,
        extract: Extract,
        columns: list[str],
        rows: int,
        profile: list[tuple[str, str, int, int]],
    ) -> SuiteResult:
        """Judge one file: its columns as delivered and its profile, (field, rule, failing rows,
        first failing row) per rule."""
        assert EXTRACTS[extract.name] == extract  # the gate's process knows it by name
        answer = _gate_process.ask(
            {
                "max_invalid_share": self.max_invalid_share,
                "extract": extract.name,
                "columns": list(columns),
                "rows": rows,
                "profile": [list(p) for p in profile],
            }
        )
        return SuiteResult(bool(answer["success"]), list(answer["summary"]))


def _serve(requests: IO[str], answers: IO[str]) -> None:
    """The gate's process: import GX, then answer each request (DeliveryGate.validate)."""
    _import_gx()
    suites: dict[float, _Suites] = {}
    for line in requests:
        request = json.loads(line)
        share = float(request["max_invalid_share"])
        gate = suites.setdefault(share, _Suites(share))
        profile = [(str(f), str(r), int(n), int(first)) for f, r, n, first in request["profile"]]
        result = gate.validate(
            EXTRACTS[request["extract"]], request["columns"], int(request["rows"]), profile
        )
        answers.write(json.dumps(asdict(result)) + "\n")
        answers.flush()


class _Suites:
    """In the gate's process: one ephemeral GX context, with a suite per extract over the files'
    profiles."""

    def __init__(self, max_invalid_share: float) -> None:
        self.max_invalid_share = max_invalid_share
        self._context: Any = None
        self._suites: dict[str, Any] = {}
        self._batches: dict[str, Any] = {}

    def _setup(self, extract: Extract) -> None:
        gx = _import_gx()
        if self._context is None:
            self._context = gx.get_context(mode="ephemeral")
            self._context.variables.progress_bars = {"globally": False}
            self._source = self._context.data_sources.add_pandas("sdw_delivery")
        if extract.name in self._suites:
            return
        suite = gx.ExpectationSuite(name=f"sdw_{extract.name}_profiel")
        suite.add_expectation(
            gx.expectations.ExpectColumnValuesToBeBetween(
                column="aandeel_fout", min_value=0.0, max_value=self.max_invalid_share
            )
        )
        columns = gx.ExpectationSuite(name=f"sdw_{extract.name}_kolommen")
        columns.add_expectation(
            gx.expectations.ExpectTableColumnsToMatchSet(
                column_set=list(extract.column_names), exact_match=True
            )
        )
        self._suites[extract.name] = (
            self._context.suites.add(suite),
            self._context.suites.add(columns),
        )
        profile_asset = self._source.add_dataframe_asset(name=f"{extract.name}_profiel")
        column_asset = self._source.add_dataframe_asset(name=f"{extract.name}_kolommen")
        self._batches[extract.name] = (
            profile_asset.add_batch_definition_whole_dataframe("profiel"),
            column_asset.add_batch_definition_whole_dataframe("kolommen"),
        )

    def validate(
        self,
        extract: Extract,
        columns: list[str],
        rows: int,
        profile: list[tuple[str, str, int, int]],
    ) -> SuiteResult:
        self._setup(extract)
        pd = _pandas()
        suite, column_suite = self._suites[extract.name]
        profile_batch, column_batch = self._batches[extract.name]
        frame = pd.DataFrame(
            {
                "veld": [p[0] for p in profile],
                "regel": [p[1] for p in profile],
                "rijen_fout": [p[2] for p in profile],
                "aandeel_fout": [p[2] / max(rows, 1) for p in profile],
                "eerste_rij": [p[3] for p in profile],
            }
        )
        if frame.empty:
            frame = pd.DataFrame(
                {
                    "veld": ["*"],
                    "regel": ["-"],
                    "rijen_fout": [0],
                    "aandeel_fout": [0.0],
                    "eerste_rij": [0],
                }
            )
        result = profile_batch.get_batch(batch_parameters={"dataframe": frame}).validate(
            suite, result_format="COMPLETE"
        )
        column_result = column_batch.get_batch(
            batch_parameters={"dataframe": pd.DataFrame(columns=columns)}
        ).validate(column_suite, result_format="SUMMARY")
        summary = []
        for r in result.results:
            failing = list((r.result or {}).get("unexpected_index_list") or [])
            details = [
                f"{frame.at[i, 'veld']}: {frame.at[i, 'regel']} in "
                f"{frame.at[i, 'aandeel_fout']:.1%} of {rows:,} rows "
                f"(first at row {frame.at[i, 'eerste_rij']})"
                for i in failing
            ]
            # the first two in the message (a line to read, not a report); all are counted
            shown = details[:2] + ([f"and {len(details) - 2} more"] if len(details) > 2 else [])
            summary.append(
                {
                    "expectation": r.expectation_config.type,
                    "success": bool(r.success),
                    "rules_checked": len(frame),
                    "rules_failing": len(details),
                    "detail": "rules broken by more than "
                    f"{self.max_invalid_share:.0%} of the rows: " + "; ".join(shown),
                }
            )
        for r in column_result.results:
            observed = (r.result or {}).get("observed_value") or []
            unexpected = sorted(set(observed) - set(extract.column_names))
            summary.append(
                {
                    "expectation": r.expectation_config.type,
                    "success": bool(r.success),
                    "detail": f"row 1: unexpected column(s): {', '.join(unexpected)}",
                }
            )
        return SuiteResult(
            success=bool(result.success) and bool(column_result.success), summary=summary
        )


if __name__ == "__main__":
    # Ctrl-C in `sdw load` reaches the whole process group: the loader stops, and this process
    # ends with it (its stdin closes) without a traceback of its own
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # the answers go to this process's stdout as it started; anything GX or pandas might print
    # goes to stderr, so it cannot garble an answer
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    _serve(sys.stdin, answers)
