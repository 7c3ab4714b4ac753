"""The `sdw` command line: dbt's arguments pass through `sdw build` as they are, the global
--warehouse works before or after the subcommand, and --kennisdatum joins a user's --vars."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ingest.cli import dbt_arguments, load_table, main, parse_args
from ingest.load import FileReport


@pytest.mark.parametrize(
    ("argv", "warehouse", "dbt_args"),
    [
        (["build", "--select", "m+", "--no-publish"], None, ["--select", "m+"]),
        (
            ["--warehouse", "a.duckdb", "build", "-s", "x", "--vars", "{a: 1}"],
            "a.duckdb",
            ["-s", "x", "--vars", "{a: 1}"],
        ),
        (["build", "--warehouse", "b.duckdb", "--full-refresh"], "b.duckdb", ["--full-refresh"]),
        (["build", "--", "--select", "y"], None, ["--select", "y"]),
        (["build"], None, []),
    ],
)
def test_build_passes_unknown_arguments_to_dbt(
    argv: list[str], warehouse: str | None, dbt_args: list[str]
) -> None:
    args = parse_args(argv)
    assert args.command == "build"
    assert args.warehouse == warehouse
    assert args.dbt_args == dbt_args


def test_warehouse_after_any_subcommand() -> None:
    assert parse_args(["load", "delivery", "--warehouse", "c.duckdb"]).warehouse == "c.duckdb"
    assert parse_args(["--warehouse", "z.duckdb", "summary"]).warehouse == "z.duckdb"
    assert parse_args(["summary"]).warehouse is None


def test_other_commands_still_refuse_unknown_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        parse_args(["load", "delivery", "--select", "x"])
    assert exc.value.code == 2
    assert "unrecognized arguments: --select x" in capsys.readouterr().err


def test_build_abbreviations_are_not_guessed() -> None:
    # dbt's --no-partial-parse must reach dbt, not be taken for sdw's --no-publish
    args = parse_args(["build", "--no-p"])
    assert args.no_publish is False
    assert args.dbt_args == ["--no-p"]


def test_kennisdatum_joins_the_users_vars() -> None:
    skip = ["--exclude-resource-type", "unit_test"]
    assert dbt_arguments(["-s", "m", "--vars", "{min_celgrootte: 10}"], "2021-06-30") == [
        "-s",
        "m",
        "--vars",
        json.dumps({"min_celgrootte": 10, "kennisdatum": "2021-06-30"}),
        *skip,
    ]
    assert dbt_arguments(["-s", "m"], "2021-06-30") == [
        "-s",
        "m",
        *skip,
        "--vars",
        '{"kennisdatum": "2021-06-30"}',
    ]
    assert dbt_arguments(["--vars", "{a: 1}"], None) == ["--vars", "{a: 1}", *skip]


def test_unit_tests_only_when_asked() -> None:
    """A build of new data leaves dbt's unit tests out; --unit-tests (the test suite's builds on
    PostgreSQL and Spark) keeps them."""
    args = parse_args(["build", "--unit-tests", "-s", "m"])
    assert args.unit_tests and args.dbt_args == ["-s", "m"]
    assert dbt_arguments(args.dbt_args, None, unit_tests=True) == ["-s", "m"]
    assert not parse_args(["build"]).unit_tests
    assert dbt_arguments([], None) == ["--exclude-resource-type", "unit_test"]


def test_sdw_build_select_builds_only_the_selection(
    demo_built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse = tmp_path / "sdw.duckdb"
    shutil.copy(demo_built, warehouse)
    monkeypatch.setenv("DBT_TARGET_PATH", str(tmp_path / "target"))
    monkeypatch.setenv("DBT_LOG_PATH", str(tmp_path / "logs"))
    code = main(
        ["build", "--warehouse", str(warehouse), "--no-publish", "--select", "dim_gemeente"]
    )
    assert code == 0
    results = json.loads((tmp_path / "target" / "run_results_build.json").read_text())
    built = sorted(
        r["unique_id"].split(".")[2]
        for r in results["results"]
        if r["unique_id"].startswith("model.")
    )
    assert built == ["dim_gemeente"]


def test_the_load_table_keeps_national_counts_apart() -> None:
    files = [
        FileReport("declaraties.parquet", "declaraties", "loaded", 164_520_300, 164_520_300),
        FileReport("beschikkingen_2024_gemeente_tilburg.csv", "beschikkingen", "loaded", 12, 11, 1),
    ]
    lines = load_table(files)
    assert [line.split() for line in lines[2:]] == [
        ["declaraties.parquet", "loaded", "164,520,300", "164,520,300", "0", "0", "0"],
        ["beschikkingen_2024_gemeente_tilburg.csv", "loaded", "12", "11", "1", "0", "0"],
    ]
    assert lines[0].split() == [
        "file", "status", "read", "landed", "quarantine", "duplicate", "replaced"
    ]  # fmt: skip
    assert len({len(line) for line in lines}) == 1  # every line as wide as the header


@pytest.mark.parametrize(
    ("argv", "budget_min"), [([], 60), (["--budget", "110"], 110), (["--budget", "0.5"], 0.5)]
)
def test_the_national_budget_is_an_option(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], budget_min: float
) -> None:
    import ingest.bench  # noqa: PLC0415

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(ingest.bench, "bench", lambda *a, **kw: calls.append(kw))
    assert main(["bench", "--sizes", "", "--national", *argv]) == 0
    assert calls[0]["budget_min"] == budget_min


def test_a_budget_of_no_minutes_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import ingest.bench  # noqa: PLC0415

    monkeypatch.setattr(ingest.bench, "bench", lambda *a, **kw: pytest.fail("bench ran"))
    assert main(["bench", "--national", "--budget", "0"]) == 2
    assert "--budget must be a positive number of minutes" in capsys.readouterr().err
