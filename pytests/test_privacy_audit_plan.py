"""The repairs a privacy-audit round plans: one cell per finding, and more while the groups the
audit read, with those cells hidden, still give the cell away (plan_repairs); and the amounts the
audit solves, across marts, and repairs through the counts they are suppressed with."""

from __future__ import annotations

import itertools

import numpy as np

from ingest.privacy_audit import (
    AuditResult,
    _linked_groups,
    _solve_general,
    _solve_one_sum,
    audit_amounts,
    audit_groups,
    plan_repairs,
    repairs,
)

# x (suppressed) is 2 in two groups: x + y = 10 with y = 8 shown, and x + z = 9 with z = 7 shown
GROUPS = {
    ("m", 1): [(("m", "k", "x"), 0, None), (("m", "k", "y"), 0, 8.0), (("m", "k", "t1"), 1, 10.0)],
    ("m", 2): [(("m", "k", "x"), 0, None), (("m", "k", "z"), 0, 7.0), (("m", "k", "t2"), 1, 9.0)],
}


def test_one_repair_per_finding_leaves_the_cell_recoverable() -> None:
    result = audit_groups(GROUPS, {}, threshold=5)
    assert [(f.column, f.value) for f in result.findings] == [("x", 2.0)]
    # the smallest cell shown in a group with the fewest unknowns: z (7)
    assert repairs(result) == {("m", "k", "z")}
    hidden = {
        gid: [(c, t, None if c == ("m", "k", "z") else v) for c, t, v in members]
        for gid, members in GROUPS.items()
    }
    # x + y = 10 still gives x = 2 away
    assert [f.column for f in audit_groups(hidden, {}, threshold=5).findings] == ["x"]


def test_plan_repairs_adds_cells_until_the_read_groups_give_nothing_away() -> None:
    result = audit_groups(GROUPS, {}, threshold=5)
    assert plan_repairs(result, threshold=5) == {("m", "k", "z"), ("m", "k", "y")}


def test_a_plan_round_solves_again_only_the_sets_its_repairs_touch() -> None:
    # beside GROUPS, a set of its own (u, w suppressed; nothing recoverable) and a group that
    # shares a shown cell with GROUPS (y = 8): a shown cell links nothing, a repaired one does
    groups = {
        **GROUPS,
        ("n", 1): [
            (("n", "k", "u"), 0, None),
            (("n", "k", "w"), 0, None),
            (("n", "k", "t"), 1, 9.0),
        ],
        ("n", 2): [
            (("m", "k", "y"), 0, 8.0),
            (("n", "k", "v"), 0, None),
            (("n", "k", "s"), 1, 20.0),
        ],
    }
    result = audit_groups(groups, {}, threshold=5)
    groups_of: dict = {}
    for gid, members in groups.items():
        for cell, _, _ in members:
            groups_of.setdefault(cell, []).append(gid)
    assert _linked_groups(result, groups_of, {("m", "k", "z")}) == [("m", 1), ("m", 2)]
    # with y repaired too, the group that shows y is linked: y is an unknown there now
    assert _linked_groups(result, groups_of, {("m", "k", "z"), ("m", "k", "y")}) == [
        ("m", 1),
        ("m", 2),
        ("n", 2),
    ]
    assert plan_repairs(result, threshold=5) == {("m", "k", "z"), ("m", "k", "y")}


def test_plan_repairs_of_a_clean_audit_is_empty() -> None:
    clean = {
        ("m", 1): [
            (("m", "k", "x"), 0, None),
            (("m", "k", "y"), 0, None),
            (("m", "k", "t"), 1, 10.0),
        ]
    }
    result = audit_groups(clean, {}, threshold=5)
    assert result.findings == []
    assert plan_repairs(result, threshold=5) == set()


# amounts: 37 and 53 suppressed in the wet's total (each hides the other there), but 37 is the only
# one suppressed in its kostenpost, whose total another mart publishes
PC, BEG = "mart_financien_productcategorie", "mart_financien_begroting"
AMOUNTS = {
    (PC, "wet"): [
        ((PC, "37", "bedrag_realisatie"), 0, None),
        ((PC, "38", "bedrag_realisatie"), 0, 100.0),
        ((PC, "45", "bedrag_realisatie"), 0, 200.0),
        ((PC, "46", "bedrag_realisatie"), 0, 80.0),
        ((PC, "53", "bedrag_realisatie"), 0, None),
        ((PC, "totaal", "bedrag_realisatie"), 1, 730.0),
    ],
    (PC, "met"): [
        ((PC, "37", "bedrag_realisatie"), 0, None),
        ((PC, "38", "bedrag_realisatie"), 0, 100.0),
        ((BEG, "met", "bedrag_realisatie"), 1, 400.0),
    ],
    (PC, "zonder"): [
        ((PC, "45", "bedrag_realisatie"), 0, 200.0),
        ((PC, "46", "bedrag_realisatie"), 0, 80.0),
        ((PC, "53", "bedrag_realisatie"), 0, None),
        ((BEG, "zonder", "bedrag_realisatie"), 1, 330.0),
    ],
}
GUARDS = {
    cell: (cell[0], cell[1], "aantal_clienten_realisatie")
    for members in AMOUNTS.values()
    for cell, _, _ in members
}


