"""The macro expand_to_periods: every row once per period its range overlaps, exactly the
condition of is_active_in_period (start <= periode_eind and (eind null or eind >= periode_start)).

Run with dbt against an empty warehouse file. The rows are repeated per period number (macro
series_values) and joined to the periods on that number; the cases below are where that could
differ from the date condition: a range that ends before it starts, one before the window, an
open end, a null start, and a reporting window that cuts its last quarter short.
"""

from __future__ import annotations

from pathlib import Path

from conftest import dbt_show

# Periods: the months January-March 2024, the first quarter, and the second quarter cut off at
# 15 May (a window that ends inside a quarter).
# Rows (id, start, eind), with the periods they overlap, worked out by hand:
#   a 15 Jan - 10 Feb        Jan, Feb; Q1
#   b 20 Feb - open          Feb, Mar; Q1, Q2 (cut off)
#   c 10 Mar - 1 Mar         Mar (10 Mar <= 31 Mar and 1 Mar >= 1 Mar); Q1
#   d 10 Apr - 20 Mar        nothing: no month or quarter has start <= its end and eind >= its start
#   e Nov - Dec 2023         nothing: before the window
#   f null start             nothing
#   g 1 May - 30 Jun         no month (the months end in March); Q2, cut off at 15 May
#   h 15 Dec 2023 - 5 Jan    Jan; Q1
QUERY = """
with

periods as (
    select * from (values
        ('maand', date '2024-01-01', date '2024-01-31'),
        ('maand', date '2024-02-01', date '2024-02-29'),
        ('maand', date '2024-03-01', date '2024-03-31'),
        ('kwartaal', date '2024-01-01', date '2024-03-31'),
        ('kwartaal', date '2024-04-01', date '2024-05-15')
    ) as p (periode_type, periode_start, periode_eind)
),

t as (
    select * from (values
        ('a', date '2024-01-15', date '2024-02-10'),
        ('b', date '2024-02-20', null),
        ('c', date '2024-03-10', date '2024-03-01'),
        ('d', date '2024-04-10', date '2024-03-20'),
        ('e', date '2023-11-01', date '2023-12-31'),
        ('f', null, date '2024-02-01'),
        ('g', date '2024-05-01', date '2024-06-30'),
        ('h', date '2023-12-15', date '2024-01-05')
    ) as v (id, start_d, eind_d)
),

{{ expand_to_periods(
    'x', 't', 'start_d', 'eind_d', 'periods',
    ['periode_type', 'periode_start', 'sdw_periode_nummer as nummer']
) }}

select id, periode_type, cast(periode_start as varchar) as periode_start, nummer, 'macro' as bron
from x

union all

select t.id, p.periode_type, cast(p.periode_start as varchar), null, 'conditie'
from t
inner join periods as p
    on {{ is_active_in_period('t.start_d', 't.eind_d', 'p.periode_start', 'p.periode_eind') }}
"""

# (id, type, start, number): months year * 12 + month, quarters year * 4 + quarter
EXPECTED = {
    ("a", "maand", "2024-01-01", 2024 * 12 + 1),
    ("a", "maand", "2024-02-01", 2024 * 12 + 2),
    ("a", "kwartaal", "2024-01-01", 2024 * 4 + 1),
    ("b", "maand", "2024-02-01", 2024 * 12 + 2),
    ("b", "maand", "2024-03-01", 2024 * 12 + 3),
    ("b", "kwartaal", "2024-01-01", 2024 * 4 + 1),
    ("b", "kwartaal", "2024-04-01", 2024 * 4 + 2),
    ("c", "maand", "2024-03-01", 2024 * 12 + 3),
    ("c", "kwartaal", "2024-01-01", 2024 * 4 + 1),
    ("g", "kwartaal", "2024-04-01", 2024 * 4 + 2),
    ("h", "maand", "2024-01-01", 2024 * 12 + 1),
    ("h", "kwartaal", "2024-01-01", 2024 * 4 + 1),
}


def test_rows_get_exactly_the_periods_they_overlap(tmp_path: Path) -> None:
    returncode, output, rows = dbt_show(tmp_path, QUERY)
    assert returncode == 0, output
    macro = [
        (row["id"], row["periode_type"], row["periode_start"], row["nummer"])
        for row in rows
        if row["bron"] == "macro"
    ]
    condition = {
        (row["id"], row["periode_type"], row["periode_start"])
        for row in rows
        if row["bron"] == "conditie"
    }
    # each row once per period, no more (a set would hide a duplicate)
    assert len(macro) == len(EXPECTED)
    assert set(macro) == EXPECTED
    # and the same as the date condition the macro replaces
    assert condition == {expected[:3] for expected in EXPECTED}
