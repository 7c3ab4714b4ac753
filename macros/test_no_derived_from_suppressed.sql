{#-
    Generic test on a published mart (model level): no derived figure of the mart's suppression
    declaration (config.meta.suppression.derived: a share, average, rate ... computed from counts)
    is published while a published count it comes from is suppressed, and its flag
    <column>_is_onderdrukt (when the declaration emits one) is set then; when every count it comes
    from is published, set only then. A derived figure shown beside a suppressed count would give
    the count away (a rate times the population is the count). Counts the mart does not publish
    (helper counts) are not columns to read: the materialization alone judges those.
-#}
{% test no_derived_from_suppressed(model) %}
    {%- set decl = sdc_declaration(model.identifier) -%}
    {%- set counts = [] if decl is none else sdc_counts(decl, true) -%}
    {%- set checks = [] -%}
    {%- for item in ([] if decl is none else decl.get('derived', [])) -%}
        {%- set published = item['counts'] | select('in', counts) | list -%}
        {%- if published -%}
            {%- set suppressed = [] -%}
            {%- for count in published -%}
                {%- do suppressed.append(count ~ '_is_onderdrukt') -%}
            {%- endfor -%}
            {%- do checks.append((
                item['column'],
                suppressed | join(' or '),
                item.get('flag', true),
                published | length == item['counts'] | length
            )) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not checks %}
    select 1 as kolom where 1 = 0
    {%- else %}
    {%- for column, suppressed, flag, all_published in checks %}
    select
        '{{ column }}' as kolom,
        {{ decl['grain'] | join(', ') }}
    from {{ model }}
    where
        (({{ suppressed }}) and {{ column }} is not null)
        {%- if flag and all_published %}
        or ({{ suppressed }}) != {{ column }}_is_onderdrukt
        {%- elif flag %}
        or (({{ suppressed }}) and not {{ column }}_is_onderdrukt)
        {%- endif %}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- endif %}
{% endtest %}
