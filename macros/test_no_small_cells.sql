{#-
    Generic test: no published value of column_name lies from 1 to threshold - 1 (default
    var('min_celgrootte')). 0 and NULL (suppressed) pass. Fails with the offending rows.
-#}
{% test no_small_cells(model, column_name, threshold=none) %}
    {%- set threshold = var('min_celgrootte') if threshold is none else threshold %}
    select *
    from {{ model }}
    where {{ column_name }} >= 1 and {{ column_name }} < {{ threshold }}
{% endtest %}
