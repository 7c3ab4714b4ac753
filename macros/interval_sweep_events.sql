{#-
    CTEs for a sweep line over date ranges (the last one named `name`, the others `name`__*): per
    group (key_columns), +1 on the first day and -1 on the day after the last day of the days each
    row adds to its group of part_by columns. The rows of a group and part (a productcode, a wet)
    are taken in start order, and each keeps only the days no earlier row of the part covers (the
    latest end before it): the parts left do not overlap, so the running sum of `verschil` over a
    group's days, in date order, is the number of parts active on each day.

    name          the CTE with the events: key_columns, datum, verschil
    relation      a CTE or relation with key_columns, part_by, start_col, eind_col, order_by
    key_columns   the group of the sweep (e.g. gemeente_code, wet_code, client_id)
    part_by       columns that make a part within the group (e.g. productcode; [] = none beyond
                  the keys)
    order_by      tie-breakers after start and end for rows of a part that start the same day
    eind_col null = open-ended; rows with a null start_col are left out.

    The cost is a sort per group, linear in the rows: no row is compared with a day or a month.
-#}
{% macro interval_sweep_events(
    name, relation, key_columns, part_by=[], order_by=[], start_col='ingangsdatum', eind_col='einddatum'
) -%}
{%- set open_einde = "cast('9999-12-31' as date)" -%}
{%- set keys = key_columns | join(', ') -%}
{{ name }}__einden as (

    select
        {{ keys }},
        {{ start_col }} as sdw_start,
        {{ eind_col }} as sdw_eind,
        max(coalesce({{ eind_col }}, {{ open_einde }})) over (
            partition by {{ (key_columns + part_by) | join(', ') }}
            order by {{ ([start_col, eind_col] + order_by) | join(', ') }}
            rows between unbounded preceding and 1 preceding
        ) as sdw_eerder_einde
    from {{ relation }}
    where {{ start_col }} is not null

),

{{ name }}__delen as (

    select
        {{ keys }},
        sdw_eind as deel_eind,
        case
            when sdw_eerder_einde is null then sdw_start
            when sdw_eerder_einde = {{ open_einde }} then null
            else greatest(sdw_start, cast({{ dbt.dateadd('day', 1, 'sdw_eerder_einde') }} as date))
        end as deel_start
    from {{ name }}__einden

),

{{ name }} as (

    select
        {{ keys }},
        deel_start as datum,
        1 as verschil
    from {{ name }}__delen
    where deel_start is not null and (deel_eind is null or deel_eind >= deel_start)

    union all

    select
        {{ keys }},
        cast({{ dbt.dateadd('day', 1, 'deel_eind') }} as date) as datum,
        -1 as verschil
    from {{ name }}__delen
    where deel_start is not null and deel_eind >= deel_start

)
{%- endmacro %}
