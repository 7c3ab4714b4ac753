-- Realisatie per gemeente x period (maand, kwartaal, jaar) x wet x productcategorie on the
-- declaratie (+ 'totaal' per wet), with the data-quality amounts of declaraties against an unknown
-- or withdrawn beschikking. Figures from int_realisatie_periode; suppressed as declared in
-- _financien__models.yml (the data-quality amounts on their own client counts, which are grouped
-- over the productcategorieen like the published counts but not published).
-- depends_on: {{ ref('mart_financien_productcategorie') }} (figures published there too: declaration `inherit`)
with

cijfers as (

    select * from {{ ref('int_realisatie_periode') }}

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
