-- Stapeling binnen wet, published: int_zorg_stapeling_binnen_wet with small-cell suppression as
-- the last step. Additive group: the classes 1, 2, 3, 4+ with their total 'totaal' (per
-- gemeente, peildatum and wet); ties go to the class order 1 < 2 < 3 < 4+.
with

stapeling as (

    select * from {{ ref('int_zorg_stapeling_binnen_wet') }}

),

onderdrukt as (

    {{ suppress_cells(
        'stapeling',
        dimensions=[
            'gemeente_code', 'periode_type', 'periode_start', 'periode_eind', 'periode_label', 'peildatum',
            'wet_code', 'stapeling_klasse',
        ],
        count_columns=['aantal_clienten'],
        additive_groups=[{'category': 'stapeling_klasse', 'total': "'totaal'"}],
    ) }}

),

final as (

    select * from onderdrukt

)

select * from final
