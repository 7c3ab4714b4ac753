{#-
    The rows of `relation` (a CTE) with one coded column in words beside it: `<naam>_omschrijving`
    from the code list `code_<naam>` (a seed with the columns <naam>_code and <naam>_omschrijving)
    for the row's `<naam>_code`, and 'Totaal' / 'Onbekend' for the rows the marts add themselves
    (macro code_omschrijving). The one place a mart looks up the words of a code list with a
    single key; the productcategorie, whose code is unique within a wet only, has
    met_productcategorie_omschrijving. Use it as a select statement.
-#}
{% macro met_code_omschrijving(relation, naam) -%}
    select
        sdw_rij.*,
        cast(
            {{ code_omschrijving('sdw_code.' ~ naam ~ '_omschrijving', 'sdw_rij.' ~ naam ~ '_code') }}
            as {{ dbt.type_string() }}
        ) as {{ naam }}_omschrijving
    from {{ relation }} as sdw_rij
    left join {{ ref('code_' ~ naam) }} as sdw_code
        on sdw_rij.{{ naam }}_code = sdw_code.{{ naam }}_code
{%- endmacro %}
