{#-
    Arithmetic whose spelling differs between engines (models name no engine: each form here is
    chosen by adapter.dispatch).

    type_double: an 8-byte floating point type. dbt.type_float() is not it: on DuckDB that is FLOAT,
    4 bytes.
-#}
{% macro type_double() -%}
    {%- set sql = adapter.dispatch('type_double', 'sociaal_domein_warehouse')() -%}
    {#- sqlfluff's stand-in adapter (scripts/sqlfluff_libs) renders a dispatch as nothing -#}
    {{ return(sql if sql | trim else default__type_double()) }}
{%- endmacro %}

{% macro default__type_double() -%}double precision{%- endmacro %}

{% macro duckdb__type_double() -%}double{%- endmacro %}

{% macro spark__type_double() -%}double{%- endmacro %}


{#-
    integer_divide: the integer quotient of two non-negative whole numbers (truncated; for
    non-negative operands the same as the floor). DuckDB's `/` on integers gives a double, hence
    its own operator.
-#}
{% macro integer_divide(dividend, divisor) -%}
    {%- set sql = adapter.dispatch('integer_divide', 'sociaal_domein_warehouse')(dividend, divisor) -%}
    {{ return(sql if sql | trim else default__integer_divide(dividend, divisor)) }}
{%- endmacro %}

{% macro default__integer_divide(dividend, divisor) -%}div({{ dividend }}, {{ divisor }}){%- endmacro %}

{% macro duckdb__integer_divide(dividend, divisor) -%}({{ dividend }}) // ({{ divisor }}){%- endmacro %}

{% macro spark__integer_divide(dividend, divisor) -%}({{ dividend }}) div ({{ divisor }}){%- endmacro %}
