-- Prognose per gemeente x year x wet x productcategorie (+ 'totaal' per wet): realisatie so far,
-- verplichting still to come, last year's verzilveringsgraad and the prognose. Figures from
-- int_financien_productcategorie_jaar; suppressed as declared in _financien__models.yml (last
-- year's verzilveringsgraad with the counts it came from: vorig_jaar_aantal_*).
-- depends_on: {{ ref('mart_financien_productcategorie') }} (figures published there too: declaration `inherit`)
with

cijfers as {{ inline_cte() }} (

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
        cijfers.bedrag_realisatie as bedrag_realisatie_tot_nu,
        vorig_jaar.aantal_voorzieningen as vorig_jaar_aantal_voorzieningen,
        vorig_jaar.aantal_clienten_realisatie as vorig_jaar_aantal_clienten_realisatie,
        cast(
            {{ code_omschrijving('productcategorieen.productcategorie_omschrijving', 'cijfers.productcategorie_code') }}
            as {{ dbt.type_string() }}
        ) as productcategorie_omschrijving
    from cijfers
    left join productcategorieen
        on
            cijfers.wet_code = productcategorieen.wet
            and cijfers.productcategorie_code = productcategorieen.productcategorie_code
    left join cijfers as vorig_jaar
        on
            cijfers.gemeente_code = vorig_jaar.gemeente_code
            and cijfers.jaar = vorig_jaar.jaar + 1
            and cijfers.wet_code = vorig_jaar.wet_code
            and cijfers.productcategorie_code = vorig_jaar.productcategorie_code

)

select * from final
