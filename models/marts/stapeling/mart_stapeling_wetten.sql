-- Stapeling over wetten, published: int_zorg_stapeling_wetten with small-cell suppression as the
-- last step. Additive group: the seven combinations of wetten with their total 'totaal' (per
-- gemeente and peildatum); ties go to the order WMO, JW, PW, WMO+JW, WMO+PW, JW+PW, WMO+JW+PW.
{%- set combinatie_volgorde %}
case wetten_combinatie
    when 'WMO' then 1
    when 'JW' then 2
    when 'PW' then 3
    when 'WMO+JW' then 4
    when 'WMO+PW' then 5
    when 'JW+PW' then 6
    when 'WMO+JW+PW' then 7
    else 8
end
{%- endset %}
with

stapeling as (

    select * from {{ ref('int_zorg_stapeling_wetten') }}

),

onderdrukt as (

    {{ suppress_cells(
        'stapeling',
        dimensions=[
            'gemeente_code', 'periode_type', 'periode_start', 'periode_eind', 'periode_label', 'peildatum',
            'wetten_combinatie',
        ],
        count_columns=['aantal_huishoudens'],
        additive_groups=[
            {'category': 'wetten_combinatie', 'total': "'totaal'", 'order_by': combinatie_volgorde},
        ],
    ) }}

),

final as (

    select * from onderdrukt

)

select * from final
