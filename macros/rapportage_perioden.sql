{#-
    The reporting periods of one type (int_rapportage_periode: 'maand', 'kwartaal' or 'jaar'), as a
    select statement: the one place a model takes the months (the peildata) or the years its figures
    are reported for.
-#}
{% macro rapportage_perioden(periode_type) -%}
    select * from {{ ref('int_rapportage_periode') }} where periode_type = '{{ periode_type }}'
{%- endmacro %}
