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
Importing GX (and pandas) takes seconds of CPU, so it happens only when a suite is going to run:
`prepare()` starts it in a thread as soon as `sdw load` knows a file is new (its content hash is
not in the load log), while DuckDB reads the files, and `sdw load` judges the files once they are
read; loading a delivery that was loaded before, or any other command, never imports it. Results
are kept with the load log as counts only.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from ingest.contract import Extract

DEFAULT_MAX_INVALID_SHARE = 0.10
_importer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sdw-gx")


def _import_gx() -> Any:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    # GX imports pyspark when it is installed (the spark target's packages): seconds of import,
    # a warning about pandas 3, and under `python -c` pyspark even ends the process. The loader
    # has no use for it (Spark runs in dbt's process): GX sees it as not installed. The same
    # for SQLAlchemy (installed for the BI connection test): the gate validates pandas frames
    # of the profiles, never a SQL datasource, and without it GX imports in 1.85 s instead of
    # 2.27 s, most of a small delivery's load. A process that imported either before keeps it.
    sys.modules.setdefault("pyspark", None)  # type: ignore[arg-type]
    sys.modules.setdefault("sqlalchemy", None)  # type: ignore[arg-type]
    import great_expectations as gx  # noqa: PLC0415 - slow import, in a thread, only for a load

    return gx


def _pandas() -> Any:
    import pandas as pd  # noqa: PLC0415 - imported with GX, only when a suite runs

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
    """One ephemeral GX context, with a suite per extract over the files' profiles."""

    def __init__(self, max_invalid_share: float = DEFAULT_MAX_INVALID_SHARE) -> None:
        self.max_invalid_share = max_invalid_share
        self._gx: Future[Any] | None = None
        self._lock = threading.Lock()
        self._context: Any = None
        self._suites: dict[str, Any] = {}
        self._batches: dict[str, Any] = {}

    def prepare(self) -> None:
        """Start importing GX in a thread, once (a suite is going to run)."""
        with self._lock:
            if self._gx is None:
                self._gx = _importer.submit(_import_gx)

    def _setup(self, extract: Extract) -> None:
        self.prepare()
        assert self._gx is not None
        gx = self._gx.result()
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
        """Judge one file: its columns as delivered and its profile, (field, rule, failing rows,
        first failing row) per rule."""
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
