{#-
    Median of a numeric expression as an aggregate: the middle value, and for an even count the
    mean of the two middle values (kpi-definitions.md, wachttijd). Null values are ignored; the
    median of no values is null.

    Rendered as the SQL:2008 ordered-set aggregate `percentile_cont(0.5) within group (order by x)`:
    continuous interpolation at 0.5 is exactly the mean of the two middle values for an even count.
    DuckDB, Postgres, Snowflake, Redshift, Oracle and Databricks accept this form. DuckDB's own
    `median()` is deliberately not used (it returns the lower middle value for non-numeric input,
    and is not portable); put an adapter-specific variant here if a target lacks the standard form.
    The result is cast to dbt.type_numeric() so x.5 survives on every adapter.
-#}
{% macro zorg_median(expression) -%}
    cast(percentile_cont(0.5) within group (order by {{ expression }}) as {{ dbt.type_numeric() }})
{%- endmacro %}
