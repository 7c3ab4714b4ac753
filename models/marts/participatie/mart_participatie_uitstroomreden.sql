-- Participatiewet uitstroom by uitstroomreden per gemeente and period (grain and definitions in
-- _participatie__models.yml). Figures from int_participatie_uitstroomreden; suppressed as declared.
-- depends_on: {{ ref('mart_participatie_bestand') }} (figures published there too: declaration `inherit`)
with

figuren as (select * from {{ ref('int_participatie_uitstroomreden') }}),

codes as (

    select
        uitstroomreden_code,
        uitstroomreden_omschrijving
    from {{ ref('code_uitstroomreden') }}

),

final as (

    select
        figuren.*,
        cast('PW' as {{ dbt.type_string() }}) as wet_code,
        cast(
            {{ code_omschrijving('codes.uitstroomreden_omschrijving', 'figuren.uitstroomreden_code') }}
            as {{ dbt.type_string() }}
        ) as uitstroomreden_omschrijving
    from figuren
    left join codes using (uitstroomreden_code)

)

select * from final
