-- noqa: disable=LT02
-- (sqlfluff's jinja variants misjudge the indentation of jinja tags in macro bodies; the SQL
-- this macro renders runs in the two fixture tests that call it.)
{#-
    The cells where a suppression fixture differs from its hand-traced expectation, for the
    singular tests fixture_suppressie*_zoals_verwacht: `uitkomst` (per cell: the `keys`,
    is_onderdrukt and is_leeg, the figure NULL) full outer joined on the keys with `verwacht` (the
    keys and is_onderdrukt). A cell differs when it is missing on either side, suppressed where
    it should be shown or the other way round, or NULL without being suppressed (or the reverse).
    Returns the keys, is_onderdrukt, is_leeg and verwacht_onderdrukt of every differing cell.
-#}
{% macro sdc_expected_differences(uitkomst, verwacht, keys) -%}
    select
        {%- for key in keys %}
        coalesce({{ uitkomst }}.{{ key }}, {{ verwacht }}.{{ key }}) as {{ key }},
        {%- endfor %}
        {{ uitkomst }}.is_onderdrukt,
        {{ uitkomst }}.is_leeg,
        {{ verwacht }}.is_onderdrukt as verwacht_onderdrukt
    from {{ uitkomst }}
    full outer join {{ verwacht }}
        on
        {%- for key in keys %}
            {{ 'and ' if not loop.first }}{{ uitkomst }}.{{ key }} = {{ verwacht }}.{{ key }}
        {%- endfor %}
    where
        {{ uitkomst }}.is_onderdrukt is null
        or {{ verwacht }}.is_onderdrukt is null
        or {{ uitkomst }}.is_onderdrukt != {{ verwacht }}.is_onderdrukt
        or {{ uitkomst }}.is_leeg != {{ uitkomst }}.is_onderdrukt
{%- endmacro %}
