"""The repairs a privacy-audit round plans: one cell per finding, and more while the groups the
audit read, with those cells hidden, still give the cell away (plan_repairs)."""

from __future__ import annotations

from ingest.privacy_audit import audit_groups, plan_repairs, repairs

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
