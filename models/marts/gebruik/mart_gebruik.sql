-- Use of Wmo and Jeugd (kpi-definitions.md, "Use"): unique clients, active voorzieningen and the
-- flows (instroom by type, uitstroom, netto) per gemeente, period, wet and productcategorie, plus
-- the wet's total row (productcategorie_code 'totaal'). Figures: int_gebruik_telling; this model
-- adds the share of returning instroom. Suppression (materialization suppressed_table) follows
-- the declaration in _gebruik__models.yml.
with

telling as (

    select * from {{ ref('int_gebruik_telling') }}

),

productcategorieen as (

    select
        wet,
        productcategorie_code,
        productcategorie_omschrijving
    from {{ ref('code_productcategorie') }}

),

final as (

    select
        telling.*,
        cast(
            1.0 * (telling.aantal_instroom_herindicatie + telling.aantal_instroom_geen_herindicatie)
            / nullif(telling.aantal_instroom, 0) as {{ dbt.type_numeric() }}
        ) as aandeel_terugkerend,
        cast(
            {{ code_omschrijving('productcategorieen.productcategorie_omschrijving', 'telling.productcategorie_code') }}
            as {{ dbt.type_string() }}
        ) as productcategorie_omschrijving
    from telling
    left join productcategorieen
        on
            telling.wet_code = productcategorieen.wet
            and telling.productcategorie_code = productcategorieen.productcategorie_code

)

select * from final
