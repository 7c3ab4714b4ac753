{#- Dutch postcode normalised to upper case without spaces: '1234 ab' -> '1234AB'; empty -> null. -#}
{% macro normalise_postcode(column) -%}
    nullif(upper(replace({{ column }}, ' ', '')), '')
{%- endmacro %}
