"""An attacker on the published amounts: recover a suppressed amount from the amounts shown.

The count attacker (suppression_attack.py) leaves amounts out: an amount is suppressed with the
counts it comes from. Amounts of different marts add up to each other, though, by the code list any
municipality publishes (seeds/code_productcategorie.csv): per gemeente and year, the realisatie of
a Jeugd verblijf class (mart_jeugd_kosten_verblijf) is the sum of its productcategorieen in
mart_financien_productcategorie, so is the realisatie of a Jeugd kostenpost
(mart_financien_begroting), and the 'totaal' rows are the wet's realisatie. Per gemeente and year
every suppressed amount is an unknown and every such sum an equation; an unknown that the equations
fix (it has no component in their null space) is recovered. Amounts can be negative (credit
lines), so there are no bounds to add. Published amounts are rounded to cents, so a sum holds to
within a cent per term: recovered values are as exact as that.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np

CODE_LIST = Path(__file__).resolve().parents[1] / "seeds" / "code_productcategorie.csv"
PRODUCTCATEGORIE = "mart_financien_productcategorie"
VERBLIJF = "mart_jeugd_kosten_verblijf"
BEGROTING = "mart_financien_begroting"

Amount = tuple[str, str]  # (mart, member: productcategorie, verblijf class or kostenpost)


@dataclass(frozen=True)
class Recovered:
    mart: str
    gemeente_code: str
    periode_start: str
    member: str
    value: float


def jeugd_code_list(path: Path = CODE_LIST) -> dict[str, dict[str, str]]:
    """Per Jeugd productcategorie its verblijf class and kostenpost (public knowledge)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["productcategorie_code"]: {
                "verblijf": row["verblijf"],
                "kostenpost": row["kostenpost"],
            }
            for row in csv.DictReader(handle)
            if row["wet"] == "JW"
        }


def equations(
    amounts: dict[Amount, float | None], code_list: dict[str, dict[str, str]]
) -> list[dict[Amount, float]]:
    """The sums that hold between the amounts of one gemeente and year (a coefficient per amount;
    each equation sums to 0). A productcategorie without a row has no realisatie (0)."""
    categories = [m for (mart, m) in amounts if mart == PRODUCTCATEGORIE and m != "totaal"]
    out: list[dict[Amount, float]] = []
    if (PRODUCTCATEGORIE, "totaal") in amounts:
        eq = {(PRODUCTCATEGORIE, c): 1.0 for c in categories}
        eq[(PRODUCTCATEGORIE, "totaal")] = -1.0
        out.append(eq)
    for mart, member in amounts:
        if mart == VERBLIJF:
            if member == "totaal":
                parts = [(PRODUCTCATEGORIE, "totaal")]
            else:
                parts = [
                    (PRODUCTCATEGORIE, c)
                    for c in categories
                    if code_list.get(c, {}).get("verblijf") == member
                ]
        elif mart == BEGROTING:
            parts = [
                (PRODUCTCATEGORIE, c)
                for c in categories
                if code_list.get(c, {}).get("kostenpost") == member
            ]
        else:
            continue
        eq = {part: 1.0 for part in parts}
        eq[(mart, member)] = -1.0
        out.append(eq)
    return out


def recover(
    amounts: dict[Amount, float | None], eqs: list[dict[Amount, float]]
) -> dict[Amount, float]:
    """The suppressed amounts (None) that the equations fix, with their values."""
    unknowns = sorted({a for eq in eqs for a in eq if amounts.get(a, 0.0) is None})
    if not unknowns:
        return {}
    index = {a: i for i, a in enumerate(unknowns)}
    rows, rhs = [], []
    for eq in eqs:
        row = np.zeros(len(unknowns))
        const = 0.0
        for amount, coef in eq.items():
            value = amounts.get(amount, 0.0)
            if value is None:
                row[index[amount]] += coef
            else:
                const -= coef * value
        if row.any():
            rows.append(row)
            rhs.append(const)
    if not rows:
        return {}
    a, b = np.array(rows), np.array(rhs)
    solution, *_ = np.linalg.lstsq(a, b, rcond=None)
    _, sing, vt = np.linalg.svd(a)
    rank = int((sing > 1e-9 * max(1.0, float(sing.max(initial=0.0)))).sum())
    null = vt[rank:]
    fixed = np.abs(null).max(axis=0) < 1e-7 if len(null) else np.ones(len(unknowns), dtype=bool)
    return {unknowns[k]: round(float(solution[k]), 2) for k in np.flatnonzero(fixed)}


def read_amounts(
    con: duckdb.DuckDBPyConnection, marts: tuple[str, ...], code_list: dict[str, dict[str, str]]
) -> dict[tuple[str, str], dict[Amount, float | None]]:
    """The published Jeugd realisatie of the marts, per (gemeente_code, periode_start): None when
    suppressed."""
    kostenposten = sorted({v["kostenpost"] for v in code_list.values()})
    queries = {
        PRODUCTCATEGORIE: "select gemeente_code, periode_start, productcategorie_code, "
        "bedrag_realisatie, bedrag_realisatie_is_onderdrukt "
        f"from marts.{PRODUCTCATEGORIE} where wet_code = 'JW'",
        VERBLIJF: "select gemeente_code, periode_start, verblijf, bedrag_realisatie, "
        f"bedrag_realisatie_is_onderdrukt from marts.{VERBLIJF} where wet_code = 'JW'",
        BEGROTING: "select gemeente_code, periode_start, kostenpost, bedrag_realisatie, "
        f"bedrag_realisatie_is_onderdrukt from marts.{BEGROTING} "
        f"where kostenpost in ({', '.join('?' for _ in kostenposten)})",
    }
    blocks: dict[tuple[str, str], dict[Amount, float | None]] = defaultdict(dict)
    for mart in marts:
        params = kostenposten if mart == BEGROTING else []
        for gemeente, start, member, value, hidden in con.execute(queries[mart], params).fetchall():
            blocks[(gemeente, str(start))][(mart, member)] = None if hidden else float(value)
    return dict(blocks)


def attack_amounts(
    con: duckdb.DuckDBPyConnection, marts: tuple[str, ...]
) -> tuple[int, list[Recovered]]:
    """The number of suppressed amounts of the marts, and those the attacker recovers."""
    code_list = jeugd_code_list()
    unknowns = 0
    found: list[Recovered] = []
    for (gemeente, start), amounts in sorted(read_amounts(con, marts, code_list).items()):
        unknowns += sum(1 for v in amounts.values() if v is None)
        for (mart, member), value in sorted(
            recover(amounts, equations(amounts, code_list)).items()
        ):
            found.append(Recovered(mart, gemeente, start, member, value))
    return unknowns, found
