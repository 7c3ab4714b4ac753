-- Participatiewet clients by leeftijd per gemeente and month-end peildatum (grain and definitions in
-- _participatie__models.yml). Figures from int_participatie_leeftijd; suppression last.
with

leeftijd as (

    select * from {{ ref('int_participatie_leeftijd') }}

),

onderdrukt as (

    {{ suppress_cells(
        'leeftijd',
        dimensions=[
            'gemeente_code', 'periode_type', 'periode_start', 'periode_eind', 'periode_label', 'peildatum',
            'leeftijd_klasse', 'leeftijd_klasse_volgorde',
        ],
        count_columns=['aantal_clienten'],
        additive_groups=[{
            'category': 'leeftijd_klasse',
            'total': "'totaal'",
            'partition_by': ['gemeente_code', 'periode_start'],
            'order_by': 'leeftijd_klasse_volgorde',
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
        leeftijd_klasse,
        leeftijd_klasse_volgorde,
        aantal_clienten,
        aantal_clienten_is_onderdrukt
    from onderdrukt

)

select * from final
