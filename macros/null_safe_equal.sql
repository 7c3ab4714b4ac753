{#- a = b where null equals null (portable form of "is not distinct from"). -#}
{% macro null_safe_equal(a, b) -%}
    ({{ a }} = {{ b }} or ({{ a }} is null and {{ b }} is null))
{%- endmacro %}
