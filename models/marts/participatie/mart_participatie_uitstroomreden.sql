-- Participatiewet uitstroom by uitstroomreden per gemeente and period (grain and definitions in
-- _participatie__models.yml). Figures from int_participatie_uitstroomreden; suppressed as declared.
-- depends_on: {{ ref('mart_participatie_bestand') }} (figures published there too: declaration `inherit`)
with

figuren as (select * from {{ ref('int_participatie_uitstroomreden') }}),

met_wet as (

    {{ met_wet_code('figuren', 'PW') }}

),

-- the uitstroomreden in words beside its code (macro met_code_omschrijving)
final as (

    {{ met_code_omschrijving('met_wet', 'uitstroomreden') }}

)

select * from final
