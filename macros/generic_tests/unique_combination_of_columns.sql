{#- Generic test: the combination of the given columns is unique (no null handling: nulls are values). -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}
    {{ duplicate_keys(model, combination_of_columns) }}
{% endtest %}
