-- Participatiewet households by duur in bijstand per gemeente and month-end peildatum (grain and
-- definitions in _participatie__models.yml). Figures from int_participatie_duur; suppression last.
with

duur as (

    select * from {{ ref('int_participatie_duur') }}

),

onderdrukt as (

    {{ suppress_cells(
        'duur',
        dimensions=[
            'gemeente_code', 'periode_type', 'periode_start', 'periode_eind', 'periode_label', 'peildatum',
            'duur_klasse', 'duur_klasse_volgorde',
        ],
        count_columns=['aantal_huishoudens'],
        additive_groups=[{
            'category': 'duur_klasse',
            'total': "'totaal'",
            'partition_by': ['gemeente_code', 'periode_start'],
            'order_by': 'duur_klasse_volgorde',
        }],
    ) }}

),

final as (

    select
        gemeente_code,
        cast('PW' as {{ dbt.type_string() }}) as wet_code,
        periode_type,
        periode_start,
        periode_eind,
        periode_label,
        peildatum,
        duur_klasse,
        duur_klasse_volgorde,
        aantal_huishoudens,
        aantal_huishoudens_is_onderdrukt
    from onderdrukt

)

select * from final
