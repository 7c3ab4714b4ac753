-- Jeugd zwaarte, published: int_zorg_jeugd_zwaarte with small-cell suppression as the last step.
-- Additive group: aantal_actieve_voorzieningen over licht, middel, zwaar, onbekend = totaal (per
-- gemeente and period; ties in that order). aantal_unieke_jeugdigen is not additive (a jeugdige
-- can have voorzieningen of several zwaartes) and gets primary suppression only.
{%- set zwaarte_volgorde %}
case zwaarte
    when 'licht' then 1
    when 'middel' then 2
    when 'zwaar' then 3
    when 'onbekend' then 4
    else 5
end
{%- endset %}
with

zwaarte as (

    select * from {{ ref('int_zorg_jeugd_zwaarte') }}

),

onderdrukt as (

    {{ suppress_cells(
        'zwaarte',
        dimensions=['gemeente_code', 'periode_type', 'periode_start', 'periode_eind', 'periode_label', 'zwaarte'],
        count_columns=['aantal_actieve_voorzieningen', 'aantal_unieke_jeugdigen'],
        additive_groups=[
            {
                'category': 'zwaarte',
                'total': "'totaal'",
                'columns': ['aantal_actieve_voorzieningen'],
                'order_by': zwaarte_volgorde,
            },
        ],
    ) }}

),

final as (

    select * from onderdrukt

)

select * from final
