-- Participatiewet year figures per gemeente (grain and definitions in _participatie__models.yml):
-- afname bestand and uitstroom naar werk against their targets, and the gemiddelde uitkering per
-- huishouden. Figures from int_participatie_jaar; suppressed as declared (a target flag is empty
-- when the figure it judges is suppressed).
-- depends_on: {{ ref('mart_participatie_bestand') }} (figures published there too: declaration `inherit`)
with

jaar as (select * from {{ ref('int_participatie_jaar') }}),

final as (

    {{ met_wet_code('jaar', 'PW') }}

)

select * from final
