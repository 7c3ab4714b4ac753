{#-
    The rows of `relation` (a CTE or relation) with the wet they count for as a column: wet_code
    `wet_code` (a code of the seed code_wet), for the marts whose intermediate model counts one wet
    only (the Participatiewet marts). Use it as a select statement.
-#}
{% macro met_wet_code(relation, wet_code) -%}
    select
        sdw_rij.*,
        cast('{{ wet_code }}' as {{ dbt.type_string() }}) as wet_code
    from {{ relation }} as sdw_rij
{%- endmacro %}
