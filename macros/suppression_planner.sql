{#-
    Planner setting for the published marts, hidden behind adapter dispatch (DuckDB only; other
    engines get no statement). suppress_cells chains many window CTEs (row groups over category and
    time, column groups, several passes); on such a deep chain DuckDB's filter_pushdown optimizer
    takes time exponential in the depth (mart_gebruik: over ten minutes to plan instead of about a
    second) while the result is the same without it. dbt_project.yml switches it off in a
    pre-hook of every mart and back on in a post-hook.
-#}
{% macro suppression_planner(before_model) -%}
    {{ return(adapter.dispatch('suppression_planner')(before_model)) }}
{%- endmacro %}

{% macro default__suppression_planner(before_model) -%}
{%- endmacro %}

{% macro duckdb__suppression_planner(before_model) -%}
    {%- if before_model -%}
        set disabled_optimizers = 'filter_pushdown'
    {%- else -%}
        set disabled_optimizers = ''
    {%- endif -%}
{%- endmacro %}
