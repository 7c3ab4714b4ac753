{#-
    The words beside a code in a mart: the code list's omschrijving (a seed joined by the mart),
    and for the rows the marts add themselves 'Totaal' (code 'totaal') and 'Onbekend' (code
    'onbekend', a value not delivered).
-#}
{% macro code_omschrijving(omschrijving, code) -%}
    coalesce(
        {{ omschrijving }},
        case {{ code }} when 'totaal' then 'Totaal' when 'onbekend' then 'Onbekend' end
    )
{%- endmacro %}
