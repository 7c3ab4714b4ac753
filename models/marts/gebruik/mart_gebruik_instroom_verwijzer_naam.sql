{#-
    Instroom of Wmo and Jeugd by verwijzer, per gemeente, calendar year, wet, verwijzer type and
    verwijzer, plus one total row per type (verwijzer_id 'totaal').

    The verwijzers of a type add up to the type's instroom, which mart_gebruik_instroom_verwijzer
    publishes (its year rows) with its own suppression. So the type total here is not suppressed
    anew: it is that published figure, value and flag, and the verwijzers are suppressed against
    it. To hand suppress_cells a total that is already suppressed, the total row enters it with the
    value 1 (below any threshold above 1, so primary-suppressed; a flag can only be set when the
    threshold is above 1), and leaves it NULL, as published.
-#}
{%- set dimensions = [
    'gemeente_code', 'periode_type', 'periode_start', 'periode_eind', 'periode_label', 'wet_code',
    'verwijzer_type_code', 'verwijzer_id',
] -%}

with

verwijzers as (

    select * from {{ ref('int_gebruik_verwijzer_naam_telling') }}

),

types as (

    select * from {{ ref('mart_gebruik_instroom_verwijzer') }}
    where periode_type = 'jaar'

),

cellen as (

    select
        verwijzers.gemeente_code,
        verwijzers.periode_type,
        verwijzers.periode_start,
        verwijzers.periode_eind,
        verwijzers.periode_label,
        verwijzers.wet_code,
        verwijzers.verwijzer_type_code,
        verwijzers.verwijzer_id,
        verwijzers.aantal_instroom
    from verwijzers

    union all

    select
        types.gemeente_code,
        types.periode_type,
        types.periode_start,
        types.periode_eind,
        types.periode_label,
        types.wet_code,
        types.verwijzer_type_code,
        'totaal' as verwijzer_id,
        case when types.aantal_instroom_is_onderdrukt then 1 else types.aantal_instroom end as aantal_instroom
    from types
    where types.verwijzer_type_code != 'totaal'

),

onderdrukt as (
    {{ suppress_cells(
        'cellen',
        dimensions=dimensions,
        count_columns=['aantal_instroom'],
        additive_groups=[
            {
                'category': 'verwijzer_id',
                'total': "'totaal'",
                'partition_by': ['gemeente_code', 'periode_type', 'periode_start', 'wet_code', 'verwijzer_type_code'],
            },
        ],
        passes=1,
    ) }}
),

final as (

    select
        onderdrukt.gemeente_code,
        onderdrukt.periode_type,
        onderdrukt.periode_start,
        onderdrukt.periode_eind,
        onderdrukt.periode_label,
        onderdrukt.wet_code,
        onderdrukt.verwijzer_type_code,
        types.verwijzer_type_omschrijving,
        onderdrukt.verwijzer_id,
        case
            when onderdrukt.verwijzer_id = 'totaal' then 'Totaal'
            else verwijzers.verwijzer_naam
        end as verwijzer_naam,
        onderdrukt.aantal_instroom,
        onderdrukt.aantal_instroom_is_onderdrukt
    from onderdrukt
    inner join types
        on
            onderdrukt.gemeente_code = types.gemeente_code
            and onderdrukt.periode_start = types.periode_start
            and onderdrukt.wet_code = types.wet_code
            and onderdrukt.verwijzer_type_code = types.verwijzer_type_code
    left join verwijzers
        on
            onderdrukt.gemeente_code = verwijzers.gemeente_code
            and onderdrukt.periode_start = verwijzers.periode_start
            and onderdrukt.wet_code = verwijzers.wet_code
            and onderdrukt.verwijzer_type_code = verwijzers.verwijzer_type_code
            and onderdrukt.verwijzer_id = verwijzers.verwijzer_id

)

select * from final
