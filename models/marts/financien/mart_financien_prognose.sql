-- Prognose per gemeente x year x wet x productcategorie (+ 'totaal' per wet): realisatie so far,
-- verplichting still to come, last year's verzilveringsgraad and the prognose. Figures from
-- int_financien_productcategorie_jaar; suppressed as declared in _financien__models.yml (last
-- year's verzilveringsgraad with the counts it came from: vorig_jaar_aantal_*).
-- depends_on: {{ ref('mart_financien_productcategorie') }} (figures published there too: declaration `inherit`)
with

cijfers as {{ inline_cte() }} (

    select * from {{ ref('int_financien_productcategorie_jaar') }}

),

figuren as (

    select
        cijfers.*,
        cijfers.bedrag_realisatie as bedrag_realisatie_tot_nu,
        vorig_jaar.aantal_voorzieningen as vorig_jaar_aantal_voorzieningen,
        vorig_jaar.aantal_clienten_realisatie as vorig_jaar_aantal_clienten_realisatie
    from cijfers
    left join cijfers as vorig_jaar
        on
            cijfers.gemeente_code = vorig_jaar.gemeente_code
            and cijfers.jaar = vorig_jaar.jaar + 1
            and cijfers.wet_code = vorig_jaar.wet_code
            and cijfers.productcategorie_code = vorig_jaar.productcategorie_code

),

-- the productcategorie in words beside its code (macro met_productcategorie_omschrijving)
final as (

    {{ met_productcategorie_omschrijving('figuren') }}

)

select * from final
