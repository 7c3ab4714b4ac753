{#-
    THE rule for the gemeente of a declaratie (kpi-definitions.md, Money): that of its beschikking
    (the voorziening's gemeente_code), else that of the client (dim_client, current version), else
    the warehouse's own gemeente (var gemeente_code). Arguments: the two joined gemeente_codes.
-#}
{% macro declaratie_gemeente(voorziening_gemeente, client_gemeente) -%}
    coalesce({{ voorziening_gemeente }}, {{ client_gemeente }}, '{{ var("gemeente_code") }}')
{%- endmacro %}
