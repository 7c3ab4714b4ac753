{#-
    The prognose's "last year" of a cell, in one place: a left join of `relation` as `alias` on the
    row of the year before `current` (jaar + 1), same gemeente and wet, and either the same
    productcategorie or (wet_totaal=true) the wet's 'totaal' row. int_financien_productcategorie_jaar
    takes last year's verzilveringsgraad from these rows (the category's, else the wet's), and
    mart_financien_prognose ties its suppression to the same rows as published; both join here, so
    the two cannot come to mean different years or rows. Usage, after `from <current>`:

        {{ join_vorig_jaar('met_graad', 'vorig', 'huidig') }}
        {{ join_vorig_jaar('met_graad', 'vorig_wet', 'huidig', wet_totaal=true) }}
-#}
{% macro join_vorig_jaar(relation, alias, current, wet_totaal=false) -%}
    left join {{ relation }} as {{ alias }}
        on
            {{ current }}.gemeente_code = {{ alias }}.gemeente_code
            and {{ current }}.jaar = {{ alias }}.jaar + 1
            and {{ current }}.wet_code = {{ alias }}.wet_code
    {%- if wet_totaal %}
            and {{ alias }}.productcategorie_code = 'totaal'
    {%- else %}
            and {{ current }}.productcategorie_code = {{ alias }}.productcategorie_code
    {%- endif %}
{%- endmacro %}
