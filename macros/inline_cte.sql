{#-
    The keyword that asks the engine to inline a CTE rather than materialise it; for import CTEs
    (select * from a model or source) that a model reads more than once. Usage:

        voorzieningen as {{ inline_cte() }} (
            select * from {{ ref('fct_voorziening') }}
        ),

    DuckDB materialises a CTE that is referenced more than once. For an import CTE that copies the
    whole table into memory before the query starts: at 1M inhabitants gigabytes, and the spill to
    disk that follows (int_gebruik_telling: 15 s and 5.3 GB materialised, 5 s and 2 GB inlined).
    Reading the table itself twice costs nothing extra. PostgreSQL (12+) has the same keyword;
    other engines inline on their own or lack the syntax, and get nothing.
-#}
{% macro inline_cte() -%}
    {{ return(adapter.dispatch('inline_cte', 'sociaal_domein_warehouse')()) }}
{%- endmacro %}

{% macro default__inline_cte() -%}{%- endmacro %}

{% macro duckdb__inline_cte() -%}not materialized{%- endmacro %}

{% macro postgres__inline_cte() -%}not materialized{%- endmacro %}
