{#- The figures of `relation` per gemeente, year and kostenpost (cost line of the begroting): its
    rows (gemeente_code, jaar, wet_code, productcategorie_code) mapped to the kostenpost of their
    wet and productcategorie by `kostenposten` (code_productcategorie: wet_code,
    productcategorie_code, kostenpost; a row whose wet and productcategorie it does not hold counts
    nowhere), with `measures` ("<aggregate> as <name>" over the rows of `relation`). -#}
{% macro per_kostenpost(relation, measures, kostenposten='kostenposten') -%}
    select
        {{ relation }}.gemeente_code,
        {{ relation }}.jaar,
        {{ kostenposten }}.kostenpost,
        {{ measures | join(',\n        ') }}
    from {{ relation }}
    inner join {{ kostenposten }}
        on
            {{ relation }}.wet_code = {{ kostenposten }}.wet_code
            and {{ relation }}.productcategorie_code = {{ kostenposten }}.productcategorie_code
    group by {{ relation }}.gemeente_code, {{ relation }}.jaar, {{ kostenposten }}.kostenpost
{%- endmacro %}
