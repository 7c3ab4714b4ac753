-- Money per gemeente x year x wet x productcategorie (+ 'totaal' per wet): verplichting,
-- realisatie, verzilveringsgraad, unique clients and average cost per client. Figures from
-- int_financien_productcategorie_jaar (verzilveringsgraad is computed there, once); suppressed as
-- declared in _financien__models.yml.
-- depends_on: {{ ref('mart_gebruik') }} (figures published there too: declaration `inherit`)
with

cijfers as (

    select * from {{ ref('int_financien_productcategorie_jaar') }}

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
        cijfers.*,
        cast(
            cijfers.bedrag_realisatie / nullif(cijfers.aantal_unieke_clienten, 0) as decimal(18, 2)
        ) as bedrag_gemiddelde_kosten_per_client,
        cast(
            {{ code_omschrijving('productcategorieen.productcategorie_omschrijving', 'cijfers.productcategorie_code') }}
            as {{ dbt.type_string() }}
        ) as productcategorie_omschrijving
    from cijfers
    left join productcategorieen
        on
            cijfers.wet_code = productcategorieen.wet
            and cijfers.productcategorie_code = productcategorieen.productcategorie_code

)

select * from final
