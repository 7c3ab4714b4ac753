"""The pseudonymisation key and the warehouse: the first load records a keyed check value of the
key (raw.key_check, never the key); a later load with another key is refused (exit 2) unless
`sdw load --new-key` is given for a warehouse that holds nothing made under the old key; and a
warehouse loaded before never gets a freshly made key when the key is missing."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

import duckdb
import pytest
import small_delivery as sd
from conftest import OTHER_KEY, TEST_KEY, query

from ingest.cli import main
from ingest.load import PSEUDONYMISED_TABLES
from ingest.pseudonym import KEY_CHECK_LABEL, key_check_value
from ingest.validate import PseudonymCache


def check_value(key: str) -> str:
    return hmac.new(key.encode(), KEY_CHECK_LABEL, hashlib.sha256).hexdigest()


def sdw_load(
    warehouse: Path, folder: Path, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str]:
    code = main(["--warehouse", str(warehouse), "load", str(folder), *args])
    out = capsys.readouterr()
    for bsn in sd.BSNS:
        assert bsn not in out.out + out.err
    for key in (TEST_KEY, OTHER_KEY):
        assert key not in out.out + out.err
    return code, out.err.strip()


@pytest.fixture
def loaded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """A warehouse loaded once with TEST_KEY, and a second delivery to load into it."""
    first = sd.write(tmp_path / "d1", {"beschikkingen.csv": sd.file_bytes("beschikkingen.csv")})
    second = sd.write(tmp_path / "d2", {"declaraties.csv": sd.file_bytes("declaraties.csv")})
    warehouse = tmp_path / "wh" / "sdw.duckdb"
    assert sdw_load(warehouse, first, capsys)[0] == 0
    return warehouse, second


def test_the_first_load_records_a_check_value_not_the_key(loaded: tuple[Path, Path]) -> None:
    warehouse, _ = loaded
    assert query(
        warehouse, "select check_value, first_batch_id, retired_at from raw.key_check"
    ) == [(check_value(TEST_KEY), 1, None)]
    assert key_check_value(TEST_KEY.encode()) == check_value(TEST_KEY)
    data = warehouse.read_bytes()
    assert TEST_KEY.encode() not in data and bytes.fromhex(TEST_KEY) not in data


def test_the_same_key_loads_and_records_nothing_new(
    loaded: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    warehouse, second = loaded
    assert sdw_load(warehouse, second, capsys)[0] == 0
    assert query(warehouse, "select count(*) from raw.key_check") == [(1,)]
    assert query(warehouse, "select count(*) from raw.declaraties") == [(20,)]


def test_another_key_is_refused_and_changes_nothing(
    loaded: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse, second = loaded
    before = sd.snapshot(warehouse)
    monkeypatch.setenv("SDW_PSEUDO_KEY", OTHER_KEY)
    code, err = sdw_load(warehouse, second, capsys)
    assert code == 2
    assert "\n" not in err and len(err) < 600, err
    assert err.startswith("sdw load: nothing loaded: the pseudonymisation key is not the key "), err
    assert "--new-key" in err
    assert sd.snapshot(warehouse) == before


def test_new_key_is_refused_while_the_warehouse_holds_pseudonyms(
    loaded: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse, second = loaded
    before = sd.snapshot(warehouse)
    monkeypatch.setenv("SDW_PSEUDO_KEY", OTHER_KEY)
    code, err = sdw_load(warehouse, second, capsys, "--new-key")
    assert code == 2
    assert "--new-key refused: the warehouse holds 20 rows" in err, err
    assert "new warehouse" in err
    assert sd.snapshot(warehouse) == before


def test_new_key_replaces_the_check_value_of_an_emptied_warehouse(
    loaded: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the raw tables were emptied (say the first loads used a test key), `--new-key`
    records the new key's check value and retires the old one; from then on the old key is the
    one refused."""
    warehouse, second = loaded
    con = duckdb.connect(str(warehouse))
    for table in PSEUDONYMISED_TABLES:
        con.execute(f"delete from raw.{table}")
    con.close()
    monkeypatch.setenv("SDW_PSEUDO_KEY", OTHER_KEY)
    assert sdw_load(warehouse, second, capsys)[0] == 2  # not without --new-key
    code, _ = sdw_load(warehouse, second, capsys, "--new-key")
    assert code == 0
    assert query(
        warehouse,
        "select check_value, first_batch_id, retired_at is null from raw.key_check order by 2",
    ) == [(check_value(TEST_KEY), 1, False), (check_value(OTHER_KEY), 2, True)]
    monkeypatch.setenv("SDW_PSEUDO_KEY", TEST_KEY)
    again = sd.write(second.parent / "d3", {"verwijzers.csv": sd.file_bytes("verwijzers.csv")})
    code, err = sdw_load(warehouse, again, capsys)
    assert code == 2 and "not the key this warehouse was loaded with" in err


