"""`sdw load` when the machine fails it: killed (SIGKILL, no chance to clean up) at several
moments, or out of disk space. The warehouse must open afterwards and hold exactly what it held
before (every raw table, the load log included: rows and content), and loading again must give
what an uninterrupted load gives. Out of space, `sdw load` must say so in one line and exit 2.

The delivery is a generated municipality of 30,000 inhabitants (about 330,000 rows, 50 MB),
which takes several seconds to load: long enough to be killed while reading, while validating
and inside the transaction."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import small_delivery as sd
from conftest import TEST_KEY

from ingest.generator import generate
from ingest.load import load_delivery
from ingest.warehouse import scratch_directory

SDW = str(Path(sys.executable).with_name("sdw"))


def sdw_env(root: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        SDW_PSEUDO_KEY=TEST_KEY,
        SDW_PSEUDO_KEY_FILE=str(root / "no-key-file.key"),
        GX_ANALYTICS_ENABLED="false",
    )
    return env


class Big:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.delivery = root / "levering"
        self.earlier = root / "earlier" / "sdw.duckdb"
        self.reference: dict[str, int] = {}
        self.seconds = 0.0


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Big:
    """The generated delivery; a warehouse holding an earlier delivery (the small one); and the
    row counts after loading the big delivery into a copy of it, uninterrupted."""
    big = Big(tmp_path_factory.mktemp("faults"))
    generate(big.delivery, 30_000, "2019-01", "2024-12", 3)
    small = sd.write(big.root / "small", sd.delivery())
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SDW_PSEUDO_KEY", TEST_KEY)
        load_delivery(small, big.earlier)
    reference = big.root / "reference" / "sdw.duckdb"
    reference.parent.mkdir()
    shutil.copy(big.earlier, reference)
    started = time.perf_counter()
    done = subprocess.run(
        [SDW, "--warehouse", str(reference), "load", str(big.delivery)],
        env=sdw_env(big.root),
        capture_output=True,
        text=True,
        check=False,
    )
    big.seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stderr[-2000:]
    big.reference = sd.counts(reference)
    return big


def copy_of_earlier(big: Big, tmp_path: Path) -> Path:
    warehouse = tmp_path / "wh" / "sdw.duckdb"
    warehouse.parent.mkdir()
    shutil.copy(big.earlier, warehouse)
    return warehouse


def kill_load(big: Big, warehouse: Path, moment: float | str) -> None:
    """Start `sdw load` and SIGKILL it after `moment` seconds, or (moment 'landing') as soon
    as it reports the first file landed, inside the delivery's transaction."""
    command = [SDW, "--warehouse", str(warehouse), "load", str(big.delivery)]
    if moment == "landing":
        proc = subprocess.Popen(
            command, env=sdw_env(big.root), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        assert proc.stdout is not None
        for line in proc.stdout:
            if b" landed, " in line:
                break
    else:
        proc = subprocess.Popen(
            command, env=sdw_env(big.root), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(float(moment))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    if proc.stdout is not None:
        proc.stdout.close()
    # killed, not finished: otherwise the moment came too late to test anything
    assert proc.returncode == -signal.SIGKILL, (moment, proc.returncode)


def test_a_killed_load_leaves_the_warehouse_as_it_was_and_a_rerun_completes(
    big: Big, tmp_path: Path
) -> None:
    """Killed four times in a row on the same warehouse (while Python starts, while reading,
    while validating, inside the transaction after the first file landed): each time the
    warehouse opens and holds exactly what it held. Then one load, with what the kills left
    behind, lands what an uninterrupted load lands, and removes the scratch folders they left."""
    assert big.seconds > 3, f"the delivery loads in {big.seconds:.1f} s: too fast to kill"
    warehouse = copy_of_earlier(big, tmp_path)
    before = sd.snapshot(warehouse)
    for moment in (0.3, 1.0, 2.0, "landing"):
        kill_load(big, warehouse, moment)
        assert sd.snapshot(warehouse) == before, moment
    done = subprocess.run(
        [SDW, "--warehouse", str(warehouse), "load", str(big.delivery)],
        env=sdw_env(big.root),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "already loaded" not in done.stdout
    assert sd.counts(warehouse) == big.reference
    # the scratch folders the killed loads left (copies of files) are gone too
    assert list(scratch_directory(warehouse).glob("sdw-load-*")) == []


WRAPPER = (
    "import os, resource, signal, sys; "
    "signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
    "limit = int(sys.argv[1]); resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)); "
    "os.execv(sys.argv[2], sys.argv[2:])"
)


@pytest.mark.parametrize("where", ["warehouse", "copy"])
def test_a_full_disk_is_one_clear_line_and_changes_nothing(
    big: Big, tmp_path: Path, where: str
) -> None:
    """No file of the load may grow beyond 5 MB past the warehouse's size (RLIMIT_FSIZE, with
    SIGXFSZ ignored, so a write fails as on a full disk): writing the warehouse fails in the
    transaction ('warehouse'), or the reader's copy of a file with mixed line ends fails before
    it ('copy'). Exit 2, one line that says what happened, no traceback, nothing changed."""
    warehouse = copy_of_earlier(big, tmp_path)
    before = sd.snapshot(warehouse)
    delivery = big.delivery
    if where == "copy":
        delivery = tmp_path / "gemengd"
        delivery.mkdir()
        data = (big.delivery / "declaraties.csv").read_bytes()
        cut = data.index(b"\n", 1000)
        (delivery / "declaraties.csv").write_bytes(data[:cut] + b"\r" + data[cut:])
    limit = warehouse.stat().st_size + 5_000_000
    command = [SDW, "--warehouse", str(warehouse), "load", str(delivery)]
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, str(limit), *command],
        env=sdw_env(big.root),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stderr[-3000:]
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr[-3000:]
    assert lines[0].startswith("sdw load: nothing loaded: cannot write ("), lines[0]
    assert "File too large" in lines[0]
    assert sd.snapshot(warehouse) == before
