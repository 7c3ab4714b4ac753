-- Stapeling binnen wet, published: int_zorg_stapeling_binnen_wet, suppressed as declared in
-- _stapeling__models.yml (the classes 1, 2, 3, 4+ with their total 'totaal' per gemeente,
-- peildatum and wet; ties go to the class order).
with

figuren as (select * from {{ ref('int_zorg_stapeling_binnen_wet') }}),

final as (

    select * from figuren

)

select * from final
