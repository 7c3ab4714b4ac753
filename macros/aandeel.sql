{#- A share (aandeel) of a count in another, the one way every figure computes it: `teller` /
    `noemer` in the engine's numeric, never an integer division (1.0 * first), null when the
    noemer is 0 (or null: a suppressed figure). -#}
{% macro aandeel(teller, noemer) -%}
    cast(1.0 * ({{ teller }}) / nullif({{ noemer }}, 0) as {{ dbt.type_numeric() }})
{%- endmacro %}
