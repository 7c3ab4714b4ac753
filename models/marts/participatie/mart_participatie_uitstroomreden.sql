-- Participatiewet uitstroom by uitstroomreden per gemeente and period (grain and definitions in
-- _participatie__models.yml). Figures from int_participatie_uitstroomreden; suppression is the last step.
with

uitstroom as (

    select * from {{ ref('int_participatie_uitstroomreden') }}

),

onderdrukt as (

    {{ suppress_cells(
        'uitstroom',
        dimensions=['gemeente_code', 'periode_type', 'periode_start', 'periode_eind', 'periode_label', 'uitstroomreden_code'],
        count_columns=['aantal_uitstroom'],
        additive_groups=[{'category': 'uitstroomreden_code', 'total': "'totaal'"}],
    ) }}

),

final as (

    select
        onderdrukt.gemeente_code,
        cast('PW' as {{ dbt.type_string() }}) as wet_code,
        onderdrukt.periode_type,
        onderdrukt.periode_start,
        onderdrukt.periode_eind,
        onderdrukt.periode_label,
        onderdrukt.uitstroomreden_code,
        uitstroom.is_werk,
        onderdrukt.aantal_uitstroom,
        onderdrukt.aantal_uitstroom_is_onderdrukt
    from onderdrukt
    inner join uitstroom
        on
            onderdrukt.gemeente_code = uitstroom.gemeente_code
            and onderdrukt.periode_type = uitstroom.periode_type
            and onderdrukt.periode_start = uitstroom.periode_start
            and onderdrukt.uitstroomreden_code = uitstroom.uitstroomreden_code

)

select * from final
