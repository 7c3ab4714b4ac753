"""An attacker on the published amounts: recover a suppressed amount from the amounts shown.

The count attacker (suppression_attack.py) leaves amounts out: an amount is suppressed with the
counts it comes from. Amounts of different marts add up to each other, though, by the definitions
the documentation publishes and the code list any municipality publishes
(seeds/code_productcategorie.csv). Per gemeente, every suppressed amount is an unknown and every
such relation an equation:

- category: the productcategorieen of a wet add up to its 'totaal' row (realisatie, verplichting,
  realisatie so far, verplichting still to come, prognose; the data-quality amounts of the
  realisatie per period), the beschikking statuses of the declaratie data quality to theirs, the
  Jeugd verblijf classes to theirs;
- time: the months of a quarter add up to the quarter and the quarters of a year to the year
  (mart_financien_realisatie_maand), and the year is mart_financien_productcategorie's;
- code list: the realisatie of a kostenpost (mart_financien_begroting, Wmo and Jeugd) is the sum
  of its productcategorieen in mart_financien_productcategorie and its prognose the sum of theirs in
  mart_financien_prognose; the realisatie of a Jeugd verblijf class (mart_jeugd_kosten_verblijf)
  is the sum of its productcategorieen, its 'totaal' the wet's;
- the same figure: the realisatie so far of the prognose is the realisatie, and so is the prognose
  of a year that ended; begroting = prognose + verschil;
- ratios shown: a verzilveringsgraad beside its verplichting gives the realisatie (last year's graad
  in the prognose, the year's in mart_financien_productcategorie), an average cost per client or
  per jeugdige beside its clients gives the realisatie.

An unknown that the equations fix (it has no component in their null space) is recovered. Amounts
can be negative (credit lines), so there are no bounds to add. Published amounts are rounded to
cents (and ratios to their decimals), so a relation holds to within that: recovered values are as
exact as that, but whether a value is fixed depends on the relations only.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import duckdb
import numpy as np

CODE_LIST = Path(__file__).resolve().parents[1] / "seeds" / "code_productcategorie.csv"
PRODUCTCATEGORIE = "mart_financien_productcategorie"
VERBLIJF = "mart_jeugd_kosten_verblijf"
BEGROTING = "mart_financien_begroting"
PROGNOSE = "mart_financien_prognose"
REALISATIE_MAAND = "mart_financien_realisatie_maand"
DECLARATIE_KWALITEIT = "mart_financien_declaratie_kwaliteit"
MONEY_MARTS = (
    PRODUCTCATEGORIE,
    VERBLIJF,
    BEGROTING,
    PROGNOSE,
    REALISATIE_MAAND,
    DECLARATIE_KWALITEIT,
)

Amount = tuple[str, str]  # (mart, member: productcategorie, verblijf class or kostenpost)
Cell = tuple[str, tuple[str, ...], str]  # (mart, row key, amount column)
K = TypeVar("K")


@dataclass(frozen=True)
class Recovered:
    mart: str
    gemeente_code: str
    periode_start: str
    member: str
    value: float
    column: str = "bedrag_realisatie"


def code_list(path: Path = CODE_LIST) -> dict[tuple[str, str], dict[str, str]]:
    """Per (wet, productcategorie) its verblijf class and kostenpost (public knowledge)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            (row["wet"], row["productcategorie_code"]): {
                "verblijf": row["verblijf"],
                "kostenpost": row["kostenpost"],
            }
            for row in csv.DictReader(handle)
        }


def jeugd_code_list(path: Path = CODE_LIST) -> dict[str, dict[str, str]]:
    """Per Jeugd productcategorie its verblijf class and kostenpost (public knowledge)."""
    return {code: v for (wet, code), v in code_list(path).items() if wet == "JW"}


def equations(
    amounts: dict[Amount, float | None], code_list: dict[str, dict[str, str]]
) -> list[dict[Amount, float]]:
    """The sums that hold between the Jeugd realisatie of one gemeente and year (a coefficient per
    amount; each equation sums to 0). A productcategorie without a row has no realisatie (0)."""
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
    return _fixed(amounts, eqs)


