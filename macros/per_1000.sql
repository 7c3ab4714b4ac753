{#- A count per 1,000 of a population, rounded half up to 4 decimals (kpi-definitions.md, "Per
    1,000 inhabitants"): 37 of 26,000 -> 1.4231. Exact: in integers, round(x) = floor(x + 1/2),
    so q = (2 * count * 10,000,000 + population) div (2 * population) is count * 1,000 /
    population in units of 0.0001 (a division of decimals gives a double in DuckDB, which can round
    a half the wrong way). NULL when the count is NULL (suppressed) or the population 0 or NULL. -#}
{% macro per_1000(count, population) -%}
    cast(
        cast(
            {{ integer_divide(count ~ ' * 20000000 + ' ~ population, '2 * nullif(' ~ population ~ ', 0)') }}
            as decimal(18, 0)
        ) * 0.0001 as decimal(18, 4)
    )
{%- endmacro %}
