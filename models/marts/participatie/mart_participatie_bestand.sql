-- Participatiewet stock and flows per gemeente, period and regeling (grain and definitions in
-- _participatie__models.yml). Figures from int_participatie_bestand; suppressed as declared: the
-- amounts with the counts behind them (aantal_uitkeringen_betaald and the smallest month of
-- uitkeringen met werk are guards, not published).
with

figuren as (select * from {{ ref('int_participatie_bestand') }}),

met_wet as (

    {{ met_wet_code('figuren', 'PW') }}

),

-- the regeling in words beside its code (macro met_code_omschrijving)
final as (

    {{ met_code_omschrijving('met_wet', 'regeling') }}

)

select * from final
