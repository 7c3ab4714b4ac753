{#- Key of a product in dim_product: wet, productcategorie and productcode (codes are only unique per wet). -#}
{% macro product_id(wet_col, productcategorie_col, productcode_col) -%}
    {{ dbt.concat([wet_col, "'-'", productcategorie_col, "'-'", productcode_col]) }}
{%- endmacro %}

{#- Key of a provider in dim_aanbieder: the AGB code, or the 'onbekend' member (PGB, not delivered). -#}
{% macro aanbieder_id(agb_col) -%}
    coalesce({{ agb_col }}, 'onbekend')
{%- endmacro %}

{#- Key of a verwijzer in dim_verwijzer: the verwijzer_id, or the 'onbekend' member when not delivered. -#}
{% macro verwijzer_id(verwijzer_id_col) -%}
    coalesce({{ verwijzer_id_col }}, 'onbekend')
{%- endmacro %}
