-- Participatiewet households by duur in bijstand per gemeente and month-end peildatum (grain and
-- definitions in _participatie__models.yml). Figures from int_participatie_duur; suppressed as declared.
with

figuren as (select * from {{ ref('int_participatie_duur') }}),

final as (

    {{ met_wet_code('figuren', 'PW') }}

)

select * from final
