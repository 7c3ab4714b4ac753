-- Prognose per gemeente x year x wet x productcategorie (+ 'totaal' per wet): realisatie so far,
-- verplichting still to come, last year's verzilveringsgraad and the prognose. Figures from
-- int_financien_productcategorie_jaar; suppressed as declared in _financien__models.yml. The
-- kostenpost of the productcategorie is published beside it: mart_financien_begroting publishes the
-- prognose per kostenpost, the sum of these rows (declaration `within` / `total_in`). Helpers (not
-- published), which tie the suppression to what mart_financien_productcategorie shows:
--   vorig_jaar_aantal_*            the counts last year's verzilveringsgraad came from; NULL when
--                                  mart_financien_productcategorie suppresses that graad (its
--                                  aandeel_verzilvering of the previous year: the same figure; shown
--                                  beside last year's verplichting it would give a suppressed
--                                  realisatie away)
--   aantal_voorzieningen_prognose  the voorzieningen whose verplichting still to come the prognose
--                                  extrapolates: 0 in a year that ended (prognose = realisatie,
--                                  suppressed as the realisatie is); else aantal_voorzieningen, NULL
--                                  when mart_financien_productcategorie suppresses it or, with a
--                                  verplichting still to come, the graad the prognose uses (the
--                                  category's, or the wet's) is suppressed there
-- depends_on: {{ ref('mart_financien_productcategorie') }} (figures published there too: declaration `inherit`)
with

cijfers as {{ inline_cte() }} (select * from {{ ref('int_financien_productcategorie_jaar') }}),

gepubliceerd as {{ inline_cte() }} (

    select
        gemeente_code,
        cast(extract(year from periode_start) as integer) as jaar,
        wet_code,
        productcategorie_code,
        kostenpost,
        aantal_voorzieningen_is_onderdrukt,
        aandeel_verzilvering_is_onderdrukt
    from {{ ref('mart_financien_productcategorie') }}

),

figuren as (

    select
        cijfers.*,
        cijfers.bedrag_realisatie as bedrag_realisatie_tot_nu,
        case
            when not vorig_gepubliceerd.aandeel_verzilvering_is_onderdrukt then vorig_jaar.aantal_voorzieningen
        end as vorig_jaar_aantal_voorzieningen,
        case
            when not vorig_gepubliceerd.aandeel_verzilvering_is_onderdrukt then vorig_jaar.aantal_clienten_realisatie
        end as vorig_jaar_aantal_clienten_realisatie,
        -- the graad the prognose uses (the category's, else the wet's; none in the first year) is
        -- shown there
        case
            when vorig_jaar.aandeel_verzilvering is not null
                then not vorig_gepubliceerd.aandeel_verzilvering_is_onderdrukt
            else coalesce(not vorig_wet_gepubliceerd.aandeel_verzilvering_is_onderdrukt, true)
        end as is_graad_getoond
    from cijfers
    {{ join_vorig_jaar('cijfers', 'vorig_jaar', 'cijfers') }}
    {{ join_vorig_jaar('gepubliceerd', 'vorig_gepubliceerd', 'cijfers') }}
    {{ join_vorig_jaar('gepubliceerd', 'vorig_wet_gepubliceerd', 'cijfers', wet_totaal=true) }}

),

-- the productcategorie in words beside its code (macro met_productcategorie_omschrijving)
omschreven as (

    {{ met_productcategorie_omschrijving('figuren') }}

),

final as (

    select
        omschreven.*,
        gepubliceerd.kostenpost,
        case
            when omschreven.is_volledig then 0
            when gepubliceerd.aantal_voorzieningen_is_onderdrukt then null
            when
                omschreven.bedrag_verplichting_rest_jaar = 0
                or omschreven.productcategorie_code = 'totaal'
                or omschreven.is_graad_getoond
                then omschreven.aantal_voorzieningen
        end as aantal_voorzieningen_prognose
    from omschreven
    left join gepubliceerd using (gemeente_code, jaar, wet_code, productcategorie_code)

)

select * from final
