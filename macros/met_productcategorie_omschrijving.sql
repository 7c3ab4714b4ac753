{#-
    The rows of `relation` (a CTE with wet_code and productcategorie_code) with the
    productcategorie in words beside the code: productcategorie_omschrijving from the code list
    (seed code_productcategorie; 'Totaal' for the wet's total row, macro code_omschrijving). The one
    place the marts that publish a productcategorie look its words up.
-#}
{% macro met_productcategorie_omschrijving(relation) -%}
    select
        sdw_rij.*,
        cast(
            {{ code_omschrijving('sdw_code.productcategorie_omschrijving', 'sdw_rij.productcategorie_code') }}
            as {{ dbt.type_string() }}
        ) as productcategorie_omschrijving
    from {{ relation }} as sdw_rij
    left join {{ ref('code_productcategorie') }} as sdw_code
        on
            sdw_rij.wet_code = sdw_code.wet
            and sdw_rij.productcategorie_code = sdw_code.productcategorie_code
{%- endmacro %}
