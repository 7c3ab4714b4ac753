-- Participatiewet stock and flows per gemeente, period and regeling (grain and definitions in
-- _participatie__models.yml). Figures from int_participatie_bestand; suppressed as declared: the
-- amounts with the counts behind them (aantal_uitkeringen_betaald and the smallest month of
-- uitkeringen met werk are guards, not published).
with

figuren as (select * from {{ ref('int_participatie_bestand') }}),

codes as (

    select
        regeling_code,
        regeling_omschrijving
    from {{ ref('code_regeling') }}

),

final as (

    select
        figuren.*,
        cast('PW' as {{ dbt.type_string() }}) as wet_code,
        cast(
            {{ code_omschrijving('codes.regeling_omschrijving', 'figuren.regeling_code') }} as {{ dbt.type_string() }}
        ) as regeling_omschrijving
    from figuren
    left join codes using (regeling_code)

)

select * from final
