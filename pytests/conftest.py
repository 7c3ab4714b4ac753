"""Shared fixtures: a pseudonymisation key and a warehouse file per test, and CSV writers."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from ingest.build import build
from ingest.contract import EXTRACTS, PROJECT_ROOT
from ingest.generator import generate
from ingest.load import load_delivery

# A test key of the required strength (32 random-looking bytes as hex); not a secret.
TEST_KEY = "5f3c9a1e7b2d4086a9e1c3b5d7f90246813579bdf02468ace13579bdf0246813"
OTHER_KEY = "a1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00"

# Valid 11-proof BSNs (hand-checked: sum of digit*weight 9..2 minus the last digit is 0 mod 11).
BSN_A = "111222333"
BSN_B = "123456782"
BSN_INVALID = "123456789"


@pytest.fixture(autouse=True)
def _pseudo_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setenv("SDW_PSEUDO_KEY", TEST_KEY)
    monkeypatch.setenv("SDW_PSEUDO_KEY_FILE", str(tmp_path / "no-key-file.key"))
    monkeypatch.setenv("GX_ANALYTICS_ENABLED", "false")
    yield


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return tmp_path / "wh" / "test.duckdb"


def beschikking(**overrides: str) -> dict[str, str]:
    """A valid beschikkingen row (strings as delivered), with overrides."""
    row = {
        "beschikking_id": "B1",
        "registratiedatum": "2020-01-05",
        "bsn": BSN_A,
        "geboortedatum": "1940-02-01",
        "geslacht": "V",
        "postcode": "1234 AB",
        "wijk_code": "WK999900",
        "huishouden_id": "H1",
        "gemeente_code": "",
        "wet": "WMO",
        "aanvraagdatum": "2020-01-01",
        "besluitdatum": "2020-01-10",
        "ingangsdatum": "2020-02-01",
        "einddatum": "",
        "productcategorie": "01",
        "productcode": "01A01",
        "product_omschrijving": "Hulp bij het huishouden",
        "volume": "3",
        "eenheid": "04",
        "frequentie": "2",
        "tarief": "25.50",
        "leveringsvorm": "ZIN",
        "aanbieder_agb": "01234567",
        "aanbieder_naam": "Thuiszorg",
        "verwijzer_id": "V1",
        "verwijzer_type": "01",
        "reden_beeindiging": "",
        "ingetrokken": "",
    }
    row.update(overrides)
    return row


def verwijzer(**overrides: str) -> dict[str, str]:
    row = {
        "verwijzer_id": "V1",
        "registratiedatum": "2019-01-01",
        "verwijzer_type": "02",
        "naam": "Huisartsenpraktijk Dé Linde",
        "agb_code": "01000001",
    }
    row.update(overrides)
    return row


def write_csv(
    path: Path,
    rows: list[dict[str, str]],
    extract: str,
    sep: str = ";",
    encoding: str = "utf-8",
    header: list[str] | None = None,
) -> Path:
    cols = header or list(EXTRACTS[extract].column_names)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    writer.writerow(cols)
    for row in rows:
        writer.writerow([row.get(c, "") for c in cols])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def query(warehouse: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def dbt_command(
    warehouse: Path, root: Path, *args: str, scheduled: bool = False
) -> subprocess.CompletedProcess[str]:
    """`dbt <args>` on the warehouse of a test, with dbt's target and logs under root; what dbt
    printed is in the result. scheduled: dbt as `sdw build` runs it, in the order of
    ingest/dbt_scheduler.py."""
    env = dict(os.environ)
    env.update(SDW_WAREHOUSE=str(warehouse), DBT_PROFILES_DIR=str(PROJECT_ROOT), DO_NOT_TRACK="1")
    program = (
        [sys.executable, "-m", "ingest.dbt_scheduler"]
        if scheduled
        else [str(Path(sys.executable).with_name("dbt"))]
    )
    return subprocess.run(
        [
            *program,
            *args,
            "--target-path",
            str(root / "target"),
            "--log-path",
            str(root / "logs"),
        ],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def dbt_show(root: Path, query: str) -> tuple[int, str, list[dict[str, object]]]:
    """`dbt show --inline query` on an empty warehouse file under root: its exit code, what dbt
    printed, and the rows (every one)."""
    result = dbt_command(
        root / "show.duckdb",
        root,
        "show",
        "--inline",
        query,
        "--output",
        "json",
        "--log-format",
        "json",
        "--limit",
        "-1",
    )
    rows: list[dict[str, object]] = []
    for line in result.stdout.splitlines():
        if '"ShowNode"' in line:
            rows = json.loads(json.loads(line)["data"]["preview"])
    return result.returncode, result.stdout + result.stderr, rows


def sdw_build(
    warehouse: Path, root: Path, variables: dict[str, object] | None = None
) -> tuple[int, str]:
    """`sdw build` (dbt build, then the privacy audit and its repairs) on a warehouse of a test,
    with dbt's target and logs under root. Returns the exit code and everything dbt printed."""

    printed: list[str] = []
    extra = ["--vars", json.dumps(variables)] if variables else []

    def run_dbt(args: list[str]) -> int:
        result = dbt_command(warehouse, root, *args, *extra, scheduled=True)
        printed.append(result.stdout)
        return result.returncode

    code = build(warehouse, [], run_dbt, printed.append, target_path=root / "target")
    return code, "\n".join(printed)


def dbt_failures(output: str) -> str:
    lines = [ln for ln in output.splitlines() if "FAIL" in ln or "ERROR" in ln or "Error" in ln]
    return "\n".join(lines[-40:]) or output[-4000:]


@pytest.fixture(scope="session")
def demo_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo municipality (26,000 inhabitants, 2019-2024, with broken rows) generated, loaded
    and built by `sdw build` with every dbt test and the privacy audit: the README's run."""

    root = tmp_path_factory.mktemp("e2e")
    os.environ["SDW_PSEUDO_KEY"] = (
        "0c9e8d7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d"
    )
    delivery = root / "delivery"
    generate(delivery, DEMO_INWONERS, "2019-01", "2024-12", 1, broken=True)
    warehouse = root / "sdw.duckdb"
    load_delivery(delivery, warehouse)
    code, output = sdw_build(warehouse, root)
    if code != 0:
        pytest.fail("sdw build failed:\n" + dbt_failures(output))
    return warehouse


def sdw_build_on(target: str, warehouse: Path, root: Path, settings: dict[str, str]) -> str:
    """`sdw build --target <target>` as a user runs it, with the target's settings (SDW_PG_*,
    SDW_SPARK_DIR) and dbt's target and logs under root; fails the test with dbt's failures when
    it fails, else returns what it printed."""
    env = {
        **os.environ,
        **settings,
        "SDW_WAREHOUSE": str(warehouse),
        "DBT_TARGET_PATH": str(root / "target"),
        "DBT_LOG_PATH": str(root / "logs"),
        "DO_NOT_TRACK": "1",
        "SDW_PSEUDO_KEY": os.environ.get("SDW_PSEUDO_KEY", ""),
    }
    result = subprocess.run(
        # a server or a cluster runs the unit tests too: the SQL they check is that engine's
        [str(Path(sys.executable).with_name("sdw")), "build", "--target", target, "--unit-tests"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        failures = dbt_failures(result.stdout)
        pytest.fail(f"sdw build --target {target} failed:\n{failures}\n{result.stderr[-3000:]}")
    return result.stdout


DEMO_INWONERS = 26_000
