"""The attacker of pytests/suppression_attack.py against what the warehouse publishes: on the demo
municipality and on a hand-made delivery whose suppression needs many rounds. It finds the
additive relations in the published data by itself (category totals, months of a quarter and
quarters of a year, columns of a row, the same figure in two marts) and combines them into one
linear system; no suppressed cell may come out as a value from 1 to 4."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import duckdb
import pytest
from amount_attack import (
    BEGROTING,
    PRODUCTCATEGORIE,
    VERBLIJF,
    attack_amounts,
    attack_money,
    equations,
    jeugd_code_list,
    recover,
)
from conftest import dbt_failures, sdw_build
from ladder_delivery import write_ladder_delivery
from suppression_attack import Attack, run_attack

from ingest.load import load_delivery
from ingest.privacy_audit import SolveCache, grains_from_manifest, run_audit


def _report(attack: Attack) -> str:
    return "\n".join(
        f"{d.mart}.{d.column} {d.row} = {d.value} ({d.how})" for d in attack.disclosures[:20]
    )


@pytest.fixture(scope="module")
def demo_attack(demo_built: Path) -> Attack:
    con = duckdb.connect(str(demo_built), read_only=True)
    try:
        return run_attack(con)
    finally:
        con.close()


def test_no_suppressed_cell_of_the_demo_can_be_recovered(demo_attack: Attack) -> None:
    attack = demo_attack
    # the attacker found every kind of group, so the absence of disclosures means something
    assert set(attack.relation_kinds) == {"category", "time", "column", "cross-mart"}
    assert attack.unknowns > 10_000
    assert attack.disclosures == [], _report(attack)


def test_the_amount_attacker_recovers_a_productcategorie_behind_a_class_total() -> None:
    """What mart_jeugd_kosten_verblijf must not do: mart_financien_productcategorie suppresses
    37 (met verblijf) and 53 (zonder verblijf), each hiding the other. A 'met' total shown beside
    it gives 37 away (the class minus 38), and with the wet's total 53 as well; with the class
    suppressed too nothing follows."""
    code_list = jeugd_code_list()
    amounts: dict[tuple[str, str], float | None] = {
        (PRODUCTCATEGORIE, "37"): None,
        (PRODUCTCATEGORIE, "38"): 100.0,
        (PRODUCTCATEGORIE, "45"): 200.0,
        (PRODUCTCATEGORIE, "53"): None,
        (PRODUCTCATEGORIE, "totaal"): 650.0,
        (VERBLIJF, "met"): 400.0,
        (VERBLIJF, "zonder"): None,
        (VERBLIJF, "totaal"): 650.0,
    }
    assert recover(amounts, equations(amounts, code_list)) == {
        (PRODUCTCATEGORIE, "37"): 300.0,
        (PRODUCTCATEGORIE, "53"): 50.0,
        (VERBLIJF, "zonder"): 250.0,
    }
    amounts[(VERBLIJF, "met")] = None
    assert recover(amounts, equations(amounts, code_list)) == {}


def test_no_suppressed_amount_of_the_demo_can_be_recovered_across_marts(demo_built: Path) -> None:
    """The realisatie of the Jeugd verblijf classes adds up productcategorieen whose realisatie
    mart_financien_productcategorie publishes: together, no amount suppressed in either follows
    from the amounts shown."""
    con = duckdb.connect(str(demo_built), read_only=True)
    try:
        unknowns, recovered = attack_amounts(con, (PRODUCTCATEGORIE, VERBLIJF))
    finally:
        con.close()
    assert unknowns > 0  # the demo suppresses amounts, so the absence of findings means something
    assert recovered == []


def test_the_amount_attacker_recovers_a_productcategorie_behind_a_kostenpost() -> None:
    """What mart_financien_begroting must not do, and did (the 26k demo: 53 in 2020, 2 clients):
    mart_financien_productcategorie suppresses 37 (met verblijf) and 53 (zonder verblijf), each
    hiding the other in the wet's total; the realisatie of both kostenposten beside it gives both
    away (the kostenpost minus its productcategorieen shown). With a second productcategorie
    suppressed in each kostenpost (the kostenpost is an additive group of
    mart_financien_productcategorie, its total published by mart_financien_begroting) nothing
    follows."""
    code_list = jeugd_code_list()
    amounts: dict[tuple[str, str], float | None] = {
        (PRODUCTCATEGORIE, "37"): None,
        (PRODUCTCATEGORIE, "38"): 100.0,
        (PRODUCTCATEGORIE, "45"): 200.0,
        (PRODUCTCATEGORIE, "53"): None,
        (PRODUCTCATEGORIE, "totaal"): 650.0,
        (BEGROTING, "jeugd_met_verblijf"): 400.0,
        (BEGROTING, "jeugd_zonder_verblijf"): 250.0,
    }
    assert recover(amounts, equations(amounts, code_list)) == {
        (PRODUCTCATEGORIE, "37"): 300.0,
        (PRODUCTCATEGORIE, "53"): 50.0,
    }
    amounts[(PRODUCTCATEGORIE, "38")] = None
    amounts[(PRODUCTCATEGORIE, "45")] = None
    assert recover(amounts, equations(amounts, code_list)) == {}


def test_no_suppressed_amount_can_be_recovered_with_the_begroting(demo_built: Path) -> None:
    """The realisatie per kostenpost adds up productcategorieen too: with it, no amount suppressed
    in mart_financien_productcategorie or mart_jeugd_kosten_verblijf follows."""
    con = duckdb.connect(str(demo_built), read_only=True)
    try:
        unknowns, recovered = attack_amounts(con, (PRODUCTCATEGORIE, VERBLIJF, BEGROTING))
    finally:
        con.close()
    assert unknowns > 0
    assert recovered == []


def test_no_suppressed_amount_of_any_money_mart_can_be_recovered(demo_built: Path) -> None:
    """Every amount of every money mart, with every relation between them the documentation
    gives: categories and their total, months, quarters and years, kostenposten and verblijf
    classes, the same figure in two marts, a verzilveringsgraad or an average beside the figure it
    divides (pytests/amount_attack.py). Nothing suppressed follows."""
    con = duckdb.connect(str(demo_built), read_only=True)
    try:
        unknowns, recovered = attack_money(con)
    finally:
        con.close()
    assert unknowns > 1000  # the months of mart_financien_realisatie_maand, mostly
    assert recovered == [], recovered[:20]


def _participatie_amounts(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, ...], float | None]:
    rows = con.execute(
        "select gemeente_code, regeling_code, periode_type, cast(periode_start as varchar), "
        "bedrag_uitkeringen from marts.mart_participatie_bestand"
    ).fetchall()
    return {(g, r, t, s): (None if b is None else float(b)) for g, r, t, s, b in rows}


def _participatie_equations(
    amounts: dict[tuple[str, ...], float | None],
) -> list[dict[tuple[str, ...], float]]:
    """The relations the documentation gives for the payments: a quarter is the sum of its
    months, a year of its quarters, and 'totaal' of the regelingen of the period."""
    eqs: list[dict[tuple[str, ...], float]] = []
    # (relation, total) -> its parts: a total is in one time and one regeling relation
    parts: dict[tuple[str, tuple[str, ...]], list[tuple[str, ...]]] = {}
    for key in amounts:
        gemeente, regeling, kind, start = key
        year, month = start[:4], int(start[5:7])
        if kind == "maand":
            quarter = f"{year}-{(month - 1) // 3 * 3 + 1:02d}-01"
            parts.setdefault(("tijd", (gemeente, regeling, "kwartaal", quarter)), []).append(key)
        elif kind == "kwartaal":
            jaar = (gemeente, regeling, "jaar", f"{year}-01-01")
            parts.setdefault(("tijd", jaar), []).append(key)
        if regeling != "totaal":
            parts.setdefault(("regeling", (gemeente, "totaal", kind, start)), []).append(key)
    for (_, total), members in parts.items():
        if total in amounts:
            eq = {m: 1.0 for m in members}
            eq[total] = -1.0
            eqs.append(eq)
    return eqs


def test_no_suppressed_payment_of_the_participatiewet_can_be_recovered(demo_built: Path) -> None:
    """mart_participatie_bestand publishes bedrag_uitkeringen per month, quarter and year and per
    regeling with its 'totaal': no suppressed amount follows from the others (before the time
    groups guarded the payments, the 2023 year of BBZ and IOAZ gave one quarter away)."""
    con = duckdb.connect(str(demo_built), read_only=True)
    try:
        amounts = _participatie_amounts(con)
    finally:
        con.close()
    unknowns = sum(1 for v in amounts.values() if v is None)
    assert unknowns > 50  # BBZ and IOAZ are small in the demo: their payments are suppressed
    assert recover(amounts, _participatie_equations(amounts)) == {}


def test_the_payment_attacker_recovers_a_quarter_behind_its_year() -> None:
    amounts: dict[tuple[str, ...], float | None] = {
        ("G", "BBZ", "jaar", "2023-01-01"): 100.0,
        ("G", "BBZ", "kwartaal", "2023-01-01"): 10.0,
        ("G", "BBZ", "kwartaal", "2023-04-01"): None,
        ("G", "BBZ", "kwartaal", "2023-07-01"): 30.0,
        ("G", "BBZ", "kwartaal", "2023-10-01"): 40.0,
    }
    assert recover(amounts, _participatie_equations(amounts)) == {
        ("G", "BBZ", "kwartaal", "2023-04-01"): 20.0
    }
    amounts[("G", "BBZ", "kwartaal", "2023-07-01")] = None
    assert recover(amounts, _participatie_equations(amounts)) == {}


@pytest.fixture(scope="module")
def ladder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("ladder")
    os.environ["SDW_PSEUDO_KEY"] = (
        "3b6e9c2f5a8d1b4e7c0f3a6d9b2e5c8f1a4d7b0e3c6f9a2d5b8e1c4f7a0d3b6e"
    )
    warehouse = root / "ladder.duckdb"
    load_delivery(write_ladder_delivery(root / "delivery"), warehouse)
    code, output = sdw_build(warehouse, root, {"rapportage_start": "2023-01-01"})
    if code != 0:
        pytest.fail("sdw build failed:\n" + dbt_failures(output))
    return warehouse, output


def test_the_ladder_needs_more_than_four_rounds(ladder: tuple[Path, str]) -> None:
    _, output = ladder
    rounds = re.search(r"suppression mart_gebruik: converged after (\d+) rounds", output)
    assert rounds is not None
    assert int(rounds.group(1)) > 4


def test_no_suppressed_cell_of_the_ladder_can_be_recovered(
    ladder: tuple[Path, str], demo_attack: Attack
) -> None:
    """The relations that hold on the demo's realistic data, applied to the ladder (whose few
    clients make coincidences hold too: each client one voorziening, each besluit one start)."""
    warehouse, output = ladder
    assert "privacy audit: no suppressed cell can be recovered" in output
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        # the ladder's small cells are suppressed, and so is every cell that could give them away
        march = con.execute(
            "select productcategorie_code, aantal_instroom_herindicatie_is_onderdrukt "
            "from marts.mart_gebruik where wet_code = 'WMO' and periode_label = '2023-03' "
            "and productcategorie_code in ('01', '02') order by 1"
        ).fetchall()
        attack = run_attack(con, catalogue=demo_attack.catalogue)
    finally:
        con.close()
    assert march == [("01", True), ("02", True)]
    assert attack.unknowns > 0
    assert attack.disclosures == [], _report(attack)


def test_audit_rounds_reuse_the_sets_that_did_not_change(demo_built: Path) -> None:
    """`sdw build` audits again after every repair round; equation sets that did not change are
    not solved again. The same warehouse audited twice: the second round adds no set to the cache
    (the sets come out in a canonical order whatever order SQL returns the groups in) and finds
    the same as an audit without a cache."""
    manifest = json.loads((demo_built.parent / "target" / "manifest.json").read_text("utf-8"))
    grains = grains_from_manifest(manifest)
    con = duckdb.connect(str(demo_built), read_only=True)
    try:
        cache: SolveCache = {}
        first = run_audit(con, grains, 5, cache)
        solved = len(cache)
        again = run_audit(con, grains, 5, cache)
        fresh = run_audit(con, grains, 5)
    finally:
        con.close()
    assert solved > 100  # the demo's suppressed cells fall into many separate sets
    assert len(cache) == solved
    assert (first.unknowns, first.equations) == (fresh.unknowns, fresh.equations)
    assert first.findings == again.findings == fresh.findings == []
