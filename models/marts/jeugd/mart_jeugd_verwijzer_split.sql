-- Jeugd gemeente / niet-gemeente, published: int_zorg_jeugd_verwijzer_split, suppressed as declared
-- in _jeugd__models.yml (alleen_gemeente + alleen_niet_gemeente + beide = totaal).
with

figuren as (select * from {{ ref('int_zorg_jeugd_verwijzer_split') }}),

final as (

    select * from figuren

)

select * from final
