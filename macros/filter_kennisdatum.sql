{#-
    The knowledge-date rule, in one place: a record version counts when it was registered on or
    before var('kennisdatum'). When the var is null (the default) every loaded version counts.
    Returns a boolean SQL expression.
-#}
{% macro filter_kennisdatum(registratiedatum_column='registratiedatum') -%}
    {%- set kennisdatum = var('kennisdatum', none) -%}
    {%- if kennisdatum is none or kennisdatum | string | trim == '' -%}
        true
    {%- else -%}
        {{ registratiedatum_column }} <= cast('{{ kennisdatum }}' as date)
    {%- endif -%}
{%- endmacro %}


{#- The knowledge date as a date literal, or null when the var is not set. -#}
{% macro kennisdatum_literal() -%}
    {%- set kennisdatum = var('kennisdatum', none) -%}
    {%- if kennisdatum is none or kennisdatum | string | trim == '' -%}
        cast(null as date)
    {%- else -%}
        cast('{{ kennisdatum }}' as date)
    {%- endif -%}
{%- endmacro %}