def _fixed(values: dict[K, float | None], eqs: list[dict[K, float]]) -> dict[K, float]:
    """The unknowns (None; absent = 0) that the equations (coefficients, each summing to 0) fix,
    solved per connected set of equations."""
    unknowns = sorted({a for eq in eqs for a in eq if values.get(a, 0.0) is None}, key=repr)
    if not unknowns:
        return {}
    index = {a: i for i, a in enumerate(unknowns)}
    rows: list[dict[int, float]] = []
    rhs: list[float] = []
    for eq in eqs:
        row: dict[int, float] = defaultdict(float)
        const = 0.0
        for amount, coef in eq.items():
            value = values.get(amount, 0.0)
            if value is None:
                row[index[amount]] += coef
            else:
                const -= coef * value
        row = {k: v for k, v in row.items() if v != 0}
        if row:
            rows.append(row)
            rhs.append(const)
    # connected sets of unknowns (union-find over the equations)
    parent = list(range(len(unknowns)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for row in rows:
        first, *rest = row
        for other in rest:
            parent[find(other)] = find(first)
    sets: dict[int, list[int]] = defaultdict(list)
    for i in range(len(unknowns)):
        sets[find(i)].append(i)
    eq_sets: dict[int, list[int]] = defaultdict(list)
    for r, row in enumerate(rows):
        eq_sets[find(next(iter(row)))].append(r)
    out: dict[K, float] = {}
    for root, members in sets.items():
        position = {u: j for j, u in enumerate(members)}
        a = np.zeros((len(eq_sets[root]), len(members)))
        b = np.array([rhs[r] for r in eq_sets[root]])
        for i, r in enumerate(eq_sets[root]):
            for u, coef in rows[r].items():
                a[i, position[u]] = coef
        solution, *_ = np.linalg.lstsq(a, b, rcond=None)
        _, sing, vt = np.linalg.svd(a)
        rank = int((sing > 1e-9 * max(1.0, float(sing.max(initial=0.0)))).sum())
        null = vt[rank:]
        fixed = np.abs(null).max(axis=0) < 1e-7 if len(null) else np.ones(len(members), bool)
        for j in np.flatnonzero(fixed):
            out[unknowns[members[j]]] = round(float(solution[j]), 2)
    return out


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


# the amounts of each mart, its row key (gemeente_code first) and its category dimension
MART_AMOUNTS: dict[str, tuple[tuple[str, ...], str, tuple[str, ...]]] = {
    PRODUCTCATEGORIE: (
        ("gemeente_code", "periode_start", "wet_code", "productcategorie_code"),
        "productcategorie_code",
        ("bedrag_realisatie", "bedrag_verplichting"),
    ),
    PROGNOSE: (
        ("gemeente_code", "periode_start", "wet_code", "productcategorie_code"),
        "productcategorie_code",
        ("bedrag_realisatie_tot_nu", "bedrag_verplichting_rest_jaar", "bedrag_prognose"),
    ),
    REALISATIE_MAAND: (
        ("gemeente_code", "periode_type", "periode_start", "wet_code", "productcategorie_code"),
        "productcategorie_code",
        (
            "bedrag_realisatie",
            "bedrag_realisatie_onbekende_beschikking",
            "bedrag_realisatie_ingetrokken_beschikking",
        ),
    ),
    DECLARATIE_KWALITEIT: (
        ("gemeente_code", "periode_start", "wet_code", "beschikking_status_code"),
        "beschikking_status_code",
        ("bedrag_toegewezen",),
    ),
    VERBLIJF: (
        ("gemeente_code", "periode_start", "wet_code", "verblijf"),
        "verblijf",
        ("bedrag_realisatie",),
    ),
    BEGROTING: (
        ("gemeente_code", "periode_start", "kostenpost"),
        "",
        ("bedrag_realisatie", "bedrag_prognose", "bedrag_verschil"),
    ),
}


def _read(
    con: duckdb.DuckDBPyConnection, mart: str, extra: tuple[str, ...] = ()
) -> dict[tuple[str, ...], dict[str, object]]:
    """Per row key the published amounts (None when suppressed) and the extra columns."""
    keys, _, amounts = MART_AMOUNTS[mart]
    columns = [*keys, *extra]
    select = [f"cast({c} as varchar)" for c in keys] + list(extra)
    for amount in amounts:
        select += [amount, f"{amount}_is_onderdrukt"]
    out: dict[tuple[str, ...], dict[str, object]] = {}
    for row in con.execute(f"select {', '.join(select)} from marts.{mart}").fetchall():
        record: dict[str, object] = dict(zip(columns, row[: len(columns)], strict=True))
        for i, amount in enumerate(amounts):
            value, hidden = row[len(columns) + 2 * i], row[len(columns) + 2 * i + 1]
            record[amount] = None if hidden else float(value or 0.0)
        out[tuple(str(v) for v in row[: len(keys)])] = record
    return out


def money_equations(
    con: duckdb.DuckDBPyConnection, marts: tuple[str, ...] = MONEY_MARTS
) -> tuple[dict[Cell, float | None], list[dict[Cell, float]]]:
    """Every published amount of the marts (None when suppressed) and every relation above between
    them (a coefficient per amount, each equation summing to 0; the constant 1 is cell CONSTANT)."""
    codes = code_list()
    extra = {
        PRODUCTCATEGORIE: (
            "aandeel_verzilvering",
            "bedrag_gemiddelde_kosten_per_client",
            "aantal_unieke_clienten",
        ),
        PROGNOSE: ("is_volledig", "aandeel_verzilvering_vorig_jaar"),
        BEGROTING: ("bedrag_begroting",),
        VERBLIJF: ("bedrag_kosten_per_jeugdige", "aantal_jeugdigen_realisatie"),
    }
    rows = {m: _read(con, m, extra.get(m, ())) for m in marts}
    values: dict[Cell, float | None] = {CONSTANT: 1.0}
    for mart, records in rows.items():
        for key, record in records.items():
            for amount in MART_AMOUNTS[mart][2]:
                values[(mart, key, amount)] = record[amount]  # type: ignore[assignment]
    eqs: list[dict[Cell, float]] = []

    def add(parts: list[tuple[Cell, float]]) -> None:
        # a row a mart does not have is 0; a mart not read leaves the relation unknown
        if any(cell != CONSTANT and cell[0] not in rows for cell, _ in parts):
            return
        eq: dict[Cell, float] = defaultdict(float)
        for cell, coef in parts:
            if cell == CONSTANT or cell in values:
                eq[cell] += coef
        if any(values.get(c, 0.0) is None for c in eq):
            eqs.append(dict(eq))

    # category groups: the other rows of a partition add up to its 'totaal' row
    for mart, records in rows.items():
        keys, category, amounts = MART_AMOUNTS[mart]
        if not category:
            continue
        position = keys.index(category)
        partitions: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
        for key in records:
            partitions[key[:position] + key[position + 1 :]].append(key)
        for members in partitions.values():
            totals = [k for k in members if k[position] == "totaal"]
            if not totals:
                continue
            for amount in amounts:
                add(
                    [((mart, k, amount), 1.0) for k in members if k[position] != "totaal"]
                    + [((mart, totals[0], amount), -1.0)]
                )
    pc = rows.get(PRODUCTCATEGORIE, {})
    # time: months of a quarter, quarters of a year; the year is mart_financien_productcategorie's
    if REALISATIE_MAAND in rows:
        for g, kind, start, wet, cat in rows[REALISATIE_MAAND]:
            day = dt.date.fromisoformat(start)
            if kind == "kwartaal":
                parts = [("maand", dt.date(day.year, day.month + i, 1)) for i in range(3)]
            elif kind == "jaar":
                parts = [("kwartaal", dt.date(day.year, m, 1)) for m in (1, 4, 7, 10)]
                if (g, start, wet, cat) in pc:
                    add(
                        [
                            (
                                (REALISATIE_MAAND, (g, kind, start, wet, cat), "bedrag_realisatie"),
                                1.0,
                            ),
                            ((PRODUCTCATEGORIE, (g, start, wet, cat), "bedrag_realisatie"), -1.0),
                        ]
                    )
            else:
                continue
            for amount in MART_AMOUNTS[REALISATIE_MAAND][2]:
                add(
                    [
                        ((REALISATIE_MAAND, (g, p, d.isoformat(), wet, cat), amount), 1.0)
                        for p, d in parts
                    ]
                    + [((REALISATIE_MAAND, (g, kind, start, wet, cat), amount), -1.0)]
                )
    # the prognose: its realisatie so far, a finished year's prognose, last year's graad
    for key, record in rows.get(PROGNOSE, {}).items():
        realisatie = ((PRODUCTCATEGORIE, key, "bedrag_realisatie"), -1.0)
        add([((PROGNOSE, key, "bedrag_realisatie_tot_nu"), 1.0), realisatie])
        if record["is_volledig"]:
            add([((PROGNOSE, key, "bedrag_prognose"), 1.0), realisatie])
        graad = record["aandeel_verzilvering_vorig_jaar"]
        if graad is not None:
            g, start, wet, cat = key
            previous = (g, f"{int(start[:4]) - 1}{start[4:]}", wet, cat)
            add(
                [
                    ((PRODUCTCATEGORIE, previous, "bedrag_realisatie"), 1.0),
                    ((PRODUCTCATEGORIE, previous, "bedrag_verplichting"), -float(graad)),
                ]
            )
    # ratios shown beside the figure they divide
    for key, record in pc.items():
        if record["aandeel_verzilvering"] is not None:
            add(
                [
                    ((PRODUCTCATEGORIE, key, "bedrag_realisatie"), 1.0),
                    (
                        (PRODUCTCATEGORIE, key, "bedrag_verplichting"),
                        -float(record["aandeel_verzilvering"]),
                    ),
                ]
            )  # type: ignore[arg-type]
        if (
            record["bedrag_gemiddelde_kosten_per_client"] is not None
            and record["aantal_unieke_clienten"]
        ):
            add(
                [
                    ((PRODUCTCATEGORIE, key, "bedrag_realisatie"), 1.0),
                    (
                        CONSTANT,
                        -float(record["bedrag_gemiddelde_kosten_per_client"])  # type: ignore[arg-type]
                        * float(record["aantal_unieke_clienten"]),
                    ),
                ]
            )  # type: ignore[arg-type]
    for key, record in rows.get(VERBLIJF, {}).items():
        if (
            record["bedrag_kosten_per_jeugdige"] is not None
            and record["aantal_jeugdigen_realisatie"]
        ):
            add(
                [
                    ((VERBLIJF, key, "bedrag_realisatie"), 1.0),
                    (
                        CONSTANT,
                        -float(record["bedrag_kosten_per_jeugdige"])  # type: ignore[arg-type]
                        * float(record["aantal_jeugdigen_realisatie"]),
                    ),
                ]
            )  # type: ignore[arg-type]
    # the code list: kostenposten and verblijf classes add up productcategorieen
    by_year: dict[tuple[str, str], list[tuple[str, ...]]] = defaultdict(list)
    for key in pc:
        if key[3] != "totaal":
            by_year[(key[0], key[1])].append(key)
    for key, record in rows.get(BEGROTING, {}).items():
        g, start, kostenpost = key
        members = [
            k
            for k in by_year[(g, start)]
            if codes.get((k[2], k[3]), {}).get("kostenpost") == kostenpost
        ]
        if members:
            add(
                [((PRODUCTCATEGORIE, k, "bedrag_realisatie"), 1.0) for k in members]
                + [((BEGROTING, key, "bedrag_realisatie"), -1.0)]
            )
            add(
                [((PROGNOSE, k, "bedrag_prognose"), 1.0) for k in members]
                + [((BEGROTING, key, "bedrag_prognose"), -1.0)]
            )
        if record["bedrag_begroting"] is not None:
            add(
                [
                    ((BEGROTING, key, "bedrag_prognose"), 1.0),
                    ((BEGROTING, key, "bedrag_verschil"), 1.0),
                    (CONSTANT, -float(record["bedrag_begroting"])),
                ]
            )  # type: ignore[arg-type]
    for key in rows.get(VERBLIJF, {}):
        g, start, wet, klasse = key
        if klasse == "totaal":
            members = [(g, start, wet, "totaal")]
        else:
            members = [
                k
                for k in by_year[(g, start)]
                if k[2] == wet and codes.get((wet, k[3]), {}).get("verblijf") == klasse
            ]
        add(
            [((PRODUCTCATEGORIE, k, "bedrag_realisatie"), 1.0) for k in members]
            + [((VERBLIJF, key, "bedrag_realisatie"), -1.0)]
        )
    return values, eqs


CONSTANT: Cell = ("", (), "1")


def attack_money(
    con: duckdb.DuckDBPyConnection, marts: tuple[str, ...] = MONEY_MARTS
) -> tuple[int, list[Recovered]]:
    """The number of suppressed amounts of the marts, and those the attacker recovers from every
    relation between them."""
    values, eqs = money_equations(con, marts)
    found = [
        Recovered(
            mart,
            key[0],
            key[-3] if mart == REALISATIE_MAAND else key[1],
            "|".join(key),
            value,
            column,
        )
        for (mart, key, column), value in sorted(_fixed(values, eqs).items(), key=repr)
    ]
    return sum(1 for v in values.values() if v is None), found


def attack_amounts(
    con: duckdb.DuckDBPyConnection, marts: tuple[str, ...]
) -> tuple[int, list[Recovered]]:
    """The number of suppressed Jeugd realisatie amounts of the marts (productcategorie,
    verblijf, begroting), and those the attacker recovers from the code list's sums."""
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
