"""The Great Expectations gate runs in a process of its own (ingest/expectations.py): the loader's
process never imports GX, the gate's verdicts come back whole, and a gate process that dies is a
clear error, not a hang or a load without its gate."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import beschikking, query, write_csv

from ingest import expectations
from ingest.cli import EXIT_REFUSED, main
from ingest.contract import EXTRACTS
from ingest.expectations import DeliveryGate, GateError
from ingest.load import load_delivery


def test_a_load_judges_its_files_without_importing_gx_itself(
    tmp_path: Path, warehouse: Path
) -> None:
    write_csv(tmp_path / "d" / "beschikkingen.csv", [beschikking()], "beschikkingen")
    report = load_delivery(tmp_path / "d", warehouse)
    assert [(f.status, f.rows_landed) for f in report.files] == [("loaded", 1)]
    assert "great_expectations" not in sys.modules


def test_the_gate_process_answers_each_file_in_turn() -> None:
    extract = EXTRACTS["declaraties"]
    gate = DeliveryGate(0.10)
    # 3 of 10 rows break a rule: 30 % is over the share; 1 of 10 is not
    refused = gate.validate(extract, list(extract.column_names), 10, [("bsn", "elfproef", 3, 2)])
    passed = gate.validate(extract, list(extract.column_names), 10, [("bsn", "elfproef", 1, 2)])
    extra = gate.validate(extract, [*extract.column_names, "naam"], 10, [])
    assert refused.failures() == [
        "rules broken by more than 10% of the rows: bsn: elfproef in 30.0% of 10 rows "
        "(first at row 2)"
    ]
    assert (passed.success, passed.failures()) == (True, [])
    assert extra.failures() == ["row 1: unexpected column(s): naam"]
    # a stricter gate in the same process has suites of its own
    strict = DeliveryGate(0.05)
    assert not strict.validate(
        extract, list(extract.column_names), 10, [("bsn", "x", 1, 2)]
    ).success


def test_a_gate_process_that_dies_is_an_error_naming_the_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dead = expectations._GateProcess([sys.executable, "-c", "import sys; sys.exit(3)"])
    monkeypatch.setattr(expectations, "_gate_process", dead)
    extract = EXTRACTS["beschikkingen"]
    with pytest.raises(GateError, match=r"ended before it judged beschikkingen \(exit 3\)"):
        DeliveryGate().validate(extract, list(extract.column_names), 1, [])


def test_sdw_load_without_its_gate_loads_nothing_and_says_why(
    tmp_path: Path,
    warehouse: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    dead = expectations._GateProcess([sys.executable, "-c", "import sys; sys.exit(1)"])
    monkeypatch.setattr(expectations, "_gate_process", dead)
    write_csv(tmp_path / "d" / "beschikkingen.csv", [beschikking()], "beschikkingen")
    assert main(["load", str(tmp_path / "d"), "--warehouse", str(warehouse)]) == EXIT_REFUSED
    assert capsys.readouterr().err == (
        "sdw load: nothing loaded: the Great Expectations gate's process ended before it judged "
        "beschikkingen (exit 1)\n"
    )
    assert not warehouse.exists() or query(
        warehouse, "select count(*) from information_schema.tables where table_schema = 'raw'"
    ) == [(0,)]


def test_a_deferred_module_is_imported_on_first_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "sdw_uitgesteld"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "zwaar.py").write_text(
        "import pathlib\n"
        f"pathlib.Path({str(tmp_path / 'imported')!r}).write_text('ja')\n"
        "WAARDE = 42\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("sdw_uitgesteld", "sdw_uitgesteld.zwaar"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    expectations._defer("sdw_uitgesteld.zwaar")
    from sdw_uitgesteld import zwaar  # noqa: PLC0415 - the import under test

    assert not (tmp_path / "imported").exists()  # imported by name only, not run
    assert zwaar.WAARDE == 42  # the first use imports it
    assert (tmp_path / "imported").read_text() == "ja"
    assert zwaar.WAARDE == 42  # and later uses read the real namespace
    assert sys.modules["sdw_uitgesteld.zwaar"].WAARDE == 42
    expectations._defer("sdw_uitgesteld.bestaat_niet")  # not installed: left alone
    assert "sdw_uitgesteld.bestaat_niet" not in sys.modules


def test_the_gate_judges_without_importing_what_it_defers() -> None:
    script = (
        "import sys\n"
        "from ingest import expectations as E\n"
        "from ingest.contract import EXTRACTS\n"
        "E._import_gx()\n"
        "x = EXTRACTS['uitkeringen']\n"
        "r = E._Suites(0.1).validate(x, list(x.column_names), 4, [('bsn', 'elfproef', 1, 3)])\n"
        "print(r.failures())\n"
        "print(sorted(type(sys.modules[m]).__name__ for m in E.DEFERRED_MODULES))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.splitlines() == [
        "['rules broken by more than 10% of the rows: bsn: elfproef in 25.0% of 4 rows "
        "(first at row 3)']",
        "['_Deferred', '_Deferred']",
    ]
