"""The privacy audit of the published marts: can a suppressed small cell be recovered by combining
the additive groups the marts publish?

Secondary suppression (dbt, materialization ``suppressed_table``) makes sure no single group has
exactly one unknown member. An attacker can still combine groups: two months whose instroom and
geen-herindicatie are equal (because nieuw and herindicatie are 0 there), a quarter total and a
category total together, the same figure in two marts. This audit solves that linear system.

It reads what every suppressed mart leaves in the audit schema (``suppressie``): the members of
each group instance (``<mart>__leden``: group, row key, column, total or not) and the cells that
mirror another mart's figure (``<mart>__vast``), and the published marts themselves. Unknowns are
the suppressed cells (a mirrored cell and its original are one unknown); every group instance with
an unknown is an equation ``cells - total = 0``. Per connected set of equations a cell is
recovered when the equations fix it (it has no component in their null space), or when its least
and greatest value under the equations and ``x >= 0`` coincide (a linear programme, for sets of up
to ``LP_MAX_UNKNOWNS`` unknowns). A recovered value from 1 to threshold - 1 is a finding.

Amounts are audited the same way, as a system of their own. An amount (a derived figure declared
``additive``) is suppressed with the counts it comes from, and adds up in the groups of those
counts: bedrag_realisatie over the productcategorieen of mart_financien_productcategorie, over the
months of mart_financien_realisatie_maand. A group can have its total in another mart (declared
``within`` / ``total_in``: the realisatie per kostenpost of mart_financien_begroting is the sum of
productcategorieen), and an amount can be another mart's figure (``inherit`` with ``amounts``).
Counts declared ``not_additive`` (distinct clients, grouped only for the amounts' sake) give no
count equations. Amounts can be negative (credit lines), so there are no bounds: a suppressed
amount is recovered when the equations fix it, whatever its value, and that is a finding.

``repairs`` turns findings into more suppression: for each finding, the smallest non-zero member
still shown in the finding's group with the fewest unknowns (for an amount: the count it is
suppressed with). ``sdw build`` writes them to ``suppressie.extra_cellen``, rebuilds the marts
(which suppress those cells and protect them like any other) and audits again, until nothing can
be recovered.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

# The audit solves thousands of small dense systems (at most a few hundred unknowns each). BLAS
# threads only make those slower, and under load (DuckDB or another job on the cores) they spin:
# at 260k inhabitants 27 s with OpenBLAS's threads against 8 s with one. Read when numpy loads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import duckdb
import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

AUDIT_SCHEMA = "suppressie"
MART_SCHEMA = "marts"
EXTRA_TABLE = f"{AUDIT_SCHEMA}.extra_cellen"
LP_MAX_UNKNOWNS = 1500
TOLERANCE = 1e-7
# the connected sets are solved on this many threads: numpy's LAPACK and HiGHS release the GIL,
# and while the audit runs nothing else uses the cores (26k: 2.6 s of solving takes 1.7 s on two)
SOLVE_THREADS = max(1, min(4, os.cpu_count() or 1))

Cell = tuple[str, str, str]  # (mart, row key, column)


@dataclass(frozen=True)
class Finding:
    mart: str
    key: str
    column: str
    value: float
    how: str


@dataclass
class AuditResult:
    findings: list[Finding]
    unknowns: int
    equations: int
    largest_set: int
    # per group instance: its members (cell, is_total, published value or None)
    groups: dict[tuple[str, int], list[tuple[Cell, int, float | None]]]
    locked: dict[Cell, Cell]
    # the same for the amounts' equations, and per amount cell the count it is suppressed with
    amount_groups: dict[tuple[str, str], list[tuple[Cell, int, float | None]]] = field(
        default_factory=dict
    )
    amount_guards: dict[Cell, Cell] = field(default_factory=dict)


class MartGrains(dict[str, list[str]]):
    """The grain of every published mart with a suppression declaration (a dict, mart -> grain),
    with the declarations themselves beside it: the audit reads the amounts from them."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.declarations: dict[str, dict] = {}


def _key_sql(columns: list[str]) -> str:
    """The row key as the materialization builds it (macro sdc_key_sql): grain values, |-joined."""
    return " || '|' || ".join(f"coalesce(cast({c} as varchar), '')" for c in columns)


