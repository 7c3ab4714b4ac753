"""Delivery-level validation with Great Expectations: one suite per extract, from the contract.

Row-level rules quarantine single bad rows (ingest/validate.py). The GX suite judges a file as a
whole before anything lands: the column set must be the contract's, and for every column the share
of values that are present, well-typed, in the code list, BSN-shaped and dates within range must be
at least ``1 - max_invalid_share``. A file that fails is not a file with a few bad rows but a wrong
file (another extract, a broken export, a shifted column): the delivery is refused whole.

Results are kept with the load log as counts only: no value of a row (let alone a BSN) is stored.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ingest.contract import Extract, code_list, code_list_per_wet
from ingest.validate import CODE_LIST_SEEDS, MAX_DATE, MIN_DATE, code_list_for

DEFAULT_MAX_INVALID_SHARE = 0.10

TYPE_REGEX: dict[str, str] = {
    "integer": r"^-?[0-9]+$",
    "decimal": r"^-?[0-9]+([.,][0-9]+)?$",
    "month": r"^[0-9]{4}-(0[1-9]|1[0-2])$",
    "bsn": r"^[0-9]{9}$",
}


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
                where = f"column {r['column']}" if r["column"] else "table"
                detail = (
                    f"{r['unexpected_percent']:.1f} % of {r['element_count']} rows unexpected"
                    if r["unexpected_percent"] is not None
                    else "failed"
                )
                out.append(f"{r['expectation']} on {where}: {detail}")
        return out


def build_suite(extract: Extract, max_invalid_share: float) -> Any:
    """The expectation suite of one extract (a gx.ExpectationSuite)."""
    import great_expectations as gx  # noqa: PLC0415 - slow import, only when loading

    mostly = 1.0 - max_invalid_share
    suite = gx.ExpectationSuite(name=f"sdw_{extract.name}")
    suite.add_expectation(
        gx.expectations.ExpectTableColumnsToMatchSet(
            column_set=list(extract.column_names), exact_match=True
        )
    )
    for col in extract.columns:
        if col.required and not (extract.name == "beschikkingen" and col.name == "volume"):
            suite.add_expectation(
                gx.expectations.ExpectColumnValuesToNotBeNull(column=col.name, mostly=mostly)
            )
        regex = TYPE_REGEX.get(col.kind) or col.pattern
        if regex:
            suite.add_expectation(
                gx.expectations.ExpectColumnValuesToMatchRegex(
                    column=col.name, regex=regex, mostly=mostly
                )
            )
        if col.kind == "date":
            suite.add_expectation(
                gx.expectations.ExpectColumnValuesToBeBetween(
                    column=col.name,
                    min_value=pd.Timestamp(MIN_DATE),
                    max_value=pd.Timestamp(MAX_DATE),
                    mostly=mostly,
                )
            )
        list_name = code_list_for(col, extract)
        if list_name:
            codes = (
                code_list(list_name)
                if CODE_LIST_SEEDS[list_name][2] is None
                else frozenset(c for _, c in code_list_per_wet(list_name))
            )
            suite.add_expectation(
                gx.expectations.ExpectColumnValuesToBeInSet(
                    column=col.name, value_set=sorted(codes), mostly=mostly
                )
            )
    return suite


class DeliverySuites:
    """An ephemeral GX context with one pandas asset and suite per extract."""

    def __init__(self, max_invalid_share: float = DEFAULT_MAX_INVALID_SHARE) -> None:
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
        logging.getLogger("great_expectations").setLevel(logging.ERROR)
        import great_expectations as gx  # noqa: PLC0415

        self._gx = gx
        self.max_invalid_share = max_invalid_share
        self.context = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = {"globally": False}
        self.source = self.context.data_sources.add_pandas("sdw_delivery")
        self._suites: dict[str, Any] = {}
        self._batches: dict[str, Any] = {}

    def validate(self, extract: Extract, frame: pd.DataFrame) -> SuiteResult:
        if extract.name not in self._suites:
            self._suites[extract.name] = self.context.suites.add(
                build_suite(extract, self.max_invalid_share)
            )
            asset = self.source.add_dataframe_asset(name=extract.name)
            self._batches[extract.name] = asset.add_batch_definition_whole_dataframe("file")
        batch = self._batches[extract.name].get_batch(batch_parameters={"dataframe": frame})
        result = batch.validate(self._suites[extract.name], result_format="SUMMARY")
        summary = []
        for r in result.results:
            res = r.result or {}
            pct = res.get("unexpected_percent")
            summary.append(
                {
                    "expectation": r.expectation_config.type,
                    "column": r.expectation_config.kwargs.get("column"),
                    "success": bool(r.success),
                    "element_count": res.get("element_count"),
                    "unexpected_count": res.get("unexpected_count"),
                    "unexpected_percent": None if pct is None else round(float(pct), 3),
                }
            )
        return SuiteResult(success=bool(result.success), summary=summary)
