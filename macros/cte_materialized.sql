{#-
    The keyword that makes a CTE an optimisation fence, behind adapter dispatch: `materialized`
    on DuckDB and PostgreSQL, nothing elsewhere. suppress_cells chains dozens of window CTEs; when
    DuckDB inlines them all, filter pushdown takes time exponential in the depth (mart_gebruik:
    over ten minutes to plan instead of about a second). Materialised steps keep planning linear.
-#}
{% macro cte_materialized() -%}
    {{ return(adapter.dispatch('cte_materialized')()) }}
{%- endmacro %}

{% macro default__cte_materialized() -%}
{%- endmacro %}

{% macro duckdb__cte_materialized() -%}
    materialized{{ ' ' }}
{%- endmacro %}

{% macro postgres__cte_materialized() -%}
    materialized{{ ' ' }}
{%- endmacro %}