def audited_marts(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "select a.table_name from information_schema.tables as a "
        "join information_schema.tables as m on m.table_schema = ? "
        "and a.table_name = m.table_name || '__leden' "
        "where a.table_schema = ? order by 1",
        [MART_SCHEMA, AUDIT_SCHEMA],
    ).fetchall()
    return [r[0].removesuffix("__leden") for r in rows]


def _members(
    con: duckdb.DuckDBPyConnection, mart: str, grains: dict[str, list[str]]
) -> list[tuple[int, str, str, int, float | None]]:
    """Members of the group instances of a mart that hold at least one suppressed cell."""
    # the counts the mart publishes (internal counts guard a figure but are never shown) and that
    # add up (not the distinct counts grouped only to protect their amounts)
    not_additive = set(_declaration(grains, mart).get("not_additive", []))
    columns = [
        r[0]
        for r in con.execute(
            f"select distinct l.kolom from {AUDIT_SCHEMA}.{mart}__leden as l "
            "join information_schema.columns as c on c.table_schema = ? and c.table_name = ? "
            "and c.column_name = l.kolom order by 1",
            [MART_SCHEMA, mart],
        ).fetchall()
        if r[0] not in not_additive
    ]
    if not columns:
        return []
    key = _key_sql(grains[mart])
    values = " union all ".join(
        f"select {key} as sleutel, '{c}' as kolom, cast({c} as double) as waarde "
        f"from {MART_SCHEMA}.{mart}"
        for c in columns
    )
    return con.execute(
        f"""
        with waarden as ({values}),
        leden as (
            select l.sdc_groep, l.sleutel, l.kolom, l.is_totaal, w.waarde
            from {AUDIT_SCHEMA}.{mart}__leden as l
            join waarden as w on l.sleutel = w.sleutel and l.kolom = w.kolom
            where l.sdc_groep not in (
                select sdc_groep from {AUDIT_SCHEMA}.{mart}__leden
                where kolom not in (select distinct kolom from waarden)
            )
        )
        select * from leden
        where sdc_groep in (select sdc_groep from leden where waarde is null)
        """
    ).fetchall()


# findings per connected set of equations, by a digest of the set (its matrix, right-hand side
# and cells): a repair round changes few sets, so the next round solves only those again
SolveCache = dict[bytes, list[Finding]]


def _digest(a: np.ndarray, b: np.ndarray, cells: list[Cell], threshold: int) -> bytes:
    h = hashlib.blake2b(digest_size=20)
    h.update(repr((a.shape, cells, threshold)).encode())
    h.update(a.tobytes())
    h.update(b.tobytes())
    return h.digest()


def run_audit(
    con: duckdb.DuckDBPyConnection,
    grains: dict[str, list[str]],
    threshold: int = 5,
    cache: SolveCache | None = None,
) -> AuditResult:
    """Audit every published, suppressed mart (grains: each mart's grain, from the manifest).
    cache: findings of the sets solved in an earlier round of the same build, reused when a set is
    unchanged."""
    marts = [m for m in audited_marts(con) if m in grains]
    groups: dict[tuple[str, int], list[tuple[Cell, int, float | None]]] = defaultdict(list)
    for mart in marts:
        for groep, key, col, is_total, value in _members(con, mart, grains):
            groups[(mart, int(groep))].append(((mart, key, col), int(is_total), value))
    locked: dict[Cell, Cell] = {}
    for mart in marts:
        for key, col, owner, owner_key, owner_col in con.execute(
            f"select sleutel, kolom, bron_mart, bron_sleutel, bron_kolom "
            f"from {AUDIT_SCHEMA}.{mart}__vast"
        ).fetchall():
            locked[(mart, key, col)] = (owner, owner_key, owner_col)
    result = audit_groups(dict(groups), locked, threshold, cache)
    declarations = getattr(grains, "declarations", {})
    if declarations:
        amount_groups, guards = amount_relations(con, marts, grains, declarations)
        findings, unknowns, equations = audit_amounts(amount_groups, cache)
        result.findings += findings
        result.unknowns += unknowns
        result.equations += equations
        result.amount_groups = amount_groups
        result.amount_guards = guards
    return result


def _declaration(grains: dict[str, list[str]], mart: str) -> dict:
    return getattr(grains, "declarations", {}).get(mart) or {}


