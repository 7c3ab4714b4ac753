-- Participatiewet stock and flows per gemeente, period and regeling (grain and definitions in
-- _participatie__models.yml). Figures from int_participatie_bestand; suppressed as declared: the
-- amounts with the counts behind them (aantal_uitkeringen_betaald and the smallest month of
-- uitkeringen met werk are guards, not published).
with

figuren as (

    select * from {{ ref('int_participatie_bestand') }}

),

final as (

    select
        figuren.*,
        cast('PW' as {{ dbt.type_string() }}) as wet_code
    from figuren

)

select * from final
