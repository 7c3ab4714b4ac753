{#- The client attributes the extracts carry on every record (prep_client_waarnemingen) and whose
    change starts a new version of the client (prep_client_versies, dim_client): declared once,
    so an attribute added here is observed, compared and versioned everywhere. -#}
{% macro client_attributen() -%}
    {{ return(['geboortedatum', 'geslacht_code', 'postcode', 'wijk_code', 'huishouden_id', 'gemeente_code']) }}
{%- endmacro %}
