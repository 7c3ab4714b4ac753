"""End to end on the demo municipality: generate → load → dbt build (every model and dbt test).

This is the run the README's demo command makes, on a warehouse of its own; it is the test that
proves the whole project builds with all dbt tests green on realistic data.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import query

from ingest.contract import PROJECT_ROOT
from ingest.generate import generate
from ingest.load import load_delivery

INWONERS = 26_000


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("e2e")
    os.environ["SDW_PSEUDO_KEY"] = "e2e-test-key"
    delivery = root / "delivery"
    generate(delivery, INWONERS, "2019-01", "2024-12", 1, broken=True)
    warehouse = root / "sdw.duckdb"
    load_delivery(delivery, warehouse)
    env = dict(os.environ)
    env.update(
        SDW_WAREHOUSE=str(warehouse),
        DBT_PROFILES_DIR=str(PROJECT_ROOT),
        DO_NOT_TRACK="1",
    )
    dbt = str(Path(sys.executable).with_name("dbt"))
    result = subprocess.run(
        [dbt, "build", "--target-path", str(root / "target"), "--log-path", str(root / "logs")],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        failing = [
            line
            for line in result.stdout.splitlines()
            if "FAIL" in line or "ERROR" in line or "Error" in line
        ]
        pytest.fail("dbt build failed:\n" + "\n".join(failing[-40:] or result.stdout[-4000:]))
    return warehouse


def test_every_file_reconciles_in_the_load_log(built: Path) -> None:
    rows = query(
        built,
        "select source_file, rows_read, rows_landed + rows_quarantined + rows_duplicate "
        "from raw.load_log order by 1",
    )
    assert [r[0] for r in rows] == [
        "beschikkingen.csv",
        "declaraties.csv",
        "uitkeringen.csv",
        "verwijzers.csv",
    ]
    for name, read, accounted in rows:
        assert read == accounted, name


def test_broken_rows_are_quarantined_by_reason(built: Path) -> None:
    fields = {
        (str(e), str(f))
        for e, f in query(built, "select distinct extract, field from raw.quarantine")
    }
    assert ("beschikkingen", "bsn") in fields
    assert ("beschikkingen", "einddatum") in fields
    assert ("beschikkingen", "productcategorie") in fields
    reasons = {str(r[0]).split(":")[0] for r in query(built, "select reason from raw.quarantine")}
    assert "BSN fails the 11-proof" in reasons
    assert "einddatum lies before ingangsdatum" in reasons
    assert any(r.startswith("not a date") for r in reasons)


def test_core_facts_hold_every_current_beschikking(built: Path) -> None:
    (raw_current,) = query(
        built,
        "select count(*) from (select beschikking_id, max_by(ingetrokken, "
        "(registratiedatum, _batch_id, _row_number)) as ingetrokken "
        "from raw.beschikkingen group by 1) where not ingetrokken",
    )
    (facts,) = query(built, "select count(*) from core.fct_voorziening")
    assert facts == raw_current
    assert facts[0] > 1_000


def test_demo_scale_is_realistic(built: Path) -> None:
    # Wmo clients active on 2023-06-30 per 1,000 inhabitants: about 72 nationally
    ((wmo,),) = query(
        built,
        "select count(distinct client_id) from core.fct_voorziening where wet_code = 'WMO' "
        "and ingangsdatum <= date '2023-06-30' "
        "and (einddatum is null or einddatum >= date '2023-06-30')",
    )
    assert 55 <= wmo * 1000 / INWONERS <= 90
