"""The macro latest_in_group: per group, the values of the row that comes first in its order.

Run with dbt against an empty warehouse file. Its three forms give the same rows: DuckDB's packed
key (key_bits: one fixed-width number, a state DuckDB can spill; int_gebruik_wijk_telling), DuckDB's
row value (no key_bits), and the portable row_number form. A value that does not fit its bits is an
error, never a silently wrong order.
"""

from __future__ import annotations

from pathlib import Path

from conftest import dbt_show

# g1: d ties at 10, the higher b wins ('b'); the row with d null loses whatever its b.
# g2: d null in both rows, b decides; a null b is smaller than any value ('x').
# g3: the first expression decides before the second: d 3 beats d 2 with b 254 ('p').
# g4: one row.
ROWS = """
with t as (
    select * from (values
        ('g1', 10, 2, 'a'), ('g1', 10, 5, 'b'), ('g1', null, 9, 'c'),
        ('g2', null, 1, 'x'), ('g2', null, null, 'y'),
        ('g3', 3, 0, 'p'), ('g3', 2, 254, 'q'),
        ('g4', 0, 0, 'z')
    ) as v (g, d, b, w)
)
"""
EXPECTED = {"g1": "b", "g2": "x", "g3": "p", "g4": "z"}


def test_the_three_forms_pick_the_same_rows(tmp_path: Path) -> None:
    forms = {
        "packed": "{{ latest_in_group('t', ['g'], ['d', 'b'], ['w as w'], key_bits=[8, 8]) }}",
        "row_value": "{{ latest_in_group('t', ['g'], ['d', 'b'], ['w as w']) }}",
        "portable": "{{ default__latest_in_group('t', ['g'], ['d', 'b'], ['w as w'], '1 = 1') }}",
    }
    query = ROWS + " union all ".join(
        f"select '{form}' as form, g, w from ({sql}) as {form}" for form, sql in forms.items()
    )
    returncode, output, rows = dbt_show(tmp_path, query)
    assert returncode == 0, output
    for form in forms:
        assert {row["g"]: row["w"] for row in rows if row["form"] == form} == EXPECTED, form


def test_a_value_beyond_its_bits_is_an_error(tmp_path: Path) -> None:
    # 254 = 2^8 - 2 fits in 8 bits (g3 above); 255 does not
    query = ROWS.replace("254", "255") + (
        "{{ latest_in_group('t', ['g'], ['d', 'b'], ['w as w'], key_bits=[8, 8]) }}"
    )
    returncode, output, _ = dbt_show(tmp_path, query)
    assert returncode != 0
    assert "latest_in_group: 255 does not fit in 8 bits" in output


def test_key_bits_need_one_width_per_expression(tmp_path: Path) -> None:
    query = ROWS + "{{ latest_in_group('t', ['g'], ['d', 'b'], ['w as w'], key_bits=[8]) }}"
    returncode, output, _ = dbt_show(tmp_path, query)
    assert returncode != 0
    assert "key_bits needs one width per order_by expression" in output
