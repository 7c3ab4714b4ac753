{#- Generic test: the combination of the given columns is unique (no null handling: nulls are values).
    Without columns, the grain the model declares once for its suppression
    (config.meta.suppression.grain): a mart states its grain in one place, read by the suppression,
    its suppression tests and this test. -#}
{% test unique_combination_of_columns(model, combination_of_columns=none) %}
    {%- set columns = combination_of_columns -%}
    {%- if columns is none and execute -%}
        {%- set columns = sdc_declaration(model.identifier)['grain'] -%}
    {%- endif -%}
    {{ duplicate_keys(model, columns or ['1']) }}
{% endtest %}