def _flagged_columns(con: duckdb.DuckDBPyConnection, mart: str) -> set[str]:
    return {
        r[0].removesuffix("_is_onderdrukt")
        for r in con.execute(
            "select column_name from information_schema.columns "
            "where table_schema = ? and table_name = ? and column_name like '%_is_onderdrukt'",
            [MART_SCHEMA, mart],
        ).fetchall()
    }


def amount_relations(
    con: duckdb.DuckDBPyConnection,
    marts: list[str],
    grains: dict[str, list[str]],
    declarations: dict[str, dict],
) -> tuple[dict[tuple[str, str], list[tuple[Cell, int, float | None]]], dict[Cell, Cell]]:
    """The equations between the published amounts, as group instances (members: cell, total or
    not, published value or None when suppressed), and per amount cell the count it is
    suppressed with (for repairs). From each mart's declaration: an additive amount adds up in
    every group instance of a count it comes from (the members the materialization recorded in
    <mart>__leden), with the other mart's figure as total when the group declares total_in, and
    it is the owner's figure where it inherits `amounts`."""
    relations: dict[tuple[str, str], list[tuple[Cell, int]]] = {}
    seen: set[frozenset[tuple[Cell, int]]] = set()

    def add(gid: tuple[str, str], members: list[tuple[Cell, int]]) -> None:
        signature = frozenset(members)
        if len(members) >= 2 and signature not in seen:
            seen.add(signature)
            relations[gid] = members

    for mart in marts:
        decl = declarations.get(mart) or {}
        amounts = {
            d["column"]: list(d["counts"]) for d in decl.get("derived", []) if d.get("additive")
        }
        if not amounts:
            continue
        by_count: dict[str, list[str]] = defaultdict(list)
        for amount, counts in amounts.items():
            for count in counts:
                by_count[count].append(amount)
        instances: dict[int, list[tuple[str, str, int]]] = defaultdict(list)
        for groep, key, col, is_total in con.execute(
            f"select sdc_groep, sleutel, kolom, is_totaal from {AUDIT_SCHEMA}.{mart}__leden "
            f"where kolom in ({', '.join('?' for _ in by_count)})",
            sorted(by_count),
        ).fetchall():
            instances[int(groep)].append((key, col, int(is_total)))
        within = [g for g in decl.get("groups", []) if g.get("within")]
        # the grain values of the other mart's total, read from this mart's published rows
        outer: set[str] = set()
        for group in within:
            for total in group["total_in"]:
                outer |= set(grains.get(total["mart"], [])) - set(total.get("where", {}))
        row_values: dict[str, dict[str, str]] = {}
        if outer:
            names = sorted(outer)
            for row in con.execute(
                f"select {_key_sql(grains[mart])}, "
                + ", ".join(f"coalesce(cast({c} as varchar), '')" for c in names)
                + f" from {MART_SCHEMA}.{mart}"
            ).fetchall():
                row_values[row[0]] = dict(zip(names, row[1:], strict=True))
        for groep, members in sorted(instances.items()):
            col = members[0][1]
            flags = {t for _, _, t in members}
            for amount in by_count[col]:
                if min(flags) < 0:
                    group = within[-min(flags) - 1]
                    for total in group["total_in"]:
                        if amount not in total.get("amounts", {}) or total["mart"] not in grains:
                            continue
                        values = row_values.get(members[0][0], {})
                        where = total.get("where", {})
                        owner_key = "|".join(
                            str(where[c]) if c in where else values.get(c, "")
                            for c in grains[total["mart"]]
                        )
                        cells = [((mart, key, amount), 0) for key, _, _ in members]
                        owner = (total["mart"], owner_key, total["amounts"][amount])
                        add((mart, f"{groep}:{amount}:{total['mart']}"), [*cells, (owner, 1)])
                elif flags == {0, 1}:
                    cells = [((mart, key, amount), t) for key, _, t in members]
                    add((mart, f"{groep}:{amount}"), cells)
        for entry in decl.get("inherit", []):
            mapping = entry.get("amounts") or {}
            if not mapping:
                continue
            pairs = con.execute(
                f"select distinct sleutel, bron_sleutel from {AUDIT_SCHEMA}.{mart}__vast "
                "where bron_mart = ? order by 1, 2",
                [entry["from"]],
            ).fetchall()
            for own, owner_col in mapping.items():
                for key, owner_key in pairs:
                    add(
                        (mart, f"{entry['from']}:{key}:{own}"),
                        [((mart, key, own), 0), ((entry["from"], owner_key, owner_col), 1)],
                    )
    # the published values of every amount the equations name
    needed: dict[str, set[str]] = defaultdict(set)
    for members in relations.values():
        for (mart, _, col), _ in members:
            needed[mart].add(col)
    values: dict[Cell, float | None] = {}
    for mart, cols in needed.items():
        if mart not in grains:
            continue
        flagged = _flagged_columns(con, mart)
        names = sorted(c for c in cols if c in flagged)
        if not names:
            continue
        select = ", ".join(f"cast({c} as double), {c}_is_onderdrukt" for c in names)
        for row in con.execute(
            f"select {_key_sql(grains[mart])}, {select} from {MART_SCHEMA}.{mart}"
        ).fetchall():
            for i, col in enumerate(names):
                value, hidden = row[1 + 2 * i], row[2 + 2 * i]
                values[(mart, row[0], col)] = None if hidden else float(value or 0.0)
    groups: dict[tuple[str, str], list[tuple[Cell, int, float | None]]] = {}
    for gid, members in relations.items():
        if all(cell in values for cell, _ in members):  # a total the other mart has no row for
            groups[gid] = [(cell, t, values[cell]) for cell, t in members]
    guards: dict[Cell, Cell] = {}
    for members in groups.values():
        for cell, _, _ in members:
            guard = _guard(declarations, cell)
            if guard is not None:
                guards[cell] = guard
    return groups, guards


