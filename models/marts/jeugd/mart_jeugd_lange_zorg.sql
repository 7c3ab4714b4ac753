-- Jeugdigen met lange zorginzet, published: int_zorg_jeugd_lange_zorg with the share lange
-- zorginzet / in zorg, suppressed as declared in _jeugd__models.yml (no additive group).
with

figuren as (select * from {{ ref('int_zorg_jeugd_lange_zorg') }}),

final as (

    select
        figuren.*,
        {{ aandeel('figuren.aantal_jeugdigen_lange_zorginzet', 'figuren.aantal_jeugdigen_in_zorg') }}
            as aandeel_lange_zorginzet
    from figuren

)

select * from final
