{#-
    Completed years between two dates (as an age): the number of whole years from van_datum up to
    and including tot_datum. A birthday (or anniversary) on tot_datum itself counts as reached.
    Used for the age of a client on the peildatum and the length of an unbroken uitkering spell.
    Portable: dbt.datediff counts year boundaries, one is taken off when the anniversary in the
    year of tot_datum falls after tot_datum. An anniversary on 29 February falls on 28 February in
    a non-leap year (dbt.dateadd's year arithmetic clamps to the month end). The year count goes
    into dbt.dateadd in parentheses: Spark's dateadd multiplies it by 12 as written.
-#}
{% macro participatie_volle_jaren(van_datum, tot_datum) -%}
    (
        {{ dbt.datediff(van_datum, tot_datum, 'year') }}
        - case
            when {{ dbt.dateadd('year', '(' ~ dbt.datediff(van_datum, tot_datum, 'year') ~ ')', van_datum) }}
                > {{ tot_datum }}
                then 1
            else 0
        end
    )
{%- endmacro %}
