{#-
    dbt's own `unique` test on DuckDB, through duplicate_keys: the same rows fail (values that
    occur more than once, nulls left out), found on a hash first. dbt dispatches test_unique to
    the root project before its own default, so this replaces it for every `unique` test.
-#}
{% macro duckdb__test_unique(model, column_name) -%}
    select
        {{ column_name }} as unique_field,
        aantal as n_records
    from ({{ duplicate_keys(model, [column_name], column_name ~ ' is not null') }}) as dubbel
{%- endmacro %}
