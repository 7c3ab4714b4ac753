"""An attacker on the published marts: recover suppressed cells from what is shown.

The attacker reads only the published marts and knows nothing of the project's declarations. It
finds the additive relations itself, from the data, and keeps a relation only when every instance
it can fully see holds exactly (or, given a catalogue of relations found on realistic data, uses
those: a tiny hand-made delivery holds coincidences - every client one voorziening - that are no
structure of the figures):

- category groups: a dimension with a 'totaal' row, whose other rows add up to it (per value of the
  other dimensions), for every count column where that holds;
- time groups: the months of a quarter add up to the quarter, the quarters of a year to the year;
- column groups: a count column equal to the sum of two or three other count columns of its row;
- the same figure in two marts: two count columns of two marts that agree on every row both show,
  matched on their common dimensions (the other dimensions at 'totaal').

Every suppressed cell is an unknown (the same figure in two marts is one unknown). Every relation
instance with an unknown is a linear equation. Per connected set of equations the attacker solves
the system: a cell whose value is fixed by the equations (it has no component in the null space)
is recovered, and so is a cell whose least and greatest value under the equations and x >= 0 are
equal (a linear programme). A recovered value from 1 to threshold - 1 is a disclosure.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd
from scipy.optimize import linprog

FLAG = "_is_onderdrukt"
PERIOD_COLUMNS = ("periode_type", "periode_start")
# components up to this many unknowns also get the linear-programme bounds
LP_MAX_UNKNOWNS = 1500


@dataclass
class Mart:
    name: str
    frame: pd.DataFrame
    counts: list[str]
    keys: list[str]


Signature = tuple[str, ...]


@dataclass
class Relation:
    """An additive relation found in the data: members (mart, row, column) and their signs.
    The signature names the kind of relation (kind, mart, columns), whatever the row."""

    kind: str
    label: str
    members: list[tuple[tuple[str, int, str], int]]
    signature: Signature = ()


@dataclass
class Disclosure:
    mart: str
    row: dict[str, object]
    column: str
    value: float
    how: str


@dataclass
class Attack:
    marts: dict[str, Mart]
    relations: list[Relation] = field(default_factory=list)
    relation_kinds: dict[str, int] = field(default_factory=dict)
    catalogue: set[Signature] = field(default_factory=set)
    unknowns: int = 0
    disclosures: list[Disclosure] = field(default_factory=list)
    pinned_large: int = 0
    largest_component: int = 0


def read_marts(con: duckdb.DuckDBPyConnection, schema: str = "marts") -> dict[str, Mart]:
    """Every published mart with its count columns (those with a suppression flag) and its
    dimension columns (text, date and integer columns that are not measures)."""
    marts: dict[str, Mart] = {}
    tables = con.execute(
        "select table_name from information_schema.tables where table_schema = ? order by 1",
        [schema],
    ).fetchall()
    for (name,) in tables:
        frame = con.execute(f'select * from "{schema}"."{name}"').df()
        cols = list(frame.columns)
        flagged = {c[: -len(FLAG)] for c in cols if c.endswith(FLAG)}
        counts = [
            c
            for c in cols
            if c in flagged
            and pd.api.types.is_numeric_dtype(frame[c].dtype)
            and not pd.api.types.is_float_dtype(frame[c].dtype)
            and all(float(v).is_integer() for v in frame[c].dropna())
        ]
        keys = []
        for c in cols:
            if c in flagged or c.endswith(FLAG):
                continue
            dtype = frame[c].dtype
            if pd.api.types.is_bool_dtype(dtype) or pd.api.types.is_float_dtype(dtype):
                continue
            if str(dtype).startswith("decimal") or frame[c].map(type).eq(float).any():
                continue
            if c.startswith(("bedrag_", "aandeel_", "doel_", "gemiddeld")):
                continue
            keys.append(c)
        marts[name] = Mart(name, frame.reset_index(drop=True), counts, keys)
    return marts


def _dependent_on(frame: pd.DataFrame, determinant: list[str], candidates: list[str]) -> set[str]:
    """Columns that take one value per value of the determinant (labels, orders, constants)."""
    out = set()
    for c in candidates:
        if frame.groupby(determinant, dropna=False)[c].nunique(dropna=False).max() <= 1:
            out.add(c)
    return out


def _holds(frame: pd.DataFrame, group_ids: np.ndarray, is_total: np.ndarray, col: str) -> bool:
    """The cells of every fully visible group add up to its total (and one such group is not 0)."""
    values = frame[col].to_numpy(dtype=float)
    seen = ~np.isnan(values)
    df = pd.DataFrame({"g": group_ids, "t": is_total, "v": np.where(seen, values, 0.0), "s": seen})
    df = df[df["g"] >= 0]
    agg = df.groupby("g").agg(
        n=("s", "size"),
        shown=("s", "sum"),
        totals=("t", "sum"),
        cells=("t", lambda t: int((~t).sum())),
    )
    signed = df["v"] * np.where(df["t"], -1.0, 1.0)
    agg["balance"] = signed.groupby(df["g"]).sum()
    agg["size"] = df.groupby("g")["v"].apply(lambda v: v.abs().sum())
    full = agg[(agg["shown"] == agg["n"]) & (agg["totals"] == 1) & (agg["cells"] >= 1)]
    return (
        len(full) > 0
        and bool((full["balance"].abs() < 1e-9).all())
        and bool((full["size"] > 0).any())
    )


def _row_groups(
    mart: Mart,
    kind: str,
    label: str,
    group_ids: np.ndarray,
    is_total: np.ndarray,
    catalogue: set[Signature] | None,
) -> list[Relation]:
    out = []
    for col in mart.counts:
        signature = (kind, mart.name, label, col)
        if catalogue is not None:
            if signature not in catalogue:
                continue
        elif not _holds(mart.frame, group_ids, is_total, col):
            continue
        members: dict[int, list[tuple[tuple[str, int, str], int]]] = defaultdict(list)
        for row, (g, t) in enumerate(zip(group_ids, is_total, strict=True)):
            if g >= 0:
                members[int(g)].append(((mart.name, row, col), -1 if t else 1))
        for g, mem in members.items():
            if sum(1 for _, s in mem if s < 0) == 1 and len(mem) >= 2:
                out.append(
                    Relation(kind, f"{mart.name}: {label}, {col} (group {g})", mem, signature)
                )
    return out


def category_relations(mart: Mart, catalogue: set[Signature] | None = None) -> list[Relation]:
    out = []
    frame = mart.frame
    for dim in mart.keys:
        if not (frame[dim].astype(str) == "totaal").any():
            continue
        others = [k for k in mart.keys if k != dim]
        labels = _dependent_on(frame, [dim], others)
        part = [k for k in others if k not in labels]
        group_ids = (
            frame.groupby(part, dropna=False).ngroup().to_numpy()
            if part
            else np.zeros(len(frame), dtype=int)
        )
        out += _row_groups(
            mart,
            "category",
            f"{dim} -> totaal",
            group_ids,
            (frame[dim].astype(str) == "totaal").to_numpy(),
            catalogue,
        )
    return out


def time_relations(mart: Mart, catalogue: set[Signature] | None = None) -> list[Relation]:
    frame = mart.frame
    if not all(c in frame.columns for c in PERIOD_COLUMNS):
        return []
    others = [k for k in mart.keys if k not in PERIOD_COLUMNS]
    labels = _dependent_on(frame, list(PERIOD_COLUMNS), others)
    part = [k for k in others if k not in labels]
    start = pd.to_datetime(frame["periode_start"])
    out = []
    for level, parts, total in (
        ("quarter", ("maand", "kwartaal"), "kwartaal"),
        ("year", ("kwartaal", "jaar"), "jaar"),
    ):
        anchor = start.dt.to_period("Q" if level == "quarter" else "Y").astype(str)
        keyed = frame[part].copy() if part else pd.DataFrame(index=frame.index)
        keyed["_anchor"] = anchor
        inside = frame["periode_type"].isin(parts).to_numpy()
        ids = keyed.groupby(list(keyed.columns), dropna=False).ngroup().to_numpy()
        ids = np.where(inside, ids, -1)
        out += _row_groups(
            mart,
            "time",
            f"{parts[0]} -> {total}",
            ids,
            (frame["periode_type"] == total).to_numpy(),
            catalogue,
        )
    return out


def column_relations(mart: Mart, catalogue: set[Signature] | None = None) -> list[Relation]:
    frame = mart.frame
    values = {c: frame[c].to_numpy(dtype=float) for c in mart.counts}
    out = []
    for total in mart.counts:
        rest = [c for c in mart.counts if c != total]
        for size in (2, 3):
            for cells in itertools.combinations(rest, size):
                signature = ("column", mart.name, total, *cells)
                if catalogue is not None:
                    if signature not in catalogue:
                        continue
                else:
                    stack = np.vstack([values[total]] + [values[c] for c in cells])
                    full = ~np.isnan(stack).any(axis=0)
                    if full.sum() < 3:
                        continue
                    diff = stack[0, full] - stack[1:, full].sum(axis=0)
                    if np.abs(diff).max() > 1e-9 or not (stack[0, full] > 0).any():
                        continue
                label = f"{mart.name}: {total} = {' + '.join(cells)}"
                for row in range(len(frame)):
                    mem = [((mart.name, row, total), -1)] + [
                        ((mart.name, row, c), 1) for c in cells
                    ]
                    out.append(Relation("column", label, mem, signature))
    return out


def _totaal_view(mart: Mart, common: list[str]) -> pd.DataFrame | None:
    """Rows of a mart with every dimension outside `common` at 'totaal' (labels aside), unique on
    the common dimensions; None when that does not give one row per common key."""
    frame = mart.frame
    rest = [k for k in mart.keys if k not in common]
    labels = _dependent_on(frame, common, rest) if common else set(rest)
    mask = np.ones(len(frame), dtype=bool)
    for k in rest:
        if k in labels:
            continue
        if not (frame[k].astype(str) == "totaal").any():
            return None
        mask &= (frame[k] == "totaal").to_numpy()
    view = frame[mask]
    if view.duplicated(common).any():
        return None
    return view


def cross_mart_equalities(
    marts: dict[str, Mart], catalogue: set[Signature] | None = None
) -> list[Relation]:
    out = []
    names = sorted(marts)
    for a, b in itertools.combinations(names, 2):
        ma, mb = marts[a], marts[b]
        common = [k for k in ma.keys if k in mb.keys]
        if not common or not ma.counts or not mb.counts:
            continue
        va, vb = _totaal_view(ma, common), _totaal_view(mb, common)
        if va is None or vb is None:
            continue
        left = va[common].astype(str).assign(_ra=va.index)
        right = vb[common].astype(str).assign(_rb=vb.index)
        pairs = left.merge(right, on=common)
        if pairs.empty:
            continue
        ra, rb = pairs["_ra"].to_numpy(), pairs["_rb"].to_numpy()
        for ca in ma.counts:
            xa = ma.frame[ca].to_numpy(dtype=float)[ra]
            for cb in mb.counts:
                signature = ("cross-mart", a, ca, b, cb)
                if catalogue is not None:
                    if signature not in catalogue:
                        continue
                else:
                    xb = mb.frame[cb].to_numpy(dtype=float)[rb]
                    both = ~np.isnan(xa) & ~np.isnan(xb)
                    if both.sum() < 3 or not (xa[both] > 0).any():
                        continue
                    if np.abs(xa[both] - xb[both]).max() > 1e-9:
                        continue
                for i, j in zip(ra, rb, strict=True):
                    out.append(
                        Relation(
                            "cross-mart",
                            f"{a}.{ca} = {b}.{cb}",
                            [((a, int(i), ca), 1), ((b, int(j), cb), -1)],
                            signature,
                        )
                    )
    return out


def _components(equations: list[dict[int, float]], n: int) -> list[list[int]]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for eq in equations:
        vs = list(eq)
        for v in vs[1:]:
            ra, rb = find(vs[0]), find(v)
            if ra != rb:
                parent[ra] = rb
    groups: dict[int, list[int]] = defaultdict(list)
    for v in range(n):
        groups[find(v)].append(v)
    return list(groups.values())


def run_attack(
    con: duckdb.DuckDBPyConnection,
    threshold: int = 5,
    catalogue: set[Signature] | None = None,
) -> Attack:
    """Attack the published marts; with a catalogue, use only the relations it names (found on
    realistic data) instead of what holds in this data."""
    marts = read_marts(con)
    attack = Attack(marts)
    for mart in marts.values():
        attack.relations += (
            category_relations(mart, catalogue)
            + time_relations(mart, catalogue)
            + column_relations(mart, catalogue)
        )
    attack.relations += cross_mart_equalities(marts, catalogue)
    for rel in attack.relations:
        attack.relation_kinds[rel.kind] = attack.relation_kinds.get(rel.kind, 0) + 1
        attack.catalogue.add(rel.signature)

    # unknowns: suppressed cells, one per figure (cross-mart equalities merge them first)
    arrays = {
        (m.name, c): m.frame[c].to_numpy(dtype=float) for m in marts.values() for c in m.counts
    }

    def value(cell: tuple[str, int, str]) -> float:
        return float(arrays[(cell[0], cell[2])][cell[1]])

    cell_of: dict[tuple[str, int, str], int] = {}
    cells: list[tuple[str, int, str]] = []
    for rel in attack.relations:
        for cell, _ in rel.members:
            if cell not in cell_of and np.isnan(value(cell)):
                cell_of[cell] = len(cells)
                cells.append(cell)
    attack.unknowns = len(cells)
    equations: list[dict[int, float]] = []
    constants: list[float] = []
    for rel in attack.relations:
        eq: dict[int, float] = defaultdict(float)
        const = 0.0
        for cell, sign in rel.members:
            if cell in cell_of:
                eq[cell_of[cell]] += sign
            else:
                const -= sign * value(cell)
        eq = {k: v for k, v in eq.items() if v != 0}
        if eq:
            equations.append(eq)
            constants.append(const)
    by_var: dict[int, list[int]] = defaultdict(list)
    for i, eq in enumerate(equations):
        for v in eq:
            by_var[v].append(i)
    for comp in _components(equations, len(cells)):
        rows = sorted({i for v in comp for i in by_var[v]})
        if not rows:
            continue
        attack.largest_component = max(attack.largest_component, len(comp))
        index = {v: k for k, v in enumerate(comp)}
        a = np.zeros((len(rows), len(comp)))
        b = np.array([constants[i] for i in rows])
        for r, i in enumerate(rows):
            for v, coef in equations[i].items():
                a[r, index[v]] = coef
        for k, found, how in _recovered(a, b):
            mart, row, col = cells[comp[k]]
            if 0.5 <= found < threshold - 0.5:
                attack.disclosures.append(
                    Disclosure(
                        mart,
                        {k2: marts[mart].frame.at[row, k2] for k2 in marts[mart].keys},
                        col,
                        round(float(found), 6),
                        how,
                    )
                )
            elif found >= threshold - 0.5:
                attack.pinned_large += 1
    return attack


def _fixed(system: np.ndarray, rhs: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """(value, fixed) per unknown of a consistent system; None when it has no solution."""
    solution, *_ = np.linalg.lstsq(system, rhs, rcond=None)
    if np.abs(system @ solution - rhs).max(initial=0.0) > 1e-6:
        return None
    _, sing, vt = np.linalg.svd(system)
    rank = int((sing > 1e-9 * max(1.0, float(sing.max(initial=0.0)))).sum())
    null = vt[rank:]
    fixed = np.abs(null).max(axis=0) < 1e-7 if len(null) else np.ones(system.shape[1], bool)
    return solution, fixed


def _always_zero(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Unknowns that x >= 0 forces to 0: an unknown that can be positive comes out positive when
    maximising sum(min(x_i, 1)) over the unknowns not yet seen positive; repeat until none does."""
    n = a.shape[1]
    zero = np.ones(n, dtype=bool)
    while zero.any():
        idx = np.flatnonzero(zero)
        k = len(idx)
        a_ub = np.zeros((k, n + k))
        a_ub[np.arange(k), idx] = -1.0
        a_ub[np.arange(k), n + np.arange(k)] = 1.0
        res = linprog(
            np.concatenate([np.zeros(n), -np.ones(k)]),
            A_ub=a_ub,
            b_ub=np.zeros(k),
            A_eq=np.hstack([a, np.zeros((a.shape[0], k))]),
            b_eq=b,
            bounds=[(0, None)] * n + [(0, 1)] * k,
            method="highs",
        )
        if res.status != 0 or -res.fun < 1e-9:
            break
        positive = res.x[:n] > 1e-9
        if not (positive & zero).any():
            break
        zero &= ~positive
    return zero


def _recovered(a: np.ndarray, b: np.ndarray) -> list[tuple[int, float, str]]:
    """Unknowns whose value the equations fix, or fix together with x >= 0 (their least and
    greatest feasible value coincide: fixed once the unknowns forced to 0 are set to 0)."""
    out: list[tuple[int, float, str]] = []
    plain = _fixed(a, b)
    if plain is None:
        return out
    solution, fixed = plain
    out += [(k, float(solution[k]), "linear system") for k in np.flatnonzero(fixed)]
    if a.shape[1] > LP_MAX_UNKNOWNS:
        return out
    zero = _always_zero(a, b)
    if zero.any():
        unit = np.zeros((int(zero.sum()), a.shape[1]))
        unit[np.arange(int(zero.sum())), np.flatnonzero(zero)] = 1.0
        bounded = _fixed(np.vstack([a, unit]), np.concatenate([b, np.zeros(int(zero.sum()))]))
        if bounded is not None:
            solution, fixed_b = bounded
            out += [
                (k, float(solution[k]), "bounds (x >= 0)") for k in np.flatnonzero(fixed_b & ~fixed)
            ]
    return out