def _guard(declarations: dict[str, dict], cell: Cell) -> Cell | None:
    """The count an amount cell is suppressed with: the first count of its derived declaration
    that the mart declares (published or internal), in the same row."""
    mart, key, col = cell
    decl = declarations.get(mart) or {}
    declared = list(decl.get("counts", [])) + list(decl.get("internal_counts", []))
    for item in decl.get("derived", []):
        if item["column"] == col:
            for count in item["counts"]:
                if count in declared:
                    return (mart, key, count)
    return None


def _equations(
    instances: Iterable[list[tuple[Cell, int, float | None]]],
    canonical: Callable[[Cell], Cell] = lambda cell: cell,
) -> tuple[dict[Cell, int], list[int], list[int], list[float], list[float]]:
    """One equation per group instance (its cells minus its total is 0), as a sparse system over
    the suppressed cells (None; a mirrored cell counts as its owner's, `canonical`): the index of
    the unknowns, the rows, columns and coefficients of the matrix, and the constants (minus the
    published values). An instance without unknowns gives no equation."""
    index: dict[Cell, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    coefs: list[float] = []
    constants: list[float] = []
    for members in instances:
        const = 0.0
        entries: dict[int, float] = defaultdict(float)
        for cell, is_total, value in members:
            sign = -1.0 if is_total else 1.0
            if value is None:
                entries[index.setdefault(canonical(cell), len(index))] += sign
            else:
                const -= sign * value
        entries = {k: v for k, v in entries.items() if v != 0}
        if not entries:
            continue
        for var, coef in entries.items():
            rows.append(len(constants))
            cols.append(var)
            coefs.append(coef)
        constants.append(const)
    return index, rows, cols, coefs, constants


def _components(
    rows: list[int], cols: list[int], coefs: list[float], constants: list[float], cells: list[Cell]
) -> Iterator[tuple[np.ndarray, np.ndarray, list[Cell]]]:
    """The connected sets of a sparse system (_equations): unknowns linked through equations,
    the components of the bipartite graph of equations and unknowns; each as a dense system in
    canonical order (_canonical_system). The entries, equations and unknowns are sorted by set
    once, so a set costs its own size, not a pass over the whole system."""
    n_eq, n_var = len(constants), len(cells)
    if not n_var:
        return
    r = np.asarray(rows, dtype=np.int64)
    c = np.asarray(cols, dtype=np.int64)
    v = np.asarray(coefs, dtype=float)
    incidence = coo_matrix((np.ones(len(r)), (r, c + n_eq)), shape=(n_eq + n_var, n_eq + n_var))
    _, labels = connected_components(incidence, directed=False)
    var_label, eq_label = labels[n_eq:], labels[:n_eq]
    b_all = np.asarray(constants, dtype=float)

    def by_label(label_of: np.ndarray) -> Callable[[int], np.ndarray]:
        order = np.argsort(label_of, kind="stable")  # stable: ascending positions per set
        ordered = label_of[order]
        return lambda label: order[
            np.searchsorted(ordered, label, "left") : np.searchsorted(ordered, label, "right")
        ]

    unknowns_of, equations_of = by_label(var_label), by_label(eq_label)
    entries_of = by_label(var_label[c])
    for label in np.unique(var_label):
        at = entries_of(label)
        entries = (r[at], c[at], v[at])
        yield _canonical_system(entries, b_all, equations_of(label), unknowns_of(label), cells)


def _canonical_system(
    entries: tuple[np.ndarray, np.ndarray, np.ndarray],
    b_all: np.ndarray,
    eqs: np.ndarray,
    vars_: np.ndarray,
    cells: list[Cell],
) -> tuple[np.ndarray, np.ndarray, list[Cell]]:
    """One connected set of equations (its entries: rows, columns, coefficients; its equations
    and unknowns, ascending) in a canonical order (unknowns by cell, equations by content): the
    same set gives the same matrix whatever order SQL returned the groups in, so its digest finds
    it in the cache."""
    perm = np.argsort(np.array([repr(cells[x]) for x in vars_]), kind="stable")
    column = np.empty(len(vars_), dtype=np.int64)
    column[perm] = np.arange(len(vars_))
    rows, cols, coefs = entries
    a = np.zeros((len(eqs), len(vars_)))
    # _equations gives each unknown once per equation: no entry to add up
    a[np.searchsorted(eqs, rows), column[np.searchsorted(vars_, cols)]] = coefs
    b = b_all[eqs]
    order = np.lexsort(np.column_stack([a, b]).T[::-1])
    return a[order], b[order], [cells[x] for x in vars_[perm]]


def audit_amounts(
    groups: dict[tuple[str, str], list[tuple[Cell, int, float | None]]],
    cache: SolveCache | None = None,
) -> tuple[list[Finding], int, int]:
    """The suppressed amounts the equations fix (findings), the number of suppressed amounts and
    of equations. No bounds: amounts can be negative. Published amounts are rounded to cents, so
    the equations hold to a cent per term and a recovered value is as exact as that."""
    index, rows, cols, coefs, constants = _equations(groups.values())
    n_eq, n_var = len(constants), len(index)
    findings: list[Finding] = []
    if not n_var:
        return findings, 0, n_eq
    cells: list[Cell] = [("", "", "")] * n_var
    for cell, i in index.items():
        cells[i] = cell
    for a, b, members in _components(rows, cols, coefs, constants, cells):
        if cache is None:
            findings += _solve_amounts(a, b, members)
            continue
        digest = b"amounts" + _digest(a, b, members, 0)
        if digest not in cache:
            cache[digest] = _solve_amounts(a, b, members)
        findings += cache[digest]
    return findings, n_var, n_eq


def _solve_amounts(a: np.ndarray, b: np.ndarray, cells: list[Cell]) -> list[Finding]:
    """The amounts of one connected set of equations that the equations fix (no component in
    their null space), with their least-squares value."""
    _, sing, vt = np.linalg.svd(a, full_matrices=a.shape[0] < a.shape[1])
    rank = int((sing > 1e-9 * max(1.0, float(sing.max(initial=0.0)))).sum())
    null = vt[rank:]
    fixed = np.abs(null).max(axis=0) < TOLERANCE if len(null) else np.ones(len(cells), bool)
    if not fixed.any():
        return []
    solution, *_ = np.linalg.lstsq(a, b, rcond=None)
    return [
        Finding(*cells[k], round(float(solution[k]), 2), "amounts: linear system")
        for k in np.flatnonzero(fixed)
    ]


def _canonical(cell: Cell, locked: dict[Cell, Cell]) -> Cell:
    """The cell a mirrored cell stands for (its owner's), or the cell itself."""
    seen = 0
    while cell in locked and seen < 20:
        cell, seen = locked[cell], seen + 1
    return cell


def audit_groups(
    groups: dict[tuple[str, int], list[tuple[Cell, int, float | None]]],
    locked: dict[Cell, Cell],
    threshold: int = 5,
    cache: SolveCache | None = None,
) -> AuditResult:
    """The audit of group instances already read (run_audit): their members, each a cell, total
    or not, and its published value (None when suppressed)."""

    def canonical(cell: Cell) -> Cell:
        return _canonical(cell, locked)

    # only a total with its cells makes an equation (not a quarter whose months are not published)
    index, rows, cols, coefs, constants = _equations(
        (m for m in groups.values() if sum(1 for _, t, _ in m if t) == 1 and len(m) >= 2),
        canonical,
    )
    n_eq, n_var = len(constants), len(index)
    cells = [None] * n_var
    for cell, i in index.items():
        cells[i] = cell
    components = list(_components(rows, cols, coefs, constants, cells))
    largest = max((len(members) for _, _, members in components), default=0)
    # each set once per digest (a repair round changes few; two sets can be alike), the sets not
    # solved before on SOLVE_THREADS threads; the findings in the order of the sets
    solved: SolveCache = {} if cache is None else cache
    digests = [_digest(a, b, members, threshold) for a, b, members in components]
    todo = {d: c for d, c in zip(digests, components, strict=True) if d not in solved}
    with ThreadPoolExecutor(SOLVE_THREADS, thread_name_prefix="sdw-audit") as pool:
        for digest, found in zip(
            todo, pool.map(lambda c: _solve(*c, threshold), todo.values()), strict=True
        ):
            solved[digest] = found
    findings = [finding for digest in digests for finding in solved[digest]]
    return AuditResult(findings, n_var, n_eq, largest, groups, locked)


def forced_zero(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Variables that are 0 in every solution of a x = b, x >= 0 (boolean mask). Repeatedly
    maximise the sum of min(x_i, 1) over the variables not yet seen positive: those that come out
    positive can be; when the optimum is 0, the rest cannot."""
    n = a.shape[1]
    zero = np.ones(n, dtype=bool)
    while zero.any():
        idx = np.flatnonzero(zero)
        k = len(idx)
        # variables [x (n), t (k)]: max sum t  s.t.  a x = b,  t_j - x_idx[j] <= 0,  0 <= t <= 1
        a_eq = np.hstack([a, np.zeros((a.shape[0], k))])
        a_ub = np.zeros((k, n + k))
        a_ub[np.arange(k), idx] = -1.0
        a_ub[np.arange(k), n + np.arange(k)] = 1.0
        c = np.concatenate([np.zeros(n), -np.ones(k)])
        bounds = [(0, None)] * n + [(0, 1)] * k
        res = linprog(
            c, A_ub=a_ub, b_ub=np.zeros(k), A_eq=a_eq, b_eq=b, bounds=bounds, method="highs"
        )
        if res.status != 0 or -res.fun < TOLERANCE:
            break
        positive = res.x[:n] > TOLERANCE
        if not (positive & zero).any():
            break
        zero &= ~positive
    return zero


def _fixed_values(system: np.ndarray, rhs: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """A solution and, per unknown, whether the system fixes it (no component in the null space);
    None when the published figures do not satisfy the relations exactly."""
    # one SVD gives both: the least-squares solution of least norm (the pseudo-inverse) and the
    # null space. vt is square (every right singular vector) without computing a square u when
    # the system has more equations than unknowns.
    u, sing, vt = np.linalg.svd(system, full_matrices=system.shape[0] < system.shape[1])
    rank = int((sing > 1e-9 * max(1.0, float(sing.max(initial=0.0)))).sum())
    solution = vt[:rank].T @ ((u[:, :rank].T @ rhs) / sing[:rank])
    if np.abs(system @ solution - rhs).max(initial=0.0) > 1e-6:
        return None
    null = vt[rank:]
    if not len(null):
        return solution, np.ones(system.shape[1], dtype=bool)
    return solution, np.abs(null).max(axis=0) < TOLERANCE


def _solve_one_sum(
    a: np.ndarray, b: np.ndarray, cells: list[Cell], threshold: int
) -> list[Finding] | None:
    """_solve of a set that is one equation whose unknowns all have coefficients of one sign (a
    group with its suppressed cells, nothing else): no solver needed, and two thirds of the sets
    of a build are such. Two or more unknowns: the equation fixes none (the null space of one row
    without zeros touches every unknown) and x >= 0 forces none to 0 unless the remainder is 0,
    which fixes them at 0, no count to recover; one unknown: fixed at b / a. None for any other
    set (pytests/test_privacy_audit_plan.py checks both paths agree)."""
    if a.shape[0] != 1 or not ((a[0] > 0).all() or (a[0] < 0).all()):
        return None
    row = a[0]
    if len(cells) > 1:
        return []
    value = float(b[0] / row[0])
    return (
        [Finding(*cells[0], round(value, 6), "linear system")]
        if 0.5 <= value < threshold - 0.5
        else []
    )


def _solve(a: np.ndarray, b: np.ndarray, cells: list[Cell], threshold: int) -> list[Finding]:
    """Recovered cells of one connected set of equations: fixed by the equations, or by the
    equations together with the cells that x >= 0 forces to 0 (then the least and the greatest
    value under x >= 0 coincide)."""
    quick = _solve_one_sum(a, b, cells, threshold)
    if quick is not None:
        return quick
    return _solve_general(a, b, cells, threshold)


def _solve_general(
    a: np.ndarray, b: np.ndarray, cells: list[Cell], threshold: int
) -> list[Finding]:
    """_solve by linear algebra and linear programming, for any set."""
    systems = [(a, b, "linear system")]
    zero = forced_zero(a, b) if len(cells) <= LP_MAX_UNKNOWNS else np.zeros(len(cells), bool)
    if zero.any():
        unit = np.zeros((int(zero.sum()), len(cells)))
        unit[np.arange(int(zero.sum())), np.flatnonzero(zero)] = 1.0
        systems.append(
            (
                np.vstack([a, unit]),
                np.concatenate([b, np.zeros(int(zero.sum()))]),
                "bounds (x >= 0)",
            )
        )
    out: dict[Cell, Finding] = {}
    for system, rhs, how in systems:
        fixed_values = _fixed_values(system, rhs)
        if fixed_values is None:
            break
        solution, fixed = fixed_values
        for k in np.flatnonzero(fixed):
            value = float(solution[k])
            if 0.5 <= value < threshold - 0.5 and cells[k] not in out:
                out[cells[k]] = Finding(*cells[k], round(value, 6), how)
    return list(out.values())


def repairs(result: AuditResult) -> set[Cell]:
    """One more cell to suppress per finding: in the finding's group with the fewest unknowns,
    the smallest non-zero member still shown (a cell before the total; a zero cell only when
    nothing else is shown); for an amount, the count that member is suppressed with
    (_amount_repair); a cell that mirrors another mart's figure is suppressed at its owner."""
    by_cell: dict[Cell, list[tuple[str, int]]] = defaultdict(list)
    for gid, members in result.groups.items():
        for cell, _, _ in members:
            by_cell[cell].append(gid)

    def resolve(cell: Cell) -> Cell:
        seen = 0
        while cell in result.locked and seen < 20:
            cell, seen = result.locked[cell], seen + 1
        return cell

    amount_cells: dict[Cell, list[tuple[str, str]]] = defaultdict(list)
    for gid, members in result.amount_groups.items():
        for cell, _, _ in members:
            amount_cells[cell].append(gid)

    out: set[Cell] = set()
    for finding in result.findings:
        cell = (finding.mart, finding.key, finding.column)
        if cell in amount_cells:
            fix = _amount_repair(result, cell, amount_cells)
            if fix is not None:
                out.add(resolve(fix))
            continue
        candidates = []
        for gid in by_cell.get(cell, []):
            members = result.groups[gid]
            unknown = sum(1 for _, _, v in members if v is None)
            shown = [(m, t, v) for m, t, v in members if v is not None]
            if not shown:
                continue
            # a zero cell protects nothing where its other groups show 0 in total: non-zero first
            shown.sort(key=lambda x: (x[2] == 0, x[1], x[2], x[0]))
            candidates.append((unknown, shown[0]))
        if candidates:
            # ties broken on the cell itself, so every build of the same data repairs the same
            # cells (the groups come from SQL in no fixed order)
            candidates.sort(key=lambda x: (x[0], x[1][2], x[1][0]))
            out.add(resolve(candidates[0][1][0]))
    return out


def _amount_repair(
    result: AuditResult, cell: Cell, by_cell: dict[Cell, list[tuple[str, str]]]
) -> Cell | None:
    """The count to suppress for a recovered amount: that of the smallest non-zero amount still
    shown (a cell before a total) in the amount's equation with the fewest unknowns; when its own
    equations show nothing more, those of the amounts suppressed with it (the equations that,
    combined, gave it away)."""
    seen_cells, seen_groups = {cell}, set()
    frontier = [cell]
    while frontier:
        candidates = []
        for unknown in frontier:
            for gid in by_cell.get(unknown, []):
                if gid in seen_groups:
                    continue
                seen_groups.add(gid)
                members = result.amount_groups[gid]
                hidden = sum(1 for _, _, v in members if v is None)
                shown = [
                    (m, t, v) for m, t, v in members if v is not None and m in result.amount_guards
                ]
                shown.sort(key=lambda x: (x[2] == 0, x[1], abs(x[2] or 0.0), x[0]))
                if shown:
                    candidates.append((hidden, abs(shown[0][2] or 0.0), shown[0][0]))
        if candidates:
            candidates.sort()
            return result.amount_guards[candidates[0][2]]
        frontier = [
            m
            for gid in seen_groups
            for m, _, v in result.amount_groups[gid]
            if v is None and m not in seen_cells
        ]
        seen_cells |= set(frontier)
    return None


def plan_repairs(
    result: AuditResult, threshold: int, cache: SolveCache | None = None, rounds: int = 5
) -> set[Cell]:
    """The repairs of a round: repairs(result), then, while the groups the audit read, with
    those cells hidden, still give a cell away, one more repair per finding (at most `rounds`
    times). A rebuild then seldom needs a second round. The audit after the rebuild stays the
    judge: it also sees the groups in which a repaired cell was the only one suppressed, and the
    secondary suppression the rebuild adds."""
    fixes = repairs(result)
    groups_of: dict[Cell, list[tuple[str, int]]] = defaultdict(list)
    for gid, members in result.groups.items():
        for cell, _, _ in members:
            groups_of[_canonical(cell, result.locked)].append(gid)
    for _ in range(rounds):
        hidden = {
            gid: [
                (cell, is_total, None if _canonical(cell, result.locked) in fixes else value)
                for cell, is_total, value in result.groups[gid]
            ]
            for gid in _linked_groups(result, groups_of, fixes)
        }
        more = repairs(audit_groups(hidden, result.locked, threshold, cache)) - fixes
        if not more:
            break
        fixes |= more
    return fixes


def _linked_groups(
    result: AuditResult, groups_of: dict[Cell, list[tuple[str, int]]], fixes: set[Cell]
) -> list[tuple[str, int]]:
    """The groups linked to the repaired cells through unknowns (suppressed or repaired cells), in
    the audit's order: the connected sets a round of plan_repairs changed. Only those need solving
    again. Every other set is as the audit found it: a set with a finding holds that finding's
    repair (a member of the finding's group), so a set without a repair had no finding, or one
    that no shown cell can repair, the same in every round."""
    seen, todo, linked = set(fixes), list(fixes), set()
    while todo:
        for gid in groups_of.get(todo.pop(), ()):
            if gid in linked:
                continue
            linked.add(gid)
            for cell, _, value in result.groups[gid]:
                unknown = _canonical(cell, result.locked)
                if (value is None or unknown in fixes) and unknown not in seen:
                    seen.add(unknown)
                    todo.append(unknown)
    return [gid for gid in result.groups if gid in linked]


def record_repairs(con: duckdb.DuckDBPyConnection, cells: set[Cell], reason: str) -> None:
    con.execute(
        f"create table if not exists {EXTRA_TABLE} "
        "(mart varchar, sleutel varchar, kolom varchar, reden varchar)"
    )
    con.executemany(
        f"insert into {EXTRA_TABLE} values (?, ?, ?, ?)",
        [(m, k, c, reason) for m, k, c in sorted(cells)],
    )


def clear_repairs(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"drop table if exists {EXTRA_TABLE}")


def grains_from_manifest(manifest: dict) -> MartGrains:
    """The grain of every published mart with a suppression declaration, from dbt's manifest,
    with the declarations beside them (MartGrains.declarations)."""
    out = MartGrains()
    for node in manifest.get("nodes", {}).values():
        if node.get("resource_type") != "model" or node.get("schema") != MART_SCHEMA:
            continue
        decl = ((node.get("config") or {}).get("meta") or {}).get("suppression")
        if decl:
            out[node["name"]] = list(decl["grain"])
            out.declarations[node["name"]] = decl
    return out