def test_a_missing_key_is_an_error_for_a_warehouse_loaded_before(
    loaded: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """No SDW_PSEUDO_KEY and no key file: a new warehouse gets a new key file (see
    test_load.py), a warehouse loaded before gets an error, not a new key."""
    warehouse, second = loaded
    before = sd.snapshot(warehouse)
    monkeypatch.delenv("SDW_PSEUDO_KEY")
    key_file = tmp_path / "keys" / "pseudo.key"
    monkeypatch.setenv("SDW_PSEUDO_KEY_FILE", str(key_file))
    code, err = sdw_load(warehouse, second, capsys)
    assert code == 2
    assert err.startswith("sdw load: nothing loaded: no pseudonymisation key: "), err
    assert str(key_file) in err and "restore that key" in err
    assert not key_file.exists()
    assert sd.snapshot(warehouse) == before


def test_a_key_file_that_cannot_be_read_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SDW_PSEUDO_KEY")
    key_file = tmp_path / "pseudo.key"
    key_file.mkdir(mode=0o700)  # a folder where the key file should be
    monkeypatch.setenv("SDW_PSEUDO_KEY_FILE", str(key_file))
    folder = sd.write(tmp_path / "d", {"verwijzers.csv": sd.file_bytes("verwijzers.csv")})
    code, err = sdw_load(tmp_path / "wh" / "sdw.duckdb", folder, capsys)
    assert code == 2
    assert err.startswith("sdw load: nothing loaded: cannot read the pseudonymisation key file")
    assert "\n" not in err
    assert not (tmp_path / "wh" / "sdw.duckdb").exists()


def test_a_warehouse_from_before_the_check_gets_the_value_of_its_next_load(
    loaded: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Trust on first use: a warehouse without raw.key_check (loaded before it existed) records
    the check value of the key its next load uses, as nothing else can tell its key."""
    warehouse, second = loaded
    con = duckdb.connect(str(warehouse))
    con.execute("drop table raw.key_check")
    con.close()
    assert sdw_load(warehouse, second, capsys)[0] == 0
    assert query(warehouse, "select check_value, first_batch_id from raw.key_check") == [
        (check_value(TEST_KEY), 2)
    ]


def test_a_delivery_loaded_before_may_be_loaded_again_with_any_key(
    loaded: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every file of it was loaded before, so nothing would land: loading it again changes
    nothing, whatever the key, as it always did."""
    warehouse, second = loaded
    before = sd.snapshot(warehouse)
    monkeypatch.setenv("SDW_PSEUDO_KEY", OTHER_KEY)
    code = main(["--warehouse", str(warehouse), "load", str(second.parent / "d1")])
    assert code == 0
    assert "nothing new: every file was loaded before" in capsys.readouterr().out
    assert sd.snapshot(warehouse) == before


@pytest.mark.parametrize("key_bytes", [32, 64, 100])
def test_duckdb_computes_the_same_hmac_as_python(key_bytes: int) -> None:
    """The loader's pseudonyms are computed by DuckDB from the key's pads (a key longer than
    SHA-256's 64-byte block is hashed first): each equals hmac.digest."""
    key = bytes(range(7, 7 + key_bytes))
    bsns = ["111222333", "011222335", "123456782"]
    con = duckdb.connect()
    try:
        con.execute("create table b as select unnest(?) as bsn", [bsns])
        PseudonymCache(key).create_table(con, "p", "select distinct bsn from b")
        got = dict(con.execute("select bsn, pseudonym from p").fetchall())
    finally:
        con.close()
    assert got == {b: hmac.digest(key, b.encode(), hashlib.sha256).hex() for b in bsns}
