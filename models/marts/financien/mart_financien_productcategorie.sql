-- Money per gemeente x year x wet x productcategorie (+ 'totaal' per wet): verplichting,
-- realisatie, verzilveringsgraad, unique clients and average cost per client. Figures from
-- int_financien_productcategorie_jaar (verzilveringsgraad is computed there, once); suppressed as
-- declared in _financien__models.yml.
-- depends_on: {{ ref('mart_gebruik') }} (figures published there too: declaration `inherit`)
with

cijfers as (

    select * from {{ ref('int_financien_productcategorie_jaar') }}

),

figuren as (

    select
        cijfers.*,
        cast(
            cijfers.bedrag_realisatie / nullif(cijfers.aantal_unieke_clienten, 0) as decimal(18, 2)
        ) as bedrag_gemiddelde_kosten_per_client
    from cijfers

),

-- the productcategorie in words beside its code (macro met_productcategorie_omschrijving)
final as (

    {{ met_productcategorie_omschrijving('figuren') }}

)

select * from final
