{#-
    Generic test on a published mart (model level): no count the mart's suppression declaration
    lists (config.meta.suppression.counts) is published with a value from 1 to threshold - 1
    (default var('min_celgrootte')). 0 and NULL (suppressed) pass. Also fails when a count and its
    flag disagree: NULL without <count>_is_onderdrukt, or a value shown with the flag set.
-#}
{% test no_small_cells(model, threshold=none) %}
    {%- set decl = sdc_declaration(model.identifier) -%}
    {%- set threshold = ((decl or {}).get('threshold', var('min_celgrootte'))) if threshold is none else threshold -%}
    {%- if decl is none or not sdc_counts(decl, true) %}
    select 1 as kolom where 1 = 0
    {%- else %}
    {%- for col in sdc_counts(decl, true) %}
    select
        '{{ col }}' as kolom,
        {{ decl['grain'] | join(', ') }},
        {{ col }} as waarde
    from {{ model }}
    where
        ({{ col }} >= 1 and {{ col }} < {{ threshold }})
        or ({{ col }} is null) != {{ col }}_is_onderdrukt
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- endif %}
{% endtest %}
