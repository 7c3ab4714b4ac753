-- Lopende zaken, published: int_zorg_lopende_zaken, suppressed as declared in
-- _tijdigheid__models.yml (two counts per peildatum and wet, no additive group).
with

lopende_zaken as (select * from {{ ref('int_zorg_lopende_zaken') }}),

final as (

    select * from lopende_zaken

)

select * from final
