-- Stapeling over wetten, published: int_zorg_stapeling_wetten, suppressed as declared in
-- _stapeling__models.yml (the seven combinations of wetten with their total 'totaal' per gemeente
-- and peildatum). combinatie_volgorde orders ties: WMO, JW, PW, WMO+JW, WMO+PW, JW+PW, WMO+JW+PW.
with

figuren as (select * from {{ ref('int_zorg_stapeling_wetten') }}),

final as (

    select
        figuren.*,
        case figuren.wetten_combinatie
            when 'WMO' then 1
            when 'JW' then 2
            when 'PW' then 3
            when 'WMO+JW' then 4
            when 'WMO+PW' then 5
            when 'JW+PW' then 6
            when 'WMO+JW+PW' then 7
            else 8
        end as combinatie_volgorde
    from figuren

)

select * from final