def test_the_audit_recovers_amounts_through_a_total_in_another_mart() -> None:
    findings, unknowns, equations = audit_amounts(AMOUNTS)
    assert (unknowns, equations) == (2, 3)
    # amounts can be negative: any value the equations fix is a finding
    assert sorted((f.key, f.value) for f in findings) == [("37", 300.0), ("53", 50.0)]
    assert {f.how for f in findings} == {"amounts: linear system"}


def test_an_amount_is_repaired_by_the_count_it_is_suppressed_with() -> None:
    findings, unknowns, equations = audit_amounts(AMOUNTS)
    result = AuditResult(findings, unknowns, equations, 2, {}, {}, AMOUNTS, GUARDS)
    # per finding, in its equation with the fewest unknowns the smallest cell still shown: 38 in
    # met, 46 in zonder; their declaring clients are suppressed (and with them the amount)
    assert repairs(result) == {
        (PC, "38", "aantal_clienten_realisatie"),
        (PC, "46", "aantal_clienten_realisatie"),
    }
    hidden = {
        gid: [(c, t, None if c[1] in ("38", "46") else v) for c, t, v in members]
        for gid, members in AMOUNTS.items()
    }
    assert audit_amounts(hidden)[0] == []


def test_an_amount_whose_own_equations_show_nothing_is_repaired_where_they_lead() -> None:
    """47 and 49 (jeugdreclassering) are both suppressed and so is their class total; together
    they are their kostenpost minus 48: the class total follows. Its own equation shows nothing
    more, so the repair goes to the equation that gave it away: 48."""
    groups = {
        (PC, "klasse"): [
            ((PC, "47", "bedrag_realisatie"), 0, None),
            ((PC, "49", "bedrag_realisatie"), 0, None),
            (("verblijf", "jeugdreclassering", "bedrag_realisatie"), 1, None),
        ],
        (PC, "kostenpost"): [
            ((PC, "47", "bedrag_realisatie"), 0, None),
            ((PC, "48", "bedrag_realisatie"), 0, 500.0),
            ((PC, "49", "bedrag_realisatie"), 0, None),
            ((BEG, "bescherming", "bedrag_realisatie"), 1, 530.0),
        ],
    }
    guards = {
        cell: (cell[0], cell[1], "aantal") for members in groups.values() for cell, _, _ in members
    }
    findings, unknowns, equations = audit_amounts(groups)
    assert [(f.mart, f.key, f.value) for f in findings] == [("verblijf", "jeugdreclassering", 30.0)]
    result = AuditResult(findings, unknowns, equations, 3, {}, {}, groups, guards)
    assert repairs(result) == {(PC, "48", "aantal")}


def test_one_sum_shortcut_agrees_with_the_solver() -> None:
    """_solve_one_sum (one equation, coefficients of one sign) gives what linear algebra and
    linear programming give, on every such equation of up to four unknowns with small right-hand
    sides, including 0 and negative remainders; and leaves every other set to the solver."""
    checked = 0
    for n in range(1, 5):
        cells = [("m", "k", f"c{i}") for i in range(n)]
        for sign, coefs in itertools.product((1.0, -1.0), itertools.product((1.0, 2.0), repeat=n)):
            a = sign * np.array([coefs])
            for rhs in (-3.0, 0.0, 1.0, 2.0, 3.0, 4.0, 4.5, 7.0, 12.0):
                b = np.array([sign * rhs])
                quick = _solve_one_sum(a, b, cells, 5)
                assert quick is not None
                assert quick == _solve_general(a, b, cells, 5), (a, b)
                checked += 1
    assert checked == 2 * (2 + 4 + 8 + 16) * 9
    # one unknown is fixed: 3 recovered; two equations or mixed signs go to the solver
    one = _solve_one_sum(np.array([[1.0]]), np.array([3.0]), cells[:1], 5)
    assert [(f.column, f.value) for f in one or []] == [("c0", 3.0)]
    assert _solve_one_sum(np.array([[1.0, -1.0]]), np.array([1.0]), cells[:2], 5) is None
    assert _solve_one_sum(np.eye(2), np.array([1.0, 2.0]), cells[:2], 5) is None
    # an unknown in no equation (its coefficients cancelled) is a set without equations
    assert _solve_one_sum(np.zeros((0, 1)), np.zeros(0), cells[:1], 5) is None
    assert _solve_general(np.zeros((0, 1)), np.zeros(0), cells[:1], 5) == []
