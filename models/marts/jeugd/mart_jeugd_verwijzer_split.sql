-- Jeugd gemeente / niet-gemeente, published: int_zorg_jeugd_verwijzer_split with small-cell
-- suppression as the last step. Additive group: alleen_gemeente + alleen_niet_gemeente + beide
-- = totaal (per gemeente and period).
with

verwijzer_split as (

    select * from {{ ref('int_zorg_jeugd_verwijzer_split') }}

),

onderdrukt as (

    {{ suppress_cells(
        'verwijzer_split',
        dimensions=[
            'gemeente_code', 'periode_type', 'periode_start', 'periode_eind', 'periode_label', 'verwijzer_groep',
        ],
        count_columns=['aantal_unieke_jeugdigen'],
        additive_groups=[{'category': 'verwijzer_groep', 'total': "'totaal'"}],
    ) }}

),

final as (

    select * from onderdrukt

)

select * from final
