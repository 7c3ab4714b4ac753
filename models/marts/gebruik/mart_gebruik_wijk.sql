{#-
    Use of Wmo and Jeugd by wijk: unique clients (by the client's wijk in the period), instroom and
    uitstroom (by the voorziening's wijk) per gemeente, period, wet and wijk, plus the wet's total
    row (wijk_code 'totaal'). Figures: int_gebruik_wijk_telling; this model only suppresses.
-#}
{%- set dimensions = [
    'gemeente_code', 'periode_type', 'periode_start', 'periode_eind', 'periode_label', 'wet_code',
    'wijk_code', 'kwartaal_groep', 'jaar_groep',
] -%}
{%- set event_columns = ['aantal_instroom', 'aantal_uitstroom'] -%}
{%- set count_columns = ['aantal_unieke_clienten'] + event_columns -%}
{%- set additive_groups = [
    {
        'category': 'wijk_code',
        'total': "'totaal'",
        'columns': count_columns,
        'partition_by': ['gemeente_code', 'periode_type', 'periode_start', 'wet_code'],
    },
] + gebruik_periode_groepen(event_columns, ['gemeente_code', 'wet_code', 'wijk_code']) -%}

with

telling as (

    select
        telling.*,
        {{ gebruik_periode_hulpkolommen('telling.periode_type', 'telling.periode_start') }}
    from {{ ref('int_gebruik_wijk_telling') }} as telling

),

onderdrukt as (
    {{ suppress_cells(
        'telling',
        dimensions=dimensions,
        count_columns=count_columns,
        additive_groups=additive_groups,
        passes=4,
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
        onderdrukt.wijk_code,
        {{ gebruik_kolommen_met_vlag('onderdrukt', count_columns) }}
    from onderdrukt

)

select * from final
