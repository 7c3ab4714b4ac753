{#-
    Instroom of Wmo and Jeugd by verwijzer type (kpi-definitions.md, verwijzer van instroom) per
    gemeente, period, wet and verwijzer_type_code of the voorziening, plus the wet's total row
    (verwijzer_type_code 'totaal'). Figures: int_gebruik_verwijzer_telling; this model only
    suppresses.
-#}
{%- set dimensions = [
    'gemeente_code', 'periode_type', 'periode_start', 'periode_eind', 'periode_label', 'wet_code',
    'verwijzer_type_code', 'kwartaal_groep', 'jaar_groep',
] -%}
{%- set count_columns = ['aantal_instroom', 'aantal_instroom_nieuw'] -%}
{%- set additive_groups = [
    {
        'category': 'verwijzer_type_code',
        'total': "'totaal'",
        'columns': count_columns,
        'partition_by': ['gemeente_code', 'periode_type', 'periode_start', 'wet_code'],
    },
] + gebruik_periode_groepen(count_columns, ['gemeente_code', 'wet_code', 'verwijzer_type_code']) -%}

with

telling as (

    select
        telling.*,
        {{ gebruik_periode_hulpkolommen('telling.periode_type', 'telling.periode_start') }}
    from {{ ref('int_gebruik_verwijzer_telling') }} as telling

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
        onderdrukt.verwijzer_type_code,
        telling.verwijzer_type_omschrijving,
        {{ gebruik_kolommen_met_vlag('onderdrukt', count_columns) }}
    from onderdrukt
    inner join telling
        on
            onderdrukt.gemeente_code = telling.gemeente_code
            and onderdrukt.periode_type = telling.periode_type
            and onderdrukt.periode_start = telling.periode_start
            and onderdrukt.wet_code = telling.wet_code
            and onderdrukt.verwijzer_type_code = telling.verwijzer_type_code

)

select * from final
