{#-
    Date parts that dbt has no cross-database macro for. The ISO 8601 week-year and weekday are
    spelled alike by DuckDB and PostgreSQL (default__) and otherwise by Spark (spark__).
-#}

{#- ISO 8601 week number (1..53) of a date. -#}
{% macro iso_week(date_expr) -%}
    cast(extract(week from {{ date_expr }}) as integer)
{%- endmacro %}

{#- ISO 8601 week-numbering year of a date (the year the ISO week belongs to). -#}
{% macro iso_year(date_expr) -%}
    {%- set sql = adapter.dispatch('iso_year', 'sociaal_domein_warehouse')(date_expr) -%}
    {#- sqlfluff's stand-in adapter (scripts/sqlfluff_libs) renders a dispatch as nothing -#}
    {{ return(sql if sql | trim else default__iso_year(date_expr)) }}
{%- endmacro %}

{% macro default__iso_year(date_expr) -%}
    cast(extract(isoyear from {{ date_expr }}) as integer)
{%- endmacro %}

{% macro spark__iso_year(date_expr) -%}
    cast(extract(yearofweek from {{ date_expr }}) as integer)
{%- endmacro %}

{#- ISO day of the week: 1 = Monday .. 7 = Sunday. -#}
{% macro iso_weekday(date_expr) -%}
    {%- set sql = adapter.dispatch('iso_weekday', 'sociaal_domein_warehouse')(date_expr) -%}
    {#- sqlfluff's stand-in adapter (scripts/sqlfluff_libs) renders a dispatch as nothing -#}
    {{ return(sql if sql | trim else default__iso_weekday(date_expr)) }}
{%- endmacro %}

{% macro default__iso_weekday(date_expr) -%}
    cast(extract(isodow from {{ date_expr }}) as integer)
{%- endmacro %}

{% macro spark__iso_weekday(date_expr) -%}
    cast(extract(dayofweek_iso from {{ date_expr }}) as integer)
{%- endmacro %}

{#-
    4-week declaratieperiode (1..13) of a date, per the input contract: period p covers ISO weeks
    4p-3 .. 4p of the ISO year; a 53rd ISO week joins period 13.
-#}
{% macro declaratieperiode(date_expr) -%}
    least(cast(ceil({{ iso_week(date_expr) }} / 4.0) as integer), 13)
{%- endmacro %}
