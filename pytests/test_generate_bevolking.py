"""The population seed the generator writes (`sdw generate --bevolking FILE`): the demo's is the
committed seeds/bevolking.csv, it matches the simulated population, and writing it never changes
the delivery."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from ingest.cli import main as cli_main
from ingest.contract import SEEDS_DIR
from ingest.generator import generate
from ingest.generator.bevolking import COLUMNS, MAX_LEEFTIJD, years
from ingest.generator.dates import Period, parse_month

# The demo (scripts/demo.sh, and sdw generate's defaults): 26,000 inhabitants, 2019-2024, seed 1.
DEMO = {"inwoners": 26_000, "start": "2019-01", "end": "2024-12", "seed": 1}
EXTRACT_FILES = ("beschikkingen.csv", "declaraties.csv", "uitkeringen.csv", "verwijzers.csv")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("demo")
    seed_file = out / "bevolking.csv"
    result = generate(out / "levering", **DEMO, bevolking_csv=seed_file, workers=2)
    return out / "levering", seed_file, result


def test_demo_population_is_the_committed_seed(demo):
    """The seed and the generator cannot drift: regenerate it with
    `sdw generate --out DIR --bevolking seeds/bevolking.csv` (the demo's defaults)."""
    _, seed_file, result = demo
    assert seed_file.read_bytes() == (SEEDS_DIR / "bevolking.csv").read_bytes()
    assert result["bevolking"] == len(_rows(seed_file))


def test_writing_the_seed_changes_no_byte_of_the_delivery(demo, tmp_path):
    levering, _, result = demo
    plain = generate(tmp_path, **DEMO, workers=1)
    assert plain == {k: v for k, v in result.items() if k != "bevolking"}
    for name in EXTRACT_FILES:
        assert (tmp_path / name).read_bytes() == (levering / name).read_bytes()
    assert sorted(p.name for p in levering.iterdir()) == sorted(EXTRACT_FILES)


def test_seed_holds_the_simulated_population(demo):
    levering, seed_file, _ = demo
    rows = _rows(seed_file)
    assert tuple(rows[0]) == COLUMNS
    wijken = {r["wijk_code"]: r["gemeente_code"] for r in _rows(SEEDS_DIR / "wijken.csv")}
    per_year: Counter[int] = Counter()
    keys = set()
    for r in rows:
        assert wijken[r["wijk_code"]] == r["gemeente_code"] == "GM9999"
        assert 0 <= int(r["leeftijd"]) <= MAX_LEEFTIJD and int(r["aantal_inwoners"]) > 0
        per_year[int(r["jaar"])] += int(r["aantal_inwoners"])
        keys.add((r["wijk_code"], r["jaar"], r["leeftijd"]))
    assert len(keys) == len(rows)
    assert sorted(per_year) == list(range(2019, 2025))
    assert per_year[2019] == DEMO["inwoners"]  # everyone living there on the first day
    assert all(abs(n - DEMO["inwoners"]) < 0.02 * DEMO["inwoners"] for n in per_year.values())
    # Every client of the delivery lives in a wijk and at an age the seed has inhabitants for.
    inwoners = {(r["wijk_code"], int(r["jaar"]), int(r["leeftijd"])) for r in rows}
    with (levering / "beschikkingen.csv").open(encoding="utf-8-sig", newline="") as fh:
        for r in csv.DictReader(fh, delimiter=";"):
            if r["ingangsdatum"].endswith("-2021") or r["ingangsdatum"].startswith("2021-"):
                d = r["geboortedatum"]
                born = date.fromisoformat(d) if d[4] == "-" else date(*map(int, d.split("-")[::-1]))
                if born < date(2021, 1, 1):
                    age = min(2021 - born.year - ((born.month, born.day) > (1, 1)), MAX_LEEFTIJD)
                    assert (r["wijk_code"], 2021, age) in inwoners, r["beschikking_id"]


def test_years_are_those_whose_first_of_january_lies_in_the_history():
    assert years(Period(parse_month("2019-01", False), parse_month("2024-12", True))) == list(
        range(2019, 2025)
    )
    assert years(Period(parse_month("2020-03", False), parse_month("2021-12", True))) == [2021]


def test_several_gemeenten_any_workers_same_bytes(tmp_path):
    args = {"inwoners": 40_000, "start": "2020-01", "end": "2021-06", "seed": 5, "gemeenten": 3}
    one = generate(tmp_path / "a", **args, workers=1, bevolking_csv=tmp_path / "a.csv")
    two = generate(tmp_path / "b", **args, workers=2, bevolking_csv=tmp_path / "b.csv")
    assert one == two
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    rows = _rows(tmp_path / "a.csv")
    per_gemeente: Counter[str] = Counter()
    for r in rows:
        if r["jaar"] == "2020":
            per_gemeente[r["gemeente_code"]] += int(r["aantal_inwoners"])
    assert len(per_gemeente) == 3  # GM9999 and the next two, each split into its wijken
    assert sum(per_gemeente.values()) == args["inwoners"]
    assert {r["jaar"] for r in rows} == {"2020", "2021"}


def test_cli_writes_the_seed_beside_the_delivery_never_into_it(tmp_path, capsys):
    out = tmp_path / "levering"
    base = ["generate", "--out", str(out), "--inwoners", "1000", "--start", "2020-01"]
    base += ["--end", "2020-03", "--workers", "1"]
    assert cli_main([*base, "--bevolking", str(tmp_path / "seeds" / "bevolking.csv")]) == 0
    assert "bevolking" in capsys.readouterr().out
    assert _rows(tmp_path / "seeds" / "bevolking.csv")
    assert cli_main([*base, "--bevolking", str(out / "bevolking.csv")]) == 2
    assert "delivery folder" in capsys.readouterr().err
