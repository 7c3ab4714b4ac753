{#-
    Statistics for a table just built (post-hook of every table model, dbt_project.yml).
    PostgreSQL plans from statistics that autovacuum gathers some time after a table is written;
    a model that reads a table built a moment before would be planned blind: dim_kennisdatum (one
    row) was estimated at 1,660 rows, so int_gebruik_hulp_huishouden_uren planned 66 million
    months and ran for minutes at 260,000 inhabitants. DuckDB keeps its statistics as it writes,
    and gets nothing here.
-#}
{% macro analyze_after_build() -%}
    {{ return(adapter.dispatch('analyze_after_build', 'sociaal_domein_warehouse')()) }}
{%- endmacro %}

{% macro default__analyze_after_build() -%}{%- endmacro %}

{% macro postgres__analyze_after_build() -%}
    {%- if model.config.materialized != 'ephemeral' -%}analyze {{ this }}{%- endif -%}
{%- endmacro %}
